// Concord's own modules: shared objects installed as BIN/../LIBDIR/concord/FILE (the build
// tree has the same layout), loaded with dlopen the first time a run needs them, so that a
// run that does not need them never loads their libraries (Tesseract, Poppler).
//
// Contract: never throws; thread-safe (dlopen is); never a path relative to the current
// folder. A module whose table has another ABI number than the caller's is refused.
#pragma once

#include <string>
#include <utility>

namespace concord::util {

struct LoadedModule {
  const void* table = nullptr;  // what the module's entry function returned; null on failure
  std::string why;              // when table is null: a message naming the file
};

namespace detail {
// Opens `file` and finds its function `entry`: the function's address, or null with `*why`
// set. `*path` receives the file's path.
void* module_entry(const char* file, const char* entry, const char* what, const char* packages,
                   std::string* path, std::string* why);
}  // namespace detail

// Loads `file` ("libconcord-pdf.so") and calls its `entry` function (extern "C", no
// arguments, returning a pointer to the module's Table, whose member `abi` is its ABI
// number). A table of another `abi` is refused. `what` names the module in messages ("PDF
// module"), `packages` what to reinstall ("libpoppler-cpp0v5").
template <typename Table>
LoadedModule load_module(const char* file, const char* entry, const char* what,
                         const char* packages, int abi) {
  LoadedModule m;
  std::string path;
  void* address = detail::module_entry(file, entry, what, packages, &path, &m.why);
  if (address == nullptr) return m;
  // Called through its own type (a call through another is undefined behaviour).
  const Table* table = reinterpret_cast<const Table* (*)()>(address)();
  if (table == nullptr)
    m.why = std::string("Concord's ") + what + " " + path + " gives no table";
  else if (table->abi != abi)
    m.why = std::string("Concord's ") + what + " " + path +
            " belongs to another version of Concord; reinstall Concord";
  else
    m.table = table;
  return m;
}

// A module's table as loaded once: `table` is null when it could not be, and `why` says why.
template <typename Table>
struct ModuleTable {
  const Table* table = nullptr;
  std::string why;
};

// load_module() once for each instantiation of this template (Table and Setup; each caller's
// lambda is a type of its own, so once for each call site that passes one): the first caller
// loads the module and runs `setup` on its table (the table's init(), single-threaded), the
// others wait and get the same.
template <typename Table, typename Setup>
const ModuleTable<Table>& load_module_once(const char* file, const char* entry, const char* what,
                                           const char* packages, int abi, Setup setup) {
  static const ModuleTable<Table> loaded = [&] {
    LoadedModule m = load_module<Table>(file, entry, what, packages, abi);
    const auto* table = static_cast<const Table*>(m.table);
    if (table != nullptr) setup(*table);
    return ModuleTable<Table>{table, std::move(m.why)};
  }();
  return loaded;
}

}  // namespace concord::util
