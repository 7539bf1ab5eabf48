// The IndexWriter on its own: documents and failure records by path, removal of what is
// absent (long hashed paths and kept folders included), commits, and one writer at a time.
#include "store/writer.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <unordered_set>
#include <vector>

#include <xapian.h>

#include <algorithm>

#include "search/search.h"
#include "support.h"
#include "util/unicode.h"

using concord::IndexWriter;
using concord::RecordedFailure;
using concord::StoredDoc;
using concord::test::TempDir;

namespace {

// Prepares a one-page English document for `path`.
concord::PreparedDocument prepared(const std::string& path, const std::string& text,
                                   int64_t mtime_ns = 1) {
  StoredDoc doc;
  doc.path = path;
  doc.title = "t";
  doc.format = "text";
  doc.language = "en";
  doc.size = text.size();
  doc.mtime_ns = mtime_ns;
  doc.hash = "h" + std::to_string(text.size());
  doc.pages = {text};
  concord::DocumentPreparer preparer;
  std::string error;
  auto built = preparer.prepare(&doc, nullptr, &error);
  REQUIRE(built);
  CHECK(error.empty());
  return std::move(*built);
}

}  // namespace

TEST_CASE("the writer stores, finds, touches and removes documents by path", "[store][writer]") {
  TempDir dir;
  const std::string db = dir.str() + "/db";
  const std::string long_path = "/r/" + std::string(300, 'x') + "/long.txt";  // a hashed term
  {
    IndexWriter writer(db);
    writer.add(prepared("/r/a.txt", "cooperative note"));
    writer.add(prepared("/r/sub/b.txt", "mutual note"));
    writer.add(prepared(long_path, "long note"));
    writer.add(prepared("/other/c.txt", "other note"));
    writer.record_failure("/r/bad.pdf", RecordedFailure{"corrupt", "not a PDF", 15, 7});
    CHECK(writer.indexed_file("/r/a.txt").indexed);
    CHECK(writer.indexed_file("/r/a.txt").size == 16);
    CHECK_FALSE(writer.indexed_file("/r/none.txt").indexed);
    const auto failure = writer.indexed_file("/r/bad.pdf").failure;
    REQUIRE(failure);
    CHECK(failure->kind == "corrupt");
    CHECK(failure->mtime_ns == 7);
    CHECK(writer.documents_under("/r") == 3);
    CHECK(writer.documents_under("/r/a.txt") == 1);
    CHECK(writer.failures_under("/r"));
    CHECK_FALSE(writer.failures_under("/other"));
    writer.touch("/r/a.txt", 99);
    CHECK(writer.indexed_file("/r/a.txt").mtime_ns == 99);
    writer.commit();
  }
  CHECK(concord::stats(db).documents == 4);
  {
    IndexWriter writer(db);
    // A long path (its term cut and hashed) that is still there stays.
    const auto a_or_long = [&](const std::string& p) { return p == "/r/a.txt" || p == long_path; };
    CHECK(writer.remove_absent("/r", a_or_long, {}, {"/r/sub"}) == 0);
    CHECK(writer.indexed_file(long_path).indexed);
    CHECK_FALSE(writer.indexed_file("/r/bad.pdf").failure);  // named by neither
    writer.record_failure("/r/bad.pdf", RecordedFailure{"corrupt", "not a PDF", 15, 7});
    // A failure the walk itself met stays while the walk reports it.
    CHECK(writer.remove_absent("/r", a_or_long, {"/r/bad.pdf"}, {"/r/sub"}) == 0);
    CHECK(writer.indexed_file("/r/bad.pdf").failure);
    // Only a.txt is still there; sub/ could not be listed (kept); bad.pdf is gone.
    const auto only_a = [](const std::string& p) { return p == "/r/a.txt"; };
    const size_t removed = writer.remove_absent("/r", only_a, {}, {"/r/sub"});
    CHECK(removed == 1);  // the long path
    CHECK_FALSE(writer.indexed_file(long_path).indexed);
    CHECK(writer.indexed_file("/r/sub/b.txt").indexed);
    CHECK_FALSE(writer.indexed_file("/r/bad.pdf").failure);
    CHECK(writer.indexed_file("/other/c.txt").indexed);  // another root
    CHECK(writer.purge("/r/sub") == 1);
    writer.remove("/r/a.txt");
    CHECK(writer.document_count() == 1);
    // Not committed: dropped with the writer.
  }
  CHECK(concord::stats(db).documents == 4);
}

TEST_CASE("the writer reads every path's record at once as it reads them one by one", "[store][writer]") {
  TempDir dir;
  const std::string db = dir.str() + "/db";
  const std::string long_path = "/r/" + std::string(300, 'x') + "/long.txt";  // a hashed term
  const std::vector<std::string> paths = {"/r/a.txt", "/r/sub/b.txt", long_path, "/other/c.txt",
                                          "/r/bad.pdf", "/r/none.txt"};
  IndexWriter writer(db);
  CHECK(writer.indexed_files()->empty());  // an empty database
  writer.add(prepared("/r/a.txt", "cooperative note", 5));
  writer.add(prepared("/r/sub/b.txt", "mutual note and more", 6));
  writer.add(prepared(long_path, "long note", 7));
  writer.add(prepared("/other/c.txt", "other note", 8));
  writer.record_failure("/r/bad.pdf", RecordedFailure{"corrupt", "not a PDF", 15, 7});
  writer.record_failure("/r/a.txt", RecordedFailure{"walk", "was missing", 1, 1});
  writer.commit();
  const auto all = writer.indexed_files();
  REQUIRE(all);
  CHECK(all->size() == 5);  // four documents and one failure of a path without document
  for (const std::string& path : paths) {
    CAPTURE(path);
    const concord::IndexedFile one = writer.indexed_file(path);
    const auto it = all->find(path);
    if (!one.indexed && !one.failure) {
      CHECK(it == all->end());
      continue;
    }
    REQUIRE(it != all->end());
    const concord::IndexedFile& many = it->second;
    CHECK(many.indexed == one.indexed);
    CHECK(many.size == one.size);
    CHECK(many.mtime_ns == one.mtime_ns);
    CHECK(many.hash == one.hash);
    REQUIRE(many.failure.has_value() == one.failure.has_value());
    if (one.failure) {
      CHECK(many.failure->kind == one.failure->kind);
      CHECK(many.failure->size == one.failure->size);
    }
  }
  CHECK(all->at("/r/sub/b.txt").mtime_ns == 6);
  CHECK(all->at("/r/sub/b.txt").size == 20);
  // What is not committed yet is not read.
  writer.remove("/other/c.txt");
  CHECK(writer.indexed_files()->count("/other/c.txt") == 1);
  writer.commit();
  CHECK(writer.indexed_files()->count("/other/c.txt") == 0);
}

TEST_CASE("a second writer on one database is refused with a clear error", "[store][writer]") {
  TempDir dir;
  const std::string db = dir.str() + "/db";
  IndexWriter first(db);
  try {
    IndexWriter second(db);
    FAIL("a second writer was opened");
  } catch (const concord::IndexWriterError& e) {
    CHECK(std::string(e.what()) == "database is being updated by another process: " + db);
  }
}

TEST_CASE("a database that cannot be created is said so, not called damaged", "[store][writer]") {
  TempDir dir;
  dir.write("file", "not a folder\n");
  for (const std::string& db : {dir.str() + "/missing/db", dir.str() + "/file/db"}) {
    INFO(db);
    try {
      IndexWriter w(db);
      FAIL("a writer was opened");
    } catch (const concord::IndexWriterError& e) {
      const std::string what = e.what();
      CAPTURE(what);
      // A missing folder: "cannot create"; a file in the way: "cannot open" (Xapian's stat).
      CHECK((what.starts_with("cannot create database " + db + " (") ||
             what.starts_with("cannot open database " + db + " (")));
      if (db.find("missing") != std::string::npos)
        CHECK(what.find("check that the folder it goes in exists, can be written and has room") != std::string::npos);
      CHECK(what.find("damaged") == std::string::npos);
    }
    CHECK_FALSE(std::filesystem::exists(db));
  }
}

TEST_CASE("stems are stored only for words the query parser stems, and numbers are still found",
          "[store][writer]") {
  TempDir dir;
  const std::string db = dir.str() + "/db";
  {
    IndexWriter writer(db);
    writer.add(prepared("/r/a.txt", "Cooperatives met on 1446 occasions in 2023 for the 2nd report"));
    writer.commit();
  }
  std::vector<std::string> stems;
  {
    Xapian::Database x(db);
    for (auto t = x.allterms_begin("Z"); t != x.allterms_end("Z"); ++t)
      if (!(*t).starts_with("ZS")) stems.push_back(*t);
  }
  CHECK(std::find(stems.begin(), stems.end(), "Zcooper") != stems.end());
  CHECK(std::find(stems.begin(), stems.end(), "Zreport") != stems.end());
  for (const std::string& z : stems) {
    CAPTURE(z);
    CHECK(concord::util::stems(z.substr(1)));  // no Z1446, Z2023, Z2nd
  }
  // The parser searches those words as written: every query still finds the document.
  for (const char* q : {"1446", "2nd report", "cooperatives 2023", "\"1446 occasions\"", "report*"}) {
    CAPTURE(q);
    concord::SearchOptions o;
    o.db_path = db;
    o.query = q;
    CHECK(concord::search(o).total == 1);
  }
}

TEST_CASE("a query word is folded as the index folds it: oe, ss, final sigma", "[store][writer]") {
  TempDir dir;
  const std::string db = dir.str() + "/db";
  {
    IndexWriter writer(db);
    writer.add(prepared("/r/a.txt", "L'œuvre du cœur, la Straße et le λόγος"));
    writer.commit();
  }
  for (const char* q : {"œuvre", "Œuvre", "oeuvre", "cœur", "Straße", "STRASSE", "λόγος", "ΛΌΓΟΣ",
                        "œuv*", "\"œuvre du cœur\""}) {
    CAPTURE(q);
    concord::SearchOptions o;
    o.db_path = db;
    o.query = q;
    CHECK(concord::search(o).total == 1);
  }
}
