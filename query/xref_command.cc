// concord-query xref ENTITY: documents, co-cited entities, forms, dates and family of one entity.
#include <iostream>
#include <memory>

#include "commands.h"
#include "output/render_xref.h"
#include "util/keep_until_exit.h"
#include "xref/xref.h"

namespace concord::cli {
namespace {

struct XrefState {
  XrefOptions options;
};

}  // namespace

Command add_xref_command(CLI::App& app) {
  auto state = std::make_shared<XrefState>();
  Command c;
  c.app = app.add_subcommand(
      "xref",
      "cross-references of an organization, concept or symbol: documents, entities cited "
      "with it (ranked by log-likelihood), written forms, dates, symbol family");
  c.app
      ->add_option("ENTITY", state->options.entity,
                   "acronym, name, variant or symbol in any form (quote several words)")
      ->required();
  c.app->add_option("--path", state->options.path_prefix, "only documents under this folder");
  c.app->add_option("-n,--limit", state->options.limit, "rows per list (0 = all)")
      ->capture_default_str();
  c.run = [state](const GlobalOptions& globals) {
    XrefOptions options = state->options;
    options.db_path = globals.db_path;
    options.authority_files = globals.authority_files;
    XrefResult r = xref(options);
    if (globals.json)
      write_xref_json(std::cout, r);
    else
      std::cout << render_xref_text(r, globals.color);
    util::keep_until_exit(std::move(r));  // the process ends here: no need to free it first
    return 0;
  };
  return c;
}

}  // namespace concord::cli
