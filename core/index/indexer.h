// Index stage orchestrator: discover -> extract, recognize, prepare documents (worker
// threads) -> one writer (store/writer.h, the only door to the database).
//
// Contract: run_index() walks the roots, skips files whose size and mtime are unchanged
// (or whose content hash is unchanged when only the mtime moved), replaces changed files,
// removes documents of files that vanished from under the roots, and records per-file
// failures in the database (an unchanged failed file is not retried). Every failure it
// counts, walk problems and unavailable roots included, is recorded, so the failures list
// shows them all. It commits in batches and at least every IndexOptions::batch_seconds
// while there is work to commit (even while every worker is busy with one long file), so a
// crash or kill leaves the last committed state, which is consistent, and loses at most
// that much work.
// A root that is missing, cannot be read, or is an empty folder while the database holds
// documents from it (an unmounted mount point) is never purged: it is counted as failed,
// recorded and named in IndexSummary::notices, and its documents are kept, unless
// IndexOptions::purge_missing. Documents under a folder that could not be listed are kept
// too. Per-file problems are reported through IndexObserver and counted; they never throw.
// A root that does not exist and that the database has never held throws IndexUsageError
// before anything is written. Fatal errors throw IndexError, one line saying what to do
// (database locked by another writer, damaged, unopenable, disk full; see IndexWriter);
// nothing is committed after one, except after a worker's out-of-memory.
// Not reentrant on one database: Xapian's lock allows one writer at a time.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "ocr/ocr.h"

namespace concord {

struct IndexOptions {
  std::string db_path;                 // the Xapian database folder (created if missing)
  std::vector<std::string> roots;      // files and folders to index
  unsigned threads = 0;                // extraction threads; 0 = one per core
  uint64_t max_file_size = 512ull << 20;   // larger files are reported as failures; a file
                                           // growing past it is never read beyond it
  // A text file larger than split_bytes is read a piece at a time and stored in parts of
  // about part_bytes of text each (store/stored_doc.h: DocPart), so that memory follows the
  // part, not the file. Each part is recognized on its own: an acronym defined in one part is
  // not learned in the next.
  uint64_t split_bytes = 8ull << 20;
  size_t part_bytes = 2ull << 20;
  // Commit after this many changed documents... Until a commit, Xapian holds each term's new
  // postings in a tree by document: the more documents, the deeper every insertion reaches
  // into memory the cache no longer holds (on 20,000 generated files, 2,000 a batch indexed
  // in 0.86 of the time 20,000 took, with 167 MiB of memory instead of 283).
  size_t batch_docs = 2000;
  uint64_t batch_bytes = 128ull << 20; // ...or this much extracted text...
  double batch_seconds = 10;           // ...or after this long, whichever comes first; this
                                       // one also while every worker is busy (no result
                                       // arrives), so a kill loses at most this much work
  // Extra gazetteer files, added to the built-in one. When empty, the extra gazetteer the
  // database was last built with is used again; when the resulting gazetteer differs from
  // the one the database was built with, every file is recognized again.
  std::vector<std::string> gazetteers;
  // When set and it becomes true (e.g. from a SIGINT handler), the run stops within about a
  // second whatever the files: workers stop at their next page, the results that arrive
  // meanwhile are written, what was written is committed, and run_index() returns with
  // IndexSummary::interrupted set. A worker still inside the recognition of one long document
  // then is left behind: it owns what it uses, writes nothing, and ends at its next check;
  // a program should exit without static destructors (std::_Exit) rather than wait for it.
  // The flag is only read while run_index() runs.
  const std::atomic<bool>* cancel = nullptr;
  // Remove the documents of roots that are missing, unreadable or empty (see the contract)
  // instead of keeping them; the summary names each root purged.
  bool purge_missing = false;
  // Compacting the database at the end of a run (IndexWriter::compact(): full blocks, about a
  // fifth smaller): kAuto when the documents written since it was last compacted reach a
  // fifth of those it holds (a first run always), kAlways after every run that is not
  // interrupted, kNever. A compaction that fails leaves the database as it was, with a notice.
  enum class Compaction { kAuto, kAlways, kNever } compaction = Compaction::kAuto;
  // Index symlinked files whose target lies outside every root (default: skipped, named in
  // the summary). Symlinked folders are never followed.
  bool follow_links = false;
  // --exclude patterns (gitignore syntax, discover/ignore.h), relative to each root; with the
  // .concordignore files of the folders walked. A document whose file a rule now excludes
  // is removed (named in IndexSummary::notices). A pattern that is not one, or that starts
  // with '!', throws IndexUsageError before anything is written.
  std::vector<std::string> excludes;
  // OCR of PDF pages without a text layer (ocr/ocr.h): mode, cache folder and size, time
  // limit per page. A file that failed as no-text is tried again when OCR can run.
  OcrOptions ocr;
};

// --max-size is given in MiB, a whole number from 1 to this (4 GiB: a file is read whole
// into memory).
inline constexpr uint64_t kMaxFileSizeMiBLimit = 4096;

// Parses a --max-size value in MiB into bytes. Returns nullopt and sets *error to a
// sentence saying why when `text` is not a whole number from 1 to kMaxFileSizeMiBLimit.
std::optional<uint64_t> parse_max_size_mib(const std::string& text, std::string* error);

// Something the summary names beside its counts.
struct IndexNotice {
  std::string path;
  // "missing-root", "unreadable-root", "empty-root" (documents kept), "purged-root"
  // (documents removed with purge_missing), "outside-link" (a link not followed),
  // "excluded" (a file or folder a rule now excludes, whose documents were removed),
  // "ocr-unavailable" (pages without text were not read: Tesseract or its data missing),
  // "recognized-before" (the path is the database's: after a change of gazetteer or pipeline,
  // documents this run did not read again; the next run over their roots reads them).
  std::string kind;
  std::string message;
};

struct IndexSummary {
  size_t added = 0;
  size_t updated = 0;
  size_t unchanged = 0;
  size_t removed = 0;
  size_t skipped = 0;     // not a format we index, or a link to outside the roots
  size_t excluded = 0;    // files and folders excluded by --exclude or a .concordignore (a
                          // folder counts once); their documents are in `removed`
  size_t ocr_pages = 0;   // PDF pages read by OCR in this run...
  size_t ocr_cached = 0;  // ...of which from the OCR cache
  size_t ocr_skipped = 0; // pages without a text layer left unread: OCR cannot run here
                          // (a notice "ocr-unavailable" says why)
  size_t failed = 0;      // includes unchanged files that failed before, walk problems
                          // and unavailable roots
  size_t total = 0;       // files seen by the walk (skipped links included)
  uint64_t bytes = 0;     // bytes read and extracted in this run
  double elapsed_s = 0;
  bool interrupted = false;  // stopped early through IndexOptions::cancel; work committed
  // The database's size before and after the compaction that ended the run, when one did.
  struct Compacted {
    uint64_t bytes_before = 0, bytes_after = 0;
    double seconds = 0;
  };
  std::optional<Compacted> compacted;
  std::vector<IndexNotice> notices;  // roots not indexed or purged, links not followed
};

struct IndexEvent {
  // kSkipped: a path deliberately not indexed (a link to outside the roots); kRoot: a root
  // not indexed (documents kept) or purged.
  enum class Kind { kProgress, kFailed, kWalkProblem, kSkipped, kRoot, kWarning } kind;
  std::string path;
  std::string reason;     // kFailed / kWalkProblem / kRoot: "kind: message";
                          // kSkipped / kWarning: the message
  size_t done = 0;        // files finished so far
  size_t total = 0;
};

// Called from the writer thread only; may print.
using IndexObserver = std::function<void(const IndexEvent&)>;

class IndexError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A root on the command line that does not exist and that the database has never held:
// a usage error (exit 2), thrown before anything is written.
class IndexUsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

IndexSummary run_index(const IndexOptions& options, const IndexObserver& observer);

}  // namespace concord
