// Control-character escaping: one walk over the UTF-8, bytes of unsafe characters as \xHH.
#include "util/escape.h"

#include <algorithm>

#include "util/echo.h"

namespace concord::util {
namespace {

// Length of the well-formed UTF-8 sequence at text[i] (1..4) and its code point, or 0 when
// the bytes there are not well-formed (bad lead, bad continuation, overlong, surrogate,
// beyond U+10FFFF, truncated).
size_t decode(std::string_view text, size_t i, char32_t* cp) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  size_t length;
  char32_t min;
  if (b0 >= 0xC2 && b0 <= 0xDF)
    length = 2, min = 0x80, *cp = b0 & 0x1F;
  else if (b0 >= 0xE0 && b0 <= 0xEF)
    length = 3, min = 0x800, *cp = b0 & 0x0F;
  else if (b0 >= 0xF0 && b0 <= 0xF4)
    length = 4, min = 0x10000, *cp = b0 & 0x07;
  else
    return 0;
  if (i + length > text.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    *cp = (*cp << 6) | (b & 0x3F);
  }
  if (*cp < min || *cp > 0x10FFFF || (*cp >= 0xD800 && *cp <= 0xDFFF)) return 0;
  return length;
}

bool unsafe(char32_t cp) {
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

void append_escaped(std::string_view bytes, const char* hex, std::string* out) {
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out->append({'\\', 'x', hex[b >> 4], hex[b & 0xF]});
  }
}

// The one walk: appends `text` to *out with every unsafe byte escaped in `hex` digits.
void escape_into(std::string_view text, const char* hex, std::string* out) {
  size_t i = 0;
  while (i < text.size()) {
    char32_t cp = 0;
    const size_t length = decode(text, i, &cp);
    if (length == 0)
      append_escaped(text.substr(i, 1), hex, out), i += 1;
    else if (unsafe(cp))
      append_escaped(text.substr(i, length), hex, out), i += length;
    else
      out->append(text.substr(i, length)), i += length;
  }
}

}  // namespace

std::string escape_controls(std::string_view text) {
  size_t i = 0;
  while (i < text.size() && text[i] >= 0x20 && text[i] < 0x7F) ++i;  // printable ASCII
  if (i == text.size()) return std::string(text);
  std::string out(text.substr(0, i));
  out.reserve(text.size() + 16);
  escape_into(text.substr(i), "0123456789abcdef", &out);
  return out;
}

std::string echo_input(std::string_view text, size_t max_bytes) {
  size_t cut = std::min(max_bytes, text.size());
  // A UTF-8 sequence cut by the bound is dropped whole.
  while (cut > 0 && cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;
  std::string out;
  escape_into(text.substr(0, cut), "0123456789ABCDEF", &out);
  if (cut < text.size()) out += "\u2026";
  return out;
}

}  // namespace concord::util
