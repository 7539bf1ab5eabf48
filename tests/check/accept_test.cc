// Finding ids and accept files: ids that survive edits elsewhere in a document, that do not
// depend on the current directory, counted occurrences; accept files read with their bad
// lines reported, a warning when one matches nothing, --write-accept idempotent.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "check/check.h"
#include "index/indexer.h"
#include "support.h"

using concord::CheckReport;
using concord::Finding;
using concord::test::run;
using concord::test::TempDir;
using nlohmann::json;

namespace {

const std::string kIndex = CONCORD_INDEX_BIN;
const std::string kQuery = CONCORD_QUERY_BIN;

std::string doc(const std::string& body) {
  return "Title: Note\nDate: 2 June 2023\n\n" + body + "\n";
}

const std::string kTypos =
    "The UNTFSEE met in June.\nGeneral Assembly resolution 77/218, adopted on 18 April 2023, "
    "matters.\nThe UNTFSEE will meet again.";

// An archive under dir/docs, indexed into dir/db.
struct Archive {
  TempDir dir;
  std::string docs, db;
  explicit Archive(const std::map<std::string, std::string>& files) {
    docs = dir.str() + "/docs";
    db = dir.str() + "/db";
    for (const auto& [path, text] : files) dir.write("docs/" + path, text);
    index(docs);
  }
  void index(const std::string& root) const {
    concord::IndexOptions o;
    o.db_path = db;
    o.roots = {root};
    REQUIRE(concord::run_index(o, nullptr).failed == 0);
  }
  CheckReport check(const std::vector<std::string>& accept = {}) const {
    concord::RunCheckOptions o;
    o.db_path = db;
    o.accept_files = accept;
    return concord::run_check(o);
  }
  // concord-query check, run from `cwd`.
  concord::test::RunResult cli(const std::string& cwd, const std::vector<std::string>& args) const {
    std::vector<std::string> argv = {"env", "-C", cwd, kQuery, "--db", db, "--json", "check"};
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv);
  }
};

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

std::vector<std::string> ids(const CheckReport& r) {
  std::vector<std::string> out;
  for (const Finding& f : r.findings) out.push_back(f.id);
  return out;
}

std::string describe(const CheckReport& r) {
  std::string s;
  for (const Finding& f : r.findings)
    s += std::string(concord::kind_name(f.kind)) + " " + f.id_path + ":" + std::to_string(f.line) +
         " [" + f.written + "] " + f.id + "\n";
  for (const auto& p : r.problems)
    s += "problem " + p.source + ":" + std::to_string(p.line) + " " + p.message + "\n";
  return s;
}

}  // namespace

TEST_CASE("finding ids survive edits elsewhere in the document", "[check][accept]") {
  Archive a({{"note.txt", doc(kTypos)}, {"other.txt", doc("The UNTFSEE met.")}});
  const CheckReport before = a.check();
  INFO(describe(before));
  REQUIRE(before.findings.size() == 4);  // two UNTFSEE and one 77/218 in note, one in other

  struct Edit {
    const char* what;
    std::string text;
  };
  const std::vector<Edit> edits = {
      {"a line inserted at the top", "Filed under: notes\n" + doc(kTypos)},
      {"a paragraph inserted in the middle",
       doc("The UNTFSEE met in June.\n\nA new paragraph.\nAnd another line.\n\nGeneral Assembly "
           "resolution 77/218, adopted on 18 April 2023, matters.\nThe UNTFSEE will meet again.")},
      {"lines rewrapped",
       doc("The UNTFSEE met\nin June. General Assembly resolution 77/218, adopted "
           "on 18 April 2023, matters. The UNTFSEE will meet again.")},
  };
  for (const Edit& e : edits) {
    INFO(e.what);
    a.dir.write("docs/note.txt", e.text);
    a.index(a.docs);
    const CheckReport after = a.check();
    INFO(describe(after));
    CHECK(ids(after) == ids(before));
  }

  // Ids written before the edits still silence every finding.
  std::string accept;
  for (const std::string& id : ids(before)) accept += id + "\n";
  const CheckReport quiet = a.check({a.dir.write("accept.txt", accept)});
  INFO(describe(quiet));
  CHECK(quiet.findings.empty());
  CHECK(quiet.accepted == 4);
  CHECK(quiet.problems.empty());
}

TEST_CASE("identical findings in one document are counted, not merged", "[check][accept]") {
  Archive a({{"note.txt", doc(kTypos)}});
  const CheckReport r = a.check();
  INFO(describe(r));
  std::vector<const Finding*> typos;
  for (const Finding& f : r.findings)
    if (f.written == "UNTFSEE") typos.push_back(&f);
  REQUIRE(typos.size() == 2);
  CHECK(typos[0]->id != typos[1]->id);
  CHECK(typos[0]->id == concord::finding_id(typos[0]->kind, "note.txt", "UNTFSEE", "UNTFSSE", 0));
  CHECK(typos[1]->id == concord::finding_id(typos[1]->kind, "note.txt", "UNTFSEE", "UNTFSSE", 1));
  // Accepting the first occurrence leaves the second.
  const CheckReport one = a.check({a.dir.write("one.txt", typos[0]->id + "\n")});
  CHECK(one.accepted == 1);
  CHECK(one.findings.size() == r.findings.size() - 1);
}

TEST_CASE("ids are relative to the outermost indexed folder", "[check][accept]") {
  Archive a({{"sub/note.txt", doc("The UNTFSEE met.")}});
  const CheckReport first = a.check();
  REQUIRE(first.findings.size() == 1);
  CHECK(first.findings[0].id_path == "sub/note.txt");
  a.index(a.docs + "/sub");  // a later run over a part of the archive
  const CheckReport second = a.check();
  REQUIRE(second.findings.size() == 1);
  CHECK(second.findings[0].id_path == "sub/note.txt");
  CHECK(second.findings[0].id == first.findings[0].id);
}

TEST_CASE("ids of the earlier line-based scheme are still accepted", "[check][accept]") {
  Archive a({{"note.txt", doc("The UNTFSEE met.")}});
  const CheckReport r = a.check();
  REQUIRE(r.findings.size() == 1);
  const Finding& f = r.findings[0];
  // The test runs outside the archive, so the old scheme hashed the absolute path.
  const std::string old =
      concord::line_finding_id(f.kind, f.path, f.page, f.line, f.written, f.suggestion);
  const CheckReport quiet =
      a.check({a.dir.write("old.txt", old + "  # from an earlier version\n")});
  CHECK(quiet.findings.empty());
  CHECK(quiet.accepted == 1);
  CHECK(quiet.problems.empty());
}

TEST_CASE("accept files: bad lines and files that match nothing are reported", "[check][accept]") {
  Archive a({{"note.txt", doc("The UNTFSEE met.")}});
  const std::string id = a.check().findings.at(0).id;
  struct Case {
    const char* name;
    std::string text;
    size_t accepted;
    std::vector<std::pair<int, std::string>> problems;  // line, part of the message
  };
  const std::vector<Case> cases = {
      {"good", "# reviewed\n\n" + id + "  # a comment\n", 1, {}},
      {"upper case, after a byte order mark", "\xEF\xBB\xBF# reviewed\n" + upper(id) + "\n", 1, {}},
      {"bad lines",
       "UNTFSEE is fine\n" + id + "\n" + id.substr(0, 15) + "\n",
       1,
       {{1, "not a finding id"}, {3, "not a finding id"}}},
      {"stale", "0123456789abcdef\n", 0, {{0, "none of its 1 finding id matches"}}},
      {"only comments", "# nothing reviewed yet\n", 0, {}},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const std::string file = a.dir.write("accept.txt", c.text);
    const CheckReport r = a.check({file});
    INFO(describe(r));
    CHECK(r.accepted == c.accepted);
    size_t problems = 0;
    for (const auto& p : r.problems) {
      if (p.source != file) continue;
      REQUIRE(problems < c.problems.size());
      CHECK(p.line == c.problems[problems].first);
      CHECK_THAT(p.message, Catch::Matchers::Contains(c.problems[problems].second));
      ++problems;
    }
    CHECK(problems == c.problems.size());
  }
}

TEST_CASE("check from any directory: accept files keep matching, problems on stderr",
          "[check][accept][cli]") {
  Archive a({{"note.txt", doc(kTypos)}});
  std::filesystem::create_directories(a.dir.str() + "/elsewhere/deeper");
  const auto first = a.cli(a.dir.str(), {"--write-accept", "accept.txt"});
  REQUIRE(first.exit_code == 4);
  CHECK_THAT(first.err, Catch::Matchers::Contains("3 ids added, 0 already listed"));
  // The same file from other directories, given by relative or absolute path.
  const std::vector<std::pair<std::string, std::string>> runs = {
      {a.dir.str(), "accept.txt"},
      {a.dir.str() + "/elsewhere/deeper", "../../accept.txt"},
      {"/", a.dir.str() + "/accept.txt"},
  };
  for (const auto& [cwd, file] : runs) {
    INFO(cwd << " " << file);
    const auto r = a.cli(cwd, {"--accept", file});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    const json j = json::parse(r.out);
    CHECK(j.at("findings").empty());
    CHECK(j.at("summary").at("accepted") == 3);
    CHECK(j.at("problems").empty());
  }
  // A stale accept file: a warning on stderr (text output), a problem in JSON.
  a.dir.write("stale.txt", "0123456789abcdef\nnot-an-id\n");
  const auto text =
      run({"env", "-C", a.dir.str(), kQuery, "--db", a.db, "check", "--accept", "stale.txt"});
  CHECK(text.exit_code == 4);
  CHECK_THAT(text.err, Catch::Matchers::Contains("stale.txt:2: not a finding id"));
  CHECK_THAT(text.err, Catch::Matchers::Contains("stale.txt: none of its 1 finding id matches"));
  const json stale = json::parse(a.cli(a.dir.str(), {"--accept", "stale.txt"}).out);
  CHECK(stale.at("problems").size() == 2);
}

TEST_CASE("write-accept is idempotent and writes paths relative to the file",
          "[check][accept][cli]") {
  Archive a({{"news/note.txt", doc(kTypos)}, {"other.txt", doc("The UNTFSEE met.")}});
  const std::string accept = a.dir.str() + "/review/accept.txt";
  std::filesystem::create_directories(a.dir.str() + "/review");
  const auto first = a.cli("/", {"--write-accept", accept});
  CHECK_THAT(first.err, Catch::Matchers::Contains("4 ids added, 0 already listed"));
  const std::string written = concord::test::read_file(accept);
  INFO(written);
  CHECK(written.rfind("# ", 0) == 0);                            // a header comment
  CHECK(std::count(written.begin(), written.end(), '\n') == 5);  // header + 4 findings
  CHECK_THAT(written, Catch::Matchers::Contains(" ../docs/news/note.txt:4 UNTFSEE -> UNTFSSE\n"));
  CHECK_THAT(written, Catch::Matchers::Contains(" ../docs/other.txt:4 UNTFSEE -> UNTFSSE\n"));
  CHECK(written.find(a.dir.str()) == std::string::npos);  // no absolute path
  // Again, from another directory: nothing added.
  const auto second = run({"env", "-C", a.dir.str() + "/docs", kQuery, "--db", a.db, "check",
                           "--write-accept", accept});
  CHECK_THAT(second.err, Catch::Matchers::Contains("0 ids added, 4 already listed"));
  CHECK(concord::test::read_file(accept) == written);
  // A new finding is appended, once.
  a.dir.write("docs/late.txt", doc("The UNTFSEE is late."));
  a.index(a.docs);
  for (int i = 0; i < 2; ++i) a.cli(a.dir.str(), {"--write-accept", accept});
  const std::string grown = concord::test::read_file(accept);
  CHECK(grown.rfind(written, 0) == 0);
  CHECK(std::count(grown.begin(), grown.end(), '\n') == 6);
  CHECK_THAT(grown, Catch::Matchers::Contains(" ../docs/late.txt:4 UNTFSEE -> UNTFSSE\n"));
}
