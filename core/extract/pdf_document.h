// A PDF opened through the PDF module (extract/pdf_engine/engine.h): what the extractor, the
// page renderer and OCR read of a PDF, without linking Poppler. The module is loaded, and
// Poppler set up, the first time any thread opens a PDF.
//
// Contract: a PDF that cannot be opened (bad, encrypted, truncated) is a problem(), never an
// exception; a page that does not exist or cannot be drawn is nullopt or false. An error
// Poppler throws while reading an opened document is thrown again as std::runtime_error with
// its message (the extractor reports the file corrupt with it), and out of memory as
// std::bad_alloc. The bytes given to the constructor must outlive the document. A document is
// used by one thread at a time; distinct documents are independent.
#pragma once

#include <ctime>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "extract/extract.h"
#include "extract/pdf_engine/engine.h"  // plain types only: no Poppler header

namespace concord {

// An image drawn from a page: rows of `stride` bytes, grey (1 byte per pixel, 0 = black) or
// ARGB (4 bytes: B, G, R, A in memory).
class PdfImage {
 public:
  PdfImage() = default;
  ~PdfImage();
  PdfImage(PdfImage&& other) noexcept;
  PdfImage& operator=(PdfImage&& other) noexcept;
  PdfImage(const PdfImage&) = delete;
  PdfImage& operator=(const PdfImage&) = delete;

  int width() const;
  int height() const;
  int stride() const;
  unsigned char* data();
  const unsigned char* data() const;
  // Writes an ARGB image as a PNG file; false when it cannot.
  bool save_png(const std::string& path) const;

 private:
  friend class PdfDocument;
  PdfEngineImage image_;                      // as render() gave it
  const ConcordPdfEngine* engine_ = nullptr;  // that made it, and frees it
};

class PdfDocument {
 public:
  // Opens `bytes`. problem(): "corrupt" (not a readable PDF), "encrypted", or
  // kPdfUnavailable (the PDF module cannot be loaded; the message says why).
  explicit PdfDocument(std::string_view bytes);
  ~PdfDocument();
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  const std::optional<FileProblem>& problem() const { return problem_; }
  int pages() const;  // 0 when problem()
  // Page `index` (0-based) as text in its physical layout; nullopt when it cannot be read.
  std::optional<std::string> page_text(int index) const;
  // The document information entry `key` ("Title"), UTF-8 as written; "" when absent.
  std::string info(const char* key) const;
  // The same entry read as a date; -1 when it is not one.
  std::time_t info_date(const char* key) const;
  // The page's media box in points; false when the page cannot be read.
  bool page_size(int index, double* width, double* height) const;
  // The page drawn at `dpi`, antialiased; nullopt when it cannot be drawn.
  std::optional<PdfImage> render(int index, double dpi, bool gray) const;
  // Calls `box` for each word of the page with its box in points from the top left.
  using BoxFunction = std::function<void(std::string_view word, double left, double top,
                                         double right, double bottom)>;
  bool text_boxes(int index, const BoxFunction& box) const;

 private:
  const ConcordPdfEngine* engine_ = nullptr;
  PdfEngineDocument* document_ = nullptr;
  std::optional<FileProblem> problem_;
};

}  // namespace concord
