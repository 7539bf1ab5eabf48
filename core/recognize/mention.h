// The mention record shared by recognition (which fills it), the index (which stores it) and
// the mentions/xref/check commands (which read it).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace concord {

// A field added here is also reset by the facts reader when it reuses a mention
// (FactsHandler::reuse() in store/facts_reader.cc).
struct Mention {
  std::string entity_id;  // canonical id: "UNTFSSE", "A/RES/77/281", "ILO-R193"...
  std::string surface;    // text as written (whitespace collapsed)
  bool variant = false;   // misspelled acronym, or a form that is not canonical
  int page = 0;           // 1-based page; 0 for unpaged documents
  int line = 0;           // 1-based line within the page
  uint32_t start = 0;     // byte offsets within the page text
  uint32_t end = 0;
  std::string sentence;            // the sentence around it, whitespace collapsed, <= ~200 chars
  uint32_t context_start = 0;      // byte offsets of the surface within `sentence` (the
  uint32_t context_end = 0;        // occurrence recognized); both 0 in records stored before
  std::vector<std::string> dates;  // dates written near the mention, ISO (may be partial)
};

}  // namespace concord
