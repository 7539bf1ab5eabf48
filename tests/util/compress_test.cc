// Compression with a database's own dictionary (util/compress.h): trained from records alike,
// smaller records, read back only with the dictionary they name, whole or streamed.
#include "util/compress.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using concord::util::compress;
using concord::util::decompress;
using concord::util::Dictionaries;
using concord::util::Dictionary;
using concord::util::train_dictionary;

namespace {

// A record like the indexer's: the same keys and phrases, a path, a number that varies.
std::string record(int i) {
  return "{\"path\":\"/archive/press/2023/release-" + std::to_string(i) +
         ".txt\",\"title\":\"Press release " + std::to_string(i * 7) +
         "\",\"format\":\"text\",\"lang\":\"en\",\"sentence\":\"The General Assembly adopted "
         "resolution 77/281 on promoting the social and solidarity economy for sustainable "
         "development, welcomed by the UNTFSSE and the ILO (" +
         std::to_string(i % 13) + ").\"}";
}

std::vector<std::string> records(int from, int to) {
  std::vector<std::string> out;
  for (int i = from; i < to; ++i) out.push_back(record(i));
  return out;
}

std::string streamed(const std::string& packed, const Dictionaries* dictionaries) {
  concord::util::InflateStreambuf buf(packed, dictionaries);
  std::string out;
  for (auto c = buf.sbumpc(); c != std::char_traits<char>::eof(); c = buf.sbumpc())
    out.push_back(static_cast<char>(c));
  return out;
}

}  // namespace

TEST_CASE("a dictionary trained on records makes the next ones smaller", "[compress]") {
  const std::optional<std::string> bytes = train_dictionary(records(0, 400), 8 << 10);
  REQUIRE(bytes);
  CHECK(bytes->size() <= (8u << 10));
  const Dictionary d(*bytes);
  CHECK(d.id() != 0);
  CHECK(d.bytes() == *bytes);
  Dictionaries held;
  held.add(d);
  size_t alone = 0, with = 0;
  for (const std::string& r : records(1000, 1100)) {  // records it was not trained on
    const std::string packed = compress(r, &d);
    alone += compress(r).size();
    with += packed.size();
    CHECK(decompress(packed, &held) == r);
    CHECK(streamed(packed, &held) == r);
  }
  CAPTURE(alone, with);
  CHECK(with * 2 < alone);  // at least twice smaller on records this alike
}

TEST_CASE("a record names its dictionary: without it, a clear error", "[compress]") {
  const Dictionary d(*train_dictionary(records(0, 400), 8 << 10));
  const std::string packed = compress(record(5000), &d);
  const Dictionaries empty;
  for (const Dictionaries* none : {static_cast<const Dictionaries*>(nullptr), &empty}) {
    try {
      decompress(packed, none);
      FAIL("read without its dictionary");
    } catch (const std::runtime_error& e) {
      CHECK(std::string(e.what()).find("dictionary " + std::to_string(d.id())) != std::string::npos);
    }
    CHECK_THROWS_AS(streamed(packed, none), std::runtime_error);
  }
  // Another database's dictionary does not stand in for it.
  std::vector<std::string> other;
  for (int i = 0; i < 400; ++i) other.push_back("autre " + std::to_string(i * i) + " mutuelle cooperative");
  const Dictionary o(*train_dictionary(other, 4 << 10));
  REQUIRE(o.id() != d.id());
  Dictionaries wrong;
  wrong.add(o);
  CHECK_THROWS_AS(decompress(packed, &wrong), std::runtime_error);
  // Records compressed alone still read with or without dictionaries.
  CHECK(decompress(compress("plain"), &wrong) == "plain");
  // Damage in a record compressed with a dictionary never reads as other text: an error (the
  // checksum), or the same text when the bit was one zstd does not use.
  Dictionaries right;
  right.add(d);
  size_t errors = 0;
  for (size_t at = 8; at < packed.size(); ++at) {
    for (const int bit : {0x01, 0x20, 0x80}) {
      CAPTURE(at, bit);
      std::string damaged = packed;
      damaged[at] = static_cast<char>(damaged[at] ^ bit);
      std::string got;
      try {
        got = decompress(damaged, &right);
      } catch (const std::runtime_error&) {
        ++errors;
        continue;
      }
      CHECK(got == record(5000));
    }
  }
  CHECK(errors > (packed.size() - 8) * 3 * 9 / 10);  // nearly every bit matters
}

TEST_CASE("dictionaries: what is not one is refused, and ids do not collide silently",
          "[compress]") {
  CHECK_THROWS_AS(Dictionary("not a dictionary"), std::runtime_error);
  CHECK_THROWS_AS(Dictionary(""), std::runtime_error);
  const std::string bytes = *train_dictionary(records(0, 400), 8 << 10);
  Dictionaries held;
  held.add(Dictionary(bytes));
  held.add(Dictionary(bytes));  // the same one again: kept once
  CHECK(held.size() == 1);
  std::string changed = bytes;  // the same id in its header, other content
  changed.back() = static_cast<char>(changed.back() ^ 0x01);
  CHECK_THROWS_AS(held.add(Dictionary(changed)), std::runtime_error);
  // Too little to train on is no dictionary, not an error.
  CHECK_FALSE(train_dictionary({"a", "b"}, 8 << 10));
  CHECK_FALSE(train_dictionary({}, 8 << 10));
}

TEST_CASE("a large record with a dictionary streams as it inflates", "[compress]") {
  const Dictionary d(*train_dictionary(records(0, 400), 8 << 10));
  Dictionaries held;
  held.add(d);
  std::string big;
  for (int i = 0; i < 3000; ++i) big += record(i * 31);  // several of the stream's buffers
  concord::util::Compressor z(&d);
  for (size_t at = 0; at < big.size(); at += 10000) z.append(std::string_view(big).substr(at, 10000));
  const std::string packed = z.finish();
  // Given whole, in one pass: other bytes, the same record.
  CHECK(decompress(compress(big, &d), &held) == big);
  CHECK(concord::util::decompressed_length(packed) == big.size());
  CHECK(streamed(packed, &held) == big);
}

TEST_CASE("a record given whole, in pieces or both is the same record", "[compress]") {
  const Dictionary d(*train_dictionary(records(0, 400), 8 << 10));
  Dictionaries held;
  held.add(d);
  std::string big;
  for (int i = 0; i < 200; ++i) big += record(i * 17);
  struct Way {
    const char* name;
    size_t piece;   // appended in pieces of this size (0: nothing appended)
    size_t last;    // the last bytes given to finish()
  };
  const Way ways[] = {
      {"whole to finish()", 0, SIZE_MAX},
      {"appended whole, finish() empty", SIZE_MAX, 0},
      {"pieces, finish() empty", 1000, 0},
      {"pieces, then the last 777 bytes to finish()", 1000, 777},
      {"byte by byte, then the last one to finish()", 1, 1},
  };
  for (const Dictionary* dictionary : {static_cast<const Dictionary*>(nullptr), &d}) {
    for (const std::string& r : {std::string(), record(3), big}) {
      for (const Way& way : ways) {
        CAPTURE(way.name, r.size(), dictionary != nullptr);
        concord::util::Compressor z(dictionary);
        const size_t last = std::min(way.last, r.size());
        const std::string_view head = std::string_view(r).substr(0, r.size() - last);
        if (way.piece > 0)
          for (size_t at = 0; at < head.size(); at += way.piece)
            z.append(head.substr(at, way.piece));
        else
          CHECK(head.empty());
        const std::string packed = z.finish(std::string_view(r).substr(r.size() - last));
        CHECK(concord::util::decompressed_length(packed) == r.size());
        CHECK(decompress(packed, &held) == r);
        CHECK(streamed(packed, &held) == r);
        if (way.piece == 0) CHECK(packed == compress(r, dictionary));  // compress() is one pass
      }
    }
  }
}
