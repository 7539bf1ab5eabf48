// Run records (store/run_record.h): in the database and beside it, the newer one read.
#include "store/run_record.h"

#include <catch2/catch.hpp>
#include <string>

#include "support.h"

using concord::RunRecord;
using concord::test::TempDir;

namespace {

RunRecord record(const std::string& finished, uint64_t unchanged) {
  RunRecord r;
  r.finished = finished;
  r.unchanged = unchanged;
  r.files = unchanged;
  r.seconds = 0.25;
  return r;
}

}  // namespace

TEST_CASE("a run record beside the database: written, read back, replaced, removed", "[store]") {
  TempDir dir;
  CHECK_FALSE(concord::read_run_beside(dir.str()));
  REQUIRE(concord::write_run_beside(dir.str(), record("2026-12-05T06:00:00Z", 7)));
  auto back = concord::read_run_beside(dir.str());
  REQUIRE(back);
  CHECK(back->finished == "2026-12-05T06:00:00Z");
  CHECK(back->unchanged == 7);
  CHECK(back->seconds == 0.25);
  REQUIRE(concord::write_run_beside(dir.str(), record("2026-12-05T07:00:00Z", 9)));
  back = concord::read_run_beside(dir.str());
  REQUIRE(back);
  CHECK(back->unchanged == 9);
  concord::remove_run_beside(dir.str());
  CHECK_FALSE(concord::read_run_beside(dir.str()));
  // A folder that cannot take it: false, for the caller to record the run elsewhere.
  CHECK_FALSE(concord::write_run_beside(dir.str() + "/no/such/folder", record("x", 1)));
}

TEST_CASE("a run record beside the database that is not one is ignored", "[store]") {
  const std::string cases[] = {
      "",
      "{",
      "not json at all",
      R"({"finished": "2026-12-05T06:00:00Z"})",  // fields missing
      std::string(70 * 1024, '{'),                 // larger than any record
  };
  for (const std::string& text : cases) {
    TempDir dir;
    dir.write(concord::kRunBesideFile, text);
    INFO(text.substr(0, 40));
    CHECK_FALSE(concord::read_run_beside(dir.str()));
  }
}

TEST_CASE("of two run records the later one is taken", "[store]") {
  struct Case {
    std::optional<RunRecord> a, b;
    std::string expected;  // finished of the newer, "" for none
  };
  const Case cases[] = {
      {std::nullopt, std::nullopt, ""},
      {record("2026-12-05T06:00:00Z", 1), std::nullopt, "2026-12-05T06:00:00Z"},
      {std::nullopt, record("2026-12-05T06:00:00Z", 1), "2026-12-05T06:00:00Z"},
      {record("2026-12-05T06:00:00Z", 1), record("2026-12-05T06:00:01Z", 2), "2026-12-05T06:00:01Z"},
      {record("2026-12-06T00:00:00Z", 1), record("2026-12-05T23:59:59Z", 2), "2026-12-06T00:00:00Z"},
  };
  for (const Case& c : cases) {
    const auto newer = concord::newer_run(c.a, c.b);
    CHECK((newer ? newer->finished : std::string()) == c.expected);
  }
  // A tie takes the second (the record beside a database, which readers weigh second).
  const auto tie = concord::newer_run(record("2026-12-05T06:00:00Z", 1), record("2026-12-05T06:00:00Z", 2));
  REQUIRE(tie);
  CHECK(tie->unchanged == 2);
}
