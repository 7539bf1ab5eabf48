// Bounded reads of user-named list files: regular files only, size capped.
#include "util/small_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

SmallFile read_small_file(const std::string& path, uint64_t max_bytes) {
  SmallFile out;
  uint64_t size = 0;
  const int fd = open_checked(path, max_bytes, &size, &out.error);
  if (fd < 0) return out;
  out.bytes.reserve(size);
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      out.error = std::strerror(errno);
      break;
    }
    if (n == 0) break;
    if (out.bytes.size() + static_cast<size_t>(n) > max_bytes) {  // it grew while being read
      out.error = too_large(max_bytes);
      break;
    }
    out.bytes.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  if (!out.error.empty()) out.bytes.clear();
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
