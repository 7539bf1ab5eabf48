// The failure record codec: one layout, written by the indexer, read by both programs.
#include "store/failure_record.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <string>

#include "store/schema.h"

using concord::decode_failure;
using concord::encode_failure;
using concord::FailureRecord;

TEST_CASE("failure records round-trip", "[store][failure]") {
  const FailureRecord records[] = {
      {"corrupt", "not a readable PDF", 15, 1700000000123456789},
      {"binary", "binary data, not text", 300, 0},
      {"empty-root", "folder is empty (not mounted?); its 12 documents kept", 0, -1},
      {"unreadable", "quote \" backslash \\ newline \n tab \t control \x1b[2J", 1, 2},
      {"too-large", "r\xC3\xA9sum\xC3\xA9 \xE2\x80\x99", std::numeric_limits<uint64_t>::max(),
       std::numeric_limits<int64_t>::min()},
      {"", "", 0, 0},
  };
  for (const FailureRecord& r : records) {
    CAPTURE(r.kind, r.message);
    const std::optional<FailureRecord> back = decode_failure(encode_failure(r));
    REQUIRE(back);
    CHECK(back->kind == r.kind);
    CHECK(back->message == r.message);
    CHECK(back->size == r.size);
    CHECK(back->mtime_ns == r.mtime_ns);
  }
}

TEST_CASE("the failure record layout stays what databases already hold", "[store][failure]") {
  // Databases written by earlier versions keep their records: the layout must not drift.
  CHECK(encode_failure({"corrupt", "not a readable PDF", 15, 42}) ==
        R"({"kind":"corrupt","message":"not a readable PDF","mtime":42,"size":15})");
  const auto old = decode_failure(R"({"size":7,"mtime":9,"message":"m","kind":"k","extra":1})");
  REQUIRE(old);
  CHECK(old->kind == "k");
  CHECK(old->size == 7);
  CHECK(old->mtime_ns == 9);
}

TEST_CASE("a damaged failure record decodes to nothing, never throws", "[store][failure]") {
  for (const char* bad :
       {"", "{", "[]", "null", R"({"kind":"k"})", R"({"kind":1,"message":"m","size":1,"mtime":1})",
        R"({"kind":"k","message":"m","size":"1","mtime":1})", "\xff\xfe"}) {
    CAPTURE(bad);
    CHECK_FALSE(decode_failure(bad));
  }
}

TEST_CASE("failure keys name the path", "[store][failure]") {
  CHECK(concord::failure_key("/a/b.pdf") ==
        std::string(concord::schema::kMetaFailurePrefix) + "/a/b.pdf");
  CHECK(concord::failure_key_path(concord::failure_key("/a/b.pdf")) == "/a/b.pdf");
  CHECK_FALSE(concord::failure_key_path("concord:roots"));
}
