// Tests for the plain-text extractor: encodings, pages, binary and empty files, header lines.
#include <catch2/catch.hpp>
#include <string>

#include "extract/cleanup.h"
#include "extract/extract.h"

using concord::extract_text;
using concord::ExtractResult;

namespace {

// UTF-16 bytes of an ASCII/Latin-1 string (enough for these tests).
std::string utf16(std::string_view latin1, bool little_endian, bool bom) {
  std::string out;
  if (bom) out += little_endian ? "\xFF\xFE" : "\xFE\xFF";
  for (const char c : latin1) {
    if (little_endian) {
      out.push_back(c);
      out.push_back('\0');
    } else {
      out.push_back('\0');
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("text encodings are detected and decoded", "[extract][text]") {
  struct Case {
    const char* why;
    std::string bytes;
    std::string text;
    std::string encoding;
  };
  const Case cases[] = {
      {"UTF-8", "été 2023\n", "été 2023\n", "UTF-8"},
      {"UTF-8 with BOM", "\uFEFFcafé", "café", "UTF-8"},
      {"UTF-16LE with BOM", utf16("caf\xE9 ok", true, true), "café ok", "UTF-16LE"},
      {"UTF-16BE with BOM", utf16("caf\xE9 ok", false, true), "café ok", "UTF-16BE"},
      {"UTF-16LE without BOM", utf16("Social economy", true, false), "Social economy", "UTF-16LE"},
      {"UTF-16BE without BOM", utf16("Social economy", false, false), "Social economy", "UTF-16BE"},
      {"windows-1252", "\xE9t\xE9 \x92 \x80", "été ’ €", "windows-1252"},
      {"CRLF line ends", "one\r\ntwo\r\n", "one\ntwo\n", "UTF-8"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.why);
    const ExtractResult result = extract_text(c.bytes);
    REQUIRE_FALSE(result.problem);
    REQUIRE(result.doc.pages.size() == 1);
    CHECK(result.doc.pages[0] == c.text);
    CHECK(result.doc.encoding == c.encoding);
    CHECK_FALSE(result.doc.paged);
  }
}

TEST_CASE("form feeds split text into pages", "[extract][text]") {
  const ExtractResult result = extract_text("page one\n\fpage two\fpage three\n\f");
  REQUIRE_FALSE(result.problem);
  CHECK(result.doc.paged);
  REQUIRE(result.doc.pages.size() == 3);
  CHECK(result.doc.pages[0] == "page one\n");
  CHECK(result.doc.pages[1] == "page two");
  CHECK(result.doc.pages[2] == "page three\n");
  for (const std::string& page : result.doc.pages) CHECK(page.find('\f') == std::string::npos);
}

TEST_CASE("a page between form feeds longer than 256 KiB is cut into bounded pages",
          "[extract][text]") {
  // Files joined: short pages, then one of 600 KiB without a form feed, then a short one.
  std::string long_page;
  for (int line = 0; long_page.size() < 600 * 1024; ++line)
    long_page += "speech " + std::to_string(line) + " on the social economy\n";
  const std::string text = "first page\n\f" + long_page + "\flast page\n";
  const ExtractResult result = extract_text(text);
  REQUIRE_FALSE(result.problem);
  CHECK(result.doc.paged);
  REQUIRE(result.doc.pages.size() >= 1 + 3 + 1);
  CHECK(result.doc.pages.front() == "first page\n");
  CHECK(result.doc.pages.back() == "last page\n");
  std::string middle;
  for (size_t i = 1; i + 1 < result.doc.pages.size(); ++i) {
    const std::string& page = result.doc.pages[i];
    CHECK(page.size() <= 256 * 1024);
    CHECK(page.back() == '\n');  // cut at line ends
    middle += page;
  }
  CHECK(middle == long_page);
}

TEST_CASE("pages between form feeds are the text normalized whole, cut at its form feeds",
          "[extract][text]") {
  // CRLF, blanks before a form feed, OCR hyphens inside a page and right before a form feed,
  // a no-break space, decomposed accents, header lines: each page normalized on its own is
  // the whole text normalized, then split.
  const std::string text =
      "Title: Joined notes\r\nDate: 2023-04-18\r\nreso\xC2\xAC\r\nlutions of the\xC2\xA0ILO  \r\n"
      "\fe\xCC\x81" "conomie sociale  \t\fcoopera\xC2\xAC\ftives\r\n\f\f  last\n";
  const ExtractResult result = extract_text(text);
  REQUIRE_FALSE(result.problem);
  CHECK(result.doc.title == "Joined notes");
  CHECK(result.doc.date == "2023-04-18");
  std::string joined;
  for (size_t i = 0; i < result.doc.pages.size(); ++i) joined += (i ? "\f" : "") + result.doc.pages[i];
  CHECK(joined == concord::normalize_text(text));
  CHECK(result.doc.pages.size() == 6);
}

TEST_CASE("empty pages between form feeds are kept", "[extract][text]") {
  const ExtractResult result = extract_text("one\f\fthree");
  REQUIRE_FALSE(result.problem);
  REQUIRE(result.doc.pages.size() == 3);
  CHECK(result.doc.pages[1].empty());
  CHECK(result.doc.pages[2] == "three");
}

TEST_CASE("binary and empty files are problems", "[extract][text]") {
  struct Case {
    const char* why;
    std::string bytes;
    std::string kind;
    std::string message;
  };
  std::string controls;
  for (int i = 0; i < 200; ++i) controls += (i % 3 == 0) ? "\x01\x02" : "text ";
  const Case cases[] = {
      {"PNG header", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "binary",
       "binary data, not text"},
      {"ZIP header", std::string("PK\x03\x04\x14\0\0\0", 8), "binary", "binary data, not text"},
      {"ELF header",
       std::string("\x7f"
                   "ELF\x02\x01\x01\0\0\0",
                   10),
       "binary", "binary data, not text"},
      {"NUL bytes in 8-bit text", std::string("abc\0def ghi jkl mno", 19), "binary",
       "binary data, not text"},
      {"too many control characters", controls, "binary", "binary data, not text"},
      {"empty file", "", "empty", "file is empty"},
      {"BOM only", "\uFEFF", "empty", "file is empty"},
      {"whitespace only", " \n\t\r\n  \f \n", "empty", "no text"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.why);
    const ExtractResult result = extract_text(c.bytes);
    REQUIRE(result.problem);
    CHECK(result.problem->kind == c.kind);
    CHECK(result.problem->message == c.message);
  }
}

TEST_CASE("Title and Date header lines are read", "[extract][text]") {
  struct Case {
    std::string bytes;
    std::string title;
    std::string date;
  };
  const Case cases[] = {
      {"Title: Annual report\nDate: 2023-04-18\n\nBody.", "Annual report", "2023-04-18"},
      {"Title: A\nDate: 18 April 2023\n", "A", "2023-04-18"},
      {"Title: A\nDate: April 18, 2023\n", "A", "2023-04-18"},
      {"Titre : Rapport\nDate : 18 avril 2023\n", "Rapport", "2023-04-18"},
      {"Titre : Rapport\nDate : le 18 avril 2023\n", "Rapport", "2023-04-18"},
      {"Titre : Note\nDate : 1er mars 2024\n", "Note", "2024-03-01"},
      {"Titre : Note\nDate : 5 février 2024\n", "Note", "2024-02-05"},
      {"Título: Informe\nFecha: 18 de abril de 2023\n", "Informe", "2023-04-18"},
      {"Date: 31 February 2023\nText", "Date: 31 February 2023", ""},  // not a real day
      {"Date: sometime soon\nText", "Date: sometime soon", ""},
      {"\n\n  First line as title  \nmore", "First line as title", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.bytes);
    const ExtractResult result = extract_text(c.bytes);
    REQUIRE_FALSE(result.problem);
    CHECK(result.doc.title == c.title);
    CHECK(result.doc.date == c.date);
  }
}

TEST_CASE("header lines stay in the text and titles are bounded", "[extract][text]") {
  const ExtractResult with_header = extract_text("Title: Report\nBody text");
  REQUIRE_FALSE(with_header.problem);
  CHECK(with_header.doc.pages[0] == "Title: Report\nBody text");

  const std::string long_line(300, 'x');
  const ExtractResult long_title = extract_text(long_line + "\nmore");
  REQUIRE_FALSE(long_title.problem);
  CHECK(long_title.doc.title.size() == 120);

  const ExtractResult late_header =
      extract_text("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\nTitle: Too late\n");
  REQUIRE_FALSE(late_header.problem);
  CHECK(late_header.doc.title == "1");
}

TEST_CASE("a long text without form feeds is cut into pages at line ends", "[extract][text]") {
  // 300 KiB of CRLF lines with no-break spaces and OCR hyphens, some of them right where a
  // page would end: the pages together are the text normalized whole.
  std::string text = "Title: Long notes\r\n";
  for (int line = 0; text.size() < 300 * 1024; ++line) {
    text += "line " + std::to_string(line) +
            " on mutuals\xC2\xA0"
            "and cooperatives  ";
    text += line % 7 == 0 ? "reso\xC2\xAC\r\nlutions\r\n" : "\r\n";
  }
  const ExtractResult result = extract_text(text);
  REQUIRE_FALSE(result.problem);
  CHECK(result.doc.paged);
  CHECK(result.doc.title == "Long notes");
  CHECK(result.doc.pages.size() >= 4);
  CHECK(result.doc.pages.size() <= 5);
  std::string joined;
  for (const std::string& page : result.doc.pages) {
    CHECK(page.size() <= 256 * 1024);
    CHECK(page.back() == '\n');  // cut at a line end
    joined += page;
  }
  CHECK(joined == concord::normalize_text(text));
  CHECK(joined.find("reso") == joined.find("resolutions"));  // every hyphen joined
}

TEST_CASE("a text of one very long line is cut into bounded pages", "[extract][text]") {
  std::string text;
  while (text.size() < 600 * 1024) text += "mutuelle économie ";
  const ExtractResult result = extract_text(text);
  REQUIRE_FALSE(result.problem);
  CHECK(result.doc.paged);
  CHECK(result.doc.pages.size() >= 3);
  std::string joined;
  for (const std::string& page : result.doc.pages) {
    CHECK(page.size() <= 256 * 1024);
    joined += page;
  }
  CHECK(joined == concord::normalize_text(text));
}

TEST_CASE("a text up to 64 KiB without form feeds stays one unpaged page", "[extract][text]") {
  const std::string text(64 * 1024, 'a');
  const ExtractResult result = extract_text(text);
  REQUIRE_FALSE(result.problem);
  CHECK_FALSE(result.doc.paged);
  CHECK(result.doc.pages.size() == 1);
}
