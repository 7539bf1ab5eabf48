// concord-query check: placeholder until the check command lands.
#include "commands.h"

namespace concord::cli {

Command add_check_command(CLI::App& app) {
  Command c;
  c.app = app.add_subcommand("check", "(not yet available)");
  c.run = [](const GlobalOptions&) { return 2; };
  return c;
}

}  // namespace concord::cli
