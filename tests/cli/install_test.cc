// `cmake --install` into a temporary prefix: the programs, the data files they read from
// there at run time (and CONCORD_DATA_DIR over them), the manual pages and bash completion.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "support.h"

namespace fs = std::filesystem;
using concord::test::read_file;
using concord::test::run;
using concord::test::TempDir;

namespace {

// The installed tree, made once for all the cases below.
struct Installed {
  TempDir dir;
  std::string prefix;
  concord::test::RunResult install;
  Installed() {
    prefix = dir.str() + "/usr";
    // The manual pages are built with the programs (target "man", part of "all").
    const auto built = run({"cmake", "--build", CONCORD_BINARY_DIR, "--target", "man"});
    REQUIRE(built.exit_code == 0);
    install = run({"cmake", "--install", CONCORD_BINARY_DIR, "--prefix", prefix});
  }
  std::string bin(const std::string& name) const { return prefix + "/bin/" + name; }
};

const Installed& installed() {
  static Installed i;
  return i;
}

// Subcommand names of `concord-query --help`.
std::vector<std::string> subcommands(const std::string& query) {
  std::istringstream help(run({query, "--help"}).out);
  std::vector<std::string> out;
  std::string line;
  bool on = false;
  while (std::getline(help, line)) {
    if (line == "Subcommands:") { on = true; continue; }
    if (on && line.empty()) break;
    if (on && line.size() > 2 && line[2] != ' ') out.push_back(line.substr(2, line.find(' ', 2) - 2));
  }
  return out;
}

// Long options ("--name") in a help text.
std::set<std::string> long_options(const std::string& help) {
  std::set<std::string> out;
  const std::regex option(R"((?:^|[ ,])(--[a-z][a-z-]*))");
  std::istringstream in(help);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("  -", 0) != 0) continue;  // option lines only, not the examples
    for (std::sregex_iterator m(line.begin(), line.end(), option), end; m != end; ++m)
      out.insert((*m)[1]);
  }
  return out;
}

}  // namespace

TEST_CASE("cmake --install lays out programs, data, manual pages and completion", "[install][slow]") {
  const Installed& i = installed();
  INFO(i.install.out << i.install.err);
  REQUIRE(i.install.exit_code == 0);
  for (const char* f : {"bin/concord-index", "bin/concord-query", "bin/concord-web",
                        "share/concord/gazetteer.tsv", "share/concord/authority.tsv",
                        "share/concord/cases.tsv", "share/concord/stopwords/en.txt",
                        "share/concord/stopwords/fr.txt", "share/concord/stopwords/es.txt",
                        "share/man/man1/concord-index.1", "share/man/man1/concord-query.1",
                        "share/man/man1/concord-web.1",
                        "share/bash-completion/completions/concord-index",
                        "share/bash-completion/completions/concord-query",
                        "share/bash-completion/completions/concord-web",
                        "lib/concord/libconcord-ocr.so", "lib/concord/libconcord-pdf.so",
                        "lib/concord/libconcord-html.so", "lib/concord/libconcord-unicode.so"}) {
    CAPTURE(f);
    CHECK(fs::is_regular_file(i.prefix + "/" + f));
  }
  CHECK(read_file(i.prefix + "/share/concord/gazetteer.tsv") ==
        read_file(concord::test::source_path("data/gazetteer.tsv")));
  const auto version = run({i.bin("concord-query"), "-V"});
  CHECK(version.exit_code == 0);
  CHECK(version.out.rfind("concord-query ", 0) == 0);
}

TEST_CASE("the installed programs read their data files from share/concord, or CONCORD_DATA_DIR", "[install][slow]") {
  const Installed& i = installed();
  REQUIRE(i.install.exit_code == 0);
  TempDir work;
  work.write("archive/note.txt", "The Fictional Widget Council (FWCX) met in Geneva.\n");
  const std::string db = work.str() + "/db";
  // An entity only the installed gazetteer knows.
  {
    std::ofstream g(i.prefix + "/share/concord/gazetteer.tsv", std::ios::app);
    g << "FWCX\torganization\tFictional Widget Council\tFWCX\tFictional Widget Council\n";
  }
  REQUIRE(run({i.bin("concord-index"), "--db", db, "-q", work.str() + "/archive"}).exit_code == 0);
  auto found = run({i.bin("concord-query"), "--db", db, "mentions", "FWCX"});
  CHECK(found.exit_code == 0);
  CHECK(found.out.find("Fictional Widget Council") != std::string::npos);

  // CONCORD_DATA_DIR: a folder without a gazetteer gives the built-in one, which lacks it.
  work.write("data/stopwords/en.txt", "the\n");
  found = run({"env", "CONCORD_DATA_DIR=" + work.str() + "/data", i.bin("concord-query"), "--db", db,
               "mentions", "FWCX"});
  CHECK(found.exit_code == 1);
  // A folder that is not there is a fatal error that says so.
  const auto missing = run({"env", "CONCORD_DATA_DIR=" + work.str() + "/nowhere", i.bin("concord-query"),
                            "--db", db, "mentions", "FWCX"});
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("CONCORD_DATA_DIR=") != std::string::npos);
  CHECK(missing.err.find("is not a folder") != std::string::npos);
  // A data file that cannot be read is named, never silently replaced.
  fs::create_directory(work.str() + "/data/gazetteer.tsv");
  const auto unreadable = run({"env", "CONCORD_DATA_DIR=" + work.str() + "/data", i.bin("concord-index"),
                               "--db", db, work.str() + "/archive"});
  CHECK(unreadable.exit_code == 1);
  CHECK(unreadable.err.find("cannot read data file " + work.str() + "/data/gazetteer.tsv") != std::string::npos);
}

TEST_CASE("the installed indexer loads its OCR module from lib/concord, and a missing module fails the scan only", "[install][ocr][slow]") {
  const Installed& i = installed();
  REQUIRE(i.install.exit_code == 0);
  TempDir work;
  work.write("archive/scan.pdf", concord::test::make_scanned_pdf(
      {"The General Assembly,\nRecalling its resolution 77/281 of 18 April 2023,\n"
       "Welcoming the work of the International Labour Organization,"}, 300));
  work.write("archive/note.txt", "The ILO met in Geneva on resolution 77/281.\n");
  const std::string cache = "CONCORD_OCR_CACHE=" + work.str() + "/cache";
  const auto read = run({"env", cache, i.bin("concord-index"), "--db", work.str() + "/db", "-q",
                         work.str() + "/archive"});
  INFO(read.out << read.err);
  REQUIRE(read.exit_code == 0);
  const auto on_scan = run({i.bin("concord-query"), "--db", work.str() + "/db", "mentions",
                            "A/RES/77/281", "--path", work.str() + "/archive/scan.pdf"});
  CHECK(on_scan.exit_code == 0);
  CHECK(on_scan.out.find("scan.pdf") != std::string::npos);

  // Without the module, the scanned page fails with the reason and the text file is indexed.
  const std::string module = i.prefix + "/lib/concord/libconcord-ocr.so";
  fs::rename(module, module + ".away");
  const auto without = run({"env", cache, i.bin("concord-index"), "--db", work.str() + "/db2",
                            "-q", work.str() + "/archive"});
  fs::rename(module + ".away", module);
  INFO(without.out << without.err);
  CHECK(without.exit_code != 0);
  CHECK(without.err.find("scan.pdf") != std::string::npos);
  CHECK(without.err.find("OCR module") != std::string::npos);
  const auto note = run({i.bin("concord-query"), "--db", work.str() + "/db2", "mentions", "ILO"});
  CHECK(note.exit_code == 0);
  CHECK(note.out.find("note.txt") != std::string::npos);
}

TEST_CASE("the manual pages hold every subcommand and option the programs print", "[install][slow]") {
  const Installed& i = installed();
  REQUIRE(i.install.exit_code == 0);
  for (const std::string prog : {"concord-index", "concord-query", "concord-web"}) {
    CAPTURE(prog);
    const std::string page = read_file(i.prefix + "/share/man/man1/" + prog + ".1");
    CHECK(page.find(".TH " + std::string(prog == "concord-index" ? "CONCORD-INDEX" : prog == "concord-query" ? "CONCORD-QUERY" : "CONCORD-WEB")) != std::string::npos);
    for (const char* section : {".SH NAME", ".SH \"SYNOPSIS\"", ".SH \"OPTIONS\"", ".SH \"EXAMPLES\"",
                                ".SH \"EXIT STATUS\"", ".SH ENVIRONMENT", ".SH FILES", ".SH SEE ALSO"}) {
      CAPTURE(section);
      CHECK(page.find(section) != std::string::npos);
    }
    // troff escapes a '-' as "\-" only in the hand-written parts; the help text is verbatim.
    for (const std::string& o : long_options(run({i.bin(prog), "--help"}).out)) {
      CAPTURE(o);
      CHECK(page.find(o) != std::string::npos);
    }
    // man renders it without a warning.
    if (fs::exists("/usr/bin/man")) {
      const auto shown = run({"env", "MANWIDTH=100", "man", "--warnings", "-l", i.prefix + "/share/man/man1/" + prog + ".1"});
      CHECK(shown.exit_code == 0);
      CHECK(shown.err.empty());
      CHECK(shown.out.find("EXIT STATUS") != std::string::npos);
    }
  }
  const std::string query_page = read_file(i.prefix + "/share/man/man1/concord-query.1");
  const auto subs = subcommands(i.bin("concord-query"));
  REQUIRE(subs.size() >= 10);
  for (const std::string& sub : subs) {
    CAPTURE(sub);
    CHECK(query_page.find(".SS \"concord-query " + sub + "\"") != std::string::npos);
    for (const std::string& o : long_options(run({i.bin("concord-query"), sub, "--help"}).out)) {
      CAPTURE(o);
      CHECK(query_page.find(o) != std::string::npos);
    }
  }
}

TEST_CASE("bash completion: subcommands, options, their values and entity names", "[install][slow]") {
  const Installed& i = installed();
  REQUIRE(i.install.exit_code == 0);
  const std::string framework = "/usr/share/bash-completion/bash_completion";
  if (!fs::exists(framework)) {
    WARN("bash-completion is not installed (tools/run.sh installs it): completion not tested");
    return;
  }
  TempDir work;
  const std::string db = work.str() + "/db";
  concord::test::copy_corpus(work.str() + "/corpus");
  REQUIRE(run({i.bin("concord-index"), "--db", db, "-q", work.str() + "/corpus"}).exit_code == 0);
  struct Case {
    std::string line;  // the words typed, the last one being completed
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"concord-query men", {"mentions"}},
      {"concord-query mentions --la", {"--lang"}},
      {"concord-query mentions --lang ''", {"en", "fr", "es"}},
      {"concord-query --color ''", {"auto", "always", "never"}},
      {"concord-query check --fail-on ''", {"info", "warning", "error"}},
      {"concord-query --db " + db + " mentions UNTF", {"UNTFSSE"}},
      {"concord-query --db " + db + " xref A/RES/77/2", {"A/RES/77/218", "A/RES/77/281"}},
      {"concord-index --exc", {"--exclude"}},
      {"concord-web --pass", {"--password-file"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.line);
    const std::string script =
        "source " + framework + "; source " + i.prefix + "/share/bash-completion/completions/concord-query; "
        "PATH=" + i.prefix + "/bin:$PATH; COMP_WORDS=(" + c.line + "); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); "
        "COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}; "
        "_concord \"${COMP_WORDS[0]}\" \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"; "
        "printf '%s\\n' \"${COMPREPLY[@]}\" | sort";
    const auto r = run({"bash", "-c", script});
    std::vector<std::string> expected = c.expected;
    std::sort(expected.begin(), expected.end());
    std::string want;
    for (const auto& e : expected) want += e + "\n";
    std::string got = r.out;
    // Entity names: the expected ones are there (others may share the prefix).
    if (c.line.find(" mentions U") != std::string::npos || c.line.find(" xref ") != std::string::npos) {
      for (const auto& e : expected) CHECK(got.find(e + "\n") != std::string::npos);
    } else {
      CHECK(got == want);
    }
  }
}
