// concord-index: builds and updates a Concord index from files and folders.
#include <signal.h>
#include <unistd.h>

#include <atomic>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sys/ioctl.h>

#include "index/indexer.h"
#include "ocr/ocr.h"
#include "output/render.h"
#include "util/db_path.h"
#include "util/escape.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFatal = 1;
constexpr int kExitUsage = 2;
constexpr int kExitSomeFailed = 3;
constexpr int kExitInterrupted = 130;

// Set by SIGINT/SIGTERM; the indexer commits what it has and stops.
std::atomic<bool> g_interrupted{false};

void on_signal(int) { g_interrupted = true; }

const char* kExamples = R"(
Examples:
  concord-index corpus/                     index a folder into ./concord.db
  concord-index --db /srv/archive.db a/ b/  index two folders into one database
  CONCORD_DB=/srv/archive.db concord-index notes/2023/
  concord-index --json corpus/ | jq .failed
  concord-index --purge-missing /mnt/old/   drop the documents of a folder that is gone
  concord-index --exclude README.md --exclude 'drafts/' corpus/

Exclusions: --exclude GLOB (repeatable) and a .concordignore file in any indexed folder,
both in gitignore syntax: "*.tmp" or "README.md" match a name at any depth, "/old" or
"minutes/2019/*.pdf" are anchored at the folder (the .concordignore's, or each given
folder for --exclude), "**" spans folders, "scans/" matches folders only, and in a
.concordignore "!name" includes again what an earlier line excluded. --exclude wins over
every .concordignore. A document whose file is now excluded is removed, and the summary
names it. Hidden files and folders (.name) are never indexed.

Re-running updates the index: unchanged files are skipped, changed ones replaced, and
documents of files deleted from under the given folders removed. A given folder that is
missing, unreadable, or empty while the index holds documents from it (an unmounted
disk) is never emptied: it is reported, its documents are kept and the run exits 3;
--purge-missing removes them instead. A missing PATH the database has never held is a
usage error.

Symbolic links: a linked file is indexed under the link's path when its target lies
inside the given folders; a link to a file outside them (notes.txt -> /etc/passwd) is
skipped and reported, unless --follow-links. Linked folders are never followed. Files are
opened without blocking, and anything that is not a regular file when it is read (a FIFO
or device put in a file's place) fails; no file is read past --max-size.

Scanned PDFs: pages without a text layer are read with Tesseract (Debian packages
tesseract-ocr-eng, -fra, -spa) at 300 dpi, in the document's language (English, French and
Spanish together when unknown), one page per worker thread; results are cached by file
content and page, so re-runs, a new gazetteer or a new Concord do not read them again.
Pages read so are marked (OCR) by concord-query and the web page. Without Tesseract's data
they are left unread and the summary says so.

Paths are printed with control characters escaped as \xHH.

Exit status: 0 all indexed; 3 finished but some files failed, or a given folder was
missing, unreadable or empty and its documents were kept (all listed by concord-query
failures); 2 bad arguments (also a missing PATH the database never held); 1 fatal error
(e.g. the database is locked by another indexer); 130 interrupted (Ctrl-C): what was
indexed is committed, run again to finish.
)";

// Progress line on a terminal: files done/total, rate, current file; at most 10 updates/s.
class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled) {}
  void update(size_t done, size_t total, const std::string& path) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (done != total && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    const double secs = std::chrono::duration<double>(now - start_).count();
    char head[96];
    std::snprintf(head, sizeof head, "[%zu/%zu] %.0f files/s ", done, total, secs > 0 ? done / secs : 0.0);
    const std::string shown = concord::util::escape_controls(path);
    std::string line = head + shown;
    const size_t width = terminal_width();
    if (line.size() > width - 1)
      line = std::string(head) + "…" +
             shown.substr(shown.size() - std::min(shown.size(), width - 2 - std::string(head).size()));
    std::fprintf(stderr, "\r\033[K%s", line.c_str());
    shown_ = true;
  }
  void clear() {
    if (shown_) std::fprintf(stderr, "\r\033[K");
    shown_ = false;
  }

 private:
  static size_t terminal_width() {
    winsize ws{};
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20) return ws.ws_col;
    return 80;
  }
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace

int main(int argc, char** argv) {
  concord::set_ocr_environment();  // before any thread exists
  CLI::App app{"concord-index: index PDF, HTML and text files into a Concord (Xapian) database."};
  app.footer(kExamples);
  concord::IndexOptions options;
  bool quiet = false, json = false;
  std::string max_mib = std::to_string(options.max_file_size >> 20);
  std::string ocr_mode = "auto";
  options.ocr.cache_dir = concord::default_ocr_cache();
  uint64_t ocr_cache_mib = options.ocr.cache_limit >> 20;
  app.add_option("--db", options.db_path, "database folder (default: $CONCORD_DB, else ./concord.db)");
  app.add_flag("-q,--quiet", quiet, "no progress line and no summary (errors are still reported)");
  app.add_flag("--json", json, "print the summary as JSON on stdout");
  app.add_option("-j,--threads", options.threads, "extraction threads (default: one per core)");
  app.add_option("--max-size", max_mib,
                 "files larger than this many MiB fail as too-large; a whole number from 1 to " +
                     std::to_string(concord::kMaxFileSizeMiBLimit))
      ->type_name("MIB")
      ->capture_default_str();
  app.add_flag("--purge-missing", options.purge_missing,
               "remove the documents of a given folder that is missing, unreadable or empty "
               "(default: keep them, report it and exit 3)");
  app.add_flag("--follow-links", options.follow_links,
               "index symlinked files whose target is outside the given folders (default: skip "
               "and report them)");
  app.add_option("--commit-every", options.batch_docs,
                 "commit after this many changed files (also every --commit-interval seconds and "
                 "every 128 MiB of text)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--commit-interval", options.batch_seconds,
                 "commit at least this often, in seconds, while there is work to commit, even "
                 "while every worker is busy with a long file (a kill loses at most this much)")
      ->type_name("SECONDS")
      ->capture_default_str()
      ->check(CLI::Range(0.1, 3600.0));
  std::string compact_mode = "auto";
  app.add_option("--compact", compact_mode,
                 "compact the database at the end of the run (about a fifth smaller): auto, "
                 "once the files written since it was last compacted reach a fifth of those it "
                 "holds; always; never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  app.add_option("--gazetteer", options.gazetteers, "extra gazetteer file (repeatable)")
      ->check(CLI::ExistingFile)
      ->allow_extra_args(false);
  app.add_option("--exclude", options.excludes,
                 "leave out files and folders matching GLOB (repeatable; gitignore syntax, see below)")
      ->type_name("GLOB")
      ->allow_extra_args(false);
  app.add_option("--ocr", ocr_mode,
                 "read PDF pages without a text layer with Tesseract: auto (when its English, "
                 "French and Spanish data are installed), always (every PDF page, replacing its "
                 "text layer when OCR finds more) or never")
      ->type_name("MODE")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  app.add_option("--ocr-cache", options.ocr.cache_dir,
                 "folder of OCR results, by file content and page, so no page is read twice "
                 "(default: $CONCORD_OCR_CACHE, else $XDG_CACHE_HOME/concord/ocr, else "
                 "~/.cache/concord/ocr; '' for none)")
      ->type_name("DIR");
  app.add_option("--ocr-cache-size", ocr_cache_mib,
                 "trim the OCR cache to this many MiB after a run (least recently used first)")
      ->type_name("MIB")
      ->capture_default_str()
      ->check(CLI::Range(uint64_t{1}, uint64_t{1} << 30));
  app.add_option("--ocr-seconds", options.ocr.page_seconds,
                 "time limit of OCR for one page; a page over it stays unread (a warning)")
      ->type_name("SECONDS")
      ->capture_default_str()
      ->check(CLI::Range(1.0, 3600.0));
  app.add_option("PATH", options.roots, "files and folders to index")->required();
  app.set_version_flag("-V,--version", std::string(CONCORD_VERSION));
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return kExitOk;
  } catch (const CLI::CallForVersion&) {
    std::cout << "concord-index " << CONCORD_VERSION << "\n";
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    std::cerr << "concord-index: " << concord::util::escape_controls(e.what())
              << "\nRun 'concord-index --help' for usage.\n";
    return kExitUsage;
  }
  options.db_path = concord::util::database_path(options.db_path);
  options.ocr.mode = *concord::parse_ocr_mode(ocr_mode);
  using Compaction = concord::IndexOptions::Compaction;
  options.compaction = compact_mode == "always"  ? Compaction::kAlways
                       : compact_mode == "never" ? Compaction::kNever
                                                 : Compaction::kAuto;
  options.ocr.cache_limit = ocr_cache_mib << 20;
  std::string max_size_error;
  if (auto bytes = concord::parse_max_size_mib(max_mib, &max_size_error)) {
    options.max_file_size = *bytes;
  } else {
    std::cerr << "concord-index: " << concord::util::escape_controls(max_size_error)
              << "\nRun 'concord-index --help' for usage.\n";
    return kExitUsage;
  }

  options.cancel = &g_interrupted;
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);

  Progress progress(!quiet && isatty(STDERR_FILENO));
  auto observer = [&](const concord::IndexEvent& e) {
    using Kind = concord::IndexEvent::Kind;
    if (e.kind == Kind::kProgress) return progress.update(e.done, e.total, e.path);
    progress.clear();
    const char* label = e.kind == Kind::kWarning ? "warning: " : "";
    const std::string middle = e.kind == Kind::kSkipped ? "skipped: " : "";
    std::fprintf(stderr, "concord-index: %s%s: %s%s\n", label, concord::util::escape_controls(e.path).c_str(),
                 middle.c_str(), concord::util::escape_controls(e.reason).c_str());
  };
  try {
    const concord::IndexSummary summary = concord::run_index(options, observer);
    progress.clear();
    if (json) std::cout << concord::render_index_summary_json(summary, options.db_path);
    else if (!quiet) std::cout << concord::render_index_summary_text(summary);
    if (summary.interrupted) {
      std::cerr << "concord-index: interrupted; the files indexed so far are committed, run again to finish\n";
      // A worker may still be inside one long document (run_index() left it behind, see
      // indexer.h): end now, without running static destructors under it.
      std::cout.flush();
      std::fflush(nullptr);
      std::_Exit(kExitInterrupted);
    }
    return summary.failed ? kExitSomeFailed : kExitOk;
  } catch (const concord::IndexUsageError& e) {
    progress.clear();
    std::cerr << "concord-index: " << concord::util::escape_controls(e.what())
              << "\nRun 'concord-index --help' for usage.\n";
    return kExitUsage;
  } catch (const std::exception& e) {
    progress.clear();
    std::cerr << "concord-index: " << concord::util::escape_controls(e.what()) << "\n";
    return kExitFatal;
  }
}
