// Bounded reads of user-named list files (regular files only, size capped), and whole-file
// replacement through a temporary file and a rename.
#include "util/small_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>

namespace concord::util {
namespace {

std::string too_large(uint64_t max_bytes) {
  const std::string size = max_bytes >= (1u << 20) ? std::to_string(max_bytes >> 20) + " MiB"
                                                   : std::to_string(max_bytes) + " bytes";
  return "larger than " + size + ", the most read from such a file";
}

// Opens `path` without blocking (a FIFO would wait for a writer) and checks what it is.
// Returns the descriptor (>= 0), or -1 with `*error` set.
int open_checked(const std::string& path, uint64_t max_bytes, uint64_t* size, std::string* error) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) {
    *error = errno == ENOENT ? "no such file" : std::strerror(errno);
    return -1;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    *error = std::strerror(errno);
  } else if (S_ISDIR(st.st_mode)) {
    *error = "is a folder, not a file";
  } else if (!S_ISREG(st.st_mode)) {
    *error = "not a regular file";
  } else if (static_cast<uint64_t>(st.st_size) > max_bytes) {
    *error = too_large(max_bytes);
  } else {
    *size = static_cast<uint64_t>(st.st_size);
    return fd;
  }
  ::close(fd);
  return -1;
}

}  // namespace

int read_to_end(int fd, uint64_t limit, std::string* out) {
  out->clear();
  char buffer[1 << 16];
  // One byte past the limit tells a file that reached it from one that went beyond.
  for (uint64_t left = limit == UINT64_MAX ? limit : limit + 1; left > 0;) {
    const ssize_t n = ::read(fd, buffer, static_cast<size_t>(std::min<uint64_t>(sizeof buffer, left)));
    if (n < 0) {
      if (errno == EINTR) continue;
      const int error = errno;
      out->clear();
      return error;
    }
    if (n == 0) break;
    out->append(buffer, static_cast<size_t>(n));
    left -= static_cast<uint64_t>(n);
  }
  if (out->size() > limit) {
    out->clear();
    return EFBIG;
  }
  return 0;
}

SmallFile read_small_file(const std::string& path, uint64_t max_bytes) {
  SmallFile out;
  uint64_t size = 0;
  const int fd = open_checked(path, max_bytes, &size, &out.error);
  if (fd < 0) return out;
  out.bytes.reserve(size);
  const int error = read_to_end(fd, max_bytes, &out.bytes);
  ::close(fd);
  if (error != 0) out.error = error == EFBIG ? too_large(max_bytes) : std::strerror(error);
  return out;
}

std::optional<std::string> small_file_problem(const std::string& path, uint64_t max_bytes) {
  std::string error;
  uint64_t size = 0;
  const int fd = open_checked(path, max_bytes, &size, &error);
  if (fd < 0) return error;
  ::close(fd);
  return std::nullopt;
}

namespace {

// Writes all of `text` to `fd`: 0, or the errno of the failed write (EINTR retried).
int write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return n < 0 ? errno : EIO;
    text.remove_prefix(static_cast<size_t>(n));
  }
  return 0;
}

// Flushes the folder holding `path`, so that a rename inside it is on disk. Best effort: some
// file systems refuse fsync on a folder (EINVAL), and the file is already in place.
void sync_folder_of(const std::string& path) {
  const size_t slash = path.rfind('/');
  const std::string folder = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

int replace_file(const std::string& path, std::string_view text, Sync sync) {
  // A name another process left behind (killed before its rename, with the pid this process
  // has now) is passed over for the next one.
  constexpr int kTries = 1000;
  static std::atomic<uint64_t> counter{0};
  std::string tmp;
  int fd = -1;
  for (int t = 0; t < kTries && fd < 0; ++t) {
    tmp = path + ".tmp." + std::to_string(::getpid()) + "." +
          std::to_string(counter.fetch_add(1, std::memory_order_relaxed));
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, 0644);
    if (fd < 0 && errno != EEXIST) return errno;
  }
  if (fd < 0) return EEXIST;
  int error = write_all(fd, text);
  if (error == 0 && sync == Sync::kYes && ::fsync(fd) != 0) error = errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error == 0 && ::rename(tmp.c_str(), path.c_str()) != 0) error = errno;
  if (error != 0) {
    ::unlink(tmp.c_str());
    return error;
  }
  if (sync == Sync::kYes) sync_folder_of(path);
  return 0;
}

}  // namespace concord::util
