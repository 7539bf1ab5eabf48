// Data files: the data folder found once, each file read once and cached.
#include "util/data_files.h"

#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>

#include "util/small_file.h"

namespace fs = std::filesystem;

namespace concord::util {
namespace {

std::string find_data_folder() {
  if (const char* env = std::getenv("CONCORD_DATA_DIR"); env != nullptr && *env != '\0') {
    std::error_code ec;
    if (!fs::is_directory(env, ec))
      throw DataFileError(std::string("CONCORD_DATA_DIR=") + env +
                          " is not a folder: set it to a folder of data files, or unset it");
    return env;
  }
  const std::string prefix = install_prefix();
  if (prefix.empty()) return "";
  std::error_code ec;
  const fs::path installed = fs::path(prefix) / "share" / "concord";
  return fs::is_directory(installed, ec) ? installed.string() : "";
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
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : exe.parent_path().parent_path().string();
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
    const std::string path = folder.empty() ? "" : (fs::path(folder) / name).string();
    std::error_code ec;
    if (!path.empty() && fs::exists(fs::symlink_status(path, ec))) {
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
