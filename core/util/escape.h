// Escaping of control characters in text meant for a terminal or a spreadsheet.
//
// Contract: escape_controls() returns `text` with every byte that could move the cursor,
// change the terminal's state or reorder what is shown written as a visible \xHH escape
// (one per byte, lower-case hex): C0 controls (tab and newline included), DEL, C1 controls
// (U+0080..U+009F), the Unicode bidirectional overrides and isolates (U+202A..U+202E,
// U+2066..U+2069), and every byte that is not part of well-formed UTF-8. Everything else,
// printable UTF-8 included, is kept as is; a backslash is kept too, so a name without
// controls prints unchanged. Pure, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace concord::util {

std::string escape_controls(std::string_view text);

}  // namespace concord::util
