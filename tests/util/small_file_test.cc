// Bounded reads of user-named list files: regular files only, size capped, never blocking.
#include "util/small_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

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

namespace {

// The names in `folder`, sorted.
std::vector<std::string> names_in(const std::string& folder) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(folder))
    names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_CASE("replace_file replaces a file whole and leaves no temporary file", "[util]") {
  using concord::util::replace_file;
  using concord::util::Sync;
  TempDir dir;
  const std::string binary("a\0b\r\n\xff", 6);
  struct Row {
    std::string old_bytes;  // "" = no file before
    std::string new_bytes;
    Sync sync;
  };
  const std::vector<Row> rows = {
      {"", "first\n", Sync::kNo},
      {"", "first\n", Sync::kYes},
      {"a much longer old content than the new one\n", "short", Sync::kNo},
      {"old", "", Sync::kYes},  // an empty file is a file
      {"old", binary, Sync::kNo},
      {"old", std::string(3 << 20, 'x'), Sync::kYes},  // several writes' worth
  };
  for (size_t i = 0; i < rows.size(); ++i) {
    CAPTURE(i);
    const std::string name = "f" + std::to_string(i);
    if (!rows[i].old_bytes.empty()) dir.write(name, rows[i].old_bytes);
    REQUIRE(replace_file(dir.str() + "/" + name, rows[i].new_bytes, rows[i].sync) == 0);
    CHECK(concord::test::read_file(dir.str() + "/" + name) == rows[i].new_bytes);
  }
  std::vector<std::string> expected;
  for (size_t i = 0; i < rows.size(); ++i) expected.push_back("f" + std::to_string(i));
  CHECK(names_in(dir.str()) == expected);
}

TEST_CASE("replace_file fails with the reason and leaves the target and the folder as they were",
          "[util]") {
  using concord::util::replace_file;
  using concord::util::Sync;
  TempDir dir;
  dir.write("keep", "kept");
  std::filesystem::create_directory(dir.path() / "folder");
  dir.write("folder/inside", "x");
  CHECK(replace_file(dir.str() + "/missing/f", "x", Sync::kYes) == ENOENT);
  // A folder in the way: the rename fails, the temporary file is removed.
  CHECK(replace_file(dir.str() + "/folder", "x", Sync::kNo) == EISDIR);
  CHECK(names_in(dir.str()) == std::vector<std::string>{"folder", "keep"});
  CHECK(names_in(dir.str() + "/folder") == std::vector<std::string>{"inside"});
  CHECK(concord::test::read_file(dir.str() + "/keep") == "kept");
}

TEST_CASE("replace_file from many threads: the file is one writer's text, whole", "[util]") {
  using concord::util::replace_file;
  using concord::util::Sync;
  TempDir dir;
  const std::string path = dir.str() + "/shared";
  std::vector<std::string> texts;
  for (int t = 0; t < 8; ++t) texts.push_back(std::string(64 * 1024 + t, static_cast<char>('a' + t)));
  std::vector<std::thread> threads;
  std::vector<int> errors(texts.size() * 20, -1);
  for (size_t t = 0; t < texts.size(); ++t)
    threads.emplace_back([&, t] {
      for (int k = 0; k < 20; ++k) errors[t * 20 + k] = replace_file(path, texts[t], Sync::kNo);
    });
  for (auto& th : threads) th.join();
  for (const int e : errors) CHECK(e == 0);
  const std::string got = concord::test::read_file(path);
  CHECK(std::find(texts.begin(), texts.end(), got) != texts.end());
  CHECK(names_in(dir.str()) == std::vector<std::string>{"shared"});
}

TEST_CASE("replace_file passes over temporary files a killed process left behind", "[util]") {
  using concord::util::replace_file;
  using concord::util::Sync;
  TempDir dir;
  const std::string path = dir.str() + "/record.json";
  // What a killed process of this pid would have left: the names of the next 300 calls (the
  // counter starts at 0 in each process; other tests of this process may have moved it on,
  // which only makes fewer of these names in the way).
  for (int k = 0; k < 300; ++k)
    dir.write("record.json.tmp." + std::to_string(::getpid()) + "." + std::to_string(k), "old");
  REQUIRE(replace_file(path, "new", Sync::kNo) == 0);
  CHECK(concord::test::read_file(path) == "new");
  CHECK(names_in(dir.str()).size() == 301);  // the leftovers untouched, one file added
}
