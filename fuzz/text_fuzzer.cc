// libFuzzer harness: the text extractor (encoding detection, form feeds, paging) on any bytes,
// and the streaming reader of huge texts (TextPageStream) on the same bytes, read in pieces of
// a size the input chooses: it must agree with extract_text() (same problem kind, or the same
// pages, title, date and encoding). Inputs are far below the 256 KiB where the two may cut a
// long run between form feeds differently (extract.h), so any difference is a bug: trap.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extract.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const concord::ExtractResult whole = concord::extract_text(bytes);

  const size_t piece = size == 0 ? 1 : 1 + data[size - 1] % 97;
  concord::TextPageStream stream;
  std::optional<concord::FileProblem> problem;
  for (size_t at = 0; at < size && !problem; at += piece) problem = stream.survey(bytes.substr(at, piece));
  if (!problem) problem = stream.survey_end();
  std::vector<std::string> pages;
  size_t at = 0;
  const concord::TextPageStream::Read read = [&](std::string* out) -> std::optional<concord::FileProblem> {
    *out = std::string(bytes.substr(std::min(at, size), piece));
    at += piece;
    return std::nullopt;
  };
  while (!problem && !stream.done()) problem = stream.next_pages(read, 1 + piece * 7, &pages);

  if (whole.problem || problem) {
    if (!whole.problem || !problem || whole.problem->kind != problem->kind) __builtin_trap();
    return 0;
  }
  const concord::ExtractedDoc& meta = stream.metadata();
  if (pages != whole.doc.pages || meta.title != whole.doc.title || meta.date != whole.doc.date ||
      meta.encoding != whole.doc.encoding)
    __builtin_trap();
  return 0;
}
