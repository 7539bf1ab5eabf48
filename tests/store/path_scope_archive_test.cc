// The --path rule end to end: mentions, xref, graph, check and search's path: field agree on which indexed documents
// are under a folder, whatever the Unicode normalization of its name.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "check/check.h"
#include "graph/graph.h"
#include "index/indexer.h"
#include "mentions/mentions.h"
#include "search/search.h"
#include "store/reader.h"
#include "store/terms.h"
#include "support.h"
#include "xref/xref.h"

namespace {

const std::string kNfd = "Re\xCC\x81solutions";  // as macOS writes the name
const std::string kNfc = "R\xC3\xA9solutions";

}  // namespace

TEST_CASE("one path rule for mentions, xref, graph, check and path:", "[store][path]") {
  concord::test::TempDir dir;
  const std::string note = "Title: Note\nDate: 1 June 2023\n\nThe ILO met the UNTFSSE.\n";
  dir.write("docs/" + kNfd + "/a.txt", note);   // the folder asked for, stored in NFD
  dir.write("docs/" + kNfc + "s/b.txt", note);  // shares its letters: not under it
  dir.write("docs/Resolutions/c.txt", note);    // no accent: another folder
  dir.write("docs/d.txt", note);                // beside it
  // A folder whose terms are cut and hashed (a path over 240 bytes).
  const std::string deep = "docs/" + std::string(150, 'x') + "/" + std::string(150, 'y');
  dir.write(deep + "/e.txt", note);
  concord::IndexOptions o;
  o.db_path = dir.str() + "/db";
  o.roots = {dir.str() + "/docs"};
  REQUIRE(concord::run_index(o, nullptr).added == 5);

  for (const std::string& typed :
       {dir.str() + "/docs/" + kNfc, dir.str() + "/docs/" + kNfd + "/"}) {
    CAPTURE(typed);
    concord::read_index(o.db_path, [&](const concord::IndexReader& reader) {
      const auto scope = reader.documents_in(concord::PathScope(typed));
      REQUIRE(scope);
      CHECK(scope->size() == 1);

      concord::MentionsOptions m;
      m.entity = "ILO";
      m.path_prefix = typed;
      const concord::MentionsResult mentions = concord::list_mentions(reader, m);
      CHECK(mentions.documents == 1);

      concord::XrefOptions x;
      x.entity = "ILO";
      x.path_prefix = typed;
      const concord::XrefResult xref = concord::xref(reader, x);
      CHECK(xref.archive_documents == 1);
      CHECK(xref.documents == 1);

      concord::GraphOptions g;
      g.path_prefix = typed;
      size_t documents = 0;
      for (const concord::GraphNode& n : concord::build_graph(reader, g).nodes)
        documents += n.kind == "document";
      CHECK(documents == 1);

      concord::RunCheckOptions c;
      c.path_prefix = typed;
      CHECK(concord::run_check(reader, c).documents_checked == 1);

      concord::SearchOptions s;
      s.query = "ILO path:" + typed;
      const concord::SearchResults found = concord::search(reader, s);
      REQUIRE(found.results.size() == 1);
      CAPTURE(found.results[0].path);
      CHECK(found.results[0].path.find("/a.txt") != std::string::npos);
      return 0;
    });
  }
  concord::read_index(o.db_path, [&](const concord::IndexReader& reader) {
    // One file, stored under its NFD folder, named in NFC; a prefix that holds nothing.
    const auto file =
        reader.documents_in(concord::PathScope(dir.str() + "/docs/" + kNfc + "/a.txt"));
    REQUIRE(file);
    CHECK(file->size() == 1);
    // Prefixes that hold nothing: in ASCII (known from the terms), with an accent, and too
    // long for whole terms (both read every document's path).
    for (const std::string& missing : {std::string("/docs/R"), "/docs/" + kNfc + "X",
                                        "/" + deep + "z"}) {
      CAPTURE(missing);
      const auto none = reader.documents_in(concord::PathScope(dir.str() + missing));
      REQUIRE(none);
      CHECK(none->empty());
    }
    const auto long_folder = reader.documents_in(concord::PathScope(dir.str() + "/" + deep));
    REQUIRE(long_folder);
    CHECK(long_folder->size() == 1);
    CHECK_FALSE(reader.documents_in(concord::PathScope()));  // the whole archive

    // path: by the same rule: one file named in the other normalization; no accent folding
    // ("Resolutions" is another folder); whole components; case as written.
    const auto hits = [&](const std::string& where) {
      concord::SearchOptions s;
      s.query = "ILO path:" + where;
      std::set<std::string> names;
      for (const auto& h : concord::search(reader, s).results)
        names.insert(h.path.substr(h.path.rfind('/') + 1));
      return names;
    };
    using Names = std::set<std::string>;
    CHECK(hits(dir.str() + "/docs/" + kNfc + "/a.txt") == Names{"a.txt"});
    // A file whose path NFC leaves as it is has no folder term of its own: its unique term
    // finds it, its hashed one too.
    CHECK(hits(dir.str() + "/docs/d.txt") == Names{"d.txt"});
    CHECK(hits(dir.str() + "/" + deep + "/e.txt") == Names{"e.txt"});
    CHECK(hits(dir.str() + "/docs/d.tx").empty());
    for (const std::string& file : {dir.str() + "/docs/d.txt", dir.str() + "/" + deep + "/e.txt"}) {
      CAPTURE(file);
      const auto one = reader.documents_in(concord::PathScope(file));
      REQUIRE(one);
      CHECK(one->size() == 1);
    }
    CHECK(hits(dir.str() + "/docs/Resolutions") == Names{"c.txt"});
    CHECK(hits(dir.str() + "/docs/resolutions").empty());
    CHECK(hits(dir.str() + "/docs/R").empty());
    CHECK(hits(dir.str() + "/docs") == Names{"a.txt", "b.txt", "c.txt", "d.txt", "e.txt"});
    return 0;
  });
}

TEST_CASE("a document an older pipeline left, its folder terms without accents, is not taken "
          "for one under the folder it names",
          "[store][path]") {
  concord::test::TempDir dir;
  const std::string note = "Title: Note\nDate: 1 June 2023\n\nThe ILO met the UNTFSSE.\n";
  dir.write("docs/" + kNfc + "/a.txt", note);
  dir.write("docs/Resolutions/c.txt", note);
  dir.write("docs/Resolutions/e.txt", note);
  concord::IndexOptions o;
  o.db_path = dir.str() + "/db";
  o.roots = {dir.str() + "/docs"};
  REQUIRE(concord::run_index(o, nullptr).added == 3);
  const std::string plain = dir.str() + "/docs/Resolutions";
  auto in_plain = [&] {
    return concord::read_index(o.db_path, [&](const concord::IndexReader& reader) {
      concord::XrefOptions x;
      x.entity = "ILO";
      x.path_prefix = plain;
      const concord::XrefResult xref = concord::xref(reader, x);
      CHECK(xref.documents == xref.archive_documents);
      return std::make_pair(reader.documents_in(concord::PathScope(plain))->size(),
                            xref.archive_documents);
    });
  };
  REQUIRE(in_plain() == std::make_pair(size_t{2}, uint64_t{2}));
  // Before pipeline 9 a folder term had its accents stripped: "Résolutions" was written as
  // "Resolutions". Such a document, left by an older run, holds the other folder's term.
  {
    Xapian::WritableDatabase db(o.db_path, Xapian::DB_OPEN);
    const std::string unique = concord::unique_term(dir.str() + "/docs/" + kNfc + "/a.txt");
    const Xapian::docid id = *db.postlist_begin(unique);
    Xapian::Document d = db.get_document(id);
    d.add_boolean_term(concord::folder_term(plain));
    db.replace_document(id, d);
    db.commit();
  }
  CHECK(in_plain() == std::make_pair(size_t{2}, uint64_t{2}));
}
