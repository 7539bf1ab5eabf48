// An index that nothing breaks: unavailable roots keep their documents, links to outside
// the roots are not followed, special files and growing files never block or overflow a
// run, and every counted failure is listed.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <map>
#include <string>
#include <vector>

#include "index/indexer.h"
#include "search/search.h"
#include "store/reader.h"
#include "support.h"

namespace fs = std::filesystem;
using concord::IndexEvent;
using concord::IndexOptions;
using concord::IndexSummary;
using concord::test::TempDir;

namespace {

struct Run {
  IndexSummary summary;
  std::vector<IndexEvent> events;  // everything but progress
};

Run index(const std::string& db, const std::vector<std::string>& roots, IndexOptions o = {},
          const std::function<void(const IndexEvent&)>& also = nullptr) {
  Run r;
  o.db_path = db;
  o.roots = roots;
  r.summary = concord::run_index(o, [&](const IndexEvent& e) {
    if (also) also(e);
    if (e.kind != IndexEvent::Kind::kProgress) r.events.push_back(e);
  });
  return r;
}


// Failure records by file name -> kind.
std::map<std::string, std::string> failure_kinds(const std::string& db) {
  std::map<std::string, std::string> out;
  for (const auto& f : concord::failures(db)) out[fs::path(f.path).filename().string()] = f.kind;
  return out;
}

const IndexEvent* event_for(const Run& r, const std::string& name) {
  for (const IndexEvent& e : r.events)
    if (fs::path(e.path).filename() == name) return &e;
  return nullptr;
}

// A gazetteer file in `dir` that adds one entity, ZCU (the Zeta Cooperative Union).
std::string zcu_gazetteer(const TempDir& dir) {
  return dir.write("zcu.tsv",
                   "ZCU\tnetwork\tZeta Cooperative Union\tZCU\tZeta Cooperative Union\t\t\n");
}

}  // namespace

TEST_CASE("a root that is gone, emptied or unmounted keeps its documents", "[index][roots]") {
  struct Case {
    const char* name;
    std::function<void(const std::string& root)> make_unavailable;
    const char* kind;
  };
  const Case cases[] = {
      {"missing", [](const std::string& root) { fs::rename(root, root + ".away"); }, "missing-root"},
      {"empty (an unmounted mount point)",
       [](const std::string& root) {
         fs::rename(root, root + ".away");
         fs::create_directory(root);
       },
       "empty-root"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    TempDir dir;
    const std::string root = dir.str() + "/mnt";
    dir.write("mnt/a.txt", "Alpha note on cooperatives.\n");
    dir.write("mnt/sub/b.txt", "Beta note on cooperatives.\n");
    dir.write("other/c.txt", "Gamma note on cooperatives.\n");
    const std::string db = dir.str() + "/db";
    REQUIRE(index(db, {root, dir.str() + "/other"}).summary.added == 3);

    c.make_unavailable(root);
    Run kept = index(db, {root, dir.str() + "/other"});
    CHECK(kept.summary.removed == 0);
    CHECK(kept.summary.failed == 1);
    CHECK(kept.summary.unchanged == 1);
    CHECK(concord::test::hit_names(db, "cooperatives") == std::vector<std::string>{"a.txt", "b.txt", "c.txt"});
    REQUIRE(kept.summary.notices.size() == 1);
    CHECK(kept.summary.notices[0].path == root);
    CHECK(kept.summary.notices[0].kind == c.kind);
    CHECK(kept.summary.notices[0].message.find("2 documents kept") != std::string::npos);
    const IndexEvent* reported = event_for(kept, "mnt");
    REQUIRE(reported);
    CHECK(reported->kind == IndexEvent::Kind::kRoot);
    CHECK(reported->reason.rfind(c.kind, 0) == 0);
    CHECK(failure_kinds(db) == std::map<std::string, std::string>{{"mnt", c.kind}});

    // It comes back (remounted): nothing to redo, the record goes.
    fs::remove_all(root);
    fs::rename(root + ".away", root);
    Run back = index(db, {root, dir.str() + "/other"});
    CHECK(back.summary.unchanged == 3);
    CHECK(back.summary.failed == 0);
    CHECK(back.summary.notices.empty());
    CHECK(concord::failures(db).empty());

    // Purging is a choice, and the summary says so.
    c.make_unavailable(root);
    IndexOptions purge;
    purge.purge_missing = true;
    Run purged = index(db, {root, dir.str() + "/other"}, purge);
    CHECK(purged.summary.removed == 2);
    CHECK(purged.summary.failed == 0);
    REQUIRE(purged.summary.notices.size() == 1);
    CHECK(purged.summary.notices[0].kind == "purged-root");
    CHECK(purged.summary.notices[0].message.find("2 documents removed") != std::string::npos);
    CHECK(concord::test::hit_names(db, "cooperatives") == std::vector<std::string>{"c.txt"});
    CHECK(concord::failures(db).empty());
  }
}

TEST_CASE("an empty folder the index holds nothing from is not a problem", "[index][roots]") {
  TempDir dir;
  fs::create_directories(dir.str() + "/new");
  const Run r = index(dir.str() + "/db", {dir.str() + "/new"});
  CHECK(r.summary.failed == 0);
  CHECK(r.summary.notices.empty());
}

TEST_CASE("a missing root the database has never held is a usage error, nothing written", "[index][roots]") {
  TempDir dir;
  dir.write("a/x.txt", "Some text.\n");
  const std::string db = dir.str() + "/db";
  // No database yet: none is created.
  CHECK_THROWS_AS(index(db, {dir.str() + "/a", dir.str() + "/typo"}), concord::IndexUsageError);
  CHECK_FALSE(fs::exists(db));
  // An existing database is left as it was.
  REQUIRE(index(db, {dir.str() + "/a"}).summary.added == 1);
  CHECK_THROWS_WITH(index(db, {dir.str() + "/a", dir.str() + "/typo"}),
                    Catch::Contains(dir.str() + "/typo: no such file or folder"));
  CHECK(concord::failures(db).empty());
  CHECK(concord::stats(db).documents == 1);
}

TEST_CASE("documents under a folder that cannot be listed are kept", "[index][roots]") {
  if (geteuid() == 0) {
    WARN("running as root: every folder can be listed, so this case cannot be set up");
    return;
  }
  TempDir dir;
  dir.write("r/open.txt", "Open note on mutuals.\n");
  dir.write("r/locked/inner.txt", "Inner note on mutuals.\n");
  const std::string db = dir.str() + "/db";
  REQUIRE(index(db, {dir.str() + "/r"}).summary.added == 2);
  fs::permissions(dir.str() + "/r/locked", fs::perms::none);
  const Run r = index(db, {dir.str() + "/r"});
  fs::permissions(dir.str() + "/r/locked", fs::perms::owner_all);
  CHECK(r.summary.removed == 0);
  CHECK(r.summary.failed == 1);
  CHECK(concord::test::hit_names(db, "mutuals") == std::vector<std::string>{"inner.txt", "open.txt"});
  CHECK(failure_kinds(db) == std::map<std::string, std::string>{{"locked", "unreadable"}});
}

TEST_CASE("every failure a run counts is listed by failures()", "[index][roots][failures]") {
  TempDir dir;
  const std::string root = dir.str() + "/r";
  dir.write("r/good.txt", "Good text.\n");
  dir.write("r/bad.pdf", "%PDF-1.4 broken");
  fs::create_symlink(root + "/loop.txt", root + "/loop.txt");
  fs::create_symlink(root + "/none.txt", root + "/dangling.txt");
  dir.write("gone/was.txt", "Was here.\n");
  const std::string db = dir.str() + "/db";
  index(db, {root, dir.str() + "/gone"});
  fs::remove_all(dir.str() + "/gone");

  const Run r = index(db, {root, dir.str() + "/gone"});
  CHECK(r.summary.failed == 4);
  CHECK(failure_kinds(db) == std::map<std::string, std::string>{{"bad.pdf", "corrupt"},
                                                                {"dangling.txt", "broken-link"},
                                                                {"loop.txt", "link-loop"},
                                                                {"gone", "missing-root"}});
  CHECK(concord::failures(db).size() == r.summary.failed);
  CHECK(concord::stats(db).failures == r.summary.failed);
  // The loop is fixed: its record goes with the next run.
  fs::remove(root + "/loop.txt");
  const Run fixed = index(db, {root, dir.str() + "/gone"});
  CHECK(fixed.summary.failed == 3);
  CHECK(concord::failures(db).size() == 3);
}

TEST_CASE("a link to /etc/passwd inside a root does not make its text searchable", "[index][links]") {
  const std::string passwd = concord::test::read_file("/etc/passwd");
  REQUIRE(passwd.find("root") != std::string::npos);  // so the searches below could match
  TempDir dir;
  const std::string root = dir.str() + "/r";
  dir.write("r/note.txt", "A note about cooperatives.\n");
  fs::create_symlink("/etc/passwd", root + "/passwd_link.txt");
  const std::string db = dir.str() + "/db";

  const Run r = index(db, {root});
  CHECK(r.summary.added == 1);
  CHECK(r.summary.skipped == 1);
  CHECK(r.summary.failed == 0);
  CHECK(concord::test::hit_names(db, "root").empty());
  CHECK(concord::test::hit_names(db, "cooperatives") == std::vector<std::string>{"note.txt"});
  REQUIRE(r.summary.notices.size() == 1);
  CHECK(r.summary.notices[0].kind == "outside-link");
  CHECK(r.summary.notices[0].path == root + "/passwd_link.txt");
  const IndexEvent* skipped = event_for(r, "passwd_link.txt");
  REQUIRE(skipped);
  CHECK(skipped->kind == IndexEvent::Kind::kSkipped);
  CHECK(skipped->reason.find("/etc/passwd") != std::string::npos);

  // --follow-links: asked for, so indexed under the link's path...
  IndexOptions follow;
  follow.follow_links = true;
  const Run followed = index(db, {root}, follow);
  CHECK(followed.summary.added == 1);
  CHECK(concord::test::hit_names(db, "root") == std::vector<std::string>{"passwd_link.txt"});
  // ...and dropped again by the next run without it.
  const Run again = index(db, {root});
  CHECK(again.summary.removed == 1);
  CHECK(concord::test::hit_names(db, "root").empty());
}

TEST_CASE("a FIFO that replaced a file after the walk fails at once and the rest is indexed", "[index][special]") {
  TempDir dir;
  const std::string root = dir.str() + "/r";
  dir.write("r/a_first.txt", "First note on mutuals.\n");
  const std::string db = dir.str() + "/db";
  REQUIRE(index(db, {root}).summary.added == 1);
  dir.write("r/m_other.txt", "Other note on mutuals.\n");
  const std::string fifo = dir.write("r/z_fifo.txt", "Soon a FIFO.\n");

  // a_first.txt is settled as unchanged after the walk and before any file is read: that is
  // when the FIFO takes z_fifo.txt's place.
  bool swapped = false;
  auto swap = [&](const IndexEvent& e) {
    if (!swapped && e.kind == IndexEvent::Kind::kProgress && fs::path(e.path).filename() == "a_first.txt") {
      fs::remove(fifo);
      swapped = ::mkfifo(fifo.c_str(), 0644) == 0;  // checked below, in the test's thread
    }
  };
  IndexOptions o;
  o.threads = 1;
  auto running = std::async(std::launch::async, [&] { return index(db, {root}, o, swap); });
  const bool in_time = running.wait_for(std::chrono::seconds(30)) == std::future_status::ready;
  if (!in_time) {  // release a reader blocked on the FIFO, so the test ends and fails
    const int fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
    if (fd >= 0) ::close(fd);
  }
  const Run r = running.get();
  CHECK(in_time);
  REQUIRE(swapped);
  CHECK(r.summary.added == 1);
  CHECK(r.summary.failed == 1);
  CHECK(concord::test::hit_names(db, "mutuals") == std::vector<std::string>{"a_first.txt", "m_other.txt"});
  CHECK(failure_kinds(db) == std::map<std::string, std::string>{{"z_fifo.txt", "not-a-file"}});
}

TEST_CASE("a file growing past --max-size during the run is never indexed past it", "[index][special]") {
  TempDir dir;
  const std::string root = dir.str() + "/r";
  dir.write("r/a_first.txt", "First note.\n");
  const std::string db = dir.str() + "/db";
  REQUIRE(index(db, {root}).summary.added == 1);
  const std::string growing = dir.write("r/z_growing.txt", "Small at first, about cooperatives.\n");

  bool grown = false;
  auto grow = [&](const IndexEvent& e) {
    if (!grown && e.kind == IndexEvent::Kind::kProgress && fs::path(e.path).filename() == "a_first.txt") {
      std::ofstream out(growing, std::ios::app);
      const std::string line = "appendedword after the walk\n";
      for (size_t n = 0; n < (2u << 20); n += line.size()) out << line;
      grown = true;
    }
  };
  IndexOptions o;
  o.max_file_size = 1 << 20;
  const Run r = index(db, {root}, o, grow);
  REQUIRE(grown);
  CHECK(r.summary.failed == 1);
  CHECK(concord::test::hit_names(db, "appendedword").empty());
  CHECK(concord::test::hit_names(db, "cooperatives").empty());
  CHECK(failure_kinds(db) == std::map<std::string, std::string>{{"z_growing.txt", "too-large"}});
}

TEST_CASE("max-size values are validated into bytes", "[index][options]") {
  struct Case {
    std::string text;
    uint64_t bytes;  // 0 = rejected
  };
  const Case cases[] = {
      {"1", 1ull << 20},
      {"512", 512ull << 20},
      {"4096", 4096ull << 20},
      {"0004", 4ull << 20},
      {"0", 0},
      {"-1", 0},
      {"-0", 0},
      {"4097", 0},
      {"17592186044416", 0},  // 2^44: shifted into bytes it would overflow
      {"99999999999999999999999", 0},
      {"1.5", 0},
      {"12MiB", 0},
      {"", 0},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    std::string error;
    const auto bytes = concord::parse_max_size_mib(c.text, &error);
    if (c.bytes) {
      REQUIRE(bytes);
      CHECK(*bytes == c.bytes);
    } else {
      CHECK_FALSE(bytes);
      CHECK(error.find("from 1 to 4096") != std::string::npos);
    }
  }
}

TEST_CASE("after a new gazetteer, the documents a run could not read again are counted, and "
          "read by the next run over their roots", "[index][roots]") {
  // The documents a run does not read again (a root unmounted, or not given) keep what the
  // older gazetteer recognized: the run says so, and the next run over their root reads them,
  // and them only (each document carries what recognized it).
  struct Case {
    const char* name;
    std::function<std::vector<std::string>(const std::string& mnt, const std::string& other)>
        partial_run;  // makes the change and gives the roots of the run that misses mnt
  };
  const Case cases[] = {
      {"a root unmounted",
       [](const std::string& mnt, const std::string& other) {
         fs::rename(mnt, mnt + ".away");
         return std::vector<std::string>{mnt, other};
       }},
      {"a root not given", [](const std::string&, const std::string& other) {
         return std::vector<std::string>{other};
       }},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    TempDir dir;
    const std::string mnt = dir.str() + "/mnt", other = dir.str() + "/other";
    dir.write("mnt/a.txt", "The Zeta Cooperative Union met in Geneva.\n");
    dir.write("other/c.txt", "The Zeta Cooperative Union met again in Quito.\n");
    dir.write("more/d.txt", "The Zeta Cooperative Union met in Dakar.\n");
    const std::string db = dir.str() + "/db";
    REQUIRE(index(db, {mnt, other}).summary.added == 2);

    IndexOptions with_zcu;
    with_zcu.gazetteers = {zcu_gazetteer(dir)};
    // A second shard indexed whole with the same gazetteer.
    REQUIRE(index(dir.str() + "/db2", {dir.str() + "/more"}, with_zcu).summary.added == 1);
    const std::string stub = dir.write("both.stub", "auto db\nauto db2\n");
    const Run partial = index(db, c.partial_run(mnt, other), with_zcu);
    CHECK(partial.summary.updated == 1);
    const auto left = std::find_if(partial.summary.notices.begin(), partial.summary.notices.end(),
                                   [](const auto& n) { return n.kind == "recognized-before"; });
    CHECK(left != partial.summary.notices.end());
    if (left != partial.summary.notices.end()) {
      CHECK(left->path == db);
      CHECK(left->message.rfind("1 document not read again", 0) == 0);
    }
    CHECK(concord::test::hit_names(db, "org:ZCU") == std::vector<std::string>{"c.txt"});
    CHECK(concord::stats(db).recognized_before == 1);
    // The two shards name the same gazetteer: read together.
    CHECK(concord::test::hit_names(stub, "org:ZCU") == std::vector<std::string>{"c.txt", "d.txt"});

    if (fs::exists(mnt + ".away")) fs::rename(mnt + ".away", mnt);
    // A run over both roots, without --gazetteer: the recorded one, now with ZCU, reads the
    // file left, and only it; then nothing is left.
    const Run rest = index(db, {mnt, other});
    CHECK(rest.summary.updated == 1);
    CHECK(rest.summary.unchanged == 1);
    CHECK(rest.summary.notices.empty());
    CHECK(concord::stats(db).recognized_before == 0);
    CHECK(concord::test::hit_names(db, "org:ZCU") == std::vector<std::string>{"a.txt", "c.txt"});
    CHECK(index(db, {mnt, other}).summary.unchanged == 2);
  }
}

TEST_CASE("a gazetteer changed and changed back reads again only the files the other one read",
          "[index][roots]") {
  // Each file's document records what recognized it: after A, then B over one root, then A
  // again over both, only the file B recognized is read again.
  TempDir dir;
  const std::string mnt = dir.str() + "/mnt", other = dir.str() + "/other";
  dir.write("mnt/a.txt", "The Zeta Cooperative Union met in Geneva.\n");
  dir.write("other/c.txt", "The Zeta Cooperative Union met again in Quito.\n");
  const std::string db = dir.str() + "/db";
  IndexOptions a, b;
  a.gazetteers = {dir.write("empty.tsv", "")};  // the built-in gazetteer alone
  b.gazetteers = {zcu_gazetteer(dir)};
  REQUIRE(index(db, {mnt, other}, a).summary.added == 2);
  const Run to_b = index(db, {other}, b);
  CHECK(to_b.summary.updated == 1);
  CHECK(concord::stats(db).recognized_before == 1);
  CHECK(concord::test::hit_names(db, "org:ZCU") == std::vector<std::string>{"c.txt"});

  const Run back = index(db, {mnt, other}, a);
  CHECK(back.summary.updated == 1);  // c.txt, which B recognized
  CHECK(back.summary.unchanged == 1);  // a.txt, still as A recognized it
  CHECK(back.summary.notices.empty());
  CHECK(concord::stats(db).recognized_before == 0);
  CHECK_THROWS(concord::test::hit_names(db, "org:ZCU"));  // no such entity any more
  CHECK(index(db, {mnt, other}, a).summary.unchanged == 2);
}

TEST_CASE("a run interrupted after a gazetteer change leaves it unrecorded, and its resumption "
          "reads only the files the interrupted run did not", "[index][roots]") {
  TempDir dir;
  const std::string root = dir.str() + "/r";
  constexpr int kFiles = 300;
  for (int i = 0; i < kFiles; ++i)
    dir.write("r/f" + std::to_string(i) + ".txt",
              "The Zeta Cooperative Union met in town " + std::to_string(i) + ".\n");
  const std::string db = dir.str() + "/db";
  REQUIRE(index(db, {root}).summary.added == kFiles);

  IndexOptions with_zcu;
  with_zcu.gazetteers = {zcu_gazetteer(dir)};
  with_zcu.threads = 1;
  std::atomic<bool> stop{false};
  with_zcu.cancel = &stop;
  // Stopped once the first file is read again.
  const Run cut = index(db, {root}, with_zcu, [&](const IndexEvent& e) {
    if (e.kind == IndexEvent::Kind::kProgress) stop = true;
  });
  REQUIRE(cut.summary.interrupted);
  const uint64_t read = cut.summary.updated;
  CHECK(read >= 1);
  REQUIRE(read < kFiles);
  // The change is not recorded: the queries still read the old gazetteer, with no ZCU.
  CHECK_THROWS(concord::test::hit_names(db, "org:ZCU"));
  CHECK(concord::stats(db).recognized_before == 0);

  // Resumed with the same gazetteer: only the files the interrupted run did not read.
  with_zcu.cancel = nullptr;
  const Run resumed = index(db, {root}, with_zcu);
  CHECK(resumed.summary.updated == kFiles - read);
  CHECK(resumed.summary.unchanged == read);
  CHECK(resumed.summary.notices.empty());
  CHECK(concord::stats(db).recognized_before == 0);
  concord::SearchOptions zcu;
  zcu.db_path = db;
  zcu.query = "org:ZCU";
  CHECK(concord::search(zcu).total == kFiles);
  CHECK(index(db, {root}).summary.unchanged == kFiles);
}

TEST_CASE("a file stored in parts left by a gazetteer change counts once, and is read by the "
          "next run over its root", "[index][roots]") {
  TempDir dir;
  std::string long_text;
  for (int i = 0; long_text.size() < (600u << 10); ++i)
    long_text += "The Zeta Cooperative Union met in town " + std::to_string(i) + ".\n";
  dir.write("mnt/long.txt", long_text);
  dir.write("other/c.txt", "The Zeta Cooperative Union met again in Quito.\n");
  const std::string mnt = dir.str() + "/mnt", other = dir.str() + "/other";
  const std::string db = dir.str() + "/db";
  IndexOptions parts;
  parts.split_bytes = 200u << 10;
  parts.part_bytes = 150u << 10;
  REQUIRE(index(db, {mnt, other}, parts).summary.added == 2);
  REQUIRE(concord::read_index(db, [](const concord::IndexReader& r) { return r.has_parts(); }));

  IndexOptions with_zcu = parts;
  with_zcu.gazetteers = {zcu_gazetteer(dir)};
  CHECK(index(db, {other}, with_zcu).summary.updated == 1);
  CHECK(concord::stats(db).recognized_before == 1);  // the file, not each of its parts
  CHECK(concord::test::hit_names(db, "org:ZCU") == std::vector<std::string>{"c.txt"});

  const Run rest = index(db, {mnt, other}, parts);
  CHECK(rest.summary.updated == 1);
  CHECK(rest.summary.unchanged == 1);
  CHECK(concord::stats(db).recognized_before == 0);
  CHECK(concord::test::hit_names(db, "org:ZCU") == std::vector<std::string>{"c.txt", "long.txt"});
}
