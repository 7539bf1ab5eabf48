// Internal to core/store: the Xapian handle behind an IndexReader, and what both the reader and
// the writer read from a Xapian database, for store/*.cc only (they include xapian.h
// themselves); nothing outside core/store may include this.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/reader.h"
#include "util/compress.h"

namespace Xapian {
class Database;
class Query;
class TermIterator;
}

namespace concord {

// db.metadata_keys_begin(prefix), after reading the same place of the table (get_metadata()).
// libxapian 1.4 loses the key list's cursor (about 16 KiB: LeakSanitizer reports it) when the
// list's constructor finds its snapshot overwritten (a DatabaseModifiedError while an indexer
// commits); the read before it throws that error without losing anything, and leaves the
// blocks the list starts from in the table's own cursor, which the list copies instead of
// reading them again. An error thrown later, by the iterator, loses nothing.
Xapian::TermIterator metadata_keys_begin(const Xapian::Database& db, const std::string& prefix);

// Adds the record dictionaries `db` keeps (store/record_compression.h) to `out`; returns the
// first (in key order), nullopt when it keeps none. Throws DamagedRecordError when one cannot
// be loaded.
std::optional<util::Dictionary> read_dictionaries(const Xapian::Database& db,
                                                  util::Dictionaries* out);

// The starts of the first records (document data and facts) of the committed database at
// `db_path`, at most `n`, for RecordCompression's `existing` (opens a handle of its own).
std::vector<std::string> existing_record_starts(const std::string& db_path, size_t n);

// The values in `slot` of every document `query` matches (about `expected` of them), each
// passed to push() once per document holding it, until push() returns false. The shards read
// them themselves: ValueCountMatchSpy is built into Xapian, so xapian-tcpsrv runs it over its
// own shard, reading the slot in order, and sends the distinct values with their counts in one
// reply, where a value stream over the network fetches each document whole.
// A reply holds every value it counts, so the documents are asked for in parts of about
// `part_size` (at most 256 parts), split by the first two hex digits of their content hash
// (schema::kSlotHash, uniform): part i holds the hashes from the i-th split point up to the
// next one, the first part also any document without a hash, so every document is in exactly
// one part whatever its values. Within a part the values come in the order of their bytes.
// Xapian's errors propagate.
void spy_values(const Xapian::Database& db, const Xapian::Query& query, uint32_t expected,
                unsigned slot, uint32_t part_size,
                const std::function<bool(const std::string&)>& push);

struct ReaderAccess {
  static const Xapian::Database& database(const IndexReader& reader);
  // Continuations that belong to no head (a run stopped midway), sorted: search leaves them
  // out. Empty for most databases.
  static const std::vector<uint32_t>& orphan_parts(const IndexReader& reader);
};

}  // namespace concord
