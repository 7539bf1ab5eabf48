// libFuzzer harness: the HTML extractor (libxml2 parse, title, meta, text) on any bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extract/extract.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  concord::init_extractors();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  concord::extract_html(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
