// Extractors stop at a page boundary once their cancel flag is set, and say so.
#include <atomic>
#include <catch2/catch.hpp>
#include <string>

#include "extract/extract.h"
#include "support.h"

using concord::ExtractResult;
using concord::Format;

TEST_CASE("a set cancel flag stops every extractor with kCancelled, a clear one changes nothing",
          "[extract][cancel]") {
  struct Case {
    const char* what;
    Format format;
    std::string bytes;
  };
  std::string many_nodes = "<html><body>";
  for (int i = 0; i < 10000; ++i) many_nodes += "<p>cooperative</p>";
  many_nodes += "</body></html>";
  const Case cases[] = {
      {"text with form feeds", Format::kText, "one\fcooperative two\fthree\n"},
      {"html", Format::kHtml, many_nodes},
      {"pdf", Format::kPdf, concord::test::make_pdf({"cooperative one", "two", "three"})},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    std::atomic<bool> cancel{false};
    const ExtractResult whole = concord::extract(c.bytes, c.format, &cancel);
    REQUIRE_FALSE(whole.problem);
    std::string text;
    for (const std::string& page : whole.doc.pages) text += page;
    CHECK(text.find("cooperative") != std::string::npos);
    cancel = true;
    const ExtractResult stopped = concord::extract(c.bytes, c.format, &cancel);
    REQUIRE(stopped.problem);
    CHECK(stopped.problem->kind == concord::kCancelled);
  }
}
