// OCR of scanned PDFs: generated scans of known text with known citations, read back by the
// indexer; character error rate and symbol recall per resolution and noise; the cache; the
// modes; OCR pages marked in what the commands print.
#include "ocr/ocr.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "../web/web_support.h"
#include "extract/cleanup.h"
#include "output/render.h"
#include "index/indexer.h"
#include "mentions/mentions.h"
#include "search/search.h"
#include "support.h"

namespace fs = std::filesystem;
using concord::test::TempDir;

namespace {

// Two pages of a resolution-like text: what a scan holds, and the symbols it cites.
const std::vector<std::string> kPages = {
    "The General Assembly,\n"
    "Recalling its resolution 77/281 of 18 April 2023 on promoting the social\n"
    "and solidarity economy for sustainable development,\n"
    "Taking note of the report of the Secretary-General (A/78/168),\n"
    "Welcoming the work of the International Labour Organization and of the\n"
    "United Nations Research Institute for Social Development,\n"
    "1. Requests the Secretary-General to report on the implementation\n"
    "of the present resolution at its eightieth session.",
    "Recalling also Security Council resolution 2334 (2016),\n"
    "Noting the Promotion of Cooperatives Recommendation, 2002\n"
    "(No. 193), adopted by the International Labour Conference,\n"
    "2. Invites Member States to support cooperatives and mutual societies,\n"
    "3. Decides to include in the provisional agenda of its eightieth\n"
    "session the item entitled \"Social and solidarity economy\"."};

const std::set<std::string> kSymbols = {"A/RES/77/281", "A/78/168", "S/RES/2334(2016)", "ILO-R193"};

std::string squeeze(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// Character error rate: edit distance over the reference's length (whitespace squeezed).
double cer(const std::string& reference, const std::string& read) {
  const std::string a = squeeze(reference), b = squeeze(read);
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    std::swap(prev, cur);
  }
  return static_cast<double>(prev[b.size()]) / static_cast<double>(a.size());
}

struct Indexed {
  concord::IndexSummary summary;
  std::vector<concord::IndexEvent> events;
};

Indexed index(const std::string& db, const std::string& root, concord::OcrOptions ocr) {
  Indexed out;
  concord::IndexOptions o;
  o.db_path = db;
  o.roots = {root};
  o.ocr = std::move(ocr);
  out.summary = concord::run_index(o, [&](const concord::IndexEvent& e) {
    if (e.kind != concord::IndexEvent::Kind::kProgress) out.events.push_back(e);
  });
  return out;
}

std::set<std::string> symbols_found(const std::string& db) {
  std::set<std::string> found;
  for (const std::string& s : kSymbols) {
    concord::MentionsOptions m;
    m.db_path = db;
    m.entity = s;
    if (!concord::list_mentions(m).mentions.empty()) found.insert(s);
  }
  return found;
}

}  // namespace

TEST_CASE("scans at 150 and 300 dpi, clean and noisy: text and symbols read back", "[ocr][slow]") {
  if (auto why = concord::ocr_unavailable()) FAIL("OCR cannot run: " << *why);
  struct Case {
    int dpi;
    double noise;
    double max_cer;  // what this kind of scan must reach
  };
  // Noise: 0.5% of the pixels flipped, a dirty photocopy (bench/ocr.sh measures more).
  const Case cases[] = {{300, 0, 0.02}, {150, 0, 0.03}, {300, 0.005, 0.04}, {150, 0.005, 0.08}};
  for (const Case& c : cases) {
    CAPTURE(c.dpi, c.noise);
    TempDir dir;
    dir.write("scans/resolution.pdf", concord::test::make_scanned_pdf(kPages, c.dpi, c.noise));
    concord::OcrOptions ocr;
    ocr.cache_dir = dir.str() + "/cache";
    const Indexed run = index(dir.str() + "/db", dir.str() + "/scans", ocr);
    REQUIRE(run.summary.added == 1);
    CHECK(run.summary.ocr_pages == 2);
    CHECK(run.summary.ocr_cached == 0);
    const concord::ShownDoc shown = concord::show(dir.str() + "/db", dir.str() + "/scans/resolution.pdf", 0);
    REQUIRE(shown.pages.size() == 2);
    for (size_t p = 0; p < 2; ++p) {
      const double rate = cer(kPages[p], shown.pages[p].second);
      INFO("page " << p + 1 << " CER " << rate << "\n" << shown.pages[p].second);
      CHECK(rate <= c.max_cer);
      CHECK(std::count(shown.ocr_pages.begin(), shown.ocr_pages.end(), static_cast<uint32_t>(p + 1)) == 1);
    }
    CHECK(symbols_found(dir.str() + "/db") == kSymbols);
  }
}

TEST_CASE("the OCR cache: a new database reads no page twice, and --ocr=never fails as no-text", "[ocr][slow]") {
  if (auto why = concord::ocr_unavailable()) FAIL("OCR cannot run: " << *why);
  TempDir dir;
  dir.write("scans/resolution.pdf", concord::test::make_scanned_pdf(kPages, 200));
  concord::OcrOptions ocr;
  ocr.cache_dir = dir.str() + "/cache";
  const Indexed first = index(dir.str() + "/db1", dir.str() + "/scans", ocr);
  CHECK(first.summary.ocr_pages == 2);
  CHECK(first.summary.ocr_cached == 0);
  CHECK(concord::stats(dir.str() + "/db1").ocr_pages == 2);
  const Indexed second = index(dir.str() + "/db2", dir.str() + "/scans", ocr);
  CHECK(second.summary.ocr_pages == 2);
  CHECK(second.summary.ocr_cached == 2);
  CHECK(concord::show(dir.str() + "/db1", dir.str() + "/scans/resolution.pdf", 1).pages[0].second ==
        concord::show(dir.str() + "/db2", dir.str() + "/scans/resolution.pdf", 1).pages[0].second);
  // Trimmed to nothing: the next run reads the pages again.
  CHECK(concord::trim_ocr_cache(ocr.cache_dir, 0) > 0);
  const Indexed third = index(dir.str() + "/db3", dir.str() + "/scans", ocr);
  CHECK(third.summary.ocr_cached == 0);

  ocr.mode = concord::OcrMode::kNever;
  const Indexed never = index(dir.str() + "/db4", dir.str() + "/scans", ocr);
  CHECK(never.summary.failed == 1);
  REQUIRE(!never.events.empty());
  CHECK(never.events[0].reason.find("no-text") != std::string::npos);
  CHECK(never.events[0].reason.find("--ocr=never") != std::string::npos);
  // The same file, OCR allowed again: the failure is retried although the file is unchanged.
  ocr.mode = concord::OcrMode::kAuto;
  const Indexed retried = index(dir.str() + "/db4", dir.str() + "/scans", ocr);
  CHECK(retried.summary.failed == 0);
  CHECK(retried.summary.added == 1);
}

TEST_CASE("a mixed PDF: only the page without a text layer is read, and marked (OCR)", "[ocr][slow]") {
  if (auto why = concord::ocr_unavailable()) FAIL("OCR cannot run: " << *why);
  TempDir dir;
  dir.write("mixed/m.pdf", concord::test::make_scanned_pdf(kPages, 300, 0, {0}));
  concord::OcrOptions ocr;
  ocr.cache_dir = "";
  const Indexed run = index(dir.str() + "/db", dir.str() + "/mixed", ocr);
  CHECK(run.summary.ocr_pages == 1);
  const concord::ShownDoc shown = concord::show(dir.str() + "/db", dir.str() + "/mixed/m.pdf", 0);
  REQUIRE(shown.pages.size() == 2);
  CHECK(shown.ocr_pages == std::vector<uint32_t>{2});
  // The mention on the OCR page says so, the one on the text page does not.
  concord::MentionsOptions m;
  m.db_path = dir.str() + "/db";
  m.entity = "S/RES/2334(2016)";
  const auto on_scan = concord::list_mentions(m);
  REQUIRE(on_scan.mentions.size() == 1);
  CHECK(on_scan.mentions[0].ocr);
  m.entity = "A/78/168";
  const auto on_text = concord::list_mentions(m);
  REQUIRE(on_text.mentions.size() == 1);
  CHECK_FALSE(on_text.mentions[0].ocr);
  // Search hits on it list the OCR page.
  concord::SearchOptions s;
  s.db_path = dir.str() + "/db";
  s.query = "cooperatives";
  const auto hits = concord::search(s);
  REQUIRE(hits.results.size() == 1);
  CHECK(hits.results[0].ocr_pages == std::vector<int>{2});

  // What people read says so: show, search, mentions, stats, and the web page.
  const std::string shown_text = concord::render_show_text(shown);
  CHECK(shown_text.find("--- page 1 ---") != std::string::npos);
  CHECK(shown_text.find("--- page 2 (OCR) ---") != std::string::npos);
  CHECK(concord::render_search_text(hits, false).find("page 2 (OCR)") != std::string::npos);
  const std::string listed = concord::render_mentions_text(on_scan, false);
  CHECK(listed.find("(OCR)") != std::string::npos);
  CHECK(concord::render_mentions_text(on_text, false).find("(OCR)") == std::string::npos);
  CHECK(concord::render_stats_text(concord::stats(dir.str() + "/db")).find("Pages      2 (1 read by OCR)") !=
        std::string::npos);
  const concord::Site site(concord::test::site_options(dir.str() + "/db"));
  concord::WebRequest doc;
  doc.method = "GET";
  doc.path = "/doc";
  doc.params.emplace("path", dir.str() + "/mixed/m.pdf");
  const concord::WebResponse page = site.handle(doc);
  REQUIRE(page.status == 200);
  CHECK(page.body.find("Page 1</h2>") != std::string::npos);
  CHECK(page.body.find("Page 2 <span class=\"ocr\"") != std::string::npos);
}

TEST_CASE("a blank scanned page, or one holding a page number only, is not given to Tesseract", "[ocr][slow]") {
  if (auto why = concord::ocr_unavailable()) FAIL("OCR cannot run: " << *why);
  const std::string pdf = concord::test::make_scanned_pdf({"", "3", kPages[0], ""}, 300);
  struct Case {
    int page;
    bool blank;
  };
  const Case cases[] = {{1, true}, {2, true}, {3, false}, {4, true}};
  concord::OcrOptions options;  // no cache: every page is rendered
  options.cache_dir = "";
  for (const Case& c : cases) {
    CAPTURE(c.page);
    const concord::OcrPage read = concord::ocr_pdf_page(pdf, c.page, "", "eng", options);
    REQUIRE_FALSE(read.problem);
    CHECK(read.blank == c.blank);
    if (c.blank) CHECK(read.text.empty());
    else CHECK(read.text.find("solidarity") != std::string::npos);
  }
  // In a document: the text page is read, the blank ones are neither read nor marked.
  TempDir dir;
  dir.write("scans/r.pdf", pdf);
  concord::OcrOptions ocr;
  ocr.cache_dir = dir.str() + "/cache";
  const Indexed run = index(dir.str() + "/db", dir.str() + "/scans", ocr);
  REQUIRE(run.summary.added == 1);
  CHECK(run.summary.ocr_pages == 1);
  CHECK(concord::show(dir.str() + "/db", dir.str() + "/scans/r.pdf", 0).ocr_pages ==
        std::vector<uint32_t>{3});
}

TEST_CASE("OCR confusions inside document symbols are repaired, other words are not", "[ocr]") {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"A/31/l97", "A/31/197"},
      {"see S/2O25/254.", "see S/2025/254."},
      {"(A/RES/77/28l)", "(A/RES/77/281)"},
      {"E/CN.6/2OI5/3", "E/CN.6/2015/3"},
      {"A/C.3/80/L.12", "A/C.3/80/L.12"},       // L.12 is a draft, not a confusion
      {"A/45/696/Add.l", "A/45/696/Add.l"},     // a part with letters is left alone
      {"S/PV.8O15", "S/PV.8O15"},               // ditto
      {"Oil and lOO", "Oil and lOO"},           // not a symbol
      {"A/RES/lO", "A/RES/lO"},                 // no digit at all: not sure enough
  };
  for (const Case& c : cases) {
    CAPTURE(c.in);
    CHECK(concord::repair_ocr_symbols(c.in) == c.out);
  }
}

// Not a test: the measurements bench/ocr.sh reports (run with its tag, "[.ocr-bench]").
TEST_CASE("OCR measurements: character error rate, symbol recall, pages per second", "[.ocr-bench]") {
  if (auto why = concord::ocr_unavailable()) FAIL("OCR cannot run: " << *why);
  std::printf("%-5s %-6s %-8s %-8s %-9s %s\n", "dpi", "noise", "CER p1", "CER p2", "symbols", "s/page (cold)");
  for (int dpi : {150, 300}) {
    for (double noise : {0.0, 0.005, 0.02}) {
      TempDir dir;
      dir.write("scans/r.pdf", concord::test::make_scanned_pdf(kPages, dpi, noise));
      concord::OcrOptions ocr;
      ocr.cache_dir = "";
      concord::IndexOptions o;
      o.db_path = dir.str() + "/db";
      o.roots = {dir.str() + "/scans"};
      o.ocr = ocr;
      o.threads = 1;
      const concord::IndexSummary s = concord::run_index(o, nullptr);
      const concord::ShownDoc shown = concord::show(o.db_path, dir.str() + "/scans/r.pdf", 0);
      const size_t found = symbols_found(o.db_path).size();
      std::printf("%-5d %-6.3f %-8.4f %-8.4f %zu/%-7zu %.2f\n", dpi, noise, cer(kPages[0], shown.pages[0].second),
                  cer(kPages[1], shown.pages[1].second), found, kSymbols.size(), s.elapsed_s / 2);
    }
  }
}
