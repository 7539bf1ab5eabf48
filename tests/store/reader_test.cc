// The query side's database layer: one snapshot per command, Xapian errors translated, a
// snapshot overtaken by the indexer's commits read again (real databases, real commits).
#include "store/reader.h"

#include <xapian.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "index/indexer.h"
#include "search/search.h"
#include "support.h"

namespace fs = std::filesystem;
using concord::IndexReader;
using concord::test::TempDir;

namespace {

// A database of `n` small documents indexed by the real indexer.
std::string make_db(const TempDir& dir, int n) {
  for (int i = 0; i < n; ++i)
    dir.write("a/f" + std::to_string(i) + ".txt", "Title: Note " + std::to_string(i) +
                                                      "\n\nThe ILO and cooperatives, note " +
                                                      std::to_string(i) + ".\n");
  concord::IndexOptions o;
  o.db_path = dir.str() + "/db";
  o.roots = {dir.str() + "/a"};
  REQUIRE(concord::run_index(o, nullptr).added == static_cast<uint64_t>(n));
  return o.db_path;
}

// Commits one change to the database, as another process's indexer would.
void commit_once(const std::string& db, int round) {
  Xapian::WritableDatabase w(db, Xapian::DB_OPEN);
  w.set_metadata("test-round", std::to_string(round));
  w.commit();
}

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const concord::DatabaseError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("read_index hands one snapshot to the command and returns its result", "[db]") {
  TempDir dir;
  const std::string db = make_db(dir, 3);
  int calls = 0;
  const auto count = concord::read_index(db, [&](const IndexReader& r) {
    ++calls;
    CHECK(r.path() == db);
    return r.document_count();
  });
  CHECK(count == 3);
  CHECK(calls == 1);
}

TEST_CASE("a snapshot overtaken by commits is read again from a fresh one", "[db]") {
  TempDir dir;
  const std::string db = make_db(dir, 3);
  SECTION("the indexer committed: the command runs again and succeeds") {
    int calls = 0;
    const std::string seen = concord::read_index(db, [&](const IndexReader& r) {
      if (++calls == 1) {
        commit_once(db, 1);
        commit_once(db, 2);
        // What Xapian reports when the blocks of this snapshot have been reused (the
        // end-to-end test in concurrent_read_test.cc meets the real thing).
        throw Xapian::DatabaseModifiedError("The revision being read has been discarded");
      }
      return r.metadata("test-round");
    });
    CHECK(calls == 2);
    CHECK(seen == "2");  // the second attempt read the fresh snapshot
  }
  SECTION("blocks reused under the reader can also read as corrupt: retried as well") {
    int calls = 0;
    const auto count = concord::read_index(db, [&](const IndexReader& r) {
      if (++calls == 1) {
        commit_once(db, 1);
        throw Xapian::DatabaseCorruptError("Expected block 10 to be level 1, not 0");
      }
      return r.document_count();
    });
    CHECK(calls == 2);
    CHECK(count == 3);
  }
  SECTION("another thread's handle must be on the same snapshot") {
    int calls = 0;
    concord::read_index(db, [&](const IndexReader& r) {
      if (++calls == 1) {
        commit_once(db, 1);
        r.another_handle();  // the database moved on: start over
        FAIL("another_handle() on a committed-to database must throw");
      }
      CHECK(r.another_handle().revision() == r.revision());
      return 0;
    });
    CHECK(calls == 2);
  }
  SECTION("an indexer that keeps committing: a bounded number of attempts, then a clear error") {
    int calls = 0, round = 0;
    const std::string message = message_of([&] {
      concord::read_index(db, [&](const IndexReader&) -> int {
        ++calls;
        commit_once(db, ++round);
        throw Xapian::DatabaseModifiedError("The revision being read has been discarded");
      });
    });
    CHECK(calls == concord::kReadAttempts);
    CHECK(message == "database " + db +
                         " changed 5 times while it was read (an indexer is "
                         "committing to it): run the command again when "
                         "concord-index has finished");
  }
  SECTION("no commit happened: the 'newer' block is damage, not a race; no retry") {
    int calls = 0;
    const std::string message = message_of([&] {
      concord::read_index(db, [&](const IndexReader&) -> int {
        ++calls;
        throw Xapian::DatabaseModifiedError("Block 3 is from a newer revision");
      });
    });
    CHECK(calls == 1);
    CHECK(message.find("database " + db +
                       " is damaged (DatabaseModifiedError: Block 3 is from "
                       "a newer revision): remove the folder and index the archive again "
                       "(concord-index --db " +
                       db + " PATH...)") == 0);
  }
}

TEST_CASE("every Xapian error becomes one DatabaseError naming the database", "[db]") {
  TempDir dir;
  const std::string db = make_db(dir, 2);
  struct Row {
    const char* what;
    std::function<void()> thrown;
    const char* expected;  // the message after "database DB "
  };
  const std::vector<Row> rows = {
      {"corrupt table", [] { throw Xapian::DatabaseCorruptError("Bad block"); },
       "is damaged (DatabaseCorruptError: Bad block): remove the folder"},
      {"short read", [] { throw Xapian::DatabaseError("EOF reading block 2"); },
       "is damaged (DatabaseError: EOF reading block 2): remove the folder"},
      {"document gone", [] { throw Xapian::DocNotFoundError("Document 7 not found"); },
       "is damaged (DocNotFoundError: Document 7 not found): remove the folder"},
      {"table gone", [] { throw Xapian::FeatureUnavailableError("Database has no termlist"); },
       "is damaged (FeatureUnavailableError: Database has no termlist): remove the folder"},
      {"record", [] { throw concord::DamagedRecordError("stored facts are damaged: x"); },
       "is damaged (stored facts are damaged: x): remove the folder"},
      {"control bytes", [] { throw Xapian::DatabaseCorruptError("bad \x1b[2J\n"); },
       "is damaged (DatabaseCorruptError: bad \\x1B[2J\\x0A): remove the folder"},
      {"anything else", [] { throw Xapian::InvalidArgumentError("odd"); },
       "(InvalidArgumentError: odd); if it persists, remove the folder"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    const std::string message = message_of([&] {
      concord::read_index(db, [&](const IndexReader&) -> int {
        row.thrown();
        return 0;
      });
    });
    CHECK(message.find(db) != std::string::npos);
    CHECK(message.find(row.expected) != std::string::npos);
    CHECK(message.find('\n') == std::string::npos);
  }
  // Errors that are not the database's pass through.
  CHECK_THROWS_AS(
      concord::read_index(
          db, [](const IndexReader&) -> int { throw concord::QueryError("bad query"); }),
      concord::QueryError);
}

TEST_CASE("opening: missing, not a database, tables gone", "[db]") {
  TempDir dir;
  const std::string db = make_db(dir, 2);
  auto open = [](const std::string& path) {
    return message_of([&] { concord::read_index(path, [](const IndexReader&) { return 0; }); });
  };
  const std::string missing = dir.str() + "/missing";
  CHECK(open(missing) == "no Concord database at " + missing +
                             " (create it with: concord-index --db " + missing + " PATH...)");
  fs::create_directories(dir.str() + "/empty");
  CHECK(open(dir.str() + "/empty").find("no Concord database at") == 0);
  // Xapian reads a deleted docdata or termlist table as empty; the reader does not.
  for (const char* table : {"docdata.glass", "termlist.glass", "postlist.glass", "iamglass"}) {
    CAPTURE(table);
    const std::string copy = dir.str() + "/copy-" + table;
    fs::copy(db, copy, fs::copy_options::recursive);
    fs::remove(copy + "/" + table);
    CHECK(open(copy).find("database " + copy + " is damaged (") == 0);
  }
}
