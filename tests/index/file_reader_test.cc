// The safe reader: never blocks on a special file, never reads past the limit, refuses a
// file swapped after the walk.
#include "index/file_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <optional>
#include <string>

#include "support.h"

namespace fs = std::filesystem;
using concord::test::TempDir;

namespace {

// What the walk found at `path` (identity included).
concord::FoundFile found(const std::string& path) {
  const auto r = concord::walk({path});
  REQUIRE(r.files.size() == 1);
  return r.files[0];
}

// Runs the reader in another thread; if it has not returned within 20 s (it is blocked on
// a FIFO), a writer is opened on `fifo` to release it and the result says so.
struct Timed {
  bool finished_in_time = false;
  std::optional<concord::FileProblem> problem;
  std::string bytes;
};
Timed read_with_deadline(const concord::FoundFile& f, uint64_t limit, const std::string& fifo) {
  Timed t;
  auto result = std::async(std::launch::async, [&] { return concord::read_found_file(f, limit, &t.bytes); });
  t.finished_in_time = result.wait_for(std::chrono::seconds(20)) == std::future_status::ready;
  if (!t.finished_in_time) {
    const int fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
    if (fd >= 0) ::close(fd);
  }
  t.problem = result.get();
  return t;
}

}  // namespace

TEST_CASE("the reader refuses what replaced a file after the walk", "[index][reader]") {
  struct Case {
    const char* name;
    std::function<void(const std::string& path, const TempDir& dir)> replace;
    const char* kind;  // expected problem kind; "" = read fine
  };
  const Case cases[] = {
      {"unchanged", [](const std::string&, const TempDir&) {}, ""},
      {"FIFO",
       [](const std::string& p, const TempDir&) {
         fs::remove(p);
         REQUIRE(::mkfifo(p.c_str(), 0644) == 0);
       },
       "not-a-file"},
      {"folder",
       [](const std::string& p, const TempDir&) {
         fs::remove(p);
         fs::create_directory(p);
       },
       "not-a-file"},
      {"symbolic link",
       [](const std::string& p, const TempDir& d) {
         d.write("other.txt", "other\n");
         fs::remove(p);
         fs::create_symlink(d.str() + "/other.txt", p);
       },
       "changed"},
      {"another file",
       [](const std::string& p, const TempDir& d) {
         d.write("new.txt", "new content\n");
         fs::rename(d.str() + "/new.txt", p);
       },
       "changed"},
      {"removed", [](const std::string& p, const TempDir&) { fs::remove(p); }, "unreadable"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    TempDir dir;
    const std::string path = dir.write("doc.txt", "original text\n");
    const concord::FoundFile f = found(path);
    c.replace(path, dir);
    const Timed t = read_with_deadline(f, 1 << 20, path);
    CHECK(t.finished_in_time);
    if (*c.kind == '\0') {
      CHECK_FALSE(t.problem);
      CHECK(t.bytes == "original text\n");
    } else {
      REQUIRE(t.problem);
      CHECK(t.problem->kind == c.kind);
      CHECK(t.bytes.empty());
    }
  }
}

TEST_CASE("the reader stops at the limit: a file that grew past it fails", "[index][reader]") {
  TempDir dir;
  const std::string path = dir.write("growing.txt", "small at first\n");
  const concord::FoundFile f = found(path);  // the walk saw 15 bytes
  struct Case {
    size_t size_now;
    bool fits;
  };
  const Case cases[] = {{4096, true}, {4097, false}, {3 << 20, false}};
  for (const Case& c : cases) {
    CAPTURE(c.size_now);
    fs::resize_file(path, c.size_now);
    concord::FoundFile same = f;
    std::string bytes;
    const auto problem = concord::read_found_file(same, 4096, &bytes);
    if (c.fits) {
      CHECK_FALSE(problem);
      CHECK(bytes.size() == c.size_now);
    } else {
      REQUIRE(problem);
      CHECK(problem->kind == "too-large");
      CHECK(bytes.empty());
    }
  }
}

TEST_CASE("the reader follows a link the walk found, and checks its target", "[index][reader]") {
  TempDir dir;
  dir.write("root/target.txt", "through the link\n");
  fs::create_symlink(dir.str() + "/root/target.txt", dir.str() + "/root/link.txt");
  const concord::FoundFile f = found(dir.str() + "/root/link.txt");
  REQUIRE(f.link);
  std::string bytes;
  CHECK_FALSE(concord::read_found_file(f, 1 << 20, &bytes));
  CHECK(bytes == "through the link\n");
  // Re-pointed after the walk (at a file outside, say): another inode, refused.
  dir.write("elsewhere.txt", "not to be read\n");
  fs::remove(dir.str() + "/root/link.txt");
  fs::create_symlink(dir.str() + "/elsewhere.txt", dir.str() + "/root/link.txt");
  const auto problem = concord::read_found_file(f, 1 << 20, &bytes);
  REQUIRE(problem);
  CHECK(problem->kind == "changed");
  CHECK(bytes.empty());
}
