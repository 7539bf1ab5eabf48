// A stored document's record read back (the encoder's own records: facts_reader_test.cc): the
// same document from a record with keys a later version adds, and damage (a field missing or
// of another type, not a map) a DamagedRecordError, never a crash or a half-read document.
#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>

#include "store/errors.h"
#include "store/stored_doc.h"
#include "util/compress.h"

namespace {

using nlohmann::json;

std::string msgpack_of(const json& j) {
  const std::vector<uint8_t> bytes = json::to_msgpack(j);
  return std::string(bytes.begin(), bytes.end());
}

// A record as the encoder frames it, around `msgpack`.
std::string record(const std::string& msgpack) {
  return std::string(1, concord::kStoredFormatVersion) + concord::util::compress(msgpack);
}

}  // namespace

TEST_CASE("a stored record: keys it does not know are skipped, damage is an error", "[store][stored_doc]") {
  const json good = {{"path", "/a.txt"}, {"title", "A"},    {"format", "text"}, {"lang", "en"},
                     {"date", ""},       {"author", ""},    {"desc", ""},       {"enc", "utf-8"},
                     {"hash", "00"},     {"size", 12},      {"mtime", 7},       {"paged", false},
                     {"pages", {"text"}}, {"starts", {1}}};
  struct Row {
    const char* what;
    json record;
    bool damaged;
  };
  const auto with = [&](const char* key, json value) {
    json j = good;
    j[key] = std::move(value);
    return j;
  };
  const auto without = [&](const char* key) {
    json j = good;
    j.erase(key);
    return j;
  };
  const Row rows[] = {
      {"as written", good, false},
      {"a later version's key, nested", with("later", {{"x", {1, {{"y", nullptr}}}}}), false},
      {"a later version's array", with("extra", {1, "two", {3}}), false},
      {"ocr pages given", with("ocr", {1, 2}), false},
      {"size as a float, as a tree read it", with("size", 12.0), false},
      {"no path", without("path"), true},
      {"no pages", without("pages"), true},
      {"no starts", without("starts"), true},
      {"paged as a string", with("paged", "yes"), true},
      {"title as a number", with("title", 3), true},
      {"size as a string", with("size", "12"), true},
      {"size as a float no integer holds", with("size", 1e300), true},
      {"size as NaN", with("size", std::nan("")), true},
      {"a page as a number", with("pages", {1}), true},
      {"a page as an array", with("pages", {{"a"}}), true},
      {"pages as a map", with("pages", {{"a", "b"}}), true},
      {"path as an array", with("path", {"a"}), true},
      {"a start as a string", with("starts", {"1"}), true},
      {"not a map", json::array({1, 2}), true},
      {"a string", json("text"), true},
  };
  for (const Row& r : rows) {
    CAPTURE(r.what);
    if (r.damaged) {
      CHECK_THROWS_AS(concord::decode_stored_doc(record(msgpack_of(r.record))),
                      concord::DamagedRecordError);
    } else {
      const concord::StoredDoc d = concord::decode_stored_doc(record(msgpack_of(r.record)));
      CHECK(d.path == "/a.txt");
      CHECK(d.pages == std::vector<std::string>{"text"});
      CHECK(d.page_starts == std::vector<uint32_t>{1});
      CHECK(d.size == 12);
      CHECK(d.encoding == "utf-8");
    }
  }
  // Cut short, or bytes after the map; no record at all.
  const std::string packed = msgpack_of(good);
  for (const std::string& bad : {packed.substr(0, packed.size() / 2), packed + "x"})
    CHECK_THROWS_AS(concord::decode_stored_doc(record(bad)), concord::DamagedRecordError);
  CHECK_THROWS_AS(concord::decode_stored_doc(""), concord::DamagedRecordError);
}
