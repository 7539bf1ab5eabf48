// Tests for the shared text repair: hyphenation, ligatures, invisible characters, line ends.
#include "extract/cleanup.h"

#include <catch2/catch.hpp>
#include <string>

using concord::normalize_text;
using concord::repair_pdf_text;

TEST_CASE("repair_pdf_text joins hyphenated words and keeps line counts", "[cleanup]") {
  struct Case {
    const char* why;
    std::string input;
    std::string expected;
  };
  const Case cases[] = {
      {"hyphenation joined, line kept", "develop-\nment", "development\n"},
      {"continuation moves up, its space dropped", "the develop-\nment of SSE",
       "the development\nof SSE"},
      {"trailing blanks after the hyphen", "develop-  \n  ment of", "development\nof"},
      {"punctuation travels with the fragment", "develop-\nment, then", "development,\nthen"},
      {"fragment was the whole next line", "develop-\nment\nnext", "development\n\nnext"},
      {"non-ASCII lower-case letters", "évolu-\née ici", "évoluée\nici"},
      {"upper case after: hyphen kept", "Franco-\nGerman talks", "Franco-German\ntalks"},
      {"digit after: hyphen kept", "COVID-\n19 crisis", "COVID-19\ncrisis"},
      {"single letter before: a real hyphen", "e-\nmail address", "e-mail\naddress"},
      {"upper case before, lower after: untouched", "ABC-\ndef", "ABC-\ndef"},
      {"hyphen at end of text", "a well-", "a well-"},
      {"hyphen before an empty line", "end-\n\nNext", "end-\n\nNext"},
      {"dash between words is not hyphenation", "war --\nand peace", "war --\nand peace"},
      {"hyphen inside a line untouched", "well-known\nfact", "well-known\nfact"},
      {"ligatures", "ﬁnal eﬀect ﬂow ﬃ ﬄ ﬅ ﬆ", "final effect flow ffi ffl st st"},
      {"soft hyphen removed inside a line", "co\u00ADop\u00ADer\u00ADate", "cooperate"},
      {"soft hyphen at line end joins", "coop\u00AD\nerative bank", "cooperative\nbank"},
      {"soft hyphen joins before upper case too", "Inter\u00AD\nNational", "InterNational\n"},
      {"zero-width characters removed", "a\u200Bb\u200Cc\u200Dd\uFEFF", "abcd"},
      {"plain text unchanged", "Line one\nLine two\n", "Line one\nLine two\n"},
      {"empty", "", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.why, c.input);
    CHECK(repair_pdf_text(c.input) == c.expected);
  }
}

TEST_CASE("normalize_text cleans line ends, controls and normalization", "[cleanup]") {
  struct Case {
    const char* why;
    std::string input;
    std::string expected;
  };
  const Case cases[] = {
      {"CRLF and CR", "a\r\nb\rc", "a\nb\nc"},
      {"trailing spaces per line", "a  \nb\t\nc  ", "a\nb\nc"},
      {"trailing spaces before a form feed", "a \fb", "a\fb"},
      {"NUL and C0 controls dropped",
       std::string("a\0b\x01\x1B"
                   "c\x7F",
                   7),
       "abc"},
      {"tab, newline and form feed kept", "a\tb\nc\fd", "a\tb\nc\fd"},
      {"NFC", "e\u0301té", "été"},
      {"no-break space becomes a space", "10\u00A0000", "10 000"},
      {"byte order mark dropped", "\uFEFFtext", "text"},
      {"leading spaces kept", "  indented", "  indented"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.why);
    CHECK(normalize_text(c.input) == c.expected);
  }
}

TEST_CASE("words hyphenated across a page break are joined on the first page", "[cleanup]") {
  struct Case {
    std::vector<std::string> in;
    std::vector<std::string> out;
  };
  const std::vector<Case> cases = {
      {{"conclusions and recommen-\n\nPage 1 of 3\n", "dations to Member States.\nData."},
       {"conclusions and recommendations\n\nPage 1 of 3\n", "to Member States.\nData."}},
      {{"the develop-\n", "\nment of cooperatives"}, {"the development\n", "\nof cooperatives"}},
      // Upper case after the break, or no hyphen: unchanged.
      {{"Franco-\n", "German relations"}, {"Franco-\n", "German relations"}},
      {{"a full line.\n- 2 -\n", "next page"}, {"a full line.\n- 2 -\n", "next page"}},
      // A long last line that is not a footer stops the search.
      {{"inter-\nThis line is long enough not to be a page footer at all, 1.\n", "national"},
       {"inter-\nThis line is long enough not to be a page footer at all, 1.\n", "national"}},
  };
  for (const Case& c : cases) {
    std::vector<std::string> pages = c.in;
    concord::join_hyphens_across_pages(&pages);
    CHECK(pages == c.out);
  }
}

TEST_CASE("OCR's line-end hyphen and soft hyphens are joined in every format", "[cleanup]") {
  struct Case {
    const char* why;
    std::string input;
    std::string expected;
  };
  const Case cases[] = {
      {"¬ inside a line (OCR kept the join)", "reso¬lutions 242 (1967)", "resolutions 242 (1967)"},
      {"¬ then a space", "reso¬ lutions 242", "resolutions 242"},
      {"¬ at a line end: the line break moves after the word", "the reso¬\nlution of the",
       "the resolution\nof the"},
      {"accented continuation", "l'assem¬blée générale", "l'assemblée générale"},
      {"¬ before an upper-case letter stays", "A¬B", "A¬B"},
      {"logical not stays", "if ¬p then", "if ¬p then"},
      {"soft hyphen inside a line", "coop\u00ADerative", "cooperative"},
      {"no change without either", "plain text", "plain text"},
  };
  for (const Case& c : cases) {
    INFO(c.why);
    CHECK(concord::repair_ocr_hyphens(c.input) == c.expected);
  }
  // normalize_text, which every extractor runs, repairs them too.
  CHECK(normalize_text("Security Council reso¬\nlution 242 (1967)") ==
        "Security Council resolution\n242 (1967)");
}
