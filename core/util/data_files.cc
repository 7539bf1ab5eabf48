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
  std::map<std::string, std::pair<std::unique_ptr<std::string>, std::string>> files;
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
    std::string source;
    auto text = std::make_unique<std::string>();
    const std::string path = folder.empty() ? "" : (fs::path(folder) / name).string();
    std::error_code ec;
    if (!path.empty() && fs::exists(fs::symlink_status(path, ec))) {
      SmallFile read = read_small_file(path);
      if (!read.error.empty())
        throw DataFileError("cannot read data file " + path + ": " + read.error +
                            " (fix or remove it; without it the built-in copy is used)");
      *text = std::move(read.bytes);
      source = path;
    } else {
      *text = built_in;
    }
    it = c.files.emplace(name, std::make_pair(std::move(text), std::move(source))).first;
  }
  return DataFile{it->second.first.get(), it->second.second};
}

}  // namespace concord::util
