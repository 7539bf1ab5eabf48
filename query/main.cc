// concord-query: searches a Concord database and reports on it.
#include <unistd.h>

#include <algorithm>
#include <map>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <cstdlib>
#include <functional>
#include <iostream>

#include "commands.h"
#include "output/render.h"
#include "search/search.h"
#include "store/shards.h"
#include "util/db_path.h"
#include "util/escape.h"
#include "util/heap.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFatal = 1;
constexpr int kExitUsage = 2;

const char* kExamples = R"(
Examples:
  concord-query search social solidarity economy
  concord-query search '"decent work" AND title:resolution'
  concord-query search 'cooperative NEAR financing' type:pdf date:2023..2024
  concord-query search 'develop*' lang:fr path:corpus/press --limit 5
  concord-query --json search resolution 77/281 | jq '.results[].path'
  concord-query show corpus/resolutions/2022-06-14_ilc110_sse_outcome_brief.pdf --page 2
  concord-query mentions UNTFSSE
  concord-query mentions "resolution 77/281" --family --csv > mentions.csv
  concord-query mentions ILO --lang fr --form OIT
  concord-query search 'org:ILO NEAR "decent work"'
  concord-query search 'symbol:"A / RES / 77 / 281" lang:es'
  concord-query entities --type organization
  concord-query entities --discovered
  concord-query xref UNTFSSE
  concord-query --json xref "resolution 77/281" --limit 5
  concord-query check --fail-on warning --accept reviewed.txt
  concord-query graph --no-documents --min-weight 8 --format dot | neato -Tpng -o graph.png
  concord-query stats
  concord-query failures --csv > failures.csv
  concord-query cases my_cases.tsv --gazetteer my_gazetteer.tsv   (no database needed)
  concord-web                      the archive in a browser (a program of its own)

Query syntax: all words are required; OR, NOT, AND, ( ), "exact phrases", NEAR, word*,
fields title:, type:pdf|html|text, lang:en|fr|es, path:FOLDER, date:2023, date:2023..2024,
org:ENTITY, symbol:SYMBOL (any written form; quote forms with spaces).
Matching ignores case and accents; words are stemmed in each document's language.

Exit status: 0 success (also when nothing matches); 2 bad arguments or a query that does
not parse; 1 unknown entity, or a fatal error (no database, damaged database).
cases: 1 when a case fails, 2 for a problem in a cases file (see concord-query cases --help).
)";

// Each subcommand's own examples (its --help), instead of the whole list above.
const std::map<std::string, const char*> kSubcommandExamples = {
    {"search", R"(
Examples:
  concord-query search social solidarity economy
  concord-query search '"decent work" AND title:resolution'
  concord-query search 'cooperative NEAR financing' type:pdf date:2023..2024
  concord-query search 'develop*' lang:fr path:corpus/press --limit 5
  concord-query search 'org:ILO NEAR "decent work"'
  concord-query search 'symbol:"A / RES / 77 / 281" lang:es'
  concord-query --json search resolution 77/281 | jq '.results[].path'

Query syntax: all words are required; OR, NOT, AND, ( ), "exact phrases", NEAR, word*,
fields title:, type:pdf|html|text, lang:en|fr|es, path:FOLDER, date:2023, date:2023..2024,
org:ENTITY, symbol:SYMBOL (any written form; quote forms with spaces).
Matching ignores case and accents; words are stemmed in each document's language.
)"},
    {"show", R"(
Examples:
  concord-query show corpus/resolutions/2022-06-14_ilc110_sse_outcome_brief.pdf --page 2
  concord-query --json show corpus/press/2023-04-18_ga_adopts_sse_resolution.txt
)"},
    {"stats", R"(
Examples:
  concord-query stats
  concord-query --db shard-a --db shard-b stats      (two shards read as one archive)
)"},
    {"failures", R"(
Examples:
  concord-query failures
  concord-query failures --csv > failures.csv
)"},
    {"mentions", R"(
Examples:
  concord-query mentions UNTFSSE
  concord-query mentions "resolution 77/281" --family --csv > mentions.csv
  concord-query mentions ILO --lang fr --form OIT
  concord-query --json mentions A/RES/77/281 --path corpus/press
)"},
    {"entities", R"(
Examples:
  concord-query entities
  concord-query entities --type organization
  concord-query entities --discovered --csv > candidates.csv
)"},
    {"xref", R"(
Examples:
  concord-query xref UNTFSSE
  concord-query xref "resolution 77/281" --limit 5
  concord-query --json xref ILO --path corpus/press
)"},
    {"graph", R"(
Examples:
  concord-query graph --no-documents --min-weight 8 --format dot | neato -Tpng -o graph.png
  concord-query graph --entity UNTFSSE --format graphml > untfsse.graphml
  concord-query --json graph --type organization
)"},
};

std::string join(const std::vector<std::string>& words) {
  std::string s;
  for (const std::string& w : words) s += (s.empty() ? "" : " ") + w;
  return s;
}

}  // namespace

// An error: its message on stderr and, when the output asked for is JSON, also as JSON on
// stdout ({"error": {"message", "exit_code"}}), so that a script reading stdout sees it.
int fail(const std::string& message, int exit_code, bool json) {
  std::cerr << "concord-query: " << concord::util::escape_controls(message) << "\n";
  if (json)
    std::cout << nlohmann::json{{"error", {{"message", message}, {"exit_code", exit_code}}}}.dump(
                     2, ' ', false, nlohmann::json::error_handler_t::replace)
              << "\n";
  return exit_code;
}

int main(int argc, char** argv) {
  // One command, then exit: memory freed is kept for reuse instead of going back to the
  // kernel (glibc's default hands big blocks back and takes them again, and the page faults
  // were a quarter of `check` at 100,000 documents: 4.3 -> 3.5 s), and the heap is taken in
  // 2 MiB pages where the kernel allows it.
  concord::util::one_command_heap(size_t{512} << 20);
  CLI::App app{"concord-query: search a Concord database, list mentions of organizations and symbols,\n"
               "show documents, list failures."};
  app.footer(kExamples);
  app.require_subcommand(1);
  app.fallthrough();
  std::vector<std::string> db_paths;
  bool json = false;
  app.add_option("--db", db_paths,
                 "database folder or Xapian stub file; repeat it to read several shards as one "
                 "archive (default: $CONCORD_DB, else ./concord.db)")
      ->allow_extra_args(false);
  app.add_flag("--json", json, "one JSON document on stdout (schemas in the README)");
  std::vector<std::string> authority_files;
  app.add_option("--authority", authority_files, "extra authority file of instruments (repeatable)")
      ->check(concord::cli::list_file());
  std::string color_mode = "auto";
  app.add_option("--color", color_mode,
                 "colour in text output: auto (on a terminal, unless NO_COLOR is set and not "
                 "empty), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  app.set_version_flag("-V,--version", std::string(CONCORD_VERSION));

  // The subcommands, each defined by its entry; only the one the command line names is,
  // when it names one (requested_subcommand()).
  concord::SearchOptions search_opts;
  std::vector<std::string> query_words;
  std::string sort = "relevance";
  std::string show_path;
  int show_page = 0;
  bool csv = false;
  concord::MentionsOptions mention_opts;
  bool jsonl = false;
  concord::EntitiesOptions entity_opts;
  CLI::App *search = nullptr, *show = nullptr, *stats = nullptr, *failures = nullptr,
           *mentions = nullptr, *entities = nullptr;
  std::vector<concord::cli::Command> commands;  // those defined in their own files
  const std::vector<std::pair<std::string, std::function<void(const std::string&)>>> subcommands = {
      {"search",
       [&](const std::string& name) {
         search = app.add_subcommand(name, "ranked full-text search");
         search->add_option("QUERY", query_words, "query words and operators")->required();
         search->add_option("-n,--limit", search_opts.limit, "results to show")->capture_default_str();
         search->add_option("--offset", search_opts.offset, "results to skip (paging)")
             ->capture_default_str();
         search->add_option("--sort", sort, "relevance or date (newest first)")
             ->check(CLI::IsMember({"relevance", "date"}))
             ->capture_default_str();
       }},
      {"show",
       [&](const std::string& name) {
         show = app.add_subcommand(name, "print the stored text of a document");
         show->add_option("PATH", show_path, "the document's path")->required();
         show->add_option("-p,--page", show_page, "only this page (1-based)")
             ->check(CLI::Validator(
                 [](std::string& v) {
                   return v.find_first_not_of("0123456789") == std::string::npos && !v.empty() &&
                                  std::stoll(v.substr(0, 9)) > 0
                              ? std::string()
                              : "pages are numbered from 1";
                 },
                 "PAGE"));
       }},
      {"stats",
       [&](const std::string& name) {
         stats = app.add_subcommand(name, "documents by format and language, pages, terms, size");
       }},
      {"failures",
       [&](const std::string& name) {
         failures = app.add_subcommand(name, "files that failed to index, and why");
         failures->add_flag("--csv", csv, "CSV for spreadsheets (path,kind,message,size)");
       }},
      {"mentions",
       [&](const std::string& name) {
         mentions = app.add_subcommand(name, "every mention of an organization, concept or symbol");
         mentions->add_option("ENTITY", mention_opts.entity,
                              "acronym, name, variant or symbol in any form (quote several words)")
             ->required();
         mentions->add_flag("--family", mention_opts.family,
                            "include /Rev, /Corr, /Add members of a symbol");
         mentions->add_option("--path", mention_opts.path_prefix, "only documents under this folder");
         mentions->add_option("--lang", mention_opts.language, "only documents in this language")
             ->check(CLI::IsMember({"en", "fr", "es"}));
         mentions->add_option("--form", mention_opts.form,
                              "only mentions written exactly so (a form `entities` lists)");
         auto* mentions_csv = mentions->add_flag("--csv", csv, "CSV for spreadsheets");
         mentions->add_flag("--jsonl", jsonl, "one JSON object per mention, per line")
             ->excludes(mentions_csv);
       }},
      {"entities",
       [&](const std::string& name) {
         entities = app.add_subcommand(name, "every entity in the archive with counts and variants");
         entities->add_option("--type", entity_opts.type,
                              "only this type (organization, symbol, concept...)");
         entities->add_flag("--discovered", entity_opts.discovered,
                            "only acronyms discovered in the text");
         entities->add_flag("--csv", csv, "CSV for spreadsheets");
       }},
      {"xref", [&](const std::string&) { commands.push_back(concord::cli::add_xref_command(app)); }},
      {"check", [&](const std::string&) { commands.push_back(concord::cli::add_check_command(app)); }},
      {"graph", [&](const std::string&) { commands.push_back(concord::cli::add_graph_command(app)); }},
      {"cases", [&](const std::string&) { commands.push_back(concord::cli::add_cases_command(app)); }},
  };
  std::vector<std::string> names;
  for (const auto& entry : subcommands) names.push_back(entry.first);
  const std::string named =
      concord::cli::requested_subcommand(app, std::vector<std::string>(argv + 1, argv + argc), names);
  for (const auto& [name, define] : subcommands)
    if (named.empty() || named == name) define(name);

  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    const auto examples = kSubcommandExamples.find(sub->get_name());
    if (examples != kSubcommandExamples.end()) sub->footer(examples->second);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return kExitOk;
  } catch (const CLI::CallForVersion&) {
    std::cout << "concord-query " << CONCORD_VERSION << "\n";
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    const std::string hint = concord::cli::did_you_mean(app, args);
    const int code = fail(hint.empty() ? e.what() : hint, kExitUsage,
                          std::find(args.begin(), args.end(), "--json") != args.end());
    std::cerr << "Run 'concord-query --help' for usage.\n";
    return code;
  }
  // One output format: --json does not silently win over another.
  if (json) {
    for (CLI::App* sub : app.get_subcommands()) {
      for (const char* name : {"--csv", "--jsonl"}) {
        const CLI::Option* o = sub->get_option_no_throw(name);
        if (o && o->count() > 0)
          return fail(std::string("--json and ") + name + " ask for two outputs: choose one",
                      kExitUsage, true);
      }
      const CLI::Option* format = sub->get_option_no_throw("--format");
      if (format && format->count() > 0 && format->as<std::string>() != "json")
        return fail("--json and --format " + format->as<std::string>() +
                        " ask for two outputs: choose one",
                    kExitUsage, true);
    }
  }
  std::string db_path;
  try {
    db_path = db_paths.size() > 1 ? concord::join_locations(db_paths)
                                  : concord::util::database_path(db_paths.empty() ? "" : db_paths[0]);
  } catch (const concord::DatabaseError& e) {
    return fail(e.what(), kExitUsage, json);
  }
  // NO_COLOR's convention (no-color.org): set and not empty turns colour off.
  const char* no_color = std::getenv("NO_COLOR");
  const bool color = color_mode == "always" ||
                     (color_mode == "auto" && isatty(STDOUT_FILENO) && !(no_color && *no_color));
  const concord::cli::GlobalOptions globals{db_path, json, color, authority_files};
  try {
    for (const concord::cli::Command& c : commands)
      if (*c.app) return c.run(globals);
    if (search && *search) {
      search_opts.db_path = db_path;
      search_opts.query = join(query_words);
      search_opts.sort_by_date = sort == "date";
      const concord::SearchResults r = concord::search(search_opts);
      std::cout << (json ? concord::render_search_json(r) : concord::render_search_text(r, color));
    } else if (show && *show) {
      const concord::ShownDoc d = concord::show(db_path, show_path, show_page);
      std::cout << (json ? concord::render_show_json(d) : concord::render_show_text(d));
    } else if (stats && *stats) {
      const concord::Stats s = concord::stats(db_path);
      std::cout << (json ? concord::render_stats_json(s) : concord::render_stats_text(s));
    } else if (failures && *failures) {
      const auto f = concord::failures(db_path);
      std::cout << (json ? concord::render_failures_json(f)
                         : csv ? concord::render_failures_csv(f) : concord::render_failures_text(f));
    } else if (mentions && *mentions) {
      // Printed as the rows come: the first line is out before the last document is read.
      mention_opts.db_path = db_path;
      concord::MentionsPrinter printer(std::cout,
                                       json    ? concord::MentionsFormat::json
                                       : jsonl ? concord::MentionsFormat::jsonl
                                       : csv   ? concord::MentionsFormat::csv
                                               : concord::MentionsFormat::text,
                                       color);
      concord::stream_mentions(
          mention_opts,
          [&](const concord::MentionsHeader& h) {
            printer.header(h);
            std::cout.flush();
          },
          [&](concord::MentionRow&& row) {
            printer.row(row);
            return static_cast<bool>(std::cout);
          });
      printer.finish();
    } else if (entities && *entities) {
      entity_opts.db_path = db_path;
      const auto e = concord::list_entities(entity_opts);
      std::cout << (json  ? concord::render_entities_json(e)
                    : csv ? concord::render_entities_csv(e)
                          : concord::render_entities_text(e));
    }
    return kExitOk;
  } catch (const concord::UnknownEntityError& e) {
    return fail(e.what(), kExitFatal, json);
  } catch (const concord::QueryError& e) {
    return fail(e.what(), kExitUsage, json);
  } catch (const std::exception& e) {
    return fail(e.what(), kExitFatal, json);
  }
}
