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
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <unordered_set>

#include "discover/discover.h"
#include "extract/extract.h"
#include "index/doc_builder.h"
#include "index/file_reader.h"
#include "lang/language.h"
#include "recognize/gazetteer.h"
#include "recognize/recognize.h"
#include "store/failure_record.h"
#include "store/schema.h"
#include "store/stored_doc.h"
#include "util/bounded_queue.h"
#include "util/hash.h"
#include "util/strings.h"

namespace concord {
namespace {

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
  const FoundFile* file = nullptr;
  Known known;
};

// What a worker hands to the writer.
struct Outcome {
  enum class Kind { kIndexed, kTouched, kSkipped, kFailed } kind = Kind::kFailed;
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
  // A damaged record only means the file is retried.
  if (std::optional<FailureRecord> r = fail.empty() ? std::nullopt : decode_failure(fail)) {
    k.failure = FileProblem{std::move(r->kind), std::move(r->message)};
    k.fail_size = r->size;
    k.fail_mtime_ns = r->mtime_ns;
  }
  return k;
}

// The worker's part: read, hash, sniff, extract, build. Never throws for file problems.
Outcome process(const Job& job, const IndexOptions& options, const Gazetteer& gazetteer,
                DocBuilder* builder) {
  Outcome out;
  out.file = job.file;
  out.was_indexed = job.known.indexed;
  out.had_failure = job.known.failure.has_value();
  const FoundFile& f = *job.file;
  auto fail = [&](std::string kind, std::string message) {
    out.kind = Outcome::Kind::kFailed;
    out.problem = FileProblem{std::move(kind), std::move(message)};
    return std::move(out);
  };
  if (f.size > options.max_file_size)
    return fail("too-large", "file is " + std::to_string(f.size >> 20) + " MiB, over the limit of " +
                                 std::to_string(options.max_file_size >> 20) + " MiB");
  std::string bytes;
  if (auto problem = read_found_file(f, options.max_file_size, &bytes))
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
    r = extract(bytes, *format);
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    return fail("corrupt", e.what());
  }
  if (r.problem) return fail(r.problem->kind, r.problem->message);

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
  doc.size = bytes.size();
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
  RecognizeResult recognized = recognize_document(doc.pages, doc.paged, gazetteer);
  doc.mentions = std::move(recognized.mentions);
  doc.definitions = std::move(recognized.definitions);
  doc.symbol = std::move(recognized.document_symbol);
  try {
    out.doc = builder->build(&doc);
  } catch (const Xapian::Error& e) {
    return fail("index", e.get_description());
  }
  out.kind = Outcome::Kind::kIndexed;
  return out;
}

std::string problem_text(const FileProblem& p) { return p.kind + ": " + p.message; }

void record_failure(Xapian::WritableDatabase& db, const std::string& path, const FileProblem& problem,
                    uint64_t size, int64_t mtime_ns) {
  db.set_metadata(failure_key(path),
                  encode_failure(FailureRecord{problem.kind, problem.message, size, mtime_ns}));
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
  } catch (const Xapian::Error& e) {
    // Xapian errors do not derive from std::exception; fatal ones become IndexError.
    throw IndexError(e.get_description());
  }
}

namespace {

IndexSummary run_index_unchecked(const IndexOptions& options, const IndexObserver& observer) {
  const auto started = std::chrono::steady_clock::now();
  IndexSummary summary;
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

  Xapian::WritableDatabase db;
  try {
    db = Xapian::WritableDatabase(options.db_path, Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    throw IndexError("database is being updated by another process: " + options.db_path);
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot open database " + options.db_path + ": " + e.get_description());
  }

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
  const bool rerecognize = db.get_doccount() > 0 &&
                           (db.get_metadata(schema::kMetaGazetteer) != gazetteer.fingerprint() ||
                            db.get_metadata(schema::kMetaPipelineVersion) != pipeline);
  auto record_gazetteer = [&] {
    db.set_metadata(schema::kMetaPipelineVersion, pipeline);
    db.set_metadata(schema::kMetaGazetteer, gazetteer.fingerprint());
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
    jobs.push_back(Job{&f, std::move(k)});
  }

  // Workers extract; this thread writes.
  unsigned nthreads = options.threads ? options.threads : std::thread::hardware_concurrency();
  if (nthreads == 0) nthreads = 2;
  nthreads = std::min<unsigned>(nthreads, std::max<size_t>(jobs.size(), 1));
  util::BoundedQueue<Outcome> queue(nthreads * 4);
  queue.set_producers(static_cast<int>(nthreads));
  std::atomic<size_t> next{0};
  std::exception_ptr worker_error;
  std::mutex error_mu;
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < nthreads; ++t) {
    workers.emplace_back([&] {
      DocBuilder builder;
      try {
        for (size_t i; (i = next.fetch_add(1)) < jobs.size();) {
          if (options.cancel && options.cancel->load()) break;
          queue.push(process(jobs[i], options, gazetteer, &builder));
        }
      } catch (...) {
        std::lock_guard lock(error_mu);
        if (!worker_error) worker_error = std::current_exception();
        next = jobs.size();
      }
      queue.producer_done();
    });
  }

  size_t batch_docs = 0;
  uint64_t batch_bytes = 0;
  auto last_commit = std::chrono::steady_clock::now();
  auto maybe_commit = [&] {
    const auto now = std::chrono::steady_clock::now();
    if (batch_docs >= options.batch_docs || batch_bytes >= options.batch_bytes ||
        std::chrono::duration<double>(now - last_commit).count() >= options.batch_seconds) {
      db.commit();
      batch_docs = 0;
      batch_bytes = 0;
      last_commit = now;
    }
  };
  Outcome o;
  try {
    while (queue.pop(&o)) {
      const FoundFile& f = *o.file;
      const std::string term = unique_term(f.path);
      switch (o.kind) {
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
    next = jobs.size();
    while (queue.pop(&o)) {
    }
    for (std::thread& w : workers) w.join();
    throw;
  }
  for (std::thread& w : workers) w.join();
  if (worker_error) {
    db.commit();  // keep what was written; the run itself is fatal
    std::rethrow_exception(worker_error);
  }

  summary.interrupted = options.cancel && options.cancel->load();
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
