// A stored document's record read back: every field as written, the same document from a
// record with keys a later version adds, and damage (a field missing or of another type, not
// a map) a DamagedRecordError, never a crash or a half-read document.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "store/errors.h"
#include "store/stored_doc.h"
#include "util/compress.h"

namespace {

using nlohmann::json;

// A record as the encoder frames it, around the MessagePack of `j`.
std::string record(const json& j) {
  const std::vector<uint8_t> bytes = json::to_msgpack(j);
  return std::string(1, concord::kStoredFormatVersion) +
         concord::util::compress(std::string(bytes.begin(), bytes.end()));
}

concord::StoredDoc sample() {
  concord::StoredDoc d;
  d.path = "/archive/résolution.pdf";
  d.title = "Resolution 77/281";
  d.format = "pdf";
  d.language = "fr";
  d.date = "2023-04-18";
  d.author = "General Assembly";
  d.description = "On the social and solidarity economy";
  d.encoding = "";
  d.hash = "0123456789abcdef";
  d.size = uint64_t{5} << 40;
  d.mtime_ns = -1234567890123;
  d.paged = true;
  d.pages = {"first page", "", "third page"};
  d.page_starts = {1, 40, 41};
  d.ocr_pages = {3};
  return d;
}

}  // namespace

TEST_CASE("a stored record reads back as written", "[store][stored_doc]") {
  const concord::StoredDoc d = sample();
  const concord::StoredDoc back = concord::decode_stored_doc(concord::encode_stored_doc(d));
  CHECK(back.path == d.path);
  CHECK(back.title == d.title);
  CHECK(back.format == d.format);
  CHECK(back.language == d.language);
  CHECK(back.date == d.date);
  CHECK(back.author == d.author);
  CHECK(back.description == d.description);
  CHECK(back.encoding == d.encoding);
  CHECK(back.hash == d.hash);
  CHECK(back.size == d.size);
  CHECK(back.mtime_ns == d.mtime_ns);
  CHECK(back.paged == d.paged);
  CHECK(back.pages == d.pages);
  CHECK(back.page_starts == d.page_starts);
  CHECK(back.ocr_pages == d.ocr_pages);
}

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
      {"no path", without("path"), true},
      {"no pages", without("pages"), true},
      {"no starts", without("starts"), true},
      {"paged as a string", with("paged", "yes"), true},
      {"title as a number", with("title", 3), true},
      {"size as a string", with("size", "12"), true},
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
      CHECK_THROWS_AS(concord::decode_stored_doc(record(r.record)), concord::DamagedRecordError);
    } else {
      const concord::StoredDoc d = concord::decode_stored_doc(record(r.record));
      CHECK(d.path == "/a.txt");
      CHECK(d.pages == std::vector<std::string>{"text"});
      CHECK(d.page_starts == std::vector<uint32_t>{1});
      CHECK(d.size == 12);
      CHECK(d.encoding == "utf-8");
    }
  }
  // Cut short, or bytes after the map.
  std::string whole = record(good);
  const std::vector<uint8_t> bytes = json::to_msgpack(good);
  const std::string packed(bytes.begin(), bytes.end());
  for (const std::string& bad : {packed.substr(0, packed.size() / 2), packed + "x"}) {
    const std::string r = std::string(1, concord::kStoredFormatVersion) + concord::util::compress(bad);
    CHECK_THROWS_AS(concord::decode_stored_doc(r), concord::DamagedRecordError);
  }
  CHECK_THROWS_AS(concord::decode_stored_doc(""), concord::DamagedRecordError);
  CHECK_NOTHROW(concord::decode_stored_doc(whole));
}
