// A text too large for one document is stored in parts (IndexOptions::split_bytes): every
// command answers as it does for the same text stored whole, and updates leave no part behind.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "index/indexer.h"
#include "mentions/mentions.h"
#include "search/search.h"
#include "store/reader.h"
#include "support.h"

using concord::test::TempDir;

namespace {

// About `bytes` of text citing a resolution and organizations on every page.
std::string cited_text(size_t bytes, const std::string& tag) {
  std::string out = "Title: Proceedings " + tag + "\nDate: 18 April 2023\n\n";
  const std::string lines[] = {
      "The General Assembly recalled resolution 77/281 of 18 April 2023 on the cooperatives.",
      "The ILO and UNRISD reported to the Task Force on the social and solidarity economy.",
      "Delegations cited A/RES/70/1 and Security Council resolution 2334 (2016) in turn.",
      "Mutual societies of " + tag + " met in Geneva to discuss the plan of work."};
  for (unsigned i = 0; out.size() < bytes; ++i) out += lines[i % 4] + " " + std::to_string(i) + "\n";
  return out;
}

void index(const std::string& db, const std::string& root, uint64_t split_bytes) {
  concord::IndexOptions o;
  o.db_path = db;
  o.roots = {root};
  o.split_bytes = split_bytes;
  o.part_bytes = 150u << 10;
  const concord::IndexSummary s = concord::run_index(o, nullptr);
  REQUIRE(s.failed == 0);
}

// A query command's --json output on `db`, parsed.
nlohmann::json query(const std::string& db, std::vector<std::string> args) {
  args.insert(args.begin(), {CONCORD_QUERY_BIN, "--db", db});
  args.push_back("--json");
  const auto r = concord::test::run(args);
  CAPTURE(args, r.err);
  REQUIRE(r.exit_code <= 1);  // check exits 1 when it finds errors
  return nlohmann::json::parse(r.out);
}

uint64_t xapian_documents(const std::string& db) { return Xapian::Database(db).get_doccount(); }

bool has_parts(const std::string& db) {
  return concord::read_index(db, [](const concord::IndexReader& r) { return r.has_parts(); });
}

}  // namespace

TEST_CASE("a text stored in parts answers every command as the same text stored whole",
          "[index][parts]") {
  TempDir dir;
  const std::string root = dir.str() + "/r";
  dir.write("r/big.txt", cited_text(1200u << 10, "big"));
  dir.write("r/small.txt", cited_text(3000, "small"));
  const std::string whole = dir.str() + "/whole", parts = dir.str() + "/parts";
  index(whole, root, 64ull << 20);
  index(parts, root, 256u << 10);
  REQUIRE_FALSE(has_parts(whole));
  REQUIRE(has_parts(parts));
  CHECK(xapian_documents(whole) == 2);
  CHECK(xapian_documents(parts) >= 2 + 6);  // about 1.2 MB in parts of 150 KiB

  const concord::Stats a = concord::stats(whole), b = concord::stats(parts);
  CHECK(b.documents == 2);
  CHECK(b.pages == a.pages);
  CHECK(b.by_format == a.by_format);
  CHECK(b.by_language == a.by_language);
  // Read row by row, the same mentions at the same pages, lines and offsets.
  for (const char* entity : {"A/RES/77/281", "ILO", "S/RES/2334(2016)"}) {
    CAPTURE(entity);
    const nlohmann::json ma = query(whole, {"mentions", entity}), mb = query(parts, {"mentions", entity});
    CHECK(ma.at("mentions").size() > 2000);
    CHECK(mb.at("mentions") == ma.at("mentions"));
  }
  // A page of the listing (the web page's) that starts in one part and ends in the next.
  const auto listing_page = [](const std::string& db) {
    concord::MentionsOptions o;
    o.db_path = db;
    o.entity = "ILO";
    o.offset = 1500;
    std::vector<std::tuple<std::string, int, int, uint32_t>> rows;
    concord::read_index(db, [&](const concord::IndexReader& reader) {
      rows.clear();
      concord::stream_mentions(reader, o, [&](concord::MentionRow&& r) {
        rows.emplace_back(r.path, r.page, r.line, r.start);
        return rows.size() < 900;
      });
    });
    return rows;
  };
  const auto page_of_parts = listing_page(parts);
  CHECK(page_of_parts.size() == 900);
  CHECK(page_of_parts == listing_page(whole));
  CHECK(query(parts, {"entities"}) == query(whole, {"entities"}));
  CHECK(query(parts, {"xref", "A/RES/77/281"}).at("documents") ==
        query(whole, {"xref", "A/RES/77/281"}).at("documents"));
  CHECK(query(parts, {"check"}).at("findings") == query(whole, {"check"}).at("findings"));
  // One result per file, found in any part, with the page of the words.
  CHECK(concord::test::hit_names(parts, "cooperatives") == concord::test::hit_names(whole, "cooperatives"));
  CHECK(query(parts, {"search", "\"work 9003\" path:/"}).at("results").size() == 1);
  CHECK(query(parts, {"search", "\"work 9003\" path:" + root}).at("results").size() == 1);
  // The file named itself: the phrase is in a continuation, found by its XQ term.
  const std::string phrase = "\"work 9003\" path:" + root;
  CHECK(query(parts, {"search", phrase + "/big.txt"}).at("results").size() == 1);
  CHECK(query(parts, {"search", phrase + "/small.txt"}).at("results").empty());
  const nlohmann::json late = query(parts, {"search", "\"work 9003\""});
  REQUIRE(late.at("results").size() == 1);
  // The pages listed are those of the best part (where the phrase is), a subset of the whole's.
  const auto part_pages = late.at("results")[0].at("pages").get<std::vector<int>>();
  const auto all_pages =
      query(whole, {"search", "\"work 9003\""}).at("results")[0].at("pages").get<std::vector<int>>();
  CHECK_FALSE(part_pages.empty());
  CHECK(part_pages.front() > 1);
  CHECK(std::includes(all_pages.begin(), all_pages.end(), part_pages.begin(), part_pages.end()));
  // Facets count the file once, however many of its parts match.
  for (const char* words : {"cooperatives", "\"work 9003\"", "org:ILO"}) {
    CAPTURE(words);
    const auto facets = [&](const std::string& db) {
      concord::SearchOptions o;
      o.db_path = db;
      o.query = words;
      o.facets = true;
      const concord::SearchResults r = concord::search(o);
      std::vector<std::pair<std::string, uint64_t>> out;
      for (const auto* list : {&r.facets.formats, &r.facets.languages, &r.facets.years, &r.facets.entities})
        for (const concord::FacetCount& c : *list) out.emplace_back(c.value, c.documents);
      return std::make_pair(r.total, out);
    };
    CHECK(facets(parts) == facets(whole));
  }
  const nlohmann::json shown = query(parts, {"show", root + "/big.txt"});
  CHECK(shown == query(whole, {"show", root + "/big.txt"}));

  // Unchanged, edited, shrunk, deleted: one document for the file, and no part left over.
  index(parts, root, 256u << 10);
  const uint64_t before = xapian_documents(parts);
  dir.write("r/big.txt", cited_text(1500u << 10, "bigger"));
  index(parts, root, 256u << 10);
  CHECK(concord::stats(parts).documents == 2);
  CHECK(xapian_documents(parts) > before);
  CHECK(concord::test::hit_names(parts, "bigger") == std::vector<std::string>{"big.txt"});
  CHECK(concord::test::hit_names(parts, "\"mutual societies of big\"").empty());
  dir.write("r/big.txt", cited_text(100u << 10, "shrunk"));
  index(parts, root, 256u << 10);
  CHECK(xapian_documents(parts) == 2);
  CHECK_FALSE(has_parts(parts));
  dir.write("r/big.txt", cited_text(1200u << 10, "again"));
  index(parts, root, 256u << 10);
  REQUIRE(has_parts(parts));
  std::filesystem::remove(root + "/big.txt");
  index(parts, root, 256u << 10);
  CHECK(xapian_documents(parts) == 1);
  CHECK(concord::stats(parts).documents == 1);
}

TEST_CASE("a file stored in parts that lost continuations is read as its head alone and stored again by the next run",
          "[index][parts]") {
  TempDir dir;
  const std::string root = dir.str() + "/r";
  const std::string db = dir.str() + "/db";
  dir.write("r/big.txt", cited_text(1200u << 10, "big"));
  index(db, root, 256u << 10);
  const uint64_t mentions = query(db, {"mentions", "A/RES/77/281"}).at("mentions").size();
  const uint64_t stored = xapian_documents(db);
  {
    // As a run killed after the first continuation of a new version was written: the old
    // continuations are gone, the head stays.
    Xapian::WritableDatabase w(db, Xapian::DB_OPEN);
    w.delete_document("XQ" + root + "/big.txt");
    w.commit();
  }
  CHECK(xapian_documents(db) == 1);
  CHECK(concord::stats(db).documents == 1);
  const uint64_t head_only = query(db, {"mentions", "A/RES/77/281"}).at("mentions").size();
  CHECK(head_only > 0);
  CHECK(head_only < mentions);
  // The file did not change, yet the next run stores it again, whole.
  index(db, root, 256u << 10);
  CHECK(xapian_documents(db) == stored);
  CHECK(query(db, {"mentions", "A/RES/77/281"}).at("mentions").size() == mentions);
}
