// Inexact long forms: a body's name written informally, reordered or with one of its parts
// abbreviated ("ILO International Training Centre", "United Nations Research Institute on
// Social Development", "United Nations Inter-Agency Task Force On SSE", "Grupo de trabajo sobre
// economía social y solidaria de Naciones Unidas"), matched by content-word overlap with the
// entity's known long forms, where an acronym of the gazetteer stands for the words of its
// entity's names. One rule, no list of variants.
//
// Also the words that tell what a capitalized continuation of a name is: the head nouns of
// bodies ("Office", "Institute", "Grupo") and of titles ("Convention", "Strategy").
//
// Contract (internal to core/recognize): built once from the gazetteer's entities; immutable
// and thread-safe afterwards. Offsets are byte offsets in the page text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "recognize/gazetteer.h"

namespace concord::detail {

class FuzzyMatcher {
 public:
  void build(const std::vector<Entity>& entities);

  struct Match {
    size_t end = 0;       // end of the name in the text
    uint32_t entity = 0;  // index into the gazetteer's entities
  };

  // The inexact long form of an organization starting at the word [start, first_end), if one
  // ends after `min_end` (an exact match already found there ends at `min_end`; 0 if none).
  // Accepted: the name's content words are all words of one known long form of three content
  // words or more, in any order (a word may be written as an acronym of another body that
  // stands for it and for words the name does not write out, at most one such acronym, or
  // in British/American or singular/plural form), and cover all of the form's words, or all
  // but one that is not the body's head noun nor a word of a unit's own name (before "of" in
  // "General Conference of the ...") for forms of five words or more; and the name
  // does not go on with another capitalized word (directly, or after "of the", "for", "de
  // la"...). Returns false when there is none.
  bool match(std::string_view text, size_t start, size_t min_end, Match* out) const;

  // What the capitalized words right after `pos` make of the name before them, when they go
  // on with it: kBody ("African Union Commission", "... Organization Institute for
  // Statistics") or kTitle ("United Nations Global Counter-Terrorism Strategy").
  enum class Continuation { kNone, kBody, kTitle };
  Continuation continuation(std::string_view text, size_t pos) const;

  bool is_stop(uint64_t folded_hash) const { return stop_.count(folded_hash) != 0; }
  // A word that heads a title ("Convention", "Strategy", "Day"): by its folded hash.
  bool is_title_head(uint64_t folded_hash) const { return title_heads_.count(folded_hash) != 0; }

 private:
  struct Token {
    std::vector<uint64_t> accepts;  // folded word hashes this token stands for
    bool head = false;  // never left out: a body's head noun ("Institute"), a unit's own words
  };
  struct Form {
    uint32_t entity = 0;
    std::vector<Token> tokens;  // content words, in order (at most 24)
    // Every accepted hash with the tokens that accept it (a bit each), sorted by hash: what
    // tokens_with_hash() looks up, once per word of a name and candidate form.
    std::vector<std::pair<uint64_t, uint32_t>> bits_by_hash;
  };
  // What an acronym of the gazetteer stands for: the content words of each long form of its
  // entity. In a name it covers a form's words only when they hold all the words of one.
  struct Expansion {
    std::vector<std::vector<uint64_t>> forms;  // folded word hashes, per long form
    std::vector<uint64_t> all;                 // every word, with spellings; and the acronym
    std::vector<uint32_t> entities;            // whose acronym it is
  };
  struct WindowToken {
    size_t start = 0, end = 0;
    const Expansion* expansion = nullptr;  // a known acronym, or null
    uint64_t hash = 0;
    bool stop = false;
    bool capital = false;
    int occurrence = 1;  // 2 for the second time the window has this word, and so on
  };

  std::vector<uint64_t> word_accepts(std::string_view folded_word) const;
  // The tokens of `form` that `word` stands for, a bit each.
  uint32_t covers(const Form& form, const WindowToken& word) const;
  // The tokens of `form` that accept the folded word hash `h`, a bit each.
  static uint32_t tokens_with_hash(const Form& form, uint64_t h);

  std::vector<Form> forms_;
  std::unordered_map<uint64_t, std::vector<uint32_t>> by_first_;   // accepted hash -> forms
  std::unordered_map<uint64_t, std::vector<uint32_t>> by_word_;    // any token's hash -> forms
  // pair_key(first token's hash, any token's hash) -> forms, in id order: the forms a name's
  // first two words may start (the filter of by_first_ by by_word_, done once at build).
  std::unordered_map<uint64_t, std::vector<uint32_t>> by_first_and_word_;
  static uint64_t pair_key(uint64_t first, uint64_t word) {
    return (first * 0x9E3779B97F4A7C15ull) ^ ((word << 29) | (word >> 35));
  }
                                                                   // (ascending, unique)
  std::unordered_map<uint64_t, Expansion> expansion_;  // acronym bytes -> its words
  std::unordered_set<uint64_t> stop_;
  std::unordered_set<uint64_t> linking_;  // words that carry a name on: "of the", "for", "de la"
  std::unordered_set<uint64_t> articles_;  // "the", "la", "el"...: capitalized, a new sentence
  std::unordered_set<uint64_t> body_heads_;
  std::unordered_set<uint64_t> title_heads_;
};

}  // namespace concord::detail
