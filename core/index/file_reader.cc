// The safe read of one file: non-blocking open, fstat of what was opened, bounded read.
#include "index/file_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

#include "util/small_file.h"

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
  if (const int error = util::read_to_end(fd.get(), limit, out); error != 0)
    return error == EFBIG ? too_large() : FileProblem{"unreadable", std::strerror(error)};
  return std::nullopt;
}

}  // namespace concord
