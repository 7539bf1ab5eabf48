// ICU behind the table of util/unicode_engine/engine.h (libconcord-unicode.so).
#include "util/unicode_engine/engine.h"

#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

static_assert(kCategoryLowercaseLetter == U_LOWERCASE_LETTER &&
              kCategoryTitlecaseLetter == U_TITLECASE_LETTER &&
              kCategoryModifierLetter == U_MODIFIER_LETTER &&
              kCategoryOtherLetter == U_OTHER_LETTER &&
              kCategoryNonSpacingMark == U_NON_SPACING_MARK &&
              kCategoryCombiningSpacingMark == U_COMBINING_SPACING_MARK);

namespace {

// ICU's NFD or NFC singleton, fetched once (nullptr if ICU data is missing).
template <const icu::Normalizer2* (*Get)(UErrorCode&)>
const icu::Normalizer2* normalizer() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* found = Get(status);
    return U_SUCCESS(status) ? found : nullptr;
  }();
  return instance;
}

// `text` copied into a buffer of malloc() (null when there is no memory for it).
char* to_buffer(const std::string& text, size_t* out_size) {
  char* buffer = static_cast<char*>(std::malloc(text.size() + 1));
  if (buffer == nullptr) return nullptr;
  std::memcpy(buffer, text.data(), text.size());
  buffer[text.size()] = '\0';
  *out_size = text.size();
  return buffer;
}

int char_type(uint32_t cp) { return u_charType(static_cast<UChar32>(cp)); }
int is_alnum(uint32_t cp) { return u_isalnum(static_cast<UChar32>(cp)) ? 1 : 0; }
int is_upper(uint32_t cp) { return u_isupper(static_cast<UChar32>(cp)) ? 1 : 0; }
uint32_t fold_case(uint32_t cp) {
  return static_cast<uint32_t>(u_foldCase(static_cast<UChar32>(cp), U_FOLD_CASE_DEFAULT));
}

int decomposition(uint32_t cp, uint32_t* out, int capacity) {
  const icu::Normalizer2* nfd = normalizer<icu::Normalizer2::getNFDInstance>();
  icu::UnicodeString parts;
  if (nfd == nullptr || !nfd->getDecomposition(static_cast<UChar32>(cp), parts)) return -1;
  int count = 0;
  for (int32_t i = 0; i < parts.length();) {
    const UChar32 part = parts.char32At(i);
    i += U16_LENGTH(part);
    if (count == capacity) return -1;
    out[count++] = static_cast<uint32_t>(part);
  }
  return count;
}

char* nfc(const char* text, size_t size, size_t* out_size) {
  const icu::Normalizer2* composer = normalizer<icu::Normalizer2::getNFCInstance>();
  if (composer == nullptr) return nullptr;
  UErrorCode status = U_ZERO_ERROR;
  const icu::StringPiece piece(text, static_cast<int32_t>(size));
  if (composer->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return nullptr;
  status = U_ZERO_ERROR;
  std::string out;
  out.reserve(size);
  icu::StringByteSink<std::string> sink(&out);
  composer->normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_FAILURE(status)) return nullptr;
  return to_buffer(out, out_size);
}

char* convert(const char* bytes, size_t size, const char* charset, size_t* out_size) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> converter(ucnv_open(charset, &status),
                                                               &ucnv_close);
  if (U_FAILURE(status) || converter == nullptr) return nullptr;
  icu::UnicodeString text(bytes, static_cast<int32_t>(size), converter.get(), status);
  if (U_FAILURE(status)) return nullptr;
  std::string out;
  text.toUTF8String(out);
  return to_buffer(out, out_size);
}

void free_buffer(char* buffer) { std::free(buffer); }

const ConcordUnicodeEngine kEngine = {
    kUnicodeEngineAbi, char_type, is_alnum, is_upper, fold_case, decomposition, nfc, convert,
    free_buffer,
};

}  // namespace

extern "C" __attribute__((visibility("default"))) const ConcordUnicodeEngine*
concord_unicode_engine() {
  return &kEngine;
}
