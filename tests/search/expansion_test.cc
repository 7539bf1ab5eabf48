// A bare acronym, symbol or quoted long form also finds every written form of its entity,
// and the answer says so.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "index/indexer.h"
#include "output/render.h"
#include "search/search.h"
#include "support.h"

namespace fs = std::filesystem;
using concord::test::TempDir;

namespace {

struct Archive {
  TempDir dir;
  std::string db;
  Archive() {
    dir.write("long.txt", "The International Labour Organization met in Geneva.\n");
    dir.write("acronym.txt", "The ILO met in Geneva.\n");
    dir.write("french.txt", "L'Organisation internationale du Travail (OIT) s'est réunie à Genève.\n");
    dir.write("lower.txt", "A word: ilo, written in lower case, names nothing here.\n");
    dir.write("symbol.txt", "The General Assembly adopted resolution 77/281 on 18 April 2023.\n");
    dir.write("defined.txt", "The Fictional Board of Widgets (FBW) met. The FBW decided to meet again.\n");
    db = dir.str() + "/db";
    concord::IndexOptions o;
    o.db_path = db;
    o.roots = {dir.str()};
    REQUIRE(concord::run_index(o, nullptr).added == 6);
  }
};

const Archive& archive() {
  static Archive a;
  return a;
}

concord::SearchResults search(const std::string& q) {
  concord::SearchOptions o;
  o.db_path = archive().db;
  o.query = q;
  o.limit = 50;
  return concord::search(o);
}

}  // namespace

TEST_CASE("bare acronyms, symbols and quoted long forms are expanded to their entity", "[search][expand]") {
  using Names = std::vector<std::string>;
  struct Case {
    const char* query;
    Names found;
    Names expanded;  // entity ids, in query order
  };
  const Case cases[] = {
      {"ILO", {"acronym.txt", "french.txt", "long.txt", "lower.txt"}, {"ILO"}},  // the word too
      {"OIT", {"acronym.txt", "french.txt", "long.txt"}, {"ILO"}},
      {"\"International Labour Organization\"", {"acronym.txt", "french.txt", "long.txt"}, {"ILO"}},
      {"\"the International Labour Organization\"", {"acronym.txt", "french.txt", "long.txt"}, {"ILO"}},
      {"A/RES/77/281", {"symbol.txt"}, {"A/RES/77/281"}},
      {"FBW", {"defined.txt"}, {"discovered:FBW"}},
      {"ILO OR FBW", {"acronym.txt", "defined.txt", "french.txt", "long.txt", "lower.txt"}, {"ILO", "discovered:FBW"}},
      // Not expanded: quoted, lower case, beside NEAR, unknown, a misspelling
      {"\"ILO\"", {"acronym.txt", "lower.txt"}, {}},
      {"ilo", {"acronym.txt", "lower.txt"}, {}},
      {"ILO NEAR Geneva", {"acronym.txt"}, {}},
      {"ZZQX", {}, {}},
      {"ILOO", {}, {}},
      {"\"Organization met\"", {"long.txt"}, {}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.query);
    const concord::SearchResults r = search(c.query);
    Names found, expanded;
    for (const auto& h : r.results) found.push_back(fs::path(h.path).filename().string());
    std::sort(found.begin(), found.end());
    for (const auto& e : r.expanded) expanded.push_back(e.id);
    CHECK(found == c.found);
    CHECK(expanded == c.expanded);
  }
}

TEST_CASE("the answer says what was expanded, in text and JSON", "[search][expand]") {
  const concord::SearchResults r = search("ILO");
  const std::string text = concord::render_search_text(r, false);
  CHECK(text.rfind("Also searched: ILO as org:ILO (International Labour Organization), in every "
                   "written form; quote it (\"ILO\") for the word alone.\n", 0) == 0);
  const auto j = nlohmann::json::parse(concord::render_search_json(r));
  REQUIRE(j["expanded"].size() == 1);
  CHECK(j["expanded"][0]["typed"] == "ILO");
  CHECK(j["expanded"][0]["entity"] == "ILO");
  CHECK(j["expanded"][0]["name"] == "International Labour Organization");
  CHECK(nlohmann::json::parse(concord::render_search_json(search("\"ILO\"")))["expanded"].empty());
}

TEST_CASE("a bare acronym finds the same documents whether or not the index marks its word without the entity", "[search][expand]") {
  // The index marks the file where "ilo" is written without naming the ILO, and no other.
  {
    const Xapian::Database db(archive().db);
    std::vector<std::string> marks;
    for (auto t = db.allterms_begin("XU"); t != db.allterms_end("XU"); ++t)
      marks.push_back(*t + " " + std::to_string(t.get_termfreq()));
    CHECK(marks == std::vector<std::string>{"XUILO\tilo 1"});
  }
  // A copy recorded as made by another pipeline: its marks are not trusted, and a search
  // looks the acronym's word up in every document instead.
  TempDir other;
  const std::string copy = other.str() + "/db";
  fs::copy(archive().db, copy);
  {
    Xapian::WritableDatabase w(copy, Xapian::DB_OPEN);
    w.set_metadata("concord:pipeline", "0/1");
    w.commit();
  }
  concord::read_index(archive().db, [](const concord::IndexReader& r) { CHECK(r.acronyms_marked()); });
  concord::read_index(copy, [](const concord::IndexReader& r) { CHECK_FALSE(r.acronyms_marked()); });
  using Names = std::vector<std::string>;
  struct Case {
    const char* query;
    Names found;
  };
  const Case cases[] = {
      {"ILO", {"acronym.txt", "french.txt", "long.txt", "lower.txt"}},
      {"OIT", {"acronym.txt", "french.txt", "long.txt"}},
      {"ILO OR FBW", {"acronym.txt", "defined.txt", "french.txt", "long.txt", "lower.txt"}},
      {"ILO case", {"lower.txt"}},
      {"ILO NOT lower", {"acronym.txt", "french.txt", "long.txt"}},
      {"ILO Geneva", {"acronym.txt", "long.txt"}},  // "Genève" in French
  };
  for (const std::string& db : {archive().db, copy}) {
    for (const Case& c : cases) {
      CAPTURE(db, c.query);
      concord::SearchOptions o;
      o.db_path = db;
      o.query = c.query;
      o.limit = 50;
      const concord::SearchResults r = concord::search(o);
      Names found;
      for (const auto& h : r.results) found.push_back(fs::path(h.path).filename().string());
      std::sort(found.begin(), found.end());
      CHECK(found == c.found);
      CHECK(r.total_lower == found.size());
      CHECK(r.total_upper == found.size());
    }
  }
}
