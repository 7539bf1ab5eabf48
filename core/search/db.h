// Internal to the query side: the one layer that reads a Concord database. Xapian at the
// edge: only core/search, core/mentions, core/xref, core/graph and core/check/run_check.cc
// include this.
//
// Contract: every query command reads through read_index(db_path, fn), which opens one
// read-only snapshot (an IndexReader) and hands it to fn. Every Xapian error raised while
// opening or while fn runs is translated there, and only there, into DatabaseError
// (search.h): one line naming the database, what is wrong and what to do (a missing
// database, a damaged one, one that cannot be opened, one that kept changing). A stored
// record that cannot be decoded (DamagedRecordError) is treated like a Xapian read error.
// Other errors (QueryError, UnknownEntityError...) pass through unchanged.
//
// Reading while an indexer commits: Xapian lets a snapshot be read until the writer has
// committed twice more; then reading it fails (DatabaseModifiedError, and sometimes a
// "corrupt" block or a short read, as blocks are reused under the reader). So when a read
// error of that kind (Xapian::DatabaseError other than an opening error, DocNotFoundError,
// DamagedRecordError) comes while the database's revision moves on, fn runs again from the
// start on a fresh snapshot, at most kReadAttempts times in all; fn must therefore only
// compute its result from the reader (no printing, no side effects). While a writer holds
// the database's lock, the revision is watched for up to kSettleMs (a commit under way
// writes its blocks before its revision). The same error on a database that did not change
// is damage: a damaged database costs one attempt.
// Opening checks that a database with documents still has their stored records and terms
// (Xapian reads a deleted docdata or termlist table as empty), so a deleted table is
// reported by every command.
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
// How long a read error, while a writer holds the lock, waits for the revision to move before
// it counts as damage.
inline constexpr int kSettleMs = 2000;

// Called only from a catch handler: throws the DatabaseError for the exception being handled
// (a Xapian::Error or a DamagedRecordError met while reading `db_path`): "changed N times"
// when `changing` (`attempts` were overtaken by commits), else by what the error says. The
// single place those errors become Concord's.
[[noreturn]] void throw_database_error(const std::string& db_path, int attempts,
                                       bool changing = false);

// Called only from read_index()'s catch handlers, after attempt `attempt` failed while
// reading the snapshot at `*revision` (0: not known, opening failed): returns when fn should
// run again (a read error while commits go on, attempts left), else throws the DatabaseError.
// Sets `*revision` to the database's current revision.
void retry_or_throw(const std::string& db_path, int attempt, Xapian::rev* revision);

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
    } catch (const Xapian::Error&) {
      retry_or_throw(db_path, attempt, &revision);
    } catch (const DamagedRecordError&) {
      retry_or_throw(db_path, attempt, &revision);
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
