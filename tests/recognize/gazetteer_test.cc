// Tests of gazetteer parsing, overrides, problems, lookups and suggestions.
#include "recognize/gazetteer.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using concord::Gazetteer;
using concord::GazetteerProblem;

TEST_CASE("the built-in gazetteer parses cleanly and lists the SSE field",
          "[recognize][gazetteer]") {
  std::vector<GazetteerProblem> problems;
  Gazetteer g = Gazetteer::built_in(&problems);
  for (const auto& p : problems) INFO(p.source << ":" << p.line << ": " << p.message);
  CHECK(problems.empty());
  const char* const kRequired[] = {
      "SSE",    "ICSSE",  "UNTFSSE", "GSEF",   "ILO",        "ITCILO",    "UNRISD",
      "UNDP",   "UNCTAD", "UNDESA",  "OECD",   "ICA",        "AIM",       "ICMIF",
      "SSE-IF", "RIPESS", "FMDV",    "ILGSSE", "MONT-BLANC", "CIRIEC",    "SEE",
      "UNGA",   "ECOSOC", "UNSC",    "UNESCO", "FAO",        "UNIDO",     "UN-WOMEN",
      "WHO",    "UNEP",   "UNHCR",   "UNICEF", "WFP",        "IFAD",      "UNECE",
      "ESCAP",  "ECLAC",  "UNECA",   "EC",     "EP",         "CONSILIUM", "EESC"};
  for (const char* id : kRequired) {
    INFO(id);
    CHECK(g.find(id) != nullptr);
  }
  CHECK(g.fingerprint().size() == 17);
  CHECK(g.fingerprint() == Gazetteer::built_in().fingerprint());
}

TEST_CASE("lookups by acronym, long form and user-typed forms", "[recognize][gazetteer]") {
  Gazetteer g = Gazetteer::built_in();
  struct {
    const char* typed;
    const char* id;
  } const kCases[] = {
      {"ILO", "ILO"},
      {"ilo", "ILO"},
      {"BIT", "ILO"},
      {"oit", "ILO"},
      {"International Labour Organization", "ILO"},
      {"organisation internationale du travail", "ILO"},
      {"the International Labour Organisation", "ILO"},
      {"UNTFSSE", "UNTFSSE"},
      {"untfsse", "UNTFSSE"},
      {"UN Task Force on SSE", "UNTFSSE"},
      {"Grupo de Trabajo Interinstitucional de las Naciones Unidas sobre Economía Social y "
       "Solidaria",
       "UNTFSSE"},
      {"UNTFSE", "UNTFSSE"},  // a misspelling, as recognition reads it
      {"ESS", "SSE"},
      {"économie sociale et solidaire", "SSE"},
      {"ECONOMIA SOCIAL Y SOLIDARIA", "SSE"},
      {"PNUD", "UNDP"},
      {"U.N.D.P.", "UNDP"},
      {"un desa", "UNDESA"},
      {"CNUCED", "UNCTAD"},
      {"resolution 77/281", "A/RES/77/281"},
      {"A/RES/77/281", "A/RES/77/281"},
      {"Recommendation No. 193", "ILO-R193"},
      {"discovered:RESAM", "discovered:RESAM"},
      {"Mont Blanc Meetings", "MONT-BLANC"},
  };
  for (const auto& c : kCases) {
    INFO(c.typed);
    auto r = g.resolve(c.typed);
    REQUIRE(r.has_value());
    CHECK(r->id == c.id);
  }
  CHECK(g.resolve("A/RES/77/281")->type == "symbol");
  CHECK(g.resolve("R193")->type == "ilo-instrument");
  CHECK(g.resolve("ILO")->type == "organization");
  CHECK(g.resolve("SSE")->type == "concept");
  CHECK_FALSE(g.resolve("Nonexistent Body").has_value());
  CHECK_FALSE(g.resolve("").has_value());

  REQUIRE(g.by_acronym("ILO") != nullptr);
  CHECK(g.by_acronym("ILO")->id == "ILO");
  CHECK(g.by_acronym("ilo") == nullptr);  // acronym lookup is case-sensitive
  REQUIRE(g.by_long_form("Bureau International du Travail") != nullptr);
  CHECK(g.by_long_form("Bureau International du Travail")->id == "ILO");
  CHECK(g.type_of("discovered:RESAM") == "discovered");
  CHECK(g.type_of("S/RES/2334(2016)") == "symbol");
  CHECK(g.type_of("nothing") == "");
}

TEST_CASE("suggestions for unknown entities", "[recognize][gazetteer]") {
  Gazetteer g = Gazetteer::built_in();
  auto s = g.suggest("UNRSD");
  REQUIRE_FALSE(s.empty());
  CHECK(s[0].id == "UNRISD");
  s = g.suggest("Internatonal Labor Organisation");
  REQUIRE_FALSE(s.empty());
  CHECK(s[0].id == "ILO");
  s = g.suggest("GSFE");
  REQUIRE_FALSE(s.empty());
  CHECK(s[0].id == "GSEF");
  CHECK(g.suggest("zzzzzzzzzzzzzzzzzzzzzz").empty());
  CHECK(g.suggest("UNRSD", 1).size() == 1);
}

TEST_CASE("user files add and override entries, bad lines are reported", "[recognize][gazetteer]") {
  Gazetteer g = Gazetteer::built_in();
  const std::string before = g.fingerprint();
  const size_t count = g.entities().size();
  const char* user =
      "# my entities\n"
      "RESAM\tnetwork\tRéseau SSE Amériques\tRESAM\tRéseau de l'économie solidaire des "
      "Amériques\n"
      "ILO\torganization\tInternational Labour Organization\tILO|OIT\tInternational Labour "
      "Organization\n"
      "\n"
      "bad id!\torganization\tX\tX\n"                        // line 5: invalid id
      "ONLY\tthree\n"                                        // line 6: too few columns
      "NOFORMS\torganization\tNo forms\t\t\n"                // line 7: nothing to match
      "LOWER\torganization\tLower\tlower\n"                  // line 8: acronym without capital
      "RESAM\tnetwork\tAgain\tRSM\n"                         // line 9: duplicate id
      "FLAG\torganization\tFlag\tFLG\t\t\tshouty\n"          // line 10: unknown flag
      "TYPE\tOrg\tType\tTYP\n"                               // line 11: bad type
      "WIDE\torganization\tW\tW\ta\tb\tcaps-word\textra\n";  // line 12: too many columns
  std::vector<GazetteerProblem> problems = g.add_tsv(user, "user.tsv");
  std::vector<int> lines;
  for (const auto& p : problems) {
    INFO(p.line << ": " << p.message);
    CHECK(p.source == "user.tsv");
    CHECK(p.skipped);
    lines.push_back(p.line);
  }
  CHECK(lines == std::vector<int>{5, 6, 7, 8, 9, 10, 11, 12});
  CHECK(g.entities().size() == count + 1);
  REQUIRE(g.find("RESAM") != nullptr);
  CHECK(g.find("RESAM")->source == "user.tsv");
  CHECK(g.find("RESAM")->line == 2);
  // The override replaced ILO: "BIT" is gone, "OIT" stays.
  CHECK(g.by_acronym("BIT") == nullptr);
  REQUIRE(g.by_acronym("OIT") != nullptr);
  CHECK(g.resolve("resam")->id == "RESAM");
  CHECK(g.fingerprint() != before);

  Gazetteer missing;
  auto p = missing.add_file("/nonexistent/gazetteer.tsv");
  REQUIRE(p.size() == 1);
  CHECK(p[0].line == 0);
}

TEST_CASE("an acronym claimed by a later entry moves to it, with a warning",
          "[recognize][gazetteer]") {
  Gazetteer g = Gazetteer::built_in();
  auto problems = g.add_tsv("ICAO\torganization\tInternational Civil Aviation Org\tICA\n", "u.tsv");
  REQUIRE(problems.size() == 1);
  CHECK_FALSE(problems[0].skipped);
  CHECK(problems[0].line == 1);
  CHECK(g.by_acronym("ICA")->id == "ICAO");
}

TEST_CASE("fingerprint ignores line order", "[recognize][gazetteer]") {
  Gazetteer a, b;
  a.add_tsv("X1\torganization\tOne\tXONE\nX2\torganization\tTwo\tXTWO\n", "a");
  b.add_tsv("X2\torganization\tTwo\tXTWO\nX1\torganization\tOne\tXONE\n", "b");
  CHECK(a.fingerprint() == b.fingerprint());
  b.add_tsv("X2\torganization\tTwo\tXTWO|XZWEI\n", "c");
  CHECK(a.fingerprint() != b.fingerprint());
}

TEST_CASE("pursuant-to flags name a committee by the resolution that established it",
          "[recognize][gazetteer]") {
  Gazetteer g;
  auto problems = g.add_tsv(
      "C1\torganization\tOne\t\tOne Committee\t\tpursuant-to=1718,pursuant-to=2397\n"
      "C2\torganization\tTwo\t\tTwo Committee\t\tpursuant-to=17a8\n"  // line 2: not a number
      "C3\torganization\tThree\t\tThree Committee\t\tpursuant-to=\n"    // line 3: empty
      "C4\torganization\tFour\t\tFour Committee\t\tpursuant-to=123456\n",  // line 4: too long
      "u.tsv");
  std::vector<int> lines;
  for (const auto& p : problems) lines.push_back(p.line);
  CHECK(lines == std::vector<int>{2, 3, 4});
  REQUIRE(g.by_pursuant_to("1718") != nullptr);
  CHECK(g.by_pursuant_to("1718")->id == "C1");
  CHECK(g.by_pursuant_to("2397")->id == "C1");
  CHECK(g.by_pursuant_to("171") == nullptr);
  // The flag is part of what the index records.
  Gazetteer h;
  h.add_tsv("C1\torganization\tOne\t\tOne Committee\t\tpursuant-to=1718\n", "u.tsv");
  CHECK(h.fingerprint() != g.fingerprint());
  CHECK(Gazetteer::built_in().by_pursuant_to("2206")->id == "CTTEE-2206");
}

TEST_CASE("the shipped gazetteer gives each long form to one entity", "[recognize][gazetteer]") {
  // Two entries for one body (a long form listed twice) would split its mentions between two
  // ids; the later entry would silently win.
  const Gazetteer g = Gazetteer::built_in();
  for (const auto& e : g.entities()) {
    for (const std::string& form : e.long_forms) {
      CAPTURE(e.id, form);
      const auto* owner = g.by_long_form(form);
      REQUIRE(owner != nullptr);
      CHECK(owner->id == e.id);
    }
  }
}
