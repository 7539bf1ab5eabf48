// The gazetteer's recorded lookups (recognize/gazetteer_lookup.h): the same answers as the
// gazetteer they were made from, and nothing trusted from a damaged text.
#include "recognize/gazetteer_lookup.h"

#include <catch2/catch.hpp>
#include <map>
#include <memory>
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

// A key-value store of entries (as the index's metadata holds them), counting the reads.
struct Store {
  std::map<std::string, std::string> entries;
  size_t reads = 0;
};

std::optional<GazetteerLookup> open(const std::shared_ptr<Store>& store) {
  return GazetteerLookup::open([store](const std::string& key) {
    ++store->reads;
    const auto it = store->entries.find(key);
    return it == store->entries.end() ? std::string() : it->second;
  });
}

std::shared_ptr<Store> store_of(const Gazetteer& g, const std::string& tag) {
  auto store = std::make_shared<Store>();
  for (auto& [key, value] : g.lookup_entries(tag)) store->entries.emplace(key, value);
  return store;
}

}  // namespace

TEST_CASE("the recorded lookups answer as the gazetteer for every form it knows",
          "[recognize][gazetteer]") {
  for (const Gazetteer& g : {Gazetteer::built_in(), with_extra()})
  for (const bool as_entries : {false, true}) {
    INFO((as_entries ? "entries" : "text"));
    const std::optional<GazetteerLookup> lookup =
        as_entries ? open(store_of(g, "tag-1")) : GazetteerLookup::parse(g.encode_lookup("tag-1"));
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

TEST_CASE("lookup entries: a search reads a few, and a damaged or foreign one is no entity",
          "[recognize][gazetteer]") {
  const Gazetteer g = with_extra();
  const auto entries = g.lookup_entries("t");
  REQUIRE(entries.size() > 1000);
  CHECK(std::is_sorted(entries.begin(), entries.end()));
  // A Xapian metadata key holds at most about 245 bytes: with a real tag (16 hex digits of
  // gazetteer_source()) and the database's prefix, every key fits.
  const std::string real_tag = concord::gazetteer_source("pipeline", "");
  REQUIRE(real_tag.size() == 16);
  for (const auto& [key, value] : g.lookup_entries(real_tag))
    CHECK(std::string_view("concord:lookup:").size() + key.size() <= 240);
  auto store = store_of(g, "t");
  std::optional<GazetteerLookup> lookup = open(store);
  REQUIRE(lookup);
  CHECK(lookup->tag() == "t");
  store->reads = 0;
  CHECK(lookup->by_acronym("XYZN").value().id == "XYZ-NET");
  CHECK(store->reads == 2);  // the acronym's entry and its entity's
  CHECK_FALSE(lookup->by_acronym("NOSUCHACRONYM"));
  CHECK(lookup->by_long_form("the Xyz Cooperative Network").value().id == "XYZ-NET");

  // Two databases' entries merged key by key, one value of each key kept (as xapian-compact
  // does): whichever database's "v" is kept, only its own entries are read. Without the tag in
  // every key, the extra entity's acronym would lead to the built-in entity of its number.
  for (const bool extra_first : {false, true}) {
    const auto built_in = store_of(Gazetteer::built_in(), "b");
    const auto extra = store_of(g, "t");
    auto merged = std::make_shared<Store>(extra_first ? *extra : *built_in);
    for (const auto& [key, value] : (extra_first ? *built_in : *extra).entries)
      merged->entries.emplace(key, value);  // kept: the first one's
    const std::optional<GazetteerLookup> m = open(merged);
    REQUIRE(m);
    INFO("extra first: " << extra_first);
    CHECK(m->tag() == (extra_first ? "t" : "b"));
    CHECK(id_of(m->by_acronym("XYZN")) == (extra_first ? "XYZ-NET" : ""));
    const Gazetteer plain = Gazetteer::built_in();
    REQUIRE(plain.by_acronym("ILO"));
    CHECK(id_of(m->by_acronym("ILO")) == id_of(plain.by_acronym("ILO")));
    CHECK_FALSE(m->damaged());
  }

  // Not version 2, or no store: refused.
  for (const std::string& v : {std::string(), std::string("1\tt"), std::string("3"),
                             std::string("2\tt")}) {
    auto other = store_of(g, "t");
    other->entries["v"] = v;
    CHECK_FALSE(open(other));
  }
  CHECK_FALSE(GazetteerLookup::open(nullptr));

  // One entry damaged so that it cannot be read, at a time: the acronym is then not found.
  const std::string acronym_key = "t:a:XYZN";
  REQUIRE(store->entries.count(acronym_key));
  const std::string index = store->entries[acronym_key].substr(0, store->entries[acronym_key].find('\t'));
  const std::string entity_key = "t:e:" + index;
  const std::pair<std::string, std::string> damages[] = {
      {acronym_key, ""},
      {acronym_key, "not-a-number"},
      {acronym_key, index + "\tXYZN"},                 // more than a number
      {acronym_key, "99999999999"},                    // past any entity
      {acronym_key, "-" + index},
      {entity_key, ""},
      {entity_key, "XYZ-NET\tnetwork"},                 // fields missing
      {entity_key, "XYZ-NET\tnetwork\tname\tXYZN\textra"},
  };
  for (const auto& [key, value] : damages) {
    auto damaged = store_of(g, "t");
    damaged->entries[key] = value;
    const std::optional<GazetteerLookup> l = open(damaged);
    REQUIRE(l);
    INFO(key << " = '" << value << "'");
    const auto e = l->by_acronym("XYZN");
    CHECK_FALSE(e);
    // Said damaged (for the caller to ask the gazetteer), except when the acronym's entry is
    // simply absent (no such acronym).
    CHECK(l->damaged() == !(key == acronym_key && value.empty()));
    CHECK_FALSE(open(store_of(g, "t"))->damaged());
  }

  // A name too long for a key of its own: stored under its hash, with the name to check.
  const std::string long_name =
      "Xyzzy Standing Committee on Cooperative Housing Finance and Mutual Insurance for Rural "
      "Workers in Coastal Regions of Southern Provinces and Autonomous Territories Overseas "
      "Including Island Communities";
  Gazetteer with_long = Gazetteer::built_in();
  with_long.add_tsv("XYZZY\torganization\t" + long_name + "\tXYZZY\t" + long_name + "\n", "long.tsv");
  auto long_store = store_of(with_long, "t");
  size_t hashed = 0;
  for (const auto& [key, value] : long_store->entries)
    if (key.starts_with("t:f#")) {
      ++hashed;
      CHECK(value.find('\t') != std::string::npos);
    }
  CHECK(hashed >= 1);
  const std::optional<GazetteerLookup> long_lookup = open(long_store);
  REQUIRE(long_lookup);
  CHECK(long_lookup->by_long_form(long_name).value().id == "XYZZY");
  CHECK(id_of(long_lookup->by_long_form("the " + long_name)) ==
        id_of(with_long.by_long_form("the " + long_name)));
  // Its entry naming another name: not taken.
  for (auto& [key, value] : long_store->entries)
    if (key.starts_with("t:f#")) value = value.substr(0, value.find('\t')) + "\tanother name";
  CHECK_FALSE(open(long_store)->by_long_form(long_name));
}
