// The write side's database layer: opening with damage checks, documents and failure records,
// commits, and the one translation of Xapian errors into IndexWriterError.
#include "store/writer.h"

#include <xapian.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <tuple>
#include <cstring>
#include <filesystem>

#include "discover/discover.h"
#include "store/doc_builder.h"
#include "store/failure_record.h"
#include "store/record_compression.h"
#include "store/run_record.h"
#include "store/schema.h"
#include "store/shards.h"
#include "store/xapian_access.h"
#include "util/echo.h"
#include "util/folder.h"

namespace fs = std::filesystem;

namespace concord {
namespace {

// Xapian's words for an error, safe to print ("DatabaseCorruptError: ...").
std::string xapian_words(const Xapian::Error& e) {
  std::string words = std::string(e.get_type()) + ": " + e.get_msg();
  if (const char* reason = e.get_error_string()) words += std::string(" (") + reason + ")";
  return util::echo_input(words, 300);
}

IndexWriterError damaged(const std::string& db_path, const std::string& why) {
  const std::string db = util::echo_input(db_path, 300);
  return IndexWriterError("database " + db + " is damaged (" + why +
                          "): remove the folder and index the archive again (concord-index --db " +
                          db + " PATH...)");
}

// True when `dir` holds Xapian table files: a database, even if its version file is gone.
bool has_tables(const std::string& dir) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".glass") return true;
  return false;
}

// True when `dir` is a folder holding nothing but files a database folder holds (Xapian's
// tables, version file, lock and temporary files, the run record), or nothing: whatever
// point a compaction or the removal of a database was killed at, what it left.
bool is_database_files(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return false;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const bool known = name == "iamglass" || name == "flintlock" || name == kRunBesideFile ||
                       it->path().extension() == ".glass" || it->path().extension() == ".tmp" ||
                       name.rfind("tmp", 0) == 0;
    if (!known || !it->is_regular_file(ec)) return false;
  }
  return !ec;
}

// Called only from a catch handler, for an error met on the database at `db_path`: throws the
// IndexWriterError saying what it means and what to do. The single place where Xapian's
// errors (and undecodable stored records) become Concord's.
[[noreturn]] void throw_writer_error(const std::string& db_path) {
  const std::string db = util::echo_input(db_path, 300);
  try {
    throw;
  } catch (const IndexWriterError&) {
    throw;
  } catch (const Xapian::DatabaseLockError&) {
    throw IndexWriterError("database is being updated by another process: " + db_path);
  } catch (const Xapian::DatabaseVersionError& e) {
    throw IndexWriterError("database " + db + " was written by another version of Xapian (" +
                           xapian_words(e) + "): index the archive into a new folder");
  } catch (const Xapian::DatabaseCreateError& e) {  // a new database's folder: not damage
    throw IndexWriterError("cannot create database " + db + " (" + xapian_words(e) +
                           "): check that the folder it goes in exists, can be written and has room");
  } catch (const Xapian::DatabaseOpeningError& e) {
    // The system refused (permissions, too many open files), unless a table file is gone.
    const char* reason = e.get_error_string();
    if (reason && !(has_tables(db_path) && std::string(reason) == std::strerror(ENOENT)))
      throw IndexWriterError("cannot open database " + db + " (" + xapian_words(e) +
                             "): check the path and its permissions");
    throw damaged(db_path, xapian_words(e));
  } catch (const Xapian::DatabaseError& e) {  // corrupt tables, short reads, write errors
    // The system's reason is the error string, or inside the message when Xapian wraps the
    // failed write ("Modifications failed (... (No space left on device)), and couldn't
    // open at the old revision ...": the old revision on disk is intact).
    const std::string reason = e.get_error_string() ? e.get_error_string() : "";
    const auto said = [&](int code) {
      return reason == std::strerror(code) ||
             e.get_msg().find(std::string("(") + std::strerror(code) + ")") != std::string::npos;
    };
    if (said(ENOSPC) || said(EDQUOT))
      throw IndexWriterError("no space left for database " + db + " (" + xapian_words(e) +
                             "): free some space and run again; what was committed is kept");
    if (said(EFBIG))
      throw IndexWriterError("database " + db + " reached the largest file this process may write (" +
                             xapian_words(e) + "; see ulimit -f): raise the limit and run "
                             "again; what was committed is kept");
    if (said(EIO))
      throw IndexWriterError("cannot read or write database " + db + " (" + xapian_words(e) +
                             "): the disk reports an error");
    throw damaged(db_path, xapian_words(e));
  } catch (const Xapian::DocNotFoundError& e) {  // a posting for a document that is gone
    throw damaged(db_path, xapian_words(e));
  } catch (const Xapian::FeatureUnavailableError& e) {  // a table file is gone
    throw damaged(db_path, xapian_words(e));
  } catch (const Xapian::Error& e) {
    throw IndexWriterError("unexpected error on database " + db + " (" + xapian_words(e) + ")");
  } catch (const DamagedRecordError& e) {
    throw damaged(db_path, util::echo_input(e.what(), 300));
  }
}

// The checks opening runs (see the constructor's contract); returns what is wrong, or "".
std::string damage_found(const Xapian::Database& db, const util::Dictionaries& dictionaries) {
  if (db.get_doccount() == 0) return "";
  Xapian::PostingIterator it = db.postlist_begin("");
  if (it == db.postlist_end(""))
    return "it counts " + std::to_string(db.get_doccount()) + " documents but lists none";
  const Xapian::docid last = db.get_lastdocid();
  for (const Xapian::docid wanted : {Xapian::docid{0}, last / 2, last}) {
    it.skip_to(wanted);
    if (it == db.postlist_end("")) break;
    const Xapian::Document doc = db.get_document(*it);
    if (doc.get_data().empty()) return "a document has no stored record (docdata table gone?)";
    decode_stored_doc(doc.get_data(), &dictionaries);
    if (doc.termlist_begin() == doc.termlist_end()) return "a document has no terms";
  }
  if (!db.has_positions()) return "no word positions (position table gone?)";
  return "";
}

std::string failure_path(const std::string& key) {
  return failure_key_path(key).value_or(std::string());
}

// Which documents terms_under() names: the files themselves or their continuations.
enum class Pieces { kFiles, kContinuations };

// The unique-id terms of the documents at `root` or under it (with Pieces::kContinuations:
// the part-of terms of their continuations).
std::vector<std::string> terms_under(const Xapian::Database& db, const std::string& root,
                                     Pieces pieces = Pieces::kFiles) {
  std::vector<std::string> terms;
  const auto term = [&](const std::string& path) {
    return pieces == Pieces::kFiles ? unique_term(path) : part_of_term(path);
  };
  const std::string exact = term(root);
  const std::string under = term(root == "/" ? "/" : root + "/");
  if (exact != under && db.term_exists(exact)) terms.push_back(exact);
  for (auto t = db.allterms_begin(under); t != db.allterms_end(under); ++t) terms.push_back(*t);
  return terms;
}

// The failure-record keys of `root` and of the paths under it.
std::vector<std::string> failure_keys_under(const Xapian::Database& db, const std::string& root) {
  std::vector<std::string> keys;
  const std::string prefix = failure_key(root);
  for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
    if (path_within(failure_path(*k), root)) keys.push_back(*k);
  }
  return keys;
}

// True when the path behind a unique-id term (or a plain path) lies within one of `folders`.
// A hashed term (a path past 240 bytes) keeps only its first 199 bytes of path, so it counts
// as within when that much agrees.
bool within_any(const std::string& term_or_path, bool is_term,
                const std::vector<std::string>& folders) {
  if (folders.empty()) return false;
  std::string path = term_or_path;
  bool truncated = false;
  if (is_term) {
    path = term_or_path.substr(std::strlen(schema::kUniqueId));
    const size_t hash_at = 200 - std::strlen(schema::kUniqueId);
    truncated = path.size() > hash_at && path[hash_at] == '#';
    if (truncated) path.resize(hash_at);
  }
  for (const std::string& folder : folders) {
    if (path_within(path, folder)) return true;
    if (truncated && (path.rfind(folder, 0) == 0 || (folder + "/").rfind(path, 0) == 0))
      return true;
  }
  return false;
}

}  // namespace

struct PreparedDocument::Impl {
  Xapian::Document doc;
  std::string path;
  DocPart part;
};

PreparedDocument::PreparedDocument() = default;
PreparedDocument::~PreparedDocument() = default;
PreparedDocument::PreparedDocument(PreparedDocument&&) noexcept = default;
PreparedDocument& PreparedDocument::operator=(PreparedDocument&&) noexcept = default;

struct DocumentPreparer::Impl {
  Impl(std::shared_ptr<RecordCompression> c, std::shared_ptr<const std::vector<AcronymWord>> a)
      : compression(std::move(c)), builder(compression.get(), std::move(a)) {}
  std::shared_ptr<RecordCompression> compression;
  DocBuilder builder;
};

DocumentPreparer::DocumentPreparer(std::shared_ptr<RecordCompression> compression,
                                   std::shared_ptr<const std::vector<AcronymWord>> acronyms)
    : impl_(std::make_unique<Impl>(std::move(compression), std::move(acronyms))) {}
DocumentPreparer::~DocumentPreparer() = default;

std::optional<PreparedDocument> DocumentPreparer::prepare(StoredDoc* doc,
                                                          const std::atomic<bool>* cancel,
                                                          std::string* error) {
  error->clear();
  PreparedDocument prepared;
  prepared.impl_ = std::make_unique<PreparedDocument::Impl>();
  try {
    prepared.impl_->doc = impl_->builder.build(doc, cancel);
    prepared.impl_->path = doc->path;
    prepared.impl_->part = doc->part;
  } catch (const Xapian::Error& e) {
    *error = e.get_description();
    return std::nullopt;
  }
  if (cancel != nullptr && cancel->load()) return std::nullopt;
  return prepared;
}

struct IndexWriter::Impl {
  Xapian::WritableDatabase db;
  util::Dictionaries dictionaries;  // the database's, and one trained by this writer
  std::shared_ptr<RecordCompression> compression;
  bool documents_written = false;  // since the last record_totals()
  bool records_changed = false;    // documents or failure records, since the last commit
  bool has_parts = false;          // continuations exist, or may (written by this handle)
  std::unordered_set<std::string> parts_begun;  // paths whose new continuations are written
  std::string recognized_by;  // the kRecognizedBy term of files written (set_recognition())
  bool read_recognition = false;  // IndexedFile::recognized is read

  // Removes what the index holds of `path` besides its head: the continuations.
  void drop_parts(const std::string& path) {
    if (has_parts) db.delete_document(part_of_term(path));
  }

  // Before the first document change of a run, the recorded totals are cleared in the same
  // transaction: a run killed after committing a batch leaves none (recounted by the next
  // run's record_totals()), never totals of another state.
  void writing_documents() {
    store_trained_dictionary();
    records_changed = true;
    if (documents_written) return;
    documents_written = true;
    for (const char* key : {schema::kMetaPages, schema::kMetaTerms, schema::kMetaOcrPages})
      db.set_metadata(key, "");
  }

  // A dictionary trained since the last document was stored goes into the metadata now, in
  // the same transaction as the documents compressed with it (record_compression.h).
  void store_trained_dictionary() {
    if (std::optional<util::Dictionary> d = compression->unstored()) {
      db.set_metadata(schema::kMetaDictionaryPrefix + std::to_string(d->id()), d->bytes());
      dictionaries.add(*d);
      compression->stored();  // only once it is in the transaction
    }
  }
};

IndexWriter::IndexWriter(const std::string& path) : path_(path), impl_(std::make_unique<Impl>()) {
  std::error_code ec;
  if (fs::exists(path + "/iamglass", ec) && !fs::exists(path + "/postlist.glass", ec))
    throw damaged(path, "its table postlist.glass is missing");
  try {
    impl_->db = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
    std::optional<util::Dictionary> recorded = read_dictionaries(impl_->db, &impl_->dictionaries);
    RecordCompression::ExistingRecords existing;
    if (!recorded && impl_->db.get_doccount() > 0)
      existing = [path](size_t n) { return existing_record_starts(path, n); };
    impl_->compression = std::make_shared<RecordCompression>(
        std::move(recorded), RecordCompression::kSampledRecords, std::move(existing));
    if (const std::string damage = damage_found(impl_->db, impl_->dictionaries); !damage.empty())
      throw damaged(path, damage);
    impl_->has_parts = impl_->db.get_termfreq(schema::kPart) > 0;
    // What a compaction killed midway left beside the database (compact()), once the lock
    // says no other writer is compacting it.
    if (const std::string leftover = compaction_folder(path); is_database_files(leftover)) {
      std::error_code ec;
      fs::remove_all(leftover, ec);
    }
    // Xapian commits on destruction, unless a transaction is open, which it then cancels.
    impl_->db.begin_transaction();
  } catch (...) {
    throw_writer_error(path);
  }
}

IndexWriter::~IndexWriter() = default;

std::shared_ptr<RecordCompression> IndexWriter::record_compression() const {
  return impl_->compression;
}

uint64_t IndexWriter::document_count() const {
  try {
    return impl_->db.get_doccount();
  } catch (...) {
    throw_writer_error(path_);
  }
}

uint64_t IndexWriter::file_count() const {
  try {
    return impl_->db.get_doccount() - impl_->db.get_termfreq(schema::kPart);
  } catch (...) {
    throw_writer_error(path_);
  }
}

void IndexWriter::set_recognition(const std::string& name, bool read_back) {
  impl_->recognized_by = std::string(schema::kRecognizedBy) + name;
  impl_->read_recognition = read_back;
}

uint64_t IndexWriter::files_recognized_otherwise() const {
  const uint64_t files = file_count();
  try {
    const std::string& by = impl_->recognized_by;
    return files - std::min<uint64_t>(files, by.empty() ? 0 : impl_->db.get_termfreq(by));
  } catch (...) {
    throw_writer_error(path_);
  }
}

std::string IndexWriter::metadata(const std::string& key) const {
  try {
    return impl_->db.get_metadata(key);
  } catch (...) {
    throw_writer_error(path_);
  }
}

void IndexWriter::set_metadata(const std::string& key, const std::string& value) {
  try {
    // Xapian writes the key again even when the value is the same; a run that changed nothing
    // would then commit (and sync) for nothing.
    if (impl_->db.get_metadata(key) == value) return;
    impl_->db.set_metadata(key, value);
  } catch (...) {
    throw_writer_error(path_);
  }
}

IndexedFile IndexWriter::indexed_file(const std::string& path) const {
  try {
    const Xapian::Database& db = impl_->db;
    IndexedFile k;
    const std::string term = unique_term(path);
    Xapian::PostingIterator p = db.postlist_begin(term);
    if (p != db.postlist_end(term)) {
      Xapian::Document d = db.get_document(*p);
      k.indexed = true;
      k.size = std::stoull("0" + d.get_value(schema::kSlotSize));
      k.mtime_ns = std::stoll("0" + d.get_value(schema::kSlotMtime));
      k.hash = d.get_value(schema::kSlotHash);
      if (impl_->read_recognition) {
        const std::string& by = impl_->recognized_by;
        Xapian::PostingIterator r = db.postlist_begin(by);
        if (r != db.postlist_end(by)) r.skip_to(*p);
        k.recognized = r != db.postlist_end(by) && *r == *p;
      }
    }
    const std::string fail = db.get_metadata(failure_key(path));
    // A damaged record reads as none: the file is only retried.
    if (!fail.empty()) k.failure = decode_failure(fail);
    return k;
  } catch (...) {
    throw_writer_error(path_);
  }
}

std::optional<std::unordered_map<std::string, IndexedFile>> IndexWriter::indexed_files() const {
  try {
    // A read-only handle: streaming values through the writable one would flush its pending
    // changes in the middle of the transaction (see record_totals()).
    const Xapian::Database db(path_);
    // Each file's record by docid, in ascending order (value streams run in docid order):
    // as many entries as documents, whatever the highest docid ever used.
    std::vector<std::pair<Xapian::docid, IndexedFile*>> by_id;
    by_id.reserve(db.get_doccount());
    // The record of `doc`, searched from `from` on (null when `doc` has none).
    const auto record_from = [&](auto from, Xapian::docid doc) {
      from = std::lower_bound(from, by_id.end(), doc,
                              [](const auto& e, Xapian::docid d) { return e.first < d; });
      return std::pair(from, from != by_id.end() && from->first == doc ? from->second : nullptr);
    };
    const auto record_of = [&](Xapian::docid doc) {
      return record_from(by_id.begin(), doc).second;
    };
    size_t heads_read = 0;
    std::unordered_map<std::string, IndexedFile> files;
    // Files stored in parts (few): each head's token and continuation count, and the
    // continuations found with each token.
    std::unordered_map<Xapian::docid, DocPart> heads;
    std::unordered_set<Xapian::docid> continuations;
    std::unordered_map<std::string, uint32_t> found;  // token -> continuations
    for (auto v = db.valuestream_begin(schema::kSlotPart); v != db.valuestream_end(schema::kSlotPart); ++v) {
      const std::optional<DocPart> part = decode_part(*v);
      if (!part) continue;
      if (part->number == 0) {
        heads[v.get_docid()] = *part;
      } else {
        continuations.insert(v.get_docid());
        ++found[part->token];
      }
    }
    files.reserve(db.get_doccount());
    for (auto v = db.valuestream_begin(schema::kSlotPath); v != db.valuestream_end(schema::kSlotPath); ++v) {
      if (continuations.count(v.get_docid())) continue;
      IndexedFile& f = files[*v];
      f.indexed = true;
      by_id.emplace_back(v.get_docid(), &f);
      ++heads_read;
    }
    if (heads_read + continuations.size() != db.get_doccount() || files.size() != heads_read)
      return std::nullopt;
    const auto each = [&](unsigned slot, auto&& set) {
      auto at = by_id.begin();  // both in docid order: the search only moves forward
      for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
        IndexedFile* f = nullptr;
        std::tie(at, f) = record_from(at, v.get_docid());
        if (f) set(*f, *v);
      }
    };
    // Numbers as written by doc_builder.cc (std::to_string); anything else reads as 0.
    const auto number = [](const std::string& v, auto* out) {
      *out = 0;
      std::from_chars(v.data(), v.data() + v.size(), *out);
    };
    each(schema::kSlotSize, [&](IndexedFile& f, const std::string& v) { number(v, &f.size); });
    each(schema::kSlotMtime, [&](IndexedFile& f, const std::string& v) { number(v, &f.mtime_ns); });
    each(schema::kSlotHash, [](IndexedFile& f, const std::string& v) { f.hash = v; });
    if (impl_->read_recognition) {
      auto at = by_id.begin();  // in docid order, as above
      for (auto p = db.postlist_begin(impl_->recognized_by);
           p != db.postlist_end(impl_->recognized_by); ++p) {
        IndexedFile* f = nullptr;
        std::tie(at, f) = record_from(at, *p);
        if (f) f->recognized = true;
      }
    }
    for (const auto& [doc, part] : heads) {
      const auto have = found.find(part.token);
      IndexedFile* f = record_of(doc);
      if (f && (have == found.end() ? 0 : have->second) != part.parts) {
        f->hash.clear();  // incomplete: processed again
        f->mtime_ns = 0;
      }
    }
    const std::string prefix = schema::kMetaFailurePrefix;
    for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
      // A damaged record reads as none: the file is only retried.
      if (auto record = decode_failure(db.get_metadata(*k)))
        files[failure_path(*k)].failure = std::move(record);
    }
    return files;
  } catch (...) {
    throw_writer_error(path_);
  }
}

size_t IndexWriter::documents_under(const std::string& root) const {
  try {
    return terms_under(impl_->db, root).size();
  } catch (...) {
    throw_writer_error(path_);
  }
}

bool IndexWriter::failures_under(const std::string& root) const {
  try {
    return !failure_keys_under(impl_->db, root).empty();
  } catch (...) {
    throw_writer_error(path_);
  }
}

void IndexWriter::add(PreparedDocument&& doc) {
  try {
    impl_->writing_documents();
    const PreparedDocument::Impl& d = *doc.impl_;
    if (d.part.split() && d.part.number > 0) {
      if (impl_->parts_begun.insert(d.path).second) impl_->drop_parts(d.path);
      impl_->has_parts = true;
    } else {
      if (!d.part.split()) impl_->drop_parts(d.path);
      impl_->parts_begun.erase(d.path);
      if (!impl_->recognized_by.empty()) doc.impl_->doc.add_boolean_term(impl_->recognized_by);
    }
    impl_->db.add_document(doc.impl_->doc);
  } catch (...) {
    throw_writer_error(path_);
  }
}

void IndexWriter::replace(const std::string& path, PreparedDocument&& doc) {
  try {
    impl_->writing_documents();
    if (!doc.impl_->part.split()) impl_->drop_parts(path);
    impl_->parts_begun.erase(path);
    if (!impl_->recognized_by.empty()) doc.impl_->doc.add_boolean_term(impl_->recognized_by);
    impl_->db.replace_document(unique_term(path), doc.impl_->doc);
  } catch (...) {
    throw_writer_error(path_);
  }
}

void IndexWriter::remove(const std::string& path) {
  try {
    impl_->writing_documents();
    impl_->db.delete_document(unique_term(path));
    impl_->drop_parts(path);
    impl_->parts_begun.erase(path);
  } catch (...) {
    throw_writer_error(path_);
  }
}

void IndexWriter::touch(const std::string& path, int64_t mtime_ns) {
  try {
    Xapian::WritableDatabase& db = impl_->db;
    const std::string term = unique_term(path);
    Xapian::PostingIterator p = db.postlist_begin(term);
    if (p == db.postlist_end(term)) return;
    impl_->records_changed = true;
    Xapian::Document d = db.get_document(*p);
    d.add_value(schema::kSlotMtime, std::to_string(mtime_ns));
    StoredDoc sd = decode_stored_doc(d.get_data(), &impl_->dictionaries);
    sd.mtime_ns = mtime_ns;
    d.set_data(encode_stored_doc(sd, impl_->compression.get()));
    impl_->store_trained_dictionary();
    db.replace_document(*p, d);
  } catch (...) {
    throw_writer_error(path_);
  }
}

void IndexWriter::record_failure(const std::string& path, const RecordedFailure& failure) {
  impl_->records_changed = true;
  set_metadata(failure_key(path), encode_failure(failure));
}

void IndexWriter::clear_failure(const std::string& path) {
  impl_->records_changed = true;
  set_metadata(failure_key(path), "");
}

bool IndexWriter::records_changed() const { return impl_->records_changed; }

size_t IndexWriter::purge(const std::string& root) {
  try {
    Xapian::WritableDatabase& db = impl_->db;
    const std::vector<std::string> terms = terms_under(db, root);
    for (const std::string& t : terms) db.delete_document(t);
    if (impl_->has_parts)
      for (const std::string& t : terms_under(db, root, Pieces::kContinuations)) db.delete_document(t);
    if (!terms.empty()) impl_->writing_documents();
    for (const std::string& k : failure_keys_under(db, root)) db.set_metadata(k, "");
    return terms.size();
  } catch (...) {
    throw_writer_error(path_);
  }
}

size_t IndexWriter::remove_absent(const std::string& root,
                                  const std::function<bool(const std::string&)>& present,
                                  const std::unordered_set<std::string>& failed,
                                  const std::vector<std::string>& keep_within) {
  try {
    Xapian::WritableDatabase& db = impl_->db;
    // The path a unique-id or part-of term names: the term itself after its prefix, unless it
    // may be a long path's cut-and-hashed form (unique_term()), whose document says the path.
    const auto path_of = [&](const std::string& t, size_t prefix) -> std::optional<std::string> {
      if (t.size() <= prefix + 200) return t.substr(prefix);
      Xapian::PostingIterator p = db.postlist_begin(t);
      if (p == db.postlist_end(t)) return std::nullopt;
      std::string path = db.get_document(*p).get_value(schema::kSlotPath);
      if (path.empty()) return std::nullopt;  // a database before the path slot: kept
      return path;
    };
    const auto gone = [&](const std::string& t, size_t prefix) {
      if (!keep_within.empty() && within_any(schema::kUniqueId + t.substr(prefix), true, keep_within))
        return false;
      const std::optional<std::string> path = path_of(t, prefix);
      return path && !present(*path);
    };
    size_t removed = 0;
    const size_t q = std::strlen(schema::kUniqueId);
    for (const std::string& t : terms_under(db, root)) {
      if (!gone(t, q)) continue;
      db.delete_document(t);
      impl_->writing_documents();
      ++removed;
    }
    // Continuations whose file is gone, with or without a head (a run killed midway).
    if (impl_->has_parts) {
      const size_t xq = std::strlen(schema::kPartOf);
      for (const std::string& t : terms_under(db, root, Pieces::kContinuations)) {
        if (!gone(t, xq)) continue;
        db.delete_document(t);
        impl_->writing_documents();
      }
    }
    for (const std::string& k : failure_keys_under(db, root)) {
      const std::string path = failure_path(k);
      if (!failed.count(path) && !present(path) && !within_any(path, false, keep_within))
        db.set_metadata(k, "");
    }
    return removed;
  } catch (...) {
    throw_writer_error(path_);
  }
}

void IndexWriter::record_totals() {
  try {
    // Read from a read-only handle on what was committed: reading value streams or the term
    // list through the writable handle would make Xapian flush its pending changes in the
    // middle of the transaction, and on a full disk that flush aborts the process (an
    // exception thrown inside libxapian while it unwinds). So: commit, record, commit.
    const Xapian::Database db(path_);
    const std::string state = " " + std::to_string(db.get_doccount()) + " " +
                              std::to_string(db.get_lastdocid()) + " " +
                              std::to_string(db.get_total_length());
    // Nothing written by this handle and the totals recorded for this very state: they hold
    // (counting every term of a large index is what a run with nothing changed would cost).
    const auto recorded = [&](const char* key) {
      const std::string v = db.get_metadata(key);
      return v.size() > state.size() && v.compare(v.size() - state.size(), state.size(), state) == 0;
    };
    if (!impl_->documents_written && recorded(schema::kMetaPages) && recorded(schema::kMetaTerms) &&
        recorded(schema::kMetaOcrPages))
      return;
    impl_->documents_written = false;
    uint64_t pages = 0, terms = 0, ocr_pages = 0;
    for (auto v = db.valuestream_begin(schema::kSlotPages);
         v != db.valuestream_end(schema::kSlotPages); ++v)
      pages += std::strtoull((*v).c_str(), nullptr, 10);
    for (auto v = db.valuestream_begin(schema::kSlotOcrPages);
         v != db.valuestream_end(schema::kSlotOcrPages); ++v)
      ocr_pages += std::strtoull((*v).c_str(), nullptr, 10);
    for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) ++terms;
    impl_->db.set_metadata(schema::kMetaPages, std::to_string(pages) + state);
    impl_->db.set_metadata(schema::kMetaTerms, std::to_string(terms) + state);
    impl_->db.set_metadata(schema::kMetaOcrPages, std::to_string(ocr_pages) + state);
  } catch (...) {
    throw_writer_error(path_);
  }
}

void IndexWriter::replace_metadata_under(
    const std::string& prefix, const std::vector<std::pair<std::string, std::string>>& entries) {
  try {
    std::unordered_set<std::string> wanted;
    for (const auto& [key, value] : entries) {
      wanted.insert(prefix + key);
      set_metadata(prefix + key, value);
    }
    // The keys committed (read from a read-only handle: listing keys through the writable one
    // could make Xapian flush its pending changes, see record_totals()).
    std::vector<std::string> stale;
    const Xapian::Database committed(path_);
    for (auto k = committed.metadata_keys_begin(prefix); k != committed.metadata_keys_end(prefix); ++k)
      if (!wanted.count(*k)) stale.push_back(*k);
    for (const std::string& key : stale) impl_->db.set_metadata(key, "");
  } catch (...) {
    throw_writer_error(path_);
  }
}

namespace {

// The real path of the database folder `path` names (itself, or the one shard of a stub file).
std::string database_folder(const std::string& path) {
  const std::vector<Shard> shards = shards_of(path);
  std::error_code ec;
  const fs::path real = fs::weakly_canonical(shards.at(0).path, ec);
  return ec ? shards[0].path : real.string();
}

// The folder beside `database_folder` that compact() writes its copy in.
std::string beside(const std::string& database_folder) {
  return database_folder + ".concord-compacting";
}

}  // namespace

std::string IndexWriter::compaction_folder(const std::string& path) {
  return beside(database_folder(path));
}

IndexWriter::Compaction IndexWriter::compact() {
  Compaction c;
  std::error_code ec;
  const std::string here = database_folder(path_);
  const std::string there = beside(here);
  c.bytes_before = util::folder_bytes(here);
  const bool in_the_way = fs::exists(there, ec);
  // The compacted copy, locked as a writer before it is put in place: no other writer can
  // take the database from before the exchange until the old one is removed.
  Xapian::WritableDatabase successor;
  try {
    if (in_the_way) throw std::runtime_error(there + " is in the way");
    // The copy is at most the database's size: without that much room it is not tried (it
    // would fill the file system, and libxapian keeps what it held when a write fails).
    const fs::space_info space = fs::space(fs::path(here).parent_path());
    if (space.available < c.bytes_before)
      throw std::runtime_error("a copy needs up to " + std::to_string(c.bytes_before >> 10) +
                               " KiB beside the database, " +
                               std::to_string(space.available >> 10) + " KiB are free");
    Xapian::Database(here).compact(there, Xapian::DBCOMPACT_NO_RENUMBER);
    for (fs::directory_iterator it(here), end; it != end; ++it) {
      const fs::path copy = fs::path(there) / it->path().filename();
      if (it->is_regular_file() && !fs::exists(copy)) fs::copy_file(it->path(), copy);
    }
    successor = Xapian::WritableDatabase(there, Xapian::DB_OPEN);
    const std::string exchanged = util::exchange_folders(here, there);
    if (!exchanged.empty()) throw std::runtime_error(exchanged);
  } catch (const std::exception& e) {
    c.error = e.what();
  } catch (const Xapian::Error& e) {
    c.error = e.get_description();
  }
  try {
    impl_->db.close();  // nothing is pending: closing writes nothing
  } catch (const Xapian::Error&) {
  }
  if (!in_the_way) fs::remove_all(there, ec);  // the old database, or a failed copy
  try {
    successor.close();
  } catch (const Xapian::Error&) {
  }
  if (c.error.empty()) c.bytes_after = util::folder_bytes(here);
  return c;
}

uint64_t IndexWriter::revision() const {
  try {
    return impl_->db.get_revision();
  } catch (...) {
    throw_writer_error(path_);
  }
}

void IndexWriter::commit() {
  try {
    impl_->db.commit_transaction();
    impl_->records_changed = false;
    impl_->db.begin_transaction();
  } catch (...) {
    throw_writer_error(path_);
  }
}

}  // namespace concord
