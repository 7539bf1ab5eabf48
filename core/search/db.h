// Internal to the query side: the one layer that reads a Concord database. Xapian at the
// edge: only core/search, core/mentions, core/xref, core/graph and core/check/run_check.cc
// include this.
//
// Contract: every query command reads through read_index(db_path, fn), which opens one
// read-only snapshot (an IndexReader) and hands it to fn. Every Xapian error raised while
// opening or while fn runs is translated there, and only there, into DatabaseError
// (search.h): one line naming the database, what is wrong and what to do (a missing
// database, a damaged one, one that cannot be opened). When an indexer commits to the
// database while fn reads it and Xapian reports that the snapshot is gone
// (DatabaseModifiedError, and the revision did move on), fn runs again from the start on a
// fresh snapshot, at most kReadAttempts times in all. So fn must only compute its result from the
// reader (no printing, no other side effects), and may run more than once. A stored record that
// cannot be decoded (DamagedRecordError) is a damaged database too, and becomes the same
// DatabaseError. Other errors (QueryError, UnknownEntityError...) pass through unchanged.
// Opening checks that a database with documents still has their stored records (Xapian
// reads a deleted docdata table as empty), so a deleted table is reported by every command.
// An IndexReader is used by one thread at a time; a second thread takes another_handle().
#pragma once

#include <xapian.h>

#include <functional>
#include <string>
#include <type_traits>

#include "index/facts_reader.h"
#include "index/stored_doc.h"
#include "recognize/gazetteer.h"

namespace concord {

// One command's snapshot of the database. Non-copyable: it owns the Xapian handle.
class IndexReader {
 public:
  // Opens `db_path` read-only. Xapian errors propagate untranslated: construct readers only
  // through read_index(), which translates them.
  explicit IndexReader(const std::string& db_path);
  IndexReader(const IndexReader&) = delete;
  IndexReader& operator=(const IndexReader&) = delete;

  const std::string& path() const { return path_; }
  // The snapshot; valid as long as this reader.
  const Xapian::Database& db() const { return db_; }
  Xapian::rev revision() const { return revision_; }

  // A handle on the same snapshot, for another thread (Xapian handles are not thread-safe).
  // Throws Xapian::DatabaseModifiedError when the database has been committed to since this
  // reader opened it (the new handle would see other documents), so read_index() starts
  // over on a fresh snapshot.
  Xapian::Database another_handle() const;

 private:
  std::string path_;
  Xapian::Database db_;
  Xapian::rev revision_ = 0;
};

// Attempts of read_index() when the indexer keeps replacing the snapshot being read.
inline constexpr int kReadAttempts = 5;

// Called only from a catch handler: throws the DatabaseError for the exception being handled
// (a Xapian::Error or a DamagedRecordError met while reading `db_path`). For a
// DatabaseModifiedError, `committed` says whether an indexer really committed meanwhile
// (then `attempts` were made) or not (then the "newer" block is garbage: a damaged table).
// The single place those errors become Concord's.
[[noreturn]] void throw_database_error(const std::string& db_path, int attempts,
                                       bool committed = true);

// Called when reading the snapshot at `*revision` (0: not known, opening failed) met a
// DatabaseModifiedError: whether the database has been committed to since, i.e. its current
// revision differs. Sets `*revision` to the current one. False when it cannot be opened.
bool committed_since(const std::string& db_path, Xapian::rev* revision);

// Runs fn(const IndexReader&) on a fresh snapshot of `db_path` and returns its result; see
// the contract at the top for errors and retries.
template <typename Fn>
auto read_index(const std::string& db_path, Fn&& fn)
    -> std::invoke_result_t<Fn&, const IndexReader&> {
  Xapian::rev revision = 0;  // of the snapshot last opened; 0 = not known
  for (int attempt = 1;; ++attempt) {
    try {
      const IndexReader reader(db_path);
      revision = reader.revision();
      return fn(reader);
    } catch (const Xapian::DatabaseModifiedError&) {
      // Random bytes in a table block also read as a block "from a newer revision": start
      // over only when an indexer did commit.
      const bool committed = committed_since(db_path, &revision);
      if (!committed || attempt >= kReadAttempts) throw_database_error(db_path, attempt, committed);
    } catch (const Xapian::Error&) {
      throw_database_error(db_path, attempt);
    } catch (const DamagedRecordError&) {
      throw_database_error(db_path, attempt);
    }
  }
}

// The built-in gazetteer plus the extra entries recorded in the database at index time.
Gazetteer database_gazetteer(const Xapian::Database& db);

// Calls fn(docid, facts) for every document whose absolute path is under `abs_prefix` ("" =
// all), in docid order, reading only the facts records (value slot schema::kSlotFacts). The
// records are read and decoded (with `filter`) in a second thread, on the reader's handle,
// while `fn` runs in the calling thread, so decoding overlaps the caller's work; `fn` must
// therefore not use `reader` itself. Exceptions from either side propagate.
void for_each_facts(const IndexReader& reader, const std::string& abs_prefix,
                    const FactsFilter& filter,
                    const std::function<void(Xapian::docid, DocFacts&&)>& fn);

}  // namespace concord
