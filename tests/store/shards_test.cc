// Several databases read as one archive (store/shards.h): stub files parsed, every query
// command giving the same answer over two shards, local or served by xapian-tcpsrv, as one
// database holding the same documents; shards that disagree refused; duplicates reported;
// the indexer writing one shard per run.
#include "store/shards.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "index/indexer.h"
#include "mentions/mentions.h"
#include "store/errors.h"
#include "store/reader.h"
#include "support.h"
#include "web/site.h"
#include "web/web_support.h"

namespace fs = std::filesystem;
using concord::test::run;
using concord::test::TempDir;
using nlohmann::json;

namespace {

std::vector<std::string> names(const std::vector<concord::Shard>& shards) {
  std::vector<std::string> out;
  for (const concord::Shard& s : shards) out.push_back(s.name());
  return out;
}

// The bundled corpus split in two shards by folder, and one database of all of it indexed
// with the same folders (so the recorded roots, and the finding ids hashed from them, agree).
struct ShardedArchive {
  TempDir dir;
  std::string one, a, b, stub;
  std::vector<std::string> folders_a = {"library", "meetings", "news", "newsletters"};
  std::vector<std::string> folders_b = {"press", "reports", "resolutions", "speeches"};

  ShardedArchive() {
    concord::test::copy_corpus(dir.str() + "/c");
    // A file that fails, in the second shard: failures come from every shard.
    dir.write("c/speeches/broken.pdf", "%PDF-1.4\nnot really a PDF\n");
    one = dir.str() + "/one";
    a = dir.str() + "/sa";
    b = dir.str() + "/sb";
    auto index = [&](const std::string& db, const std::vector<std::string>& folders) {
      std::vector<std::string> argv = {CONCORD_INDEX_BIN, "-q", "--db", db};
      for (const std::string& f : folders) argv.push_back(dir.str() + "/c/" + f);
      const int code = run(argv).exit_code;
      REQUIRE((code == 0 || code == 3));  // 3: a file failed
    };
    std::vector<std::string> all = folders_a;
    all.insert(all.end(), folders_b.begin(), folders_b.end());
    index(one, all);
    index(a, folders_a);
    index(b, folders_b);
    stub = dir.str() + "/archive.stub";
    dir.write("archive.stub", "# the two shards\nauto sa\n\nauto " + b + "\n");
  }
};

ShardedArchive& sharded() {
  static ShardedArchive archive;
  return archive;
}

// The mentions of `entity` in `db` from the `offset`-th on, one line each (where, and as
// written), through the library: the command line has no offset.
std::vector<std::string> listing(const std::string& db, const std::string& entity,
                                 uint64_t offset) {
  concord::MentionsOptions o;
  o.db_path = db;
  o.entity = entity;
  o.offset = offset;
  std::vector<std::string> out;
  for (const concord::MentionRow& m : concord::list_mentions(o).mentions)
    out.push_back(m.path + ":" + std::to_string(m.page) + ":" + std::to_string(m.line) + ":" +
                  std::to_string(m.start) + ":" + m.surface + ":" + m.context);
  return out;
}

// The JSON of `concord-query DBS --json ARGS`, with what names the database layout (its
// location, size and shards, the last run) left out of stats.
json answer(const std::vector<std::string>& dbs, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {CONCORD_QUERY_BIN};
  for (const std::string& d : dbs) {
    argv.push_back("--db");
    argv.push_back(d);
  }
  argv.push_back("--json");
  argv.insert(argv.end(), args.begin(), args.end());
  const concord::test::RunResult r = run(argv);
  INFO(r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 4));  // 4: check found errors
  json j = json::parse(r.out);
  if (args[0] == "stats")
    for (const char* key : {"database", "db_bytes", "shards", "last_run"}) j.erase(key);
  return j;
}

}  // namespace

TEST_CASE("shards: stub files and repeated --db name their databases", "[shards]") {
  TempDir dir;
  dir.write("one/placeholder", "");
  dir.write("s1.stub", "# comment\nauto one\n  glass /abs/two  \nremote 10.0.0.5:33333\n");
  dir.write("nested.stub", "auto s1.stub\nremote [::1]:8100\n");
  CHECK(names(concord::shards_of(dir.str() + "/s1.stub")) ==
        std::vector<std::string>{dir.str() + "/one", "/abs/two", "10.0.0.5:33333"});
  CHECK(names(concord::shards_of(dir.str() + "/nested.stub")) ==
        std::vector<std::string>{dir.str() + "/one", "/abs/two", "10.0.0.5:33333", "::1:8100"});
  // A folder (existing or not) is one database.
  CHECK(names(concord::shards_of(dir.str() + "/one")) == std::vector<std::string>{dir.str() + "/one"});
  CHECK(names(concord::shards_of("not/yet")) == std::vector<std::string>{"not/yet"});
  const std::string joined = concord::join_locations({dir.str() + "/one", dir.str() + "/s1.stub"});
  CHECK(concord::shards_of(joined).size() == 4);
  // Locations are split at newlines; empty ones (doubled or trailing newlines) name nothing.
  CHECK(names(concord::shards_of("\na\n\nb/c\n")) == std::vector<std::string>{"a", "b/c"});
  CHECK_THROWS_AS(concord::shards_of("\n\n"), concord::DatabaseError);
  // A symbolic link to a stub file is the stub file; one to a folder, the folder.
  std::filesystem::create_symlink(dir.str() + "/s1.stub", dir.str() + "/link.stub");
  std::filesystem::create_directory_symlink(dir.str() + "/one", dir.str() + "/link-one");
  CHECK(concord::shards_of(dir.str() + "/link.stub").size() == 3);
  CHECK(names(concord::shards_of(dir.str() + "/link-one")) ==
        std::vector<std::string>{dir.str() + "/link-one"});
  CHECK_FALSE(concord::is_several(dir.str() + "/one"));
  CHECK(concord::is_several(joined));
  dir.write("remote1.stub", "remote localhost:8000\n");
  CHECK(concord::is_several(dir.str() + "/remote1.stub"));  // the indexer cannot write there
  CHECK_THROWS_AS(concord::join_locations({"a\nb"}), concord::DatabaseError);

  struct Bad {
    const char* text;
    const char* message;  // part of the error
  };
  const Bad bad[] = {
      {"chert old\n", "line 1: 'chert' is not a database type"},
      {"auto one\nremote host\n", "line 2: only TCP remotes"},
      {"remote :xapian-progsrv db\n", "only TCP remotes"},
      {"remote host:99999\n", "'99999' is not a port"},
      {"remote host:12ab\n", "'12ab' is not a port"},
      {"auto\n", "'auto' without a database"},
      {"# nothing\n\n", "names no database"},
      {"auto loop.stub\n", "nested more than 8 deep"},
  };
  for (const Bad& b : bad) {
    CAPTURE(b.text);
    dir.write("loop.stub", b.text);
    try {
      concord::shards_of(dir.str() + "/loop.stub");
      FAIL("no error");
    } catch (const concord::DatabaseError& e) {
      CHECK(std::string(e.what()).find(b.message) != std::string::npos);
      CHECK(std::string(e.what()).find("loop.stub") != std::string::npos);
    }
  }
}

TEST_CASE("shards: two local shards answer every command as one database", "[shards]") {
  ShardedArchive& s = sharded();
  const std::string doc = s.dir.str() + "/c/press/2023-04-18_ga_adopts_sse_resolution.txt";
  int compared = 0;
  for (const std::vector<std::string>& args : concord::test::reading_commands(doc)) {
    CAPTURE(args[0], args.size() > 1 ? args[1] : "");
    const json single = answer({s.one}, args);
    CHECK(answer({s.a, s.b}, args) == single);
    CHECK(answer({s.stub}, args) == single);
    CHECK(answer({s.b, s.a}, args) == single);  // the shards' order does not matter
    ++compared;
  }
  CHECK(compared == 10);
  // Stats name the shards and add up their documents.
  const concord::test::RunResult r = run({CONCORD_QUERY_BIN, "--db", s.stub, "--json", "stats"});
  const json stats = json::parse(r.out);
  REQUIRE(stats.at("shards").size() == 2);
  CHECK(stats.at("shards")[0].at("name") == s.a);
  CHECK(stats.at("shards")[0].at("documents").get<int>() +
            stats.at("shards")[1].at("documents").get<int>() ==
        stats.at("documents").get<int>());
  CHECK(stats.at("duplicate_paths").empty());
  CHECK(stats.at("failures") == 1);
  const json failures = answer({s.stub}, {"failures"});
  CHECK(failures.dump().find("broken.pdf") != std::string::npos);
}

TEST_CASE("shards: two shards served by xapian-tcpsrv answer as one database", "[shards]") {
  ShardedArchive& s = sharded();
  REQUIRE(fs::exists("/usr/bin/xapian-tcpsrv"));  // xapian-tools, installed by the README
  const int port_a = concord::test::free_port(), port_b = concord::test::free_port();
  concord::test::Child server_a({"/usr/bin/xapian-tcpsrv", "--interface", "127.0.0.1", "--port",
                                 std::to_string(port_a), s.a},
                                s.dir.str() + "/tcp_a.log");
  concord::test::Child server_b({"/usr/bin/xapian-tcpsrv", "--interface", "127.0.0.1", "--port",
                                 std::to_string(port_b), s.b},
                                s.dir.str() + "/tcp_b.log");
  REQUIRE(concord::test::wait_for_port(port_a));
  REQUIRE(concord::test::wait_for_port(port_b));
  s.dir.write("remote.stub", "remote 127.0.0.1:" + std::to_string(port_a) +
                                 "\nremote 127.0.0.1:" + std::to_string(port_b) + "\n");
  const std::string remote = s.dir.str() + "/remote.stub";
  const std::string doc = s.dir.str() + "/c/press/2023-04-18_ga_adopts_sse_resolution.txt";
  for (const std::vector<std::string>& args : concord::test::reading_commands(doc)) {
    CAPTURE(args[0], args.size() > 1 ? args[1] : "");
    json over_network = answer({remote}, args), single = answer({s.one}, args);
    if (args[0] == "stats") {
      // Distinct terms of remote shards: the counts each recorded, summed (a term in both
      // counts twice), rather than both term lists streamed; pages as recorded, exact.
      CHECK(over_network.at("terms") >= single.at("terms"));
      CHECK(over_network.at("terms") <= 2 * single.at("terms").get<int>());
      over_network.erase("terms");
      single.erase("terms");
    }
    CHECK(over_network == single);
  }
  // Over remote shards xref and check read the facts records through a match spy run by the
  // servers (IndexReader::for_each_facts()), with the scope applied to the paths: the same
  // answers, also with a --path scope and with one shard local and one remote.
  s.dir.write("mixed.stub", "auto sa\nremote 127.0.0.1:" + std::to_string(port_b) + "\n");
  const std::string mixed = s.dir.str() + "/mixed.stub";
  const std::vector<std::vector<std::string>> aggregates = {
      {"xref", "ILO", "--path", s.dir.str() + "/c/press"},
      {"xref", "UNTFSSE", "--path", s.dir.str() + "/c/speeches"},
      {"xref", "A/RES/77/281", "--limit", "0"},
      {"xref", "SSE"},
      {"check", "--all"},
  };
  for (const std::vector<std::string>& args : aggregates) {
    CAPTURE(args[0], args[1]);
    const json single = answer({s.one}, args);
    CHECK(single.dump().size() > 200);  // a real answer, compared
    CHECK(answer({remote}, args) == single);
    CHECK(answer({mixed}, args) == single);
  }
  // A shard that is not served: a clear error naming it.
  s.dir.write("gone.stub", "auto sa\nremote 127.0.0.1:" +
                               std::to_string(concord::test::free_port()) + "\n");
  const concord::test::RunResult r =
      run({CONCORD_QUERY_BIN, "--db", s.dir.str() + "/gone.stub", "stats"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("cannot reach shard 127.0.0.1:") != std::string::npos);
}

TEST_CASE("shards: over a remote shard xref, check and mentions ask the server a few times, "
          "not once a document",
          "[shards]") {
  // 600 notes in two folders, every one citing the ILO: reading them one at a time would take
  // at least one request each. A second archive adds a text stored in parts, whose pieces are
  // joined by DocId, which the match spy does not give: read by DocId, it alone.
  TempDir dir;
  const std::vector<std::string> others = {"UNDP", "UNRISD", "FAO", "resolution 77/281"};
  for (int i = 0; i < 600; ++i)
    dir.write(std::string(i < 450 ? "c/a/" : "c/b/") + "note" + std::to_string(i) + ".txt",
              "Meeting note " + std::to_string(i) + ", 2023-0" + std::to_string(1 + i % 9) +
                  "-12. The International Labour Organization (ILO) met " + others[i % 4] +
                  " on the social and solidarity economy." +
                  (i % 50 == 0 ? " The UNRSID report was tabled." : "") + "\n");  // for check
  const std::string plain = dir.str() + "/plain", parts = dir.str() + "/parts";
  REQUIRE(run({CONCORD_INDEX_BIN, "-q", "--db", plain, dir.str() + "/c"}).exit_code == 0);
  std::string big = "Title: Proceedings\nDate: 18 April 2023\n\n";
  for (int i = 0; big.size() < (1200u << 10); ++i)
    big += "The ILO and UNRISD recalled resolution 77/281 and A/RES/70/1, line " +
           std::to_string(i) + ".\n";
  dir.write("c/a/big.txt", big);
  concord::IndexOptions o;
  o.db_path = parts;
  o.roots = {dir.str() + "/c"};
  o.split_bytes = 256u << 10;
  o.part_bytes = 150u << 10;
  REQUIRE(concord::run_index(o, nullptr).failed == 0);
  REQUIRE(concord::read_index(parts, [](const concord::IndexReader& r) { return r.has_parts(); }));

  std::vector<std::unique_ptr<concord::test::Child>> servers;
  std::vector<std::unique_ptr<concord::test::CountingRelay>> relays;
  for (const std::string& db : {plain, parts}) {
    const int port = concord::test::free_port();
    servers.push_back(std::make_unique<concord::test::Child>(
        std::vector<std::string>{"/usr/bin/xapian-tcpsrv", "--interface", "127.0.0.1", "--port",
                                 std::to_string(port), db},
        db + ".log"));
    REQUIRE(concord::test::wait_for_port(port));
    relays.push_back(std::make_unique<concord::test::CountingRelay>(port));
  }
  for (size_t i = 0; i < 2; ++i) {
    const std::string& db = i == 0 ? plain : parts;
    CAPTURE(db);
    const concord::test::CountingRelay& relay = *relays[i];
    const std::string remote = dir.str() + "/remote" + std::to_string(i) + ".stub";
    dir.write("remote" + std::to_string(i) + ".stub",
              "remote 127.0.0.1:" + std::to_string(relay.port()) + "\n");
    const std::vector<std::vector<std::string>> aggregates = {
        {"xref", "ILO"},
        {"xref", "ILO", "--path", dir.str() + "/c/a"},
        {"xref", "UNDP", "--path", dir.str() + "/c/b/note451.txt"},
        {"xref", "A/RES/70/1"},
        {"check", "--all"},
    };
    for (const std::vector<std::string>& args : aggregates) {
      CAPTURE(args);
      const uint64_t before = relay.requests();
      const json local = answer({db}, args);
      CHECK(local.dump().size() > 200);
      CHECK(answer({remote}, args) == local);
      const uint64_t requests = relay.requests() - before;
      CHECK(requests > 0);  // it went through the relay
      CHECK(requests < 150);  // one document at a time: over 600
    }
    // A scope naming one file reads that file's record, not those of every document citing
    // the entity (150 notes cite UNDP): a file has no folder term of its own, its unique term
    // filters the match spy's documents.
    const auto replied = [&](const std::vector<std::string>& args) {
      const uint64_t before = relay.replied_bytes();
      const json remote_answer = answer({remote}, args);
      CHECK(remote_answer == answer({db}, args));
      return relay.replied_bytes() - before;
    };
    // What every command asks for (the database's metadata, the entity's postings) is
    // measured with a scope no document is in.
    const uint64_t none = replied({"xref", "UNDP", "--path", dir.str() + "/c/none"});
    const uint64_t one_file = replied({"xref", "UNDP", "--path", dir.str() + "/c/b/note451.txt"});
    const uint64_t every_file = replied({"xref", "UNDP"});
    CAPTURE(none, one_file, every_file);
    CHECK(none < one_file);
    CHECK((one_file - none) * 20 < every_file - none);
    // Which documents continue a file stored in parts is read from their values alone, and
    // each one's term list once: the text in parts (1.2 MB) is not sent at every command.
    CHECK(none < big.size() / 4);
    // `mentions` lists in path order: the paths from one match set sorted by the server, the
    // records in match sets of a batch of documents each (the text in parts by DocId), so
    // skipping ahead, a form, a family or a scope all read the same records as locally.
    const std::vector<std::vector<std::string>> listings = {
        {"mentions", "ILO"},
        {"mentions", "UNRISD", "--form", "UNRSID"},
        {"mentions", "A/RES/77/281", "--family"},
        {"mentions", "ILO", "--path", dir.str() + "/c/b"},
    };
    for (const std::vector<std::string>& args : listings) {
      CAPTURE(args);
      const uint64_t before = relay.requests();
      const json local = answer({db}, args);
      CHECK(local.at("mentions").size() > 0);
      CHECK(answer({remote}, args) == local);
      const uint64_t requests = relay.requests() - before;
      CHECK(requests > 0);
      CHECK(requests < 150);  // a request a document: over 600 for ILO
    }
    // Skipping ahead (the web page's later pages): whole documents by their counts, then
    // within the first one read.
    const std::vector<std::string> all = listing(db, "ILO", 0);
    REQUIRE(all.size() >= 600);
    for (const uint64_t offset : {uint64_t{1}, uint64_t{37}, uint64_t{590}}) {
      CAPTURE(offset);
      const uint64_t before = relay.requests();
      const std::vector<std::string> local = listing(db, "ILO", offset);
      CHECK(local == std::vector<std::string>(all.begin() + static_cast<long>(offset), all.end()));
      CHECK(listing(remote, "ILO", offset) == local);
      CHECK(relay.requests() - before < 150);
    }
  }
  // The 600 notes are in both archives: read as two remote shards, stats lists each of them
  // as in more than one shard (from each server's paths, in a few requests), as two local
  // shards do.
  dir.write("both.stub", "remote 127.0.0.1:" + std::to_string(relays[0]->port()) +
                             "\nremote 127.0.0.1:" + std::to_string(relays[1]->port()) + "\n");
  const uint64_t before = relays[0]->requests();
  const json remote = answer({dir.str() + "/both.stub"}, {"stats"});
  CHECK(relays[0]->requests() - before < 150);
  const std::vector<std::string> duplicates = remote.at("duplicate_paths");
  CHECK(duplicates.size() == 600);
  CHECK(std::is_sorted(duplicates.begin(), duplicates.end()));
  CHECK(std::find(duplicates.begin(), duplicates.end(), dir.str() + "/c/b/note451.txt") !=
        duplicates.end());
  CHECK(remote.at("duplicate_paths") == answer({plain, parts}, {"stats"}).at("duplicate_paths"));
  // Each path twice, in both shards: a listing gives both documents' mentions, as locally.
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"mentions", "ILO"},
        {"mentions", "UNRISD", "--path", dir.str() + "/c/a"}}) {
    CAPTURE(args);
    const json local = answer({plain, parts}, args);
    CHECK(local.at("mentions").size() > 0);
    CHECK(answer({dir.str() + "/both.stub"}, args) == local);
  }
}

TEST_CASE("shards: disagreeing shards are refused, duplicates reported, one shard written",
          "[shards]") {
  ShardedArchive& s = sharded();
  // A shard indexed with another gazetteer: its entities would be misread.
  s.dir.write("extra.tsv", "RESAM\tnetwork\tRed de Economía Social de las Américas\tRESAM\n");
  const std::string other = s.dir.str() + "/other";
  REQUIRE(run({CONCORD_INDEX_BIN, "-q", "--gazetteer", s.dir.str() + "/extra.tsv", "--db", other,
               s.dir.str() + "/c/news"})
              .exit_code == 0);
  concord::test::RunResult r = run({CONCORD_QUERY_BIN, "--db", s.a, "--db", other, "search", "ILO"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("the shards disagree on the gazetteer") != std::string::npos);
  CHECK(r.err.find(other) != std::string::npos);

  // The same files in two shards: listed, and counted in each.
  const std::string dup = s.dir.str() + "/dup";
  REQUIRE(run({CONCORD_INDEX_BIN, "-q", "--db", dup, s.dir.str() + "/c/press"}).exit_code == 0);
  r = run({CONCORD_QUERY_BIN, "--db", s.one, "--db", dup, "--json", "stats"});
  REQUIRE(r.exit_code == 0);
  std::set<std::string> expected;
  for (const auto& e : fs::directory_iterator(s.dir.str() + "/c/press"))
    expected.insert(e.path().string());
  const json stats = json::parse(r.out);
  const std::vector<std::string> listed = stats.at("duplicate_paths");
  CHECK(std::set<std::string>(listed.begin(), listed.end()) == expected);
  r = run({CONCORD_QUERY_BIN, "--db", s.one, "--db", dup, "stats"});
  CHECK(r.out.find(std::to_string(expected.size()) + " files are indexed in more than one shard") !=
        std::string::npos);

  // The archive view of the web page shows the shards and the duplicates too.
  const concord::Site site(concord::test::site_options(concord::join_locations({s.one, dup})));
  concord::WebRequest health;
  health.path = "/health";
  const concord::WebResponse page = site.handle(health);
  REQUIRE(page.status == 200);
  CHECK(page.body.find("<h2>Shards</h2>") != std::string::npos);
  CHECK(page.body.find("In more than one shard (" + std::to_string(expected.size()) + ")") !=
        std::string::npos);
  for (const std::string& path : expected)
    CHECK(page.body.find("<code>" + path + "</code>") != std::string::npos);

  // The indexer writes one shard per run.
  r = run({CONCORD_INDEX_BIN, "--db", s.stub, s.dir.str() + "/c/press"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("names 2 databases: concord-index writes one shard per run") !=
        std::string::npos);
}
