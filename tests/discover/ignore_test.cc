// Exclusion rules: gitignore-syntax patterns, the walk that honours them, and the indexer
// that removes what a rule now excludes.
#include "discover/ignore.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "discover/discover.h"
#include "index/indexer.h"
#include "support.h"

namespace fs = std::filesystem;
using concord::IgnoreRule;
using concord::test::TempDir;

namespace {

IgnoreRule rule(const std::string& pattern) {
  IgnoreRule r;
  std::string error;
  REQUIRE(concord::parse_ignore_pattern(pattern, "test", &r, &error));
  return r;
}

std::vector<std::string> listed(const concord::WalkResult& r, const std::string& root) {
  std::vector<std::string> out;
  for (const auto& f : r.files) out.push_back(f.path.substr(root.size() + 1));
  return out;
}

std::vector<std::string> excluded(const concord::WalkResult& r, const std::string& root) {
  std::vector<std::string> out;
  for (const auto& e : r.excluded) out.push_back(e.path.substr(root.size() + 1) + (e.folder ? "/" : ""));
  return out;
}

}  // namespace

TEST_CASE("ignore patterns match as gitignore does", "[discover][ignore]") {
  struct Case {
    const char* pattern;
    const char* path;
    bool folder;
    bool matches;
  };
  const Case cases[] = {
      // a name at any depth
      {"README.md", "README.md", false, true},
      {"README.md", "a/b/README.md", false, true},
      {"README.md", "a/README.md.bak", false, false},
      {"*.tmp", "x/y.tmp", false, true},
      {"*.tmp", "x.tmp/y.txt", false, false},  // the folder itself was matched when walked
      {"draft?", "a/draft1", false, true},
      {"[0-9]*.txt", "a/2019.txt", false, true},
      {"[0-9]*.txt", "a/notes.txt", false, false},
      // anchored at the rule set's folder
      {"/old", "old", true, true},
      {"/old", "a/old", true, false},
      {"minutes/2019/*.pdf", "minutes/2019/a.pdf", false, true},
      {"minutes/2019/*.pdf", "minutes/2019/sub/a.pdf", false, false},
      {"minutes/*.pdf", "x/minutes/a.pdf", false, false},
      // "**" spans folders
      {"**/annex*.pdf", "a/b/annex-1.pdf", false, true},
      {"**/annex*.pdf", "annex.pdf", false, true},
      {"a/**/z.txt", "a/z.txt", false, true},
      {"a/**/z.txt", "a/b/c/z.txt", false, true},
      {"a/**/z.txt", "b/a/z.txt", false, false},
      {"archive/**", "archive/x/y.txt", false, true},
      {"**/**/**/deep", "x/y/deep", true, true},
      // folders only
      {"scans/", "a/scans", true, true},
      {"scans/", "a/scans", false, false},
      // case and escapes
      {"readme.md", "README.md", false, false},
      {"\\#notes", "#notes", false, true},
      {"name\\ ", "name ", false, true},
      {"trailing   ", "trailing", false, true},
  };
  for (const Case& c : cases) {
    CAPTURE(c.pattern, c.path, c.folder);
    CHECK(concord::ignore_rule_matches(rule(c.pattern), c.path, c.folder) == c.matches);
  }
}

TEST_CASE("ignore files: comments, negation, last rule wins, bad lines reported", "[discover][ignore]") {
  const auto parsed = concord::parse_ignore_file(
      "# comment\n\n*.txt\n!keep.txt\n/\n!\nnotes/\r\n", "/r/.concordignore");
  REQUIRE(parsed.rules.size() == 3);
  CHECK(parsed.rules[0].source == "/r/.concordignore:3");
  CHECK(parsed.rules[2].folders_only);  // "notes/\r" read without its CR
  REQUIRE(parsed.errors.size() == 2);
  CHECK(parsed.errors[0].rfind("/r/.concordignore:5: ", 0) == 0);
  CHECK(parsed.errors[1].rfind("/r/.concordignore:6: ", 0) == 0);
  const IgnoreRule* r = concord::match_ignore(parsed.rules, "a/keep.txt", false);
  REQUIRE(r);
  CHECK(r->negate);  // included again
  r = concord::match_ignore(parsed.rules, "a/other.txt", false);
  REQUIRE(r);
  CHECK_FALSE(r->negate);
  CHECK(concord::match_ignore(parsed.rules, "a/other.pdf", false) == nullptr);
}

TEST_CASE("a hostile pattern costs pattern x path steps, not an exponential search", "[discover][ignore]") {
  std::string pattern, path;
  for (int i = 0; i < 200; ++i) pattern += "*/**/";
  pattern += "never";
  for (int i = 0; i < 300; ++i) path += "d/";
  path += "file";
  // Without the table this is 300^200 attempts; with it, well under a second.
  CHECK_FALSE(concord::ignore_rule_matches(rule(pattern), path, false));
}

TEST_CASE("the walk honours --exclude and .concordignore files at every depth", "[discover][ignore]") {
  TempDir dir;
  const std::string root = dir.str() + "/root";
  dir.write("root/README.md", "readme\n");
  dir.write("root/a.txt", "a\n");
  dir.write("root/b.tmp.txt", "b\n");
  dir.write("root/drafts/d.txt", "draft\n");
  dir.write("root/sub/README.md", "readme\n");
  dir.write("root/sub/keep.txt", "keep\n");
  dir.write("root/sub/drop.txt", "drop\n");
  dir.write("root/sub/.concordignore", "*.txt\n!keep.txt\n");
  dir.write("root/.concordignore", "# top\n*.tmp.txt\ndrafts/\n");

  struct Case {
    std::vector<std::string> exclude;
    std::vector<std::string> listed;
    std::vector<std::string> excluded;
  };
  const Case cases[] = {
      {{}, {"README.md", "a.txt", "sub/README.md", "sub/keep.txt"}, {"b.tmp.txt", "drafts/", "sub/drop.txt"}},
      {{"README.md"}, {"a.txt", "sub/keep.txt"}, {"README.md", "b.tmp.txt", "drafts/", "sub/README.md", "sub/drop.txt"}},
      // --exclude wins over a .concordignore's "!keep.txt"
      {{"keep.txt"}, {"README.md", "a.txt", "sub/README.md"}, {"b.tmp.txt", "drafts/", "sub/drop.txt", "sub/keep.txt"}},
      // anchored at the root: the root's own README.md only
      {{"/README.md"}, {"a.txt", "sub/README.md", "sub/keep.txt"}, {"README.md", "b.tmp.txt", "drafts/", "sub/drop.txt"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.exclude);
    concord::WalkOptions options;
    for (const std::string& p : c.exclude) options.exclude.push_back(rule(p));
    const concord::WalkResult r = concord::walk({root}, options);
    CHECK(listed(r, root) == c.listed);
    CHECK(excluded(r, root) == c.excluded);
    CHECK(r.roots.at(0).excluded == c.excluded.size());
    CHECK(r.problems.empty());
  }
  // The rule that decided is named.
  const concord::WalkResult r = concord::walk({root});
  for (const auto& e : r.excluded)
    if (e.path.find("drafts") != std::string::npos) CHECK(e.rule == root + "/.concordignore:3");
}

TEST_CASE("an unreadable .concordignore keeps its folder's documents, a bad line is a warning", "[discover][ignore]") {
  TempDir dir;
  const std::string root = dir.str() + "/root";
  dir.write("root/a.txt", "a\n");
  dir.write("root/sub/b.txt", "b\n");
  fs::create_directory(root + "/sub/.concordignore");  // a folder: cannot be read as a file
  dir.write("root/.concordignore", "/\n");
  const concord::WalkResult r = concord::walk({root});
  CHECK(listed(r, root) == std::vector<std::string>{"a.txt"});
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].path == root + "/sub");
  CHECK(r.problems[0].keeps_documents);
  CHECK(r.problems[0].message.find(".concordignore") != std::string::npos);
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].message.find(":1: ") != std::string::npos);
}

TEST_CASE("re-runs remove what a rule now excludes, and the summary says so", "[index][ignore]") {
  TempDir dir;
  const std::string root = dir.str() + "/archive";
  const std::string db = dir.str() + "/db";
  dir.write("archive/README.md", "About this archive: the ILO and UNDP.\n");
  dir.write("archive/minutes/2019/m1.txt", "Minutes citing resolution 77/281.\n");
  dir.write("archive/minutes/2020/m2.txt", "Minutes of the ILO.\n");
  dir.write("archive/reports/r.txt", "A report on UNRISD.\n");
  auto run = [&](std::vector<std::string> excludes) {
    concord::IndexOptions o;
    o.db_path = db;
    o.roots = {root};
    o.excludes = std::move(excludes);
    return concord::run_index(o, [](const concord::IndexEvent&) {});
  };
  auto s = run({});
  CHECK(s.added == 4);
  CHECK(s.excluded == 0);

  // A newly excluded file and folder: their documents go, and the notices name them.
  dir.write("archive/.concordignore", "/minutes/2019/\n");
  s = run({"README.md"});
  CHECK(s.added == 0);
  CHECK(s.unchanged == 2);
  CHECK(s.excluded == 2);
  CHECK(s.removed == 2);
  REQUIRE(s.notices.size() == 2);
  CHECK(s.notices[0].kind == "excluded");
  CHECK(s.notices[0].path == root + "/README.md");
  CHECK(s.notices[0].message == "excluded by --exclude 'README.md'; its document removed");
  CHECK(s.notices[1].path == root + "/minutes/2019");
  CHECK(s.notices[1].message.find(root + "/.concordignore:1") != std::string::npos);
  CHECK(concord::test::hit_names(db, "minutes").size() == 1);

  // Still excluded: counted, nothing more to remove, no notice.
  s = run({"README.md"});
  CHECK(s.excluded == 2);
  CHECK(s.removed == 0);
  CHECK(s.notices.empty());

  // Everything excluded is not an unmounted folder: no "empty-root", the documents go.
  s = run({"*.txt", "*.md"});
  CHECK(s.failed == 0);
  CHECK(s.removed == 2);
  CHECK(concord::test::hit_names(db, "ILO").empty());

  // Rules dropped: the files come back.
  fs::remove(root + "/.concordignore");
  s = run({});
  CHECK(s.added == 4);
}

TEST_CASE("a bad exclusion pattern is a usage error before anything is written", "[index][ignore]") {
  TempDir dir;
  dir.write("archive/a.txt", "a\n");
  for (const char* pattern : {"!a.txt", "/", "# comment", ""}) {
    CAPTURE(pattern);
    concord::IndexOptions o;
    o.db_path = dir.str() + "/db";
    o.roots = {dir.str() + "/archive"};
    o.excludes = {pattern};
    CHECK_THROWS_AS(concord::run_index(o, [](const concord::IndexEvent&) {}), concord::IndexUsageError);
    CHECK_FALSE(fs::exists(dir.str() + "/db"));
  }
}
