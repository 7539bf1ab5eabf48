// Test helpers: temporary folders, file writing, running the real programs.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace concord::test {

// A fresh folder under the system temp dir, removed (recursively) on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }
  // Writes `bytes` to path()/relative (creating folders); returns the full path.
  std::string write(const std::string& relative, std::string_view bytes) const;

 private:
  std::filesystem::path path_;
};

std::string read_file(const std::string& path);

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs argv (no shell) with stdin from /dev/null and captures stdout and stderr.
RunResult run(const std::vector<std::string>& argv);

// File names (not paths) of the documents matching `query` in the database at `db`, sorted
// (at most 100).
std::vector<std::string> hit_names(const std::string& db, const std::string& query);

// About `bytes` of English prose without form feeds, in lines of twelve words, with a
// mention (the ILO, A/RES/77/281) every twenty lines: seconds of work for the indexer.
std::string long_prose(size_t bytes);

// Path of a file in the source tree, e.g. source_path("corpus").
std::string source_path(const std::string& relative);

// Copies the source tree's corpus/ into `dest`.
void copy_corpus(const std::string& dest);

// Installs `program` (a binary of this build) under `prefix` as an installation lays it out:
// PREFIX/bin/NAME, and the build's modules in PREFIX/LIBDIR/concord, but the module file named
// `leave_out`. Returns the installed program's path; `*module_dir` gets the modules' folder.
std::string install_program(const std::string& prefix, const std::string& program,
                            const std::string& leave_out = "", std::string* module_dir = nullptr);

// What the dynamic loader would load for `program`, listed without running it (what ldd does).
std::string needed_objects(const std::string& program);

// Makes a small multi-page PDF with the given page texts (one line per '\n'), with title
// and creation date set; optionally encrypted with a user password. Written with a minimal
// hand-assembled PDF writer (see support.cc), so tests need no generator package.
std::string make_pdf(const std::vector<std::string>& pages, const std::string& title = "",
                     const std::string& date_yyyymmdd = "");

// An image-only ("scanned") PDF: each page typeset as make_pdf() does, rendered by poppler
// at `dpi` in grey, with a fraction `noise` of its pixels turned black or white (the same
// every time), and embedded as the page's only content, a Flate-compressed image. Pages
// whose 0-based index is in `text_pages` keep their text layer instead (a mixed PDF).
std::string make_scanned_pdf(const std::vector<std::string>& pages, int dpi, double noise = 0,
                             const std::vector<size_t>& text_pages = {});

// A PDF file from its objects (objects[0] unused; object N is objects[N]; 1 is the
// catalog), with the cross-reference table computed; `info` is the Info reference or "".
std::string assemble_pdf(const std::vector<std::string>& objects, const std::string& info);

// Writes `bytes` over `file` at `offset`, keeping its size (damage for the fault tests);
// throws std::runtime_error when it cannot.
void overwrite(const std::string& file, uint64_t offset, const std::string& bytes);

// `n` bytes of noise, the same for the same seed.
std::string noise(size_t n, unsigned seed);

// Every concord-query command that reads the database, with arguments that make it read much
// of it; `doc` is an indexed document's path (for `show`).
std::vector<std::vector<std::string>> reading_commands(const std::string& doc);

// A child process (argv[0] a path; stdout and stderr to `out_file`), stopped (SIGTERM, then
// SIGKILL after 5 s) and reaped when this goes out of scope.
class Child {
 public:
  Child(const std::vector<std::string>& args, const std::string& out_file);
  ~Child();
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

 private:
  int pid_ = -1;
};

// A loopback TCP port free at the time of the call.
int free_port();

// Waits up to `seconds` until something accepts TCP connections on the loopback `port`.
bool wait_for_port(int port, double seconds = 15);

// A loopback TCP relay in front of the server at `target_port` that counts round trips: the
// times a client speaks after the server has (or first), over every connection. Xapian's
// remote protocol mostly waits for each reply before the next request; requests sent back to
// back count once, so the count is at most the requests; it also counts the bytes the server
// sends. One thread serves every connection.
// Listens from construction; stops, closing every connection, when destroyed.
class CountingRelay {
 public:
  explicit CountingRelay(int target_port);
  ~CountingRelay();
  CountingRelay(const CountingRelay&) = delete;
  CountingRelay& operator=(const CountingRelay&) = delete;

  int port() const { return port_; }
  uint64_t requests() const { return requests_.load(); }
  uint64_t replied_bytes() const { return replied_bytes_.load(); }  // from the server

 private:
  void serve();
  int target_port_;
  int port_ = 0;
  int listener_ = -1;
  int stop_[2] = {-1, -1};  // a pipe: written to stop serve()
  std::atomic<uint64_t> requests_{0};
  std::atomic<uint64_t> replied_bytes_{0};
  std::thread thread_;
};

}  // namespace concord::test

#define CONCORD_INDEX_PROGRAM CONCORD_INDEX_BIN
#define CONCORD_QUERY_PROGRAM CONCORD_QUERY_BIN
