// run_child(): posix_spawn, two close-on-exec pipes read with poll() until the deadline.
#include "util/child.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

extern char** environ;

namespace concord::util {
namespace {

constexpr size_t kMaxErr = 64 * 1024;

struct Pipe {
  int read = -1, write = -1;
  ~Pipe() {
    if (read >= 0) ::close(read);
    if (write >= 0) ::close(write);
  }
};

}  // namespace

ChildResult run_child(const std::vector<std::string>& argv, double seconds, size_t max_output) {
  ChildResult r;
  if (argv.empty()) {
    r.spawn_error = "no program";
    return r;
  }
  Pipe out, err;
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    r.spawn_error = std::string("pipe: ") + std::strerror(errno);
    return r;
  }
  out.read = fds[0];
  out.write = fds[1];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    r.spawn_error = std::string("pipe: ") + std::strerror(errno);
    return r;
  }
  err.read = fds[0];
  err.write = fds[1];

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out.write, 1);  // dup2 clears close-on-exec
  posix_spawn_file_actions_adddup2(&actions, err.write, 2);
  // The child starts with default signal dispositions and an empty mask (the server blocks
  // SIGINT and SIGTERM in its threads).
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, argv[0].c_str(), &actions, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  ::close(out.write);
  ::close(err.write);
  out.write = err.write = -1;
  if (spawned != 0) {
    r.spawn_error = argv[0] + ": " + std::strerror(spawned);
    return r;
  }

  using Clock = std::chrono::steady_clock;
  const Clock::time_point deadline =
      Clock::now() + std::chrono::microseconds(static_cast<long long>(seconds * 1e6));
  bool out_open = true, err_open = true, kill_it = false;
  char buf[65536];
  while ((out_open || err_open) && !kill_it) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      r.timed_out = kill_it = true;
      break;
    }
    pollfd p[2] = {{out_open ? out.read : -1, POLLIN, 0}, {err_open ? err.read : -1, POLLIN, 0}};
    const int n = ::poll(p, 2, static_cast<int>(std::min<long long>(left, 1000)));
    if (n < 0 && errno != EINTR) {
      kill_it = true;
      break;
    }
    for (int i = 0; i < 2 && n > 0; ++i) {
      if (!(p[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const int fd = i == 0 ? out.read : err.read;
      const ssize_t got = ::read(fd, buf, sizeof buf);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) {
        (i == 0 ? out_open : err_open) = false;
        continue;
      }
      if (i == 0) {
        if (r.out.size() + static_cast<size_t>(got) > max_output) {
          r.too_much = kill_it = true;
          break;
        }
        r.out.append(buf, static_cast<size_t>(got));
      } else if (r.err.size() < kMaxErr) {
        r.err.append(buf, std::min(static_cast<size_t>(got), kMaxErr - r.err.size()));
      }
    }
  }
  if (kill_it) ::kill(pid, SIGKILL);
  // Both pipes at their end: the child has exited or closed them; reap it (after SIGKILL it
  // goes at once). A child that closed its output but lives on is killed at the deadline.
  int status = 0;
  for (;;) {
    const pid_t w = ::waitpid(pid, &status, kill_it ? 0 : WNOHANG);
    if (w == pid) break;
    if (w < 0 && errno != EINTR) break;
    if (w == 0) {
      if (Clock::now() >= deadline) {
        r.timed_out = kill_it = true;
        ::kill(pid, SIGKILL);
      } else {
        ::usleep(2000);
      }
    }
  }
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  if (r.too_much) r.out.clear();
  return r;
}

}  // namespace concord::util
