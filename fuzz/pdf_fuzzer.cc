// libFuzzer harness: the PDF extractor (poppler-cpp, pages, metadata) on any bytes.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "extract/extract.h"
#include "extract/pdf_document.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // Without the PDF module every input would fail the same way, fuzzing nothing: stop.
  const concord::PdfDocument probe("");
  if (probe.problem() && probe.problem()->kind == concord::kPdfUnavailable) {
    std::fprintf(stderr, "pdf_fuzzer: %s\n", probe.problem()->message.c_str());
    std::abort();
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  concord::extract_pdf(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
