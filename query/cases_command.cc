// concord-query cases: runs staff-written cases (text -> expected and forbidden entities and
// symbols) against the current gazetteer and grammar. Needs no database.
#include <iostream>
#include <memory>

#include "cases/cases.h"
#include "commands.h"
#include "output/render_cases.h"

namespace concord::cli {
namespace {

constexpr int kExitFailed = 1;
constexpr int kExitProblems = 2;

const char* kCasesFooter = R"(
A cases file is TSV: name, text, expected, forbidden, note (the format is described at the
top of data/cases.tsv, which is built in and run when no FILE is given). A case's text is
recognized as concord-index recognizes a .txt file holding it; every expected item (ID,
ID=surface, ~ID for a variant) needs a mention of its own, no mention may match a forbidden
item, and '*' in the forbidden column forbids every id not expected.

Examples:
  concord-query cases
  concord-query cases my_cases.tsv --gazetteer my_gazetteer.tsv
  concord-query cases data/cases.tsv tests/cases/known_gaps.tsv --all
  concord-query cases --name decision-57-573 --all
  concord-query --json cases | jq '.cases[] | select(.passed | not) | .name'

Exit status: 0 every case passed; 1 some case failed; 2 bad arguments, or a problem in a
cases or gazetteer file (bad line, duplicate name, unknown id, unreadable file: reported
on stderr as FILE:LINE, and the other cases still run).
)";

struct CasesArgs {
  RunCasesOptions options;
  bool all = false;
};

}  // namespace

Command add_cases_command(CLI::App& app) {
  auto args = std::make_shared<CasesArgs>();
  Command c;
  c.app = app.add_subcommand(
      "cases",
      "check cases files (this text -> these entities and symbols, not those) against the "
      "gazetteer and the grammar; no database needed");
  c.app->footer(kCasesFooter);
  c.app->add_option("FILE", args->options.files,
                    "cases files (default: the built-in data/cases.tsv)");
  c.app
      ->add_option("--gazetteer", args->options.gazetteer_files,
                   "extra gazetteer file, as concord-index --gazetteer (repeatable)")
      ->check(list_file());
  c.app->add_option("--name", args->options.names, "run only the case of this name (repeatable)");
  c.app->add_flag("--all", args->all, "show every case with all it found, not only failures");
  c.run = [args](const GlobalOptions& g) {
    const CasesReport r = run_cases(args->options);
    std::cerr << render_cases_problems_text(r);
    std::cout << (g.json ? render_cases_json(r) : render_cases_text(r, args->all, g.color));
    if (r.has_errors()) return kExitProblems;
    return r.failed() > 0 ? kExitFailed : 0;
  };
  return c;
}

}  // namespace concord::cli
