// did_you_mean() and requested_subcommand(): what a command line names (commands.h).
#include <algorithm>

#include "commands.h"
#include "recognize/tables.h"
#include "util/echo.h"

namespace concord::cli {
namespace {

// Adds the long options of `a` to `options` ("--limit"), and those that take a value, by
// every name ("--limit", "-n"), to `valued`.
void add_options(const CLI::App& a, std::vector<std::string>* options,
                 std::vector<std::string>* valued) {
  for (const CLI::Option* o : a.get_options()) {
    for (const std::string& n : o->get_lnames()) {
      options->push_back("--" + n);
      if (o->get_items_expected_min() > 0) valued->push_back("--" + n);
    }
    for (const std::string& n : o->get_snames())
      if (o->get_items_expected_min() > 0) valued->push_back("-" + n);
  }
}

bool contains(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

}  // namespace

std::string requested_subcommand(const CLI::App& app, const std::vector<std::string>& args,
                                 const std::vector<std::string>& names) {
  std::vector<std::string> options, valued;
  add_options(app, &options, &valued);
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--" || a == "-h" || a == "--help") return "";
    if (a.size() > 1 && a[0] == '-') {
      if (a.find('=') == std::string::npos && contains(valued, a)) ++i;  // its value
      continue;
    }
    return contains(names, a) ? a : "";
  }
  return "";
}

std::string did_you_mean(CLI::App& app, const std::vector<std::string>& args) {
  std::vector<std::string> subcommands, options;
  std::vector<std::string> valued;  // options that take a value
  add_options(app, &options, &valued);
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    subcommands.push_back(sub->get_name());
    add_options(*sub, &options, &valued);
  }
  bool chosen = false;  // a subcommand was named
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") break;
    if (a.rfind("--", 0) == 0) {
      const std::string name = a.substr(0, a.find('='));
      if (!contains(options, name)) {
        const std::string c = detail::closest_within(name, options, 2);
        if (!c.empty())
          return "unknown option '" + util::echo_input(name, 60) + "'; did you mean '" + c + "'?";
      } else if (a.find('=') == std::string::npos && contains(valued, name)) {
        ++i;  // its value
      }
      continue;
    }
    if (a.size() > 1 && a[0] == '-') {
      if (contains(valued, a)) ++i;
      continue;
    }
    if (chosen) continue;
    if (contains(subcommands, a)) {
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
