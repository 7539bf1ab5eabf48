// Xref on a purpose-made archive: counts, association ranking, forms, dates, symbol family,
// and the JSON of the real program.
#include "xref/xref.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>

#include "output/render_xref.h"
#include "search/search.h"
#include "support.h"
#include "xref/archive_fixture.h"

using concord::test::xref_archive;

namespace {

concord::XrefResult run_xref(const std::string& entity, const std::string& path = "",
                             size_t limit = 0) {
  concord::XrefOptions o;
  o.db_path = xref_archive().db;
  o.entity = entity;
  o.path_prefix = path;
  o.limit = limit;
  return concord::xref(o);
}

const concord::Association* find_association(const std::vector<concord::Association>& list,
                                             const std::string& id) {
  for (const auto& a : list)
    if (a.entity.id == id) return &a;
  return nullptr;
}

size_t rank_of(const std::vector<concord::Association>& list, const std::string& id) {
  for (size_t i = 0; i < list.size(); ++i)
    if (list[i].entity.id == id) return i;
  return list.size();
}

}  // namespace

TEST_CASE("association scores", "[xref]") {
  struct Case {
    uint64_t n, a, b, k;
    double pmi, g2;
  };
  const std::vector<Case> cases = {
      {8, 4, 4, 4, 1.0, 16 * std::log(2.0)},         // always together
      {8, 4, 8, 4, 0.0, 0.0},                        // one is everywhere: independent
      {8, 4, 4, 2, 0.0, 0.0},                        // half the time, as chance predicts
      {8, 4, 4, 0, -INFINITY, -16 * std::log(2.0)},  // never together: negative G2
      {100, 1, 1, 1, std::log2(100.0), 0},  // rare pair: PMI at its maximum (g2 checked below)
  };
  for (const Case& c : cases) {
    CAPTURE(c.n, c.a, c.b, c.k);
    const concord::AssociationScores s = concord::associate(c.n, c.a, c.b, c.k);
    if (std::isfinite(c.pmi))
      CHECK(s.pmi == Approx(c.pmi).margin(1e-9));
    else
      CHECK(std::isinf(s.pmi));
    if (c.n != 100) CHECK(s.g2 == Approx(c.g2).margin(1e-9));
    CHECK(s.expected == Approx(double(c.a) * double(c.b) / double(c.n)));
  }
  // The rare pair has the higher PMI, the pair seen together 40 times the higher G2.
  const auto rare = concord::associate(100, 1, 1, 1);
  const auto strong = concord::associate(100, 40, 40, 40);
  CHECK(rare.pmi > strong.pmi);
  CHECK(strong.g2 > rare.g2);
}

TEST_CASE("xref counts documents, mentions and dates", "[xref]") {
  const concord::XrefResult r = run_xref("untfsse");
  CHECK(r.entity.id == "UNTFSSE");
  CHECK(r.archive_documents == 8);
  CHECK(r.documents == 4);
  CHECK(r.mentions == 5);  // twice in a1
  CHECK(r.first_date == "2021-03-10");
  CHECK(r.last_date == "2024-06-01");
  REQUIRE(r.document_list.size() == 4);
  CHECK(r.document_list[0].path.ends_with("un/a1.txt"));  // most mentions first
  CHECK(r.document_list[0].mentions == 2);
  CHECK(r.document_list[0].title == "Note one");
  CHECK(r.document_list[1].date == "2024-06-01");  // then newest first
  CHECK(!r.symbol);
}

TEST_CASE("xref co-occurrence counts and ranking", "[xref]") {
  const concord::XrefResult r = run_xref("UNTFSSE");
  struct Case {
    const char* id;
    uint64_t together;
    uint64_t documents;
  };
  const std::vector<Case> cases = {{"UNRISD", 4, 4},
                                   {"ILO", 4, 8},
                                   {"OECD", 2, 4},
                                   {"A/RES/77/281", 2, 2},
                                   {"A/RES/78/1", 1, 1}};
  for (const Case& c : cases) {
    CAPTURE(c.id);
    const concord::Association* a = find_association(r.co_occurring, c.id);
    REQUIRE(a != nullptr);
    CHECK(a->documents == c.together);
    CHECK(a->entity_documents == c.documents);
  }
  CHECK(r.co_occurring_total == r.co_occurring.size());
  CHECK(!find_association(r.co_occurring, "UNTFSSE"));
  // Cited with it every time outranks cited with it as often as chance predicts, even when
  // the raw count is the same (ILO is in every document).
  CHECK(rank_of(r.co_occurring, "UNRISD") == 0);
  CHECK(rank_of(r.co_occurring, "UNRISD") < rank_of(r.co_occurring, "ILO"));
  CHECK(rank_of(r.co_occurring, "UNRISD") < rank_of(r.co_occurring, "OECD"));
  CHECK(find_association(r.co_occurring, "ILO")->scores.g2 == Approx(0).margin(1e-9));
  // --limit cuts the list but not the total.
  const concord::XrefResult two = run_xref("UNTFSSE", "", 2);
  CHECK(two.co_occurring.size() == 2);
  CHECK(two.co_occurring_total == r.co_occurring_total);
  CHECK(two.document_list.size() == 2);
}

TEST_CASE("xref written forms and variants", "[xref]") {
  const concord::XrefResult r = run_xref("UNTFSSE");
  struct Case {
    const char* surface;
    bool variant;
    uint64_t mentions;
    uint64_t documents;
  };
  const std::vector<Case> cases = {
      {"UNTFSSE", false, 3, 2},
      {"UN-TFSSE", true, 1, 1},
      {"United Nations Inter-Agency Task Force on Social and Solidarity Economy", false, 1, 1}};
  REQUIRE(r.forms.size() == cases.size());
  CHECK(r.forms[0].surface == "UNTFSSE");  // most mentions first
  for (const Case& c : cases) {
    CAPTURE(c.surface);
    const auto it = std::find_if(r.forms.begin(), r.forms.end(), [&](const concord::FormCount& f) {
      return f.surface == c.surface;
    });
    REQUIRE(it != r.forms.end());
    CHECK(it->variant == c.variant);
    CHECK(it->mentions == c.mentions);
    CHECK(it->documents == c.documents);
  }
}

TEST_CASE("xref of a symbol: family, cited dates, other symbols", "[xref]") {
  const concord::XrefResult r = run_xref("resolution 77/281");
  CHECK(r.entity.id == "A/RES/77/281");
  CHECK(r.documents == 2);
  REQUIRE(r.symbol);
  CHECK(r.symbol->family == "A/RES/77/281");
  struct Case {
    const char* id;
    const char* role;
    uint64_t documents;
    const char* source;
  };
  // From the index, then the draft and related report the built-in authority file lists
  // (never cited in this archive: 0 documents).
  const std::vector<Case> cases = {{"A/RES/77/281", "symbol", 2, "index"},
                                   {"A/RES/77/281/Corr.1", "corrigendum", 1, "index"},
                                   {"A/RES/77/281/Rev.1", "revision", 1, "index"},
                                   {"A/77/L.60", "draft", 0, "authority"},
                                   {"A/78/168", "related", 0, "authority"}};
  REQUIRE(r.symbol->members.size() == cases.size());
  for (size_t i = 0; i < cases.size(); ++i) {
    CAPTURE(cases[i].id);
    CHECK(r.symbol->members[i].id == cases[i].id);
    CHECK(r.symbol->members[i].role == cases[i].role);
    CHECK(r.symbol->members[i].documents == cases[i].documents);
    CHECK(r.symbol->members[i].source == cases[i].source);
  }
  // Other symbols: A/RES/78/1 yes; its own corrigendum is family, not "alongside".
  REQUIRE(r.symbol->cited_with.size() == 1);
  CHECK(r.symbol->cited_with[0].entity.id == "A/RES/78/1");
  CHECK(find_association(r.co_occurring, "A/RES/77/281/Corr.1"));
  // The adoption date written beside it.
  REQUIRE(!r.cited_dates.empty());
  CHECK(r.cited_dates[0].date == "2023-04-18");
  CHECK(r.cited_dates[0].mentions == 1);
  CHECK(r.cited_dates[0].documents == 1);
  // A family member asked for directly shows the same family.
  const concord::XrefResult corr = run_xref("A/RES/77/281/Corr.1");
  REQUIRE(corr.symbol);
  CHECK(corr.symbol->family == "A/RES/77/281");
  CHECK(corr.symbol->members.size() == cases.size());
  // An extra authority file (--authority) adds its own drafts.
  concord::test::TempDir extra;
  const std::string file = extra.write(
      "authority.tsv", "A/RES/77/281\tGeneral Assembly\t\t\t\t2023-04-18\tA/77/L.60|A/77/L.99\n");
  concord::XrefOptions o;
  o.db_path = xref_archive().db;
  o.entity = "A/RES/77/281";
  o.authority_files = {file};
  const concord::XrefResult with_extra = concord::xref(o);
  REQUIRE(with_extra.symbol);
  const auto& members = with_extra.symbol->members;
  CHECK(std::any_of(members.begin(), members.end(), [](const concord::FamilyMember& m) {
    return m.id == "A/77/L.99" && m.role == "draft" && m.source == "authority";
  }));
}

TEST_CASE("xref --path restricts the scope and the background", "[xref]") {
  const std::string other = xref_archive().dir.str() + "/other";
  const concord::XrefResult r = run_xref("OECD", other);
  CHECK(r.archive_documents == 4);
  CHECK(r.documents == 2);
  const concord::Association* ilo = find_association(r.co_occurring, "ILO");
  REQUIRE(ilo);
  CHECK(ilo->documents == 2);
  CHECK(ilo->entity_documents == 4);
  CHECK(!find_association(r.co_occurring, "UNTFSSE"));
  CHECK(run_xref("UNTFSSE", other).documents == 0);
  // One file as the prefix.
  CHECK(run_xref("ILO", xref_archive().dir.str() + "/other/b1.txt").archive_documents == 1);
}

TEST_CASE("xref of an unknown entity throws with suggestions", "[xref]") {
  CHECK_THROWS_AS(run_xref("UNTFSSSSE-XYZ"), concord::UnknownEntityError);
}

TEST_CASE("xref JSON, its document list written a document at a time, has dump(2)'s layout",
          "[xref]") {
  const std::string other = xref_archive().dir.str() + "/other";
  const std::vector<concord::XrefResult> results = {
      run_xref("A/RES/77/281"), run_xref("UNTFSSE", "", 1), run_xref("UNTFSSE", other),
      run_xref("OECD", other)};
  CHECK(results[2].document_list.empty());
  for (const concord::XrefResult& r : results) {
    const std::string out = concord::render_xref_json(r);
    const nlohmann::json tree = nlohmann::json::parse(out);
    CHECK(tree["document_list"].size() == r.document_list.size());
    CHECK(out == tree.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  }
}

TEST_CASE("xref JSON and text from the program", "[xref][cli]") {
  using nlohmann::json;
  const auto out = concord::test::run(
      {CONCORD_QUERY_BIN, "--db", xref_archive().db, "--json", "xref", "A/RES/77/281"});
  REQUIRE(out.exit_code == 0);
  const json j = json::parse(out.out);
  CHECK(j["entity"]["id"] == "A/RES/77/281");
  CHECK(j["scope"].is_null());
  CHECK(j["archive_documents"] == 8);
  CHECK(j["documents"] == 2);
  CHECK(j["ranking"] == "g2");
  CHECK(j["first_date"] == "2023-04-18");
  CHECK(j["last_date"] == "2024-06-01");
  REQUIRE(j["document_list"].size() == 2);
  for (const char* key : {"path", "title", "date", "format", "pages", "mention_pages", "mentions"})
    CHECK(j["document_list"][0].contains(key));
  REQUIRE(!j["co_occurring"].empty());
  for (const char* key : {"entity", "documents", "entity_documents", "expected", "pmi", "g2"})
    CHECK(j["co_occurring"][0].contains(key));
  CHECK(j["co_occurring"][0]["entity"]["id"] == "UNRISD");  // first in G2 order
  CHECK(j["cited_dates"][0]["date"] == "2023-04-18");
  CHECK(j["symbol"]["family"] == "A/RES/77/281");
  CHECK(j["symbol"]["members"].size() == 5);
  CHECK(j["symbol"]["members"][3]["role"] == "draft");
  CHECK(j["symbol"]["cited_with"][0]["entity"]["id"] == "A/RES/78/1");

  const auto text =
      concord::test::run({CONCORD_QUERY_BIN, "--db", xref_archive().db, "xref", "UNTFSSE"});
  REQUIRE(text.exit_code == 0);
  for (const char* section :
       {"Cited in 4 documents of 8", "Documents, most mentions first", "ranked by log-likelihood",
        "Written forms", "UN-TFSSE", "Dates cited with it",
        "First document: 2021-03-10; last: 2024-06-01"})
    CHECK_THAT(text.out, Catch::Contains(section));

  const auto unknown =
      concord::test::run({CONCORD_QUERY_BIN, "--db", xref_archive().db, "xref", "QQQQQQQ"});
  CHECK(unknown.exit_code == 1);
}
