// End to end: the real programs on a temporary copy of corpus/, JSON output checked.
#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "output/render.h"
#include "support.h"
#include "util/unicode.h"

namespace fs = std::filesystem;
using concord::test::run;
using concord::test::TempDir;
using nlohmann::json;

namespace {

const std::string kIndex = CONCORD_INDEX_BIN;
const std::string kQuery = CONCORD_QUERY_BIN;

size_t count_indexable(const std::string& root) {
  size_t n = 0;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    const std::string ext = e.path().extension().string();
    if (e.is_regular_file() && (ext == ".txt" || ext == ".md" || ext == ".html" || ext == ".htm" || ext == ".pdf")) ++n;
  }
  return n;
}

// The corpus copied once, indexed once.
struct Corpus {
  TempDir dir;
  std::string root, db;
  concord::test::RunResult first;
  Corpus() {
    root = dir.str() + "/corpus";
    concord::test::copy_corpus(root);
    db = dir.str() + "/concord.db";
    first = run({kIndex, "--db", db, "--json", root});
  }
};

Corpus& corpus() {
  static Corpus c;
  return c;
}

json query_json(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {kQuery, "--db", corpus().db, "--json"};
  argv.insert(argv.end(), args.begin(), args.end());
  const auto r = run(argv);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

}  // namespace

TEST_CASE("concord-index indexes the whole corpus and reports JSON", "[cli]") {
  const auto& r = corpus().first;
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const json s = json::parse(r.out);
  const size_t expected = count_indexable(corpus().root);
  CHECK(expected >= 20);
  CHECK(s.at("added").get<size_t>() == expected);
  CHECK(s.at("failed").get<size_t>() == 0);
  CHECK(s.at("files").get<size_t>() >= expected);
  CHECK(s.at("elapsed_s").is_number());
  CHECK(r.err.empty());  // not a terminal: no progress line, no noise

  // A second run changes nothing.
  const auto again = run({kIndex, "--db", corpus().db, "--json", corpus().root});
  REQUIRE(again.exit_code == 0);
  const json a = json::parse(again.out);
  CHECK(a.at("unchanged").get<size_t>() == expected);
  CHECK(a.at("added").get<size_t>() == 0);
}

TEST_CASE("search --json follows the documented schema", "[cli]") {
  const json j = query_json({"search", "\"social and solidarity economy\"", "--limit", "3"});
  CHECK(j.at("query").get<std::string>() == "\"social and solidarity economy\"");
  CHECK(j.at("total").get<int>() >= 3);
  REQUIRE(j.at("results").size() == 3);
  int rank = 0;
  for (const json& h : j.at("results")) {
    CHECK(h.at("rank").get<int>() == ++rank);
    CHECK(fs::exists(h.at("path").get<std::string>()));
    CHECK(h.at("title").is_string());
    CHECK((h.at("format") == "pdf" || h.at("format") == "html" || h.at("format") == "text"));
    CHECK((h.at("date").is_null() || h.at("date").get<std::string>().size() >= 4));
    CHECK(h.at("pages").is_array());
    CHECK(h.at("score").get<double>() > 0);
    const std::string snippet = h.at("snippet").get<std::string>();
    REQUIRE(!h.at("highlights").empty());
    for (const json& span : h.at("highlights")) {
      const size_t b = span.at(0), e = span.at(1);
      REQUIRE(e <= snippet.size());
      const std::string word = snippet.substr(b, e - b);
      // Each highlighted span is one of the phrase's words (any case).
      std::string lower;
      for (char c : word) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      CHECK((lower == "social" || lower == "and" || lower == "solidarity" || lower == "economy"));
    }
  }
}

TEST_CASE("PDF hits carry page numbers, show prints that page", "[cli]") {
  const json j = query_json({"search", "type:pdf", "resolution", "--limit", "20"});
  REQUIRE(!j.at("results").empty());
  for (const json& h : j.at("results")) {
    CHECK(h.at("format") == "pdf");
    REQUIRE(!h.at("pages").empty());
    const int page = h.at("pages").at(0);
    const json shown = query_json({"show", h.at("path").get<std::string>(), "--page", std::to_string(page)});
    REQUIRE(shown.at("pages").size() == 1);
    CHECK(shown.at("pages").at(0).at("page").get<int>() == page);
    // "resolution", "résolution", "resolución", "resolutions"... folded.
    const std::string text = concord::util::fold(shown.at("pages").at(0).at("text").get<std::string>());
    CHECK(text.find("resol") != std::string::npos);
  }
}

TEST_CASE("stats and failures as JSON and text", "[cli]") {
  const json s = query_json({"stats"});
  CHECK(s.at("documents").get<size_t>() == count_indexable(corpus().root));
  CHECK(s.at("by_format").at("pdf").get<int>() >= 5);
  CHECK(s.at("by_language").at("fr").get<int>() >= 3);
  CHECK(s.at("by_language").at("es").get<int>() >= 2);
  CHECK(s.at("pages").get<size_t>() > s.at("documents").get<size_t>());
  const json f = query_json({"failures"});
  CHECK(f.at("failures").empty());
  const auto text = run({kQuery, "--db", corpus().db, "failures"});
  CHECK(text.exit_code == 0);
  CHECK(text.out == "No failed files.\n");
}

TEST_CASE("exit codes: failures 3, bad arguments 2, bad query 2, fatal 1", "[cli]") {
  TempDir dir;
  dir.write("a/good.txt", "good text\n");
  dir.write("a/bad.pdf", "%PDF-1.7 broken");
  const std::string db = dir.str() + "/db";
  const auto r = run({kIndex, "--db", db, dir.str() + "/a"});
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("bad.pdf") != std::string::npos);
  CHECK(r.err.find("corrupt") != std::string::npos);
  const auto csv = run({kQuery, "--db", db, "failures", "--csv"});
  CHECK(csv.exit_code == 0);
  CHECK(csv.out.rfind("path,kind,message,size\n", 0) == 0);
  CHECK(csv.out.find("bad.pdf,corrupt,") != std::string::npos);

  CHECK(run({kIndex, "--db", db}).exit_code == 2);                       // no PATH
  CHECK(run({kIndex, "--no-such-flag", "x"}).exit_code == 2);
  CHECK(run({kQuery, "--db", db}).exit_code == 2);                       // no command
  CHECK(run({kQuery, "--db", db, "search", "social AND"}).exit_code == 2);
  CHECK(run({kQuery, "--db", dir.str() + "/missing", "stats"}).exit_code == 1);
  const auto help = run({kQuery, "--help"});
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("Examples:") != std::string::npos);

  // CONCORD_DB is honoured when --db is absent.
  const auto env = run({"env", "CONCORD_DB=" + db, kQuery, "--json", "stats"});
  REQUIRE(env.exit_code == 0);
  CHECK(json::parse(env.out).at("documents") == 1);
}

TEST_CASE("a second indexer gets a clear error and exit 1", "[cli]") {
  TempDir dir;
  dir.write("a/x.txt", "text\n");
  const std::string db = dir.str() + "/db";
  REQUIRE(run({kIndex, "--quiet", "--db", db, dir.str() + "/a"}).exit_code == 0);
  Xapian::WritableDatabase first_writer(db, Xapian::DB_OPEN);  // another process's lock
  const auto second = run({kIndex, "--db", db, dir.str() + "/a"});
  CHECK(second.exit_code == 1);
  CHECK(second.err.find("database is being updated by another process") != std::string::npos);
}

TEST_CASE("a new user's mistakes get exit 2 and a message that says what to do", "[cli]") {
  const std::string db = corpus().db;
  const std::string doc = corpus().root + "/press/2023-04-18_ga_adopts_sse_resolution.txt";
  struct Case {
    std::vector<std::string> args;
    int exit_code;
    std::string message;  // part of stderr (or of stdout when the exit code is 0)
  };
  const Case cases[] = {
      {{"serch", "cooperative"}, 2, "unknown subcommand 'serch'; did you mean 'search'?"},
      {{"xyzzy"}, 2, "unknown subcommand 'xyzzy'; the subcommands are listed by --help"},
      {{"search", "cooperative", "--limt", "3"}, 2, "unknown option '--limt'; did you mean '--limit'?"},
      {{"--jsn", "stats"}, 2, "did you mean '--json'?"},
      {{"show", doc, "--page", "0"}, 2, "pages are numbered from 1"},
      {{"search", "date:2023-13"}, 2, "bad date '2023-13'"},
      {{"search", "date:2023-02-30"}, 2, "bad date '2023-02-30'"},
      {{"search", "date:2023-02-29..2024"}, 2, "bad date '2023-02-29' in range"},
      {{"entities", "--type", "organisation"}, 2, "did you mean 'organization'?"},
      {{"graph", "--type", "nonsense"}, 2, "unknown type 'nonsense'"},
      {{"check", "--path", "nonexistent"}, 2, "no indexed document under 'nonexistent'"},
      {{"search", "cooperative", "--limit", "0"}, 0, "documents match; none shown"},
      {{"search", "cooperative", "--offset", "500"}, 0, "documents match; none shown"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> argv = {kQuery, "--db", db};
    argv.insert(argv.end(), c.args.begin(), c.args.end());
    const auto r = run(argv);
    CAPTURE(c.args, r.out.substr(0, 300), r.err);
    CHECK(r.exit_code == c.exit_code);
    CHECK((c.exit_code == 0 ? r.out : r.err).find(c.message) != std::string::npos);
  }
  // What is valid stays valid: a leap day, a real type, a folder that holds documents.
  CHECK(run({kQuery, "--db", db, "search", "date:2024-02-29"}).exit_code == 0);
  CHECK(run({kQuery, "--db", db, "entities", "--type", "organization"}).exit_code == 0);
  CHECK(run({kQuery, "--db", db, "graph", "--type", "entity"}).exit_code == 0);
  const int checked = run({kQuery, "--db", db, "check", "--path", corpus().root + "/press"}).exit_code;
  CHECK((checked == 0 || checked == 4));
}

TEST_CASE("CSV fields a spreadsheet would run as formulas stay text", "[cli][csv]") {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"plain", "plain"},
      {"=1+1", "'=1+1"},
      {"+33 1 23", "'+33 1 23"},
      {"-2+3", "'-2+3"},
      {"@SUM(A1)", "'@SUM(A1)"},
      {"\t=1", "'\t=1"},
      {"=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""},
      {"a,b", "\"a,b\""},
      {"", ""},
      {"A/RES/77/281", "A/RES/77/281"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.in);
    CHECK(concord::csv_field(c.in) == c.out);
  }
  // End to end: a title made to be a formula, exported by mentions --csv.
  TempDir dir;
  dir.write("a/trap.txt", "Title: =HYPERLINK(\"http://evil.example\",\"open\")\n\nThe ILO met.\n");
  const std::string db = dir.str() + "/db";
  REQUIRE(run({kIndex, "-q", "--db", db, dir.str() + "/a"}).exit_code == 0);
  const auto r = run({kQuery, "--db", db, "mentions", "ILO", "--csv"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find(",\"'=HYPERLINK(") != std::string::npos);
  CHECK(r.out.find(",\"=HYPERLINK(") == std::string::npos);
}

TEST_CASE("colour: --color always, never and auto, and NO_COLOR", "[cli]") {
  const std::string db = corpus().db;
  auto colored = [&](std::vector<std::string> env_and_args) {
    std::vector<std::string> argv = {"env"};
    argv.insert(argv.end(), env_and_args.begin(), env_and_args.end());
    const auto r = run(argv);
    REQUIRE(r.exit_code == 0);
    return r.out.find("\033[") != std::string::npos;
  };
  const std::string q = kQuery;
  CHECK(colored({q, "--db", db, "--color", "always", "search", "cooperative"}));
  CHECK(colored({"NO_COLOR=1", q, "--db", db, "--color", "always", "search", "cooperative"}));
  CHECK_FALSE(colored({q, "--db", db, "--color", "never", "search", "cooperative"}));
  CHECK_FALSE(colored({q, "--db", db, "search", "cooperative"}));  // auto: not a terminal
  CHECK(run({kQuery, "--db", db, "--color", "sometimes", "stats"}).exit_code == 2);
}

TEST_CASE("output formats: --json with another is refused, and errors come as JSON too", "[cli]") {
  const std::string db = corpus().db;
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const Case cases[] = {
      {{"mentions", "ILO", "--csv"}, "--json and --csv ask for two outputs: choose one"},
      {{"mentions", "ILO", "--jsonl"}, "--json and --jsonl ask for two outputs: choose one"},
      {{"entities", "--csv"}, "--json and --csv ask for two outputs: choose one"},
      {{"check", "--csv"}, "--json and --csv ask for two outputs: choose one"},
      {{"graph", "--format", "dot"}, "--json and --format dot ask for two outputs: choose one"},
      {{"search", "date:2023-13"}, "bad date '2023-13'"},
      {{"serch", "x"}, "did you mean 'search'?"},
      {{"xref", "NOSUCHBODY"}, "NOSUCHBODY"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> argv = {kQuery, "--db", db, "--json"};
    argv.insert(argv.end(), c.args.begin(), c.args.end());
    const auto r = run(argv);
    CAPTURE(c.args, r.out, r.err);
    CHECK(r.exit_code != 0);
    const json j = json::parse(r.out);
    CHECK(j.at("error").at("exit_code") == r.exit_code);
    CHECK(j.at("error").at("message").get<std::string>().find(c.message) != std::string::npos);
    CHECK(r.err.find(c.message) != std::string::npos);
  }
  // The same output asked twice is fine.
  CHECK(run({kQuery, "--db", db, "--json", "graph", "--format", "json"}).exit_code == 0);
}

TEST_CASE("the subcommand is found after the global options and their values, and --help "
          "lists every subcommand",
          "[cli]") {
  const std::string db = corpus().db;
  // concord-query defines only the subcommand a command line names: the name must be found
  // whatever global options come first, in either form, and a value that is a subcommand's
  // name is not taken for it.
  TempDir dir;
  dir.write("search", "auto " + db + "\n");  // a stub file named like a subcommand
  const std::vector<std::vector<std::string>> lines = {
      {"--color", "never", "--db", db, "--json", "stats"},
      {"--db=" + db, "--json", "stats"},
      {"--json", "--db", dir.str() + "/search", "stats"},
      {"--authority", dir.str() + "/search", "--db", db, "--json", "stats"},
      {"--db", db, "stats", "--json"},
  };
  for (const auto& line : lines) {
    std::vector<std::string> argv = {kQuery};
    argv.insert(argv.end(), line.begin(), line.end());
    const auto r = run(argv);
    CAPTURE(line, r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(json::parse(r.out).at("documents").get<int>() > 0);
  }
  for (const std::vector<std::string>& help : {std::vector<std::string>{"--help"},
                                              {"--db", db, "--help"},
                                              {"--json", "-h"}}) {
    std::vector<std::string> argv = {kQuery};
    argv.insert(argv.end(), help.begin(), help.end());
    const auto r = run(argv);
    CAPTURE(help);
    REQUIRE(r.exit_code == 0);
    for (const char* sub : {"search", "show", "stats", "failures", "mentions", "entities", "xref",
                            "check", "graph", "cases"})
      CHECK(r.out.find("\n  " + std::string(sub) + " ") != std::string::npos);
  }
}

TEST_CASE("every example in a subcommand's --help runs on the bundled corpus", "[cli]") {
  const std::string subcommands[] = {"search",   "show", "stats", "failures", "mentions",
                                     "entities", "xref", "graph", "check"};
  int ran = 0;
  for (const std::string& sub : subcommands) {
    const auto help = run({kQuery, sub, "--help"});
    REQUIRE(help.exit_code == 0);
    CHECK(help.out.find("Examples:") != std::string::npos);
    std::istringstream lines(help.out);
    std::string line;
    while (std::getline(lines, line)) {
      const std::string prefix = "  concord-query ";
      if (line.rfind(prefix, 0) != 0) continue;
      // Its own subcommand's examples only, without what follows a pipe or a redirection,
      // or a note in parentheses; run where the corpus is, on the corpus's database.
      std::string command = line.substr(prefix.size());
      for (const char* cut : {" |", " >", "   ("})
        if (const size_t at = command.find(cut); at != std::string::npos) command.resize(at);
      CAPTURE(sub, command);
      CHECK(command.find(sub) != std::string::npos);
      if (command.find("--db") != std::string::npos) continue;  // names other databases
      const auto r = run({"/bin/sh", "-c",
                          "cd '" + corpus().dir.str() + "' && '" + std::string(kQuery) +
                              "' --db '" + corpus().db + "' " + command + " > /dev/null"});
      CAPTURE(r.err);
      CHECK((r.exit_code == 0 || (sub == "check" && r.exit_code == 4)));
      ++ran;
    }
  }
  CHECK(ran >= 20);
}
