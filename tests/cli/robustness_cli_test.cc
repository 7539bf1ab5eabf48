// End to end: the programs' answers to a hostile archive (issue 8, indexer side): missing
// and emptied roots, bad --max-size values, links to outside, escape sequences in names.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support.h"

namespace fs = std::filesystem;
using concord::test::run;
using concord::test::TempDir;
using nlohmann::json;

namespace {

const std::string kIndex = CONCORD_INDEX_BIN;
const std::string kQuery = CONCORD_QUERY_BIN;

bool has_raw_control(const std::string& s) {
  for (const char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if ((b < 0x20 && c != '\n') || b == 0x7F) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("max-size out of range or not a number is a usage error", "[cli][options]") {
  TempDir dir;
  dir.write("a/x.txt", "text\n");
  const std::string db = dir.str() + "/db";
  for (const std::string bad : {"-1", "0", "17592186044416", "4097", "1.5", "lots"}) {
    CAPTURE(bad);
    const auto r = run({kIndex, "--db", db, "--max-size", bad, dir.str() + "/a"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--max-size") != std::string::npos);
    CHECK(r.err.find("from 1 to 4096") != std::string::npos);
    CHECK_FALSE(fs::exists(db));
  }
  CHECK(run({kIndex, "--quiet", "--db", db, "--max-size", "4096", dir.str() + "/a"}).exit_code == 0);
  const auto help = run({kIndex, "--help"});
  CHECK(help.out.find("from 1 to 4096") != std::string::npos);
  CHECK(help.out.find("--purge-missing") != std::string::npos);
  CHECK(help.out.find("--follow-links") != std::string::npos);
}

TEST_CASE("commit-interval out of range or not a number is a usage error", "[cli][options]") {
  TempDir dir;
  dir.write("a/x.txt", "text\n");
  const std::string db = dir.str() + "/db";
  for (const std::string bad : {"0", "-1", "0.01", "3601", "often"}) {
    CAPTURE(bad);
    const auto r = run({kIndex, "--db", db, "--commit-interval", bad, dir.str() + "/a"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--commit-interval") != std::string::npos);
    CHECK_FALSE(fs::exists(db));
  }
  CHECK(run({kIndex, "--quiet", "--db", db, "--commit-interval", "0.5", dir.str() + "/a"})
            .exit_code == 0);
}

TEST_CASE("a missing path never indexed is a usage error, a held one is kept and exits 3", "[cli][roots]") {
  TempDir dir;
  dir.write("mnt/a.txt", "Alpha about cooperatives.\n");
  dir.write("mnt/b.txt", "Beta about cooperatives.\n");
  const std::string db = dir.str() + "/db", root = dir.str() + "/mnt";

  const auto typo = run({kIndex, "--db", db, dir.str() + "/mtn"});
  CHECK(typo.exit_code == 2);
  CHECK(typo.err.find(dir.str() + "/mtn: no such file or folder") != std::string::npos);
  CHECK_FALSE(fs::exists(db));

  REQUIRE(run({kIndex, "--quiet", "--db", db, root}).exit_code == 0);
  // A mistyped path with the database there: still a usage error, nothing changed.
  const auto typo2 = run({kIndex, "--db", db, root, dir.str() + "/does-not-exist"});
  CHECK(typo2.exit_code == 2);
  CHECK(typo2.err.find(dir.str() + "/does-not-exist: no such file or folder") != std::string::npos);
  CHECK(json::parse(run({kQuery, "--db", db, "--json", "stats"}).out).at("documents") == 2);
  CHECK(run({kQuery, "--db", db, "failures"}).out == "No failed files.\n");
  // Unmounted: the mount point is there, empty.
  fs::rename(root, root + ".disk");
  fs::create_directory(root);
  const auto kept = run({kIndex, "--db", db, root});
  CHECK(kept.exit_code == 3);
  CHECK(kept.err.find(root + ": empty-root: folder is empty") != std::string::npos);
  CHECK(kept.out.find("0 removed") != std::string::npos);
  CHECK(kept.out.find("  " + root + ": empty-root: ") != std::string::npos);
  CHECK(kept.out.find("2 documents kept (--purge-missing removes them)") != std::string::npos);
  const auto listed = run({kQuery, "--db", db, "failures"});
  CHECK(listed.out.find("mnt: empty-root:") != std::string::npos);
  const auto found = run({kQuery, "--db", db, "--json", "search", "cooperatives"});
  CHECK(json::parse(found.out).at("total") == 2);

  const auto purged = run({kIndex, "--db", db, "--json", "--purge-missing", root});
  CHECK(purged.exit_code == 0);
  const json summary = json::parse(purged.out);
  CHECK(summary.at("removed") == 2);
  REQUIRE(summary.at("notices").size() == 1);
  CHECK(summary.at("notices")[0].at("kind") == "purged-root");
  CHECK(summary.at("notices")[0].at("path") == root);
  CHECK(json::parse(run({kQuery, "--db", db, "--json", "search", "cooperatives"}).out).at("total") == 0);
}

TEST_CASE("a link to /etc/passwd is skipped, reported and named in the summary", "[cli][links]") {
  TempDir dir;
  dir.write("r/note.txt", "A note.\n");
  fs::create_symlink("/etc/passwd", dir.str() + "/r/passwd_link.txt");
  const std::string db = dir.str() + "/db";
  const auto r = run({kIndex, "--db", db, "--json", dir.str() + "/r"});
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("passwd_link.txt: skipped: symbolic link to /etc/passwd") != std::string::npos);
  const json summary = json::parse(r.out);
  CHECK(summary.at("skipped") == 1);
  REQUIRE(summary.at("notices").size() == 1);
  CHECK(summary.at("notices")[0].at("kind") == "outside-link");
  CHECK(json::parse(run({kQuery, "--db", db, "--json", "search", "root"}).out).at("total") == 0);
}

TEST_CASE("escape sequences in file names never reach the terminal raw", "[cli][escape]") {
  TempDir dir;
  const std::string evil = "\x1b]0;pwned\x07";
  const std::string shown = "\\x1b]0;pwned\\x07";
  dir.write("r/" + evil + "empty.txt", "");  // fails: in stderr and in failures
  dir.write("r/" + evil + "note.txt", "The UNTFSSE met about zebra cooperatives.\n");
  const std::string db = dir.str() + "/db";
  const auto indexed = run({kIndex, "--db", db, dir.str() + "/r"});
  CHECK(indexed.exit_code == 3);

  struct Output {
    const char* name;
    std::vector<std::string> args;
  };
  const Output outputs[] = {
      {"failures", {"failures"}},
      {"failures --csv", {"failures", "--csv"}},
      {"search", {"search", "zebra"}},
      {"mentions", {"mentions", "UNTFSSE"}},
      {"mentions --csv", {"mentions", "UNTFSSE", "--csv"}},
      {"xref", {"xref", "UNTFSSE"}},
      {"show", {"show", dir.str() + "/r/" + evil + "note.txt"}},
  };
  CHECK_FALSE(has_raw_control(indexed.err));
  CHECK(indexed.err.find(shown + "empty.txt: empty") != std::string::npos);
  for (const Output& o : outputs) {
    CAPTURE(o.name);
    std::vector<std::string> argv = {kQuery, "--db", db};
    argv.insert(argv.end(), o.args.begin(), o.args.end());
    const auto r = run(argv);
    CHECK(r.exit_code == 0);
    CHECK_FALSE(has_raw_control(r.out));
    CHECK_FALSE(has_raw_control(r.err));
    CHECK(r.out.find(shown) != std::string::npos);
  }
  // JSON escapes by being JSON, and keeps the real name.
  const json j = json::parse(run({kQuery, "--db", db, "--json", "search", "zebra"}).out);
  CHECK(j.at("results")[0].at("path").get<std::string>().find(evil) != std::string::npos);
}

TEST_CASE("a gazetteer that is a device or a folder is refused at once, not read",
          "[cli][gazetteer]") {
  // /dev/zero once grew the indexer to 16.8 GB; a folder or device is refused by its type.
  TempDir dir;
  dir.write("a/x.txt", "The ILO.\n");
  const std::string db = dir.str() + "/db";
  const struct {
    std::string path;
    std::string message;
  } cases[] = {{"/dev/zero", "cannot read gazetteer /dev/zero: not a regular file"},
               {dir.str() + "/a", "--gazetteer"}};
  for (const auto& c : cases) {
    CAPTURE(c.path);
    const auto r =
        run({"timeout", "30", kIndex, "--db", db, "--gazetteer", c.path, dir.str() + "/a"});
    CHECK(r.exit_code != 0);
    CHECK(r.exit_code != 124);  // not the hang guard
    CHECK(r.err.find(c.message) != std::string::npos);
  }
}
