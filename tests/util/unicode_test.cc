// Tests for the Unicode helpers: folding, validation, legacy decoders, code point iteration.
#include "util/unicode.h"

#include <catch2/catch.hpp>
#include <zlib.h>

#include <string>

#include "util/compress.h"
#include "util/hash.h"

using namespace concord::util;

TEST_CASE("fold lower-cases and removes accents", "[unicode]") {
  struct Case {
    std::string input;
    std::string expected;
  };
  const Case cases[] = {
      {"Hello World", "hello world"},
      {"État", "etat"},
      {"ÉPANOUIR", "epanouir"},
      {"Ñandú", "nandu"},
      {"straße", "strasse"},
      {"Œuvre", "oeuvre"},
      {"cœur", "coeur"},
      {"Æsop", "aesop"},
      {"e\u0301té", "ete"},  // e + combining acute, then é
      {"Αθήνα", "αθηνα"},
      {"Москва", "москва"},
      {"l’économie", "l’economie"},  // ’ is kept
      {"ẠỆ", "ae"},                  // Ạ Ệ (outside the cached range)
      {"Ａ", "ａ"},                  // fullwidth A -> fullwidth a
      {"", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.input);
    CHECK(fold(c.input) == c.expected);
  }
}

TEST_CASE("strip_accents keeps case", "[unicode]") {
  // Lower-cased afterwards (by the query parser), each gives what fold() gives the text.
  struct Case {
    const char* text;
    const char* stripped;
  } cases[] = {
      {"œuvre", "oeuvre"},   {"Œuvre", "OEuvre"}, {"cœur", "coeur"},  {"Straße", "Strasse"},
      {"λόγος", "λογοσ"},    {"ΛΌΓΟΣ", "ΛΟΓΟΣ"},  {"Łódź", "Lodz"},   {"ſ", "s"},
      {"Ærø", "AEro"},       {"µ", "μ"},          {"ı", "i"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(strip_accents(c.text) == c.stripped);
    CHECK(fold(strip_accents(c.text)) == fold(c.text));
  }
  CHECK(strip_accents("État") == "Etat");
  CHECK(strip_accents("Señor") == "Senor");
  CHECK(strip_accents("plain") == "plain");
}

TEST_CASE("is_valid_utf8 rejects malformed sequences", "[unicode]") {
  struct Case {
    std::string bytes;
    bool valid;
  };
  const Case cases[] = {
      {"", true},
      {"ascii only, long enough for the word loop", true},
      {"été", true},
      {"\U0001F600", true},         // U+1F600
      {"\uFFFD", true},             // U+FFFD
      {"\xC0\xAF", false},          // overlong '/'
      {"\xE0\x80\xAF", false},      // overlong, 3 bytes
      {"\xF0\x80\x80\xAF", false},  // overlong, 4 bytes
      {"\xED\xA0\x80", false},      // surrogate U+D800
      {"\xF4\x90\x80\x80", false},  // above U+10FFFF
      {"caf\xC3", false},           // truncated at end
      {"\xE2\x82", false},          // truncated 3-byte
      {"\x80", false},              // lone continuation
      {"\xE9t\xE9", false},         // Windows-1252
      {"\xFF", false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.bytes);
    CHECK(is_valid_utf8(c.bytes) == c.valid);
  }
}

TEST_CASE("cp1252_to_utf8 maps the 0x80-0x9F block", "[unicode]") {
  CHECK(cp1252_to_utf8("\xE9t\xE9") == "été");
  CHECK(cp1252_to_utf8("\x92") == "’");
  CHECK(cp1252_to_utf8("\x80") == "€");
  CHECK(cp1252_to_utf8("\x9C") == "œ");
  CHECK(cp1252_to_utf8("\x81") == "\uFFFD");  // undefined byte
  CHECK(cp1252_to_utf8("abc") == "abc");
}

TEST_CASE("utf16_to_utf8 decodes both byte orders and surrogate pairs", "[unicode]") {
  const std::string le("A\0\xE9\0=\xD8\x00\xDE", 8);  // A é U+1F600
  const std::string be("\0A\0\xE9\xD8=\xDE\x00", 8);
  CHECK(utf16_to_utf8(le, true) == "Aé\U0001F600");
  CHECK(utf16_to_utf8(be, false) == "Aé\U0001F600");
  const std::string lone_high("\x3D\xD8\x41\x00", 4);
  CHECK(utf16_to_utf8(lone_high, true) == "\uFFFDA");
  const std::string lone_low("\x00\xDE", 2);
  CHECK(utf16_to_utf8(lone_low, true) == "\uFFFD");
}

TEST_CASE("convert_to_utf8 uses ICU for other charsets", "[unicode]") {
  std::string out;
  REQUIRE(convert_to_utf8("\xE9", "ISO-8859-15", &out));
  CHECK(out == "é");
  REQUIRE(convert_to_utf8("\xA4", "ISO-8859-15", &out));
  CHECK(out == "€");  // € in Latin-9
  REQUIRE(convert_to_utf8("\x80", "windows-1252", &out));
  CHECK(out == "€");
  REQUIRE(convert_to_utf8("déjà", "utf-8", &out));
  CHECK(out == "déjà");
  CHECK_FALSE(convert_to_utf8("x", "no-such-charset", &out));
}

TEST_CASE("nfc composes decomposed text", "[unicode]") {
  CHECK(nfc("e\u0301té") == "été");
  CHECK(nfc("plain") == "plain");
}

TEST_CASE("next_code_point decodes and flags malformed bytes", "[unicode]") {
  const std::string text = "aé€\U0001F600\xFFz";
  size_t pos = 0;
  CHECK(next_code_point(text, &pos) == U'a');
  CHECK(next_code_point(text, &pos) == U'\u00E9');
  CHECK(pos == 3);
  CHECK(next_code_point(text, &pos) == U'\u20AC');
  CHECK(next_code_point(text, &pos) == U'\U0001F600');
  CHECK(next_code_point(text, &pos) == U'\uFFFD');
  CHECK(pos == 11);
  CHECK(next_code_point(text, &pos) == U'z');
  CHECK(pos == text.size());
}

TEST_CASE("append_utf8 round-trips through next_code_point", "[unicode]") {
  for (const char32_t cp : {U'A', U'\u00E9', U'\u20AC', U'\U0001F600', U'\U0010FFFF'}) {
    std::string out;
    append_utf8(cp, &out);
    size_t pos = 0;
    CHECK(next_code_point(out, &pos) == cp);
    CHECK(pos == out.size());
  }
}

TEST_CASE("word characters and upper case", "[unicode]") {
  CHECK(is_word_char(U'a'));
  CHECK(is_word_char(U'7'));
  CHECK(is_word_char(U'\u00E9'));
  CHECK(is_word_char(U'\u0301'));  // combining acute (Mn)
  CHECK(is_word_char(U'\u4E2D'));
  CHECK_FALSE(is_word_char(U'\u2019'));
  CHECK_FALSE(is_word_char(U'-'));
  CHECK_FALSE(is_word_char(U'\u00A0'));
  CHECK(is_upper(U'\u00C9'));
  CHECK_FALSE(is_upper(U'\u00E9'));
}

TEST_CASE("words that get a stem: those starting with a letter, as Xapian's parser stems",
          "[unicode]") {
  struct Case {
    const char* word;
    bool stems;
  } cases[] = {
      {"cooperatives", true}, {"économie", true},  {"\u4E2D\u6587", true},  // Lo
      {"\u02B0x", true},      // modifier letter (Lm)
      {"1446", false},        {"2nd", false},      {"77", false},
      {"\u0301a", false},     // a combining mark first (Mn)
      {"Report", false},      // upper case: the parser searches it as written
      {"", false},            {"_x", false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.word);
    CHECK(concord::util::stems(c.word) == c.stems);
  }
}

TEST_CASE("truncate_utf8 never cuts a sequence", "[unicode]") {
  CHECK(truncate_utf8("été", 1) == "");
  CHECK(truncate_utf8("été", 2) == "é");
  CHECK(truncate_utf8("été", 4) == "ét");
  CHECK(truncate_utf8("abc", 10) == "abc");
}

TEST_CASE("content_hash is 16 lower-case hex digits and content-sensitive", "[hash]") {
  const std::string a = content_hash("hello");
  CHECK(a.size() == 16);
  CHECK(a.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(a == content_hash("hello"));
  CHECK(a != content_hash("hellp"));
  CHECK(content_hash("") == "2d06800538d394c2");  // XXH3_64bits of the empty input
}

TEST_CASE("compress round-trips and rejects corrupt data", "[compress]") {
  std::string big;
  for (int i = 0; i < 1000; ++i) big += "economie sociale et solidaire ";
  for (const std::string& data : {std::string(), std::string("x"), big}) {
    const std::string packed = concord::util::compress(data);
    CHECK(decompress(packed) == data);
  }
  CHECK(concord::util::compress(big).size() < big.size() / 10);
  CHECK_THROWS_AS(decompress("short"), std::runtime_error);
  std::string damaged = concord::util::compress(big);
  damaged[12] = static_cast<char>(damaged[12] ^ 0x55);
  CHECK_THROWS_AS(decompress(damaged), std::runtime_error);
  // Damage anywhere in the frame is caught (zstd's content checksum), whole or streamed.
  for (size_t at = 8; at < damaged.size(); at += 7) {
    CAPTURE(at);
    std::string d = concord::util::compress(big);
    d[at] = static_cast<char>(d[at] ^ 0x20);
    CHECK_THROWS_AS(decompress(d), std::runtime_error);
  }
}

// The bytes a database written before zstd holds: the length prefix, then a zlib stream.
std::string zlib_record(const std::string& data) {
  uLongf size = compressBound(data.size());
  std::string out(8 + size, '\0');
  REQUIRE(compress2(reinterpret_cast<Bytef*>(out.data() + 8), &size,
                    reinterpret_cast<const Bytef*>(data.data()), data.size(), 6) == Z_OK);
  out.resize(8 + size);
  for (size_t i = 0; i < 8; ++i) out[i] = static_cast<char>((uint64_t{data.size()} >> (8 * i)) & 0xFF);
  return out;
}

TEST_CASE("records of older databases, in zlib, are still read", "[compress]") {
  std::string big;
  for (int i = 0; i < 5000; ++i) big += "mutuelle " + std::to_string(i) + " ";
  for (const std::string& data : {std::string("x"), big}) {
    const std::string old = zlib_record(data);
    CHECK(static_cast<unsigned char>(old[8]) == 0x78);  // a zlib header, not zstd's magic
    CHECK(decompress(old) == data);
    CHECK(concord::util::decompressed_length(old) == data.size());
    concord::util::InflateStreambuf buf(old);
    std::string streamed;
    for (auto c = buf.sbumpc(); c != std::char_traits<char>::eof(); c = buf.sbumpc())
      streamed.push_back(static_cast<char>(c));
    CHECK(streamed == data);
    // The new writer's record of the same data is zstd, smaller than zlib's here.
    const std::string now = concord::util::compress(data);
    CHECK(now.substr(8, 4) == "\x28\xB5\x2F\xFD");
    if (data.size() > 1000) CHECK(now.size() < old.size());
  }
  std::string damaged = zlib_record(big);
  damaged[damaged.size() / 2] = static_cast<char>(damaged[damaged.size() / 2] ^ 0x20);
  CHECK_THROWS_AS(decompress(damaged), std::runtime_error);
}
