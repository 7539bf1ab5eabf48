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
      {"justified blank before a hyphen", "by UN -Women staff", "by UN-Women staff"},
      {"after a digit, before a lower-case letter", "the G77 -led group, cross -border",
       "the G77-led group, cross-border"},
      {"non-ASCII letter after", "Secretary -Général", "Secretary-Général"},
      {"a dash between blanks stays", "Counter - Terrorism", "Counter - Terrorism"},
      {"suspended hyphen stays", "pre- and post-war", "pre- and post-war"},
      {"a list item's hyphen stays", "items:\n -first\n -second", "items:\n -first\n -second"},
      {"a negative number stays", "from 5 -3 to 2", "from 5 -3 to 2"},
      {"two blanks: left as written", "UN  -Women", "UN  -Women"},
      {"at the very start", " -a", " -a"},
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

TEST_CASE("separate_layout_columns reads a cover page's header column by column", "[cleanup]") {
  using concord::separate_layout_columns;
  struct Case {
    const char* why;
    std::string input;
    std::string expected;
  };
  const std::string gap(30, ' ');
  std::string body;  // twelve lines of text: what follows is past the header
  for (int i = 1; i <= 12; ++i) body += "Body line " + std::to_string(i) + "\n";
  const Case cases[] = {
      {"a UN cover page: the organ's name whole, then distribution, date, language",
       "   Executive Board of the" + gap + "Distr.: General\n"
       "   United Nations Entity " + gap + "23 April 2025\n"
       "\n"
       "   for Gender Equality and the" + std::string(26, ' ') + "Original: English\n"
       "\n"
       "   Empowerment of Women\n"
       "\n"
       "Annual session 2025",
       "Executive Board of the\nUnited Nations Entity\nfor Gender Equality and the\n"
       "Empowerment of Women\n\nDistr.: General\n23 April 2025\nOriginal: English\n\n"
       "Annual session 2025"},
      {"a left column running on below the right one, then the body (DP-FPA/2025/1)",
       "   Executive Board of the" + gap + "Distr.: General\n"
       "   United Nations Development" + std::string(27, ' ') + "13 January 2025\n"
       "   Nations Office for Project Services\n"
       "First regular session 2025",
       "Executive Board of the\nUnited Nations Development\nNations Office for Project "
       "Services\n\nDistr.: General\n13 January 2025\nFirst regular session 2025"},
      {"the line above the block (its right part elsewhere) stays as it is",
       "   United Nations" + gap + std::string(28, ' ') + "UNW/2025/1\n"
       "   Executive Board of the" + gap + "Distr.: General\n"
       "   United Nations Entity" + std::string(31, ' ') + "23 April 2025\n"
       "Body",
       "   United Nations" + gap + std::string(28, ' ') + "UNW/2025/1\n"
       "Executive Board of the\nUnited Nations Entity\n\nDistr.: General\n23 April 2025\n"
       "Body"},
      {"a line alone on the right continues the block",
       "      General Assembly" + gap + "Distr.: General\n"
       "      " + std::string(16, ' ') + gap + "9 December 2024\n"
       "Seventy-ninth session",
       "General Assembly\n\nDistr.: General\n9 December 2024\nSeventy-ninth session"},
      {"one line with two parts is not a block",
       "United Nations" + gap + "A/RES/79/26\nGeneral Assembly",
       "United Nations" + gap + "A/RES/79/26\nGeneral Assembly"},
      {"right parts not aligned: no block",
       "Left text here" + gap + "right one\nMore left text" + gap + "     right two",
       "Left text here" + gap + "right one\nMore left text" + gap + "     right two"},
      {"a gap under 8 spaces is a word space, not a gutter",
       "1.    On 10 January the Board\n2.    On 11 January the Board",
       "1.    On 10 January the Board\n2.    On 11 January the Board"},
      {"paragraph numbers, roman numerals and bullets are not a column",
       "(a)" + gap + "first item\n(b)" + gap + "second item\nIV." + gap + "Accreditation\n(iii)" +
           gap + "third\n\u2022 \u00a7" + gap + "x\n\u2022 \u00a7" + gap + "y",
       "(a)" + gap + "first item\n(b)" + gap + "second item\nIV." + gap + "Accreditation\n(iii)" +
           gap + "third\n\u2022 \u00a7" + gap + "x\n\u2022 \u00a7" + gap + "y"},
      {"a table row of three parts ends the block and stays whole",
       "Left one" + gap + "right one\nLeft two" + gap + "right two\nTotal" + gap + "12" + gap +
           "14",
       "Left one\nLeft two\n\nright one\nright two\nTotal" + gap + "12" + gap + "14"},
      {"two empty lines end the block",
       "Left one" + gap + "right one\nLeft two" + gap + "right two\n\n\nLeft three" + gap +
           "x",
       "Left one\nLeft two\n\nright one\nright two\n\n\nLeft three" + gap + "x"},
      {"a left paragraph going on past the block stays whole",
       "  Left one" + gap + "right one\n  Left two" + gap + "right two\n  Question of the "
       "Declaration on the\n      Granting of Independence",
       "Left one\nLeft two\n\nright one\nright two\n  Question of the Declaration on the\n"
       "      Granting of Independence"},
      {"a second block within the header is read too (a joint document's two organs)",
       "Left one" + gap + "right one\nLeft two" + gap + "right two\n\n\nGeneral Assembly" +
           gap + "Economic and Social Council\nEightieth session" + std::string(29, ' ') +
           "2025 session",
       "Left one\nLeft two\n\nright one\nright two\n\n\nGeneral Assembly\nEightieth "
       "session\n\nEconomic and Social Council\n2025 session"},
      {"a block starting past the header is not read",
       body + "Left one" + gap + "right one\nLeft two" + gap + "right two",
       body + "Left one" + gap + "right one\nLeft two" + gap + "right two"},
      {"a two-column list past the page's first twelve lines of text is left alone",
       body + "E/AC.51/2025/L.2" + gap + "Draft report\nA/80/6 (Sect. 2)" + gap + "Budget",
       body + "E/AC.51/2025/L.2" + gap + "Draft report\nA/80/6 (Sect. 2)" + gap + "Budget"},
      {"columns counted in characters, not bytes",
       "Économie é é é é" + gap + "Distr. générale\nEtats membres" + std::string(33, ' ') +
           "Français",
       "Économie é é é é\nEtats membres\n\nDistr. générale\nFrançais"},
      {"CRLF line ends",
       "   Left one" + gap + "right one\r\n\r\n   Left two" + gap + "right two\r\nEnd",
       "Left one\nLeft two\n\nright one\nright two\nEnd"},
      {"plain text unchanged", "Line one\nLine two\n", "Line one\nLine two\n"},
      {"empty", "", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.why, c.input);
    CHECK(separate_layout_columns(c.input) == c.expected);
  }
}
