// A huge text file is indexed page by page and stored in parts: pages of bounded size, memory
// that does not grow with the file.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "search/search.h"
#include "support.h"

using concord::test::TempDir;

namespace {

// Indexes `folder` into `db` with --json; *peak_mib is the peak resident size of the test's
// children so far, the indexer's when it is the test's only child.
concord::test::RunResult index_measured(const std::string& db, const std::string& folder,
                                        double* peak_mib) {
  const auto r = concord::test::run({CONCORD_INDEX_BIN, "--json", "--db", db, folder});
  rusage usage{};
  REQUIRE(getrusage(RUSAGE_CHILDREN, &usage) == 0);
  *peak_mib = usage.ru_maxrss / 1024.0;
  return r;
}

// The peak resident size of one run of the indexer over `folder` (its own, by wait4()).
double index_peak_mib(const std::string& db, const std::string& folder) {
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    execl(CONCORD_INDEX_BIN, CONCORD_INDEX_BIN, "-q", "--db", db.c_str(), folder.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  REQUIRE(wait4(pid, &status, 0, &usage) == pid);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  return usage.ru_maxrss / 1024.0;
}

}  // namespace

TEST_CASE("memory indexing a huge text does not grow with the file (it is stored in parts)",
          "[index][slow]") {
  TempDir dir;
  dir.write("a/huge.txt", concord::test::long_prose(20u << 20));
  dir.write("b/huge.txt", concord::test::long_prose(80u << 20));
  const double small = index_peak_mib(dir.str() + "/db-a", dir.str() + "/a");
  const double large = index_peak_mib(dir.str() + "/db-b", dir.str() + "/b");
  CAPTURE(small, large);
  // Four times the text, about the same memory (stored whole: 157 MiB for 50 MB, growing
  // with the file).
  CHECK(large < small * 1.3 + 16);
  CHECK(concord::stats(dir.str() + "/db-b").documents == 1);
  CHECK(concord::test::hit_names(dir.str() + "/db-b", "cooperative") ==
        std::vector<std::string>{"huge.txt"});
}

TEST_CASE("a 50 MB text without form feeds is indexed in pages with bounded memory",
          "[index][slow]") {
  TempDir dir;
  constexpr size_t kBytes = 50u << 20;
  dir.write("r/huge.txt", concord::test::long_prose(kBytes));
  const std::string db = dir.str() + "/db";
  double peak_mib = 0;
  const auto r = index_measured(db, dir.str() + "/r", &peak_mib);
  CAPTURE(peak_mib, r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(nlohmann::json::parse(r.out).at("added").get<int>() == 1);
  const concord::Stats stats = concord::stats(db);
  CHECK(stats.documents == 1);
  // Pages of 64 to 256 KiB.
  CHECK(stats.pages >= kBytes / (256 * 1024));
  CHECK(stats.pages <= kBytes / (64 * 1024) + 1);
  CHECK(concord::test::hit_names(db, "cooperative") == std::vector<std::string>{"huge.txt"});
  // Stored in parts: about 100 MiB. Stored whole, 157 MiB (the whole file's terms were one
  // Xapian document); 334 MiB when the stored record was built as a JSON tree and the file's
  // bytes kept their buffer, 1.6 GiB for a text as dense with mentions before pages.
  CHECK(peak_mib < 200);
}

TEST_CASE("a 10 MB text dense with mentions is indexed with memory well below its mentions' JSON",
          "[index][slow]") {
  TempDir dir;
  // Every sentence cites resolutions and names organizations: a mention every 20 bytes or so.
  const char* const kParts[] = {"the ILO and UNDP", "resolution 47/90 of 16 December 1992",
                                "A/RES/77/281", "Security Council resolution 2334 (2016)",
                                "UNESCO, UN Women, UNITAR, WHO and World Bank",
                                "the General Assembly", "the social and solidarity economy"};
  std::string text;
  for (unsigned i = 0; text.size() < (10u << 20); ++i) {
    for (unsigned k = 0; k < 6; ++k) text += std::string(k ? " " : "") + kParts[(i * 7 + k * 3) % 7];
    text += ".\n";
  }
  dir.write("r/dense.txt", text);
  const std::string db = dir.str() + "/db";
  double peak_mib = 0;
  const auto r = index_measured(db, dir.str() + "/r", &peak_mib);
  CAPTURE(peak_mib, r.err);
  REQUIRE(r.exit_code == 0);
  const auto m = concord::test::run({CONCORD_QUERY_BIN, "--db", db, "mentions", "ILO", "--json"});
  REQUIRE(m.exit_code == 0);
  CHECK(nlohmann::json::parse(m.out).at("mentions").size() > 50000);
  // Stored in parts (over 8 MiB): about 136 MiB. Stored whole, 364 MiB; 1.1 GiB when the
  // facts record was built as one JSON tree.
  CHECK(peak_mib < 250);
}
