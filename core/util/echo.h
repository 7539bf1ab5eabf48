// Echoing what a user typed (a query, an entity name, a path) inside an error message.
//
// Contract: echo_input() returns `text` safe to print on one terminal line: control bytes
// (C0, DEL, and the C1 controls U+0080-U+009F encoded in UTF-8) become visible "\xHH"
// escapes, so a typed ESC or newline cannot move the cursor or split the message; at most
// `max_bytes` of the input are kept (whole UTF-8 sequences), then "…". Pure, thread-safe.
// (Kept small and local to error messages; output formats escape in core/output.)
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace concord::util {

inline std::string echo_input(std::string_view text, size_t max_bytes = 200) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  auto escape = [&out](unsigned char c) {
    out += "\\x";
    out += kHex[c >> 4];
    out += kHex[c & 15];
  };
  size_t i = 0;
  for (; i < text.size() && i < max_bytes; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
    if (c < 0x20 || c == 0x7F) {
      escape(c);
    } else if (c == 0xC2 && next >= 0x80 && next <= 0x9F) {  // a C1 control
      escape(c);
      escape(next);
      ++i;
    } else {
      // A sequence cut by max_bytes is dropped whole.
      const size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
      if (length > 1 && i + length > max_bytes) break;
      out += static_cast<char>(c);
    }
  }
  if (i < text.size()) out += "…";
  return out;
}

}  // namespace concord::util
