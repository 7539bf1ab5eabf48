// Loading Concord's modules from BIN/../LIBDIR/concord.
#include "util/module.h"

#include <dlfcn.h>

#include <filesystem>

#include "util/data_files.h"

namespace fs = std::filesystem;

namespace concord::util {

namespace detail {

void* module_entry(const char* file, const char* entry, const char* what, const char* packages,
                   std::string* path_out, std::string* why) {
  const std::string prefix = install_prefix();
  if (prefix.empty()) {
    *why = std::string("Concord's ") + what + " cannot be found: /proc/self/exe cannot be read";
    return nullptr;
  }
  const fs::path path = fs::path(prefix) / CONCORD_MODULE_DIR / file;
  *path_out = path.string();
  void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* error = ::dlerror();
    *why = std::string("Concord's ") + what + " cannot be loaded (" +
           (error != nullptr ? std::string(error) : path.string()) + "); reinstall Concord, with " +
           packages;
    return nullptr;
  }
  void* address = ::dlsym(handle, entry);
  if (address == nullptr)
    *why = std::string("Concord's ") + what + " " + path.string() + " has no " + entry;
  return address;
}

}  // namespace detail

}  // namespace concord::util
