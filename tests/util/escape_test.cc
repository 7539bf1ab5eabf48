// Tests for escape_controls: what reaches a terminal or a spreadsheet is never a control.
#include "util/escape.h"

#include <catch2/catch.hpp>
#include <string>

using concord::util::escape_controls;

TEST_CASE("escape_controls writes unsafe bytes as visible \\xHH", "[escape]") {
  struct Case {
    std::string input;
    std::string expected;
  };
  const Case cases[] = {
      {"", ""},
      {"corpus/plain name.txt", "corpus/plain name.txt"},
      {"dir\\with\\backslash", "dir\\with\\backslash"},                  // kept: no control in it
      {"résolution 77/281 – État.pdf", "résolution 77/281 – État.pdf"},  // printable UTF-8 kept
      {"\x1b]0;pwned\x07.txt", "\\x1b]0;pwned\\x07.txt"},                // OSC title sequence
      {"a\x1b[2Jb", "a\\x1b[2Jb"},                                       // clear screen
      {"line\nbreak\ttab\rreturn", "line\\x0abreak\\x09tab\\x0dreturn"},
      {std::string("nul\0byte", 8), "nul\\x00byte"},
      {"del\x7f", "del\\x7f"},
      {"c1 \xc2\x9b"
       "31m",
       "c1 \\xc2\\x9b31m"},              // U+009B, 8-bit CSI
      {"\xc2\xa0nbsp", "\xc2\xa0nbsp"},  // U+00A0 is printable
      {"bidi \xe2\x80\xae"
       "txt.exe",
       "bidi \\xe2\\x80\\xaetxt.exe"},                        // U+202E override
      {"isolate \xe2\x81\xa6x", "isolate \\xe2\\x81\\xa6x"},  // U+2066
      {"raw \x9b byte", "raw \\x9b byte"},                    // lone continuation byte
      {"latin1 \xe9t\xe9", "latin1 \\xe9t\\xe9"},             // not UTF-8
      {"overlong \xc0\xaf", "overlong \\xc0\\xaf"},
      {"surrogate \xed\xa0\x80", "surrogate \\xed\\xa0\\x80"},
      {"cut \xe2\x82", "cut \\xe2\\x82"},                    // truncated sequence
      {"emoji \xf0\x9f\x93\x84", "emoji \xf0\x9f\x93\x84"},  // 4-byte UTF-8 kept
  };
  for (const Case& c : cases) {
    CAPTURE(c.input);
    CHECK(escape_controls(c.input) == c.expected);
  }
}

TEST_CASE("escape_controls output never holds a control byte", "[escape]") {
  std::string all;
  for (int b = 0; b < 256; ++b) all.push_back(static_cast<char>(b));
  const std::string out = escape_controls(all + all);
  for (const char c : out) {
    const auto b = static_cast<unsigned char>(c);
    CAPTURE(static_cast<int>(b));
    CHECK(b >= 0x20);
    CHECK(b != 0x7F);
    CHECK(b < 0x80);  // every high byte here is outside well-formed UTF-8, so escaped
  }
}
