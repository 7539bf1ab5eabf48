// Subcommands of concord-query that live in their own files. Each add_*() registers its
// subcommand (options parsed into state it owns) and returns the runner main() calls when
// that subcommand was chosen. Runners print to stdout and return the exit code; they may
// throw the library's errors, which main() maps to exit codes in one place.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "util/echo.h"
#include "util/small_file.h"

namespace concord::cli {

// For options naming a list file (--authority, --accept, --gazetteer): a regular file of at
// most util::kMaxSmallFileBytes, checked before any work, so that /dev/zero or a FIFO is a
// usage error (exit 2) rather than a read that never ends.
inline CLI::Validator list_file() {
  return CLI::Validator(
      [](std::string& path) -> std::string {
        const auto problem = util::small_file_problem(path);
        return problem ? util::echo_input(path, 1000) + ": " + *problem : std::string();
      },
      "FILE");
}

// What a user most likely meant by a command line CLI11 refused: the closest subcommand to a
// first word that is none ("unknown subcommand 'serch'; did you mean 'search'?"), or the
// closest option to an --option no command has; "" when nothing is close (two edits at most).
std::string did_you_mean(CLI::App& app, const std::vector<std::string>& args);

// The subcommand a command line names, told from `app` with only its own (global) options
// defined: the first word of `args` that is neither an option nor an option's value, when it
// is one of `names`. "" when no subcommand is named before "--", -h or --help, or the word is
// none of them: then every subcommand must be defined, for the help to list them all and
// for did_you_mean(). main() defines only the one named otherwise: building all of them
// with CLI11 was 3-5% of a search's whole run.
std::string requested_subcommand(const CLI::App& app, const std::vector<std::string>& args,
                                 const std::vector<std::string>& names);

struct GlobalOptions {
  std::string db_path;                      // resolved: --db, $CONCORD_DB or ./concord.db
  bool json = false;                        // --json
  bool color = false;                       // stdout is a terminal and NO_COLOR is unset
  std::vector<std::string> authority_files; // --authority FILE (repeatable)
};

using Runner = std::function<int(const GlobalOptions&)>;

struct Command {
  CLI::App* app = nullptr;
  Runner run;
};

Command add_xref_command(CLI::App& app);
Command add_graph_command(CLI::App& app);
Command add_check_command(CLI::App& app);
Command add_cases_command(CLI::App& app);

}  // namespace concord::cli
