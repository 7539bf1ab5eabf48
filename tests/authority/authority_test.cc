// Authority file: the shipped file parses cleanly, lookups by symbol / draft / date / title
// words, user files override by symbol, bad lines are reported with their line numbers.
#include "authority/authority.h"

#include <catch2/catch.hpp>

#include "support.h"

using concord::Authority;
using concord::AuthorityProblem;
using concord::AuthorityRelation;

namespace {

std::vector<std::string> symbols(const std::vector<const concord::AuthorityEntry*>& entries) {
  std::vector<std::string> out;
  for (const auto* e : entries) out.push_back(e->symbol);
  return out;
}

}  // namespace

TEST_CASE("the shipped authority file has no problems and the core instruments", "[authority]") {
  std::vector<AuthorityProblem> problems;
  const Authority a = Authority::built_in(&problems);
  for (const auto& p : problems) FAIL(p.source << ":" << p.line << ": " << p.message);
  const auto* res = a.find("A/RES/77/281");
  REQUIRE(res);
  CHECK(res->organ == "General Assembly");
  CHECK(res->adopted == "2023-04-18");
  CHECK(res->title_en == "Promoting the social and solidarity economy for sustainable development");
  CHECK(res->drafts == std::vector<std::string>{"A/77/L.60"});
  CHECK(res->line > 0);
  CHECK(res->source == "built-in");
  for (const char* id : {"ILC.110/Resolution-SSE", "OECD/LEGAL/0472", "COM(2021) 778 final",
                         "ILO-R193", "S/RES/2334(2016)", "S/RES/242(1967)", "A/RES/1514(XV)"})
    CHECK(a.find(id) != nullptr);
}

TEST_CASE("authority lookups by any written form, draft, date and title words", "[authority]") {
  const Authority a = Authority::built_in();
  struct Case {
    const char* written;
    const char* entry;  // "" = not known
    AuthorityRelation relation;
  };
  const std::vector<Case> cases = {
      {"A/RES/77/281", "A/RES/77/281", AuthorityRelation::kSelf},
      {"resolution 77/281", "A/RES/77/281", AuthorityRelation::kSelf},
      {"a/res/77/281", "A/RES/77/281", AuthorityRelation::kSelf},
      {"A/RES/77/281/Corr.1", "A/RES/77/281", AuthorityRelation::kRevision},
      {"A/77/L.60", "A/RES/77/281", AuthorityRelation::kDraft},
      {"A/77/L.60/Rev.1", "A/RES/77/281", AuthorityRelation::kDraft},
      {"A/78/168", "A/RES/77/281", AuthorityRelation::kRelated},
      {"S/RES/2334", "S/RES/2334(2016)", AuthorityRelation::kSelf},
      {"resolution 2334 (2016)", "S/RES/2334(2016)", AuthorityRelation::kSelf},
      {"resolution 1514 (XV)", "A/RES/1514(XV)", AuthorityRelation::kSelf},
      {"Recommendation No. 193", "ILO-R193", AuthorityRelation::kSelf},
      {"A/RES/77/218", "", AuthorityRelation::kSelf},
      {"A/78/186", "", AuthorityRelation::kSelf},
  };
  for (const Case& c : cases) {
    INFO(c.written);
    const auto m = a.family(c.written);
    if (std::string(c.entry).empty()) {
      CHECK(m.entry == nullptr);
      continue;
    }
    REQUIRE(m.entry);
    CHECK(m.entry->symbol == c.entry);
    CHECK(m.relation == c.relation);
  }
  REQUIRE(a.by_draft("A/77/L.60/Rev.1"));
  CHECK(a.by_draft("A/77/L.60/Rev.1")->symbol == "A/RES/77/281");
  CHECK(a.by_draft("A/RES/77/281") == nullptr);

  CHECK(symbols(a.adopted_on("2023-04-18")) == std::vector<std::string>{"A/RES/77/281"});
  CHECK(symbols(a.adopted_on("2022-06-10")) ==
        std::vector<std::string>{"ILC.110/Resolution-SSE", "OECD/LEGAL/0472"});
  CHECK(symbols(a.adopted_on("2022-06")) ==
        std::vector<std::string>{"ILC.110/Resolution-SSE", "OECD/LEGAL/0472"});
  CHECK(a.adopted_on("2023-04-19").empty());

  struct TitleCase {
    const char* text;
    std::vector<std::string> entries;
  };
  const std::vector<TitleCase> titles = {
      {"resolution 77/218, adopted on 18 April 2023, on promoting the social and solidarity "
       "economy for sustainable",
       {"A/RES/77/281"}},
      {"intitulée « Promouvoir l’économie sociale et solidaire au service du développement durable "
       "»",
       {"A/RES/77/281"}},
      {"titulada “Promoción de la economía social y solidaria para el desarrollo",
       {"A/RES/77/281"}},
      {"the ILC resolution concerning Decent Work and the Social and Solidarity Economy",
       {"ILC.110/Resolution-SSE"}},
      {"the social and solidarity economy in general", {}},
      {"promoting the social economy", {}},
      // Two entries: in entry order whatever the order written, each once however often.
      {"the ILC resolution concerning Decent Work and the Social and Solidarity Economy, then "
       "promoting the social and solidarity economy for sustainable development, and again "
       "promoting the social and solidarity economy for sustainable development",
       {"A/RES/77/281", "ILC.110/Resolution-SSE"}},
      {"", {}},
  };
  for (const TitleCase& t : titles) {
    INFO(t.text);
    CHECK(symbols(a.by_title_words(t.text)) == t.entries);
  }
}

TEST_CASE("user authority lines add and override entries by symbol", "[authority]") {
  Authority a = Authority::built_in();
  const auto problems = a.add_tsv(
      "# staff additions\n"
      "A/RES/78/1\tGeneral Assembly\tPolitical declaration\t\t\t2023-09\n"
      "resolution 77/281\tGeneral Assembly\tOverridden title\t\t\t2023-04-18\tA/77/L.60\n",
      "staff.tsv");
  CHECK(problems.empty());
  REQUIRE(a.find("A/RES/78/1"));
  CHECK(a.find("A/RES/78/1")->source == "staff.tsv");
  CHECK(a.find("A/RES/78/1")->line == 2);
  REQUIRE(a.find("A/RES/77/281"));
  CHECK(a.find("A/RES/77/281")->title_en == "Overridden title");
  CHECK(a.find("A/RES/77/281")->related.empty());
  CHECK(symbols(a.adopted_on("2023-09")) == std::vector<std::string>{"A/RES/78/1"});
  CHECK(symbols(a.by_title_words("the overridden title here")) ==
        std::vector<std::string>{"A/RES/77/281"});
}

TEST_CASE("bad authority lines are skipped and reported with line numbers", "[authority]") {
  struct Case {
    const char* line;
    const char* message;  // substring
    bool skipped;
  };
  const std::vector<Case> cases = {
      {"A/RES/70/1", "at least 2", true},
      {"\tGeneral Assembly", "empty symbol", true},
      {"A/RES/70/1\t", "empty organ", true},
      {"A/RES/70/1\tGeneral Assembly\tT\t\t\t25 September 2015", "not ISO", true},
      {"A/RES/70/1\tGeneral Assembly\tT\t\t\t2015-13-01", "not ISO", true},
      {"A/RES/70/1\tGeneral Assembly\tT\t\t\t2015-02-30", "not ISO", true},
      {"A/RES/70/1\tGeneral Assembly\tT\t\t\t2015-09-25\tnot a draft", "not a document symbol",
       true},
      {"A/RES/70/1\tGeneral Assembly\tT\t\t\t2015-09-25\t\tA/70/L.1|???", "not a document symbol",
       true},
      {"A/RES/70/1\tGeneral Assembly\tT\t\t\t2015\t\t\t\textra", "at most 9", true},
      {"A|B\tGeneral Assembly", "must not contain '|'", true},
      {"A/RES/70/1\tGeneral Assembly\t\xff\xfe", "UTF-8", true},
  };
  for (const Case& c : cases) {
    INFO(c.line);
    Authority a;
    const auto problems = a.add_tsv(
        std::string("# header\n\n") + c.line + "\nA/RES/69/1\tGeneral Assembly\n", "f.tsv");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].line == 3);
    CHECK(problems[0].source == "f.tsv");
    CHECK(problems[0].skipped == c.skipped);
    CHECK_THAT(problems[0].message, Catch::Matchers::Contains(c.message));
    CHECK(a.find("A/RES/69/1") != nullptr);  // the next line is kept
    CHECK(a.entries().size() == 1);
  }
  // A symbol twice in one file: a warning, the later line wins.
  Authority a;
  const auto dup =
      a.add_tsv("A/RES/70/1\tGeneral Assembly\tOne\nA/RES/70/1\tGeneral Assembly\tTwo\n", "d.tsv");
  REQUIRE(dup.size() == 1);
  CHECK(dup[0].line == 2);
  CHECK_FALSE(dup[0].skipped);
  CHECK(a.find("A/RES/70/1")->title_en == "Two");
  // An unreadable file: one problem with line 0.
  const auto missing = a.add_file("/nonexistent/authority.tsv");
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].line == 0);
}

TEST_CASE("normalize_words folds case, accents and punctuation", "[authority]") {
  struct Case {
    const char* in;
    const char* out;
  };
  const std::vector<Case> cases = {
      {"l’Économie Sociale", "l economie sociale"},
      {"l'économie sociale", "l economie sociale"},
      {"Co-operation and Development", "cooperation and development"},
      {"« Promouvoir »,  l'ESS!", "promouvoir l ess"},
      {"Decent work – and SSE", "decent work and sse"},
      {"Ñandú ÇA ĞÖ", "nandu ca go"},
      {"Ελλάδα και Россия", "ελλαδα και россия"},
      {"  A1/b2 ", "a1 b2"},
      {"", ""},
  };
  for (const Case& c : cases) {
    INFO(c.in);
    CHECK(concord::normalize_words(c.in) == c.out);
  }
  CHECK(concord::organ_of_symbol("A/HRC/RES/37/7") == "Human Rights Council");
  CHECK(concord::organ_of_symbol("A/RES/77/281") == "General Assembly");
  CHECK(concord::organ_of_symbol("S/RES/242(1967)") == "Security Council");
  CHECK(concord::organ_of_symbol("OECD/LEGAL/0472").empty());
}
