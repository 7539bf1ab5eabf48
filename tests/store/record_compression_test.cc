// A database's record dictionary (store/record_compression.h): sampled from the first records,
// trained once, stored with the first document compressed with it, read back by every reader
// and every later run; records compressed with it are unreadable without it.
#include "store/record_compression.h"

#include <xapian.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "store/facts_reader.h"
#include "store/schema.h"
#include "store/stored_doc.h"
#include "support.h"

using concord::RecordCompression;
using concord::StoredDoc;
using concord::test::run;
using concord::test::TempDir;

namespace {

StoredDoc document(int i) {
  StoredDoc doc;
  doc.path = "/archive/press/release-" + std::to_string(i) + ".txt";
  doc.title = "Press release " + std::to_string(i);
  doc.format = "text";
  doc.language = "en";
  doc.hash = std::to_string(i * 7919);
  doc.pages = {"The General Assembly adopted resolution 77/281 (" + std::to_string(i) +
               "), welcomed by the UNTFSSE and the ILO."};
  concord::Mention m;
  m.entity_id = "A/RES/77/281";
  m.surface = "resolution 77/281";
  m.sentence = doc.pages[0];
  m.start = 29;
  m.end = 46;
  doc.mentions = {m};
  return doc;
}

// The keys of the record dictionaries `db` keeps.
std::vector<std::string> dictionary_keys(const std::string& db) {
  Xapian::Database x(db);
  std::vector<std::string> keys;
  const std::string prefix = concord::schema::kMetaDictionaryPrefix;
  for (auto k = x.metadata_keys_begin(prefix); k != x.metadata_keys_end(prefix); ++k)
    keys.push_back(*k);
  return keys;
}

// `n` small text files alike under dir/name/, each citing the resolution and the task force.
void write_files(const TempDir& dir, const std::string& name, int n) {
  for (int i = 0; i < n; ++i)
    dir.write(name + "/note-" + std::to_string(i) + ".txt",
              "Meeting note " + std::to_string(i) + " of the " + name +
                  " archive.\nThe General Assembly adopted resolution 77/281 on the social and "
                  "solidarity economy. The UNTFSSE and the ILO welcomed it (item " +
                  std::to_string(i % 17) + ").\n");
}

int mention_count(const std::string& db, const std::string& entity) {
  const auto r = run({CONCORD_QUERY_BIN, "--db", db, "mentions", entity, "--csv"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return static_cast<int>(std::count(r.out.begin(), r.out.end(), '\n')) - 1;  // less the header
}

}  // namespace

TEST_CASE("records are sampled, a dictionary trained once, and later records use it",
          "[store][dictionary]") {
  RecordCompression rc(std::nullopt, 40);
  std::vector<std::string> facts, data;
  for (int i = 0; i < 60; ++i) {
    StoredDoc doc = document(i);
    facts.push_back(concord::encode_facts(doc, &rc));
    data.push_back(concord::encode_stored_doc(doc, &rc));
    if (i < 19) CHECK_FALSE(rc.dictionary());  // 2 records per document, 40 samples
  }
  REQUIRE(rc.dictionary());
  CHECK_FALSE(rc.wants_samples());
  const std::optional<concord::util::Dictionary> trained = rc.unstored();
  REQUIRE(trained);
  CHECK(trained->id() == rc.dictionary()->id());
  CHECK(rc.unstored());  // until the writer says it stored it
  rc.stored();
  CHECK_FALSE(rc.unstored());
  concord::util::Dictionaries held;
  held.add(*trained);
  for (int i = 0; i < 60; ++i) {
    CAPTURE(i);
    const StoredDoc doc = document(i);
    const concord::DocFacts f = concord::read_facts(facts[i], {}, &held);
    CHECK(f.path == doc.path);
    REQUIRE(f.mentions.size() == 1);
    CHECK(f.mentions[0].sentence == doc.pages[0]);
    CHECK(concord::decode_facts(facts[i], &held).title == doc.title);
    CHECK(concord::decode_stored_doc(data[i], &held).pages == doc.pages);
    if (i < 20) {
      // Compressed before the dictionary existed: read without it too.
      CHECK(concord::read_facts(facts[i]).path == doc.path);
    } else {
      CHECK_THROWS_AS(concord::read_facts(facts[i]), concord::DamagedRecordError);
      CHECK_THROWS_AS(concord::decode_facts(facts[i]), concord::DamagedRecordError);
      CHECK_THROWS_AS(concord::decode_stored_doc(data[i]), concord::DamagedRecordError);
    }
  }
  // A database's recorded dictionary is used from the start, and nothing is sampled.
  RecordCompression recorded(*trained);
  CHECK_FALSE(recorded.wants_samples());
  CHECK(recorded.dictionary()->id() == trained->id());
  CHECK_FALSE(recorded.unstored());
}

TEST_CASE("record compression shared by threads trains one dictionary", "[store][dictionary]") {
  RecordCompression rc(std::nullopt, 64);
  std::vector<std::thread> threads;
  std::vector<std::vector<std::string>> out(4);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) out[t].push_back(concord::encode_facts(document(t * 100 + i), &rc));
    });
  for (std::thread& th : threads) th.join();
  const auto trained = rc.unstored();
  REQUIRE(trained);
  concord::util::Dictionaries held;
  held.add(*trained);
  for (int t = 0; t < 4; ++t)
    for (int i = 0; i < 50; ++i)
      CHECK(concord::read_facts(out[t][i], {}, &held).path == document(t * 100 + i).path);
}

TEST_CASE("an indexed archive keeps one dictionary, used by later runs and every reader",
          "[store][dictionary][cli]") {
  TempDir dir;
  write_files(dir, "first", 300);  // more than the 256 documents sampled
  const std::string db = dir.str() + "/db";
  REQUIRE(run({CONCORD_INDEX_BIN, "-q", "--db", db, dir.str() + "/first"}).exit_code == 0);
  const std::vector<std::string> keys = dictionary_keys(db);
  REQUIRE(keys.size() == 1);
  CHECK(mention_count(db, "A/RES/77/281") == 300);
  // A second run adds documents compressed with the same dictionary: no second one.
  write_files(dir, "second", 300);
  REQUIRE(run({CONCORD_INDEX_BIN, "-q", "--db", db, dir.str() + "/first", dir.str() + "/second"})
              .exit_code == 0);
  CHECK(dictionary_keys(db) == keys);
  CHECK(mention_count(db, "UNTFSSE") == 600);
  const auto shown = run({CONCORD_QUERY_BIN, "--db", db, "show", dir.str() + "/second/note-299.txt"});
  CHECK(shown.exit_code == 0);
  CHECK(shown.out.find("Meeting note 299 of the second archive") != std::string::npos);

  // The same archive merged by xapian-compact with another database that has its own
  // dictionary: both are kept, and every record reads.
  write_files(dir, "third", 300);
  const std::string other = dir.str() + "/other";
  REQUIRE(run({CONCORD_INDEX_BIN, "-q", "--db", other, dir.str() + "/third"}).exit_code == 0);
  const std::vector<std::string> other_keys = dictionary_keys(other);
  REQUIRE(other_keys.size() == 1);
  CHECK(other_keys != keys);
  const std::string stub = dir.str() + "/both.stub";
  dir.write("both.stub", "auto db\nauto other\n");
  CHECK(mention_count(stub, "A/RES/77/281") == 900);
  // Served by xapian-tcpsrv, a shard's dictionary comes over the network with its records.
  {
    const int port = concord::test::free_port();
    concord::test::Child server({"/usr/bin/xapian-tcpsrv", "--interface", "127.0.0.1", "--port",
                                 std::to_string(port), other},
                                dir.str() + "/tcp.log");
    REQUIRE(concord::test::wait_for_port(port));
    dir.write("remote.stub", "auto db\nremote 127.0.0.1:" + std::to_string(port) + "\n");
    CHECK(mention_count(dir.str() + "/remote.stub", "A/RES/77/281") == 900);
    const auto remote_show = run({CONCORD_QUERY_BIN, "--db", dir.str() + "/remote.stub", "show",
                                  dir.str() + "/third/note-7.txt"});
    CHECK(remote_show.out.find("Meeting note 7 of the third archive") != std::string::npos);
  }
  const auto merged = run({"xapian-compact", "--multipass", db, other, dir.str() + "/merged"});
  INFO(merged.err);
  REQUIRE(merged.exit_code == 0);
  CHECK(dictionary_keys(dir.str() + "/merged").size() == 2);
  CHECK(mention_count(dir.str() + "/merged", "A/RES/77/281") == 900);

  // Without its dictionary the database is reported damaged, by name, not misread.
  {
    Xapian::WritableDatabase w(db);
    w.set_metadata(keys[0], "");
    w.commit();
  }
  const auto r = run({CONCORD_QUERY_BIN, "--db", db, "mentions", "UNTFSSE"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("dictionary") != std::string::npos);
  const auto i = run({CONCORD_INDEX_BIN, "-q", "--db", db, dir.str() + "/first"});
  CHECK(i.exit_code == 1);
  CHECK(i.err.find("damaged") != std::string::npos);
  // A dictionary key holding something else is damage too.
  {
    Xapian::WritableDatabase w(db);
    w.set_metadata(keys[0], "not a dictionary");
    w.commit();
  }
  const auto bad = run({CONCORD_QUERY_BIN, "--db", db, "search", "assembly"});
  CHECK(bad.exit_code == 1);
  CHECK(bad.err.find(keys[0]) != std::string::npos);
  // In a stub, the shard is named too.
  const auto bad_shard = run({CONCORD_QUERY_BIN, "--db", stub, "search", "assembly"});
  CHECK(bad_shard.exit_code == 1);
  CHECK(bad_shard.err.find(keys[0]) != std::string::npos);
  CHECK(bad_shard.err.find("in shard " + db) != std::string::npos);
}

TEST_CASE("a database fed by small runs trains on the records it already holds",
          "[store][dictionary][cli]") {
  TempDir dir;
  const std::string db = dir.str() + "/db";
  write_files(dir, "first", 250);  // 500 records: fewer than the 512 sampled
  REQUIRE(run({CONCORD_INDEX_BIN, "-q", "--db", db, dir.str() + "/first"}).exit_code == 0);
  CHECK(dictionary_keys(db).empty());
  // A re-run with nothing to write reads no record and trains nothing.
  REQUIRE(run({CONCORD_INDEX_BIN, "-q", "--db", db, dir.str() + "/first"}).exit_code == 0);
  CHECK(dictionary_keys(db).empty());
  // The next run's records complete the samples with the 500 already held.
  write_files(dir, "second", 20);
  REQUIRE(run({CONCORD_INDEX_BIN, "-q", "--db", db, dir.str() + "/first", dir.str() + "/second"})
              .exit_code == 0);
  CHECK(dictionary_keys(db).size() == 1);
  CHECK(mention_count(db, "A/RES/77/281") == 270);
  const auto shown = run({CONCORD_QUERY_BIN, "--db", db, "show", dir.str() + "/second/note-19.txt"});
  CHECK(shown.out.find("Meeting note 19 of the second archive") != std::string::npos);
}

TEST_CASE("records already held are sampled once, and a failing read trains on new records",
          "[store][dictionary]") {
  // Too few held records to train with the first new one: the callback is still called once.
  int calls = 0;
  RecordCompression rc(std::nullopt, 40, [&](size_t n) {
    ++calls;
    CHECK(n == 40);
    std::vector<std::string> held;
    for (int i = 0; i < 30; ++i) held.push_back(concord::encode_facts(document(1000 + i)));
    return held;
  });
  CHECK(calls == 0);  // asking whether to sample reads nothing: a run that writes nothing
  CHECK(rc.wants_samples());
  CHECK_FALSE(rc.dictionary());
  CHECK(calls == 0);
  std::vector<std::string> facts;
  for (int i = 0; i < 9; ++i) facts.push_back(concord::encode_facts(document(i), &rc));
  CHECK(calls == 1);
  CHECK_FALSE(rc.dictionary());  // 30 held + 9 new: one short
  facts.push_back(concord::encode_facts(document(9), &rc));
  CHECK(calls == 1);
  REQUIRE(rc.dictionary());  // 30 + 10: trained
  facts.push_back(concord::encode_facts(document(10), &rc));
  concord::util::Dictionaries held;
  held.add(*rc.unstored());
  CHECK(concord::read_facts(facts.back(), {}, &held).path == document(10).path);

  // A failing read counts no held record: training waits for 4 new ones.
  RecordCompression failing(std::nullopt, 4, [&](size_t) -> std::vector<std::string> {
    throw std::runtime_error("unreadable");
  });
  for (int i = 0; i < 3; ++i) concord::encode_facts(document(i), &failing);
  CHECK(failing.wants_samples());
  concord::encode_facts(document(3), &failing);
  CHECK_FALSE(failing.wants_samples());  // trained, or gave up, on the new records alone
}
