// The indexing orchestrator: walk, decide what changed, extract in worker threads, write in
// one thread, commit in batches, remove vanished files, remember failures.
#include "index/indexer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <thread>
#include <unordered_set>

#include "discover/discover.h"
#include "extract/extract.h"
#include "index/doc_builder.h"
#include "index/file_reader.h"
#include "index/schema.h"
#include "index/stored_doc.h"
#include "lang/language.h"
#include "recognize/gazetteer.h"
#include "recognize/recognize.h"
#include "util/bounded_queue.h"
#include "util/cancel.h"
#include "util/echo.h"
#include "util/hash.h"
#include "util/strings.h"

namespace concord {
namespace {

namespace fs = std::filesystem;

// What the index already knows about a path.
struct Known {
  bool indexed = false;
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  std::string hash;
  std::optional<FileProblem> failure;  // remembered failure
  uint64_t fail_size = 0;
  int64_t fail_mtime_ns = 0;
};

struct Job {
  FoundFile file;
  Known known;
};

// What a worker hands to the writer. kCancelled: stopped by a cancel, nothing to write.
struct Outcome {
  enum class Kind { kIndexed, kTouched, kSkipped, kFailed, kCancelled } kind = Kind::kFailed;
  const FoundFile* file = nullptr;
  bool was_indexed = false;
  bool had_failure = false;  // a failure record exists for this path
  FileProblem problem;
  Xapian::Document doc;
  std::string hash;
  uint64_t text_bytes = 0;
};

// Reads a whole file the user named (a gazetteer; may be a pipe); on failure returns why.
std::optional<FileProblem> read_named_file(const std::string& path, std::string* out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return FileProblem{"unreadable", std::strerror(errno)};
  out->clear();
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      FileProblem p{"unreadable", std::strerror(errno)};
      ::close(fd);
      return p;
    }
    if (n == 0) break;
    out->append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return std::nullopt;
}

std::string failure_key(const std::string& path) {
  return std::string(schema::kMetaFailurePrefix) + path;
}

Known lookup(const Xapian::Database& db, const FoundFile& f) {
  Known k;
  const std::string term = unique_term(f.path);
  Xapian::PostingIterator p = db.postlist_begin(term);
  if (p != db.postlist_end(term)) {
    Xapian::Document d = db.get_document(*p);
    k.indexed = true;
    k.size = std::stoull("0" + d.get_value(schema::kSlotSize));
    k.mtime_ns = std::stoll("0" + d.get_value(schema::kSlotMtime));
    k.hash = d.get_value(schema::kSlotHash);
  }
  const std::string fail = db.get_metadata(failure_key(f.path));
  if (!fail.empty()) {
    try {
      auto j = nlohmann::json::parse(fail);
      k.failure = FileProblem{j.at("kind").get<std::string>(), j.at("message").get<std::string>()};
      k.fail_size = j.at("size").get<uint64_t>();
      k.fail_mtime_ns = j.at("mtime").get<int64_t>();
    } catch (const nlohmann::json::exception&) {
      // A damaged record only means the file is retried.
    }
  }
  return k;
}

// The worker's part: read, hash, sniff, extract, recognize, build. Never throws for file
// problems. Checks `stop` between stages and (through the extractors and the builder)
// between pages; once it is set, returns kCancelled.
Outcome process(const Job& job, uint64_t max_file_size, const Gazetteer& gazetteer,
                const std::atomic<bool>& stop, DocBuilder* builder) {
  Outcome out;
  out.file = &job.file;
  out.was_indexed = job.known.indexed;
  out.had_failure = job.known.failure.has_value();
  const FoundFile& f = job.file;
  auto cancelled = [&] {
    out.kind = Outcome::Kind::kCancelled;
    return std::move(out);
  };
  auto fail = [&](std::string kind, std::string message) {
    out.kind = Outcome::Kind::kFailed;
    out.problem = FileProblem{std::move(kind), std::move(message)};
    return std::move(out);
  };
  if (f.size > max_file_size)
    return fail("too-large", "file is " + std::to_string(f.size >> 20) +
                                 " MiB, over the limit of " + std::to_string(max_file_size >> 20) +
                                 " MiB");
  std::string bytes;
  if (auto problem = read_found_file(f, max_file_size, &bytes))
    return fail(problem->kind, problem->message);
  out.hash = util::content_hash(bytes);
  if (job.known.indexed && job.known.size == bytes.size() && job.known.hash == out.hash) {
    out.kind = Outcome::Kind::kTouched;  // only the mtime moved
    return out;
  }
  // PDF magic wins over the extension; otherwise the extension, else HTML by sniffing.
  std::optional<Format> format = sniff_format(std::string_view(bytes).substr(0, 1024));
  if (format != Format::kPdf && f.format) format = f.format;
  if (!format) {
    out.kind = Outcome::Kind::kSkipped;
    return out;
  }
  if (bytes.empty()) return fail("empty", "file is empty");
  ExtractResult r;
  try {
    r = extract(bytes, *format, &stop);
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    return fail("corrupt", e.what());
  }
  if (stop) return cancelled();
  if (r.problem) return fail(r.problem->kind, r.problem->message);
  const uint64_t size = bytes.size();
  bytes = std::string();  // the pages hold the text now

  StoredDoc doc;
  doc.path = f.path;
  doc.format = format_name(*format);
  doc.title = r.doc.title;
  if (doc.title.empty()) doc.title = std::filesystem::path(f.path).filename().string();
  doc.date = r.doc.date;
  doc.author = r.doc.author;
  doc.description = r.doc.description;
  doc.encoding = r.doc.encoding;
  doc.hash = out.hash;
  doc.size = size;
  doc.mtime_ns = f.mtime_ns;
  doc.paged = r.doc.paged;
  doc.pages = std::move(r.doc.pages);
  doc.language = r.doc.lang_hint;
  if (!is_supported_language(doc.language)) {
    std::string sample;
    for (const std::string& p : doc.pages) {
      sample += p;
      sample += '\n';
      if (sample.size() > 20000) break;
    }
    doc.language = detect_language(sample);
  }
  for (const std::string& p : doc.pages) out.text_bytes += p.size();
  if (stop) return cancelled();
  RecognizeResult recognized = recognize_document(doc.pages, doc.paged, gazetteer);
  doc.mentions = std::move(recognized.mentions);
  doc.definitions = std::move(recognized.definitions);
  doc.symbol = std::move(recognized.document_symbol);
  if (stop) return cancelled();
  try {
    out.doc = builder->build(&doc, &stop);
  } catch (const Xapian::Error& e) {
    return fail("index", e.get_description());
  }
  if (stop) return cancelled();
  out.kind = Outcome::Kind::kIndexed;
  return out;
}

// What the extraction workers share with the writer, owned jointly: a worker still busy
// with one document when a cancelled run returns keeps it alive until it notices `stop`.
struct WorkerPool {
  WorkerPool(std::vector<Job> jobs_in, uint64_t max_size, Gazetteer gazetteer_in, unsigned threads)
      : jobs(std::move(jobs_in)),
        max_file_size(max_size),
        gazetteer(std::move(gazetteer_in)),
        queue(threads * 4) {
    queue.set_producers(static_cast<int>(threads));
  }
  const std::vector<Job> jobs;
  const uint64_t max_file_size;
  const Gazetteer gazetteer;
  std::atomic<bool> stop{false};  // set by the writer: cancelled, or a fatal error
  std::atomic<size_t> next{0};    // the next job to take
  util::BoundedQueue<Outcome> queue;
  std::mutex error_mu;
  std::exception_ptr error;  // the first fatal error of a worker (out of memory)
};

// One worker thread: takes jobs until none is left or the pool stops.
void work(std::shared_ptr<WorkerPool> pool) {
  DocBuilder builder;
  try {
    for (size_t i; (i = pool->next.fetch_add(1)) < pool->jobs.size();) {
      if (pool->stop) break;
      Outcome o =
          process(pool->jobs[i], pool->max_file_size, pool->gazetteer, pool->stop, &builder);
      if (o.kind == Outcome::Kind::kCancelled || !pool->queue.push(std::move(o))) break;
    }
  } catch (...) {
    std::lock_guard lock(pool->error_mu);
    if (!pool->error) pool->error = std::current_exception();
    pool->stop = true;
  }
  pool->queue.producer_done();
}

// Xapian's words for an error, safe to print ("DatabaseCorruptError: ...").
std::string xapian_words(const Xapian::Error& e) {
  std::string words = std::string(e.get_type()) + ": " + e.get_msg();
  if (const char* reason = e.get_error_string()) words += std::string(" (") + reason + ")";
  return util::echo_input(words, 300);
}

std::string damaged_message(const std::string& db_path, const std::string& why) {
  const std::string db = util::echo_input(db_path, 300);
  return "database " + db + " is damaged (" + why +
         "): remove the folder and index the archive again (concord-index --db " + db + " PATH...)";
}

// True when `dir` holds Xapian table files: a database, even if its version file is gone.
bool has_tables(const std::string& dir) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".glass") return true;
  return false;
}

// The cheap checks run at every open, which Xapian's own opening does not make: a database
// that counts documents can list them, the first, a middle and the last have their stored
// record and their terms, and word positions are there (Xapian reads a deleted docdata table
// as empty records, a deleted termlist as a missing feature, a deleted position table as no
// positions). Damage elsewhere is met when a run reads or writes there (any Xapian error is
// translated). Returns what is wrong, or "".
std::string damage_found(const Xapian::Database& db) {
  try {
    if (db.get_doccount() == 0) return "";
    Xapian::PostingIterator it = db.postlist_begin("");
    if (it == db.postlist_end(""))
      return "it counts " + std::to_string(db.get_doccount()) + " documents but lists none";
    // The first, a middle and the last document.
    const Xapian::docid last = db.get_lastdocid();
    for (const Xapian::docid wanted : {Xapian::docid{0}, last / 2, last}) {
      it.skip_to(wanted);
      if (it == db.postlist_end("")) break;
      const Xapian::Document doc = db.get_document(*it);
      if (doc.get_data().empty()) return "a document has no stored record (docdata table gone?)";
      decode_stored_doc(doc.get_data());
      if (doc.termlist_begin() == doc.termlist_end()) return "a document has no terms";
    }
    if (!db.has_positions()) return "no word positions (position table gone?)";
  } catch (const Xapian::Error& e) {
    return xapian_words(e);
  } catch (const DamagedRecordError& e) {
    return util::echo_input(e.what(), 300);
  }
  return "";
}

// Called only from a catch handler for a Xapian::Error met on the database at `db_path`:
// throws the IndexError saying what it means and what to do.
[[noreturn]] void throw_database_error(const std::string& db_path) {
  const std::string db = util::echo_input(db_path, 300);
  try {
    throw;
  } catch (const Xapian::DatabaseVersionError& e) {
    throw IndexError("database " + db + " was written by another version of Xapian (" +
                     xapian_words(e) + "): index the archive into a new folder");
  } catch (const Xapian::DatabaseOpeningError& e) {
    // The system refused (permissions, too many open files), unless a table file is gone.
    const char* reason = e.get_error_string();
    if (reason && !(has_tables(db_path) && std::string(reason) == std::strerror(ENOENT)))
      throw IndexError("cannot open database " + db + " (" + xapian_words(e) +
                       "): check the path and its permissions");
    throw IndexError(damaged_message(db_path, xapian_words(e)));
  } catch (const Xapian::DatabaseError& e) {  // corrupt tables, short reads, write errors
    const char* reason = e.get_error_string();
    if (reason && (std::string(reason) == std::strerror(ENOSPC) ||
                   std::string(reason) == std::strerror(EDQUOT)))
      throw IndexError("no space left for database " + db + " (" + xapian_words(e) +
                       "): free some space and run again; what was committed is kept");
    if (reason && std::string(reason) == std::strerror(EIO))
      throw IndexError("cannot read or write database " + db + " (" + xapian_words(e) +
                       "): the disk reports an error");
    throw IndexError(damaged_message(db_path, xapian_words(e)));
  } catch (const Xapian::DocNotFoundError& e) {  // a posting for a document that is gone
    throw IndexError(damaged_message(db_path, xapian_words(e)));
  } catch (const Xapian::FeatureUnavailableError& e) {  // a table file is gone
    throw IndexError(damaged_message(db_path, xapian_words(e)));
  } catch (const Xapian::Error& e) {
    throw IndexError("unexpected error on database " + db + " (" + xapian_words(e) + ")");
  }
}

std::string problem_text(const FileProblem& p) { return p.kind + ": " + p.message; }

void record_failure(Xapian::WritableDatabase& db, const std::string& path, const FileProblem& problem,
                    uint64_t size, int64_t mtime_ns) {
  nlohmann::json j{{"kind", problem.kind}, {"message", problem.message}, {"size", size}, {"mtime", mtime_ns}};
  db.set_metadata(failure_key(path), j.dump());
}

// The unique-id terms of the documents at `root` or under it.
std::vector<std::string> documents_under(const Xapian::Database& db, const std::string& root) {
  std::vector<std::string> terms;
  const std::string exact = unique_term(root);
  const std::string under = unique_term(root == "/" ? "/" : root + "/");
  if (exact != under && db.term_exists(exact)) terms.push_back(exact);
  for (auto t = db.allterms_begin(under); t != db.allterms_end(under); ++t) terms.push_back(*t);
  return terms;
}

// The failure-record keys of `root` and of the paths under it.
std::vector<std::string> failure_keys_under(const Xapian::Database& db, const std::string& root) {
  std::vector<std::string> keys;
  const std::string prefix = failure_key(root);
  for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
    if (path_within((*k).substr(std::strlen(schema::kMetaFailurePrefix)), root)) keys.push_back(*k);
  }
  return keys;
}

// True when the path behind a unique-id term (or a plain path) lies within one of the
// folders whose documents must be kept. A hashed term (a path past 240 bytes) keeps only
// its first 199 bytes of path, so it counts as within when that much agrees.
bool kept(const std::string& term_or_path, bool is_term, const std::vector<std::string>& folders) {
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
    if (truncated && (path.rfind(folder, 0) == 0 || (folder + "/").rfind(path, 0) == 0)) return true;
  }
  return false;
}

bool recorded_root(const std::string& recorded, const std::string& root) {
  for (size_t at = 0; at < recorded.size();) {
    const size_t nl = std::min(recorded.find('\n', at), recorded.size());
    if (recorded.compare(at, nl - at, root) == 0) return true;
    at = nl + 1;
  }
  return false;
}

// The value of schema::kMetaRoots: the folders recorded before plus this run's roots that
// exist (a file counts as its folder), sorted, one per line.
std::string merged_roots(const std::string& recorded, const std::vector<std::string>& roots) {
  std::set<std::string> folders;
  for (size_t at = 0; at < recorded.size();) {
    const size_t nl = std::min(recorded.find('\n', at), recorded.size());
    if (nl > at) folders.insert(recorded.substr(at, nl - at));
    at = nl + 1;
  }
  for (const std::string& root : roots) {
    std::error_code ec;
    const auto status = std::filesystem::status(root, ec);
    if (ec || !std::filesystem::exists(status)) continue;
    folders.insert(std::filesystem::is_directory(status)
                       ? root
                       : std::filesystem::path(root).parent_path().string());
  }
  std::string out;
  for (const std::string& f : folders) out += (out.empty() ? "" : "\n") + f;
  return out;
}

}  // namespace

namespace {

IndexSummary run_index_unchecked(const IndexOptions& options, const IndexObserver& observer);

}  // namespace

std::optional<uint64_t> parse_max_size_mib(const std::string& text, std::string* error) {
  const std::string range = "from 1 to " + std::to_string(kMaxFileSizeMiBLimit);
  const std::string_view digits = util::trim(text);
  const bool negative = !digits.empty() && digits.front() == '-';
  const std::string_view magnitude = negative ? digits.substr(1) : digits;
  if (magnitude.empty() ||
      !std::all_of(magnitude.begin(), magnitude.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    *error = "--max-size must be a whole number of MiB " + range + ", not '" + text + "'";
    return std::nullopt;
  }
  // Compared as digit strings, so values past 2^64 cannot wrap around into range.
  const size_t first = std::min(magnitude.find_first_not_of('0'), magnitude.size());
  const std::string_view value = magnitude.substr(first);
  const std::string limit = std::to_string(kMaxFileSizeMiBLimit);
  const bool too_big = value.size() > limit.size() || (value.size() == limit.size() && value > limit);
  if (negative || value.empty() || too_big) {
    *error = "--max-size " + text + " is out of range: give a whole number of MiB " + range;
    return std::nullopt;
  }
  return std::stoull(std::string(value)) << 20;
}

IndexSummary run_index(const IndexOptions& options, const IndexObserver& observer) {
  try {
    return run_index_unchecked(options, observer);
  } catch (const Xapian::Error&) {
    // Xapian errors do not derive from std::exception; each becomes an IndexError here.
    throw_database_error(options.db_path);
  } catch (const DamagedRecordError& e) {
    throw IndexError(damaged_message(options.db_path, e.what()));
  }
}

namespace {

IndexSummary run_index_unchecked(const IndexOptions& options, const IndexObserver& observer) {
  const auto started = std::chrono::steady_clock::now();
  IndexSummary summary;
  auto is_cancelled = [&] { return util::cancelled(options.cancel); };
  auto notify = [&](IndexEvent::Kind kind, const std::string& path, const std::string& reason,
                    size_t done) {
    if (observer) observer(IndexEvent{kind, path, reason, done, summary.total});
  };

  // A missing root with no database yet cannot be a root the database knows: refuse it
  // before the database is created.
  std::error_code ec;
  if (!std::filesystem::exists(options.db_path, ec)) {
    for (const std::string& root : options.roots) {
      const std::string abs = absolute_path(root);
      const auto status = std::filesystem::status(abs, ec);
      if (status.type() == std::filesystem::file_type::not_found || ec == std::errc::not_a_directory)
        throw IndexUsageError(abs + ": no such file or folder");
    }
  }

  // Xapian opens a database whose postlist table is gone as an empty one, and would add every
  // file again beside the documents it still counts.
  if (fs::exists(options.db_path + "/iamglass", ec) &&
      !fs::exists(options.db_path + "/postlist.glass", ec))
    throw IndexError(damaged_message(options.db_path, "its table postlist.glass is missing"));
  Xapian::WritableDatabase db;
  try {
    db = Xapian::WritableDatabase(options.db_path, Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    throw IndexError("database is being updated by another process: " + options.db_path);
  }
  if (const std::string damage = damage_found(db); !damage.empty())
    throw IndexError(damaged_message(options.db_path, damage));

  // Walk first: a root the database has never held that does not exist is refused before
  // anything is written.
  WalkResult walked = walk(options.roots, WalkOptions{options.follow_links});
  struct Unavailable {
    std::string path;
    FileProblem problem;              // kind: missing-root, unreadable-root, empty-root
    std::vector<std::string> terms;   // its documents
  };
  std::vector<Unavailable> unavailable;
  {
    const std::string recorded = db.get_metadata(schema::kMetaRoots);
    std::string never_held;
    for (const RootState& r : walked.roots) {
      if (r.state == RootState::State::kWalked && r.files > 0) continue;
      std::vector<std::string> terms = documents_under(db, r.path);
      FileProblem problem;
      if (r.state == RootState::State::kWalked) {
        if (terms.empty()) continue;  // an empty folder the index holds nothing from
        problem = {"empty-root", "folder is empty (not mounted?)"};  // the documents are counted below
      } else {
        const bool held = !terms.empty() || !failure_keys_under(db, r.path).empty() ||
                          recorded_root(recorded, r.path);
        if (r.state == RootState::State::kMissing && !held) {
          never_held += (never_held.empty() ? "" : "; ") + r.path + ": no such file or folder";
          continue;
        }
        problem = {r.state == RootState::State::kMissing ? "missing-root" : "unreadable-root", r.message};
      }
      unavailable.push_back({r.path, std::move(problem), std::move(terms)});
    }
    if (!never_held.empty()) throw IndexUsageError(never_held);
  }
  init_extractors();

  // The gazetteer: built-in, plus the user's files (or those the database was built with).
  Gazetteer gazetteer = Gazetteer::built_in();
  std::string extra, extra_files;
  if (options.gazetteers.empty()) {
    extra = db.get_metadata(schema::kMetaGazetteerExtra);
    extra_files = db.get_metadata(schema::kMetaGazetteerFiles);
    if (!extra.empty()) gazetteer.add_tsv(extra, "gazetteer stored in the database");
  } else {
    for (const std::string& file : options.gazetteers) {
      std::string text;
      if (auto problem = read_named_file(file, &text))
        throw IndexError("cannot read gazetteer " + file + ": " + problem->message);
      for (const GazetteerProblem& p : gazetteer.add_tsv(text, file))
        notify(IndexEvent::Kind::kWarning, file, "line " + std::to_string(p.line) + ": " + p.message, 0);
      extra += text;
      if (!text.empty() && text.back() != '\n') extra += '\n';
      extra_files += (extra_files.empty() ? "" : "\n") + file;
    }
  }
  const std::string pipeline = std::string(schema::kPipelineVersion) + "/" + schema::kSchemaVersion;
  const std::string fingerprint = gazetteer.fingerprint();
  const bool rerecognize =
      db.get_doccount() > 0 && (db.get_metadata(schema::kMetaGazetteer) != fingerprint ||
                                db.get_metadata(schema::kMetaPipelineVersion) != pipeline);
  auto record_gazetteer = [&] {
    db.set_metadata(schema::kMetaPipelineVersion, pipeline);
    db.set_metadata(schema::kMetaGazetteer, fingerprint);
    db.set_metadata(schema::kMetaGazetteerExtra, extra);
    db.set_metadata(schema::kMetaGazetteerFiles, extra_files);
  };
  // Recorded with the first commit when every document will match it; after a gazetteer
  // change, only once all documents have been recognized again (an interrupted run redoes it).
  if (!rerecognize) record_gazetteer();

  summary.total = walked.files.size() + walked.skipped.size();
  std::unordered_set<std::string> seen;        // paths walked, and paths failed in the walk
  std::unordered_set<std::string> seen_terms;  // unique-id terms of the files walked
  std::vector<std::string> keep_under;         // folders whose documents must be kept

  // Roots not available: kept (counted as failed, recorded) or, when asked, purged.
  for (Unavailable& u : unavailable) {
    const size_t n = u.terms.size();
    const std::string documents = std::to_string(n) + " document" + (n == 1 ? "" : "s");
    if (options.purge_missing && n > 0) {
      for (const std::string& t : u.terms) db.delete_document(t);
      for (const std::string& k : failure_keys_under(db, u.path)) db.set_metadata(k, "");
      summary.removed += n;
      const std::string message = u.problem.message + "; its " + documents + " removed (--purge-missing)";
      summary.notices.push_back({u.path, "purged-root", message});
      notify(IndexEvent::Kind::kRoot, u.path, "purged-root: " + message, 0);
      continue;
    }
    ++summary.failed;
    keep_under.push_back(u.path);
    seen.insert(u.path);
    if (n > 0)
      u.problem.message += "; its " + documents + " kept (--purge-missing removes " + (n == 1 ? "it)" : "them)");
    record_failure(db, u.path, u.problem, 0, 0);
    summary.notices.push_back({u.path, u.problem.kind, u.problem.message});
    notify(IndexEvent::Kind::kRoot, u.path, problem_text(u.problem), 0);
  }
  // Problems of the walk: counted, recorded (so the failures list shows them) and reported.
  for (const WalkProblem& p : walked.problems) {
    ++summary.failed;
    seen.insert(p.path);
    if (p.keeps_documents) keep_under.push_back(p.path);
    record_failure(db, p.path, FileProblem{p.kind, p.message}, 0, 0);
    notify(IndexEvent::Kind::kWalkProblem, p.path, p.kind + ": " + p.message, 0);
  }
  // Links to outside the roots: skipped, and named in the summary.
  for (const WalkSkip& skip : walked.skipped) {
    ++summary.skipped;
    summary.notices.push_back({skip.path, "outside-link", skip.reason});
    notify(IndexEvent::Kind::kSkipped, skip.path, skip.reason, 0);
  }

  // Decide what needs work; unchanged files are settled here without reading them.
  std::vector<Job> jobs;
  size_t done = 0;
  for (const FoundFile& f : walked.files) {
    if (is_cancelled()) break;  // nothing is removed after a cancel: the rest need not be seen
    seen.insert(f.path);
    seen_terms.insert(unique_term(f.path));
    Known k = lookup(db, f);
    if (k.indexed && k.failure) {
      // A record left by a walk problem or an unavailable root at this path: the file is
      // back, so the record goes (its own outcome may record a new one).
      db.set_metadata(failure_key(f.path), "");
      k.failure.reset();
    }
    if (rerecognize && k.indexed) k.hash.clear();  // forces re-extraction
    if (!rerecognize && k.indexed && k.size == f.size && k.mtime_ns == f.mtime_ns) {
      ++summary.unchanged;
      notify(IndexEvent::Kind::kProgress, f.path, "", ++done);
      continue;
    }
    if (!k.indexed && k.failure && k.fail_size == f.size && k.fail_mtime_ns == f.mtime_ns) {
      ++summary.failed;
      ++done;
      notify(IndexEvent::Kind::kFailed, f.path, problem_text(*k.failure) + " (unchanged since it failed)",
             done);
      continue;
    }
    jobs.push_back(Job{f, std::move(k)});
  }

  // Workers extract; this thread writes.
  unsigned nthreads = options.threads ? options.threads : std::thread::hardware_concurrency();
  if (nthreads == 0) nthreads = 2;
  nthreads = std::min<unsigned>(nthreads, std::max<size_t>(jobs.size(), 1));
  auto pool = std::make_shared<WorkerPool>(std::move(jobs), options.max_file_size,
                                           std::move(gazetteer), nthreads);
  if (is_cancelled()) pool->stop = true;
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < nthreads; ++t) workers.emplace_back(work, pool);
  auto& queue = pool->queue;

  // Commits go by count, by text size, and by time: the writer waits for results only until
  // the commit interval has passed, so finished work is committed even while every worker is
  // busy with a long file.
  using Clock = std::chrono::steady_clock;
  size_t batch_docs = 0;
  uint64_t batch_bytes = 0;
  bool uncommitted = true;  // the walk's failure records and metadata, then each result
  const auto interval = std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>(std::max(options.batch_seconds, 0.01)));
  auto last_commit = Clock::now();
  auto commit = [&] {
    db.commit();
    batch_docs = 0;
    batch_bytes = 0;
    uncommitted = false;
    last_commit = Clock::now();
  };
  auto maybe_commit = [&] {
    if (batch_docs >= options.batch_docs || batch_bytes >= options.batch_bytes ||
        Clock::now() - last_commit >= interval)
      commit();
  };
  // A cancel is noticed within kCancelPoll; the workers then stop at their next page, and
  // have kStopGrace to hand in what they finished. One still busy after that (inside the
  // recognition of one long document) is left behind, holding its share of the pool, and
  // the run commits and returns.
  constexpr auto kCancelPoll = std::chrono::milliseconds(100);
  constexpr auto kStopGrace = std::chrono::milliseconds(1000);
  std::optional<Clock::time_point> give_up;  // set once cancelled
  bool abandoned = false;
  using Popped = util::BoundedQueue<Outcome>::PopResult;
  Outcome o;
  try {
    for (;;) {
      const auto now = Clock::now();
      if (!give_up && is_cancelled()) {
        pool->stop = true;
        give_up = now + kStopGrace;
      }
      if (give_up && now >= *give_up) {
        abandoned = true;
        break;
      }
      // With nothing to commit, wake up now and then only to wait again.
      auto deadline = uncommitted ? last_commit + interval : now + std::chrono::hours(1);
      if (options.cancel) deadline = std::min(deadline, now + kCancelPoll);
      if (give_up) deadline = std::min(deadline, *give_up);
      const Popped popped = queue.pop_until(&o, deadline);
      if (popped == Popped::kDone) break;
      if (popped == Popped::kTimeout) {
        if (uncommitted && Clock::now() - last_commit >= interval) commit();
        continue;
      }
      if (o.kind == Outcome::Kind::kCancelled) continue;  // workers do not hand these in
      uncommitted = true;
      const FoundFile& f = *o.file;
      const std::string term = unique_term(f.path);
      switch (o.kind) {
        case Outcome::Kind::kCancelled:
          break;
        case Outcome::Kind::kIndexed:
          // A new file cannot have a document yet (looked up under the write lock): add it
          // directly, which spares Xapian the unique-term lookup.
          if (o.was_indexed) db.replace_document(term, o.doc);
          else db.add_document(o.doc);
          if (o.had_failure) db.set_metadata(failure_key(f.path), "");
          summary.bytes += f.size;
          ++(o.was_indexed ? summary.updated : summary.added);
          break;
        case Outcome::Kind::kTouched: {
          // Same content, new mtime: keep the document, record the new mtime.
          Xapian::PostingIterator p = db.postlist_begin(term);
          if (p != db.postlist_end(term)) {
            Xapian::Document d = db.get_document(*p);
            d.add_value(schema::kSlotMtime, std::to_string(f.mtime_ns));
            StoredDoc sd = decode_stored_doc(d.get_data());
            sd.mtime_ns = f.mtime_ns;
            d.set_data(encode_stored_doc(sd));
            db.replace_document(*p, d);
          }
          ++summary.unchanged;
          break;
        }
        case Outcome::Kind::kSkipped:
          ++summary.skipped;
          if (o.was_indexed) db.delete_document(term);
          break;
        case Outcome::Kind::kFailed: {
          ++summary.failed;
          if (o.was_indexed) db.delete_document(term);
          record_failure(db, f.path, o.problem, f.size, f.mtime_ns);
          notify(IndexEvent::Kind::kFailed, f.path, problem_text(o.problem), done + 1);
          break;
        }
      }
      ++done;
      ++batch_docs;
      batch_bytes += o.text_bytes + 4096;
      o = Outcome();
      notify(IndexEvent::Kind::kProgress, f.path, "", done);
      maybe_commit();
    }
  } catch (...) {
    pool->stop = true;
    queue.close();  // a worker waiting to hand in a result gives up
    for (std::thread& w : workers) w.join();
    throw;
  }
  pool->stop = true;
  queue.close();
  for (std::thread& w : workers) {
    if (abandoned)
      w.detach();  // it owns its share of the pool; see above
    else
      w.join();
  }
  {
    std::lock_guard lock(pool->error_mu);
    if (pool->error) {
      db.commit();  // keep what was written; the run itself is fatal
      std::rethrow_exception(pool->error);
    }
  }

  summary.interrupted = is_cancelled();
  // Remove documents and failure records of files gone from under the roots walked (not
  // after an interrupted run: files not reached yet would look gone; never under a root or
  // folder that could not be read: its files may all still be there).
  std::vector<std::string> walked_roots;
  for (const RootState& r : walked.roots) {
    const bool skip = std::any_of(unavailable.begin(), unavailable.end(),
                                  [&](const Unavailable& u) { return u.path == r.path; });
    if (r.state == RootState::State::kWalked && !skip) walked_roots.push_back(r.path);
  }
  for (const std::string& root : summary.interrupted ? std::vector<std::string>() : walked_roots) {
    for (const std::string& t : documents_under(db, root)) {
      if (seen_terms.count(t) || kept(t, true, keep_under)) continue;
      db.delete_document(t);
      ++summary.removed;
    }
    for (const std::string& k : failure_keys_under(db, root)) {
      const std::string path = k.substr(std::strlen(schema::kMetaFailurePrefix));
      if (!seen.count(path) && !kept(path, false, keep_under)) db.set_metadata(k, "");
    }
  }
  db.set_metadata(schema::kMetaSchemaVersion, schema::kSchemaVersion);
  std::vector<std::string> root_paths;
  for (const RootState& r : walked.roots) root_paths.push_back(r.path);
  db.set_metadata(schema::kMetaRoots, merged_roots(db.get_metadata(schema::kMetaRoots), root_paths));
  if (!summary.interrupted) record_gazetteer();
  db.commit();
  summary.elapsed_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace

}  // namespace concord
