// run_check(): the checker over a snapshot's stored facts.
#include <algorithm>
#include <filesystem>
#include <memory>
#include <thread>
#include <vector>

#include "check/check.h"
#include "store/path_scope.h"
#include "search/search.h"
#include "store/reader.h"
#include "util/echo.h"
#include "util/keep_until_exit.h"

namespace concord {

CheckReport run_check(const IndexReader& reader, const RunCheckOptions& options) {
  std::vector<CheckProblem> problems;
  Authority authority = Authority::built_in();
  for (const std::string& file : options.authority_files)
    for (AuthorityProblem& p : authority.add_file(file))
      problems.push_back({p.source, p.line, std::move(p.message)});
  CheckOptions check;
  check.include = options.include;
  check.all_kinds = options.all_kinds;
  check.path_prefix = PathScope(options.path_prefix).prefix();
  // A --path that holds no indexed document checks nothing: a usage error, so that a CI gate
  // with a mistyped folder does not pass.
  if (!options.path_prefix.empty()) {
    const auto in_scope = reader.documents_in(PathScope(options.path_prefix));
    if (in_scope && in_scope->empty())
      throw QueryError("no indexed document under '" + util::echo_input(options.path_prefix, 300) +
                       "': nothing to check");
  }
  std::error_code ec;
  check.legacy_root = std::filesystem::current_path(ec).string();
  std::vector<AcceptFile> accept_files;
  for (const std::string& file : options.accept_files) {
    AcceptFile a = read_accept_file(file);
    problems.insert(problems.end(), a.problems.begin(), a.problems.end());
    check.accepted.insert(a.ids.begin(), a.ids.end());
    accept_files.push_back(std::move(a));
  }
  check.id_roots = reader.roots();
  const std::shared_ptr<const Gazetteer> shared_gazetteer = reader.gazetteer();
  const Gazetteer& gazetteer = *shared_gazetteer;
  // One checker per worker thread, joined at the end: decoding the facts records and
  // checking them share the cores.
  const unsigned workers = std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
  std::vector<std::unique_ptr<Checker>> checkers;
  for (unsigned w = 0; w < workers; ++w)
    checkers.push_back(std::make_unique<Checker>(authority, gazetteer, check));
  reader.for_each_facts(PathScope(), FactsFilter(), workers,
                        [&](unsigned w, DocFacts&& facts) { checkers[w]->add(facts); });
  Checker& checker = *checkers[0];
  for (unsigned w = 1; w < workers; ++w) checker.merge(std::move(*checkers[w]));
  CheckReport report = checker.finish();
  if (options.keep_state_until_exit) util::keep_until_exit(std::move(checkers));
  // An accept file that silences nothing was most likely made for ids of another kind: from
  // another indexed folder, or by a version that hashed line numbers.
  for (size_t i = 0; i < accept_files.size(); ++i) {
    const std::vector<std::string>& ids = accept_files[i].ids;
    if (ids.empty() || std::any_of(ids.begin(), ids.end(), [&](const std::string& id) {
          return report.accepted_ids.count(id) != 0;
        }))
      continue;
    problems.push_back(
        {options.accept_files[i], 0,
         "none of its " + std::to_string(ids.size()) + " finding id" +
             (ids.size() == 1 ? "" : "s") +
             " matches a finding of this run (ids depend on the folder given to concord-index; "
             "write them again with --write-accept)"});
  }
  report.problems.insert(report.problems.begin(), problems.begin(), problems.end());
  return report;
}

CheckReport run_check(const RunCheckOptions& options) {
  return read_index(options.db_path,
                    [&](const IndexReader& reader) { return run_check(reader, options); });
}

}  // namespace concord
