// Tests for the PDF extractor on PDFs written by make_pdf (and qpdf for encryption).
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "extract/extract.h"
#include "support.h"

using concord::extract_pdf;
using concord::ExtractResult;
using concord::test::make_pdf;

TEST_CASE("a multi-page PDF gives one entry per page, in order", "[extract][pdf]") {
  const std::string pdf =
      make_pdf({"First page text\nsecond line", "Deuxième page — été", "Third (page) back\\slash"},
               "Annual Report 2023", "20230418");
  const ExtractResult result = extract_pdf(pdf);
  REQUIRE_FALSE(result.problem);
  CHECK(result.doc.paged);
  REQUIRE(result.doc.pages.size() == 3);
  CHECK(result.doc.pages[0] == "First page text\nsecond line");
  CHECK(result.doc.pages[1] == "Deuxième page — été");
  CHECK(result.doc.pages[2] == "Third (page) back\\slash");
  CHECK(result.doc.title == "Annual Report 2023");
  CHECK(result.doc.date == "2023-04-18");
}

TEST_CASE("a non-ASCII PDF title is decoded", "[extract][pdf]") {
  const ExtractResult result = extract_pdf(make_pdf({"x"}, "État des lieux", "20220101"));
  REQUIRE_FALSE(result.problem);
  CHECK(result.doc.title == "État des lieux");
  CHECK(result.doc.date == "2022-01-01");
}

TEST_CASE("empty pages are kept so page numbers stay right", "[extract][pdf]") {
  const ExtractResult result = extract_pdf(make_pdf({"one", "", "three"}));
  REQUIRE_FALSE(result.problem);
  REQUIRE(result.doc.pages.size() == 3);
  CHECK(result.doc.pages[1].empty());
  CHECK(result.doc.pages[2] == "three");
  CHECK(result.doc.title.empty());
  CHECK(result.doc.date.empty());
}

TEST_CASE("a PDF without text is a no-text problem", "[extract][pdf]") {
  const ExtractResult result = extract_pdf(make_pdf({"", ""}));
  REQUIRE(result.problem);
  CHECK(result.problem->kind == "no-text");
}

TEST_CASE("hyphenation is repaired end to end", "[extract][pdf]") {
  const ExtractResult result =
      extract_pdf(make_pdf({"the develop-\nment of the social\nFranco-\nGerman e-\nmail"}));
  REQUIRE_FALSE(result.problem);
  REQUIRE(result.doc.pages.size() == 1);
  CHECK(result.doc.pages[0] == "the development\nof the social\nFranco-German\ne-mail\n");
}

TEST_CASE("corrupt and truncated PDFs are problems, not crashes", "[extract][pdf]") {
  const ExtractResult garbage = extract_pdf("%PDF-1.4 garbage");
  REQUIRE(garbage.problem);
  CHECK(garbage.problem->kind == "corrupt");
  CHECK(garbage.problem->message == "not a readable PDF");

  const std::string pdf = make_pdf({"alpha page", "beta page", "gamma page"}, "T", "20230418");
  for (const size_t keep : {pdf.size() / 4, pdf.size() / 2, pdf.size() - 40}) {
    CAPTURE(keep);
    const ExtractResult truncated = concord::extract(pdf.substr(0, keep), concord::Format::kPdf);
    if (truncated.problem) {
      CHECK_FALSE(truncated.problem->kind.empty());
    } else {
      CHECK_FALSE(truncated.doc.pages.empty());
    }
  }
  const ExtractResult empty = extract_pdf("");
  REQUIRE(empty.problem);
}

TEST_CASE("an encrypted PDF is an encrypted problem", "[extract][pdf]") {
  if (!std::filesystem::exists("/usr/bin/qpdf")) {
    FAIL("qpdf is required for this test: install it (apt-get install qpdf)");
  }
  concord::test::TempDir dir;
  const std::string in = dir.write("in.pdf", make_pdf({"secret text"}, "Secret", "20230418"));
  const std::string out = dir.str() + "/out.pdf";
  const concord::test::RunResult run =
      concord::test::run({"/usr/bin/qpdf", "--encrypt", "user", "owner", "256", "--", in, out});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  const ExtractResult result = extract_pdf(concord::test::read_file(out));
  REQUIRE(result.problem);
  CHECK(result.problem->kind == "encrypted");
  CHECK(result.problem->message == "PDF is encrypted (password required)");
}

TEST_CASE("make_pdf writes a well-formed PDF", "[support][pdf]") {
  const std::string pdf = make_pdf({"a", "b"}, "T", "20230418");
  CHECK(pdf.rfind("%PDF-1.4\n", 0) == 0);
  CHECK(pdf.find("/CreationDate (D:20230418000000Z)") != std::string::npos);
  // Every xref entry points at the object it names.
  const size_t xref = pdf.find("\nxref\n") + 1;
  const size_t first_entry = pdf.find('\n', pdf.find('\n', xref) + 1) + 1 + 20;
  for (int id = 1; id <= 8; ++id) {
    const size_t offset = std::stoul(pdf.substr(first_entry + 20 * (id - 1), 10));
    CHECK(pdf.compare(offset, std::to_string(id).size() + 6, std::to_string(id) + " 0 obj") == 0);
  }
  const size_t startxref = pdf.find("startxref\n") + 10;
  CHECK(std::stoul(pdf.substr(startxref)) == xref);
}

TEST_CASE("a real UN cover page reads the organ's name whole, beside-column apart",
          "[extract][pdf][real]") {
  // HRI/MC/2025/1 (a real UN document, tests/data/real/): the left column "International Human
  // Rights / Instruments" has the right column's date between its two lines.
  const std::string pdf =
      concord::test::read_file(concord::test::source_path("tests/data/real/HRI_MC_2025_1.en.pdf"));
  const ExtractResult result = extract_pdf(pdf);
  REQUIRE_FALSE(result.problem);
  REQUIRE_FALSE(result.doc.pages.empty());
  const std::string& page = result.doc.pages[0];
  CAPTURE(page.substr(0, 400));
  CHECK(page.find("International Human Rights\nInstruments\n") != std::string::npos);
  CHECK(page.find("Distr.: General\n28 March 2025\nOriginal: English") != std::string::npos);
  // The body below the cover is untouched.
  CHECK(page.find("Thirty-seventh meeting of Chairs\nof the human rights treaty bodies") !=
        std::string::npos);
}
