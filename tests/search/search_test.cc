// Search round trips: phrases, accents, stemming per language, fields, dates, pages, snippets.
#include "search/search.h"

#include <catch2/catch.hpp>
#include <filesystem>

#include "index/indexer.h"
#include "store/query.h"
#include "store/schema.h"
#include "support.h"

namespace fs = std::filesystem;
using concord::test::TempDir;

namespace {

// A small archive made once for all the search tests.
struct Fixture {
  TempDir dir;
  std::string db;
  Fixture() {
    dir.write("en/coops.txt",
              "Title: Cooperatives and decent work\nDate: 18 April 2023\n\n"
              "Cooperatives create decent work in rural areas.\n"
              "The social and solidarity economy supports local development.\n");
    dir.write("en/mutuals.html",
              "<html lang=\"en\"><head><title>Mutual societies</title><meta name=\"date\" content=\"2021-12-09\">"
              "</head><body><nav>Home | About</nav><p>Mutual insurance protects members.</p>"
              "<p>Financing of mutual societies grew.</p><script>var zzhidden = 1;</script></body></html>");
    dir.write("fr/ess.txt",
              "Titre : L'économie sociale\nDate : 3 mai 2024\n\n"
              "L'État doit permettre aux coopératives de s'épanouir. Les développements récents de "
              "l'économie sociale et solidaire sont nombreux dans les territoires.\n");
    dir.write("es/economia.html",
              "<html lang=\"es\"><head><title>Economía social</title><meta name=\"date\" content=\"2022-06-10\"></head>"
              "<body><p>Las empresas económicas de la economía social y solidaria crecen en la región.</p></body></html>");
    dir.write("reports/plan.pdf",
              concord::test::make_pdf({"Report on the action plan\nIntroduction to the report",
                                       "The social economy action plan was adopted\nby the Commission in 2021.",
                                       "Annex with tables of figures"},
                                      "Action plan report", "20211209"));
    db = dir.str() + "/db";
    concord::IndexOptions o;
    o.db_path = db;
    o.roots = {dir.str()};
    const concord::IndexSummary s = concord::run_index(o, nullptr);
    REQUIRE(s.added == 5);
    REQUIRE(s.failed == 0);
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

concord::SearchResults run(const std::string& q) {
  concord::SearchOptions o;
  o.db_path = fixture().db;
  o.query = q;
  o.limit = 50;
  return concord::search(o);
}

std::vector<std::string> names(const std::string& q) {
  std::vector<std::string> out;
  for (const auto& h : run(q).results) out.push_back(fs::path(h.path).filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("search round trips", "[search]") {
  struct Case {
    const char* query;
    Names expected;
  };
  const std::vector<Case> cases = {
      // words and phrases
      {"cooperatives", {"coops.txt", "ess.txt"}},  // "coopératives" too
      {"\"social and solidarity economy\"", {"coops.txt"}},
      {"\"solidarity social economy\"", {}},
      {"\"action plan was adopted\"", {"plan.pdf"}},
      // accents and case both ways
      {"epanouir", {"ess.txt"}},
      {"ETAT", {"ess.txt"}},
      {"épanouir", {"ess.txt"}},
      {"État", {"ess.txt"}},
      {"economia", {"economia.html"}},
      // stemming in each document's language
      {"cooperative", {"coops.txt", "ess.txt"}},
      {"\"decent work\"", {"coops.txt"}},
      {"developpement", {"ess.txt"}},
      {"economicas", {"economia.html"}},
      {"financed", {"mutuals.html"}},
      // boolean operators, NEAR, wildcards
      {"mutual OR cooperatives", {"coops.txt", "ess.txt", "mutuals.html"}},
      {"economy NOT solidarity", {"plan.pdf"}},
      {"(insurance OR tables) NOT mutual", {"plan.pdf"}},
      {"insurance NEAR members", {"mutuals.html"}},
      {"develop*", {"coops.txt", "ess.txt"}},
      // fields
      {"title:mutual", {"mutuals.html"}},
      {"social type:pdf", {"plan.pdf"}},
      {"social type:html", {"economia.html"}},
      {"social lang:fr", {"ess.txt"}},
      {"social lang:es", {"economia.html"}},
      // dates: ranges over the value slot and single years/months
      {"social date:2023..2024", {"coops.txt", "ess.txt"}},
      {"social date:..2022", {"economia.html", "plan.pdf"}},
      {"social date:2022-01..2022-12", {"economia.html"}},
      {"date:2021", {"mutuals.html", "plan.pdf"}},
      {"date:2023-04", {"coops.txt"}},
      // text of scripts and navigation menus is not indexed as content
      {"zzhidden", {}},
      {"home", {}},
  };
  for (const Case& c : cases) {
    INFO("query: " << c.query);
    CHECK(names(c.query) == c.expected);
  }
}

TEST_CASE("path: restricts to a folder", "[search]") {
  const std::string en = fixture().dir.str() + "/en";
  CHECK(names("path:" + en) == Names{"coops.txt", "mutuals.html"});
  CHECK(names("social path:" + fixture().dir.str() + "/fr") == Names{"ess.txt"});
}

TEST_CASE("hits report their pages and a highlighted snippet", "[search]") {
  const auto r = run("commission");
  REQUIRE(r.results.size() == 1);
  const auto& h = r.results[0];
  CHECK(h.pages == std::vector<int>{2});
  CHECK(h.format == "pdf");
  CHECK(h.title == "Action plan report");
  CHECK(h.date == "2021-12-09");
  REQUIRE(h.highlights.size() == 1);
  CHECK(h.snippet.substr(h.highlights[0].start, h.highlights[0].end - h.highlights[0].start) == "Commission");

  // An accent-less query highlights the accented word as written.
  const auto fr = run("epanouir");
  REQUIRE(fr.results.size() == 1);
  REQUIRE(!fr.results[0].highlights.empty());
  const auto& sp = fr.results[0].highlights[0];
  CHECK(fr.results[0].snippet.substr(sp.start, sp.end - sp.start) == "épanouir");
  CHECK(fr.results[0].pages.empty());  // unpaged text
  CHECK(fr.results[0].language == "fr");
}

TEST_CASE("highlighting marks the words a query's stem matched, never a stop word", "[search]") {
  // "wills" gives the stem "will"; the index gives no stem term to the stop word "will", so a
  // page's "will" is not what matched (budget NOT wills must not highlight it).
  concord::QueryMatch m;
  m.terms = {"budget", std::string(concord::schema::kStem) + "will"};
  m.has_stems = true;
  struct Case {
    const char* language;
    const char* word;
    bool marked;
  };
  const Case cases[] = {
      {"en", "budget", true},  {"en", "wills", true},
      {"en", "will", false},   {"en", "2023", false}, {"en", "coops", false},
      {"fr", "will", true},  // not a French stop word: stemmed as the index stems it
  };
  concord::TermMatcher matcher;
  for (int round = 0; round < 2; ++round)  // the second round from the matcher's cache
    for (const Case& c : cases) {
      INFO(c.language << " " << c.word << " round " << round);
      CHECK(matcher.word(m, c.language, c.word) == c.marked);
    }
  m.has_stems = false;
  CHECK_FALSE(matcher.word(m, "en", "wills"));
  CHECK(matcher.word(m, "en", "budget"));
}

TEST_CASE("limit, offset and totals", "[search]") {
  const auto all = run("social");
  CHECK(all.total == 4);
  concord::SearchOptions o;
  o.db_path = fixture().db;
  o.query = "social";
  o.limit = 2;
  o.offset = 1;
  const auto page = concord::search(o);
  REQUIRE(page.results.size() == 2);
  CHECK(page.results[0].rank == 2);
  CHECK(page.results[0].path == all.results[1].path);
  o.sort_by_date = true;
  o.offset = 0;
  o.limit = 10;
  const auto by_date = concord::search(o);
  REQUIRE(by_date.results.size() == 4);
  CHECK(by_date.results[0].date == "2024-05-03");
  CHECK(by_date.results[3].date == "2021-12-09");
}

TEST_CASE("bad queries and missing databases are errors of their own kind", "[search]") {
  CHECK_THROWS_AS(run("social AND"), concord::QueryError);
  CHECK_THROWS_AS(run("type:docx"), concord::QueryError);
  CHECK_THROWS_AS(run("date:yesterday"), concord::QueryError);
  concord::SearchOptions o;
  o.db_path = fixture().dir.str() + "/no-such-db";
  o.query = "x";
  CHECK_THROWS_AS(concord::search(o), concord::DatabaseError);
}

TEST_CASE("show returns stored pages, stats counts formats and languages", "[search]") {
  const std::string pdf = fixture().dir.str() + "/reports/plan.pdf";
  const auto all = concord::show(fixture().db, pdf, 0);
  CHECK(all.page_count == 3);
  REQUIRE(all.pages.size() == 3);
  const auto p3 = concord::show(fixture().db, pdf, 3);
  REQUIRE(p3.pages.size() == 1);
  CHECK(p3.pages[0].first == 3);
  CHECK(p3.pages[0].second.find("Annex with tables") != std::string::npos);
  CHECK_THROWS_AS(concord::show(fixture().db, pdf, 4), concord::QueryError);
  CHECK_THROWS_AS(concord::show(fixture().db, pdf + ".nope", 0), concord::QueryError);

  const auto s = concord::stats(fixture().db);
  CHECK(s.documents == 5);
  CHECK(s.pages == 7);
  CHECK(s.by_format.at("pdf") == 1);
  CHECK(s.by_format.at("html") == 2);
  CHECK(s.by_format.at("text") == 2);
  CHECK(s.by_language.at("fr") == 1);
  CHECK(s.by_language.at("es") == 1);
  CHECK(s.by_language.at("en") == 3);
  CHECK(s.terms > 50);
}

TEST_CASE("a document matching every word of the query scores 100%, whatever its language",
          "[search]") {
  // The query is parsed once per language; languages whose parses are the same run as one
  // branch, so the other languages' parses do not dilute a full match's percentage.
  struct Case {
    const char* query;
    const char* top;  // file name of the best match
  } cases[] = {
      {"mutual", "mutuals.html"},
      {"decent work", "coops.txt"},
      {"\"action plan\"", "plan.pdf"},
      {"territoires", "ess.txt"},
      {"región", "economia.html"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.query);
    const auto r = run(c.query);
    REQUIRE(!r.results.empty());
    CHECK(fs::path(r.results[0].path).filename() == c.top);
    CHECK(r.results[0].percent == 100);
    CHECK(r.total_lower == r.total_upper);
  }
}

TEST_CASE("a limit of 0 counts without listing", "[search]") {
  for (const char* q : {"social", "\"social economy\"", "mutual OR cooperatives"}) {
    CAPTURE(q);
    concord::SearchOptions o;
    o.db_path = fixture().db;
    o.query = q;
    o.limit = 0;
    const auto counted = concord::search(o);
    const auto listed = run(q);
    CHECK(counted.results.empty());
    CHECK(counted.total == listed.total);
    CHECK(counted.total_lower == listed.total_lower);
    CHECK(counted.total > 0);
  }
}

TEST_CASE("results that score the same are in path order, whatever the documents' ids",
          "[search]") {
  // Four files of the same words, indexed one run each in reverse path order: their document
  // ids run against their paths. A fifth file scores higher and comes first.
  TempDir dir;
  const std::string db = dir.str() + "/db";
  const std::string same = "Title: Fisheries note\n\nFisheries cooperatives met in the harbour.\n";
  const std::vector<std::pair<std::string, std::string>> files = {
      {"d.txt", same}, {"c.txt", same}, {"b.txt", same}, {"a.txt", same},
      {"z.txt", "Title: Fisheries cooperatives\n\nFisheries cooperatives, fisheries cooperatives.\n"}};
  for (const auto& [name, text] : files) {
    dir.write("archive/" + name, text);
    concord::IndexOptions o;
    o.db_path = db;
    o.roots = {dir.str() + "/archive"};
    REQUIRE(concord::run_index(o, nullptr).added == 1);
  }
  concord::SearchOptions o;
  o.db_path = db;
  o.query = "fisheries cooperatives";
  o.limit = 10;
  const auto all = concord::search(o);
  Names order;
  for (const auto& h : all.results) order.push_back(fs::path(h.path).filename().string());
  CHECK(order == Names{"z.txt", "a.txt", "b.txt", "c.txt", "d.txt"});
  // Every page takes the files the whole list has there: pages inside the tie, cutting it
  // at one edge or at both, holding it whole, and past the end.
  struct Page {
    size_t offset, limit;
  };
  for (const Page& p : std::vector<Page>{
           {0, 1}, {0, 2}, {0, 5}, {1, 4}, {1, 2}, {2, 2}, {3, 1}, {4, 1}, {4, 3}, {2, 10}, {5, 2}}) {
    o.offset = p.offset;
    o.limit = p.limit;
    Names page;
    for (const auto& h : concord::search(o).results) page.push_back(fs::path(h.path).filename().string());
    INFO("offset " << p.offset << ", limit " << p.limit);
    CHECK(page == Names(order.begin() + static_cast<long>(std::min(p.offset, order.size())),
                        order.begin() + static_cast<long>(std::min(p.offset + p.limit, order.size()))));
  }
}
