// Cases stage: the parser (good and bad lines, with their line numbers), item ids, the runner
// (expected, forbidden, =surface, ~variant, '*', items needing mentions of their own), and
// every case of the shipped data/cases.tsv, which must all pass.
#include "cases/cases.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "support.h"

using concord::Case;
using concord::CaseFile;
using concord::CaseResult;
using concord::Gazetteer;

namespace {

const Gazetteer& gazetteer() {
  static const Gazetteer g = Gazetteer::built_in();
  return g;
}

// One case from a one-line file; the test fails when the line does not parse.
Case one_case(const std::string& line) {
  const CaseFile f = concord::parse_cases(line, "t.tsv");
  for (const auto& p : f.problems) FAIL(p.source << ":" << p.line << ": " << p.message);
  REQUIRE(f.cases.size() == 1);
  return f.cases[0];
}

std::vector<std::string> forms(const std::vector<concord::FoundMention>& mentions) {
  std::vector<std::string> out;
  for (const auto& m : mentions) out.push_back((m.variant ? "~" : "") + m.id + "=" + m.surface);
  return out;
}

std::vector<std::string> hit_items(const CaseResult& r) {
  std::vector<std::string> out;
  for (const auto& h : r.forbidden_found) out.push_back(h.item + " <- " + h.mention.surface);
  return out;
}

}  // namespace

TEST_CASE("cases files: good lines", "[cases]") {
  const CaseFile f = concord::parse_cases(
      "\xEF\xBB\xBF# comment\r\n"
      "\n"
      "list\tRecalling its resolutions 47/90 and 49/155,\tA/RES/47/90 | A/RES/49/155\r\n"
      "  # indented comment\n"
      "forms\tthe BIT\\nand \\\\ the\\tOIT\\f2\t~ILO=BIT|ILO = OIT |ILO\t*\tILO News, 2023\n"
      "only-forbidden\tWorld Health Assembly resolution 72/1\t\tA/RES/72/1\n",
      "t.tsv");
  for (const auto& p : f.problems) FAIL(p.line << ": " << p.message);
  REQUIRE(f.cases.size() == 3);

  const Case& list = f.cases[0];
  CHECK(list.name == "list");
  CHECK(list.line == 3);
  CHECK(list.source == "t.tsv");
  REQUIRE(list.expected.size() == 2);
  CHECK(list.expected[1].id == "A/RES/49/155");
  CHECK(list.expected[1].written == "A/RES/49/155");
  CHECK_FALSE(list.expected[1].surface);
  CHECK(list.forbidden.empty());
  CHECK_FALSE(list.only_expected);
  CHECK(list.note.empty());

  const Case& forms = f.cases[1];
  CHECK(forms.line == 5);
  CHECK(forms.text == "the BIT\nand \\ the\tOIT\f2");
  REQUIRE(forms.expected.size() == 3);
  CHECK(forms.expected[0].variant);
  CHECK(forms.expected[0].id == "ILO");
  CHECK(forms.expected[0].surface == std::optional<std::string>("BIT"));
  CHECK(forms.expected[0].written == "~ILO=BIT");
  CHECK_FALSE(forms.expected[1].variant);
  CHECK(forms.expected[1].id == "ILO");
  CHECK(forms.expected[1].surface == std::optional<std::string>("OIT"));
  CHECK_FALSE(forms.expected[2].surface);
  CHECK(forms.only_expected);
  CHECK(forms.forbidden.empty());
  CHECK(forms.note == "ILO News, 2023");

  const Case& only = f.cases[2];
  CHECK(only.expected.empty());
  REQUIRE(only.forbidden.size() == 1);
  CHECK(only.forbidden[0].id == "A/RES/72/1");
}

TEST_CASE("cases files: bad lines are reported with their line numbers and skipped", "[cases]") {
  struct Bad {
    std::string line;
    std::string message;  // a part of the problem's message
  };
  const std::vector<Bad> bad = {
      {"two\tcolumns", "expected at least 3 tab-separated columns"},
      {"six\ttext\tILO\t\tnote\textra", "expected at most 5 columns"},
      {"bad name!\ttext\tILO", "invalid case name 'bad name!'"},
      {"\ttext\tILO", "invalid case name ''"},
      {"esc\tcan\\'t\tILO", "unknown escape '\\''"},
      {"esc-end\ttext\\\tILO", "a backslash ends the text"},
      {"blank\t   \tILO", "case 'blank' has no text"},
      {"empty-item\ttext\tILO||WHO", "empty item in expected"},
      {"empty-item-2\ttext\tILO|\t", "empty item in expected"},
      {"star\ttext\t*", "'*' is only allowed in the forbidden column"},
      {"no-id\ttext\t=BIT", "item '=BIT' in expected has no id"},
      {"no-id-2\ttext\t~", "item '~' in expected has no id"},
      {"no-surface\ttext\tILO=  ", "has an empty surface after '='"},
      {"nothing\ttext\t\t\tjust a note", "expects nothing and forbids nothing"},
      {"both\ttext\tILO|WHO\tWHO", "'WHO' is both expected and forbidden"},
      {"utf8\tbad \xC3\x28 byte\tILO", "not valid UTF-8"},
  };
  for (const Bad& b : bad) {
    INFO(b.line);
    // Two good lines around the bad one: the bad one is skipped, the others are kept.
    const std::string tsv = "# header\nok-1\tthe ILO\tILO\n" + b.line + "\nok-2\tthe WHO\tWHO\n";
    const CaseFile f = concord::parse_cases(tsv, "cases.tsv");
    REQUIRE(f.problems.size() == 1);
    CHECK(f.problems[0].source == "cases.tsv");
    CHECK(f.problems[0].line == 3);
    CHECK(f.problems[0].skipped);
    CHECK_THAT(f.problems[0].message, Catch::Contains(b.message));
    REQUIRE(f.cases.size() == 2);
    CHECK(f.cases[1].name == "ok-2");
    CHECK(f.cases[1].line == 4);
  }
}

TEST_CASE("cases files: a duplicate name is reported at its line, with the first", "[cases]") {
  const CaseFile f =
      concord::parse_cases("a\tthe ILO\tILO\nb\tthe WHO\tWHO\n\na\tthe BIT\tILO\n", "c.tsv");
  REQUIRE(f.problems.size() == 1);
  CHECK(f.problems[0].line == 4);
  CHECK(f.problems[0].message == "duplicate case name 'a' (first on line 1)");
  REQUIRE(f.cases.size() == 2);
  CHECK(f.cases[0].text == "the ILO");
}

TEST_CASE("cases files: an unreadable file is one problem at line 0", "[cases]") {
  const CaseFile f = concord::read_cases_file("/nonexistent/cases.tsv");
  CHECK(f.cases.empty());
  REQUIRE(f.problems.size() == 1);
  CHECK(f.problems[0].line == 0);
  CHECK(f.problems[0].source == "/nonexistent/cases.tsv");
}

TEST_CASE("case items must name ids recognition can give", "[cases]") {
  struct IdCase {
    const char* id;
    const char* problem;  // "" = known; else a part of the message
  };
  const std::vector<IdCase> ids = {
      {"ILO", ""},
      {"UNTFSSE", ""},
      {"discovered:RESAM", ""},
      {"A/RES/77/281", ""},
      {"A/RES/40/151G", ""},
      {"A/RES/ES-10/23", ""},
      {"A/DEC/57/573", ""},
      {"E/RES/837(XXXII)", ""},
      {"E/DEC/1982/112", ""},
      {"A/HRC/RES/52/3", ""},
      {"E/CN.6/RES/51/2", ""},
      {"S/RES/242(1967)", ""},
      {"S/PV.4085/Corr.1", ""},
      {"?/RES/72/1", ""},
      {"?/DEC/2024/3", ""},
      {"ILO-R193", ""},
      {"S/RES/242 (1967)", "did you mean 'S/RES/242(1967)'?"},
      {"a/res/77/281", "did you mean 'A/RES/77/281'?"},
      {"resolution 77/281", "did you mean 'A/RES/77/281'?"},
      {"?/RES/72 /1", "did you mean '?/RES/72/1'?"},
      {"UNTFSEE", "did you mean 'UNTFSSE'?"},
      {"International Labour Organization", "did you mean 'ILO'?"},
      {"NO-SUCH-BODY", "unknown id 'NO-SUCH-BODY'"},
      {"discovered:", "unknown id 'discovered:'"},
  };
  for (const IdCase& t : ids) {
    INFO(t.id);
    Case c;
    c.name = "n";
    c.source = "f.tsv";
    c.line = 7;
    c.forbidden.push_back({t.id, std::nullopt, false, t.id});
    const auto problems = concord::check_item_ids(c, gazetteer());
    if (std::string(t.problem).empty()) {
      CHECK(problems.empty());
    } else {
      REQUIRE(problems.size() == 1);
      CHECK(problems[0].line == 7);
      CHECK(problems[0].source == "f.tsv");
      CHECK_THAT(problems[0].message, Catch::Contains(t.problem));
    }
  }
}

TEST_CASE("running a case: expected, forbidden, =surface, ~variant and '*'", "[cases]") {
  struct Run {
    const char* line;
    bool passed;
    std::vector<std::string> missing;
    std::vector<std::string> forbidden;  // "item <- surface"
  };
  const std::vector<Run> runs = {
      // The traps: ILO is not inside ITCILO, the Law of the Sea convention is not the UN.
      {"t\tThe ITCILO and the ILO\tITCILO=ITCILO|ILO=ILO\t*", true, {}, {}},
      {"t\tthe United Nations Convention on the Law of the Sea\t\tUN", true, {}, {}},
      {"t\tRecalling World Health Assembly resolution 72/1,\t?/RES/72/1\tA/RES/72/1", true, {}, {}},
      // Missing, and what is forbidden but found.
      {"t\tThe ITCILO and the ILO\tWHO|ILO", false, {"WHO"}, {}},
      {"t\tRecalling its resolution 77/281,\t\tA/RES/77/281",
       false,
       {},
       {"A/RES/77/281 <- resolution 77/281"}},
      {"t\tdecision 57/573\tA/DEC/57/573\tA/RES/57/573", true, {}, {}},
      // =surface: the written form, exactly.
      {"t\tla OIT y el BIT\tILO=BIT|ILO=OIT", true, {}, {}},
      {"t\tla OIT y el BIT\tILO=ILO", false, {"ILO=ILO"}, {}},
      {"t\tthe International Labour\\nOrganization\tILO=International Labour Organization",
       true,
       {},
       {}},
      {"t\tthe ILO and the BIT\t\tILO=BIT", false, {}, {"ILO=BIT <- BIT"}},
      // ~: the mention must be flagged variant.
      {"t\tThe UNTFSEE will meet in June.\t~UNTFSSE=UNTFSEE", true, {}, {}},
      {"t\tThe UNTFSSE will meet in June.\t~UNTFSSE", false, {"~UNTFSSE"}, {}},
      {"t\tThe UNTFSEE will meet in June.\tUNTFSSE\t~UNTFSSE", false, {}, {"~UNTFSSE <- UNTFSEE"}},
      // Each item needs a mention of its own (maximum matching, not first come).
      {"t\tthe ILO\tILO|ILO", false, {"ILO"}, {}},
      {"t\tthe ILO and the BIT\tILO|ILO=BIT", true, {}, {}},
      {"t\tthe BIT and the ILO\tILO|ILO=BIT", true, {}, {}},
      // '*': nothing but the expected ids.
      {"t\tUNESCO, UN Women, UNITAR, WHO and World Bank\tUNESCO|UN-WOMEN|UNITAR|WHO|WORLD-BANK\t*",
       true,
       {},
       {}},
      {"t\tUNESCO, UN Women, UNITAR, WHO and World Bank\tUNESCO|UN-WOMEN|UNITAR|WHO\t*",
       false,
       {},
       {"* <- World Bank"}},
  };
  for (const Run& t : runs) {
    INFO(t.line);
    const CaseResult r = concord::run_case(one_case(t.line), gazetteer());
    INFO("found: " << Catch::Detail::stringify(forms(r.found)));
    CHECK(r.passed == t.passed);
    CHECK(r.missing == t.missing);
    CHECK(hit_items(r) == t.forbidden);
    CHECK(r.error.empty());
  }
}

TEST_CASE("running a case: what was found, and what was not used", "[cases]") {
  const CaseResult r = concord::run_case(
      one_case("t\tRecalling its resolution 52/212 B of 31 March 1998 and its decision 57/573 "
               "of 20 December 2002,\\f\\nthe General Assembly\tA/DEC/57/573"),
      gazetteer());
  CHECK(r.passed);
  CHECK(r.spec.name == "t");
  CHECK(forms(r.found) == std::vector<std::string>{"A/RES/52/212B=resolution 52/212 B",
                                                   "A/DEC/57/573=decision 57/573",
                                                   "UNGA=General Assembly"});
  CHECK(forms(r.unexpected) ==
        std::vector<std::string>{"A/RES/52/212B=resolution 52/212 B", "UNGA=General Assembly"});
  // "\f" makes a paged document: page 2, line 2 ("\f\n" starts page 2 with an empty line).
  REQUIRE(r.found.size() == 3);
  CHECK(r.found[0].page == 1);
  CHECK(r.found[2].page == 2);
  CHECK(r.found[2].line == 2);
  // Without "\f" the document is unpaged: page 0.
  const CaseResult unpaged = concord::run_case(one_case("t\tthe ILO\tILO"), gazetteer());
  REQUIRE(unpaged.found.size() == 1);
  CHECK(unpaged.found[0].page == 0);
  CHECK(unpaged.found[0].line == 1);
}

TEST_CASE("run_cases: gazetteer files, unknown ids, names, unreadable files", "[cases]") {
  concord::test::TempDir dir;
  const std::string gaz =
      dir.write("g.tsv", "XSSEN\tnetwork\tExample SSE Network\tXSSEN\tExample SSE Network\n");
  const std::string cases =
      dir.write("c.tsv",
                "new\tThe Example SSE Network (XSSEN) met.\tXSSEN=Example SSE Network|XSSEN=XSSEN\n"
                "old\tthe ILO\tILO\n");
  concord::RunCasesOptions o;
  o.files = {cases};
  SECTION("without the gazetteer file the new id is unknown: a problem, the case is skipped") {
    const concord::CasesReport r = concord::run_cases(o);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].line == 1);
    CHECK_THAT(r.problems[0].message, Catch::Contains("unknown id 'XSSEN'"));
    CHECK(r.has_errors());
    REQUIRE(r.results.size() == 1);
    CHECK(r.results[0].spec.name == "old");
  }
  SECTION("with it, both pass") {
    o.gazetteer_files = {gaz};
    const concord::CasesReport r = concord::run_cases(o);
    CHECK(r.problems.empty());
    CHECK(r.results.size() == 2);
    CHECK(r.passed() == 2);
    CHECK(r.failed() == 0);
    CHECK(r.gazetteer_files == std::vector<std::string>{gaz});
    CHECK(r.gazetteer_fingerprint != Gazetteer::built_in().fingerprint());
    CHECK(r.sources == std::vector<std::string>{cases});
  }
  SECTION("--name picks cases; a name that matches none is a problem") {
    o.names = {"old", "nope"};
    const concord::CasesReport r = concord::run_cases(o);
    REQUIRE(r.results.size() == 1);
    CHECK(r.results[0].spec.name == "old");
    REQUIRE(r.problems.size() == 1);
    CHECK_THAT(r.problems[0].message, Catch::Contains("no case is named 'nope'"));
  }
  SECTION("an unreadable cases file is a problem; the other files still run") {
    o.files = {dir.str() + "/missing.tsv", cases};
    o.gazetteer_files = {gaz};
    const concord::CasesReport r = concord::run_cases(o);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].line == 0);
    CHECK(r.results.size() == 2);
  }
}

TEST_CASE("every case of data/cases.tsv passes", "[cases][data]") {
  const CaseFile f = concord::built_in_cases();
  for (const auto& p : f.problems) FAIL(p.source << ":" << p.line << ": " << p.message);
  CHECK(f.cases.size() >= 40);
  for (const Case& c : f.cases) {
    for (const auto& p : concord::check_item_ids(c, gazetteer()))
      FAIL(p.source << ":" << p.line << ": " << p.message);
    const CaseResult r = concord::run_case(c, gazetteer());
    INFO(c.source << ":" << c.line << " " << c.name << "\n  text: " << c.text
                  << "\n  missing: " << Catch::Detail::stringify(r.missing)
                  << "\n  forbidden found: " << Catch::Detail::stringify(hit_items(r))
                  << "\n  found: " << Catch::Detail::stringify(forms(r.found)));
    CHECK(r.passed);
  }
}

TEST_CASE("the built-in cases are the source tree's data/cases.tsv", "[cases][data]") {
  const CaseFile built_in = concord::built_in_cases();
  const CaseFile on_disk = concord::read_cases_file(concord::test::source_path("data/cases.tsv"));
  REQUIRE(built_in.cases.size() == on_disk.cases.size());
  for (size_t i = 0; i < built_in.cases.size(); ++i)
    CHECK(built_in.cases[i].text == on_disk.cases[i].text);
}

TEST_CASE("tests/cases/known_gaps.tsv is well formed (a gap that now passes is reported)",
          "[cases][data]") {
  const CaseFile f =
      concord::read_cases_file(concord::test::source_path("tests/cases/known_gaps.tsv"));
  for (const auto& p : f.problems) FAIL(p.source << ":" << p.line << ": " << p.message);
  CHECK_FALSE(f.cases.empty());
  for (const Case& c : f.cases) {
    for (const auto& p : concord::check_item_ids(c, gazetteer()))
      FAIL(p.source << ":" << p.line << ": " << p.message);
    // Not a failure: a fixed gap is good news. Move the case to data/cases.tsv.
    if (concord::run_case(c, gazetteer()).passed)
      WARN("known gap now passes, move it to data/cases.tsv: " << c.name);
  }
}
