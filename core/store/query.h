// Running a search on a snapshot: Xapian's query parser, configured with Concord's fields and
// one stemmer per language, and its matcher. search/query_parse.h prepares the text (bounds,
// entity names resolved, accents stripped); this runs it.
//
// Contract: run_query() parses `spec.text` once per supported language (stemmer and
// stopwords of that language) and ORs the parses, each filtered to documents of its
// language, so every document is matched with its own stemmer. Fields: title:, type:
// (pdf/html/text/txt), lang:, zzpath:N (spec.folders[N]: a file or folder by the --path
// rule of store/path_scope.h), date:YYYY[-MM[-DD]], date:A..B (either side may be empty), and
// zzentity:N (spec.entity_ids[N], at mention positions). A query that does not parse, or a
// field value it cannot take, is an error value (QueryMatches::error), never an exception:
// field processors record their error and match nothing, so nothing is thrown through
// Xapian. Database errors propagate (read_index() translates them).
// TermMatcher is not thread-safe (it caches stems); make one per search.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "store/reader.h"

namespace concord {

struct QuerySpec {
  std::string text;                     // query-parser syntax, accents stripped
  std::vector<std::string> entity_ids;  // zzentity:N names entity_ids[N]
  std::vector<std::string> folders;     // zzpath:N names folders[N], as the user typed it
  std::string only_path;  // when set: match only the document indexed for this absolute path
  // Words the parser also searched as an entity (a bare symbol, acronym or quoted long form),
  // in query order. Reported to the user.
  struct Expansion {
    std::string typed;  // "UNTFSSE", "International Labour Organization", "A/RES/77/281"
    std::string field;  // the field that says the same: "org" or "symbol"
    std::string id;     // the entity id: "UNTFSSE", "ILO", "A/RES/77/281", "discovered:PCB"
    std::string name;   // its display name (the id for a symbol or discovered acronym)
  };
  std::vector<Expansion> expanded;
  // Where zzentity:N stands for a bare acronym of an index whose every file is marked
  // (IndexReader::acronyms_marked()): the acronym's word (terms.h acronym_word()), which
  // zzentity:N then also finds in the documents marked as having it without the entity
  // (schema::kUnrecognized). Empty, or "" for N: zzentity:N is the entity's term alone.
  std::vector<std::string> entity_words;
};

struct QueryOptions {
  size_t offset = 0;
  size_t limit = 10;
  bool sort_by_date = false;  // newest first, then relevance
  // Count every matching document by format, language, year and cited entity (the whole
  // match set is visited, so the totals are exact too).
  bool facets = false;
  // Count matching documents up to this many (beyond, the total is an estimate from them), so
  // that totals are exact, and the same however the archive is split in shards, where they
  // are small enough to read (Xapian's estimate alone depends on the layout and can be far
  // off: "About 20000" for 66,444). Counting costs a visit of each match (at 100,000
  // documents, a phrase query matching 66,444: 16 ms as an estimate, 42 ms counted). A query
  // with a phrase or NEAR is counted up to a tenth of this; one of a single term by its
  // frequency; an OR whose largest term alone has more documents than this is not counted
  // (counting could not make it exact).
  uint64_t exact_total_up_to = 10000;
  // Stop matching after this many seconds (0: no limit) and return what was found; the
  // totals are then estimates (lower < upper).
  double time_limit = 0;
};

// How many matching documents have one value of a facet.
struct FacetCount {
  std::string value;  // "pdf"; "en"; "2023"; an entity id
  uint64_t documents = 0;
};

// Facet counts, most documents first, then by value (years: newest first).
struct Facets {
  std::vector<FacetCount> formats, languages, years, entities;
};

struct QueryMatch {
  DocId doc = 0;
  double weight = 0;
  int percent = 0;
  // The query's terms (every one: a term the document lacks names no word of its text), and
  // whether one is a stem (Z) term, the only case where a page's words need stemming.
  std::unordered_set<std::string> terms;
  bool has_stems = false;
};

struct QueryMatches {
  // Why the query could not be run ("unknown type 'x' (use pdf, html or text)", Xapian's
  // syntax message); "" when it ran. Printable only after util::echo_input().
  std::string error;
  uint64_t estimated = 0;  // matching documents, estimated
  uint64_t lower = 0;
  uint64_t upper = 0;
  std::vector<QueryMatch> matches;  // at most options.limit, from options.offset
  Facets facets;  // when options.facets; exact (lower == upper) unless the time limit struck
};

QueryMatches run_query(const IndexReader& reader, const QuerySpec& spec,
                       const QueryOptions& options);

// Which words of a matched document a match's terms cover, for highlighting.
class TermMatcher {
 public:
  TermMatcher();
  ~TermMatcher();
  TermMatcher(const TermMatcher&) = delete;
  TermMatcher& operator=(const TermMatcher&) = delete;

  // True when `folded` (a folded word of a page in `language`) or its stem is a term of
  // `match`.
  bool word(const QueryMatch& match, const std::string& language, const std::string& folded);
  // The entities (org:, symbol:...) among the terms of `match`, by id: few, usually none.
  static std::vector<std::string> entities(const QueryMatch& match);

 private:
  struct Stems;
  std::unique_ptr<Stems> stems_;
};

}  // namespace concord
