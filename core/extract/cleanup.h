// Text repair shared by the extractors: what PDF extraction and legacy files break.
//
// Contract: pure functions on UTF-8, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace concord {

// Repairs PDF-extracted text: joins words hyphenated across line ends ("develop-\nment" ->
// "development\n" keeping the line break after the joined word so line counts stay true),
// expands ligatures (U+FB00..U+FB06), removes soft hyphens (U+00AD) and zero-width chars.
// A hyphen before a line starting with an upper-case letter or digit is kept ("Franco-\nGerman"
// -> "Franco-German").
std::string repair_pdf_text(std::string_view text);

// Normalizes line ends ("\r\n", "\r" -> "\n"), NFC-normalizes, drops NUL and other C0
// controls except '\t', '\n' and '\f', trims trailing spaces on each line.
std::string normalize_text(std::string_view text);

}  // namespace concord
