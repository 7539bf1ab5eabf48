// The Tesseract side of OCR, built as a module of its own (libconcord-ocr.so, from
// core/ocr/engine/) that the library loads the first time a page needs OCR (ocr/ocr.cc). A
// run that reads no scanned page never loads Tesseract, Leptonica, OpenMP and the forty-odd
// libraries they bring (16 ms at every start of concord-index), and OMP_THREAD_LIMIT can be
// set before libgomp, loaded with the module, reads it.
//
// Contract: the module exports one function, concord_ocr_engine(), giving this table. Plain
// types cross the boundary and no exception does. Thread-safe as ocr/ocr.h says: each thread
// has its own Tesseract engine per language set, made on first use.
#pragma once

#include <atomic>

inline constexpr int kOcrEngineAbi = 1;  // bumped when the table changes

enum OcrEngineStatus : int {
  kOcrEngineOk = 0,
  kOcrEngineCancelled = 1,  // *cancel became true
  kOcrEngineTimeout = 2,    // the deadline passed
  kOcrEngineFailed = 3,     // Tesseract could not read the image
  kOcrEngineNoLanguage = 4, // Tesseract cannot load these languages
  kOcrEngineNoMemory = 5,
};

struct ConcordOcrEngine {
  int abi;  // kOcrEngineAbi
  // Tesseract's version ("5.3.0").
  const char* (*version)();
  // nullptr when Tesseract can read English, French and Spanish here, else why not (a
  // static string naming the Debian packages to install).
  const char* (*unavailable)();
  // Reads an 8-bit grey image (rows of `stride` bytes, 0 = black) rendered at `dpi`, in
  // `languages` ("eng", "eng+fra+spa"), within `seconds`, stopping when *cancel becomes true.
  // kOcrEngineOk: *text is the page's text in UTF-8 (release it with free_text).
  int (*recognize)(const unsigned char* grey, int width, int height, int stride, int dpi,
                   const char* languages, double seconds, const std::atomic<bool>* cancel,
                   char** text);
  void (*free_text)(char* text);
};

extern "C" const ConcordOcrEngine* concord_ocr_engine();
