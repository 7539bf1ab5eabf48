// The indexer's only door to the database: one writer that opens (or creates) it, answers
// what the index holds about a path, writes documents and failure records, and commits.
//
// Contract: an IndexWriter owns the database's write lock from construction to destruction
// (Xapian allows one writer at a time); it is used by one thread. Every Xapian error, and a
// stored record that cannot be decoded, is translated here into IndexWriterError: one line
// naming the database, what is wrong and what to do (locked by another process, damaged,
// disk full, disk error, another Xapian version, permissions). Opening runs cheap checks that
// Xapian's own opening does not make (see the constructor). Nothing is committed except by
// commit(); destroying a writer without commit() drops what was written since the last one.
// Documents are built apart, in worker threads, by a DocumentPreparer (one per thread) into
// PreparedDocuments, which only a writer can store. Reads see this writer's own uncommitted
// changes. Paths are absolute; a document is known by its path.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "store/failure_record.h"
#include "store/stored_doc.h"
#include "store/terms.h"

namespace concord {

// A fatal database error; the message says what to do. Programs exit 1 with it.
class IndexWriterError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What the index remembers about a file that failed (store/failure_record.h: the one codec of
// it): an unchanged failed file is not retried.
using RecordedFailure = FailureRecord;

// What the index holds for one path.
struct IndexedFile {
  bool indexed = false;  // a document exists for the path
  uint64_t size = 0;     // the size, mtime and content hash it was indexed with
  int64_t mtime_ns = 0;
  std::string hash;
  std::optional<RecordedFailure> failure;  // a failure record (a damaged one reads as none)
  // Its document carries the recognition named by IndexWriter::set_recognition() (read only
  // when asked for there).
  bool recognized = false;
};

// A document built for the index, waiting for IndexWriter::add() or replace(). Move-only.
class PreparedDocument {
 public:
  PreparedDocument();
  ~PreparedDocument();
  PreparedDocument(PreparedDocument&&) noexcept;
  PreparedDocument& operator=(PreparedDocument&&) noexcept;

 private:
  friend class DocumentPreparer;
  friend class IndexWriter;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class RecordCompression;  // store/record_compression.h

// Builds PreparedDocuments. Not thread-safe (it caches stems): make one per worker thread.
class DocumentPreparer {
 public:
  // Records are compressed as `compression` says: give every preparer of a run the writer's
  // (IndexWriter::record_compression()). Null: each record alone. `acronyms`: the gazetteer's
  // acronym words (terms.h acronym_words()), marked where a document has one without its
  // entity (schema::kUnrecognized); null: no mark.
  explicit DocumentPreparer(std::shared_ptr<RecordCompression> compression = nullptr,
                            std::shared_ptr<const std::vector<AcronymWord>> acronyms = nullptr);
  ~DocumentPreparer();
  DocumentPreparer(const DocumentPreparer&) = delete;
  DocumentPreparer& operator=(const DocumentPreparer&) = delete;

  // Builds the document for `doc` (fills doc->page_starts; empties the page texts, keeping
  // their count). Returns nullopt when *cancel
  // became true while building (the partial document is dropped), or when the document
  // cannot be built, with *error saying why (a problem with this file, not with the database).
  std::optional<PreparedDocument> prepare(StoredDoc* doc, const std::atomic<bool>* cancel,
                                          std::string* error);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class IndexWriter {
 public:
  // Opens the database at `path`, creating it when missing, and takes its write lock. Throws
  // IndexWriterError when another process holds the lock, when it cannot be opened, and when
  // it is damaged: a table file missing (Xapian would open a missing postlist table as an
  // empty one, and every file would be added again beside the documents it still counts),
  // documents counted but none listed, the first, a middle or the last document without its
  // stored record or terms, or no word positions at all.
  explicit IndexWriter(const std::string& path);
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  const std::string& path() const { return path_; }
  // How this database's records are compressed (its dictionary, or samples to train one): for
  // the DocumentPreparers of this writer's documents. A trained dictionary is stored with the
  // first document stored after it.
  std::shared_ptr<RecordCompression> record_compression() const;
  uint64_t document_count() const;
  // The files among them: documents less the continuations of files stored in parts.
  uint64_t file_count() const;
  // Names what recognized the files written from now on (the pipeline and gazetteer): their
  // documents carry it (schema::kRecognizedBy). With `read_back`, IndexedFile::recognized
  // tells which do (indexed_file() then reads its postings: commit pending changes first);
  // without, it stays false. Set it before reading indexed_file() or indexed_files().
  void set_recognition(const std::string& name, bool read_back);
  // The files whose documents do not carry it.
  uint64_t files_recognized_otherwise() const;
  // A metadata value (schema.h keys); "" when unset.
  std::string metadata(const std::string& key) const;
  // Sets a metadata value; "" removes it. Setting the value a key already has writes nothing.
  void set_metadata(const std::string& key, const std::string& value);
  // Makes the metadata keys under `prefix` exactly PREFIX+KEY -> VALUE of `entries` (keys
  // relative to the prefix, none empty): sets those that differ, removes committed keys under
  // the prefix that `entries` lacks.
  void replace_metadata_under(const std::string& prefix,
                              const std::vector<std::pair<std::string, std::string>>& entries);

  // What the index holds for `path`.
  IndexedFile indexed_file(const std::string& path) const;
  // What the index holds for every path, read at once: the path, size, mtime and hash values
  // and the failure records, each streamed in order, so a run over many unchanged files makes
  // a few sequential reads instead of about six random ones per file. nullopt when a document
  // lacks its path value (then look files up one by one with indexed_file()). A file stored
  // in parts that lacks some of its continuations (a run killed midway) reads with no hash
  // and no mtime, so that it is processed again. Reads what is committed: commit first when
  // records_changed().
  std::optional<std::unordered_map<std::string, IndexedFile>> indexed_files() const;
  // How many documents are at `root` (a file) or under it (a folder).
  size_t documents_under(const std::string& root) const;
  // Whether any failure record is at `root` or under it.
  bool failures_under(const std::string& root) const;

  // Stores a new document; `doc` must be of a path the index holds no document for, or a
  // continuation (stored_doc.h: DocPart) of the file whose head comes next. A file stored in
  // parts is written continuations first, in order, then its head with add() or replace():
  // the first continuation of a path in this writer's life removes the continuations the
  // index held for it, and a head stored whole removes them too. Until its head is written a
  // file's new continuations belong to no document (readers match them to the head by
  // token), so a run stopped midway leaves the file as it was or, once the old continuations
  // are gone, its head alone (indexed_files() then asks for it again).
  void add(PreparedDocument&& doc);
  // Stores `doc` (a head) in place of the document of `path`.
  void replace(const std::string& path, PreparedDocument&& doc);
  // Removes the document of `path` and its continuations, if any.
  void remove(const std::string& path);
  // Records a new mtime for the document of `path` (same content), if any.
  void touch(const std::string& path, int64_t mtime_ns);

  void record_failure(const std::string& path, const RecordedFailure& failure);
  void clear_failure(const std::string& path);
  // Whether a document or a failure record changed since the last commit.
  bool records_changed() const;

  // Removes the documents and failure records at `root` or under it; returns how many
  // documents went.
  size_t purge(const std::string& root);
  // Removes, at `root` or under it, the documents whose paths `present` says are gone and
  // the failure records whose paths neither `present` nor `failed` holds, except those within
  // a folder of `keep_within`; returns how many documents went. `present` is asked once per
  // document and failure record under `root`.
  size_t remove_absent(const std::string& root,
                       const std::function<bool(const std::string&)>& present,
                       const std::unordered_set<std::string>& failed,
                       const std::vector<std::string>& keep_within);

  // Records the pages of every document and the distinct terms of what is committed
  // (schema::kMetaPages, kMetaTerms) for the next commit: call it after a commit, with
  // nothing written since (it reads the committed database, not this handle's changes).
  // Writes nothing when this handle wrote no document since the last call and the recorded
  // totals are of the database's current state.
  void record_totals();

  // Makes everything written so far durable, atomically. A commit with nothing written since
  // the last one writes nothing (and leaves revision() as it was).
  void commit();
  // The database's revision: a commit that wrote something makes it grow.
  uint64_t revision() const;

  // Rewrites the committed database with full blocks (Xapian's compaction, document ids kept)
  // into the folder beside it, compaction_folder(), and exchanges the two folders in one step
  // (util/folder.h), so that a reader or a kill finds one database or the other, whole; then
  // removes the old one. The lock is held throughout (the copy is locked before the exchange):
  // another writer is refused until the old one is gone. A database written in batches keeps
  // blocks half empty: compaction made 20,000 generated files' 120 MB database 94 MB in 1.1 s.
  // Call it last, after commit() with nothing written since: the writer is closed then,
  // whatever the outcome. Files beside the tables (the run record) are carried over. When it
  // cannot (less room free beside it than its size, a file system that cannot exchange
  // folders, the folder beside it taken), the database stays as it was and `error` says why.
  // A compaction killed midway leaves the folder beside it, which the next IndexWriter on the
  // database removes.
  struct Compaction {
    uint64_t bytes_before = 0, bytes_after = 0;
    std::string error;  // "" when done
  };
  Compaction compact();
  // Where compact() writes: the database folder's real path + ".concord-compacting".
  static std::string compaction_folder(const std::string& path);

 private:
  struct Impl;
  std::string path_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace concord
