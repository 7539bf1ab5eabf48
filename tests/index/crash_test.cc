// The index stays consistent when the indexer is killed or interrupted mid-run.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "search/search.h"
#include "support.h"

namespace fs = std::filesystem;
using concord::test::TempDir;

namespace {

const std::string kIndex = CONCORD_INDEX_BIN;

// Writes `n` text files of a few KiB each.
void make_archive(const TempDir& dir, int n) {
  std::string body;
  for (int w = 0; w < 600; ++w) body += "cooperative solidarity economy word" + std::to_string(w % 97) + " ";
  for (int i = 0; i < n; ++i)
    dir.write("big/d" + std::to_string(i / 100) + "/f" + std::to_string(i) + ".txt",
              "Title: File " + std::to_string(i) + "\n\nuniqueword" + std::to_string(i) + " " + body + "\n");
}

// Starts the indexer with a small commit batch; returns its pid.
pid_t start_indexer(const std::string& db, const std::string& root) {
  const pid_t pid = fork();
  if (pid == 0) {
    execl(kIndex.c_str(), kIndex.c_str(), "--quiet", "--commit-every", "100", "--db", db.c_str(), root.c_str(),
          nullptr);
    _exit(127);
  }
  return pid;
}

// Waits until the database has at least one committed document (or the process ended).
void wait_for_first_commit(const std::string& db, pid_t pid) {
  for (int i = 0; i < 2000; ++i) {
    int status;
    if (waitpid(pid, &status, WNOHANG) == pid) return;
    try {
      if (concord::stats(db).documents > 0) return;
    } catch (const std::exception&) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

constexpr int kFiles = 3000;

// An archive of kFiles files and an indexer run on it that gets `signal` after its first
// commit; returns the indexer's wait status.
struct SignalledRun {
  TempDir dir;
  std::string db = dir.str() + "/db";
  std::string root = dir.str() + "/big";
  int status = 0;

  explicit SignalledRun(int signal) {
    make_archive(dir, kFiles);
    const pid_t pid = start_indexer(db, root);
    wait_for_first_commit(db, pid);
    kill(pid, signal);
    waitpid(pid, &status, 0);
  }
};

}  // namespace

TEST_CASE("a killed indexer leaves a consistent index that the next run completes", "[index][crash]") {
  SignalledRun run(SIGKILL);
  const std::string& db = run.db;
  const int n = kFiles;
  // Whatever was committed is readable and searchable.
  const uint64_t committed = concord::stats(db).documents;
  CHECK(committed < static_cast<uint64_t>(n));  // killed before the end
  concord::SearchOptions o;
  o.db_path = db;
  o.query = "cooperative";
  CHECK(concord::search(o).total == committed);
  // The next run finishes the job.
  const auto r = concord::test::run({kIndex, "--json", "--db", db, run.root});
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j.at("added").get<uint64_t>() + j.at("unchanged").get<uint64_t>() == static_cast<uint64_t>(n));
  CHECK(concord::stats(db).documents == static_cast<uint64_t>(n));
  o.query = "uniqueword2999";
  CHECK(concord::search(o).total == 1);
}

TEST_CASE("SIGINT commits what was indexed and exits 130", "[index][crash]") {
  SignalledRun run(SIGINT);
  const std::string& db = run.db;
  const int status = run.status;
  REQUIRE(WIFEXITED(status));
  if (WEXITSTATUS(status) == 0) {
    WARN("the indexer finished before the interrupt arrived");
    return;
  }
  CHECK(WEXITSTATUS(status) == 130);
  const uint64_t committed = concord::stats(db).documents;
  CHECK(committed > 0);
  const auto r = concord::test::run({kIndex, "--json", "--db", db, run.root});
  REQUIRE(r.exit_code == 0);
  CHECK(nlohmann::json::parse(r.out).at("unchanged").get<uint64_t>() == committed);
  CHECK(concord::stats(db).documents == static_cast<uint64_t>(kFiles));
}
