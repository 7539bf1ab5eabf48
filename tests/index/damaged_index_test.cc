// A damaged database: the indexer says so, with what to do, and exits 1; it neither reports
// "unchanged" over it nor adds documents beside the ones it still counts. The damage is real:
// table files of a database indexed here are cut, deleted, zeroed or overwritten.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>

#include "support.h"

namespace fs = std::filesystem;
using concord::test::run;
using concord::test::TempDir;

using concord::test::noise;
using concord::test::overwrite;

namespace {

const std::string kIndex = CONCORD_INDEX_BIN;
constexpr int kBlockSize = 8192;  // Xapian glass's default block size

// The bundled corpus, indexed once.
struct Indexed {
  TempDir dir;
  std::string corpus = dir.str() + "/corpus";
  std::string db = dir.str() + "/db";
  Indexed() {
    concord::test::copy_corpus(corpus);
    REQUIRE(run({kIndex, "--quiet", "--db", db, corpus}).exit_code == 0);
  }
};

// A fresh copy of the indexed database with `damage` applied; returns its path.
std::string damaged_copy(const Indexed& indexed,
                         const std::function<void(const std::string&)>& damage) {
  const std::string db = indexed.dir.str() + "/damaged";
  fs::remove_all(db);
  fs::copy(indexed.db, db, fs::copy_options::recursive);
  damage(db);
  return db;
}

// The indexer on `db`, with a hang guard (coreutils timeout exits 124).
concord::test::RunResult index(const std::string& db, const std::string& corpus) {
  return run({"timeout", "30", kIndex, "--db", db, corpus});
}

void check_damaged_message(const std::string& err, const std::string& db) {
  CHECK(err.rfind("concord-index: database " + db + " is damaged (", 0) == 0);
  CHECK(err.find("): remove the folder and index the archive again (concord-index --db " + db +
                 " PATH...)\n") != std::string::npos);
  CHECK(std::count(err.begin(), err.end(), '\n') == 1);
}

}  // namespace

TEST_CASE("the indexer on a damaged database exits 1 and says what to do", "[damaged][index]") {
  static Indexed indexed;
  struct Damage {
    const char* what;
    std::function<void(const std::string& db)> apply;
  };
  auto table = [](const std::string& db, const char* name) { return db + "/" + name; };
  const std::vector<Damage> rows = {
      {"postlist.glass cut to 100 bytes",
       [&](const std::string& db) { fs::resize_file(table(db, "postlist.glass"), 100); }},
      {"termlist.glass emptied",
       [&](const std::string& db) { fs::resize_file(table(db, "termlist.glass"), 0); }},
      {"docdata.glass cut to half a block",
       [&](const std::string& db) { fs::resize_file(table(db, "docdata.glass"), kBlockSize / 2); }},
      {"postlist.glass deleted",
       [&](const std::string& db) { fs::remove(table(db, "postlist.glass")); }},
      {"termlist.glass deleted",
       [&](const std::string& db) { fs::remove(table(db, "termlist.glass")); }},
      {"docdata.glass deleted",
       [&](const std::string& db) { fs::remove(table(db, "docdata.glass")); }},
      {"position.glass deleted",
       [&](const std::string& db) { fs::remove(table(db, "position.glass")); }},
      {"iamglass garbled",
       [&](const std::string& db) { overwrite(table(db, "iamglass"), 0, "garbage!"); }},
      {"iamglass deleted", [&](const std::string& db) { fs::remove(table(db, "iamglass")); }},
      {"every block of docdata.glass zeroed",
       [&](const std::string& db) {
         const std::string file = table(db, "docdata.glass");
         overwrite(file, 0, std::string(fs::file_size(file), '\0'));
       }},
  };
  for (const Damage& row : rows) {
    CAPTURE(row.what);
    const std::string db = damaged_copy(indexed, row.apply);
    const auto r = index(db, indexed.corpus);
    CAPTURE(r.out, r.err);
    CHECK(r.exit_code == 1);
    check_damaged_message(r.err, db);
    CHECK(r.out.find("unchanged") == std::string::npos);  // no summary over a damaged index
  }
}

TEST_CASE("a block of a table overwritten: the indexer never aborts, and a failure says so",
          "[damaged][index]") {
  // Damage inside a table is met only when the run reads that block; either the run
  // succeeds (exit 0) or it exits 1 with the damaged-database message.
  static Indexed indexed;
  int failed = 0;
  for (const char* name : {"postlist.glass", "termlist.glass", "docdata.glass"}) {
    const int blocks = static_cast<int>(fs::file_size(indexed.db + "/" + name) / kBlockSize);
    REQUIRE(blocks >= 3);
    for (const int block : {1, blocks / 2, blocks - 1}) {
      for (const bool random : {false, true}) {
        CAPTURE(name, block, random);
        const std::string db = damaged_copy(indexed, [&](const std::string& copy) {
          overwrite(copy + "/" + name, static_cast<uint64_t>(block) * kBlockSize,
                    random ? noise(kBlockSize, static_cast<unsigned>(block))
                           : std::string(kBlockSize, '\0'));
        });
        const auto r = index(db, indexed.corpus);
        CAPTURE(r.err);
        CHECK((r.exit_code == 0 || r.exit_code == 1));
        if (r.exit_code == 1) {
          ++failed;
          check_damaged_message(r.err, db);
        }
      }
    }
  }
  CHECK(failed >= 3);  // the damage is real: runs meet it
}
