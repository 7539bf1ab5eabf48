// The gazetteer's recorded lookups (recognize/gazetteer_lookup.h): the same answers as the
// gazetteer they were made from, and nothing trusted from a damaged text.
#include "recognize/gazetteer_lookup.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "recognize/gazetteer.h"

using concord::Entity;
using concord::Gazetteer;
using concord::GazetteerLookup;
using concord::LookupEntity;

namespace {

// "id" of what the gazetteer answers, or "" for nothing; the same of the lookup.
std::string id_of(const Entity* e) { return e ? e->id : ""; }
std::string id_of(const std::optional<LookupEntity>& e) { return e ? std::string(e->id) : ""; }

Gazetteer with_extra() {
  Gazetteer g = Gazetteer::built_in();
  // An override of a built-in id and an entity of its own, as --gazetteer files add them.
  g.add_tsv("ILO\torganization\tInternational Labour Organization\tILO|OIT|BIT\t"
            "International Labour Organization|Organisation internationale du Travail\n"
            "XYZ-NET\tnetwork\tXyz Network of Cooperatives\tXYZN\tXyz Network of Cooperatives\t"
            "Xyz Cooperative Network\n",
            "extra.tsv");
  return g;
}

}  // namespace

TEST_CASE("the recorded lookups answer as the gazetteer for every form it knows",
          "[recognize][gazetteer]") {
  for (const Gazetteer& g : {Gazetteer::built_in(), with_extra()}) {
    const std::optional<GazetteerLookup> lookup = GazetteerLookup::parse(g.encode_lookup("tag-1"));
    REQUIRE(lookup);
    CHECK(lookup->tag() == "tag-1");
    size_t forms = 0;
    for (const Entity& e : g.entities()) {
      std::vector<std::string> probes = e.acronyms;
      probes.push_back(e.name);
      probes.insert(probes.end(), e.long_forms.begin(), e.long_forms.end());
      probes.insert(probes.end(), e.variants.begin(), e.variants.end());
      for (const std::string& form : probes) {
        // As written, with an article, in other cases and with stray blanks and hyphens.
        for (const std::string& probe :
             {form, "the " + form, "l'" + form, "el " + form, form + "s", " " + form + " ",
              std::string(form.begin(), form.end() - (form.size() > 1))}) {
          INFO(e.id << ": '" << probe << "'");
          CHECK(id_of(lookup->by_acronym(probe)) == id_of(g.by_acronym(probe)));
          CHECK(id_of(lookup->by_long_form(probe)) == id_of(g.by_long_form(probe)));
          ++forms;
        }
      }
      const std::optional<LookupEntity> found =
          e.acronyms.empty() ? lookup->by_long_form(e.name) : lookup->by_acronym(e.acronyms[0]);
      const Entity* expected = e.acronyms.empty() ? g.by_long_form(e.name) : g.by_acronym(e.acronyms[0]);
      if (found && expected) {
        CHECK(found->name == expected->name);
        CHECK(found->type == expected->type);
        CHECK(std::vector<std::string>(found->acronyms.begin(), found->acronyms.end()) ==
              expected->acronyms);
      }
    }
    CHECK(forms > 10000);
    CHECK(id_of(lookup->by_long_form("Xyz Cooperative Network")) ==
          id_of(g.by_long_form("Xyz Cooperative Network")));
  }
}

TEST_CASE("a damaged or foreign lookup text is refused", "[recognize][gazetteer]") {
  const std::string good = Gazetteer::built_in().encode_lookup("t");
  REQUIRE(GazetteerLookup::parse(good));
  // The first two acronym records, swapped: keys out of order.
  const size_t a = good.find("\nA\t") + 1;
  const size_t b = good.find('\n', a) + 1;
  const size_t c = good.find('\n', b) + 1;
  const std::string swapped =
      good.substr(0, a) + good.substr(b, c - b) + good.substr(a, b - a) + good.substr(c);
  // The first acronym record naming an entity far past the last one.
  const std::string far = good.substr(0, b - 1) + "999999" + good.substr(b - 1);
  const std::string cases[] = {
      "",
      "concord-gazetteer-lookup 2\tt\n",           // another format version
      good.substr(0, good.size() - 1),             // cut short
      good.substr(0, good.size() / 2),             // cut in the middle of a line
      swapped,
      far,
      good + "Z\tsomething\t1\n",                  // an unknown record
      good + "A\tZZZZZ\tnot-a-number\n",
      good + "E\tonly\tthree\n",
  };
  for (const std::string& text : cases) {
    INFO(text.substr(0, 60));
    CHECK_FALSE(GazetteerLookup::parse(text));
  }
}
