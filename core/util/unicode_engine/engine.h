// ICU's side of the Unicode helpers (util/unicode.h), built as a module of its own
// (libconcord-unicode.so, from core/util/unicode_engine/) that the library loads the first
// time a helper meets a character outside ASCII. So a run over ASCII text (a search whose
// query and snippets are ASCII, stats, failures, a re-run with nothing changed over ASCII
// paths) starts without ICU's two libraries, whose loading costs a whole-process query about
// a millisecond.
//
// What crosses the boundary: ICU's answers for one code point (its category, whether it is a
// letter or digit, upper case, its case fold, its canonical decomposition), NFC of a UTF-8
// text and a legacy charset's conversion to UTF-8. Everything Concord decides (fast paths,
// special folds, the fold table) stays in util/unicode.cc. Plain types only and no exception
// crosses: the text functions return a buffer of malloc() that the caller releases with
// free_buffer().
//
// Contract: the module exports one function, concord_unicode_engine(), giving this table.
// Every call is thread-safe. When ICU's data cannot be read, decomposition() finds none and
// nfc() changes nothing (the helpers' behaviour before the module).
#pragma once

#include <cstddef>
#include <cstdint>

inline constexpr int kUnicodeEngineAbi = 1;  // bumped when the table changes

// The general categories (char_type()) the library tests: ICU's UCharCategory values, which
// engine.cc checks against ICU's header.
inline constexpr int kCategoryLowercaseLetter = 2;
inline constexpr int kCategoryTitlecaseLetter = 3;
inline constexpr int kCategoryModifierLetter = 4;
inline constexpr int kCategoryOtherLetter = 5;
inline constexpr int kCategoryNonSpacingMark = 6;
inline constexpr int kCategoryCombiningSpacingMark = 8;

struct ConcordUnicodeEngine {
  int abi;  // kUnicodeEngineAbi
  int (*char_type)(uint32_t cp);   // ICU's general category (UCharCategory)
  int (*is_alnum)(uint32_t cp);    // a letter or a decimal digit
  int (*is_upper)(uint32_t cp);
  uint32_t (*fold_case)(uint32_t cp);  // simple default case folding
  // The canonical (NFD) decomposition of `cp`, at most `capacity` code points written to
  // `out`: how many, or -1 when it has none (or more than `capacity`).
  int (*decomposition)(uint32_t cp, uint32_t* out, int capacity);
  // NFC of `size` bytes of UTF-8: null when the text is already NFC (or cannot be
  // normalized); else the text in NFC, `*out_size` bytes.
  char* (*nfc)(const char* text, size_t size, size_t* out_size);
  // `size` bytes in the charset named `charset` (an IANA or ICU name), as UTF-8: null when
  // the charset is unknown or the bytes cannot be converted.
  char* (*convert)(const char* bytes, size_t size, const char* charset, size_t* out_size);
  void (*free_buffer)(char* buffer);
};
