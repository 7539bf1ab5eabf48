// Echoing user input in messages: control characters visible, length bounded.
#include "util/echo.h"

#include <catch2/catch.hpp>

using concord::util::echo_input;

TEST_CASE("echo_input escapes control characters and bounds the length", "[util]") {
  struct Row {
    std::string in;
    size_t max;
    std::string out;
  };
  const std::vector<Row> rows = {
      {"ILO", 200, "ILO"},
      {"résolution 77/281", 200, "résolution 77/281"},
      {"\x1b[31mred\x1b[0m", 200, "\\x1B[31mred\\x1B[0m"},
      {"two\nlines\r\tand\x7f", 200, "two\\x0Alines\\x0D\\x09and\\x7F"},
      {"c1 \xc2\x9b"
       "2J",
       200, "c1 \\xC2\\x9B2J"},  // U+009B, a one-byte CSI
      {std::string("nul\0byte", 8), 200, "nul\\x00byte"},
      {"abcdef", 3, "abc…"},
      {"aé", 2, "a…"},  // a UTF-8 sequence cut by the bound is dropped whole
      {"", 200, ""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.in);
    CHECK(echo_input(row.in, row.max) == row.out);
  }
}
