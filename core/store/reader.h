// The read side of the storage layer: one snapshot of a Concord database per command, handed
// to every stage (search, mentions, xref, graph, check) as plain structs. Only core/store
// includes Xapian; this header uses std types only.
//
// Contract: every query command reads through read_index(db_path, fn), which opens one
// read-only snapshot (an IndexReader) and hands it to fn. Every Xapian error raised while
// opening or while fn runs is translated there, and only there, into DatabaseError
// (store/errors.h): one line naming the database, what is wrong and what to do (a missing
// database, a damaged one, one that cannot be opened, one that kept changing). A stored
// record that cannot be decoded (DamagedRecordError) is treated like a Xapian read error.
// Other errors (QueryError, UnknownEntityError...) pass through unchanged.
//
// Reading while an indexer commits: Xapian lets a snapshot be read until the writer has
// committed twice more; then reading it fails (DatabaseModifiedError, and sometimes a
// "corrupt" block or a short read, as blocks are reused under the reader). So when a read
// error of that kind (a Xapian database error other than an opening error, a document not
// found, DamagedRecordError) comes while the database's revision moves on, fn runs again from
// the start on a fresh snapshot, at most kReadAttempts times in all; fn must therefore only
// compute its result from the reader (no printing, no side effects). While a writer holds
// the database's lock, the revision is watched for up to kSettleMs (a commit under way
// writes its blocks before its revision). The same error on a database that did not change
// is damage: a damaged database costs one attempt.
// Opening checks that a database with documents still has their stored records and terms
// (Xapian reads a deleted docdata or termlist table as empty), so a deleted table is
// reported by every command.
//
// Threads: an IndexReader is used by one thread at a time; a second thread takes
// another_handle(). Every accessor may throw the library's errors untranslated: call them
// only inside read_index(), which translates them.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "recognize/gazetteer.h"
#include "recognize/gazetteer_lookup.h"
#include "store/errors.h"
#include "store/facts_reader.h"
#include "store/failure_record.h"
#include "store/path_scope.h"
#include "store/stored_doc.h"

namespace concord {

// A document's number in one database (stable while the snapshot lives).
using DocId = uint32_t;

// One document holding a term; `count` is how often (for entity and surface terms, the
// mentions in that document).
struct Posting {
  DocId doc = 0;
  uint32_t count = 0;
};

// Archive-wide statistics of one term.
struct TermCounts {
  uint64_t documents = 0;  // documents holding it
  uint64_t mentions = 0;   // occurrences in all of them
};

struct EntityTerm {
  std::string id;  // "UNTFSSE", "A/RES/77/281", "discovered:RESAM"
  TermCounts counts;
};

// One written form of an entity, as the indexer met it.
struct SurfaceForm {
  std::string entity_id;
  bool variant = false;  // a known variant (or misspelling) rather than a canonical form
  std::string surface;
  TermCounts counts;  // mentions: of the entity in this form
};

// A failure record with the path it belongs to; no record when it could not be decoded.
struct StoredFailure {
  std::string path;  // absolute
  std::optional<FailureRecord> record;
};

class IndexReader {
 public:
  // Opens `db_path` read-only: a database folder, a stub file or several joined
  // (store/shards.h), read as one archive. Errors propagate untranslated: construct readers
  // only through read_index(), which translates them. Shards that disagree on the database
  // layout, the pipeline version or the gazetteer are refused (DatabaseError naming both).
  explicit IndexReader(const std::string& db_path);
  ~IndexReader();
  IndexReader(IndexReader&&) noexcept;
  IndexReader& operator=(IndexReader&&) noexcept;
  IndexReader(const IndexReader&) = delete;
  IndexReader& operator=(const IndexReader&) = delete;

  const std::string& path() const;
  uint64_t revision() const;
  // Names this snapshot: the database's UUID (new when a database is created at a path) and
  // its revision, so two snapshots with the same name hold the same documents.
  std::string snapshot() const;

  // A handle on the same snapshot, for another thread. Throws (a database-modified error)
  // when the database has been committed to since this reader opened it (the new handle
  // would see other documents), so read_index() starts over on a fresh snapshot.
  IndexReader another_handle() const;

  // --- The archive as a whole.
  uint64_t document_count() const;     // every document
  uint64_t archive_documents() const;  // content documents (schema::kAllDocs)
  uint64_t distinct_terms() const;
  uint64_t total_length() const;                                      // term occurrences
  uint64_t documents_with_format(const std::string& format) const;    // "pdf", "html", "text"
  uint64_t documents_in_language(const std::string& language) const;  // "en", "fr", "es"
  std::vector<DocId> language_documents(const std::string& language) const;  // sorted
  uint64_t total_pages() const;
  uint64_t total_ocr_pages() const;  // pages whose text was read by OCR

  // --- Shards (store/shards.h): one for a database folder.
  size_t shard_count() const;
  std::vector<std::string> shard_names() const;    // folders or HOST:PORT, in order
  std::vector<uint64_t> shard_documents() const;   // content documents of each
  // Paths indexed in more than one shard (each document counts in every shard holding it),
  // sorted; none for one shard.
  std::vector<std::string> duplicate_paths() const;

  // --- Metadata (store/schema.h keys). Over several shards: the roots of all, the last run
  // that finished last, failures of all; the other keys agree (checked at opening).
  std::string metadata(const std::string& key) const;  // "" when unset
  // The folders given to concord-index over the database's life, in order.
  std::vector<std::string> roots() const;
  std::string gazetteer_fingerprint() const;
  // Documents a run after a change of gazetteer or pipeline could not read again (they keep
  // an older recognition until a run over their roots does), over every shard.
  uint64_t documents_recognized_before() const;
  std::vector<std::string> gazetteer_files() const;  // extra gazetteer files given
  // The built-in gazetteer plus the extra entries recorded at index time. Building it costs
  // tens of milliseconds, so the last one built is kept for the process (shared, immutable)
  // and given again while the recorded extra entries stay the same: a server answering many
  // requests builds it once.
  std::shared_ptr<const Gazetteer> gazetteer() const;
  // The acronym and long-form lookups of that same gazetteer as the index recorded them
  // (schema::kMetaLookupPrefix entries, or the older schema::kMetaGazetteerLookup text),
  // without building it; entries are read as asked, through this reader's database, so such a
  // lookup is used as the reader is (one thread at a time); nullptr when the database has none
  // or they were made from anything else than what gazetteer() would be built from (another
  // version or pipeline, other extra entries): the caller then uses gazetteer().
  std::shared_ptr<const GazetteerLookup> gazetteer_lookup() const;
  // Whether every file was indexed by this program's pipeline with the recorded gazetteer,
  // so that each document holding the word of an entity's acronym without the entity has its
  // XU term (schema::kUnrecognized): a search can then look the word up there alone.
  bool acronyms_marked() const;
  std::vector<StoredFailure> failures() const;  // by path
  uint64_t failure_count() const;

  // --- Documents.
  // A file stored in parts (store/stored_doc.h: DocPart) is one document to every function
  // here: its head's DocId, counted once, with the pages and facts of its continuations
  // (those with the head's token; others, left by a run killed midway, are not read). Only
  // search sees a continuation by its own DocId (a match in its pages): document_piece() and
  // facts() of it give its own pages and mentions.
  // Whether some file is stored in parts.
  bool has_parts() const;
  // The document indexed for `absolute_path` (exact bytes), if any.
  std::optional<DocId> find_document(const std::string& absolute_path) const;
  // Its stored record (metadata and page texts: of a file in parts, all of them) or its facts
  // record; DamagedRecordError when the record cannot be decoded. `doc` (here and below) is
  // one this reader gave (a match, find_document()): it is read without being looked up first.
  StoredDoc document(DocId doc) const;
  DocFacts facts(DocId doc, const FactsFilter& filter = {}) const;
  // facts() a piece at a time: of a file stored in parts, its head's, then each
  // continuation's (in page order), so that memory holds one part's mentions, not the file's.
  void for_each_piece_facts(DocId doc, const FactsFilter& filter,
                            const std::function<void(DocFacts&&)>& fn) const;
  // The stored record of `doc` alone: of a head, its own pages; of a continuation, its pages
  // after as many empty ones as come before it (so pages[N-1] is page N).
  StoredDoc document_piece(DocId doc) const;
  // The paths of `docs` (sorted DocIds), as (path, doc) pairs in the order of `docs`: from
  // the path slot (one value stream), or the facts record where a document lacks it.
  std::vector<std::pair<std::string, DocId>> paths_of(const std::vector<DocId>& docs) const;
  // paths_of(docs) sorted by path, then DocId: the order a listing goes through documents in.
  // Over remote shards, read from one match set the servers sort by path, of the documents
  // holding any of `terms` (index terms, store/terms.h, that should cover `docs`: a document
  // of `docs` the match set lacks is read by paths_of()), instead of a request per document.
  // `terms` is not used otherwise.
  std::vector<std::pair<std::string, DocId>> paths_in_order(
      const std::vector<DocId>& docs, const std::vector<std::string>& terms) const;
  // Reads the facts of the documents of such an order, one after another, as
  // for_each_piece_facts() of each. Over remote shards the records of the next documents are
  // fetched ahead in one match set a batch (16 documents, twice as many each time up to
  // 1,024), instead of a request per document; a file stored in parts, whose pieces are
  // joined by DocId, is read by DocId as before. Holds the reader and the order by reference.
  class FactsInOrder {
   public:
    FactsInOrder(const IndexReader& reader,
                 const std::vector<std::pair<std::string, DocId>>& order);
    // for_each_piece_facts() of order[i]; i may skip ahead but never go back.
    void read(size_t i, const FactsFilter& filter, const std::function<void(DocFacts&&)>& fn);

   private:
    void fetch(size_t first);
    const IndexReader& reader_;
    const std::vector<std::pair<std::string, DocId>>& order_;
    std::unordered_map<DocId, std::string> records_;  // of order_[first, end_)
    size_t end_ = 0;
    size_t batch_ = 16;
  };
  // The ids of the entities it mentions (schema::kSlotEntities), in stored order.
  std::vector<std::string> cited_entities(DocId doc) const;

  // How many of `docs` (documents_in(scope), sorted) mention each entity, by their entity
  // lists (cited_entities()). Over remote shards, when the scope's folder term names exactly
  // its documents (as documents_in(scope) found on this reader), the servers count the lists
  // themselves (the match spy of for_each_facts());
  // else one value stream, or a lookup a document for files stored in parts.
  std::unordered_map<std::string, uint64_t> entity_documents_in(
      const PathScope& scope, const std::vector<DocId>& docs) const;

  // The sorted ids of the documents in `scope` (the rule of store/path_scope.h), or nullopt
  // when the scope is the whole archive. A scope that holds nothing gives an empty list.
  std::optional<std::vector<DocId>> documents_in(const PathScope& scope) const;

  // Calls fn(worker, facts) once for every document in `scope`, reading only the facts
  // records: a thread of its own reads them, and `workers` threads (the calling thread and
  // workers - 1 more, at most 16; `worker` in [0, workers)) decode them (with `filter`) and
  // call `fn`. Calls with different `worker` values run concurrently, so `fn` keeps state per
  // worker; it must not use this reader. No order holds: from local shards each worker sees its
  // documents in DocId order; over a remote shard they come part by part, in the order of
  // their records' bytes within a part (see below). The first exception from any thread propagates, after every thread has
  // stopped.
  //
  // Over remote shards (xapian-tcpsrv), Xapian 1.4 reads a value stream by fetching every
  // document whole, one round trip each. So when a shard is remote, the records are read by a
  // match spy built into Xapian (ValueCountMatchSpy), which the server itself runs over the
  // matching documents and answers in one reply per part of about 8,192 documents (split by
  // content hash): memory holds the compressed records of one part at a time (about 450 bytes
  // a document on the generated archive). The spy gives no DocId, which joins a file stored in
  // parts to its continuations: such files (a few huge texts) are read by DocId after the rest.
  void for_each_facts(const PathScope& scope, const FactsFilter& filter, unsigned workers,
                      const std::function<void(unsigned worker, DocFacts&&)>& fn) const;
  // The same for the documents in `scope` that mention `entity_id`, with each one's mentions of
  // it (the term's wdf) and entity list (cited_entities()) beside its facts. `citing`: the
  // entity's postings within the scope (entity_postings() less what documents_in(scope)
  // leaves out), the documents read from local shards: their stored values are read as
  // streams, skipping to each document, so that reading every document of the archive costs
  // about what for_each_facts() does, and a few cost a few lookups. Over remote shards the
  // match spy above reads the records of the entity's documents and `scope` is applied to
  // their paths.
  void for_each_citing(const std::string& entity_id, const PathScope& scope,
                       const std::vector<Posting>& citing, const FactsFilter& filter,
                       unsigned workers,
                       const std::function<void(unsigned worker, uint32_t mentions, DocFacts&&,
                                                std::vector<std::string>&& entities)>& fn) const;

  // --- Entities (the terms recognition stored at mention positions).
  bool has_entity(const std::string& id) const;
  TermCounts entity_counts(const std::string& id) const;
  std::vector<Posting> entity_postings(const std::string& id) const;  // by DocId
  // Postings of a symbol family (recognize/symbols.h symbol_family()).
  std::vector<Posting> family_postings(const std::string& family) const;
  // Every entity whose id starts with `id_prefix` ("" = all), by id.
  std::vector<EntityTerm> entities(const std::string& id_prefix = "") const;
  // The written forms of `entity_id` ("" = of every entity), by entity id then form.
  std::vector<SurfaceForm> surface_forms(const std::string& entity_id = "") const;
  std::vector<Posting> surface_postings(const SurfaceForm& form) const;

 private:
  friend struct ReaderAccess;  // store/*.cc reach the database handle
  struct Impl;
  // The sum of a decimal value slot over every document (a remote shard's recorded sum).
  uint64_t summed_slot(unsigned slot, const char* recorded_key) const;
  explicit IndexReader(std::unique_ptr<Impl> impl);
  void check_shards_agree() const;
  std::unique_ptr<Impl> impl_;
};

// True when `doc` is in `scope` as documents_in() returned it (nullopt = everything).
bool in_scope(const std::optional<std::vector<DocId>>& scope, DocId doc);

// Attempts of read_index() when the indexer keeps replacing the snapshot being read.
inline constexpr int kReadAttempts = 5;
// How long a read error, while a writer holds the lock, waits for the revision to move before
// it counts as damage.
inline constexpr int kSettleMs = 2000;

// Runs `body` on fresh snapshots of `db_path` as the contract at the top says; read_index()
// is the typed front of it.
void read_index_attempts(const std::string& db_path,
                         const std::function<void(const IndexReader&)>& body);

// Runs fn(const IndexReader&) on a fresh snapshot of `db_path` and returns its result; see
// the contract at the top for errors and retries.
template <typename Fn>
auto read_index(const std::string& db_path, Fn&& fn)
    -> std::invoke_result_t<Fn&, const IndexReader&> {
  using Result = std::invoke_result_t<Fn&, const IndexReader&>;
  if constexpr (std::is_void_v<Result>) {
    read_index_attempts(db_path, [&](const IndexReader& reader) { fn(reader); });
  } else {
    std::optional<Result> result;
    read_index_attempts(db_path, [&](const IndexReader& reader) { result.emplace(fn(reader)); });
    return std::move(*result);
  }
}

}  // namespace concord
