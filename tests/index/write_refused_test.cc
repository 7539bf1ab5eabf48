// The system refuses a write to the database: a full file system (ENOSPC, on a small tmpfs
// mounted here when the tests run as root and may mount) and the largest file a process may
// write (EFBIG, `ulimit -f`, for everyone). The run ends with one line saying what happened
// and what to do, exit 1; what was committed before is kept; a run with room completes.
#include <catch2/catch.hpp>
#include <filesystem>
#include <unistd.h>

#include "support.h"

namespace fs = std::filesystem;
using concord::test::run;
using concord::test::TempDir;

namespace {

const std::string kIndex = CONCORD_INDEX_BIN;
const std::string kQuery = CONCORD_QUERY_BIN;

// `n` text files of about 24 KB of prose each under `dir`: more than the room left.
void write_files(TempDir& temp, const std::string& dir, int n) {
  for (int i = 0; i < n; ++i)
    temp.write(dir + "/note" + std::to_string(i) + ".txt",
               "Title: Note " + std::to_string(i) + "\n\n" + concord::test::long_prose(24000));
}

size_t document_count(const std::string& db) {
  const auto r = run({kQuery, "--db", db, "stats", "--json"});
  REQUIRE(r.exit_code == 0);
  const size_t at = r.out.find("\"documents\":");
  REQUIRE(at != std::string::npos);
  return std::stoul(r.out.substr(at + 12));
}

// The refused run: one line naming the database, exit 1, no abort; then the earlier
// documents are all still there, and the same run with room adds the rest.
void check_refused(const concord::test::RunResult& r, const std::string& db,
                   const std::string& what, const std::vector<std::string>& retry) {
  CAPTURE(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("concord-index: " + what) != std::string::npos);
  CHECK(r.err.find(db) != std::string::npos);
  CHECK(r.err.find("what was committed is kept\n") != std::string::npos);
  CHECK(r.err.find("terminate") == std::string::npos);
  CHECK(r.err.find("is damaged") == std::string::npos);
  const size_t kept = document_count(db);
  CHECK(kept >= 5);  // the first run's documents
  const auto again = run(retry);
  CAPTURE(again.err);
  CHECK(again.exit_code == 0);
}

}  // namespace

TEST_CASE("a file size limit (ulimit -f) ends the run with what to do, and keeps what was committed",
          "[faults][index]") {
  TempDir temp;
  write_files(temp, "first", 5);
  write_files(temp, "more", 60);
  const std::string db = temp.str() + "/db";
  REQUIRE(run({kIndex, "--quiet", "--db", db, temp.str() + "/first"}).exit_code == 0);
  uintmax_t largest = 0;
  for (const auto& e : fs::directory_iterator(db))
    if (e.is_regular_file()) largest = std::max(largest, e.file_size());
  // Room for a few more blocks in each table file, not for 60 more documents. The shell
  // ignores SIGXFSZ so the write fails with EFBIG instead of killing the process.
  const std::string blocks = std::to_string(largest / 512 + 64);
  const auto r = run({"sh", "-c",
                      "ulimit -f " + blocks + "; trap '' XFSZ; exec timeout 60 \"$0\" --quiet --db \"$1\" \"$2\" \"$3\"",
                      kIndex, db, temp.str() + "/first", temp.str() + "/more"});
  check_refused(r, db, "database " + db + " reached the largest file this process may write",
                {kIndex, "--quiet", "--db", db, temp.str() + "/first", temp.str() + "/more"});
  CHECK(document_count(db) == 65);
}

TEST_CASE("a full file system ends the run with what to do, and keeps what was committed",
          "[faults][index]") {
  TempDir temp;
  write_files(temp, "first", 5);
  write_files(temp, "more", 60);
  const std::string mount = temp.str() + "/small";
  fs::create_directories(mount);
  if (geteuid() != 0 ||
      run({"mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount}).exit_code != 0) {
    WARN("cannot mount a small tmpfs here (needs root): the full-disk case is not run");
    return;
  }
  struct Unmount {
    std::string at;
    ~Unmount() { run({"umount", "-l", at}); }
  } unmount{mount};
  const std::string db = mount + "/db";
  REQUIRE(run({kIndex, "--quiet", "--db", db, temp.str() + "/first"}).exit_code == 0);
  const auto r = run({"timeout", "60", kIndex, "--quiet", "--db", db, temp.str() + "/first",
                      temp.str() + "/more"});
  // No room to retry on this mount: the database, copied where there is room, completes.
  const std::string moved = temp.str() + "/moved";
  check_refused(r, db, "no space left for database " + db, {"cp", "-r", db, moved});
  const auto again = run({kIndex, "--quiet", "--db", moved, temp.str() + "/first",
                          temp.str() + "/more"});
  CAPTURE(again.err);
  CHECK(again.exit_code == 0);
  CHECK(document_count(moved) == 65);
}
