// concord-query graph: placeholder until the graph command lands.
#include "commands.h"

namespace concord::cli {

Command add_graph_command(CLI::App& app) {
  Command c;
  c.app = app.add_subcommand("graph", "(not yet available)");
  c.run = [](const GlobalOptions&) { return 2; };
  return c;
}

}  // namespace concord::cli
