// A field value the query parser cannot take is an error value in the storage layer, reported
// by the program as a bad argument (exit 2) with its message: never an exception thrown
// through Xapian (which leaked inside libxapian 1.4), never an abort.
#include <catch2/catch.hpp>
#include <string>

#include "index/indexer.h"
#include "store/query.h"
#include "store/reader.h"
#include "support.h"

namespace {

struct Archive {
  concord::test::TempDir dir;
  std::string db;
  Archive() {
    dir.write("docs/a.txt", "Title: Note\nDate: 1 June 2023\n\nThe ILO met cooperatives.\n");
    db = dir.str() + "/db";
    concord::IndexOptions o;
    o.db_path = db;
    o.roots = {dir.str() + "/docs"};
    REQUIRE(concord::run_index(o, nullptr).added == 1);
  }
};

}  // namespace

TEST_CASE("bad field values are error values, then exit 2 with the same message",
          "[store][query]") {
  const Archive archive;
  struct Row {
    std::string query;
    std::string error;  // what run_query() reports; "" = it runs
  };
  const Row rows[] = {
      {"date:S", "bad date 'S' (use YYYY, YYYY-MM or YYYY-MM-DD, a real month and day)"},
      {"type:docx", "unknown type 'docx' (use pdf, html or text)"},
      {"lang:xx", "unknown language 'xx' (use en, fr or es)"},
      {"date:2023..x", "bad date 'x' in range"},
      {"cooperatives zzentity:7", "bad entity reference"},
      {"zzentity:99999999999999999999999", "bad entity reference"},
      {"cooperatives zzpath:3", "bad path reference"},
      {"cooperatives zzpath:x1", "bad path reference"},
      {"cooperatives date:2023 type:txt lang:en", ""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.query);
    const concord::QueryMatches matches =
        concord::read_index(archive.db, [&](const concord::IndexReader& reader) {
          return concord::run_query(reader, {row.query, {}, {}, {}, {}, {}}, {});
        });
    CHECK(matches.error == row.error);
    if (row.error.empty()) CHECK(matches.matches.size() == 1);
    const auto r = concord::test::run({CONCORD_QUERY_BIN, "--db", archive.db, "search", row.query});
    CHECK(r.exit_code == (row.error.empty() ? 0 : 2));
    if (!row.error.empty())
      CHECK(r.err == "concord-query: cannot parse query '" + row.query + "': " + row.error + "\n");
  }
}

TEST_CASE("totals are counted where counting can make them exact", "[store][query]") {
  // Of 100 documents, 60 hold the phrase "alpha beta" and the word gamma, 5 of them delta too.
  // Each is one word longer than the one before, so no two score the same: results that tie
  // are ordered by path, and ordering them makes Xapian compare every tied match (a search
  // test checks that order), which would count further than the cap asks.
  concord::test::TempDir dir;
  for (int i = 0; i < 100; ++i) {
    std::string filler;
    for (int w = 0; w < i; ++w) filler += " more";
    dir.write("docs/n" + std::to_string(i) + ".txt",
              i < 60 ? "Note " + std::to_string(i) + ". The alpha beta rule and gamma" +
                           (i < 5 ? " with delta." : ".") + filler + "\n"
                     : "Other note " + std::to_string(i) + " about epsilon.\n");
  }
  concord::IndexOptions o;
  o.db_path = dir.str() + "/db";
  o.roots = {dir.str() + "/docs"};
  REQUIRE(concord::run_index(o, nullptr).added == 100);
  struct Row {
    const char* query;
    uint64_t up_to;     // QueryOptions::exact_total_up_to
    uint64_t exact;     // the exact total when it must be exact (lower == upper); else 0
    uint64_t at_least;  // the lower bound it must reach
  };
  const Row rows[] = {
      {"gamma alpha", 100, 60, 60},       // counted: 60 matches, up to 100
      {"gamma alpha", 20, 0, 20},         // counted to 20 only: bounds
      {"\"alpha beta\"", 1000, 60, 60},  // a phrase: counted to a tenth, 100
      {"\"alpha beta\"", 100, 0, 10},    // to 10 only
      {"delta", 2, 5, 5},                 // one term: its frequency, exact at any cap
      // An OR whose largest term already matches more than the cap: not counted, and the
      // lower bound is that term's documents; under the cap, counted exactly.
      {"gamma OR delta", 30, 0, 60},
      {"gamma OR delta", 100, 60, 60},
  };
  for (const Row& row : rows) {
    CAPTURE(row.query, row.up_to);
    concord::QueryOptions options;
    options.exact_total_up_to = row.up_to;
    const concord::QueryMatches m = concord::read_index(o.db_path, [&](const concord::IndexReader& r) {
      return concord::run_query(r, {row.query, {}, {}, {}, {}, {}}, options);
    });
    REQUIRE(m.error.empty());
    CAPTURE(m.lower, m.upper);
    CHECK((m.lower == m.upper) == (row.exact > 0));
    if (row.exact > 0) CHECK(m.lower == row.exact);
    CHECK(m.lower >= row.at_least);
    CHECK(m.upper >= std::max<uint64_t>(row.exact, 5));
  }
}

TEST_CASE("XOR over several shards is refused with a clear error, not run", "[store][query]") {
  // Xapian 1.4.22 crashes on some (lang:en XOR trade over two large shards); one database
  // runs it.
  const Archive a, b;
  a.dir.write("both.stub", "auto " + a.db + "\nauto " + b.db + "\n");
  const std::string stub = a.dir.str() + "/both.stub";
  const auto one = concord::test::run({CONCORD_QUERY_BIN, "--db", a.db, "search", "lang:en XOR trade"});
  CHECK(one.exit_code == 0);
  const auto two = concord::test::run({CONCORD_QUERY_BIN, "--db", stub, "search", "lang:en XOR trade"});
  CHECK(two.exit_code == 2);
  CHECK(two.err.find("XOR is not available over several shards") != std::string::npos);
  const auto rewritten = concord::test::run(
      {CONCORD_QUERY_BIN, "--db", stub, "search", "(lang:en OR trade) NOT (lang:en AND trade)"});
  CHECK(rewritten.exit_code == 0);
  CHECK(rewritten.out.find("2 documents match") != std::string::npos);
}
