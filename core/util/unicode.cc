// Unicode helpers on UTF-8: hand-written fast paths for the common cases, ICU for the rest,
// through the Unicode module (util/unicode_engine/engine.h), loaded the first time a helper
// meets a character outside ASCII.
#include "util/unicode.h"

#include <array>
#include <cstring>
#include <stdexcept>

#include "util/module.h"
#include "util/unicode_engine/engine.h"

namespace concord::util {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Windows-1252 0x80..0x9F; 0 marks the five undefined bytes.
constexpr std::array<char16_t, 32> kCp1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

bool is_ascii(std::string_view text) {
  size_t i = 0;
  const size_t n = text.size();
  for (; i + 8 <= n; i += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    if (word & 0x8080808080808080ULL) return false;
  }
  for (; i < n; ++i) {
    if (static_cast<unsigned char>(text[i]) & 0x80) return false;
  }
  return true;
}

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// Multi-letter or non-decomposing foldings that NFD plus case folding does not give.
const char* special_fold(char32_t cp) {
  switch (cp) {
    case 0x00DF:  // ß
    case 0x1E9E:  // ẞ
      return "ss";
    case 0x0152:  // Œ
    case 0x0153:
      return "oe";
    case 0x00C6:  // Æ
    case 0x00E6:
      return "ae";
    case 0x00D8:  // Ø
    case 0x00F8:
      return "o";
    case 0x0141:  // Ł
    case 0x0142:
      return "l";
    case 0x0110:  // Đ
    case 0x0111:
      return "d";
    case 0x0131:  // dotless i
      return "i";
    default:
      return nullptr;
  }
}

bool is_hangul_syllable(char32_t cp) { return cp >= 0xAC00 && cp <= 0xD7A3; }

// ICU, loaded by the first caller (the others wait). A module that cannot be loaded is fatal:
// without it no text outside ASCII can be read right.
const ConcordUnicodeEngine& icu() {
  const ModuleTable<ConcordUnicodeEngine>& loaded = load_module_once<ConcordUnicodeEngine>(
      "libconcord-unicode.so", "concord_unicode_engine", "Unicode module", "libicu72",
      kUnicodeEngineAbi, [](const ConcordUnicodeEngine&) {});
  if (loaded.table == nullptr) throw std::runtime_error(loaded.why);
  return *loaded.table;
}

// A buffer the module gave: released through it.
class ModuleBuffer {
 public:
  explicit ModuleBuffer(char* bytes) : bytes_(bytes) {}
  ~ModuleBuffer() { icu().free_buffer(bytes_); }
  ModuleBuffer(const ModuleBuffer&) = delete;
  ModuleBuffer& operator=(const ModuleBuffer&) = delete;
  const char* get() const { return bytes_; }

 private:
  char* bytes_;
};

// `cp` case-folded when `lower`; else case-folded only when it is not upper case (ς -> σ,
// ſ -> s, µ -> μ: folds a lower-casing reader would not make), upper case kept.
char32_t fold_case(char32_t cp, bool lower) {
  if (!lower && is_upper(cp)) return cp;
  return icu().fold_case(cp);
}

// Appends the decomposition of `cp` without non-spacing marks, with fold()'s special folds;
// case-folds when `lower`, else keeps upper case (Œ -> OE, ß -> ss).
void append_stripped(char32_t cp, bool lower, std::string* out) {
  if (icu().char_type(cp) == kCategoryNonSpacingMark) return;
  if (const char* special = special_fold(cp)) {
    const size_t at = out->size();
    out->append(special);
    if (!lower && is_upper(cp))
      for (size_t i = at; i < out->size(); ++i)  // the special folds are ASCII
        (*out)[i] = static_cast<char>((*out)[i] - 'a' + 'A');
    return;
  }
  uint32_t parts[18];  // a canonical decomposition has at most 4 (a compatibility one 18)
  const int count = is_hangul_syllable(cp) ? -1 : icu().decomposition(cp, parts, 18);
  if (count < 0) {
    append_utf8(fold_case(cp, lower), out);
    return;
  }
  for (int i = 0; i < count; ++i) {
    if (icu().char_type(parts[i]) == kCategoryNonSpacingMark) continue;
    append_utf8(fold_case(parts[i], lower), out);
  }
}

bool module_word_char(char32_t cp) {
  if (icu().is_alnum(cp)) return true;
  const int type = icu().char_type(cp);
  return type == kCategoryNonSpacingMark || type == kCategoryCombiningSpacingMark;
}

// fold(), is_word_char() and is_upper() of every code point below U+0800 (Latin, Greek,
// Cyrillic...), worked out once through the module: the tokenizer asks for every character,
// and a call into the module for each one costs more than a table.
enum : uint8_t { kWordChar = 1, kUpper = 2 };
struct CodePointEntry {
  char fold[11];
  uint8_t fold_size;
  uint8_t classes;  // kWordChar | kUpper
};

const std::array<CodePointEntry, 0x800>& code_point_table() {
  static const std::array<CodePointEntry, 0x800> table = [] {
    std::array<CodePointEntry, 0x800> t{};
    std::string folded;
    for (char32_t cp = 0x80; cp < 0x800; ++cp) {
      t[cp].classes = static_cast<uint8_t>((module_word_char(cp) ? kWordChar : 0) |
                                           (icu().is_upper(cp) ? kUpper : 0));
      folded.clear();
      append_stripped(cp, true, &folded);
      if (folded.size() > sizeof(t[cp].fold))
        throw std::logic_error("unicode: a fold below U+0800 longer than its table entry");
      std::memcpy(t[cp].fold, folded.data(), folded.size());
      t[cp].fold_size = static_cast<uint8_t>(folded.size());
    }
    return t;
  }();
  return table;
}

std::string strip_marks(std::string_view text, bool lower) {
  std::string out;
  out.reserve(text.size());
  const std::array<CodePointEntry, 0x800>* table = lower ? &code_point_table() : nullptr;
  size_t pos = 0;
  while (pos < text.size()) {
    const char c = text[pos];
    if (!(static_cast<unsigned char>(c) & 0x80)) {
      out.push_back(lower ? ascii_lower(c) : c);
      ++pos;
      continue;
    }
    const char32_t cp = next_code_point(text, &pos);
    if (table != nullptr && cp < 0x800) {
      const CodePointEntry& entry = (*table)[cp];
      out.append(entry.fold, entry.fold_size);
    } else {
      append_stripped(cp, lower, &out);
    }
  }
  return out;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  size_t i = 0;
  while (i < n) {
    if (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, s + i, 8);
      if (!(word & 0x8080808080808080ULL)) {
        i += 8;
        continue;
      }
    }
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
    } else if (c >= 0xC2 && c <= 0xDF) {
      if (i + 1 >= n || (s[i + 1] & 0xC0) != 0x80) return false;
      i += 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      if (i + 2 >= n || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80) return false;
      if (c == 0xE0 && s[i + 1] < 0xA0) return false;   // overlong
      if (c == 0xED && s[i + 1] >= 0xA0) return false;  // surrogate
      i += 3;
    } else if (c >= 0xF0 && c <= 0xF4) {
      if (i + 3 >= n || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80 ||
          (s[i + 3] & 0xC0) != 0x80) {
        return false;
      }
      if (c == 0xF0 && s[i + 1] < 0x90) return false;   // overlong
      if (c == 0xF4 && s[i + 1] >= 0x90) return false;  // above U+10FFFF
      i += 4;
    } else {
      return false;
    }
  }
  return true;
}

std::string cp1252_to_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 4);
  for (const char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out.push_back(ch);
    } else if (c < 0xA0) {
      const char16_t mapped = kCp1252High[c - 0x80];
      append_utf8(mapped == 0 ? kReplacement : mapped, &out);
    } else {
      append_utf8(c, &out);
    }
  }
  return out;
}

std::string utf16_to_utf8(std::string_view bytes, bool little_endian) {
  std::string out;
  out.reserve(bytes.size());
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t units = bytes.size() / 2;
  auto unit_at = [&](size_t i) -> char32_t {
    return little_endian ? (s[2 * i] | (s[2 * i + 1] << 8)) : ((s[2 * i] << 8) | s[2 * i + 1]);
  };
  for (size_t i = 0; i < units; ++i) {
    const char32_t u = unit_at(i);
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 1 < units) {
        const char32_t low = unit_at(i + 1);
        if (low >= 0xDC00 && low <= 0xDFFF) {
          append_utf8(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00), &out);
          ++i;
          continue;
        }
      }
      append_utf8(kReplacement, &out);
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      append_utf8(kReplacement, &out);
    } else {
      append_utf8(u, &out);
    }
  }
  if (bytes.size() % 2 != 0) append_utf8(kReplacement, &out);
  return out;
}

bool convert_to_utf8(std::string_view bytes, const std::string& charset, std::string* out) {
  std::string name;
  name.reserve(charset.size());
  for (const char c : charset) {
    if (c != '-' && c != '_' && c != ' ') name.push_back(ascii_lower(c));
  }
  if (name == "utf8") {
    if (is_valid_utf8(bytes)) {
      out->assign(bytes);
      return true;
    }
    // Ill-formed UTF-8 falls through to ICU, which substitutes U+FFFD.
  } else if (name == "windows1252" || name == "cp1252" || name == "iso88591" || name == "latin1" ||
             name == "usascii" || name == "ascii") {
    // As browsers do (WHATWG Encoding), Latin-1 and ASCII labels decode as Windows-1252.
    *out = cp1252_to_utf8(bytes);
    return true;
  }
  size_t size = 0;
  const ModuleBuffer converted(icu().convert(bytes.data(), bytes.size(), charset.c_str(), &size));
  if (converted.get() == nullptr) return false;
  out->assign(converted.get(), size);
  return true;
}

std::string nfc(std::string_view text) {
  if (is_ascii(text)) return std::string(text);
  size_t size = 0;
  const ModuleBuffer normalized(icu().nfc(text.data(), text.size(), &size));
  if (normalized.get() == nullptr) return std::string(text);  // already NFC
  return std::string(normalized.get(), size);
}

std::string fold(std::string_view text) {
  if (is_ascii(text)) {
    std::string out(text);
    for (char& c : out) c = ascii_lower(c);
    return out;
  }
  return strip_marks(text, true);
}

std::string strip_accents(std::string_view text) {
  if (is_ascii(text)) return std::string(text);
  return strip_marks(text, false);
}

char32_t next_code_point(std::string_view text, size_t* pos) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = *pos;
  if (i >= n) return kReplacement;
  const unsigned char c = s[i];
  if (c < 0x80) {
    *pos = i + 1;
    return c;
  }
  size_t length = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    length = 2, cp = c & 0x1F, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    length = 3, cp = c & 0x0F, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    length = 4, cp = c & 0x07, min = 0x10000;
  } else {
    *pos = i + 1;
    return kReplacement;
  }
  if (i + length > n) {
    *pos = i + 1;
    return kReplacement;
  }
  for (size_t k = 1; k < length; ++k) {
    if ((s[i + k] & 0xC0) != 0x80) {
      *pos = i + 1;
      return kReplacement;
    }
    cp = (cp << 6) | (s[i + k] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    *pos = i + 1;
    return kReplacement;
  }
  *pos = i + length;
  return cp;
}

void append_utf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    const char bytes[2] = {static_cast<char>(0xC0 | (cp >> 6)),
                           static_cast<char>(0x80 | (cp & 0x3F))};
    out->append(bytes, 2);
  } else if (cp < 0x10000) {
    if (cp >= 0xD800 && cp <= 0xDFFF) cp = kReplacement;
    const char bytes[3] = {static_cast<char>(0xE0 | (cp >> 12)),
                           static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                           static_cast<char>(0x80 | (cp & 0x3F))};
    out->append(bytes, 3);
  } else if (cp <= 0x10FFFF) {
    const char bytes[4] = {
        static_cast<char>(0xF0 | (cp >> 18)), static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
        static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
    out->append(bytes, 4);
  } else {
    append_utf8(kReplacement, out);
  }
}

bool is_word_char(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  }
  if (cp < 0x800) return code_point_table()[cp].classes & kWordChar;
  return module_word_char(cp);
}

bool is_upper(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  if (cp < 0x800) return code_point_table()[cp].classes & kUpper;
  return icu().is_upper(cp) != 0;
}

bool stems(std::string_view word) {
  if (word.empty()) return false;
  const unsigned char first = static_cast<unsigned char>(word[0]);
  if (first < 0x80) return first >= 'a' && first <= 'z';
  size_t pos = 0;
  switch (icu().char_type(next_code_point(word, &pos))) {
    case kCategoryLowercaseLetter:
    case kCategoryTitlecaseLetter:
    case kCategoryModifierLetter:
    case kCategoryOtherLetter:
      return true;
    default:
      return false;
  }
}

std::string_view truncate_utf8(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

}  // namespace concord::util
