// The safe read of one file: non-blocking open, fstat of what was opened, bounded read.
#include "index/file_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>

namespace concord {
namespace {

// Closes the descriptor on every return path.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

std::string mib(uint64_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

}  // namespace

std::optional<FileProblem> read_found_file(const FoundFile& file, uint64_t limit,
                                           std::string* out) {
  out->clear();
  const int flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | (file.link ? 0 : O_NOFOLLOW);
  Fd fd(::open(file.path.c_str(), flags));
  if (fd.get() < 0) {
    if (errno == ELOOP)
      return FileProblem{"changed", "replaced by a symbolic link since it was found"};
    return FileProblem{"unreadable", std::strerror(errno)};
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return FileProblem{"unreadable", std::strerror(errno)};
  if (!S_ISREG(st.st_mode)) {
    const char* what = S_ISFIFO(st.st_mode)                         ? "a FIFO"
                       : S_ISDIR(st.st_mode)                        ? "a folder"
                       : S_ISSOCK(st.st_mode)                       ? "a socket"
                       : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device"
                                                                    : "a special file";
    return FileProblem{"not-a-file",
                       std::string("not a regular file: ") + what + " is in its place"};
  }
  if ((file.device || file.inode) && (static_cast<uint64_t>(st.st_dev) != file.device ||
                                      static_cast<uint64_t>(st.st_ino) != file.inode))
    return FileProblem{"changed", "replaced by another file since it was found"};
  const auto too_large = [&] {
    return FileProblem{"too-large",
                       "file grew past the limit of " + mib(limit) + " while being read"};
  };
  if (static_cast<uint64_t>(st.st_size) > limit) return too_large();
  out->reserve(static_cast<size_t>(st.st_size));
  char buf[1 << 16];
  // One byte past the limit tells a file that reached it from one that went beyond.
  for (uint64_t left = limit == UINT64_MAX ? limit : limit + 1; left > 0;) {
    const ssize_t n =
        ::read(fd.get(), buf, static_cast<size_t>(std::min<uint64_t>(sizeof buf, left)));
    if (n < 0) {
      if (errno == EINTR) continue;
      const FileProblem p{"unreadable", std::strerror(errno)};
      out->clear();
      return p;
    }
    if (n == 0) break;
    out->append(buf, static_cast<size_t>(n));
    left -= static_cast<uint64_t>(n);
  }
  if (out->size() > limit) {
    out->clear();
    return too_large();
  }
  return std::nullopt;
}

}  // namespace concord
