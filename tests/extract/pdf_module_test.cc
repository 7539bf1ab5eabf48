// The PDF module (extract/pdf_engine/engine.h): concord-index does not link Poppler, and the
// module loader reports a missing module by name.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "extract/pdf_document.h"
#include "extract/pdf_engine/engine.h"
#include "support.h"
#include "util/module.h"

TEST_CASE("concord-index starts without Poppler, and PDFs are read through the module",
          "[extract][pdf]") {
  // The dynamic loader lists what a program needs and exits (what ldd does).
  const concord::test::RunResult r =
      concord::test::run({"/usr/bin/env", "LD_TRACE_LOADED_OBJECTS=1", CONCORD_INDEX_BIN});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("libxapian") != std::string::npos);  // the listing is a real one
  CHECK(r.out.find("poppler") == std::string::npos);
  CHECK(r.out.find("libtesseract") == std::string::npos);

  const std::string pdf = concord::test::make_pdf({"one", "two"}, "Modular");
  const concord::PdfDocument doc(pdf);
  REQUIRE_FALSE(doc.problem());
  CHECK(doc.pages() == 2);
  CHECK(doc.info("Title") == "Modular");
  CHECK(doc.page_text(1).value_or("").find("two") != std::string::npos);
  CHECK_FALSE(doc.page_text(2));  // no third page
  double width = 0, height = 0;
  CHECK(doc.page_size(0, &width, &height));
  CHECK(width > 0);
  CHECK(height > 0);
}

TEST_CASE("a module that cannot be loaded is named, with what to reinstall", "[extract][pdf]") {
  const concord::util::LoadedModule m = concord::util::load_module<ConcordPdfEngine>(
      "libconcord-absent.so", "concord_absent", "absent module", "libabsent1", 1);
  CHECK(m.table == nullptr);
  CHECK(m.why.find("libconcord-absent.so") != std::string::npos);
  CHECK(m.why.find("libabsent1") != std::string::npos);

  const concord::util::LoadedModule pdf = concord::util::load_module<ConcordPdfEngine>(
      "libconcord-pdf.so", "concord_pdf_engine", "PDF module", "libpoppler-cpp0v5", kPdfEngineAbi);
  REQUIRE(pdf.table != nullptr);
  CHECK(static_cast<const ConcordPdfEngine*>(pdf.table)->abi == kPdfEngineAbi);
  CHECK(pdf.why.empty());

  // A module of another version of Concord (another ABI) is refused, named.
  const concord::util::LoadedModule other = concord::util::load_module<ConcordPdfEngine>(
      "libconcord-pdf.so", "concord_pdf_engine", "PDF module", "libpoppler-cpp0v5",
      kPdfEngineAbi + 1);
  CHECK(other.table == nullptr);
  CHECK(other.why.find("another version") != std::string::npos);
  CHECK(other.why.find("libconcord-pdf.so") != std::string::npos);
}

TEST_CASE("bytes that are not a PDF are a problem, not an exception", "[extract][pdf]") {
  for (const std::string& bytes :
       {std::string("%PDF-1.4\ngarbage"), std::string("plain text"), std::string(1, '\0')}) {
    const concord::PdfDocument doc(bytes);
    REQUIRE(doc.problem());
    CHECK(doc.problem()->kind == "corrupt");
    CHECK(doc.pages() == 0);
    CHECK_FALSE(doc.page_text(0));
    CHECK(doc.info("Title").empty());
    CHECK_FALSE(doc.render(0, 72, true));
  }
}

TEST_CASE(
    "without its PDF module concord-index fails each PDF it reads and keeps the ones indexed, "
    "and reads them once the module is back",
    "[extract][pdf][index]") {
  namespace fs = std::filesystem;
  // concord-index installed under a prefix of its own, its module beside it.
  const concord::test::TempDir prefix;
  fs::create_directories(prefix.path() / "bin");
  const fs::path program = prefix.path() / "bin" / "concord-index";
  fs::copy_file(CONCORD_INDEX_BIN, program);
  fs::path module;
  for (const auto& e : fs::recursive_directory_iterator(CONCORD_BINARY_DIR))
    if (e.path().filename() == "libconcord-pdf.so") module = e.path();
  REQUIRE_FALSE(module.empty());
  const fs::path module_dir = fs::path(module).parent_path();  // BUILD/LIBDIR/concord
  const fs::path installed =
      prefix.path() / fs::relative(module_dir, CONCORD_BINARY_DIR) / "libconcord-pdf.so";
  fs::create_directories(installed.parent_path());
  fs::copy_file(module, installed);

  const concord::test::TempDir docs;
  docs.write("report.pdf", concord::test::make_pdf({"The ILO met in Geneva."}, "Report"));
  docs.write("note.txt", "UNRISD published a note.\n");
  const std::string db = (docs.path() / "db").string();
  // The database is under the indexed folder: left out.
  const std::vector<std::string> argv = {program.string(), "-q", "--ocr",   "never", "--db", db,
                                         "--exclude",      "db", docs.str()};
  auto failures = [&] {
    const concord::test::RunResult r =
        concord::test::run({CONCORD_QUERY_BIN, "--db", db, "failures", "--csv"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.rfind("path,kind,message,size", 0) == 0);  // the listing is a real one
    return r.out;
  };
  REQUIRE(concord::test::run(argv).exit_code == 0);
  CHECK(concord::test::hit_names(db, "Geneva") == std::vector<std::string>{"report.pdf"});

  // The module gone (a broken upgrade), the PDF changed and a new one added: both fail, named,
  // with the path looked for; the PDF indexed before stays as it was.
  fs::remove(installed);
  docs.write("report.pdf", concord::test::make_pdf({"The ILO met in Lisbon."}, "Report"));
  docs.write("new.pdf", concord::test::make_pdf({"UNCTAD met in Nairobi."}, "New"));
  CHECK(concord::test::run(argv).exit_code != 0);  // files failed
  std::string listed = failures();
  CHECK(listed.find("report.pdf,pdf-unavailable") != std::string::npos);
  CHECK(listed.find("new.pdf,pdf-unavailable") != std::string::npos);
  CHECK(listed.find("libconcord-pdf.so") != std::string::npos);
  CHECK(concord::test::hit_names(db, "Geneva") == std::vector<std::string>{"report.pdf"});
  CHECK(concord::test::hit_names(db, "Nairobi").empty());
  CHECK(concord::test::hit_names(db, "UNRISD") == std::vector<std::string>{"note.txt"});

  // The module back, the same unchanged files are read at the next run.
  fs::copy_file(module, installed);
  CHECK(concord::test::run(argv).exit_code == 0);
  CHECK(concord::test::hit_names(db, "Lisbon") == std::vector<std::string>{"report.pdf"});
  CHECK(concord::test::hit_names(db, "Geneva").empty());
  CHECK(concord::test::hit_names(db, "Nairobi") == std::vector<std::string>{"new.pdf"});
  listed = failures();
  CHECK(listed.find(".pdf") == std::string::npos);
}

TEST_CASE("a run that reads no PDF never loads the PDF module", "[extract][pdf][index]") {
  const concord::test::TempDir docs;
  docs.write("text/note.txt", "UNRISD published a note.\n");
  docs.write("pdf/report.pdf", concord::test::make_pdf({"The ILO met in Geneva."}, "Report"));
  // The dynamic loader names each object it loads, dlopen's included (LD_DEBUG=files).
  auto loads = [&](const std::string& folder) {
    const concord::test::RunResult r = concord::test::run(
        {"/usr/bin/env", "LD_DEBUG=files", CONCORD_INDEX_BIN, "-q", "--ocr", "never", "--db",
         (docs.path() / ("db-" + folder)).string(), (docs.path() / folder).string()});
    CHECK(r.exit_code == 0);
    CHECK(r.err.find("libxapian") != std::string::npos);  // the loader's listing is there
    return r.err;
  };
  const std::string text_only = loads("text");
  CHECK(text_only.find("libconcord-pdf") == std::string::npos);
  CHECK(text_only.find("poppler") == std::string::npos);
  const std::string with_pdf = loads("pdf");
  CHECK(with_pdf.find("libconcord-pdf") != std::string::npos);
  CHECK(with_pdf.find("poppler") != std::string::npos);
}
