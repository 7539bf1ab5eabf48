// The index stays consistent when the indexer is killed or interrupted mid-run.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <functional>
#include <thread>
#include <vector>

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

// Starts the indexer on `root` with `options` (default: a small commit batch); returns its pid.
pid_t start_indexer(const std::string& db, const std::string& root,
                    const std::vector<std::string>& options = {"--commit-every", "100"}) {
  std::vector<std::string> args = {kIndex, "--quiet", "--db", db};
  args.insert(args.end(), options.begin(), options.end());
  args.push_back(root);
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    execv(kIndex.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

// Documents committed in `db`; 0 while it cannot be read (not created yet, being committed).
uint64_t committed_documents(const std::string& db) {
  try {
    return concord::stats(db).documents;
  } catch (const std::exception&) {
    return 0;
  }
}

// Waits until the database has at least one committed document (or the process ended).
void wait_for_first_commit(const std::string& db, pid_t pid) {
  for (int i = 0; i < 2000; ++i) {
    int status;
    if (waitpid(pid, &status, WNOHANG) == pid) return;
    if (committed_documents(db) > 0) return;
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

TEST_CASE("a kill -9 while a worker is busy with a long file keeps the files finished before it",
          "[index][crash]") {
  // One worker takes the long file (first in path order) for seconds; the other finishes the
  // small files at once. They must be committed on time, while no result arrives.
  TempDir dir;
  const std::string root = dir.str() + "/r";
  const std::string db = dir.str() + "/db";
  dir.write("r/a_long.txt", concord::test::long_prose(40u << 20));
  constexpr int kSmall = 200;
  for (int i = 0; i < kSmall; ++i)
    dir.write("r/small/s" + std::to_string(i) + ".txt",
              "Note " + std::to_string(i) + " on mutuals.\n");
  const pid_t pid = start_indexer(db, root, {"-j", "2", "--commit-interval", "0.5"});
  bool committed = false, running = false;
  for (int i = 0; i < 400 && !committed; ++i) {  // a hang guard of 20 s
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    committed = committed_documents(db) == kSmall;
    int status;
    running = waitpid(pid, &status, WNOHANG) == 0;
    if (!running) break;
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  REQUIRE(committed);
  CHECK(running);  // the long file was still being worked on
  CHECK(concord::stats(db).documents == kSmall);
  CHECK(concord::test::hit_names(db, "mutuals").size() == 100);  // hit_names stops at 100
  CHECK(concord::test::hit_names(db, "cooperative").empty());
  // The next run (without the long file) finds them all there.
  fs::remove(root + "/a_long.txt");
  const auto r = concord::test::run({kIndex, "--json", "--db", db, root});
  REQUIRE(r.exit_code == 0);
  CHECK(nlohmann::json::parse(r.out).at("unchanged").get<int>() == kSmall);
}

TEST_CASE("SIGINT during a long file stops within seconds and keeps the finished files",
          "[index][crash]") {
  TempDir dir;
  const std::string root = dir.str() + "/r";
  const std::string db = dir.str() + "/db";
  dir.write("r/a_long.txt", concord::test::long_prose(40u << 20));
  constexpr int kSmall = 200;
  for (int i = 0; i < kSmall; ++i)
    dir.write("r/small/s" + std::to_string(i) + ".txt",
              "Note " + std::to_string(i) + " on mutuals.\n");
  const pid_t pid = start_indexer(db, root, {"-j", "2", "--commit-interval", "0.3"});
  // Once the small files are committed, the long file is what the indexer is busy with.
  bool committed = false;
  for (int i = 0; i < 400 && !committed; ++i) {  // a hang guard of 20 s
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    committed = committed_documents(db) == kSmall;
  }
  REQUIRE(committed);
  int status = 0;
  REQUIRE(waitpid(pid, &status, WNOHANG) == 0);  // still running
  kill(pid, SIGINT);
  const auto sent = std::chrono::steady_clock::now();
  bool ended = false;
  for (int i = 0; i < 600 && !ended; ++i) {  // 30 s, then it is killed
    ended = waitpid(pid, &status, WNOHANG) == pid;
    if (!ended) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - sent).count();
  if (!ended) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
  }
  REQUIRE(ended);
  CAPTURE(seconds);
  CHECK(seconds < 3);  // a hang guard, generous: the stop itself takes a fraction of a second
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 130);
  CHECK(concord::stats(db).documents == kSmall);
  CHECK(concord::test::hit_names(db, "cooperative").empty());
  fs::remove(root + "/a_long.txt");
  const auto r = concord::test::run({kIndex, "--json", "--db", db, root});
  REQUIRE(r.exit_code == 0);
  CHECK(nlohmann::json::parse(r.out).at("unchanged").get<int>() == kSmall);
}

TEST_CASE(
    "kill -9 at random moments, then a run: documents = files, no duplicate, every command answers",
    "[index][crash]") {
  TempDir dir;
  const std::string root = dir.str() + "/big";
  const std::string db = dir.str() + "/db";
  make_archive(dir, 600);
  std::random_device seed_source;
  const unsigned seed = seed_source();
  CAPTURE(seed);  // a failure names the moments it was tried with
  std::mt19937 random(seed);
  int killed = 0;  // trials that cut a run short
  // Four trials at random moments; should every run have finished before its kill (a fast
  // machine), more trials at earlier moments until one is cut short.
  for (int trial = 0; trial < 4 || (killed == 0 && trial < 12); ++trial) {
    // The first trial builds the index; each later one has edited, deleted and new files.
    if (trial > 0) {
      for (int k = 0; k < 200; ++k) {
        const int i = static_cast<int>(random() % 600);
        const std::string path =
            "big/d" + std::to_string(i / 100) + "/f" + std::to_string(i) + ".txt";
        if (k < 197)
          dir.write(path, "Title: Edited " + std::to_string(trial) + "\n\ncooperative uniqueword" +
                              std::to_string(i) + " edited\n");
        else
          fs::remove(dir.path() / path);
      }
      for (int k = 0; k < 3; ++k)
        dir.write("big/new/t" + std::to_string(trial) + "_" + std::to_string(k) + ".txt",
                  "Title: New\n\ncooperative newword\n");
    }
    const pid_t pid =
        start_indexer(db, root, {"--commit-every", "40", "--commit-interval", "0.2", "-j", "2"});
    std::this_thread::sleep_for(
        std::chrono::milliseconds(10 + random() % (trial == 0 ? 600 : trial < 4 ? 250 : 40)));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    killed += WIFSIGNALED(status);  // not if it had finished before the kill
  }
  CHECK(killed >= 1);

  const auto r = concord::test::run({kIndex, "--json", "--db", db, root});
  CAPTURE(r.err);
  REQUIRE(r.exit_code == 0);
  std::set<std::string> on_disk;
  for (const auto& entry : fs::recursive_directory_iterator(root))
    if (entry.is_regular_file()) on_disk.insert(entry.path().string());
  CHECK(concord::stats(db).documents == on_disk.size());
  concord::SearchOptions o;
  o.db_path = db;
  o.query = "cooperative";
  o.limit = on_disk.size() + 10;
  const concord::SearchResults hits = concord::search(o);
  std::multiset<std::string> indexed;
  for (const auto& hit : hits.results) indexed.insert(hit.path);
  CHECK(indexed.size() == on_disk.size());  // no path twice
  CHECK(std::set<std::string>(indexed.begin(), indexed.end()) == on_disk);
  // Every command answers.
  const std::string doc = *on_disk.begin();
  const std::vector<std::vector<std::string>> commands = concord::test::reading_commands(doc);
  for (const auto& command : commands) {
    std::vector<std::string> argv = {"timeout", "30", CONCORD_QUERY_BIN, "--db", db};
    argv.insert(argv.end(), command.begin(), command.end());
    const auto answer = concord::test::run(argv);
    CAPTURE(command[0], answer.err);
    CHECK((answer.exit_code == 0 || (command[0] == "check" && answer.exit_code == 4)));
  }
}

namespace {

// Continuations committed in `db` (a huge text stored in parts) and whether `path` has its
// head document yet; {0, false} while it cannot be read.
std::pair<uint64_t, bool> committed_parts(const std::string& db, const std::string& path) {
  try {
    const Xapian::Database x(db);
    return {x.get_termfreq("XC"), x.term_exists("Q" + path)};
  } catch (const Xapian::Error&) {
    return {0, false};
  }
}

// Polls `midway` every 10 ms (at most 30 s, a hang guard, and not after the indexer `pid`
// exited), then kills the indexer with SIGKILL and reaps it; returns whether `midway` held.
bool kill_when(pid_t pid, const std::function<bool()>& midway) {
  bool held = false;
  for (int i = 0; i < 3000 && !held; ++i) {
    held = midway();
    int status;
    if (!held && waitpid(pid, &status, WNOHANG) == pid) break;
    if (!held) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  return held;
}

// The token of `path`'s head document (slot 11: "TOKEN NUMBER FIRSTPAGE PARTS"), its parts
// count, and the continuations committed in `db` with that token and with another.
struct Continuations {
  std::string token;
  std::string parts;  // the head's PARTS field
  uint64_t of_head = 0, others = 0;
};

Continuations continuations_of(const std::string& db, const std::string& path) {
  const Xapian::Database x(db);
  Continuations out;
  const auto head = x.postlist_begin("Q" + path);
  if (head == x.postlist_end("Q" + path)) return out;
  const std::string part = x.get_document(*head).get_value(11);
  out.token = part.substr(0, part.find(' '));
  out.parts = part.substr(part.rfind(' ') + 1);
  for (auto p = x.postlist_begin("XC"); p != x.postlist_end("XC"); ++p)
    ++(x.get_document(*p).get_value(11).rfind(out.token + " ", 0) == 0 ? out.of_head : out.others);
  return out;
}

}  // namespace

TEST_CASE("a kill -9 while a huge text is stored in parts leaves none of it visible, and the next run stores it whole",
          "[index][crash]") {
  TempDir dir;
  const std::string root = dir.str() + "/r";
  const std::string db = dir.str() + "/db";
  const std::string huge = root + "/a_long.txt";
  dir.write("r/a_long.txt", concord::test::long_prose(160u << 20));
  constexpr int kSmall = 20;
  for (int i = 0; i < kSmall; ++i)
    dir.write("r/small/s" + std::to_string(i) + ".txt", "Note " + std::to_string(i) + " on mutuals.\n");
  const pid_t pid = start_indexer(db, root, {"-j", "2", "--commit-interval", "0.2"});
  // Killed once some of its continuations are committed and its head is not.
  REQUIRE(kill_when(pid, [&] {
    const auto [parts, head] = committed_parts(db, huge);
    return parts > 0 && !head;
  }));
  // The continuations without their head are not a document: not counted, not found.
  CHECK(concord::stats(db).documents == kSmall);
  CHECK(concord::test::hit_names(db, "cooperative").empty());
  CHECK(concord::test::hit_names(db, "mutuals").size() == kSmall);
  const auto entities = concord::test::run({CONCORD_QUERY_BIN, "--db", db, "entities", "--json"});
  CHECK(entities.exit_code == 0);
  // The next run stores the file, and no continuation of the killed run is left.
  const auto r = concord::test::run({kIndex, "--json", "--db", db, root});
  REQUIRE(r.exit_code == 0);
  CHECK(nlohmann::json::parse(r.out).at("added").get<int>() == 1);
  CHECK(concord::stats(db).documents == kSmall + 1);
  CHECK(concord::test::hit_names(db, "cooperative") == std::vector<std::string>{"a_long.txt"});
  const Continuations c = continuations_of(db, huge);
  REQUIRE_FALSE(c.token.empty());
  CHECK(c.others == 0);     // every continuation is of the head
  CHECK(c.of_head > 10);    // 160 MB in parts of about 2 MiB of text
  CHECK(c.parts == std::to_string(c.of_head));
}

TEST_CASE("a kill -9 while a huge text's new version is stored in parts keeps its head readable, and the next run stores the new version",
          "[index][crash]") {
  TempDir dir;
  const std::string root = dir.str() + "/r";
  const std::string db = dir.str() + "/db";
  const std::string huge = root + "/a_long.txt";
  dir.write("r/a_long.txt", concord::test::long_prose(120u << 20));
  dir.write("r/note.txt", "A note on mutuals.\n");
  REQUIRE(concord::test::run({kIndex, "--quiet", "--db", db, root}).exit_code == 0);
  const std::string old_token = continuations_of(db, huge).token;
  REQUIRE_FALSE(old_token.empty());
  dir.write("r/a_long.txt", "Title: Second edition\n\nA preface on solidarity.\n\n" +
                                concord::test::long_prose(120u << 20));
  const pid_t pid = start_indexer(db, root, {"-j", "2", "--commit-interval", "0.2"});
  // Killed once continuations of the new version are committed beside the old head.
  REQUIRE(kill_when(pid, [&] {
    try {
      const Continuations c = continuations_of(db, huge);
      return c.others > 0 && c.token == old_token;
    } catch (const Xapian::Error&) {
      return false;
    }
  }));
  // Two documents still, the old one found by its first pages, the new words nowhere.
  CHECK(concord::stats(db).documents == 2);
  CHECK(concord::test::hit_names(db, "cooperative") == std::vector<std::string>{"a_long.txt"});
  CHECK(concord::test::hit_names(db, "preface").empty());
  const auto shown = concord::test::run({CONCORD_QUERY_BIN, "--db", db, "show", huge, "--json"});
  CHECK(shown.exit_code == 0);
  // The next run stores the new version; every continuation is of it.
  const auto r = concord::test::run({kIndex, "--json", "--db", db, root});
  REQUIRE(r.exit_code == 0);
  CHECK(nlohmann::json::parse(r.out).at("updated").get<int>() == 1);
  CHECK(concord::test::hit_names(db, "preface") == std::vector<std::string>{"a_long.txt"});
  const Continuations c = continuations_of(db, huge);
  CHECK(c.token != old_token);
  CHECK(c.others == 0);  // every continuation is of the new version
  CHECK(c.of_head > 10);
}
