// libFuzzer harness: the HTML extractor (libxml2 parse, title, meta, text) on any bytes.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "extract/extract.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // Without the HTML module every input would fail the same way, fuzzing nothing: stop.
  const concord::ExtractResult probe = concord::extract_html("<p>probe</p>");
  if (probe.problem && probe.problem->kind == concord::kHtmlUnavailable) {
    std::fprintf(stderr, "html_fuzzer: %s\n", probe.problem->message.c_str());
    std::abort();
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  concord::extract_html(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
