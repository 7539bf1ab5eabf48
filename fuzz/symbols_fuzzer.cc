// libFuzzer harness: the symbol grammar (symbols.h): find_symbols() on any text, with each
// author context, and the functions on one written symbol or id; checks matches lie inside the
// text, in order and without overlap, and that a canonical id is a symbol id.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "recognize/symbols.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The first byte picks the author organ; the rest is the text.
  concord::SymbolContext context;
  context.author =
      static_cast<concord::Organ>(data[0] % (static_cast<int>(concord::Organ::kOther) + 1));
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  size_t previous_end = 0;
  for (const concord::SymbolMatch& m : concord::find_symbols(text, context)) {
    if (m.start > m.end || m.end > text.size() || m.start < previous_end) __builtin_trap();
    if (m.date_end != 0 && (m.date_start > m.date_end || m.date_end > text.size()))
      __builtin_trap();
    if (m.id.empty()) __builtin_trap();
    previous_end = m.end;
    concord::symbol_family(m.id);
    concord::without_part(m.id);
    concord::unresolved_twin(m.id);
  }
  if (auto id = concord::canonical_symbol(text)) {
    if (!concord::is_symbol_id(*id)) __builtin_trap();
    concord::symbol_family(*id);
  }
  concord::symbol_family(text);
  concord::without_part(text);
  concord::unresolved_twin(text);
  concord::author_of(text);
  concord::is_unresolved_organ(text);
  concord::is_symbol_id(text);
  concord::roman_value(text);
  return 0;
}
