// Poppler's side of PDF reading, built as a module of its own (libconcord-pdf.so, from
// core/extract/pdf_engine/) that the library loads the first time a PDF is opened
// (extract/pdf_document.cc). A run that opens no PDF (a re-run with nothing changed, an
// archive of text and HTML) never loads Poppler and the twenty-odd libraries it brings
// (fonts, colour management, image codecs, NSS): about 2 ms at every start of concord-index.
//
// Contract: the module exports one function, concord_pdf_engine(), giving this table. Plain
// types cross the boundary and no exception does: every call returns a status. init() runs
// once, on one thread, before any other call; after it every call is thread-safe for distinct
// documents (a document is used by one thread at a time).
#pragma once

#include <cstddef>

inline constexpr int kPdfEngineAbi = 2;  // bumped when the table changes

enum PdfEngineStatus : int {
  kPdfEngineOk = 0,
  kPdfEngineCorrupt = 1,    // not a readable PDF, or a page that cannot be read or drawn
  kPdfEngineEncrypted = 2,  // a password is required
  kPdfEngineNoPage = 3,     // no page of that index
  kPdfEngineNoMemory = 4,
  kPdfEngineFailed = 5,  // poppler threw; last_error() says what
};

struct PdfEngineDocument;  // opaque

// An image drawn by render(): rows of `stride` bytes; 1 byte per pixel (grey, 0 = black) or
// 4 (B, G, R, A in memory). Released with free_image().
struct PdfEngineImage {
  int width = 0;
  int height = 0;
  int stride = 0;
  unsigned char* data = nullptr;
  void* owner = nullptr;
};

// Receives text (UTF-8) written by the module.
using PdfEngineSink = void (*)(void* context, const char* utf8, size_t size);
// Receives one word box of a page: its text and its box in points from the top left.
using PdfEngineBoxSink = void (*)(void* context, const char* utf8, size_t size, double left,
                                  double top, double right, double bottom);

struct ConcordPdfEngine {
  int abi;  // kPdfEngineAbi
  // Silences poppler's messages and builds the process-wide colour state poppler otherwise
  // builds without a lock the first time a page is drawn.
  void (*init)();
  // Opens the `size` bytes at `data`, which the caller keeps unchanged until close().
  int (*open)(const char* data, size_t size, PdfEngineDocument** out);
  void (*close)(PdfEngineDocument* document);
  int (*page_count)(PdfEngineDocument* document, int* pages);
  // The document information entry `key` ("Title", "Author", "CreationDate") as written.
  int (*info)(PdfEngineDocument* document, const char* key, PdfEngineSink sink, void* context);
  // The same entry read as a date: seconds since the epoch, or -1.
  int (*info_date)(PdfEngineDocument* document, const char* key, long long* when);
  // Page `index` (0-based) as text in its physical layout (columns kept apart by spaces).
  int (*page_text)(PdfEngineDocument* document, int index, PdfEngineSink sink, void* context);
  // The page's media box, in points.
  int (*page_size)(PdfEngineDocument* document, int index, double* width, double* height);
  // Draws page `index` at `dpi`, antialiased, in grey (gray != 0) or ARGB.
  int (*render)(PdfEngineDocument* document, int index, double dpi, int gray, PdfEngineImage* out);
  void (*free_image)(PdfEngineImage* image);
  // The page's words with their boxes, in reading order.
  int (*text_boxes)(PdfEngineDocument* document, int index, PdfEngineBoxSink sink, void* context);
  // Writes an ARGB image as a PNG file at `path`.
  int (*save_png)(const PdfEngineImage* image, const char* path);
  // What the last kPdfEngineFailed of this thread was about.
  const char* (*last_error)();
};

extern "C" const ConcordPdfEngine* concord_pdf_engine();
