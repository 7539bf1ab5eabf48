// The indexing orchestrator: walk, decide what changed, extract in worker threads, write in
// one thread through the IndexWriter, commit in batches and on time, remove vanished files,
// remember failures. Each stage of a run is one method of IndexRun, in the order run() calls
// them.
#include "index/indexer.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "discover/discover.h"
#include "extract/extract.h"
#include "store/errors.h"
#include "store/shards.h"
#include "util/echo.h"
#include "util/hash.h"
#include "store/run_record.h"
#include "store/schema.h"
#include "index/worker_pool.h"
#include "lang/language.h"
#include "recognize/gazetteer.h"
#include "recognize/gazetteer_lookup.h"
#include "store/writer.h"
#include "util/bounded_queue.h"
#include "util/cancel.h"
#include "util/small_file.h"
#include "util/strings.h"

namespace concord {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string problem_text(const FileProblem& p) { return p.kind + ": " + p.message; }

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

// A root that is missing, unreadable, or empty while the index holds documents from it.
struct Unavailable {
  std::string path;
  FileProblem problem;   // kind: missing-root, unreadable-root, empty-root
  size_t documents = 0;  // the index holds under it
};

// The gazetteer a run recognizes with, and what the database records about it.
struct GazetteerSetup {
  std::optional<Gazetteer> gazetteer;  // absent until a file needs recognizing (build())
  std::string source;       // digest of what it is built from (schema::kMetaGazetteerSource)
  // The built gazetteer's lookup_entries(source); none without a source.
  std::vector<std::pair<std::string, std::string>> lookup;
  std::string extra;        // the extra entries (TSV), recorded for the next runs
  std::string extra_files;  // their files, one per line
  std::string fingerprint;
};

// When to commit: by count, by text size, and by time (also while no result arrives).
class CommitPolicy {
 public:
  explicit CommitPolicy(const IndexOptions& options)
      : max_docs_(options.batch_docs),
        max_bytes_(options.batch_bytes),
        interval_(std::chrono::duration_cast<Clock::duration>(
            std::chrono::duration<double>(std::max(options.batch_seconds, 0.01)))) {}

  // A result was written.
  void wrote(uint64_t text_bytes) {
    ++docs_;
    bytes_ += text_bytes + 4096;
    uncommitted_ = true;
  }
  // Something other than a result was written (metadata, failure records).
  void wrote_other() { uncommitted_ = true; }
  bool batch_full() const {
    return docs_ >= max_docs_ || bytes_ >= max_bytes_ || Clock::now() - last_ >= interval_;
  }
  bool due() const { return uncommitted_ && Clock::now() - last_ >= interval_; }
  // How long the writer may wait for the next result before due() can become true.
  Clock::time_point deadline() const {
    return uncommitted_ ? last_ + interval_ : Clock::now() + std::chrono::hours(1);
  }
  void committed() {
    docs_ = 0;
    bytes_ = 0;
    uncommitted_ = false;
    last_ = Clock::now();
  }

 private:
  size_t max_docs_;
  uint64_t max_bytes_;
  Clock::duration interval_;
  size_t docs_ = 0;
  uint64_t bytes_ = 0;
  bool uncommitted_ = true;  // the walk's failure records and metadata
  Clock::time_point last_ = Clock::now();
};

// One run of the indexer over one database.
class IndexRun {
 public:
  IndexRun(const IndexOptions& options, const IndexObserver& observer)
      : options_(options), observer_(observer) {}

  IndexSummary run() {
    refuse_several_shards();
    std::vector<IgnoreRule> excludes = parse_excludes();
    refuse_new_missing_roots();
    writer_ = std::make_unique<IndexWriter>(options_.db_path);
    opened_revision_ = writer_->revision();
    refuse_unknown_missing_roots();
    walked_ = walk(options_.roots, WalkOptions{options_.follow_links, std::move(excludes)});
    find_unavailable_roots();
    GazetteerSetup gazetteer = load_gazetteer();
    begin_recording(gazetteer);
    summary_.total = walked_.files.size() + walked_.skipped.size();
    settle_unavailable_roots();
    record_walk_problems();
    report_outside_links();
    settle_exclusions();
    std::vector<Job> jobs = plan_jobs();
    if (!jobs.empty()) {
      load_stopwords();  // on this thread: a data file that cannot be read is fatal here
      build_gazetteer(&gazetteer);
    }
    extract_and_write(std::move(jobs),
                      gazetteer.gazetteer ? std::move(*gazetteer.gazetteer) : Gazetteer());
    summary_.interrupted = cancelled();
    if (summary_.ocr_skipped > 0)
      summary_.notices.push_back({"", "ocr-unavailable",
                                  std::to_string(summary_.ocr_skipped) +
                                      " PDF page(s) without a text layer were not read: " +
                                      ocr_skip_reason_});
    if (summary_.ocr_pages > summary_.ocr_cached)
      trim_ocr_cache(options_.ocr.cache_dir, options_.ocr.cache_limit);
    remove_vanished();
    finish(gazetteer);
    compact_when_due();
    summary_.elapsed_s = std::chrono::duration<double>(Clock::now() - started_).count();
    return summary_;
  }

 private:
  bool cancelled() const { return util::cancelled(options_.cancel); }

  void notify(IndexEvent::Kind kind, const std::string& path, const std::string& reason,
              size_t done) {
    if (observer_) observer_(IndexEvent{kind, path, reason, done, summary_.total});
  }

  // One run writes one database: a stub file naming several (or a remote one) is read as one
  // archive by the query side, but where each file belongs is not the indexer's to decide.
  void refuse_several_shards() {
    std::vector<Shard> shards;
    try {
      shards = shards_of(options_.db_path);
    } catch (const DatabaseError& e) {
      throw IndexUsageError(e.what());
    }
    if (shards.size() > 1 || shards[0].remote())
      throw IndexUsageError(
          "--db " + util::echo_input(options_.db_path, 300) + " names " +
          std::to_string(shards.size()) + (shards.size() == 1 ? " remote database" : " databases") +
          ": concord-index writes one shard per run; give the folder of the shard to update "
          "(e.g. --db " + util::echo_input(shards[0].remote() ? "SHARD-FOLDER" : shards[0].path, 200) +
          ") and read them together with concord-query --db STUB");
  }

  // A missing root the database holds nothing of (no document, no failure, not a recorded
  // root) is a mistyped path, not an unmounted folder: a usage error, as for a new database.
  void refuse_unknown_missing_roots() {
    std::error_code ec;
    const std::string recorded = "\n" + writer_->metadata(schema::kMetaRoots) + "\n";
    for (const std::string& root : options_.roots) {
      const std::string abs = absolute_path(root);
      const auto status = fs::symlink_status(abs, ec);
      if (!(status.type() == fs::file_type::not_found || ec == std::errc::not_a_directory))
        continue;
      if (recorded.find("\n" + abs + "\n") != std::string::npos) continue;
      if (writer_->documents_under(abs) > 0 || writer_->failures_under(abs)) continue;
      throw IndexUsageError(abs + ": no such file or folder");
    }
  }

  // A missing root with no database yet cannot be a root the database knows: refuse it
  // before the database is created.
  void refuse_new_missing_roots() {
    std::error_code ec;
    if (fs::exists(options_.db_path, ec)) return;
    for (const std::string& root : options_.roots) {
      const std::string abs = absolute_path(root);
      const auto status = fs::status(abs, ec);
      if (status.type() == fs::file_type::not_found || ec == std::errc::not_a_directory)
        throw IndexUsageError(abs + ": no such file or folder");
    }
  }

  // Roots walked with no files that the index holds documents from, and roots missing or
  // unreadable. A missing root the database has never held is refused (before anything is
  // written).
  void find_unavailable_roots() {
    const std::string recorded = writer_->metadata(schema::kMetaRoots);
    std::string never_held;
    for (const RootState& r : walked_.roots) {
      // A folder whose files were all excluded is not an unmounted mount point.
      if (r.state == RootState::State::kWalked && (r.files > 0 || r.excluded > 0)) continue;
      const size_t documents = writer_->documents_under(r.path);
      FileProblem problem;
      if (r.state == RootState::State::kWalked) {
        if (documents == 0) continue;  // an empty folder the index holds nothing from
        problem = {"empty-root", "folder is empty (not mounted?)"};
      } else {
        const bool held =
            documents > 0 || writer_->failures_under(r.path) || recorded_root(recorded, r.path);
        if (r.state == RootState::State::kMissing && !held) {
          never_held += (never_held.empty() ? "" : "; ") + r.path + ": no such file or folder";
          continue;
        }
        problem = {r.state == RootState::State::kMissing ? "missing-root" : "unreadable-root",
                   r.message};
      }
      unavailable_.push_back({r.path, std::move(problem), documents});
    }
    if (!never_held.empty()) throw IndexUsageError(never_held);
  }

  // The gazetteer: built-in, plus the user's files (or those the database was built with).
  // Without --gazetteer, the fingerprint recorded for the same source is taken as it is, and
  // the gazetteer is built only when a file needs recognizing (build_gazetteer()): a run with
  // nothing changed does not parse it.
  GazetteerSetup load_gazetteer() {
    GazetteerSetup g;
    if (options_.gazetteers.empty()) {
      g.extra = writer_->metadata(schema::kMetaGazetteerExtra);
      g.extra_files = writer_->metadata(schema::kMetaGazetteerFiles);
      g.source = gazetteer_source(pipeline_, g.extra);
      const std::string recorded = writer_->metadata(schema::kMetaGazetteer);
      if (!recorded.empty() && writer_->metadata(schema::kMetaGazetteerSource) == g.source) {
        g.fingerprint = recorded;
        return g;
      }
      build_gazetteer(&g);
    } else {
      g.gazetteer = Gazetteer::built_in();
      for (const std::string& file : options_.gazetteers) {
        // Bounded and never blocking (a regular file of at most 64 MiB), like every file a
        // user names on the command line.
        util::SmallFile read = util::read_small_file(file);
        if (!read.error.empty())
          throw IndexError("cannot read gazetteer " + file + ": " + read.error);
        std::string text = std::move(read.bytes);
        for (const GazetteerProblem& p : g.gazetteer->add_tsv(text, file))
          notify(IndexEvent::Kind::kWarning, file,
                 "line " + std::to_string(p.line) + ": " + p.message, 0);
        g.extra += text;
        if (!text.empty() && text.back() != '\n') g.extra += '\n';
        g.extra_files += (g.extra_files.empty() ? "" : "\n") + file;
      }
      // No source recorded: the next run without --gazetteer builds the gazetteer from the
      // recorded text once, as it always will, before it trusts a recorded fingerprint (one
      // file after another and their concatenation can differ: a later file redefining an
      // id). Built from the recorded text (above), the source is recorded with it.
      g.source.clear();
    }
    g.fingerprint = g.gazetteer->fingerprint();
    g.lookup = lookup_entries(g);
    return g;
  }

  static std::vector<std::pair<std::string, std::string>> lookup_entries(const GazetteerSetup& g) {
    if (g.source.empty()) return {};
    return g.gazetteer->lookup_entries(g.source);
  }

  // The built-in gazetteer and the extra entries recorded in the database.
  static void build_gazetteer(GazetteerSetup* g) {
    if (g->gazetteer) return;
    g->gazetteer = Gazetteer::built_in();
    if (!g->extra.empty()) g->gazetteer->add_tsv(g->extra, "gazetteer stored in the database");
    g->fingerprint = g->gazetteer->fingerprint();
    g->lookup = lookup_entries(*g);
  }

  // Records this pipeline and gazetteer `g` (what it is made of: the queries' gazetteer, and
  // the next run's when it is given no --gazetteer; its lookups) as what recognizes the
  // documents, with how many files are still left as something else recognized them (`left`,
  // kMetaRecognitionLeft: the next run reads those again).
  void record_gazetteer(const GazetteerSetup& g, uint64_t left) {
    writer_->set_metadata(schema::kMetaPipelineVersion, pipeline_);
    writer_->set_metadata(schema::kMetaGazetteer, g.fingerprint);
    writer_->set_metadata(schema::kMetaGazetteerExtra, g.extra);
    writer_->set_metadata(schema::kMetaGazetteerFiles, g.extra_files);
    writer_->set_metadata(schema::kMetaGazetteerSource, g.source);
    writer_->set_metadata(schema::kMetaRecognitionLeft, left ? std::to_string(left) : "");
    // Not built (the recorded fingerprint was trusted): the recorded lookups are its own.
    if (g.gazetteer) {
      // Entries of their own (version 2); the text of version 1 is no longer kept. The same
      // tag is the same digest of what the gazetteer is built from: the same entries.
      const std::string prefix = schema::kMetaLookupPrefix;
      const bool same = !g.lookup.empty() && g.lookup.back().first == "v" &&  // keys sorted
                        writer_->metadata(prefix + "v") == g.lookup.back().second;
      if (!same) writer_->replace_metadata_under(prefix, g.lookup);
      writer_->set_metadata(schema::kMetaGazetteerLookup, "");
    }
  }

  // Files are recognized again when the gazetteer or the pipeline changed, or a run left some
  // as something else recognized them (kMetaRecognitionLeft): each file's document carries
  // what recognized it (IndexWriter::set_recognition()), and those carrying this run's are not
  // read again. The gazetteer is recorded with the first commit when no file is to be read
  // again; else at the end of a run that was not interrupted (finish()), with the count of
  // files it could not read (an interrupted run leaves the change to the next).
  void begin_recording(const GazetteerSetup& g) {
    rerecognize_ = writer_->document_count() > 0 &&
                   (writer_->metadata(schema::kMetaGazetteer) != g.fingerprint ||
                    writer_->metadata(schema::kMetaPipelineVersion) != pipeline_ ||
                    !writer_->metadata(schema::kMetaRecognitionLeft).empty());
    writer_->set_recognition(pipeline_ + "/" + g.fingerprint, rerecognize_);
    if (!rerecognize_) record_gazetteer(g, 0);
  }

  // Roots not available: kept (counted as failed, recorded) or, when asked, purged.
  void settle_unavailable_roots() {
    for (Unavailable& u : unavailable_) {
      const size_t n = u.documents;
      const std::string documents = std::to_string(n) + " document" + (n == 1 ? "" : "s");
      if (options_.purge_missing && n > 0) {
        summary_.removed += writer_->purge(u.path);
        const std::string message =
            u.problem.message + "; its " + documents + " removed (--purge-missing)";
        summary_.notices.push_back({u.path, "purged-root", message});
        notify(IndexEvent::Kind::kRoot, u.path, "purged-root: " + message, 0);
        continue;
      }
      ++summary_.failed;
      keep_under_.push_back(u.path);
      failed_in_walk_.insert(u.path);
      if (n > 0)
        u.problem.message +=
            "; its " + documents + " kept (--purge-missing removes " + (n == 1 ? "it)" : "them)");
      writer_->record_failure(u.path, RecordedFailure{u.problem.kind, u.problem.message, 0, 0});
      summary_.notices.push_back({u.path, u.problem.kind, u.problem.message});
      notify(IndexEvent::Kind::kRoot, u.path, problem_text(u.problem), 0);
    }
  }

  // Problems of the walk: counted, recorded (so the failures list shows them) and reported.
  void record_walk_problems() {
    for (const WalkProblem& p : walked_.problems) {
      ++summary_.failed;
      failed_in_walk_.insert(p.path);
      if (p.keeps_documents) keep_under_.push_back(p.path);
      writer_->record_failure(p.path, RecordedFailure{p.kind, p.message, 0, 0});
      notify(IndexEvent::Kind::kWalkProblem, p.path, p.kind + ": " + p.message, 0);
    }
  }

  // --exclude patterns, parsed before anything is opened (a bad one is a usage error).
  std::vector<IgnoreRule> parse_excludes() const {
    std::vector<IgnoreRule> rules;
    for (const std::string& pattern : options_.excludes) {
      IgnoreRule rule;
      std::string error;
      if (!pattern.empty() && pattern[0] == '!')
        throw IndexUsageError("--exclude '" + pattern +
                              "': a pattern cannot start with '!' here (write '!' lines in a "
                              ".concordignore; '\\!' for a name starting with '!')");
      if (!parse_ignore_pattern(pattern, "--exclude '" + pattern + "'", &rule, &error))
        throw IndexUsageError("--exclude '" + pattern + "': " +
                              (error.empty() ? "an empty pattern or a comment" : error));
      rules.push_back(std::move(rule));
    }
    return rules;
  }

  // Exclusions: counted; the documents (and failure records) of what a rule now excludes
  // are removed and named in the summary; bad .concordignore lines are warnings.
  void settle_exclusions() {
    for (const WalkWarning& w : walked_.warnings) notify(IndexEvent::Kind::kWarning, w.path, w.message, 0);
    for (const WalkExclusion& e : walked_.excluded) {
      ++summary_.excluded;
      if (writer_->documents_under(e.path) == 0 && !writer_->failures_under(e.path)) continue;
      const size_t n = writer_->purge(e.path);
      summary_.removed += n;
      const std::string what = n == 1 ? "its document" : "its " + std::to_string(n) + " documents";
      summary_.notices.push_back({e.path, "excluded", "excluded by " + e.rule + "; " + what + " removed"});
    }
  }

  // Links to outside the roots: skipped, and named in the summary.
  void report_outside_links() {
    for (const WalkSkip& skip : walked_.skipped) {
      ++summary_.skipped;
      summary_.notices.push_back({skip.path, "outside-link", skip.reason});
      notify(IndexEvent::Kind::kSkipped, skip.path, skip.reason, 0);
    }
  }

  // Decides what needs work; unchanged files are settled here without reading them.
  std::vector<Job> plan_jobs() {
    std::vector<Job> jobs;
    // The whole index's records at once when the walk covers a good part of it (a re-run);
    // one lookup per file when it is a small folder of a large index.
    std::optional<std::unordered_map<std::string, IndexedFile>> known;
    const bool read_all = walked_.files.size() * 4 >= writer_->document_count();
    // indexed_files() reads what is committed, and indexed_file() reads the postings of what
    // recognized each file when they are asked for (IndexWriter::set_recognition()), which the
    // writable handle would flush mid-transaction: first commit what settling the roots, the
    // walk's problems and the exclusions changed (a purged folder that is also a root, walked
    // again).
    if ((read_all || rerecognize_) && writer_->records_changed()) writer_->commit();
    if (read_all) known = writer_->indexed_files();
    for (const FoundFile& f : walked_.files) {
      if (cancelled()) break;  // nothing is removed after a cancel: the rest need not be seen
      IndexedFile k;
      if (!known) {
        k = writer_->indexed_file(f.path);
      } else if (auto it = known->find(f.path); it != known->end()) {
        k = std::move(it->second);
      }
      if (k.indexed && k.failure) {
        // A record left by a walk problem or an unavailable root at this path: the file is
        // back, so the record goes (its own outcome may record a new one).
        writer_->clear_failure(f.path);
        k.failure.reset();
      }
      const bool recognize_again = rerecognize_ && k.indexed && !k.recognized;
      if (recognize_again) k.hash.clear();  // forces re-extraction
      if (!recognize_again && k.indexed && k.size == f.size && k.mtime_ns == f.mtime_ns) {
        ++summary_.unchanged;
        notify(IndexEvent::Kind::kProgress, f.path, "", ++done_);
        continue;
      }
      // An image-only PDF that failed as no-text is tried again once OCR can read it.
      const bool ocr_may_read = k.failure && k.failure->kind == "no-text" &&
                                options_.ocr.mode != OcrMode::kNever && !ocr_unavailable();
      // So is a file that failed because the PDF or HTML module could not be loaded.
      const bool module_missing = k.failure && is_module_unavailable(k.failure->kind);
      if (!k.indexed && k.failure && k.failure->size == f.size &&
          k.failure->mtime_ns == f.mtime_ns && !ocr_may_read && !module_missing) {
        ++summary_.failed;
        ++done_;
        notify(IndexEvent::Kind::kFailed, f.path,
               problem_text(FileProblem{k.failure->kind, k.failure->message}) +
                   " (unchanged since it failed)",
               done_);
        continue;
      }
      jobs.push_back(Job{f, std::move(k)});
    }
    return jobs;
  }

  // Writes one worker's result.
  void write(Outcome& o) {
    const FoundFile& f = *o.file;
    if (o.kind == Outcome::Kind::kPart) {  // the file's own outcome comes later
      writer_->add(std::move(*o.doc));
      return;
    }
    summary_.ocr_pages += o.ocr_read + o.ocr_cached;
    summary_.ocr_cached += o.ocr_cached;
    summary_.ocr_skipped += o.ocr_skipped;
    if (!o.ocr_skip_reason.empty()) ocr_skip_reason_ = o.ocr_skip_reason;
    for (const std::string& w : o.warnings) notify(IndexEvent::Kind::kWarning, f.path, w, 0);
    switch (o.kind) {
      case Outcome::Kind::kCancelled:
        return;  // workers do not hand these in
      case Outcome::Kind::kIndexed:
        // A new file cannot have a document yet (looked up under the write lock): add it
        // directly, which spares the unique-term lookup.
        if (o.was_indexed)
          writer_->replace(f.path, std::move(*o.doc));
        else
          writer_->add(std::move(*o.doc));
        if (o.had_failure) writer_->clear_failure(f.path);
        summary_.bytes += f.size;
        ++(o.was_indexed ? summary_.updated : summary_.added);
        break;
      case Outcome::Kind::kTouched:
        writer_->touch(f.path, f.mtime_ns);  // same content, new mtime
        ++summary_.unchanged;
        break;
      case Outcome::Kind::kPart:
        break;  // written above
      case Outcome::Kind::kSkipped:
        ++summary_.skipped;
        if (o.was_indexed || o.parts > 0) writer_->remove(f.path);
        break;
      case Outcome::Kind::kFailed:
        ++summary_.failed;
        // A missing module is the installation's problem: the document stays as it was.
        if ((o.was_indexed || o.parts > 0) && !is_module_unavailable(o.problem.kind))
          writer_->remove(f.path);
        writer_->record_failure(
            f.path, RecordedFailure{o.problem.kind, o.problem.message, f.size, f.mtime_ns});
        notify(IndexEvent::Kind::kFailed, f.path, problem_text(o.problem), done_ + 1);
        break;
    }
    ++done_;
    notify(IndexEvent::Kind::kProgress, f.path, "", done_);
  }

  // Workers extract; this thread writes and commits. Commits go by count, by text size, and
  // by time: the writer waits for results only until the commit interval has passed, so
  // finished work is committed even while every worker is busy with a long file.
  // A cancel is noticed within kCancelPoll; the workers then stop at their next page, and have
  // kStopGrace to hand in what they finished (recognition also stops between pages). One still
  // busy after that (inside libxml2's parse of a huge HTML file, or one huge unpaged page) is
  // left behind, holding its share of the pool, and the run goes on to commit and return.
  void extract_and_write(std::vector<Job> jobs, Gazetteer gazetteer) {
    if (jobs.empty()) return;  // a run with nothing to read starts no thread
    constexpr auto kCancelPoll = std::chrono::milliseconds(100);
    constexpr auto kStopGrace = std::chrono::milliseconds(1000);
    unsigned nthreads = options_.threads ? options_.threads : std::thread::hardware_concurrency();
    if (nthreads == 0) nthreads = 2;
    nthreads = std::min<unsigned>(nthreads, std::max<size_t>(jobs.size(), 1));
    auto pool = std::make_shared<WorkerPool>(std::move(jobs), options_.max_file_size,
                                             std::move(gazetteer), options_.ocr, nthreads,
                                             PartLimits{options_.split_bytes, options_.part_bytes});
    pool->compression = writer_->record_compression();
    if (cancelled()) pool->stop = true;
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < nthreads; ++t) workers.emplace_back(work, pool);

    CommitPolicy policy(options_);
    auto commit = [&] {
      writer_->commit();
      policy.committed();
    };
    std::optional<Clock::time_point> give_up;  // set once cancelled
    bool abandoned = false;
    using Popped = util::BoundedQueue<Outcome>::PopResult;
    Outcome o;
    try {
      for (;;) {
        const auto now = Clock::now();
        if (!give_up && cancelled()) {
          pool->stop = true;
          give_up = now + kStopGrace;
        }
        if (give_up && now >= *give_up) {
          abandoned = true;
          break;
        }
        auto deadline = policy.deadline();
        if (options_.cancel) deadline = std::min(deadline, now + kCancelPoll);
        if (give_up) deadline = std::min(deadline, *give_up);
        const Popped popped = pool->queue.pop_until(&o, deadline);
        if (popped == Popped::kDone) break;
        if (popped == Popped::kTimeout) {
          if (policy.due()) commit();
          continue;
        }
        write(o);
        policy.wrote(o.text_bytes);
        o = Outcome();
        if (policy.batch_full()) commit();
      }
    } catch (...) {
      pool->stop = true;
      pool->queue.close();  // a worker waiting to hand in a result gives up
      for (std::thread& w : workers) w.join();
      throw;
    }
    pool->stop = true;
    pool->queue.close();
    for (std::thread& w : workers) {
      if (abandoned)
        w.detach();  // it owns its share of the pool; see above
      else
        w.join();
    }
    std::lock_guard lock(pool->error_mu);
    if (pool->error) {
      writer_->commit();  // keep what was written; the run itself is fatal
      std::rethrow_exception(pool->error);
    }
  }

  // Removes documents and failure records of files gone from under the roots walked (not
  // after an interrupted run: files not reached yet would look gone; never under a root or
  // folder that could not be read: its files may all still be there).
  void remove_vanished() {
    if (summary_.interrupted) return;
    for (const RootState& r : walked_.roots) {
      const bool unavailable = std::any_of(unavailable_.begin(), unavailable_.end(),
                                           [&](const Unavailable& u) { return u.path == r.path; });
      if (r.state != RootState::State::kWalked || unavailable) continue;
      // walked_.files is sorted by path, without repeats (walk()).
      const auto present = [&](const std::string& path) {
        const auto it = std::lower_bound(
            walked_.files.begin(), walked_.files.end(), path,
            [](const FoundFile& f, const std::string& p) { return f.path < p; });
        return it != walked_.files.end() && it->path == path;
      };
      summary_.removed += writer_->remove_absent(r.path, present, failed_in_walk_, keep_under_);
    }
  }

  void finish(const GazetteerSetup& g) {
    writer_->set_metadata(schema::kMetaSchemaVersion, schema::kSchemaVersion);
    std::vector<std::string> root_paths;
    for (const RootState& r : walked_.roots) root_paths.push_back(r.path);
    writer_->set_metadata(schema::kMetaRoots,
                          merged_roots(writer_->metadata(schema::kMetaRoots), root_paths));
    if (!summary_.interrupted) {
      // Files left as an older pipeline or gazetteer recognized them: under roots not given
      // or not available, under folders that could not be read, of a module not loaded.
      const uint64_t left = rerecognize_ ? writer_->files_recognized_otherwise() : 0;
      record_gazetteer(g, left);
      if (left > 0)
        summary_.notices.push_back(
            {absolute_path(options_.db_path), "recognized-before",
             std::to_string(left) +
                 (left == 1 ? " document not read again keeps what an older pipeline or "
                              "gazetteer recognized in it: a run over its root, once it can be "
                              "read, reads it again"
                            : " documents not read again keep what an older pipeline or "
                              "gazetteer recognized in them: a run over their roots, once they "
                              "can be read, reads them again")});
    }
    RunRecord run;
    run.finished = utc_now();
    run.seconds = std::chrono::duration<double>(Clock::now() - started_).count();
    run.added = summary_.added;
    run.updated = summary_.updated;
    run.unchanged = summary_.unchanged;
    run.removed = summary_.removed;
    run.failed = summary_.failed;
    run.skipped = summary_.skipped;
    run.files = summary_.total;
    run.interrupted = summary_.interrupted;
    // A run that changed nothing commits nothing (a commit syncs every table: most of what
    // a re-run over unchanged files would cost beyond the walk): its record goes beside the
    // database (store/run_record.h). A run that wrote documents records itself with them and commits twice, as ever: its
    // changes, then the totals of what was committed (IndexWriter::record_totals()).
    if (const uint64_t written = summary_.added + summary_.updated + summary_.removed; written > 0) {
      writer_->set_metadata(schema::kMetaWrittenSinceCompaction,
                            std::to_string(written_since_compaction() + written));
      writer_->set_metadata(schema::kMetaLastRun, encode_run(run));
      writer_->commit();
      writer_->record_totals();
      writer_->commit();
      remove_run_beside(writer_->path());  // older now: readers need not weigh it
      return;
    }
    // Otherwise it may have changed nothing at all (its record then goes beside the
    // database), or only metadata (failures, the gazetteer): a third commit records it.
    writer_->commit();
    writer_->record_totals();
    writer_->commit();
    if (writer_->revision() == opened_revision_ && write_run_beside(writer_->path(), run)) return;
    writer_->set_metadata(schema::kMetaLastRun, encode_run(run));
    writer_->commit();
    remove_run_beside(writer_->path());  // older now: readers need not weigh it
  }

  uint64_t written_since_compaction() const {
    return std::strtoull(writer_->metadata(schema::kMetaWrittenSinceCompaction).c_str(), nullptr, 10);
  }

  // The database compacted as IndexOptions::compaction says, after finish(): the writer is
  // closed then.
  void compact_when_due() {
    using Mode = IndexOptions::Compaction;
    if (summary_.interrupted || options_.compaction == Mode::kNever) return;
    const uint64_t written = written_since_compaction();
    if (options_.compaction == Mode::kAuto &&
        (written == 0 || written * 5 < writer_->document_count()))
      return;
    writer_->set_metadata(schema::kMetaWrittenSinceCompaction, "");
    writer_->commit();
    notify(IndexEvent::Kind::kProgress, "compacting the database", "", done_);
    const Clock::time_point start = Clock::now();
    const IndexWriter::Compaction c = writer_->compact();
    if (!c.error.empty()) {
      const std::string message = "not compacted, left as it was: " + c.error;
      summary_.notices.push_back({absolute_path(options_.db_path), "compaction-failed", message});
      notify(IndexEvent::Kind::kWarning, absolute_path(options_.db_path), message, done_);
      return;
    }
    summary_.compacted = IndexSummary::Compacted{
        c.bytes_before, c.bytes_after,
        std::chrono::duration<double>(Clock::now() - start).count()};
  }

  const IndexOptions& options_;
  const IndexObserver& observer_;
  uint64_t opened_revision_ = 0;  // the database's when this run opened it
  const Clock::time_point started_ = Clock::now();
  const std::string pipeline_ = schema::pipeline_tag();
  IndexSummary summary_;
  std::string ocr_skip_reason_;  // why pages were left unread by OCR, when some were
  std::unique_ptr<IndexWriter> writer_;
  WalkResult walked_;
  std::vector<Unavailable> unavailable_;
  bool rerecognize_ = false;
  size_t done_ = 0;                                    // files settled so far
  std::unordered_set<std::string> failed_in_walk_;  // roots and paths the walk could not read
  std::vector<std::string> keep_under_;                // folders whose documents must be kept
};

}  // namespace

std::optional<uint64_t> parse_max_size_mib(const std::string& text, std::string* error) {
  const std::string range = "from 1 to " + std::to_string(kMaxFileSizeMiBLimit);
  const std::string_view digits = util::trim(text);
  const bool negative = !digits.empty() && digits.front() == '-';
  const std::string_view magnitude = negative ? digits.substr(1) : digits;
  if (magnitude.empty() || !std::all_of(magnitude.begin(), magnitude.end(),
                                        [](char c) { return c >= '0' && c <= '9'; })) {
    *error = "--max-size must be a whole number of MiB " + range + ", not '" + text + "'";
    return std::nullopt;
  }
  // Compared as digit strings, so values past 2^64 cannot wrap around into range.
  const size_t first = std::min(magnitude.find_first_not_of('0'), magnitude.size());
  const std::string_view value = magnitude.substr(first);
  const std::string limit = std::to_string(kMaxFileSizeMiBLimit);
  const bool too_big =
      value.size() > limit.size() || (value.size() == limit.size() && value > limit);
  if (negative || value.empty() || too_big) {
    *error = "--max-size " + text + " is out of range: give a whole number of MiB " + range;
    return std::nullopt;
  }
  return std::stoull(std::string(value)) << 20;
}

IndexSummary run_index(const IndexOptions& options, const IndexObserver& observer) {
  try {
    return IndexRun(options, observer).run();
  } catch (const IndexWriterError& e) {
    throw IndexError(e.what());
  }
}

}  // namespace concord
