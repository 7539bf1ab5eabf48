// Completion of the search box's last word (search/suggest.h), on a hand-made entity list.
#include <catch2/catch.hpp>

#include "search/suggest.h"

namespace concord {
namespace {

EntitySummary entity(const std::string& id, const std::string& type, const std::string& name,
                     uint64_t documents, std::vector<std::string> forms = {}) {
  EntitySummary e;
  e.entity = {id, type, name};
  e.documents = documents;
  for (const std::string& f : forms) e.forms.push_back({f, false, 1});
  return e;
}

SuggestionIndex sample() {
  // As list_entities() gives them: most documents first.
  return SuggestionIndex({
      entity("ILO", "organization", "International Labour Organization", 40,
             {"ILO", "OIT", "Organisation internationale du Travail"}),
      entity("A/RES/77/281", "symbol", "A/RES/77/281", 30, {"resolution 77/281"}),
      entity("UNTFSSE", "organization", "UN Inter-Agency Task Force on Social and Solidarity Economy",
             21, {"UNTFSSE", "Groupe de travail interinstitutions"}),
      entity("UNTFSSE-X", "organization", "Another body", 50),
      entity("A/RES/77/2", "symbol", "A/RES/77/2", 2),
      entity("discovered:RESAM", "discovered", "Réseau des acteurs", 3),
      entity("ILO C169", "ilo-instrument", "Indigenous and Tribal Peoples Convention", 4),
  });
}

std::vector<std::string> ids(const std::vector<Completion>& s) {
  std::vector<std::string> out;
  for (const Completion& x : s) out.push_back(x.id);
  return out;
}

}  // namespace

TEST_CASE("suggest: what the last word of a query completes to", "[search][suggest]") {
  const SuggestionIndex index = sample();
  struct Case {
    const char* query;
    std::vector<std::string> ids;  // in order
  };
  const Case cases[] = {
      // An acronym's start: ids first, then most documents.
      {"untf", {"UNTFSSE-X", "UNTFSSE"}},
      // The exact id before longer ids that start with it, whatever their documents.
      {"untfsse", {"UNTFSSE", "UNTFSSE-X"}},
      // A word of a name or written form, folded (case, accents).
      {"labour", {"ILO"}},
      {"TRAV", {"ILO", "UNTFSSE"}},
      {"reseau", {"discovered:RESAM"}},
      // A symbol by any of its parts.
      {"77/2", {"A/RES/77/281", "A/RES/77/2"}},
      {"A/RES/77/2", {"A/RES/77/2", "A/RES/77/281"}},
      // The last word only, after earlier words.
      {"cooperatives org:IL", {"ILO", "ILO C169"}},
      {"decent work oi", {"ILO"}},
      // Too short without a field, nothing typed, nothing known.
      {"i", {}},
      {"org:i", {"ILO", "ILO C169", "UNTFSSE"}},
      {"", {}},
      {"ilo ", {}},
      {"zzzz", {}},
      // Inside a word is not a start: "abour" is not "Labour".
      {"abour", {}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.query);
    CHECK(ids(index.suggest(c.query, 8)) == c.ids);
  }
  CHECK(index.suggest("untf", 1).size() == 1);
}

TEST_CASE("suggest: the value is the query with its last word replaced by a filter",
          "[search][suggest]") {
  const SuggestionIndex index = sample();
  struct Case {
    const char* query;
    const char* value;  // of the first suggestion
    const char* matched;
  };
  const Case cases[] = {
      {"untfsse", "org:UNTFSSE", "UNTFSSE"},
      {"cooperatives 77/28", "cooperatives symbol:A/RES/77/281", "A/RES/77/281"},
      {"Organisation internationale", "Organisation org:ILO", "Organisation internationale du Travail"},
      {"international", "org:ILO", "International Labour Organization"},
      {"entity:\"resea", "entity:\"discovered:RESAM\"", "Réseau des acteurs"},
      {"c169 indigenous", "c169 entity:\"ILO C169\"", "Indigenous and Tribal Peoples Convention"},
      {"x oit", "x org:ILO", "OIT"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.query);
    const std::vector<Completion> s = index.suggest(c.query, 8);
    REQUIRE(!s.empty());
    CHECK(s[0].value == c.value);
    CHECK(s[0].matched == c.matched);
  }
  const Completion ilo = index.suggest("ilo", 8).at(0);
  CHECK(ilo.name == "International Labour Organization");
  CHECK(ilo.type == "organization");
  CHECK(ilo.documents == 40);
  CHECK(index.suggest("77/281", 8).at(0).name.empty());  // a symbol's name is its id
}
}  // namespace concord
