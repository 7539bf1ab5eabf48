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
          return concord::run_query(reader, {row.query, {}, {}, {}, {}}, {});
        });
    CHECK(matches.error == row.error);
    if (row.error.empty()) CHECK(matches.matches.size() == 1);
    const auto r = concord::test::run({CONCORD_QUERY_BIN, "--db", archive.db, "search", row.query});
    CHECK(r.exit_code == (row.error.empty() ? 0 : 2));
    if (!row.error.empty())
      CHECK(r.err == "concord-query: cannot parse query '" + row.query + "': " + row.error + "\n");
  }
}
