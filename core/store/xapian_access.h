// Internal to core/store: the Xapian handle behind an IndexReader, and what both the reader and
// the writer read from a Xapian database, for store/*.cc only (they include xapian.h
// themselves); nothing outside core/store may include this.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/reader.h"
#include "util/compress.h"

namespace Xapian {
class Database;
}

namespace concord {

// Adds the record dictionaries `db` keeps (store/record_compression.h) to `out`; returns the
// first (in key order), nullopt when it keeps none. Throws DamagedRecordError when one cannot
// be loaded.
std::optional<util::Dictionary> read_dictionaries(const Xapian::Database& db,
                                                  util::Dictionaries* out);

// The starts of the first records (document data and facts) of the committed database at
// `db_path`, at most `n`, for RecordCompression's `existing` (opens a handle of its own).
std::vector<std::string> existing_record_starts(const std::string& db_path, size_t n);

struct ReaderAccess {
  static const Xapian::Database& database(const IndexReader& reader);
  // Continuations that belong to no head (a run stopped midway), sorted: search leaves them
  // out. Empty for most databases.
  static const std::vector<uint32_t>& orphan_parts(const IndexReader& reader);
};

}  // namespace concord
