// concord-query cases end to end: the built-in file passes (exit 0), a failing case (exit 1)
// and a bad file (exit 2) with FILE:LINE messages, --gazetteer, --name, --all, and the --json
// schema of the README. No database is involved.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support.h"

using concord::test::run;
using concord::test::TempDir;
using nlohmann::json;

namespace {

const std::string kQuery = CONCORD_QUERY_BIN;

// Runs `concord-query [--json] cases ARGS...` against a database path that does not exist.
concord::test::RunResult cases(const std::vector<std::string>& args, bool as_json = false) {
  std::vector<std::string> argv = {kQuery, "--db", "/nonexistent/concord.db"};
  if (as_json) argv.push_back("--json");
  argv.push_back("cases");
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv);
}

const char* kPassing =
    "# two cases that pass\n"
    "decision\tRecalling its resolution 52/212 B of 31 March 1998 and its decision 57/573 of 20 "
    "December 2002,\tA/RES/52/212B|A/DEC/57/573=decision 57/573\tA/RES/57/573\tA/C.5/80 draft\n"
    "itcilo\tThe ITCILO and the ILO\tITCILO|ILO=ILO\t*\n";

const char* kFailing =
    "wha\tRecalling World Health Assembly resolution 72/1,\t?/RES/72/1\tA/RES/72/1\n"
    "run\tUNESCO, UN Women, UNITAR, WHO and World Bank\tUNESCO|WHO|ILO\tUNITAR\n";

}  // namespace

TEST_CASE("cases: the built-in data/cases.tsv passes without a database", "[cases][cli]") {
  const auto r = cases({});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  // Only the summary: no failing case to show.
  CHECK_THAT(r.out, Catch::Matches("[0-9]+ cases, ([0-9]+) passed, 0 failed\\.\n"));
}

TEST_CASE("cases: exit codes 0, 1 and 2", "[cases][cli]") {
  TempDir dir;
  const std::string passing = dir.write("passing.tsv", kPassing);
  const std::string failing = dir.write("failing.tsv", kFailing);
  const std::string bad = dir.write("bad.tsv",
                                    "ok\tthe ILO\tILO\n"
                                    "short\tonly two columns\n"
                                    "ok\tthe WHO\tWHO\n"
                                    "typo\tthe ILO\tS/RES/242 (1967)\n");
  struct Run {
    std::vector<std::string> args;
    int exit_code;
  };
  const std::vector<Run> runs = {
      {{passing}, 0},
      {{failing}, 1},
      {{passing, failing}, 1},
      {{bad}, 2},
      {{bad, failing}, 2},                                        // problems win over failures
      {{dir.str() + "/missing.tsv"}, 2},                          // unreadable file
      {{passing, "--gazetteer", dir.str() + "/missing.tsv"}, 2},  // checked by the parser
      {{passing, "--name", "itcilo"}, 0},
      {{passing, "--name", "nope"}, 2},
      {{passing, "--no-such-option"}, 2},
  };
  for (const Run& t : runs) {
    const auto r = cases(t.args);
    INFO(Catch::Detail::stringify(t.args) << "\n" << r.out << r.err);
    CHECK(r.exit_code == t.exit_code);
  }
}

TEST_CASE("cases: text output, one line per failing case, problems on stderr", "[cases][cli]") {
  TempDir dir;
  const std::string passing = dir.write("passing.tsv", kPassing);
  const std::string failing = dir.write("failing.tsv", kFailing);
  {
    const auto r = cases({passing, failing});
    CHECK(r.exit_code == 1);
    CHECK(r.out == "FAIL " + failing +
                       ":2 run: missing ILO; forbidden UNITAR=UNITAR; also found UN-WOMEN=UN "
                       "Women | WORLD-BANK=World Bank\n"
                       "4 cases, 3 passed, 1 failed.\n");
  }
  {
    const auto r = cases({passing, "--all"});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "ok   " + passing + ":2 decision\n" +
                       "     found: A/RES/52/212B=resolution 52/212 B | A/DEC/57/573=decision "
                       "57/573\n" +
                       "ok   " + passing + ":3 itcilo\n" + "     found: ITCILO=ITCILO | ILO=ILO\n" +
                       "2 cases, 2 passed, 0 failed.\n");
  }
  {
    const std::string bad = dir.write("bad.tsv",
                                      "ok\tthe ILO\tILO\n"
                                      "short\tonly two columns\n"
                                      "ok\tthe WHO\tWHO\n"
                                      "typo\tthe ILO\tS/RES/242 (1967)\n");
    const auto r = cases({bad});
    CHECK(r.exit_code == 2);
    CHECK(r.err ==
          bad + ":2: expected at least 3 tab-separated columns (name, text, expected), got 2\n" +
              bad + ":3: duplicate case name 'ok' (first on line 1)\n" + bad +
              ":4: case 'typo': unknown id 'S/RES/242 (1967)' (not a gazetteer id, a "
              "discovered:ACR or a canonical symbol); did you mean 'S/RES/242(1967)'?\n");
    CHECK(r.out == "1 case, 1 passed, 0 failed; 3 problems in the input files (on stderr).\n");
  }
}

TEST_CASE("cases: --gazetteer adds entries as concord-index does", "[cases][cli]") {
  TempDir dir;
  const std::string gaz =
      dir.write("g.tsv", "XSSEN\tnetwork\tExample SSE Network\tXSSEN\tExample SSE Network\n");
  const std::string file =
      dir.write("c.tsv", "new\tThe Example SSE Network (XSSEN) met.\tXSSEN|XSSEN=XSSEN\t*\n");
  const auto without = cases({file});
  CHECK(without.exit_code == 2);
  CHECK_THAT(without.err, Catch::Contains(file + ":1: case 'new': unknown id 'XSSEN'"));
  const auto with = cases({file, "--gazetteer", gaz});
  INFO(with.out << with.err);
  CHECK(with.exit_code == 0);
  CHECK(with.out == "1 case, 1 passed, 0 failed.\n");
}

TEST_CASE("cases --json follows the README schema", "[cases][cli]") {
  TempDir dir;
  const std::string passing = dir.write("passing.tsv", kPassing);
  const std::string failing = dir.write("failing.tsv", kFailing);
  const auto r = cases({passing, failing}, true);
  CHECK(r.exit_code == 1);
  const json j = json::parse(r.out);
  CHECK(j.at("sources") == json::array({passing, failing}));
  CHECK(j.at("gazetteer").at("fingerprint").get<std::string>().size() == 17);
  CHECK(j.at("gazetteer").at("files") == json::array());
  CHECK(j.at("summary") == json({{"cases", 4}, {"passed", 3}, {"failed", 1}, {"problems", 0}}));
  CHECK(j.at("problems") == json::array());
  const json& all = j.at("cases");
  REQUIRE(all.size() == 4);
  for (const json& c : all) {
    CHECK(c.at("name").is_string());
    CHECK(c.at("source").is_string());
    CHECK(c.at("line").is_number_integer());
    CHECK(c.at("passed").is_boolean());
    CHECK(c.at("text").is_string());
    CHECK(c.at("note").is_string());
    for (const char* list : {"expected", "forbidden", "missing"})
      for (const json& item : c.at(list)) CHECK(item.is_string());
    for (const char* list : {"found", "unexpected", "forbidden_found"}) {
      for (const json& m : c.at(list)) {
        CHECK(m.at("id").is_string());
        CHECK(m.at("surface").is_string());
        CHECK(m.at("variant").is_boolean());
        CHECK(m.at("page").is_null());  // unpaged texts
        CHECK(m.at("line").is_number_integer());
      }
    }
    CHECK(c.at("error").is_null());
  }
  const json& decision = all[0];
  CHECK(decision.at("name") == "decision");
  CHECK(decision.at("line") == 2);
  CHECK(decision.at("passed") == true);
  CHECK(decision.at("note") == "A/C.5/80 draft");
  CHECK(decision.at("expected") == json::array({"A/RES/52/212B", "A/DEC/57/573=decision 57/573"}));
  CHECK(decision.at("forbidden") == json::array({"A/RES/57/573"}));
  CHECK(decision.at("found").size() == 2);
  CHECK(all[1].at("forbidden") == json::array({"*"}));
  const json& run_case = all[3];
  CHECK(run_case.at("passed") == false);
  CHECK(run_case.at("missing") == json::array({"ILO"}));
  REQUIRE(run_case.at("forbidden_found").size() == 1);
  CHECK(run_case.at("forbidden_found")[0].at("item") == "UNITAR");
  CHECK(run_case.at("forbidden_found")[0].at("id") == "UNITAR");
  CHECK(run_case.at("unexpected").size() == 2);
  CHECK(run_case.at("found").size() == 5);

  // Problems are in the JSON too, with their line and whether the line was skipped.
  const std::string bad = dir.write("bad.tsv", "x\tonly two\n");
  const auto b = cases({bad}, true);
  CHECK(b.exit_code == 2);
  const json jb = json::parse(b.out);
  REQUIRE(jb.at("problems").size() == 1);
  CHECK(jb.at("problems")[0].at("source") == bad);
  CHECK(jb.at("problems")[0].at("line") == 1);
  CHECK(jb.at("problems")[0].at("skipped") == true);
  CHECK(jb.at("problems")[0].at("message").is_string());
  CHECK(jb.at("summary").at("problems") == 1);
}

TEST_CASE("cases --help shows the format, examples and exit codes", "[cases][cli]") {
  const auto r = run({kQuery, "cases", "--help"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("--gazetteer"));
  CHECK_THAT(r.out, Catch::Contains("concord-query cases my_cases.tsv --gazetteer"));
  CHECK_THAT(r.out, Catch::Contains("Exit status: 0 every case passed; 1 some case failed; 2"));
}
