// Loading Concord's modules from BIN/../LIBDIR/concord.
#include "util/module.h"

#include <dlfcn.h>

#include <filesystem>

#include "util/data_files.h"

namespace fs = std::filesystem;

namespace concord::util {

LoadedModule load_module(const char* file, const char* entry, const char* what,
                         const char* packages, int abi) {
  LoadedModule m;
  const std::string prefix = install_prefix();
  if (prefix.empty()) {
    m.why = std::string("Concord's ") + what + " cannot be found: /proc/self/exe cannot be read";
    return m;
  }
  const fs::path path = fs::path(prefix) / CONCORD_MODULE_DIR / file;
  void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* error = ::dlerror();
    m.why = std::string("Concord's ") + what + " cannot be loaded (" +
            (error != nullptr ? std::string(error) : path.string()) +
            "); reinstall Concord, with " + packages;
    return m;
  }
  using Entry = const void* (*)();
  const auto function = reinterpret_cast<Entry>(::dlsym(handle, entry));
  const void* table = function != nullptr ? function() : nullptr;
  if (table == nullptr)
    m.why = std::string("Concord's ") + what + " " + path.string() + " has no " + entry;
  else if (*static_cast<const int*>(table) != abi)
    m.why = std::string("Concord's ") + what + " " + path.string() +
            " belongs to another version of Concord; reinstall Concord";
  else
    m.table = table;
  return m;
}

}  // namespace concord::util
