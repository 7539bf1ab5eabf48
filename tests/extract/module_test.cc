// The PDF and HTML modules (extract/pdf_engine/engine.h, extract/html_engine/engine.h):
// concord-index links neither Poppler nor libxml2, loads each module only when a file needs it,
// and the module loader reports a missing module by name.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "extract/extract.h"
#include "extract/html_engine/engine.h"
#include "extract/pdf_document.h"
#include "extract/pdf_engine/engine.h"
#include "support.h"
#include "util/module.h"

TEST_CASE("the programs start without Poppler and libxml2, and PDFs are read through the module",
          "[extract][pdf]") {
  for (const char* program : {CONCORD_INDEX_BIN, CONCORD_QUERY_BIN}) {
    CAPTURE(program);
    const std::string needed = concord::test::needed_objects(program);
    CHECK(needed.find("poppler") == std::string::npos);
    CHECK(needed.find("libtesseract") == std::string::npos);
    CHECK(needed.find("libxml2") == std::string::npos);
    CHECK(needed.find("liblzma") == std::string::npos);
  }

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

  const concord::util::LoadedModule html = concord::util::load_module<ConcordHtmlEngine>(
      "libconcord-html.so", "concord_html_engine", "HTML module", "libxml2", kHtmlEngineAbi);
  REQUIRE(html.table != nullptr);
  CHECK(static_cast<const ConcordHtmlEngine*>(html.table)->abi == kHtmlEngineAbi);
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

namespace {

// A module's file, the problem kind of a file it cannot read without it, and how to write
// such a file with a given sentence.
struct ModuleRow {
  const char* module;
  const char* kind;
  const char* extension;
  std::string (*make)(const std::string& sentence);
};

const std::vector<ModuleRow>& module_rows() {
  static const std::vector<ModuleRow> rows = {
      {"libconcord-pdf.so", "pdf-unavailable", ".pdf",
       [](const std::string& sentence) { return concord::test::make_pdf({sentence}, "Report"); }},
      {"libconcord-html.so", "html-unavailable", ".html",
       [](const std::string& sentence) {
         return "<html><head><title>Report</title><script>var x = 1;</script></head><body><p>" +
                sentence + "</p></body></html>";
       }},
  };
  return rows;
}

}  // namespace

TEST_CASE(
    "without its PDF or HTML module concord-index fails each such file it reads and keeps the "
    "ones indexed, and reads them once the module is back",
    "[extract][pdf][index]") {
  namespace fs = std::filesystem;
  for (const ModuleRow& row : module_rows()) {
    CAPTURE(row.module);
    const std::string report = std::string("report") + row.extension;
    const std::string fresh = std::string("new") + row.extension;
    // concord-index installed under a prefix of its own, its modules beside it.
    const concord::test::TempDir prefix;
    std::string module_dir;
    const fs::path program =
        concord::test::install_program(prefix.str(), CONCORD_INDEX_BIN, "", &module_dir);
    const fs::path installed = fs::path(module_dir) / row.module;
    const fs::path module =  // the build's own, BUILD/LIBDIR/concord/FILE
        fs::path(CONCORD_BINARY_DIR) / fs::relative(installed, prefix.path());
    REQUIRE(fs::is_regular_file(module));

    const concord::test::TempDir docs;
    docs.write(report, row.make("The ILO met in Geneva."));
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
    CHECK(concord::test::hit_names(db, "Geneva") == std::vector<std::string>{report});

    // The module gone (a broken upgrade), the file changed and a new one added: both fail,
    // named, with the path looked for; the file indexed before stays as it was.
    fs::remove(installed);
    docs.write(report, row.make("The ILO met in Lisbon."));
    docs.write(fresh, row.make("UNCTAD met in Nairobi."));
    CHECK(concord::test::run(argv).exit_code != 0);  // files failed
    std::string listed = failures();
    CHECK(listed.find(report + "," + row.kind) != std::string::npos);
    CHECK(listed.find(fresh + "," + row.kind) != std::string::npos);
    CHECK(listed.find(row.module) != std::string::npos);
    CHECK(concord::test::hit_names(db, "Geneva") == std::vector<std::string>{report});
    CHECK(concord::test::hit_names(db, "Nairobi").empty());
    CHECK(concord::test::hit_names(db, "UNRISD") == std::vector<std::string>{"note.txt"});

    // The module back, the same unchanged files are read at the next run.
    fs::copy_file(module, installed);
    CHECK(concord::test::run(argv).exit_code == 0);
    CHECK(concord::test::hit_names(db, "Lisbon") == std::vector<std::string>{report});
    CHECK(concord::test::hit_names(db, "Geneva").empty());
    CHECK(concord::test::hit_names(db, "Nairobi") == std::vector<std::string>{fresh});
    listed = failures();
    CHECK(listed.find(row.extension) == std::string::npos);
  }
}

TEST_CASE("a run that reads no PDF or no HTML never loads that module", "[extract][pdf][index]") {
  const concord::test::TempDir docs;
  docs.write("text/note.txt", "UNRISD published a note.\n");
  docs.write("pdf/report.pdf", module_rows()[0].make("The ILO met in Geneva."));
  docs.write("html/report.html", module_rows()[1].make("The ILO met in Geneva."));
  // The dynamic loader names each object it loads, dlopen's included (LD_DEBUG=files).
  auto loads = [&](const std::string& folder) {
    const concord::test::RunResult r = concord::test::run(
        {"/usr/bin/env", "LD_DEBUG=files", CONCORD_INDEX_BIN, "-q", "--ocr", "never", "--db",
         (docs.path() / ("db-" + folder)).string(), (docs.path() / folder).string()});
    CHECK(r.exit_code == 0);
    CHECK(r.err.find("libxapian") != std::string::npos);  // the loader's listing is there
    return r.err;
  };
  struct Row {
    std::string folder;
    std::vector<std::string> loaded, not_loaded;
  };
  const std::vector<Row> rows = {
      {"text", {}, {"libconcord-pdf", "poppler", "libconcord-html", "libxml2"}},
      {"pdf", {"libconcord-pdf", "poppler"}, {"libconcord-html", "libxml2"}},
      {"html", {"libconcord-html", "libxml2"}, {"libconcord-pdf", "poppler"}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.folder);
    const std::string listing = loads(row.folder);
    for (const std::string& name : row.loaded) CHECK(listing.find(name) != std::string::npos);
    for (const std::string& name : row.not_loaded) CHECK(listing.find(name) == std::string::npos);
  }
  CHECK(concord::test::hit_names((docs.path() / "db-html").string(), "Geneva") ==
        std::vector<std::string>{"report.html"});
}
