// Internal to the query side: user query string -> Xapian query (Xapian at the edge).
//
// Contract: parses with Xapian's QueryParser once per supported language (stemmer and
// stopwords of that language) and ORs the three parses, each filtered to documents of its
// language, so every document is matched with its own stemmer. Fields: title:, type:,
// lang:, path:, date:A..B, and org:/entity:/symbol: (resolved through the gazetteer the
// database was built with; indexed at mention positions, so NEAR works with them). A bare
// symbol such as A/RES/77/281 matches its literal words or any written form of the symbol.
// Accents are stripped before parsing. Throws QueryError when the query does not parse, or
// asks for more work than the bounds below (checked before any work), or names an entity
// longer than kMaxEntityNameBytes. What the user typed is echoed in messages with control
// characters escaped (util/echo.h).
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "recognize/gazetteer.h"

namespace concord {

// Bounds on one query: a 10,000-word NEAR chain or 90,000 words would run for minutes.
inline constexpr size_t kMaxQueryBytes = 10000;
inline constexpr size_t kMaxQueryTerms = 200;       // words and field values, phrases' words too
inline constexpr size_t kMaxChainTerms = 64;        // words in one "phrase" or a NEAR/ADJ chain
inline constexpr size_t kMaxWildcards = 10;         // each expands to up to 2,000 terms
inline constexpr size_t kMaxEntityNameBytes = 256;  // the longest gazetteer name is ~100

struct ParsedQuery {
  Xapian::Query query;
  std::vector<std::string> wildcard_prefixes;  // folded, for highlighting "develop*"
};

ParsedQuery parse_query(const Xapian::Database& db, const std::string& text);

// The entity id for a form a user typed (acronym, long form, variant, symbol, a discovered
// acronym present in the index). Throws UnknownEntityError with the closest known names.
std::string resolve_entity(const Xapian::Database& db, const Gazetteer& gazetteer,
                           const std::string& form);

}  // namespace concord
