// Discovery: the symbolic-link policy and the state of each root.
#include "discover/discover.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "support.h"

namespace fs = std::filesystem;
using concord::RootState;
using concord::test::TempDir;

namespace {

std::vector<std::string> names(const concord::WalkResult& r) {
  std::vector<std::string> out;
  for (const auto& f : r.files) out.push_back(fs::path(f.path).filename().string());
  return out;
}

}  // namespace

TEST_CASE("symbolic links: inside followed, outside skipped unless asked, loops reported", "[discover]") {
  TempDir dir;
  const std::string root = dir.str() + "/root";
  dir.write("root/plain.txt", "plain\n");
  dir.write("root/sub/target.txt", "target inside\n");
  dir.write("outside/secret.txt", "outside text\n");
  fs::create_symlink(root + "/sub/target.txt", root + "/inside_link.txt");
  fs::create_symlink(dir.str() + "/outside/secret.txt", root + "/outside_link.txt");
  fs::create_symlink("/etc/passwd", root + "/passwd_link.txt");
  fs::create_symlink(root + "/nowhere.txt", root + "/dangling.txt");
  fs::create_symlink(root + "/loop.txt", root + "/loop.txt");
  fs::create_symlink(dir.str() + "/outside", root + "/linked_folder");

  struct Case {
    bool follow;
    std::vector<std::string> listed;
    std::vector<std::string> skipped;
  };
  const Case cases[] = {
      {false, {"inside_link.txt", "plain.txt", "target.txt"}, {"outside_link.txt", "passwd_link.txt"}},
      {true, {"inside_link.txt", "outside_link.txt", "passwd_link.txt", "plain.txt", "target.txt"}, {}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.follow);
    const concord::WalkResult r = concord::walk({root}, concord::WalkOptions{c.follow, {}});
    CHECK(names(r) == c.listed);  // the linked folder is never followed
    std::vector<std::string> skipped;
    for (const auto& s : r.skipped) skipped.push_back(fs::path(s.path).filename().string());
    CHECK(skipped == c.skipped);
    for (const auto& s : r.skipped) {
      CHECK(s.reason.find("outside the indexed folders") != std::string::npos);
      if (s.path.find("passwd_link") != std::string::npos) CHECK(s.reason.find("/etc/passwd") != std::string::npos);
    }
    std::map<std::string, std::string> problems;
    for (const auto& p : r.problems) problems[fs::path(p.path).filename().string()] = p.kind;
    CHECK(problems == std::map<std::string, std::string>{{"dangling.txt", "broken-link"}, {"loop.txt", "link-loop"}});
    for (const auto& f : r.files) CHECK(f.link == (f.path.find("_link") != std::string::npos));
  }
}

TEST_CASE("a link into another root given in the same run is inside", "[discover]") {
  TempDir dir;
  dir.write("a/x.txt", "x\n");
  dir.write("b/y.txt", "y\n");
  fs::create_symlink(dir.str() + "/b/y.txt", dir.str() + "/a/y_link.txt");
  const auto both = concord::walk({dir.str() + "/a", dir.str() + "/b"});
  CHECK(both.skipped.empty());
  CHECK(names(both) == std::vector<std::string>{"x.txt", "y_link.txt", "y.txt"});
  const auto alone = concord::walk({dir.str() + "/a"});
  REQUIRE(alone.skipped.size() == 1);
  CHECK(names(alone) == std::vector<std::string>{"x.txt"});
}

TEST_CASE("each root says whether it was walked, and how many files it held", "[discover]") {
  TempDir dir;
  dir.write("full/a.txt", "a\n");
  dir.write("full/b/c.txt", "c\n");
  fs::create_directories(dir.str() + "/empty");
  dir.write("file.txt", "f\n");
  fs::create_symlink(dir.str() + "/root_loop", dir.str() + "/root_loop");
  const auto r = concord::walk({dir.str() + "/full", dir.str() + "/empty", dir.str() + "/file.txt",
                                dir.str() + "/gone", dir.str() + "/root_loop"});
  REQUIRE(r.roots.size() == 5);
  struct Expected {
    RootState::State state;
    size_t files;
  };
  const Expected expected[] = {{RootState::State::kWalked, 2},
                               {RootState::State::kWalked, 0},
                               {RootState::State::kWalked, 1},
                               {RootState::State::kMissing, 0},
                               {RootState::State::kUnreadable, 0}};
  for (size_t i = 0; i < r.roots.size(); ++i) {
    CAPTURE(r.roots[i].path);
    CHECK(r.roots[i].state == expected[i].state);
    CHECK(r.roots[i].files == expected[i].files);
  }
  CHECK(r.roots[3].message == "no such file or folder");
  CHECK(r.roots[4].message == "symbolic link loop");
  CHECK(r.problems.empty());  // root states are not repeated as problems
}
