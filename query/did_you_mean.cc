// did_you_mean(): suggestions for a mistyped subcommand or option (commands.h).
#include <algorithm>

#include "commands.h"
#include "recognize/tables.h"
#include "util/echo.h"

namespace concord::cli {

std::string did_you_mean(CLI::App& app, const std::vector<std::string>& args) {
  std::vector<std::string> subcommands, options;
  std::vector<std::string> valued;  // options that take a value
  auto add_options = [&](const CLI::App& a) {
    for (const CLI::Option* o : a.get_options()) {
      for (const std::string& n : o->get_lnames()) {
        options.push_back("--" + n);
        if (o->get_items_expected_min() > 0) valued.push_back("--" + n);
      }
      for (const std::string& n : o->get_snames())
        if (o->get_items_expected_min() > 0) valued.push_back("-" + n);
    }
  };
  add_options(app);
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    subcommands.push_back(sub->get_name());
    add_options(*sub);
  }
  bool chosen = false;  // a subcommand was named
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") break;
    if (a.rfind("--", 0) == 0) {
      const std::string name = a.substr(0, a.find('='));
      if (std::find(options.begin(), options.end(), name) == options.end()) {
        const std::string c = detail::closest_within(name, options, 2);
        if (!c.empty())
          return "unknown option '" + util::echo_input(name, 60) + "'; did you mean '" + c + "'?";
      } else if (a.find('=') == std::string::npos &&
                 std::find(valued.begin(), valued.end(), name) != valued.end()) {
        ++i;  // its value
      }
      continue;
    }
    if (a.size() > 1 && a[0] == '-') {
      if (std::find(valued.begin(), valued.end(), a) != valued.end()) ++i;
      continue;
    }
    if (chosen) continue;
    if (std::find(subcommands.begin(), subcommands.end(), a) != subcommands.end()) {
      chosen = true;
      continue;
    }
    const std::string c = detail::closest_within(a, subcommands, 2);
    return "unknown subcommand '" + util::echo_input(a, 60) + "'" +
           (c.empty() ? "; the subcommands are listed by --help" : "; did you mean '" + c + "'?");
  }
  return "";
}

}  // namespace concord::cli
