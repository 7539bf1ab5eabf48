// Bounded work on the query side: oversized queries, NEAR chains and entity names are refused
// before any work; list files that are devices are refused without reading; what the user
// typed is echoed with its control characters escaped.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <chrono>

#include "mentions/mentions.h"
#include "search/query_parse.h"
#include "search/search.h"
#include "support.h"

using concord::test::run;
using concord::test::TempDir;

namespace {

const std::string kIndex = CONCORD_INDEX_BIN;
const std::string kQuery = CONCORD_QUERY_BIN;

struct Archive {
  TempDir dir;
  std::string db = dir.str() + "/db";
  Archive() {
    dir.write("a/coops.txt",
              "Title: Cooperatives\n\nThe ILO said cooperatives create decent work. "
              "The social and solidarity economy supports local development.\n");
    REQUIRE(run({kIndex, "--quiet", "--db", db, dir.str() + "/a"}).exit_code == 0);
  }
};

Archive& archive() {
  static Archive a;
  return a;
}

std::string repeat(const std::string& word, size_t n, const std::string& between) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += (i ? between : "") + word;
  return s;
}

std::string numbered(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += (i ? " w" : "w") + std::to_string(i);
  return s;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("queries past the bounds are refused at once, queries at them run", "[search][bounds]") {
  struct Row {
    std::string what;
    std::string query;
    std::string refused;  // part of the QueryError message; "" = the query runs
  };
  const std::vector<Row> rows = {
      {"10,000-word NEAR chain", repeat("cooperative", 10000, " NEAR "),
       "query has 169994 bytes; at most 10000 are allowed"},
      {"90,000 words", numbered(90000), "bytes; at most 10000 are allowed"},
      {"201 words", repeat("work", 201, " "), "query has 201 words; at most 200"},
      {"200 words", repeat("work", 200, " "), ""},
      {"65-word NEAR chain", repeat("work", 65, " NEAR "),
       "query has 65 words in one phrase or NEAR chain; at most 64"},
      {"64-word NEAR chain", repeat("work", 64, " NEAR "), ""},
      {"65-word phrase", "\"" + repeat("work", 65, " ") + "\"", "65 words in one phrase"},
      {"phrase NEAR phrase",
       "\"" + repeat("a", 40, " ") + "\" NEAR \"" + repeat("b", 30, " ") + "\"",
       "70 words in one phrase or NEAR chain"},
      {"two short chains", repeat("work", 40, " NEAR ") + " AND " + repeat("work", 40, " ADJ "),
       ""},
      {"11 wildcards", repeat("co*", 11, " OR "), "query has 11 wildcards; at most 10"},
      {"10 wildcards", repeat("co*", 10, " OR "), ""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.what);
    concord::SearchOptions o;
    o.db_path = archive().db;
    o.query = row.query;
    const auto start = std::chrono::steady_clock::now();
    if (row.refused.empty()) {
      CHECK_NOTHROW(concord::search(o));
    } else {
      try {
        concord::search(o);
        FAIL("not refused");
      } catch (const concord::QueryError& e) {
        CHECK_THAT(e.what(), Catch::Contains(row.refused));
      }
    }
    CHECK(seconds_since(start) < 5);
  }
}

TEST_CASE("an entity name past 256 bytes is refused before the closest-name search",
          "[search][bounds]") {
  concord::MentionsOptions o;
  o.db_path = archive().db;
  o.entity = std::string(100 * 1024, 'x');  // took 17 s before the bound
  auto start = std::chrono::steady_clock::now();
  CHECK_THROWS_WITH(concord::list_mentions(o),
                    Catch::StartsWith("entity name of 102400 bytes ('xxxxx") &&
                        Catch::EndsWith("…'); names are at most 256 bytes"));
  CHECK(seconds_since(start) < 2);
  // At the bound, the usual unknown-entity answer, quickly.
  o.entity = std::string(256, 'x');
  start = std::chrono::steady_clock::now();
  CHECK_THROWS_AS(concord::list_mentions(o), concord::UnknownEntityError);
  CHECK(seconds_since(start) < 5);
}

TEST_CASE("the programs: bounds and devices are usage errors, control characters escaped",
          "[search][bounds][cli]") {
  TempDir dir;
  const std::string db = archive().db;
  const std::string fifo = dir.str() + "/fifo";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  const std::string esc = "\x1b[2J\x1b]0;owned\x07";
  struct Row {
    std::vector<std::string> args;
    int code;
    std::string err;  // the whole of stderr
  };
  const std::vector<Row> rows = {
      {{"search", repeat("work", 65, " NEAR ")},
       2,
       "concord-query: query has 65 words in one phrase or NEAR chain; at most 64 are allowed "
       "(narrow it with fewer words or with fields such as title:, type:, date:)\n"},
      {{"mentions", std::string(300, 'y')},
       2,
       "concord-query: entity name of 300 bytes ('" + std::string(60, 'y') +
           "…'); names are at most 256 bytes\n"},
      {{"mentions", "ILO" + esc},
       1,
       "concord-query: unknown entity 'ILO\\x1B[2J\\x1B]0;owned\\x07'"},
      {{"search", "symbol:X" + esc},
       2,
       "concord-query: 'X\\x1B[2J\\x1B]0;owned\\x07' is not a UN document symbol or ILO "
       "instrument\n"},
      {{"search", esc + " work AND"},
       2,
       "cannot parse query '\\x1B[2J\\x1B]0;owned\\x07 work AND'"},
      {{"show", "no\nsuch" + esc}, 2, "concord-query: not in the index: no\\x0Asuch\\x1B[2J"},
      {{"--authority", "/dev/zero", "stats"}, 2, "--authority: /dev/zero: not a regular file"},
      {{"--authority", fifo, "xref", "ILO"}, 2, "--authority: " + fifo + ": not a regular file"},
      {{"check", "--accept", "/dev/zero"}, 2, "--accept: /dev/zero: not a regular file"},
      {{"check", "--accept", dir.str()}, 2, "is a folder, not a file"},
      {{"cases", "--gazetteer", "/dev/zero"}, 2, "--gazetteer: /dev/zero: not a regular file"},
      {{"cases", "/dev/zero"}, 2, "/dev/zero: cannot read the cases file: not a regular file"},
  };
  for (const Row& row : rows) {
    std::vector<std::string> argv = {"timeout", "30", kQuery, "--db", db};
    argv.insert(argv.end(), row.args.begin(), row.args.end());
    CAPTURE(row.args);
    const auto start = std::chrono::steady_clock::now();
    const auto r = run(argv);
    CHECK(seconds_since(start) < 5);
    CHECK(r.exit_code == row.code);
    CHECK_THAT(r.err, Catch::Contains(row.err));
    CHECK(r.err.find('\x1b') == std::string::npos);
    CHECK(r.err.find('\x07') == std::string::npos);
  }
}
