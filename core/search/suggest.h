// Completion of the word being typed in a query box (the web page's search field): the
// archive's entities whose id, name or a written form starts with it.
//
// Contract: built from the entity list (list_entities(), most documents first) and asked with
// the text typed so far; no index access, so callers keep one per snapshot. Matching is
// folded (no case, no accents) and starts at a word's beginning: "trav" finds "Groupe de
// travail…", "77/2" finds A/RES/77/281. Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "mentions/mentions.h"

namespace concord {

struct Completion {
  std::string value;  // the whole query with its last word replaced by the entity's filter
  std::string id;     // the entity ("ILO", "A/RES/77/281", "discovered:RESAM")
  std::string name;   // its display name ("" when it has none but its id)
  std::string type;   // "organization", "symbol", ...
  std::string matched;  // what the typed word matched: the id, the name or a written form
  uint64_t documents = 0;
};

// The archive's entities prepared for completion (folded once): build it once per index
// snapshot and ask it for every keystroke.
class SuggestionIndex {
 public:
  explicit SuggestionIndex(std::vector<EntitySummary> entities);

  // At most `limit` suggestions for the last word of `query` (after the last space; a
  // leading org:, symbol: or entity: and an opening quote are kept out of the match, and the
  // filter put in its place follows the entity's type). Nothing for an empty last word (a
  // query ending in a space) or one shorter than 2 characters without a field. The exact id
  // first, then ids starting with the word, then names, written forms and words inside ids;
  // ties by documents.
  std::vector<Completion> suggest(std::string_view query, size_t limit) const;

  size_t size() const { return entities_.size(); }

 private:
  struct Entry {
    size_t entity;       // into entities_
    int rank;            // 1 id, 2 name, 3 written form (0 is the exact id, at match time)
    std::string text;    // as written
    std::string folded;  // fold(text)
  };
  std::vector<EntitySummary> entities_;
  std::vector<Entry> entries_;
};

}  // namespace concord
