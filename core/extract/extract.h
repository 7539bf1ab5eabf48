// Extraction stage: raw file bytes in, plain UTF-8 pages and metadata out.
//
// Contract: one extractor per format behind extract(). Extractors never print, log or
// index; a problem with the file is returned as a FileProblem and the caller records it.
// Output text is NFC UTF-8, lines separated by '\n', no '\f' or '\r'. Thread-safe: any
// number of threads may extract different files at once (the PDF and HTML modules are loaded,
// and their libraries set up, once, by the first file that needs them).
// Cancellation: given a flag, an extractor checks it between pages (text and PDF pages, every
// few thousand HTML nodes) and, once it is true, stops and returns the problem kCancelled,
// which is not the file's fault: the caller drops the result and records nothing.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/cancel.h"

namespace concord {

enum class Format { kText, kHtml, kPdf };

// "text", "html" or "pdf": the name used in the index, the `type:` field and JSON.
const char* format_name(Format format);

// A per-file failure: recorded, reported and skipped; never stops a run.
struct FileProblem {
  std::string kind;     // short machine-readable reason, e.g. "encrypted", "corrupt", "binary"
  std::string message;  // human-readable detail
};

// FileProblem::kind of an extraction stopped through its cancel flag.
inline constexpr const char* kCancelled = "cancelled";
// The problem of a PDF read while the PDF module (extract/pdf_document.h) cannot be loaded:
// the installation's, not the file's. The indexer keeps what it had indexed of the file and
// reads it again at the next run.
inline constexpr const char* kPdfUnavailable = "pdf-unavailable";
// The same for an HTML file read while the HTML module (extract/html_engine/engine.h) cannot
// be loaded.
inline constexpr const char* kHtmlUnavailable = "html-unavailable";

// Whether a problem of this kind is the installation's (a module that cannot be loaded)
// rather than the file's.
inline bool is_module_unavailable(std::string_view kind) {
  return kind == kPdfUnavailable || kind == kHtmlUnavailable;
}

using util::cancelled;

struct ExtractedDoc {
  std::vector<std::string> pages;  // at least one page; page N is pages[N-1]
  bool paged = false;              // false for HTML and text without form feeds
  std::string title;               // from <title>, PDF Title, or a "Title:" header line
  std::string author;              // PDF Author or <meta name=author>
  std::string date;                // ISO "YYYY-MM-DD" (or "YYYY-MM", "YYYY"); empty if unknown
  std::string description;         // <meta name=description>
  std::string lang_hint;           // "en", "fr", "es" from <html lang>; empty if none
  std::string encoding;            // source encoding as detected ("UTF-8", "windows-1252"...)
};

struct ExtractResult {
  std::optional<FileProblem> problem;  // set when the file could not be extracted
  ExtractedDoc doc;                    // valid only when !problem, except for a PDF whose
                                       // problem is "no-text" (no page has a text layer):
                                       // doc then holds one empty page per page and the
                                       // metadata, for OCR (ocr/ocr.h)
};

// Extracts `bytes` (the whole file) as `format`; stops early when *cancel becomes true.
ExtractResult extract(std::string_view bytes, Format format,
                      const std::atomic<bool>* cancel = nullptr);

// A text too large to hold at once (index/worker_pool.cc stores it in parts), cut into the
// pages extract_text() would make, a few at a time. Two passes over the file's bytes: survey()
// is given every piece in order (it decides the encoding and whether form feeds make the
// pages, and refuses binary data as extract_text() does); then, from the first byte again,
// next_pages() pulls pieces through `read` and appends pages until they hold `max_bytes` of
// text or the text ends. The pages equal extract_text()'s, except inside a run of more than
// 256 KiB without a form feed in a text that has form feeds (cut, then each piece normalized,
// rather than normalized, then cut). Memory: a few pieces and the pages handed out.
class TextPageStream {
 public:
  // Gives the next piece of the file in *piece; an empty piece at the end.
  using Read = std::function<std::optional<FileProblem>(std::string* piece)>;
  explicit TextPageStream(const std::atomic<bool>* cancel = nullptr);
  ~TextPageStream();
  TextPageStream(const TextPageStream&) = delete;
  TextPageStream& operator=(const TextPageStream&) = delete;

  // Pass 1, a piece at a time, then survey_end(); a problem ("binary") ends the pass.
  std::optional<FileProblem> survey(std::string_view piece);
  std::optional<FileProblem> survey_end();
  // Pass 2. A problem: the reader's, kCancelled, or "empty" when the text ends with no page
  // that is not blank.
  std::optional<FileProblem> next_pages(const Read& read, size_t max_bytes,
                                        std::vector<std::string>* pages);
  bool done() const;
  // Title and date (from the header lines: known once next_pages() has handed out the first
  // page, or with form feeds 64 KiB of pages, or the text ended), the encoding, and paged
  // (true).
  const ExtractedDoc& metadata() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Per-format entry points (what extract() dispatches to).
ExtractResult extract_text(std::string_view bytes, const std::atomic<bool>* cancel = nullptr);
ExtractResult extract_html(std::string_view bytes, const std::atomic<bool>* cancel = nullptr);
ExtractResult extract_pdf(std::string_view bytes, const std::atomic<bool>* cancel = nullptr);

}  // namespace concord
