// Allocation-free text scanning shared by the recognizers: words, folding, whitespace.
//
// Contract (internal to core/recognize): inputs are UTF-8 (malformed bytes decode as U+FFFD
// and are never word characters). A word is a maximal run of letters, marks and digits, the
// same rule as lang/tokenize.h, decided here without ICU so the hot path stays cheap.
// Folding lower-cases and strips Latin accents ("É" -> "e", "ß" -> "ss", "Œ" -> "oe"); other
// scripts are lower-cased only for ASCII and otherwise kept. Pure, inline, thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace concord::scan {

inline constexpr uint64_t kFnvOffset = 1469598103934665603ull;
inline constexpr uint64_t kFnvPrime = 1099511628211ull;

// For each byte: its lower-case form when it is an ASCII letter or digit, else 0. One load
// per character in the scanning loops, which run over every byte of every page.
inline constexpr struct AsciiWordTable {
  unsigned char folded[256] = {};
  constexpr AsciiWordTable() {
    for (int c = '0'; c <= '9'; ++c) folded[c] = static_cast<unsigned char>(c);
    for (int c = 'a'; c <= 'z'; ++c) folded[c] = static_cast<unsigned char>(c);
    for (int c = 'A'; c <= 'Z'; ++c) folded[c] = static_cast<unsigned char>(c | 0x20);
  }
} kAsciiWord{};

inline bool is_ascii_alnum(unsigned char c) { return kAsciiWord.folded[c] != 0; }
inline bool is_ascii_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_ascii_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
inline bool is_ascii_digit(unsigned char c) { return c >= '0' && c <= '9'; }
inline char ascii_lower(char c) { return is_ascii_upper(c) ? static_cast<char>(c | 0x20) : c; }

// Decodes the code point at `*pos` (which must be < text.size()) and advances past it.
inline char32_t decode(std::string_view text, size_t* pos) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  size_t i = *pos;
  const size_t n = text.size();
  unsigned char c = s[i];
  if (c < 0x80) {
    *pos = i + 1;
    return c;
  }
  int len = 0;
  char32_t cp = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    cp = c & 0x07;
  } else {
    *pos = i + 1;
    return 0xFFFD;
  }
  if (i + len > n) {
    *pos = i + 1;
    return 0xFFFD;
  }
  for (int k = 1; k < len; ++k) {
    unsigned char cc = s[i + k];
    if ((cc & 0xC0) != 0x80) {
      *pos = i + 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
      (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
    *pos = i + 1;
    return 0xFFFD;
  }
  *pos = i + len;
  return cp;
}

// Letters, marks and digits outside ASCII (an approximation of the Unicode classes that
// treats punctuation, symbols and spaces of the common blocks as separators).
inline bool is_word_cp(char32_t cp) {
  if (cp < 0x80) return is_ascii_alnum(static_cast<unsigned char>(cp));
  if (cp < 0xC0) return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
  if (cp == 0xD7 || cp == 0xF7) return false;
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // punctuation, symbols, arrows, math
  if (cp >= 0x2E00 && cp <= 0x2E7F) return false;
  if (cp >= 0x3000 && cp <= 0x303F) return false;
  if (cp >= 0xFE30 && cp <= 0xFE6F) return false;
  if (cp >= 0xFF00 && cp <= 0xFF0F) return false;
  if (cp >= 0xFF1A && cp <= 0xFF20) return false;
  if (cp == 0xFEFF || cp == 0xFFFD) return false;
  return true;
}

// Horizontal or vertical space, including NBSP (U+00A0) and narrow NBSP (U+202F).
inline bool is_space_cp(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
         cp == 0xA0 || cp == 0x202F || cp == 0x2009 || cp == 0x2007 || cp == 0x3000;
}

// Folded forms of U+00C0..U+00FF ("" for the two non-letters) and U+0100..U+017F.
inline constexpr const char* kLatin1Fold[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};
inline constexpr char kLatinExtAFold[] =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooo"
    "rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
static_assert(sizeof(kLatinExtAFold) == 129);

// Appends the folded form of `cp` to `out` (capacity >= 4 bytes); returns bytes written.
inline size_t fold_cp(char32_t cp, char* out) {
  if (cp < 0x80) {
    out[0] = ascii_lower(static_cast<char>(cp));
    return 1;
  }
  if (cp == 0xBA) {  // º as in "n.º"
    out[0] = 'o';
    return 1;
  }
  if (cp == 0xAA) {
    out[0] = 'a';
    return 1;
  }
  if (cp >= 0x300 && cp <= 0x36F) return 0;  // combining accents vanish
  if (cp >= 0xC0 && cp < 0x100) {
    const char* f = kLatin1Fold[cp - 0xC0];
    size_t k = 0;
    for (; f[k] != 0; ++k) out[k] = f[k];
    if (k > 0) return k;
  } else if (cp >= 0x100 && cp < 0x180) {
    if (cp == 0x152 || cp == 0x153 || cp == 0x132 || cp == 0x133) {
      out[0] = cp < 0x140 ? 'i' : 'o';
      out[1] = cp < 0x140 ? 'j' : 'e';
      return 2;
    }
    out[0] = kLatinExtAFold[cp - 0x100];
    return 1;
  }
  // Greek and Cyrillic capitals: lower-case the simple ranges.
  if ((cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x410 && cp <= 0x42F)) cp += 0x20;
  if (cp >= 0x400 && cp <= 0x40F) cp += 0x50;
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

// Appends `text` folded (words and separators alike) to *out.
inline void append_folded(std::string_view text, std::string* out) {
  char buf[4];
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out->push_back(ascii_lower(static_cast<char>(c)));
      ++i;
      continue;
    }
    char32_t cp = decode(text, &i);
    out->append(buf, fold_cp(cp, buf));
  }
}

// Folds a whole string (words and separators alike).
inline std::string fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_folded(text, &out);
  return out;
}

// True when the word starting at `pos` (a word start) is preceded by a word character.
inline bool word_char_before(std::string_view text, size_t pos) {
  if (pos == 0) return false;
  unsigned char c = static_cast<unsigned char>(text[pos - 1]);
  if (c < 0x80) return is_ascii_alnum(c);
  size_t back = pos - 1;
  while (back > 0 && (static_cast<unsigned char>(text[back]) & 0xC0) == 0x80 && pos - back < 4)
    --back;
  size_t p = back;
  return is_word_cp(decode(text, &p));
}

// True when a word character starts at `pos`.
inline bool word_char_at(std::string_view text, size_t pos) {
  if (pos >= text.size()) return false;
  unsigned char c = static_cast<unsigned char>(text[pos]);
  if (c < 0x80) return is_ascii_alnum(c);
  size_t p = pos;
  return is_word_cp(decode(text, &p));
}

// Finds the next word at or after `*pos`: sets [*start, *end) and moves `*pos` to *end.
// Also computes the FNV-1a hash of the folded word. Returns false at the end of the text.
[[gnu::always_inline]] inline bool next_word(std::string_view text, size_t* pos, size_t* start,
                                             size_t* end, uint64_t* folded_hash) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = *pos;
  // Skip separators.
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) {
      if (is_ascii_alnum(c)) break;
      ++i;
      continue;
    }
    size_t j = i;
    char32_t cp = decode(text, &j);
    if (is_word_cp(cp)) break;
    i = j;
  }
  if (i >= n) {
    *pos = n;
    return false;
  }
  *start = i;
  uint64_t h = kFnvOffset;
  char buf[4];
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) {
      const unsigned char f = kAsciiWord.folded[c];
      if (f == 0) break;
      h = (h ^ f) * kFnvPrime;
      ++i;
      continue;
    }
    size_t j = i;
    char32_t cp = decode(text, &j);
    if (!is_word_cp(cp)) break;
    size_t k = fold_cp(cp, buf);
    for (size_t b = 0; b < k; ++b) h = (h ^ static_cast<unsigned char>(buf[b])) * kFnvPrime;
    i = j;
  }
  *end = i;
  *pos = i;
  *folded_hash = h;
  return true;
}

inline uint64_t hash_bytes(std::string_view bytes) {
  uint64_t h = kFnvOffset;
  for (unsigned char c : bytes) h = (h ^ c) * kFnvPrime;
  return h;
}

// True when the folded form of text[start, end) equals `folded` (already folded).
inline bool folded_equals(std::string_view text, size_t start, size_t end,
                          std::string_view folded) {
  size_t k = 0;
  char buf[4];
  for (size_t i = start; i < end;) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (k >= folded.size() || folded[k] != ascii_lower(static_cast<char>(c))) return false;
      ++k;
      ++i;
      continue;
    }
    char32_t cp = decode(text, &i);
    size_t m = fold_cp(cp, buf);
    for (size_t b = 0; b < m; ++b, ++k)
      if (k >= folded.size() || folded[k] != buf[b]) return false;
  }
  return k == folded.size();
}

// Skips spaces (including newlines and NBSP) from `pos`, at most `max_bytes` bytes; returns
// the new position.
inline size_t skip_spaces(std::string_view text, size_t pos, size_t max_bytes = 64) {
  size_t limit = pos + max_bytes < text.size() ? pos + max_bytes : text.size();
  while (pos < limit) {
    unsigned char c = static_cast<unsigned char>(text[pos]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++pos;
      continue;
    }
    if (c < 0x80) break;
    size_t j = pos;
    if (!is_space_cp(decode(text, &j))) break;
    pos = j;
  }
  return pos;
}

// Walks `text` with runs of whitespace collapsed to one space and leading and trailing space
// dropped: calls emit(piece) for each piece of output, in order (malformed UTF-8 becomes
// U+FFFD, other C0 controls are dropped).
template <typename Emit>
inline void for_each_collapsed(std::string_view text, Emit&& emit) {
  bool pending_space = false;
  bool any = false;
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        pending_space = true;
      } else if (c > 0x20 && c != 0x7F) {
        if (pending_space && any) emit(std::string_view(" ", 1));
        pending_space = false;
        any = true;
        size_t e = i + 1;  // the run of printable ASCII, emitted at once
        while (e < text.size() && static_cast<unsigned char>(text[e]) > 0x20 &&
               static_cast<unsigned char>(text[e]) < 0x7F)
          ++e;
        emit(text.substr(i, e - i));
        i = e;
        continue;
      }
      ++i;
      continue;
    }
    size_t j = i;
    char32_t cp = decode(text, &j);
    if (is_space_cp(cp)) {
      pending_space = true;
    } else {
      if (pending_space && any) emit(std::string_view(" ", 1));
      pending_space = false;
      any = true;
      if (cp == 0xFFFD && !(j - i == 3 && static_cast<unsigned char>(text[i]) == 0xEF))
        emit(std::string_view("\xEF\xBF\xBD", 3));
      else
        emit(text.substr(i, j - i));
    }
    i = j;
  }
}

// Appends text to `out` with every run of spaces collapsed to one ' ' (see above).
inline void append_collapsed(std::string_view text, std::string* out) {
  for_each_collapsed(text, [out](std::string_view piece) { out->append(piece); });
}

// The size collapsed(text) would have, without building it.
inline size_t collapsed_size(std::string_view text) {
  size_t size = 0;
  for_each_collapsed(text, [&size](std::string_view piece) { size += piece.size(); });
  return size;
}

inline std::string collapsed(std::string_view text) {
  std::string out;
  append_collapsed(text, &out);
  return out;
}

}  // namespace concord::scan
