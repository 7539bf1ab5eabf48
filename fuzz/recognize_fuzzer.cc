// libFuzzer harness: recognition of a document (pages split at '\f') with the built-in
// gazetteer; checks recognize.h's promises: offsets inside the page, mentions in text order
// and non-overlapping, sentences of valid UTF-8 within kMaxSentenceBytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "recognize/recognize.h"

namespace {

bool valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const concord::Gazetteer gazetteer = concord::Gazetteer::built_in();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> pages;
  size_t from = 0;
  for (size_t ff; (ff = text.find('\f', from)) != std::string_view::npos; from = ff + 1)
    pages.emplace_back(text.substr(from, ff - from));
  pages.emplace_back(text.substr(from));
  const bool paged = pages.size() > 1;
  const concord::RecognizeResult r = concord::recognize_document(pages, paged, gazetteer);
  uint32_t previous_end = 0;
  int previous_page = 0;
  for (const concord::Mention& m : r.mentions) {
    const size_t index = paged ? static_cast<size_t>(m.page - 1) : 0;
    if (index >= pages.size() || m.start > m.end || m.end > pages[index].size()) __builtin_trap();
    if (m.page == previous_page && m.start < previous_end) __builtin_trap();
    if (m.sentence.size() > concord::kMaxSentenceBytes || !valid_utf8(m.sentence)) __builtin_trap();
    previous_page = m.page;
    previous_end = m.end;
  }
  return 0;
}
