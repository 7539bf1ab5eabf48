// Internal to the query side: user query string -> Xapian query (Xapian at the edge).
//
// Contract: parses with Xapian's QueryParser once per supported language (stemmer and
// stopwords of that language) and ORs the three parses, each filtered to documents of its
// language, so every document is matched with its own stemmer. Fields: title:, type:,
// lang:, path:, date:A..B, and org:/entity:/symbol: (resolved through the gazetteer the
// database was built with; indexed at mention positions, so NEAR works with them). A bare
// symbol such as A/RES/77/281 matches its literal words or any written form of the symbol. Accents are stripped before parsing. Throws QueryError when the
// query does not parse.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "recognize/gazetteer.h"

namespace concord {

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
