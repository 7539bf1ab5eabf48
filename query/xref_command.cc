// concord-query xref: placeholder until the xref command lands.
#include "commands.h"

namespace concord::cli {

Command add_xref_command(CLI::App& app) {
  Command c;
  c.app = app.add_subcommand("xref", "(not yet available)");
  c.run = [](const GlobalOptions&) { return 2; };
  return c;
}

}  // namespace concord::cli
