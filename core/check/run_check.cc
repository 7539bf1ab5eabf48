// run_check(): the checker over a database's stored facts.
#include <filesystem>

#include "check/check.h"
#include "discover/discover.h"
#include "search/db.h"

namespace concord {

CheckReport run_check(const RunCheckOptions& options) {
  std::vector<CheckProblem> problems;
  Authority authority = Authority::built_in();
  for (const std::string& file : options.authority_files)
    for (AuthorityProblem& p : authority.add_file(file))
      problems.push_back({p.source, p.line, std::move(p.message)});
  CheckOptions check;
  check.include = options.include;
  check.all_kinds = options.all_kinds;
  check.path_prefix = options.path_prefix.empty() ? "" : absolute_path(options.path_prefix);
  std::error_code ec;
  check.id_root = std::filesystem::current_path(ec).string();
  for (const std::string& file : options.accept_files) {
    std::string error;
    if (!read_accept_file(file, &check.accepted, &error)) problems.push_back({file, 0, error});
  }
  Xapian::Database db = open_database(options.db_path);
  const Gazetteer gazetteer = database_gazetteer(db);
  Checker checker(authority, gazetteer, std::move(check));
  // Decoding the facts records is half the work: it runs in a second thread.
  for_each_facts(options.db_path, "", FactsFilter(),
                 [&](Xapian::docid, DocFacts&& facts) { checker.add(facts); });
  CheckReport report = checker.finish();
  report.problems.insert(report.problems.begin(), problems.begin(), problems.end());
  return report;
}

}  // namespace concord
