// concord-query graph: the cross-reference graph as DOT, GraphML or JSON.
#include <iostream>
#include <memory>

#include "commands.h"
#include "graph/graph.h"
#include "output/render_xref.h"
#include "util/keep_until_exit.h"

namespace concord::cli {
namespace {

struct GraphState {
  GraphOptions options;
  std::string format = "dot";
  bool no_documents = false;
};

}  // namespace

Command add_graph_command(CLI::App& app) {
  auto state = std::make_shared<GraphState>();
  Command c;
  c.app = app.add_subcommand("graph",
                             "the cross-reference graph (documents, entities, symbols; mention and "
                             "co-occurrence edges with weights) as DOT, GraphML or JSON");
  c.app->add_option("--entity", state->options.entities,
                    "only the neighbourhood of this entity (repeatable)");
  c.app->add_option("--type", state->options.type,
                    "only entities of this type (organization, network, concept, symbol...)");
  c.app->add_option("--path", state->options.path_prefix, "only documents under this folder");
  c.app->add_option("--min-weight", state->options.min_weight, "drop lighter edges")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  c.app->add_option("--format", state->format, "dot, graphml or json (--json = json)")
      ->check(CLI::IsMember({"dot", "graphml", "json"}))
      ->capture_default_str();
  c.app->add_flag("--no-documents", state->no_documents,
                  "entities only: no document nodes, no mention edges");
  c.run = [state](const GlobalOptions& globals) {
    GraphOptions options = state->options;
    options.db_path = globals.db_path;
    options.documents = !state->no_documents;
    Graph g = build_graph(options);
    const std::string format = globals.json ? "json" : state->format;
    if (format == "json")
      write_graph_json(std::cout, g);
    else if (format == "graphml")
      write_graph_graphml(std::cout, g);
    else
      write_graph_dot(std::cout, g);
    util::keep_until_exit(std::move(g));  // the process ends here: no need to free it first
    return 0;
  };
  return c;
}

}  // namespace concord::cli
