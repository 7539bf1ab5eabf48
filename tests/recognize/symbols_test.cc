// Table-driven tests of the UN document symbol and ILO instrument grammar.
#include "recognize/symbols.h"

#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

namespace {

using concord::find_symbols;

struct Case {
  const char* text;
  // Expected (canonical id, written span) pairs, in order; empty = no symbol.
  std::vector<std::pair<std::string, std::string>> expected;
};

std::string describe(const std::vector<std::pair<std::string, std::string>>& v) {
  std::string out;
  for (const auto& [id, surface] : v) out += "[" + id + " @ '" + surface + "'] ";
  return out.empty() ? "(none)" : out;
}

const std::vector<Case>& cases() {
  static const std::vector<Case> kCases = {
      // General Assembly resolutions, written symbols.
      {"as set out in A/RES/77/281.", {{"A/RES/77/281", "A/RES/77/281"}}},
      {"see A/Res/77/281 on SSE", {{"A/RES/77/281", "A/Res/77/281"}}},
      {"document A / RES / 77 / 281 adopted", {{"A/RES/77/281", "A / RES / 77 / 281"}}},
      {"adopted A/RES/\n77/281 in April", {{"A/RES/77/281", "A/RES/\n77/281"}}},
      {"adopted A/RES/77/\n281 in April", {{"A/RES/77/281", "A/RES/77/\n281"}}},
      {"(A/RES/77/281)", {{"A/RES/77/281", "A/RES/77/281"}}},
      {"[A/RES/77/281]", {{"A/RES/77/281", "A/RES/77/281"}}},
      {"A/RES/77/281/Rev.1", {{"A/RES/77/281/Rev.1", "A/RES/77/281/Rev.1"}}},
      {"A/RES/77/281/Corr.1.", {{"A/RES/77/281/Corr.1", "A/RES/77/281/Corr.1"}}},
      {"A/RES/77/281/Add.1", {{"A/RES/77/281/Add.1", "A/RES/77/281/Add.1"}}},
      {"A/RES/77/281/REV.2", {{"A/RES/77/281/Rev.2", "A/RES/77/281/REV.2"}}},
      {"A/RES/79/213; A/RES/78/1",
       {{"A/RES/79/213", "A/RES/79/213"}, {"A/RES/78/1", "A/RES/78/1"}}},
      // Drafts, reports, other series.
      {"draft A/77/L.60 was tabled", {{"A/77/L.60", "A/77/L.60"}}},
      {"draft A/77/L.60.", {{"A/77/L.60", "A/77/L.60"}}},
      {"report A/78/168 of the SG", {{"A/78/168", "A/78/168"}}},
      {"(A/78/168)", {{"A/78/168", "A/78/168"}}},
      {"ECOSOC E/RES/2023/5 reads", {{"E/RES/2023/5", "E/RES/2023/5"}}},
      {"HRC A/HRC/RES/37/7 text", {{"A/HRC/RES/37/7", "A/HRC/RES/37/7"}}},
      {"E/CN.6/2023/L.3", {{"E/CN.6/2023/L.3", "E/CN.6/2023/L.3"}}},
      {"S/2023/123", {{"S/2023/123", "S/2023/123"}}},
      {"S/PV.9000/x S/PRST/2023/1", {{"S/PRST/2023/1", "S/PRST/2023/1"}}},
      {"A/C.2/77/L.3/Rev.1", {{"A/C.2/77/L.3/Rev.1", "A/C.2/77/L.3/Rev.1"}}},
      // Security Council.
      {"S/RES/2334 (2016)", {{"S/RES/2334(2016)", "S/RES/2334 (2016)"}}},
      {"S/RES/2334(2016).", {{"S/RES/2334(2016)", "S/RES/2334(2016)"}}},
      {"S/RES/2334", {{"S/RES/2334", "S/RES/2334"}}},
      {"Security Council resolution 2334 (2016) condemns",
       {{"S/RES/2334(2016)", "resolution 2334 (2016)"}}},
      {"resolution 242 (1967)", {{"S/RES/242(1967)", "resolution 242 (1967)"}}},
      {"resolution 242(1967)", {{"S/RES/242(1967)", "resolution 242(1967)"}}},
      {"Security Council resolution 2334 demands", {{"S/RES/2334", "resolution 2334"}}},
      {"resolutions 242 (1967) and 338 (1973)",
       {{"S/RES/242(1967)", "resolutions 242 (1967)"}, {"S/RES/338(1973)", "338 (1973)"}}},
      {"la résolution 2334 du Conseil de sécurité", {{"S/RES/2334", "résolution 2334"}}},
      // Prose General Assembly citations.
      {"resolution 77/281", {{"A/RES/77/281", "resolution 77/281"}}},
      {"General Assembly resolution 77/281 of 18 April 2023",
       {{"A/RES/77/281", "resolution 77/281"}}},
      {"Resolution 77/281", {{"A/RES/77/281", "Resolution 77/281"}}},
      {"la résolution 77/281 de l'Assemblée", {{"A/RES/77/281", "résolution 77/281"}}},
      {"RÉSOLUTION 77/281", {{"A/RES/77/281", "RÉSOLUTION 77/281"}}},
      {"la resolución 77/281 de la Asamblea", {{"A/RES/77/281", "resolución 77/281"}}},
      {"resolution\n77/281 on SSE", {{"A/RES/77/281", "resolution\n77/281"}}},
      {"resolutions 77/281 and 78/1",
       {{"A/RES/77/281", "resolutions 77/281"}, {"A/RES/78/1", "78/1"}}},
      {"resolutions 77/281, 78/1 and 79/213.",
       {{"A/RES/77/281", "resolutions 77/281"},
        {"A/RES/78/1", "78/1"},
        {"A/RES/79/213", "79/213"}}},
      {"résolutions 77/281 et 78/1",
       {{"A/RES/77/281", "résolutions 77/281"}, {"A/RES/78/1", "78/1"}}},
      {"resoluciones 77/281 y 78/1",
       {{"A/RES/77/281", "resoluciones 77/281"}, {"A/RES/78/1", "78/1"}}},
      {"resolution 34/22 on Kampuchea", {{"A/RES/34/22", "resolution 34/22"}}},
      {"resolution 1514 (XV)", {{"A/RES/1514(XV)", "resolution 1514 (XV)"}}},
      {"resolution 1514(XV) on decolonization", {{"A/RES/1514(XV)", "resolution 1514(XV)"}}},
      {"General Assembly resolution 181 (II)", {{"A/RES/181(II)", "resolution 181 (II)"}}},
      {"resolutions 1514 (XV) and 2625 (XXV)",
       {{"A/RES/1514(XV)", "resolutions 1514 (XV)"}, {"A/RES/2625(XXV)", "2625 (XXV)"}}},
      {"A/RES/1514 (XV)", {{"A/RES/1514(XV)", "A/RES/1514 (XV)"}}},
      {"General Assembly resolution 194 calls", {{"A/RES/194", "resolution 194"}}},
      // ECOSOC and the Human Rights Council in prose.
      {"Council resolution 2023/5", {{"E/RES/2023/5", "resolution 2023/5"}}},
      {"Human Rights Council resolution 37/7", {{"A/HRC/RES/37/7", "resolution 37/7"}}},
      {"resolución 37/7 del Consejo de Derechos Humanos", {{"A/HRC/RES/37/7", "resolución 37/7"}}},
      // ILO instruments.
      {"Recommendation No. 193", {{"ILO-R193", "Recommendation No. 193"}}},
      {"Recommendation No 193", {{"ILO-R193", "Recommendation No 193"}}},
      {"ILO Recommendation no. 193 on cooperatives", {{"ILO-R193", "Recommendation no. 193"}}},
      {"the R193 text", {{"ILO-R193", "R193"}}},
      {"Convention No. 189.", {{"ILO-C189", "Convention No. 189"}}},
      {"C189 on domestic workers", {{"ILO-C189", "C189"}}},
      {"Recommandation n° 193", {{"ILO-R193", "Recommandation n° 193"}}},
      {"la recommandation nº 193", {{"ILO-R193", "recommandation nº 193"}}},
      {"Recomendación núm. 193", {{"ILO-R193", "Recomendación núm. 193"}}},
      {"Recomendación n.º 193", {{"ILO-R193", "Recomendación n.º 193"}}},
      {"Convenio núm. 189", {{"ILO-C189", "Convenio núm. 189"}}},
      {"Promotion of Cooperatives Recommendation, 2002 (No. 193)",
       {{"ILO-R193", "Recommendation, 2002 (No. 193)"}}},
      {"Convention (No. 169)", {{"ILO-C169", "Convention (No. 169)"}}},
      {"ILO-R193", {{"ILO-R193", "R193"}}},
      // Negatives.
      {"on 11/8/2020 we met", {}},
      {"the 2023/24 budget", {}},
      {"three quarters (3/4) of members", {}},
      {"open 24/7 all year", {}},
      {"http://x.org/a/res/1", {}},
      {"https://undocs.org/A/RES/77/281", {}},
      {"/home/user/A/RES/77/281.pdf", {}},
      {"C:\\docs\\A\\RES\\77", {}},
      {"pages 12-14 and 3/4", {}},
      {"A/B testing", {}},
      {"S/he said", {}},
      {"the resolution was adopted", {}},
      {"resolution 3 of the meeting", {}},
      {"resolution 11/8/2020", {}},
      {"Recommendation 3 of the report", {}},
      {"the Convention on the Rights of the Child", {}},
      {"recommendations no longer apply", {}},
      {"PARA/2023/1 and DATA/1/2", {}},
      {"R2D2 and C3PO", {}},
      {"ratio 1/2/3", {}},
      {"A/RES", {}},
      {"GUIDE/A/RES/77/281", {}},
      {"email a.b@un.org/S/2023", {}},
  };
  return kCases;
}

}  // namespace

TEST_CASE("symbol grammar table", "[recognize][symbols]") {
  REQUIRE(cases().size() >= 70);
  for (const Case& c : cases()) {
    std::string text = c.text;
    std::vector<std::pair<std::string, std::string>> got;
    for (const concord::SymbolMatch& m : find_symbols(text))
      got.emplace_back(m.id, text.substr(m.start, m.end - m.start));
    INFO("text: " << text);
    INFO("expected: " << describe(c.expected));
    INFO("got:      " << describe(got));
    CHECK(got == c.expected);
  }
}

TEST_CASE("symbol families", "[recognize][symbols]") {
  struct {
    const char* text;
    const char* family;
  } const kCases[] = {
      {"A/RES/77/281/Rev.1", "A/RES/77/281"}, {"A/RES/77/281/Corr.1", "A/RES/77/281"},
      {"A/RES/77/281/Add.1", "A/RES/77/281"}, {"A/RES/77/281", "A/RES/77/281"},
      {"S/RES/2334 (2016)", "S/RES/2334"},    {"A/C.2/77/L.3/Rev.1", "A/C.2/77/L.3"},
      {"resolution 1514 (XV)", "A/RES/1514"},
  };
  for (const auto& c : kCases) {
    auto found = find_symbols(c.text);
    INFO(c.text);
    REQUIRE(found.size() == 1);
    CHECK(found[0].family == c.family);
    CHECK(concord::symbol_family(found[0].id) == c.family);
  }
}

TEST_CASE("canonical_symbol accepts what users type", "[recognize][symbols]") {
  struct {
    const char* typed;
    const char* id;
  } const kCases[] = {
      {"A/RES/77/281", "A/RES/77/281"},
      {"a/res/77/281", "A/RES/77/281"},
      {"resolution 77/281", "A/RES/77/281"},
      {" A / RES / 77 / 281 ", "A/RES/77/281"},
      {"S/RES/2334(2016)", "S/RES/2334(2016)"},
      {"resolution 242 (1967)", "S/RES/242(1967)"},
      {"ILO-R193", "ILO-R193"},
      {"r193", "ILO-R193"},
      {"Recommendation No. 193", "ILO-R193"},
      {"a/res/77/281/rev.1", "A/RES/77/281/Rev.1"},
  };
  for (const auto& c : kCases) {
    INFO(c.typed);
    auto id = concord::canonical_symbol(c.typed);
    REQUIRE(id.has_value());
    CHECK(*id == c.id);
  }
  CHECK_FALSE(concord::canonical_symbol("11/8/2020").has_value());
  CHECK_FALSE(concord::canonical_symbol("UNTFSSE").has_value());
  CHECK_FALSE(concord::canonical_symbol("resolution 77/281 and more").has_value());
  CHECK(concord::is_symbol_id("A/RES/77/281"));
  CHECK(concord::is_symbol_id("ILO-C189"));
  CHECK_FALSE(concord::is_symbol_id("UNTFSSE"));
}
