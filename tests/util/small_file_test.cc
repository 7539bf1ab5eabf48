// Bounded reads of user-named list files: regular files only, size capped, never blocking.
#include "util/small_file.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <chrono>

#include "authority/authority.h"
#include "support.h"

using concord::test::TempDir;
using concord::util::read_small_file;

TEST_CASE("read_small_file reads regular files and refuses the rest quickly", "[util]") {
  TempDir dir;
  const std::string file = dir.write("list.tsv", "a\tb\n");
  const std::string fifo = dir.str() + "/fifo";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);  // no writer: opening it to read would block
  struct Row {
    std::string path;
    uint64_t cap;
    std::string bytes;  // expected content when read
    std::string error;  // expected error ("" = read)
  };
  const std::vector<Row> rows = {
      {file, 1 << 20, "a\tb\n", ""},
      {dir.write("empty.tsv", ""), 1 << 20, "", ""},
      {file, 4, "a\tb\n", ""},  // exactly the cap
      {file, 3, "", "larger than 3 bytes, the most read from such a file"},
      {"/dev/zero", 1 << 20, "", "not a regular file"},
      {"/dev/null", 1 << 20, "", "not a regular file"},
      {fifo, 1 << 20, "", "not a regular file"},
      {dir.str(), 1 << 20, "", "is a folder, not a file"},
      {dir.str() + "/missing", 1 << 20, "", "no such file"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.path, row.cap);
    const auto start = std::chrono::steady_clock::now();
    const concord::util::SmallFile f = read_small_file(row.path, row.cap);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
    CHECK(f.error == row.error);
    CHECK(f.bytes == row.bytes);
    CHECK(concord::util::small_file_problem(row.path, row.cap).value_or("") == row.error);
  }
  CHECK(read_small_file(file).error.empty());  // the default cap: 64 MiB
  CHECK(concord::util::kMaxSmallFileBytes == 64u << 20);
}

TEST_CASE("an authority file that is a device is one problem, read in no time", "[util]") {
  concord::Authority a = concord::Authority::built_in();
  const auto problems = a.add_file("/dev/zero");
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].line == 0);
  CHECK(problems[0].message == "cannot read the file: not a regular file");
}
