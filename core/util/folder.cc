#include "util/folder.h"

#include <fcntl.h>
#include <stdio.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace concord::util {

uint64_t folder_bytes(const std::string& dir) {
  namespace fs = std::filesystem;
  uint64_t total = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  return total;
}

std::string exchange_folders(const std::string& a, const std::string& b) {
  if (renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0) return "";
  const int error = errno;
  if (error == EINVAL || error == ENOSYS || error == EOPNOTSUPP)
    return "this file system cannot exchange two folders in one step";
  return std::strerror(error);
}

}  // namespace concord::util
