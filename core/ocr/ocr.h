// OCR stage: the text of PDF pages that have no text layer (scans), read by Tesseract from
// the page rendered by poppler, cached on disk by content hash and page.
//
// Contract: ocr_pdf_page() never throws for a bad page (the result's problem says why:
// "ocr-timeout", "ocr-failed", "corrupt"); only out-of-memory escapes. Thread-safe: each
// thread has its own Tesseract engine per language set (made on first use, kept for the
// thread's life), and cache entries are written to a temporary name and renamed, so readers
// never see half an entry. Bounded: the page image is at most kMaxOcrPixels (the resolution
// drops for huge pages), recognition stops at OcrOptions::page_seconds (and when *cancel
// becomes true), and the cache is trimmed to OcrOptions::cache_limit by trim_ocr_cache().
// Tesseract's own messages are silenced.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "extract/extract.h"

namespace concord {

enum class OcrMode {
  kAuto,    // pages without a text layer, when Tesseract and its language data are installed
  kAlways,  // every page of every PDF, its text layer replaced (a bad scanner text layer)
  kNever,   // no OCR: image-only PDFs fail as no-text
};

// "auto", "always", "never" -> the mode; nullopt for anything else.
std::optional<OcrMode> parse_ocr_mode(std::string_view text);

inline constexpr long kMaxOcrPixels = 40L * 1000 * 1000;  // 40 Mpx: A0 at 150 dpi, A4 at 600
inline constexpr int kOcrDpi = 300;  // Tesseract's accuracy plateaus from about 300 dpi

struct OcrOptions {
  OcrMode mode = OcrMode::kAuto;
  std::string cache_dir;           // "" = no cache
  uint64_t cache_limit = uint64_t{1} << 30;  // bytes (1 GiB)
  double page_seconds = 60;        // Tesseract's time limit per page
  int dpi = kOcrDpi;
};

// The cache folder when none is given: $CONCORD_OCR_CACHE, else $XDG_CACHE_HOME/concord/ocr,
// else $HOME/.cache/concord/ocr ("" when none of them is set).
std::string default_ocr_cache();

// Whether OCR can run here: nullopt when Tesseract has its English, French and Spanish data,
// else why not (one line naming the Debian packages to install). Checked once per process.
std::optional<std::string> ocr_unavailable();

// Tesseract's language string for a document language ("en" -> "eng"); all three ("eng+fra+spa")
// when the language is unknown or not one of them.
std::string tesseract_languages(std::string_view lang);

// Sets OMP_THREAD_LIMIT=1 unless the user set it (Tesseract's OpenMP threads, one per worker:
// see ocr.cc). Programs that may read scans call it at the start of main(), before any thread
// exists: setenv() is not safe while other threads read the environment. The first OCR does it
// otherwise.
void set_ocr_environment();

struct OcrPage {
  std::string text;  // UTF-8, lines separated by '\n'; "" when the page holds no text
  bool cached = false;                 // read from the cache, not recognized now
  bool blank = false;                  // no ink on the rendered page: Tesseract was not run
  std::optional<FileProblem> problem;  // the page could not be read (text is then "")
  double seconds = 0;                  // time spent rendering and recognizing
};

// Reads page `page` (1-based) of `pdf`, whose content hash is `hash` (the cache key, with
// the page, the languages and the resolution), in `languages` (tesseract_languages()).
OcrPage ocr_pdf_page(std::string_view pdf, int page, const std::string& hash,
                     const std::string& languages, const OcrOptions& options,
                     const std::atomic<bool>* cancel = nullptr);

// Removes the least recently used cache entries until the cache holds at most `limit` bytes.
// Returns the bytes removed. Never throws (a cache that cannot be read is left alone).
uint64_t trim_ocr_cache(const std::string& dir, uint64_t limit);

}  // namespace concord
