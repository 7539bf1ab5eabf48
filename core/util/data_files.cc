// Data files: the data folder found once, each file read once and cached.
#include "util/data_files.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>

#include "util/small_file.h"

namespace concord::util {
namespace {

// Through the system calls themselves: this runs in every search, and std::filesystem's first
// use costs more than the calls.
bool is_directory(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// `name` in `folder`.
std::string in_folder(const std::string& folder, const std::string& name) {
  return folder + (folder.ends_with('/') ? "" : "/") + name;
}

// `path` less its last component ("/usr/bin/x" -> "/usr/bin", "/x" -> "/"); "" for a bare name.
std::string parent_of(std::string path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return "";
  path.resize(slash == 0 ? 1 : slash);
  return path;
}

std::string find_data_folder() {
  if (const char* env = std::getenv("CONCORD_DATA_DIR"); env != nullptr && *env != '\0') {
    if (!is_directory(env))
      throw DataFileError(std::string("CONCORD_DATA_DIR=") + env +
                          " is not a folder: set it to a folder of data files, or unset it");
    return env;
  }
  const std::string prefix = install_prefix();
  if (prefix.empty()) return "";
  const std::string installed = in_folder(prefix, "share/concord");
  return is_directory(installed) ? installed : "";
}

struct Cache {
  std::mutex mu;
  bool folder_known = false;
  std::string folder;
  struct Entry {
    std::unique_ptr<std::string> bytes;  // a file read from the data folder; null for built-in
    std::string_view text;               // its bytes, or the built-in copy's (not copied)
    std::string source;
  };
  std::map<std::string, Entry> files;
};

Cache& cache() {
  static Cache c;
  return c;
}

const std::string& folder_locked(Cache& c) {
  if (!c.folder_known) {
    c.folder = find_data_folder();
    c.folder_known = true;
  }
  return c.folder;
}

}  // namespace

std::string install_prefix() {
  std::string exe(4096, '\0');
  const ssize_t n = readlink("/proc/self/exe", exe.data(), exe.size());
  if (n <= 0 || static_cast<size_t>(n) >= exe.size()) return "";
  exe.resize(static_cast<size_t>(n));
  return parent_of(parent_of(std::move(exe)));
}

std::string data_folder() {
  Cache& c = cache();
  std::lock_guard lock(c.mu);
  return folder_locked(c);
}

DataFile data_file(const std::string& name, const char* built_in) {
  Cache& c = cache();
  std::lock_guard lock(c.mu);
  auto it = c.files.find(name);
  if (it == c.files.end()) {
    const std::string& folder = folder_locked(c);
    Cache::Entry entry;
    const std::string path = folder.empty() ? "" : in_folder(folder, name);
    struct stat st {};
    if (!path.empty() && lstat(path.c_str(), &st) == 0) {
      SmallFile read = read_small_file(path);
      if (!read.error.empty())
        throw DataFileError("cannot read data file " + path + ": " + read.error +
                            " (fix or remove it; without it the built-in copy is used)");
      entry.bytes = std::make_unique<std::string>(std::move(read.bytes));
      entry.text = *entry.bytes;
      entry.source = path;
    } else {
      entry.text = built_in;
    }
    it = c.files.emplace(name, std::move(entry)).first;
  }
  return DataFile{it->second.text, it->second.source};
}

}  // namespace concord::util
