// Mentions and entities through the index: every form found, grouped, exported; gazetteer
// overrides recorded; entity search fields with NEAR.
#include "mentions/mentions.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "index/indexer.h"
#include "search/search.h"
#include "support.h"

namespace fs = std::filesystem;
using concord::test::run;
using concord::test::TempDir;
using nlohmann::json;

namespace {

const std::string kQuery = CONCORD_QUERY_BIN;
const std::string kIndex = CONCORD_INDEX_BIN;

struct Archive {
  TempDir dir;
  std::string db;
  Archive() {
    dir.write("a/press.txt",
              "Title: Press release\nDate: 19 April 2023\n\n"
              "The United Nations Inter-Agency Task Force on Social and Solidarity Economy (UNTFSSE)\n"
              "welcomed General Assembly resolution 77/281 on 18 April 2023.\n"
              "The UNTFSEE will report next year. The ILO aims to support cooperatives.\n");
    dir.write("a/note.html",
              "<html lang=fr><head><title>Note</title><meta name=date content=2023-05-02></head><body>"
              "<p>La résolution 77/281 et le document A/RES/77/281/Corr.1 citent l'OIT.</p>"
              "<p>Le Bureau international du Travail soutient le travail décent.</p></body></html>");
    dir.write("b/report.pdf",
              concord::test::make_pdf({"Report on decent work", "The ILO promotes decent work in the SSE.\n"
                                                                "See A/RES/\n77/281 and the draft A/77/L.60."},
                                      "Report", "20230601"));
    db = dir.str() + "/db";
    concord::IndexOptions o;
    o.db_path = db;
    o.roots = {dir.str()};
    REQUIRE(concord::run_index(o, nullptr).failed == 0);
  }
};

Archive& archive() {
  static Archive a;
  return a;
}

concord::MentionsResult mentions(const std::string& entity, bool family = false) {
  concord::MentionsOptions o;
  o.db_path = archive().db;
  o.entity = entity;
  o.family = family;
  return concord::list_mentions(o);
}

std::vector<std::string> surfaces(const concord::MentionsResult& r) {
  std::vector<std::string> out;
  for (const auto& m : r.mentions) out.push_back(m.surface);
  return out;
}

}  // namespace

TEST_CASE("any typed form resolves to the same entity and all its mentions", "[mentions]") {
  struct Case {
    const char* typed;
    const char* id;
    size_t mentions;
    size_t documents;
  };
  const std::vector<Case> cases = {
      {"UNTFSSE", "UNTFSSE", 3, 1},
      {"untfsse", "UNTFSSE", 3, 1},
      {"United Nations Inter-Agency Task Force on Social and Solidarity Economy", "UNTFSSE", 3, 1},
      {"ILO", "ILO", 4, 3},  // ILO (press), OIT + Bureau international du Travail (note), ILO (pdf)
      {"Organisation internationale du Travail", "ILO", 4, 3},
      {"resolution 77/281", "A/RES/77/281", 3, 3},
      {"a/res/77/281", "A/RES/77/281", 3, 3},
      {"A / RES / 77 / 281", "A/RES/77/281", 3, 3},
  };
  for (const Case& c : cases) {
    INFO(c.typed);
    const auto r = mentions(c.typed);
    CHECK(r.entity.id == c.id);
    CHECK(r.mentions.size() == c.mentions);
    CHECK(r.documents == c.documents);
  }
}

TEST_CASE("mentions carry page, line, offsets, sentence and variant flag", "[mentions]") {
  const auto r = mentions("UNTFSSE");
  REQUIRE(r.mentions.size() == 3);
  const auto& variant = r.mentions[2];
  CHECK(variant.surface == "UNTFSEE");
  CHECK(variant.variant);
  CHECK(variant.page == 0);  // unpaged text
  CHECK(variant.line == 6);
  CHECK(variant.context == "The UNTFSEE will report next year.");
  CHECK(r.entity.type == "organization");

  // A symbol split over a line break in a PDF: page 2, line 2, found by its canonical id.
  const auto sym = mentions("A/RES/77/281");
  bool pdf_page2 = false;
  for (const auto& m : sym.mentions)
    if (fs::path(m.path).extension() == ".pdf") pdf_page2 = m.page == 2 && m.line == 2;
  CHECK(pdf_page2);
  // "AIM" is not in "aims": the entity resolves but has no mention here.
  const auto aim = mentions("International Association of Mutual Benefit Societies");
  CHECK(aim.entity.id == "AIM");
  CHECK(aim.mentions.empty());
}

TEST_CASE("family option includes corrigenda, drafts stay apart", "[mentions]") {
  CHECK(mentions("A/RES/77/281").mentions.size() == 3);
  const auto fam = mentions("A/RES/77/281", true);
  CHECK(fam.mentions.size() == 4);
  // Grouped by document path: a/note.html, a/press.txt, b/report.pdf (line break collapsed).
  CHECK(surfaces(fam) == std::vector<std::string>{"résolution 77/281", "A/RES/77/281/Corr.1", "resolution 77/281",
                                                  "A/RES/ 77/281"});
  CHECK(mentions("A/77/L.60").mentions.size() == 1);
}

TEST_CASE("a family's term counts its mentions without positions, the entity's term has them",
          "[mentions][index]") {
  Xapian::Database x(archive().db);
  const std::string family = "XFA/RES/77/281", entity = "XEA/RES/77/281";
  Xapian::termcount counted = 0;
  Xapian::doccount docs = 0;
  for (auto p = x.postlist_begin(family); p != x.postlist_end(family); ++p) {
    ++docs;
    counted += p.get_wdf();
    CHECK(x.positionlist_begin(*p, family) == x.positionlist_end(*p, family));
    CHECK(x.positionlist_begin(*p, entity) != x.positionlist_end(*p, entity));  // NEAR needs them
  }
  CHECK(docs == 3);
  CHECK(counted == mentions("A/RES/77/281", true).mentions.size());
}

TEST_CASE("unknown entities are an error with the closest names", "[mentions]") {
  try {
    mentions("UNRISDD2");
    FAIL("expected UnknownEntityError");
  } catch (const concord::UnknownEntityError& e) {
    CHECK(std::string(e.what()).find("unknown entity 'UNRISDD2'") != std::string::npos);
  }
  const auto r = run({kQuery, "--db", archive().db, "mentions", "Intergalactic Cooperative Council"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("unknown entity") != std::string::npos);
}

TEST_CASE("mentions exports: JSON schema, JSONL and CSV", "[mentions][cli]") {
  const auto r = run({kQuery, "--db", archive().db, "--json", "mentions", "ilo"});
  REQUIRE(r.exit_code == 0);
  const json j = json::parse(r.out);
  CHECK(j.at("entity").at("id") == "ILO");
  CHECK(j.at("entity").at("type") == "organization");
  CHECK(j.at("entity").at("name").get<std::string>().find("Labour") != std::string::npos);
  REQUIRE(j.at("mentions").size() == 4);
  for (const json& m : j.at("mentions")) {
    for (const char* key : {"path", "title", "date", "language", "page", "line", "start", "end",
                            "surface", "variant", "ocr", "context", "context_start", "context_end"})
      CHECK(m.contains(key));
    CHECK(m.at("end").get<int>() > m.at("start").get<int>());
    const std::string ext = fs::path(m.at("path").get<std::string>()).extension();
    CHECK((ext == ".pdf" ? m.at("page").is_number() : m.at("page").is_null()));
  }
  const auto jsonl = run({kQuery, "--db", archive().db, "mentions", "ILO", "--jsonl"});
  REQUIRE(jsonl.exit_code == 0);
  size_t lines = 0;
  for (size_t at = 0; (at = jsonl.out.find('\n', at)) != std::string::npos; ++at) ++lines;
  CHECK(lines == 4);
  CHECK(json::parse(jsonl.out.substr(0, jsonl.out.find('\n'))).at("entity") == "ILO");
  const auto csv = run({kQuery, "--db", archive().db, "mentions", "UNTFSSE", "--csv"});
  REQUIRE(csv.exit_code == 0);
  CHECK(csv.out.rfind("entity,path,title,date,language,page,line,start,end,surface,variant,context,"
                      "context_start,context_end,dates,ocr\n",
                      0) == 0);
  CHECK(csv.out.find(",UNTFSEE,true,The UNTFSEE will report next year.,") != std::string::npos);
}

TEST_CASE("entities lists counts, types and variants, --discovered and --type filter", "[mentions]") {
  concord::EntitiesOptions o;
  o.db_path = archive().db;
  const auto all = concord::list_entities(o);
  bool found = false;
  for (const auto& e : all) {
    if (e.entity.id != "UNTFSSE") continue;
    found = true;
    CHECK(e.documents == 1);
    CHECK(e.mentions == 3);
    bool has_variant = false;
    for (const auto& f : e.forms) has_variant |= f.variant && f.surface == "UNTFSEE" && f.mentions == 1;
    CHECK(has_variant);
  }
  CHECK(found);
  o.type = "symbol";
  for (const auto& e : concord::list_entities(o)) CHECK(e.entity.type == "symbol");
  o.type.clear();
  o.discovered = true;
  CHECK(concord::list_entities(o).empty());
}

TEST_CASE("search takes org: and symbol: in any written form, with NEAR", "[mentions][search]") {
  auto names = [](const std::string& q) {
    concord::SearchOptions o;
    o.db_path = archive().db;
    o.query = q;
    std::vector<std::string> out;
    for (const auto& h : concord::search(o).results) out.push_back(fs::path(h.path).filename().string());
    std::sort(out.begin(), out.end());
    return out;
  };
  using Names = std::vector<std::string>;
  CHECK(names("org:UNTFSSE") == Names{"press.txt"});
  CHECK(names("org:ILO") == Names{"note.html", "press.txt", "report.pdf"});
  CHECK(names("symbol:A/RES/77/281") == Names{"note.html", "press.txt", "report.pdf"});
  CHECK(names("symbol:\"resolution 77/281\"") == Names{"note.html", "press.txt", "report.pdf"});
  CHECK(names("org:ILO NEAR \"decent work\"") == Names{"report.pdf"});
  // A bare symbol finds every written form, not only its literal words.
  CHECK(names("A/RES/77/281") == Names{"note.html", "press.txt", "report.pdf"});
  CHECK(names("A/RES/77/281 lang:fr") == Names{"note.html"});
  CHECK(names("org:ILO NEAR cooperatives") == Names{"press.txt"});
  CHECK_THROWS_AS(names("org:Zorglub"), concord::UnknownEntityError);
  CHECK_THROWS_AS(names("symbol:hello"), concord::QueryError);
}

TEST_CASE("an extra gazetteer adds entities, is recorded, and re-recognizes when it changes", "[mentions][index]") {
  TempDir dir;
  dir.write("docs/a.txt", "The Zeta Cooperative Union (ZCU) met the ILO. ZCU members voted.\n");
  const std::string gaz = dir.write("extra.tsv",
                                    "# id\ttype\tname\tacronyms\tlong forms\tvariants\tflags\n"
                                    "ZCU\tnetwork\tZeta Cooperative Union\tZCU\tZeta Cooperative Union\t\t\n");
  const std::string db = dir.str() + "/db";
  REQUIRE(run({kIndex, "--quiet", "--db", db, dir.str() + "/docs"}).exit_code == 0);
  // Without the extra gazetteer, ZCU is discovered from its definition.
  auto discovered = run({kQuery, "--db", db, "--json", "mentions", "ZCU"});
  REQUIRE(discovered.exit_code == 0);
  CHECK(json::parse(discovered.out).at("entity").at("id") == "discovered:ZCU");

  const auto r = run({kIndex, "--json", "--db", db, "--gazetteer", gaz, dir.str() + "/docs"});
  REQUIRE(r.exit_code == 0);
  CHECK(json::parse(r.out).at("updated") == 1);  // the gazetteer changed: recognized again
  const auto curated = run({kQuery, "--db", db, "--json", "mentions", "zcu"});
  REQUIRE(curated.exit_code == 0);
  const json j = json::parse(curated.out);
  CHECK(j.at("entity").at("id") == "ZCU");
  CHECK(j.at("entity").at("type") == "network");
  CHECK(j.at("mentions").size() == 3);
  // The next run without --gazetteer keeps the recorded one: nothing to redo.
  const auto again = run({kIndex, "--json", "--db", db, dir.str() + "/docs"});
  CHECK(json::parse(again.out).at("unchanged") == 1);
  // A new file, on a run that takes the recorded gazetteer without building it until a file
  // needs it: recognized with the recorded extra entries.
  dir.write("docs/b.txt", "The ZCU met again in Geneva.\n");
  const auto added = run({kIndex, "--json", "--db", db, dir.str() + "/docs"});
  CHECK(json::parse(added.out).at("added") == 1);
  CHECK(json::parse(added.out).at("unchanged") == 1);
  const auto four = run({kQuery, "--db", db, "--json", "mentions", "ZCU"});
  CHECK(json::parse(four.out).at("mentions").size() == 4);
  // The shipped gazetteer edited (as a librarian edits the installed one): every file is
  // recognized again, once.
  std::string shipped = concord::test::read_file(concord::test::source_path("data/gazetteer.tsv"));
  shipped += "ZGX\torganization\tZeta Geneva Exchange\tZGX\tZeta Geneva Exchange\t\t\n";
  dir.write("data/gazetteer.tsv", shipped);
  const std::string data = "CONCORD_DATA_DIR=" + dir.str() + "/data";
  const auto edited = run({"env", data, kIndex, "--json", "--db", db, dir.str() + "/docs"});
  REQUIRE(edited.exit_code == 0);
  CHECK(json::parse(edited.out).at("updated") == 2);
  const auto settled = run({"env", data, kIndex, "--json", "--db", db, dir.str() + "/docs"});
  CHECK(json::parse(settled.out).at("unchanged") == 2);
}

TEST_CASE("a discovered acronym is named by the definition the documents give", "[mentions]") {
  TempDir dir;
  dir.write("a/red.txt",
            "Title: Red\n\nNace la Red de Economía Social de las Américas (RESAM) en Montevideo. "
            "La RESAM reúne redes de quince países.\n");
  dir.write("a/plan.txt",
            "Title: Plan\n\nThe Social Economy Action Plan (SEAP) was adopted. The SEAP runs to "
            "2030.\n");
  const std::string db = dir.str() + "/db";
  REQUIRE(concord::test::run({CONCORD_INDEX_BIN, "-q", "--db", db, dir.str() + "/a"}).exit_code ==
          0);
  concord::EntitiesOptions o;
  o.db_path = db;
  o.discovered = true;
  std::map<std::string, std::string> names;
  for (const auto& e : concord::list_entities(o)) names[e.entity.id] = e.entity.name;
  CHECK(names == std::map<std::string, std::string>{
                     {"discovered:RESAM", "Red de Economía Social de las Américas"},
                     {"discovered:SEAP", "Social Economy Action Plan"}});
}
