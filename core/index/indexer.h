// Index stage orchestrator: discover -> extract (worker threads) -> build documents -> one
// Xapian writer.
//
// Contract: run_index() walks the roots, skips files whose size and mtime are unchanged
// (or whose content hash is unchanged when only the mtime moved), replaces changed files,
// removes documents of files that vanished from under the roots, and records per-file
// failures in the database (an unchanged failed file is not retried). It commits in
// batches, so a crash or kill leaves the last committed state, which is consistent.
// Per-file problems are reported through IndexObserver and counted; they never throw.
// Fatal errors throw IndexError (database locked by another writer, unopenable database).
// Not reentrant on one database: Xapian's lock allows one writer at a time.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace concord {

struct IndexOptions {
  std::string db_path;                 // the Xapian database folder (created if missing)
  std::vector<std::string> roots;      // files and folders to index
  unsigned threads = 0;                // extraction threads; 0 = one per core
  uint64_t max_file_size = 512ull << 20;   // larger files are reported as failures
  size_t batch_docs = 20000;           // commit after this many changed documents...
  uint64_t batch_bytes = 128ull << 20; // ...or this much extracted text...
  double batch_seconds = 10;           // ...or after this long, whichever comes first
  // Extra gazetteer files, added to the built-in one. When empty, the extra gazetteer the
  // database was last built with is used again; when the resulting gazetteer differs from
  // the one the database was built with, every file is recognized again.
  std::vector<std::string> gazetteers;
  // When set and it becomes true (e.g. from a SIGINT handler), the run stops taking new
  // files, commits what it has written and returns with IndexSummary::interrupted set.
  const std::atomic<bool>* cancel = nullptr;
};

struct IndexSummary {
  size_t added = 0;
  size_t updated = 0;
  size_t unchanged = 0;
  size_t removed = 0;
  size_t skipped = 0;     // not a format we index
  size_t failed = 0;      // includes unchanged files that failed before
  size_t total = 0;       // files seen by the walk
  uint64_t bytes = 0;     // bytes read and extracted in this run
  double elapsed_s = 0;
  bool interrupted = false;  // stopped early through IndexOptions::cancel; work committed
};

struct IndexEvent {
  enum class Kind { kProgress, kFailed, kWalkProblem, kWarning } kind;
  std::string path;
  std::string reason;     // kFailed / kWalkProblem: "kind: message"; kWarning: the message
  size_t done = 0;        // files finished so far
  size_t total = 0;
};

// Called from the writer thread only; may print.
using IndexObserver = std::function<void(const IndexEvent&)>;

class IndexError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

IndexSummary run_index(const IndexOptions& options, const IndexObserver& observer);

}  // namespace concord
