// Internal to the query side: what a user typed -> a prepared query for the storage layer
// (store/query.h runs it). No Xapian here.
//
// Contract: refuses, before any work, a query asking for more than the bounds below
// (QueryError); resolves org:/entity:/symbol: values through the gazetteer the database was
// built with (UnknownEntityError, with the closest names; QueryError for a symbol: that is
// not a symbol) and rewrites them as zzentity:N; a bare symbol such as A/RES/77/281 matches
// its literal words or any written form of the symbol; so does a bare acronym in capitals
// that names one entity exactly (UNTFSSE, OIT, a discovered acronym) and a quoted phrase
// that is the long form of an entity other than a concept ("International Labour
// Organization"), each recorded in
// QuerySpec::expanded (a one-word phrase, "UNTFSSE", is the word alone); `X NEAR "a b"` is rewritten as
// `(X NEAR a NEAR b) "a b"`; accents are stripped and apostrophes split words, as at index
// time. What the user typed is echoed in messages with control characters escaped
// (util/echo.h).
#pragma once

#include <string>
#include <vector>

#include "recognize/gazetteer.h"
#include "store/query.h"
#include "store/reader.h"

namespace concord {

// Bounds on one query: a 10,000-word NEAR chain or 90,000 words would run for minutes.
inline constexpr size_t kMaxQueryBytes = 10000;
inline constexpr size_t kMaxQueryTerms = 200;       // words and field values, phrases' words too
inline constexpr size_t kMaxChainTerms = 64;        // words in one "phrase" or a NEAR/ADJ chain
inline constexpr size_t kMaxWildcards = 10;         // each expands to up to 2,000 terms
inline constexpr size_t kMaxEntityNameBytes = 256;  // the longest gazetteer name is ~100

struct ParsedQuery {
  QuerySpec spec;
  std::vector<std::string> wildcard_prefixes;  // folded, for highlighting "develop*"
};

ParsedQuery parse_query(const IndexReader& reader, const std::string& text);

// The entity id for a form a user typed (acronym, long form, variant, symbol, a discovered
// acronym present in the index). Throws UnknownEntityError with the closest known names.
std::string resolve_entity(const IndexReader& reader, const Gazetteer& gazetteer,
                           const std::string& form);

}  // namespace concord
