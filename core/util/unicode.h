// Unicode helpers: validation, legacy decoding, normalization and case/accent folding.
//
// Contract: every function takes and returns UTF-8 (except the decoders, which take raw
// bytes). Pure functions, safe to call from any thread. ICU answers for what is outside
// ASCII, through the Unicode module (util/unicode_engine/engine.h), loaded by the first such
// call; when it cannot be loaded, that call throws std::runtime_error naming the module (fatal:
// text outside ASCII cannot be read right without it). ASCII never needs it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace concord::util {

// True when `bytes` is well-formed UTF-8 (no overlongs, no surrogates).
bool is_valid_utf8(std::string_view bytes);

// Decodes Windows-1252 bytes to UTF-8 (undefined bytes 0x81, 0x8D... map to U+FFFD).
std::string cp1252_to_utf8(std::string_view bytes);

// Decodes UTF-16 (little- or big-endian, no BOM in `bytes`) to UTF-8. Unpaired surrogates
// become U+FFFD.
std::string utf16_to_utf8(std::string_view bytes, bool little_endian);

// Converts `bytes` in the named charset (an IANA/ICU name such as "windows-1252",
// "ISO-8859-1", "UTF-8") to UTF-8. Returns false when the charset is unknown.
bool convert_to_utf8(std::string_view bytes, const std::string& charset, std::string* out);

// Unicode NFC normalization.
std::string nfc(std::string_view text);

// Lower-cases and removes diacritics: "État" -> "etat", "ÉPANOUIR" -> "epanouir".
// ASCII input takes a fast path.
std::string fold(std::string_view text);

// Removes diacritics and makes fold()'s other folds but keeps upper case: "État" -> "Etat",
// "Œuvre" -> "OEuvre", "Straße" -> "Strasse", "λόγος" -> "λογοσ". A word a reader then
// lower-cases (Xapian's query parser) is the word fold() gives.
std::string strip_accents(std::string_view text);

// Decodes one code point at `*pos` and advances it; returns U+FFFD on malformed input.
char32_t next_code_point(std::string_view text, size_t* pos);

// Appends the UTF-8 encoding of `cp` to `out`.
void append_utf8(char32_t cp, std::string* out);

// Character classes used by the tokenizer (Unicode letters, marks and digits).
bool is_word_char(char32_t cp);
bool is_upper(char32_t cp);
// Whether a word gets a stem in the index: it starts with a lower case, title case, modifier
// or other letter. Xapian's query parser stems only such words (a number or "2nd" is searched
// as written), so a stem of any other word could never be searched.
bool stems(std::string_view word);

// Truncates to at most `max_bytes` without cutting a UTF-8 sequence.
std::string_view truncate_utf8(std::string_view text, size_t max_bytes);

}  // namespace concord::util
