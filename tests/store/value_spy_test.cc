// spy_values() (store/xapian_access.h): every matching document's value exactly once, whether
// asked for in one part or in many, with hashes missing or malformed, locally and from
// xapian-tcpsrv.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "store/schema.h"
#include "store/xapian_access.h"
#include "support.h"

namespace {

// 1,000 documents: value "doc N" in the facts slot, a content hash spread over the whole range
// (16 hex digits) except some without one and some whose hash is not hex, term "T" on even
// documents; two documents share their value.
std::string make_db(const concord::test::TempDir& dir) {
  const std::string path = dir.str() + "/db";
  Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
  const std::vector<std::string> odd_hashes = {"", "ZZZ", "0fz", "g123", "ff", "fg", "\xff"};
  uint64_t x = 88172645463325252ull;
  for (int n = 0; n < 1000; ++n) {
    Xapian::Document d;
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;  // xorshift: hashes all over the range
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(x));
    if (n % 37 == 0) {
      // no hash
    } else if (n % 101 == 0) {
      const std::string& odd = odd_hashes[(n / 101) % odd_hashes.size()];
      if (!odd.empty()) d.add_value(concord::schema::kSlotHash, odd);
    } else {
      d.add_value(concord::schema::kSlotHash, hex);
    }
    d.add_value(concord::schema::kSlotFacts, n == 999 ? "doc 998" : "doc " + std::to_string(n));
    if (n % 2 == 0) d.add_term("T");
    db.add_document(d);
  }
  db.commit();
  return path;
}

// What spy_values() pushed, value -> times.
std::map<std::string, int> spied(const Xapian::Database& db, const Xapian::Query& query,
                                 uint32_t expected, uint32_t part_size) {
  std::map<std::string, int> out;
  concord::spy_values(db, query, expected, concord::schema::kSlotFacts, part_size,
                      [&](const std::string& v) {
                        ++out[v];
                        return true;
                      });
  return out;
}

void check_every_document_once(const Xapian::Database& db) {
  std::map<std::string, int> all, even;
  for (int n = 0; n < 999; ++n) all["doc " + std::to_string(n)] = n == 998 ? 2 : 1;
  for (int n = 0; n < 999; n += 2) even["doc " + std::to_string(n)] = 1;
  for (const uint32_t part : {1u, 7u, 64u, 1000u, 8192u}) {
    CAPTURE(part);
    CHECK(spied(db, Xapian::Query::MatchAll, 1000, part) == all);
    CHECK(spied(db, Xapian::Query("T"), 500, part) == even);
  }
  CHECK(spied(db, Xapian::Query("absent"), 0, 64).empty());
  // Stopped by push(): no more values.
  int pushed = 0;
  concord::spy_values(db, Xapian::Query::MatchAll, 1000, concord::schema::kSlotFacts, 64,
                      [&](const std::string&) { return ++pushed < 10; });
  CHECK(pushed == 10);
}

}  // namespace

TEST_CASE("spy_values gives every matching document's value once, in one part or many",
          "[store][shards]") {
  const concord::test::TempDir dir;
  const std::string path = make_db(dir);
  SECTION("local") { check_every_document_once(Xapian::Database(path)); }
  SECTION("served by xapian-tcpsrv") {
    const int port = concord::test::free_port();
    concord::test::Child server({"/usr/bin/xapian-tcpsrv", "--interface", "127.0.0.1", "--port",
                                 std::to_string(port), path},
                                dir.str() + "/tcp.log");
    REQUIRE(concord::test::wait_for_port(port));
    check_every_document_once(Xapian::Remote::open("127.0.0.1", port));
  }
}
