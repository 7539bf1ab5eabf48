// Concord's own modules: shared objects installed as BIN/../LIBDIR/concord/FILE (the build
// tree has the same layout), loaded with dlopen the first time a run needs them, so that a
// run that does not need them never loads their libraries (Tesseract, Poppler).
//
// Contract: never throws; thread-safe (dlopen is); never a path relative to the current
// folder. The caller checks the table it gets for its own ABI number.
#pragma once

#include <string>

namespace concord::util {

struct LoadedModule {
  const void* table = nullptr;  // what the module's entry function returned; null on failure
  std::string why;              // when table is null: a message naming the file
};

// Loads `file` ("libconcord-pdf.so") and calls its `entry` function (extern "C", no
// arguments, returning a pointer to the module's table, a standard-layout struct whose first
// member is `int abi`). A table of another `abi` is refused. `what` names the module in
// messages ("PDF module"), `packages` what to reinstall ("libpoppler-cpp0v5").
LoadedModule load_module(const char* file, const char* entry, const char* what,
                         const char* packages, int abi);

}  // namespace concord::util
