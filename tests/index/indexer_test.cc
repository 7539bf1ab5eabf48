// Indexer: incremental runs, per-file failures, a second writer refused.
#include "index/indexer.h"

#include <unistd.h>
#include <xapian.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

#include "recognize/gazetteer.h"
#include "search/search.h"
#include "store/reader.h"
#include "store/run_record.h"
#include "store/schema.h"
#include "support.h"

namespace fs = std::filesystem;
using concord::IndexEvent;
using concord::IndexOptions;
using concord::IndexSummary;
using concord::run_index;
using concord::test::TempDir;

namespace {

struct Run {
  IndexSummary summary;
  std::vector<IndexEvent> failures;
};

Run index(const std::string& db, const std::vector<std::string>& roots,
          IndexOptions::Compaction compaction = IndexOptions::Compaction::kAuto) {
  Run r;
  IndexOptions o;
  o.db_path = db;
  o.roots = roots;
  o.batch_docs = 2;  // exercise batched commits
  o.compaction = compaction;
  r.summary = run_index(o, [&](const IndexEvent& e) {
    if (e.kind != IndexEvent::Kind::kProgress) r.failures.push_back(e);
  });
  return r;
}


void set_mtime_later(const std::string& path) {
  const auto t = fs::last_write_time(path);
  fs::last_write_time(path, t + std::chrono::seconds(10));
}

}  // namespace

TEST_CASE("incremental runs: touch, edit, delete, add", "[index]") {
  TempDir dir;
  const std::string root = dir.str() + "/archive";
  dir.write("archive/a.txt", "Title: Alpha\n\nThe alpha document mentions cooperatives.\n");
  dir.write("archive/sub/b.html",
            "<html lang=en><head><title>Beta</title></head><body><p>Beta page about mutuals.</p></body></html>");
  dir.write("archive/c.pdf", concord::test::make_pdf({"Gamma first page", "Gamma second page"}, "Gamma"));
  dir.write("archive/notes.docx", "not a format we index");
  const std::string db = dir.str() + "/db";

  Run first = index(db, {root});
  CHECK(first.summary.total == 4);
  CHECK(first.summary.added == 3);
  CHECK(first.summary.skipped == 1);
  CHECK(first.summary.failed == 0);
  CHECK(concord::test::hit_names(db, "alpha") == std::vector<std::string>{"a.txt"});

  Run again = index(db, {root});
  CHECK(again.summary.added == 0);
  CHECK(again.summary.updated == 0);
  CHECK(again.summary.unchanged == 3);

  // Touch: the mtime moves, the content hash does not: unchanged, not updated.
  set_mtime_later(root + "/a.txt");
  Run touched = index(db, {root});
  CHECK(touched.summary.unchanged == 3);
  CHECK(touched.summary.updated == 0);
  // ...and the new mtime is recorded, so the next run does not even hash it.
  Run after_touch = index(db, {root});
  CHECK(after_touch.summary.unchanged == 3);
  CHECK(after_touch.summary.bytes == 0);

  // Edit: replaced, old words gone, new words found.
  dir.write("archive/sub/b.html",
            "<html lang=en><head><title>Beta</title></head><body><p>Beta page about foundations.</p></body></html>");
  set_mtime_later(root + "/sub/b.html");
  Run edited = index(db, {root});
  CHECK(edited.summary.updated == 1);
  CHECK(concord::test::hit_names(db, "mutuals").empty());
  CHECK(concord::test::hit_names(db, "foundations") == std::vector<std::string>{"b.html"});

  // Delete and add.
  fs::remove(root + "/c.pdf");
  dir.write("archive/d.txt", "Delta document.\n");
  Run changed = index(db, {root});
  CHECK(changed.summary.removed == 1);
  CHECK(changed.summary.added == 1);
  CHECK(concord::test::hit_names(db, "gamma").empty());
  CHECK(concord::test::hit_names(db, "delta") == std::vector<std::string>{"d.txt"});
  CHECK(concord::stats(db).documents == 3);
}

TEST_CASE("a re-run that changes nothing commits nothing, and is recorded beside the database", "[index]") {
  TempDir dir;
  const std::string root = dir.str() + "/archive";
  dir.write("archive/a.txt", "Title: Alpha\n\nThe alpha document mentions cooperatives.\n");
  dir.write("archive/b.txt", "Title: Beta\n\nThe beta document mentions mutuals.\n");
  const std::string db = dir.str() + "/db";
  const std::string beside = db + "/" + concord::kRunBesideFile;
  const auto revision = [&] { return Xapian::Database(db).get_revision(); };
  // The commits are counted by the revision, which a compaction starts again (a new database).
  const auto index = [](const std::string& db, const std::vector<std::string>& roots) {
    return ::index(db, roots, IndexOptions::Compaction::kNever);
  };

  REQUIRE(index(db, {root}).summary.added == 2);
  const Xapian::rev first = revision();
  CHECK_FALSE(fs::exists(beside));  // a run that wrote documents records itself inside
  auto last = concord::stats(db).last_run;
  REQUIRE(last);
  CHECK(last->added == 2);

  // Nothing changed: no commit (the revision stays), the run is still what stats shows.
  REQUIRE(index(db, {root}).summary.unchanged == 2);
  CHECK(revision() == first);
  CHECK(fs::exists(beside));
  last = concord::stats(db).last_run;
  REQUIRE(last);
  CHECK(last->added == 0);
  CHECK(last->unchanged == 2);
  // ...and the database still answers as before.
  CHECK(concord::test::hit_names(db, "mutuals") == std::vector<std::string>{"b.txt"});

  // A run that changes something commits, records itself inside and drops the file beside.
  fs::remove(root + "/b.txt");
  REQUIRE(index(db, {root}).summary.removed == 1);
  CHECK(revision() > first);
  CHECK_FALSE(fs::exists(beside));
  last = concord::stats(db).last_run;
  REQUIRE(last);
  CHECK(last->removed == 1);
  CHECK(last->unchanged == 1);

  // A run that changes a file commits twice: the change, then its totals with its record.
  const Xapian::rev before = revision();
  dir.write("archive/a.txt", "Title: Alpha\n\nThe alpha document now mentions mutuals.\n");
  REQUIRE(index(db, {root}).summary.updated == 1);
  CHECK(revision() == before + 2);
  CHECK(concord::stats(db).last_run.value().updated == 1);
}

TEST_CASE("a folder excluded under one root and given as a root of its own keeps its documents", "[index]") {
  // The walk of x excludes x/sub, whose documents are purged, and the root x/sub walks them
  // again: every run must end with them indexed (the records read at once are of what is
  // committed, so the purge is committed before they are read).
  TempDir dir;
  dir.write("x/a.txt", "The ILO met.\n");
  dir.write("x/sub/b.txt", "The UNTFSSE met.\n");
  dir.write("x/sub/c.txt", "The OECD met.\n");
  const std::string db = dir.str() + "/db";
  REQUIRE(index(db, {dir.str() + "/x"}).summary.added == 3);
  for (int run = 0; run < 3; ++run) {
    CAPTURE(run);
    IndexOptions o;
    o.db_path = db;
    o.roots = {dir.str() + "/x", dir.str() + "/x/sub"};
    o.excludes = {"sub/"};
    run_index(o, nullptr);
    concord::SearchOptions s;
    s.db_path = db;
    s.query = "met";
    CHECK(concord::search(s).total == 3);
  }
}

TEST_CASE("a run over one root does not remove documents of another root", "[index]") {
  TempDir dir;
  dir.write("one/a.txt", "first root document\n");
  dir.write("two/b.txt", "second root document\n");
  const std::string db = dir.str() + "/db";
  index(db, {dir.str() + "/one"});
  Run second = index(db, {dir.str() + "/two"});
  CHECK(second.summary.removed == 0);
  CHECK(concord::test::hit_names(db, "root document") == std::vector<std::string>{"a.txt", "b.txt"});
}

TEST_CASE("per-file failures are reported, remembered and listed", "[index][failures]") {
  TempDir dir;
  const std::string root = dir.str() + "/archive";
  dir.write("archive/good.txt", "A good document about cooperatives.\n");
  dir.write("archive/corrupt.pdf", "%PDF-1.4\nthis is not really a PDF at all\n%%EOF\n");
  dir.write("archive/junk.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", 20) + std::string(200, '\0'));
  dir.write("archive/empty.txt", "");
  const std::string plain = dir.write("plain.pdf", concord::test::make_pdf({"secret text"}, "Secret"));
  const concord::test::RunResult q =
      concord::test::run({"qpdf", "--encrypt", "user", "owner", "256", "--", plain, root + "/encrypted.pdf"});
  REQUIRE(q.exit_code == 0);
  fs::create_symlink(root + "/missing-target.txt", root + "/dangling.txt");

  const std::string db = dir.str() + "/db";
  Run r = index(db, {root});
  CHECK(r.summary.added == 1);
  CHECK(r.summary.failed == 5);
  CHECK(concord::failures(db).size() == 5);  // every failure counted is listed
  std::map<std::string, std::string> kinds;
  for (const auto& f : concord::failures(db)) kinds[fs::path(f.path).filename().string()] = f.kind;
  CHECK(kinds["corrupt.pdf"] == "corrupt");
  CHECK(kinds["encrypted.pdf"] == "encrypted");
  CHECK(kinds["junk.txt"] == "binary");
  CHECK(kinds["empty.txt"] == "empty");
  // The dangling link is a walk problem: reported with its path and listed, not a document.
  CHECK(kinds["dangling.txt"] == "broken-link");
  bool dangling_reported = false;
  for (const auto& e : r.failures) dangling_reported |= e.path.find("dangling.txt") != std::string::npos;
  CHECK(dangling_reported);

  // Unchanged failed files are not retried: reported as failing since before.
  Run again = index(db, {root});
  CHECK(again.summary.failed == 5);
  int remembered = 0;
  for (const auto& e : again.failures) remembered += e.reason.find("unchanged since it failed") != std::string::npos;
  CHECK(remembered == 4);

  // Fixing a file clears its failure.
  dir.write("archive/empty.txt", "Now it has text about mutual societies.\n");
  set_mtime_later(root + "/empty.txt");
  Run fixed = index(db, {root});
  CHECK(fixed.summary.added == 1);
  CHECK(fixed.summary.failed == 4);
  CHECK(concord::failures(db).size() == 4);  // the dangling link is listed too
  CHECK(concord::test::hit_names(db, "mutual societies") == std::vector<std::string>{"empty.txt"});

  // Removing a failed file drops its record.
  fs::remove(root + "/junk.txt");
  index(db, {root});
  CHECK(concord::failures(db).size() == 3);
}

TEST_CASE("unreadable file is reported and the run goes on", "[index][failures]") {
  if (geteuid() == 0) {
    // root reads any file whatever its mode, so check the other unreadable case: a root
    // the database held that no longer exists is reported with its path while the rest is
    // indexed.
    TempDir dir;
    dir.write("archive/ok.txt", "readable\n");
    dir.write("was-here/old.txt", "old\n");
    index(dir.str() + "/db", {dir.str() + "/was-here"});
    fs::remove_all(dir.str() + "/was-here");
    Run r = index(dir.str() + "/db", {dir.str() + "/archive", dir.str() + "/was-here"});
    CHECK(r.summary.added == 1);
    REQUIRE(r.failures.size() == 1);
    CHECK(r.failures[0].reason.find("no such file") != std::string::npos);
    return;
  }
  TempDir dir;
  dir.write("archive/ok.txt", "readable\n");
  const std::string locked = dir.write("archive/locked.txt", "secret\n");
  fs::permissions(locked, fs::perms::none);
  Run r = index(dir.str() + "/db", {dir.str() + "/archive"});
  CHECK(r.summary.added == 1);
  CHECK(r.summary.failed == 1);
  CHECK(concord::failures(dir.str() + "/db").at(0).kind == "unreadable");
}

TEST_CASE("a second writer is refused with a clear error", "[index]") {
  TempDir dir;
  dir.write("archive/a.txt", "text\n");
  const std::string db = dir.str() + "/db";
  index(db, {dir.str() + "/archive"});
  Xapian::WritableDatabase holder(db, Xapian::DB_OPEN);  // holds the write lock
  IndexOptions o;
  o.db_path = db;
  o.roots = {dir.str() + "/archive"};
  CHECK_THROWS_WITH(run_index(o, nullptr), Catch::Contains("being updated by another process"));
}

TEST_CASE("a run records what its gazetteer was built from, so the next run need not build it",
          "[index]") {
  TempDir dir;
  const std::string root = dir.str() + "/archive";
  dir.write("archive/a.txt", "The ILO, UNRISD and the Xyz Organization (XYZO) met.\n");
  dir.write("extra.tsv", "XYZORG\torganization\tXyz Organization\tXYZO\tXyz Organization\n");
  const std::string db = dir.str() + "/db";
  const auto recorded = [&](const char* key) {
    return Xapian::Database(db).get_metadata(key);
  };
  index(db, {root});
  const std::string source = recorded(concord::schema::kMetaGazetteerSource);
  CHECK_FALSE(source.empty());  // a run without --gazetteer: the next one trusts the fingerprint
  const std::string fingerprint = recorded(concord::schema::kMetaGazetteer);
  index(db, {root});
  CHECK(recorded(concord::schema::kMetaGazetteerSource) == source);
  CHECK(recorded(concord::schema::kMetaGazetteer) == fingerprint);

  // With --gazetteer: no source (files one after another are not their concatenation)...
  IndexOptions o;
  o.db_path = db;
  o.roots = {root};
  o.gazetteers = {dir.str() + "/extra.tsv"};
  run_index(o, [](const IndexEvent&) {});
  CHECK(recorded(concord::schema::kMetaGazetteerSource).empty());
  const std::string with_extra = recorded(concord::schema::kMetaGazetteer);
  CHECK(with_extra != fingerprint);
  CHECK(concord::IndexReader(db).gazetteer_lookup() == nullptr);  // nothing to check it by
  // ...until a run without it builds the gazetteer from the recorded text, the same one.
  index(db, {root});
  CHECK(recorded(concord::schema::kMetaGazetteer) == with_extra);
  CHECK_FALSE(recorded(concord::schema::kMetaGazetteerSource).empty());
  CHECK(recorded(concord::schema::kMetaGazetteerSource) != source);

  // Its lookups are recorded with it, know the extra entity, and a search reads the same
  // whether it takes them or builds the gazetteer (once the recorded ones are gone).
  {
    const concord::IndexReader reader(db);
    const auto lookup = reader.gazetteer_lookup();
    REQUIRE(lookup != nullptr);
    CHECK(lookup->by_acronym("XYZO").value().id == "XYZORG");
    CHECK(lookup->by_long_form("the Xyz Organization").value().id == "XYZORG");
  }
  const std::vector<std::string> queries = {"XYZO", "\"Xyz Organization\"", "ILO", "UNRISD",
                                            "\"the International Labour Organization\"",
                                            "\"met\"", "WHO"};
  const auto answers = [&] {
    std::vector<std::string> out;
    for (const std::string& q : queries) {
      concord::SearchOptions o;
      o.db_path = db;
      o.query = q;
      const concord::SearchResults r = concord::search(o);
      std::string line = q + ":";
      for (const auto& e : r.expanded) line += " " + e.id + "=" + e.name;
      for (const auto& h : r.results) line += " " + fs::path(h.path).filename().string();
      out.push_back(line);
    }
    return out;
  };
  const std::vector<std::string> with_lookup = answers();
  CHECK(with_lookup[0] == "XYZO: XYZORG=Xyz Organization a.txt");
  // Recorded as entries of their own (version 2), not as the older text.
  const std::string prefix = concord::schema::kMetaLookupPrefix;
  CHECK(recorded(concord::schema::kMetaGazetteerLookup).empty());
  const std::string tag = recorded((prefix + "v").c_str());
  REQUIRE(tag.starts_with("3\t"));
  const auto entries = [&] {
    std::vector<std::string> keys;
    const Xapian::Database d(db);
    for (auto k = d.metadata_keys_begin(prefix); k != d.metadata_keys_end(prefix); ++k) keys.push_back(*k);
    return keys;
  };
  CHECK(entries().size() > 1000);
  const auto set_lookups = [&](const std::string& text, bool keep_entries) {
    const std::vector<std::string> keys = entries();
    Xapian::WritableDatabase w(db);
    if (!keep_entries)
      for (const std::string& k : keys) w.set_metadata(k, "");
    w.set_metadata(concord::schema::kMetaGazetteerLookup, text);
    w.commit();
  };
  // None recorded: the gazetteer is built, the same answers.
  set_lookups("", false);
  CHECK(concord::IndexReader(db).gazetteer_lookup() == nullptr);
  CHECK(answers() == with_lookup);
  // A database of an older version holds the text (version 1): read, the same answers.
  const std::string source_now = recorded(concord::schema::kMetaGazetteerSource);
  {
    concord::Gazetteer g = concord::Gazetteer::built_in();
    g.add_tsv(recorded(concord::schema::kMetaGazetteerExtra), "recorded");
    set_lookups(g.encode_lookup(source_now), false);
  }
  {
    const concord::IndexReader reader(db);
    const auto lookup = reader.gazetteer_lookup();
    REQUIRE(lookup != nullptr);
    CHECK(lookup->by_acronym("XYZO").value().id == "XYZORG");
  }
  CHECK(answers() == with_lookup);
  // The next run that builds the gazetteer records the entries again and drops the text.
  dir.write("archive/b.txt", "A second file, about the XYZO.\n");
  index(db, {root});
  CHECK(recorded(concord::schema::kMetaGazetteerLookup).empty());
  CHECK(recorded((prefix + "v").c_str()) == tag);
  CHECK(concord::IndexReader(db).gazetteer_lookup() != nullptr);
  // Lookups made from other extra entries than those recorded are not trusted, in either form.
  set_lookups(concord::Gazetteer::built_in().encode_lookup(source), false);
  CHECK(concord::IndexReader(db).gazetteer_lookup() == nullptr);
  {
    Xapian::WritableDatabase w(db);
    for (const auto& [key, value] : concord::Gazetteer::built_in().lookup_entries(source))
      w.set_metadata(prefix + key, value);
    w.commit();
  }
  CHECK(concord::IndexReader(db).gazetteer_lookup() == nullptr);
}
