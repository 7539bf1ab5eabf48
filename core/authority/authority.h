// The authority file: instruments whose symbol, organ, titles, adoption date, drafts and
// related documents are known, parsed from TSV (data/authority.tsv is built in; user files
// add or override entries by symbol), with the lookups the check and xref commands need.
//
// Contract: parsing never throws; a bad line is skipped and reported as an AuthorityProblem
// (source, 1-based line, message). The format is documented at the top of
// data/authority.tsv. add_tsv()/add_file() rebuild the lookup tables and are not
// thread-safe; every const method is thread-safe. Returned pointers stay valid until the
// next add_tsv()/add_file().
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace concord {

struct AuthorityEntry {
  std::string symbol;  // canonical symbol ("A/RES/77/281") or own reference ("OECD/LEGAL/0472")
  std::string
      organ;  // "General Assembly", "Security Council", "International Labour Conference"...
  std::string title_en;
  std::string title_fr;
  std::string title_es;
  std::string adopted;               // ISO "YYYY-MM-DD", "YYYY-MM" or "YYYY"; "" if unknown
  std::vector<std::string> drafts;   // canonical draft symbols ("A/77/L.60")
  std::vector<std::string> related;  // canonical related symbols ("A/78/168")
  std::vector<std::string> aliases;  // other names and descriptions, as written
  std::string source;                // "built-in" or the file path it came from
  int line = 0;                      // line in `source`
};

struct AuthorityProblem {
  std::string source;  // "built-in" or file path
  int line = 0;        // 1-based; 0 when the file itself could not be read
  std::string message;
  bool skipped = true;  // the line was ignored (false: a warning, the line was kept)
};

// How a symbol relates to the entry that knows it.
enum class AuthorityRelation {
  kSelf,      // the entry's own symbol (a bare "S/RES/2334" also finds "S/RES/2334(2016)")
  kRevision,  // a /Rev, /Corr, /Add... of the entry's symbol
  kDraft,     // one of its drafts, or a revision of one
  kRelated,   // one of its related documents
};

struct AuthorityMatch {
  const AuthorityEntry* entry = nullptr;  // nullptr: the symbol is not known
  AuthorityRelation relation = AuthorityRelation::kSelf;
};

class Authority {
 public:
  Authority();  // empty

  // The shipped authority file (data/authority.tsv). Problems in it (a bug; tests check
  // there are none) are stored in `problems` when given.
  static Authority built_in(std::vector<AuthorityProblem>* problems = nullptr);

  // Parses `tsv` and adds its entries; a symbol already present is replaced. Returns the
  // problems found (bad lines are skipped, the rest is kept).
  std::vector<AuthorityProblem> add_tsv(std::string_view tsv, const std::string& source);
  // Reads and adds a file; an unreadable file (also: not a regular file, or over
  // util::kMaxSmallFileBytes) is one problem with line 0.
  std::vector<AuthorityProblem> add_file(const std::string& path);

  const std::vector<AuthorityEntry>& entries() const { return entries_; }

  // By symbol in any written form: the exact canonical symbol, else its family
  // ("S/RES/2334" finds "S/RES/2334(2016)"). nullptr when absent.
  const AuthorityEntry* find(std::string_view symbol) const;
  // The entry of which `symbol` (or its family) is a draft; nullptr when none.
  const AuthorityEntry* by_draft(std::string_view symbol) const;
  // The entry that knows `symbol` as itself, a revision, a draft or a related document.
  AuthorityMatch family(std::string_view symbol) const;
  // Entries adopted on `iso_date` ("2023-04-18"); a partial date ("2023-04", "2023") gives
  // every entry adopted in that month or year.
  std::vector<const AuthorityEntry*> adopted_on(std::string_view iso_date) const;
  // Entries whose title (any language) or alias appears in `text` as whole words, compared
  // after normalize_words(). In entry order, each entry once.
  std::vector<const AuthorityEntry*> by_title_words(std::string_view text) const;

 private:
  void rebuild();
  AuthorityMatch family_of_canonical(const std::string& symbol) const;

  struct Phrase {
    std::vector<std::string> words;
    size_t entry = 0;
  };

  std::vector<AuthorityEntry> entries_;
  std::unordered_map<std::string, size_t> by_symbol_;
  std::unordered_map<std::string, size_t> by_family_;
  std::unordered_map<std::string, size_t> by_draft_;              // draft family -> entry
  std::unordered_map<std::string, size_t> by_related_;            // related family -> entry
  std::unordered_map<std::string, std::vector<size_t>> by_date_;  // full, month and year keys
  // Looked up by a word of the sentence in place (a string_view), without a copy.
  struct WordHash {
    using is_transparent = void;
    size_t operator()(std::string_view w) const { return std::hash<std::string_view>{}(w); }
  };
  std::unordered_map<std::string, std::vector<Phrase>, WordHash, std::equal_to<>>
      phrases_;  // first word -> phrases
};

// The symbol under which an authority file stores `written`: canonical_symbol() when it is
// a UN symbol or ILO instrument in any form, else `written` trimmed.
std::string authority_symbol(std::string_view written);

// Words of `text` for comparison: case and accents folded, letters and digits kept, hyphens
// inside words dropped ("Co-operation" -> "cooperation"), apostrophes and every other
// character a word break, words joined by one space. "l’Économie sociale" -> "l economie
// sociale".
std::string normalize_words(std::string_view text);

// The adopting organ implied by a symbol: "General Assembly" (A/), "Human Rights Council"
// (A/HRC/), "Security Council" (S/), "Economic and Social Council" (E/), "International
// Labour Conference" (ILO-); "" when the symbol does not say.
std::string organ_of_symbol(std::string_view symbol);

}  // namespace concord
