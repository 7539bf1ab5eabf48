// Bounded reads of user-named list files: regular files only, size capped.
#include "util/small_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
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

}  // namespace concord::util
