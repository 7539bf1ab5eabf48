// concord-index compacts the database at the end of a run when enough was written since the
// last time (IndexOptions::Compaction): the compacted database answers as the one it
// replaces, and a kill, a folder in the way or readers at work never leave anything but one
// of the two, whole.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "search/search.h"
#include "store/schema.h"
#include "support.h"
#include "util/folder.h"

namespace fs = std::filesystem;
using concord::test::run;
using concord::test::TempDir;
using nlohmann::json;

namespace {

const std::string kIndex = CONCORD_INDEX_BIN;
const std::string kQuery = CONCORD_QUERY_BIN;

// `n` text files under dir/name/, each citing the resolution and two organizations.
void write_files(const TempDir& dir, const std::string& name, int n) {
  for (int i = 0; i < n; ++i)
    dir.write(name + "/d" + std::to_string(i / 100) + "/note-" + std::to_string(i) + ".txt",
              "Meeting note " + std::to_string(i) + " of the " + name +
                  " archive.\nThe General Assembly adopted resolution 77/281 on the social and "
                  "solidarity economy. The UNTFSSE and the ILO welcomed it; cooperative word" +
                  std::to_string(i % 53) + " and unique" + name + std::to_string(i) + ".\n");
}

// concord-index --json on `roots` with `options`; its summary (exit 0 required).
json index(const std::string& db, const std::vector<std::string>& roots,
           const std::vector<std::string>& options = {}) {
  std::vector<std::string> argv = {kIndex, "--json", "--db", db};
  argv.insert(argv.end(), options.begin(), options.end());
  argv.insert(argv.end(), roots.begin(), roots.end());
  const auto r = run(argv);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

std::string query(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {kQuery};
  argv.insert(argv.end(), args.begin(), args.end());
  const auto r = run(argv);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

std::string metadata(const std::string& db, const std::string& key) {
  return Xapian::Database(db).get_metadata(key);
}

uint64_t search_total(const std::string& db, const std::string& words) {
  concord::SearchOptions o;
  o.db_path = db;
  o.query = words;
  return concord::search(o).total;
}

}  // namespace

TEST_CASE("a first run compacts the database: smaller, the same answers, document ids kept",
          "[index][compaction]") {
  TempDir dir;
  write_files(dir, "a", 600);
  const std::string plain = dir.str() + "/plain", compacted = dir.str() + "/compacted";
  const json p = index(plain, {dir.str() + "/a"}, {"--compact", "never"});
  CHECK(p.at("compacted").is_null());
  const json c = index(compacted, {dir.str() + "/a"});
  REQUIRE(c.at("compacted").is_object());
  const uint64_t before = c["compacted"]["bytes_before"], after = c["compacted"]["bytes_after"];
  CHECK(after < before);
  CHECK(after == concord::util::folder_bytes(compacted));
  CHECK(concord::util::folder_bytes(compacted) < concord::util::folder_bytes(plain));
  CHECK_FALSE(fs::exists(compacted + ".concord-compacting"));

  // The same answers, and the same documents under the same ids.
  for (const std::vector<std::string>& command :
       {std::vector<std::string>{"mentions", "A/RES/77/281", "--csv"},
        {"mentions", "UNTFSSE", "--csv"},
        {"search", "cooperative word7", "--limit", "50"},
        {"xref", "ILO"},
        {"--json", "stats"}}) {
    CAPTURE(command);
    std::vector<std::string> a = {"--color", "never", "--db", plain}, b = {"--color", "never", "--db", compacted};
    a.insert(a.end(), command.begin(), command.end());
    b.insert(b.end(), command.begin(), command.end());
    std::string from_plain = query(a), from_compacted = query(b);
    if (command.back() == "stats") {  // the database's own path and size differ
      json x = json::parse(from_plain), y = json::parse(from_compacted);
      for (json* j : {&x, &y}) {
        j->erase("database");
        j->erase("db_bytes");
        if (j->contains("shards")) j->erase("shards");
        if (j->contains("last_run")) j->erase("last_run");
      }
      CHECK(x == y);
    } else {
      CHECK(from_plain == from_compacted);
    }
  }
  CHECK(Xapian::Database(plain).get_doccount() == Xapian::Database(compacted).get_doccount());

  // Compacting keeps each document's id (a run with nothing changed, --compact always).
  const auto paths = [&] {
    const Xapian::Database x(plain);
    std::vector<std::string> out = {std::to_string(x.get_lastdocid())};
    for (Xapian::docid id : {1u, 2u, 300u, 600u})
      out.push_back(x.get_document(id).get_value(concord::schema::kSlotPath));
    return out;
  };
  const std::vector<std::string> before_compaction = paths();
  CHECK(index(plain, {dir.str() + "/a"}, {"--compact", "always"}).at("compacted").is_object());
  CHECK(paths() == before_compaction);
}

TEST_CASE("compaction is due when the files written since reach a fifth of the database",
          "[index][compaction]") {
  TempDir dir;
  write_files(dir, "a", 500);
  const std::string db = dir.str() + "/db";
  const std::string a = dir.str() + "/a", b = dir.str() + "/b", c = dir.str() + "/c";
  REQUIRE(index(db, {a}).at("compacted").is_object());
  CHECK(metadata(db, concord::schema::kMetaWrittenSinceCompaction).empty());

  // A run with nothing changed writes nothing: no compaction, the same revision.
  const Xapian::rev revision = Xapian::Database(db).get_revision();
  CHECK(index(db, {a}).at("compacted").is_null());
  CHECK(Xapian::Database(db).get_revision() == revision);

  // 60 files more (a tenth): counted, not compacted.
  write_files(dir, "b", 60);
  CHECK(index(db, {a, b}).at("compacted").is_null());
  CHECK(metadata(db, concord::schema::kMetaWrittenSinceCompaction) == "60");
  // 60 changed and 10 removed more: 130 of 550, past a fifth.
  for (int i = 0; i < 60; ++i)
    dir.write("a/d" + std::to_string(i / 100) + "/note-" + std::to_string(i) + ".txt",
              "Rewritten note " + std::to_string(i) + " citing A/RES/77/281.\n");
  for (int i = 0; i < 10; ++i) fs::remove(dir.str() + "/b/d0/note-" + std::to_string(i) + ".txt");
  const json compacted = index(db, {a, b});
  CHECK(compacted.at("updated") == 60);
  CHECK(compacted.at("removed") == 10);
  CHECK(compacted.at("compacted").is_object());
  CHECK(metadata(db, concord::schema::kMetaWrittenSinceCompaction).empty());
  CHECK(search_total(db, "rewritten") == 60);
  CHECK(search_total(db, "cooperative") == 490);

  // --compact always compacts even a run with nothing changed; never leaves the count.
  CHECK(index(db, {a, b}, {"--compact", "always"}).at("compacted").is_object());
  write_files(dir, "c", 200);
  CHECK(index(db, {a, b, c}, {"--compact", "never"}).at("compacted").is_null());
  CHECK(metadata(db, concord::schema::kMetaWrittenSinceCompaction) == "200");
  CHECK(search_total(db, "cooperative") == 690);
}

TEST_CASE("a compaction killed midway or stopped by a folder in the way leaves the database whole",
          "[index][compaction][crash]") {
  TempDir dir;
  write_files(dir, "a", 400);
  const std::string db = dir.str() + "/db", a = dir.str() + "/a";
  const std::string beside = db + ".concord-compacting";
  index(db, {a});

  // Killed while writing the compacted copy: a partial copy beside the database, removed by
  // the next run, which compacts in its turn.
  fs::create_directory(beside);
  for (const char* table : {"postlist.glass", "termlist.glass"}) {
    fs::copy_file(db + "/" + table, beside + "/" + table);
    fs::resize_file(beside + "/" + table, 8192);
  }
  CHECK(search_total(db, "cooperative") == 400);
  index(db, {a}, {"--compact", "never"});
  CHECK_FALSE(fs::exists(beside));

  // Killed while the old database was being removed: what is left of it, removed alike.
  fs::create_directory(beside);
  fs::copy_file(db + "/iamglass", beside + "/iamglass");
  index(db, {a}, {"--compact", "never"});
  CHECK_FALSE(fs::exists(beside));

  // Killed after the exchange: the old database whole beside the new one, removed alike.
  fs::copy(db, beside);
  index(db, {a});
  CHECK_FALSE(fs::exists(beside));
  CHECK(search_total(db, "cooperative") == 400);

  // A folder in the way that is not a database is left alone: the run says so and keeps the
  // database as it was (exit 0: every file was indexed).
  fs::create_directory(beside);
  dir.write("db.concord-compacting/notes.txt", "mine\n");
  const std::string uuid = Xapian::Database(db).get_uuid();
  const Xapian::rev revision = Xapian::Database(db).get_revision();
  const auto r = run({kIndex, "--json", "--db", db, "--compact", "always", a});
  CHECK(r.exit_code == 0);
  const json j = json::parse(r.out);
  CHECK(j.at("compacted").is_null());
  REQUIRE(j.at("notices").size() == 1);
  CHECK(j["notices"][0]["kind"] == "compaction-failed");
  CHECK(j["notices"][0]["message"].get<std::string>().find("in the way") != std::string::npos);
  CHECK(r.err.find("not compacted") != std::string::npos);
  CHECK(concord::test::read_file(beside + "/notes.txt") == "mine\n");
  CHECK(Xapian::Database(db).get_uuid() == uuid);  // the same database, unchanged
  CHECK(Xapian::Database(db).get_revision() == revision);
  CHECK(search_total(db, "cooperative") == 400);
  fs::remove_all(beside);

  // Real kills at every stage of a run that compacts: the database reads whole after each,
  // and the next run leaves nothing beside it.
  for (int delay_ms : {5, 15, 30, 60, 100, 150}) {
    const pid_t pid = fork();
    if (pid == 0) {
      execl(kIndex.c_str(), kIndex.c_str(), "--quiet", "--db", db.c_str(), "--compact", "always",
            a.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    CAPTURE(delay_ms);
    CHECK(search_total(db, "cooperative") == 400);
    CHECK(search_total(db, "unique" "a399") == 1);
  }
  index(db, {a}, {"--compact", "never"});
  CHECK_FALSE(fs::exists(beside));
  CHECK(search_total(db, "cooperative") == 400);
}

TEST_CASE("readers while the database is compacted find it whole", "[index][compaction]") {
  TempDir dir;
  write_files(dir, "a", 300);
  const std::string db = dir.str() + "/db", a = dir.str() + "/a";
  index(db, {a});
  std::atomic<bool> done{false};
  std::thread compactions([&] {
    for (int i = 0; i < 15; ++i) run({kIndex, "--quiet", "--db", db, "--compact", "always", a});
    done = true;
  });
  int searches = 0, wrong = 0;
  std::string error;
  while (!done) {
    try {
      if (search_total(db, "cooperative") != 300) ++wrong;
    } catch (const std::exception& e) {
      ++wrong;
      error = e.what();
    }
    ++searches;
  }
  compactions.join();
  INFO(error);
  CHECK(wrong == 0);
  CHECK(searches > 15);
  CHECK(search_total(db, "cooperative") == 300);
}
