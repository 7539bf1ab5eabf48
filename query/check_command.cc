// concord-query check: citation and naming problems in the archive, for librarians and CI.
#include <iostream>
#include <memory>
#include <stdexcept>

#include "check/check.h"
#include "commands.h"
#include "output/render_check.h"
#include "util/keep_until_exit.h"

namespace concord::cli {
namespace {

constexpr int kExitFindings = 4;

const char* kCheckFooter = R"(
Examples:
  concord-query check
  concord-query check --path corpus/press --csv > findings.csv
  concord-query check --all --write-accept reviewed.txt     (ids to review, then keep)
  concord-query check --fail-on warning --accept reviewed.txt

Kinds (severity): conflicting-citation (error), malformed-symbol (error), variant-spelling
(warning; info for a known variant), inconsistent-definition (warning), superseded-draft
(warning; info when the document also cites the adopted text), unknown-symbol (info, only
with --include unknown-symbol or --all).

Exit status: 0 when no finding is at or above --fail-on (default: error), 4 otherwise;
2 bad arguments; 1 no database.

Silencing reviewed findings: every finding has an id (text, --json and the CSV id column).
List ids in a file, one per line ('#' starts a comment), and pass it with --accept FILE.
--write-accept FILE appends the ids of the findings shown that it does not list yet, with a
comment each (the document's path relative to FILE's folder), for review. An id hashes the
finding's kind, the text as written, the suggestion and the document's path relative to the
folder given to concord-index, not its line: edits elsewhere in the document keep it.
)";

struct CheckArgs {
  std::string path;
  bool csv = false;
  std::string fail_on = "error";
  std::vector<std::string> accept_files;
  std::vector<std::string> include;
  bool all = false;
  std::string write_accept;
};

}  // namespace

Command add_check_command(CLI::App& app) {
  auto args = std::make_shared<CheckArgs>();
  Command c;
  c.app = app.add_subcommand("check",
                             "citation problems: conflicting or malformed symbols, superseded "
                             "drafts, misspellings, inconsistent acronym definitions");
  c.app->footer(kCheckFooter);
  c.app->add_option("--path", args->path, "only documents under this folder");
  c.app->add_flag("--csv", args->csv, "CSV for spreadsheets (id,kind,severity,path,page,line,...)");
  c.app
      ->add_option("--fail-on", args->fail_on, "exit 4 when a finding is at or above this severity")
      ->check(CLI::IsMember({"info", "warning", "error"}))
      ->capture_default_str();
  c.app
      ->add_option("--accept", args->accept_files,
                   "file of reviewed finding ids to silence (repeatable)")
      ->check(list_file());
  std::vector<std::string> kinds;
  for (FindingKind k : kAllFindingKinds) kinds.emplace_back(kind_name(k));
  c.app
      ->add_option("--include", args->include,
                   "also report this kind (e.g. unknown-symbol; repeatable)")
      ->check(CLI::IsMember(kinds));
  c.app->add_flag("--all", args->all, "report every kind");
  c.app->add_option("--write-accept", args->write_accept,
                    "append the ids of the findings shown to this file, for review");

  c.run = [args](const GlobalOptions& g) {
    RunCheckOptions o;
    o.db_path = g.db_path;
    o.path_prefix = args->path;
    o.authority_files = g.authority_files;
    o.accept_files = args->accept_files;
    for (const std::string& k : args->include) o.include.push_back(*parse_kind(k));
    o.all_kinds = args->all;
    o.keep_state_until_exit = true;  // one check, then exit
    const Severity fail_on = parse_severity(args->fail_on).value_or(Severity::kError);
    CheckReport r = run_check(o);
    if (!g.json)
      for (const CheckProblem& p : r.problems)
        std::cerr << "concord-query: " << p.source << (p.line ? ":" + std::to_string(p.line) : "")
                  << ": " << p.message << "\n";
    if (!args->write_accept.empty()) {
      const AcceptWrite w = write_accept_file(args->write_accept, r.findings);
      if (w.problem) throw std::runtime_error(w.problem->message + ": " + args->write_accept);
      std::cerr << "concord-query: " << args->write_accept << ": " << w.added << " id"
                << (w.added == 1 ? "" : "s") << " added, " << w.listed << " already listed\n";
    }
    if (g.json)
      write_check_json(std::cout, r, fail_on);
    else if (args->csv)
      write_check_csv(std::cout, r);
    else
      write_check_text(std::cout, r, fail_on, g.color);
    const int status = check_fails(r, fail_on) ? kExitFindings : 0;
    util::keep_until_exit(std::move(r));  // the process ends here: no need to free it first
    return status;
  };
  return c;
}

}  // namespace concord::cli
