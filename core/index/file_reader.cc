// The safe read of one file: non-blocking open, fstat of what was opened, bounded read.
#include "index/file_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <utility>

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
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

std::string mib(uint64_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

FileProblem too_large(uint64_t limit) {
  return FileProblem{"too-large", "file grew past the limit of " + mib(limit) + " while being read"};
}

// Opens `file` as the contract says and checks what was opened; on success returns nullopt
// with the descriptor in *fd (the caller closes it) and the size in *size.
std::optional<FileProblem> open_checked(const FoundFile& file, uint64_t limit, int* fd_out,
                                        uint64_t* size) {
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
  if (static_cast<uint64_t>(st.st_size) > limit) return too_large(limit);
  *size = static_cast<uint64_t>(st.st_size);
  *fd_out = fd.release();
  return std::nullopt;
}

}  // namespace

std::optional<FileProblem> read_found_file(const FoundFile& file, uint64_t limit,
                                           std::string* out) {
  out->clear();
  int raw = -1;
  uint64_t size = 0;
  if (auto problem = open_checked(file, limit, &raw, &size)) return problem;
  Fd fd(raw);
  out->reserve(static_cast<size_t>(size));
  if (const int error = util::read_to_end(fd.get(), limit, out); error != 0)
    return error == EFBIG ? too_large(limit) : FileProblem{"unreadable", std::strerror(error)};
  return std::nullopt;
}

FoundFileStream::~FoundFileStream() {
  if (fd_ >= 0) ::close(fd_);
}

std::optional<FileProblem> FoundFileStream::open(const FoundFile& file, uint64_t limit) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  limit_ = limit;
  read_ = 0;
  uint64_t size = 0;
  return open_checked(file, limit, &fd_, &size);
}

std::optional<FileProblem> FoundFileStream::read(size_t max, std::string* out) {
  out->resize(max);
  size_t got = 0;
  while (got < max) {
    const ssize_t n = ::read(fd_, out->data() + got, max - got);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      out->clear();
      return FileProblem{"unreadable", std::strerror(errno)};
    }
    got += static_cast<size_t>(n);
  }
  out->resize(got);
  read_ += got;
  if (read_ > limit_) {
    out->clear();
    return too_large(limit_);
  }
  return std::nullopt;
}

std::optional<FileProblem> FoundFileStream::rewind() {
  if (::lseek(fd_, 0, SEEK_SET) != 0) return FileProblem{"unreadable", std::strerror(errno)};
  read_ = 0;
  return std::nullopt;
}

}  // namespace concord
