// Internal to the query side: opening the database read-only and rebuilding the gazetteer it
// was indexed with. Xapian at the edge: only core/search and core/mentions include this.
#pragma once

#include <xapian.h>

#include <functional>
#include <string>

#include "index/facts_reader.h"
#include "index/stored_doc.h"
#include "recognize/gazetteer.h"

namespace concord {

// Opens `db_path` read-only; throws DatabaseError (search.h) when missing or unreadable.
Xapian::Database open_database(const std::string& db_path);

// The built-in gazetteer plus the extra entries recorded in the database at index time.
Gazetteer database_gazetteer(const Xapian::Database& db);

// Calls fn(docid, facts) for every document whose absolute path is under `abs_prefix` ("" =
// all), in docid order, reading only the facts records (value slot schema::kSlotFacts). The
// records are read and decoded (with `filter`) in a second thread while `fn` runs in the
// calling thread, so decoding overlaps the caller's work.
// `fn` is only ever called from the calling thread. Exceptions from either side propagate.
void for_each_facts(const std::string& db_path, const std::string& abs_prefix,
                    const FactsFilter& filter,
                    const std::function<void(Xapian::docid, DocFacts&&)>& fn);

}  // namespace concord
