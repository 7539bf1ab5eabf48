// The one --path rule: NFC-normalized, case-sensitive, whole path components.
#include "store/path_scope.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

using concord::path_under;
using concord::PathScope;

namespace {

// "Résolutions" with a precomposed é (U+00E9) and with e + U+0301 (as macOS writes names).
const std::string kNfc = "R\xC3\xA9solutions";
const std::string kNfd = "Re\xCC\x81solutions";

}  // namespace

TEST_CASE("path_under: whole components, case-sensitive, NFC on both sides", "[store][path]") {
  struct Case {
    const char* what;
    std::string path;
    std::string folder;
    bool under;
  };
  const Case cases[] = {
      {"the folder itself", "/a/b", "/a/b", true},
      {"a file below", "/a/b/c.txt", "/a/b", true},
      {"deeper", "/a/b/c/d/e.pdf", "/a/b", true},
      {"a trailing slash changes nothing", "/a/b/c.txt", "/a/b/", true},
      {"a sibling sharing the prefix's letters", "/a/bc", "/a/b", false},
      {"a file sharing them", "/a/bc/x.txt", "/a/b", false},
      {"a parent is not under its child", "/a", "/a/b", false},
      {"the root holds everything", "/a/b/c.txt", "/", true},
      {"case differs: another folder", "/a/B/c.txt", "/a/b", false},
      {"one file named exactly", "/a/b/c.txt", "/a/b/c.txt", true},
      {"NFC document, NFC prefix", "/x/" + kNfc + "/r.txt", "/x/" + kNfc, true},
      {"NFD document, NFC prefix", "/x/" + kNfd + "/r.txt", "/x/" + kNfc, true},
      {"NFC document, NFD prefix", "/x/" + kNfc + "/r.txt", "/x/" + kNfd, true},
      {"NFD both", "/x/" + kNfd + "/r.txt", "/x/" + kNfd, true},
      {"accents are not optional", "/x/" + kNfc + "/r.txt", "/x/Resolutions", false},
      {"nor the other way", "/x/Resolutions/r.txt", "/x/" + kNfc, false},
      {"an accented sibling is still a sibling", "/x/" + kNfd + "s/r.txt", "/x/" + kNfc, false},
      {"an empty folder holds nothing", "/a/b", "", false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what, c.path, c.folder);
    CHECK(path_under(c.path, c.folder) == c.under);
  }
}

TEST_CASE("PathScope: the prefix as typed, made absolute and normalized", "[store][path]") {
  SECTION("empty: the whole archive") {
    const PathScope all;
    CHECK(all.everything());
    CHECK(all.contains("/anything/at/all.txt"));
    CHECK(PathScope("").everything());
  }
  SECTION("relative to the current directory, dots and trailing slashes removed") {
    const std::string cwd = std::filesystem::current_path().string();
    const PathScope scope("./corpus/un/");
    CHECK(scope.prefix() == (cwd == "/" ? "" : cwd) + "/corpus/un");
    CHECK(scope.contains(cwd + "/corpus/un/a.txt"));
    CHECK_FALSE(scope.contains(cwd + "/corpus/unicef/a.txt"));
  }
  SECTION("typed in NFD, stored in NFC: the prefix is kept in NFC") {
    const PathScope scope("/x/" + kNfd);
    CHECK(scope.prefix() == "/x/" + kNfc);
    CHECK(scope.contains("/x/" + kNfc + "/a.txt"));
    CHECK(scope.contains("/x/" + kNfd + "/a.txt"));
    CHECK_FALSE(scope.contains("/x/" + kNfc + "2/a.txt"));
  }
}
