// Compiled match tables built once from a Gazetteer and shared read-only by recognize().
//
// Contract (internal to core/recognize): immutable after MatchTables::build(); every member
// function is const and thread-safe. Indices in patterns refer to Gazetteer::entities().
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "recognize/fuzzy.h"
#include "recognize/gazetteer.h"
#include "recognize/symbols.h"
#include "util/strings.h"

namespace concord::detail {

// A form to look for. Case-sensitive forms (acronyms, acronym-like variants) compare bytes,
// a run of spaces in the text matching one ' ' in `exact`; folded forms (long forms) compare
// word by word on folded text, with spaces, line breaks, hyphens, apostrophes, commas and
// slashes accepted between words.
struct Pattern {
  uint32_t entity = 0;
  bool case_sensitive = false;
  bool variant = false;
  bool caps_word = false;          // skip when surrounded by all-capitals words
  bool title_word = false;         // skip when it opens a title (Entity::title_word)
  bool generic = false;            // a generic organ name ("General Assembly"): skip when
                                   // "of <another body>" follows (Entity::generic_name)
  bool proper = false;             // a body's folded form (names_a_body()): in lower case
                                   // after "a"/"an" it describes, it does not name
  std::string exact;               // case-sensitive form
  std::vector<std::string> words;  // folded words (folded forms)
};

// Open-addressing map from a 64-bit word hash to the patterns whose first word has it.
class FirstWordIndex {
 public:
  void build(std::vector<std::pair<uint64_t, uint32_t>> entries);
  std::span<const uint32_t> find(uint64_t key) const {
    if (slots_.empty()) return {};
    if (key == 0) key = 1;
    for (size_t i = key & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.key == key) return {ids_.data() + s.begin, s.count};
      if (s.key == 0) return {};
    }
  }

 private:
  struct Slot {
    uint64_t key = 0;
    uint32_t begin = 0;
    uint32_t count = 0;
  };
  std::vector<Slot> slots_;
  std::vector<uint32_t> ids_;
  size_t mask_ = 0;
};

// Open-addressing map from a 64-bit key to a 32-bit value (keys unique).
class HashMap64 {
 public:
  void build(const std::vector<std::pair<uint64_t, uint32_t>>& entries);
  // The value for `key`, or kAbsent.
  uint32_t find(uint64_t key) const {
    if (slots_.empty()) return kAbsent;
    if (key == 0) key = 1;
    for (size_t i = (key ^ (key >> 29)) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.key == key) return s.value;
      if (s.key == 0) return kAbsent;
    }
  }
  static constexpr uint32_t kAbsent = 0xFFFFFFFF;

 private:
  struct Slot {
    uint64_t key = 0;
    uint32_t value = 0;
  };
  std::vector<Slot> slots_;
  size_t mask_ = 0;
};

// Folded forms as a trie over word hashes: each text word is folded and hashed once, then
// followed down the trie, so "United Nations ..." is not re-read once per form.
struct WordTrie {
  struct Node {
    uint32_t pattern = HashMap64::kAbsent;  // the form ending here
    bool has_children = false;
  };
  std::vector<Node> nodes;  // nodes[0] is the root
  HashMap64 edges;          // edge_key(node, word hash) -> child node

  static uint64_t edge_key(uint32_t node, uint64_t word_hash) {
    return (word_hash ^ (static_cast<uint64_t>(node) * 0x9E3779B97F4A7C15ull)) *
           0xFF51AFD7ED558CCDull;
  }
  uint32_t child(uint32_t node, uint64_t word_hash) const {
    return edges.find(edge_key(node, word_hash));
  }
};

struct TypoTarget {
  std::string acronym;  // all ASCII capitals, >= 5 letters
  uint32_t entity = 0;
};

// A long form reduced to its content words (folded, stop words such as "the", "of", "de",
// "la" removed), for judging whether a definition's long form is "close" to a known one.
struct LongFormKey {
  std::vector<std::string> words;
  uint32_t entity = 0;
};

struct MatchTables {
  std::vector<Pattern> patterns;
  // Parent entity -> the names its units go by without it (Gazetteer::unit_names()).
  std::unordered_map<uint32_t, std::vector<UnitName>> units_by_parent;
  FirstWordIndex exact_first;  // scan::hash_bytes(first word as written)
  WordTrie folded;             // folded forms, by FNV-1a of folded words (next_word's hash)
  std::vector<TypoTarget> typo_targets;
  std::unordered_set<std::string> known_tokens;  // every acronym/variant word, as written
  std::vector<LongFormKey> long_form_keys;
  FuzzyMatcher fuzzy;  // inexact long forms and what follows a name

  static MatchTables build(const std::vector<Entity>& entities);

  // End of a match of case-sensitive `p` starting at `start` (a word start), or 0.
  size_t match_exact(std::string_view text, size_t start, const Pattern& p) const;

  // The longest folded form starting with the word [start, first_end) whose folded hash is
  // `first_hash`: sets *pattern and returns its end, or returns 0.
  size_t match_folded(std::string_view text, size_t first_end, uint64_t first_hash,
                      uint32_t* pattern) const;
};

// Symbols starting at the word [start, end) (shared by find_symbols() and recognize()):
// appends them to `out` and returns where scanning resumes, or 0 when there is none.
size_t symbols_at(std::string_view text, size_t start, size_t end, std::vector<SymbolMatch>* out,
                  const SymbolContext& context);

// True for the short function words dropped from long-form comparisons ("the", "de"...).
bool is_stop_word(std::string_view folded_word);
// All of them.
std::span<const std::string_view> stop_words();

// Folded content words of `text` (stop words removed).
std::vector<std::string> content_words(std::string_view text);

// True when `a` and `b` are within one edit (insert, delete, substitute, swap neighbours).
bool within_one_edit(std::string_view a, std::string_view b);

// Edit distance counting a swap of neighbours as one edit (util/strings.h).
using util::edit_distance;

// The candidate closest to `word` by edit_distance() within `max_edits` (the first of equals),
// or "" when none is that close: "did you mean" for subcommands, options and types.
std::string closest_within(std::string_view word, const std::vector<std::string>& candidates,
                           int max_edits);

}  // namespace concord::detail
