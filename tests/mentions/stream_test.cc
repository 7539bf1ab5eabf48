// The streamed listing on the bundled corpus and three real UN PDFs: the header counted from
// the postings agrees with the rows read from the facts records, for every entity and every
// filter; rows come in listing order; stopping early gives a prefix of the whole listing.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <tuple>

#include "index/indexer.h"
#include "mentions/mentions.h"
#include "output/render.h"
#include "store/reader.h"
#include "support.h"

namespace fs = std::filesystem;

namespace {

struct StreamArchive {
  concord::test::TempDir dir;
  std::string db;
  StreamArchive() {
    concord::test::copy_corpus(dir.str() + "/corpus");
    fs::create_directories(dir.str() + "/real");
    for (const char* name : {"A_RES_80_25.pdf", "HRI_MC_2025_1.en.pdf", "S_2025_257.en.pdf"})
      fs::copy_file(concord::test::source_path(std::string("tests/data/real/") + name),
                    dir.str() + "/real/" + name);
    db = dir.str() + "/db";
    concord::IndexOptions o;
    o.db_path = db;
    o.roots = {dir.str() + "/corpus", dir.str() + "/real"};
    concord::run_index(o, nullptr);
  }
};

const StreamArchive& stream_archive() {
  static StreamArchive a;
  return a;
}

// The listing's order key of a row (rows of one document are by page, line, start).
auto order_key(const concord::MentionRow& r) {
  return std::make_tuple(r.path, r.page, r.line, r.start);
}

uint64_t mention_count(const concord::MentionsOptions& o) {
  return concord::read_index(o.db_path, [&](const concord::IndexReader& reader) {
    return concord::count_mentions(reader, o).mentions;
  });
}

}  // namespace

TEST_CASE("the header counted from postings matches the rows, for every entity and filter",
          "[mentions][stream]") {
  const std::string& db = stream_archive().db;
  concord::read_index(db, [&](const concord::IndexReader& reader) {
    const std::vector<concord::EntitySummary> entities = concord::list_entities(reader, {});
    REQUIRE(entities.size() > 50);
    size_t listings = 0, with_rows = 0;
    for (const concord::EntitySummary& e : entities) {
      // Every way of narrowing a listing: none, the family, each language, each written form.
      std::vector<concord::MentionsOptions> cases(1);
      cases[0].entity = e.entity.id;
      if (e.entity.type == "symbol") {
        cases.push_back(cases[0]);
        cases.back().family = true;
      }
      for (const char* lang : {"en", "fr", "es"}) {
        cases.push_back(cases[0]);
        cases.back().language = lang;
      }
      for (const auto& form : e.forms) {
        cases.push_back(cases[0]);
        cases.back().form = form.surface;
      }
      for (const concord::MentionsOptions& o : cases) {
        INFO(o.entity << " family=" << o.family << " lang=" << o.language
                      << " form=" << o.form);
        const concord::MentionsHeader h = concord::count_mentions(reader, o);
        const concord::MentionsResult all = concord::list_mentions(reader, o);
        CHECK(h.mentions == all.mentions.size());
        CHECK(h.documents == all.documents);
        for (size_t i = 1; i < all.mentions.size(); ++i)
          CHECK_FALSE(order_key(all.mentions[i]) < order_key(all.mentions[i - 1]));
        for (const concord::MentionRow& r : all.mentions) {
          if (!o.language.empty()) CHECK(r.language == o.language);
          if (!o.form.empty()) CHECK(r.surface == o.form);
        }
        ++listings;
        if (!all.mentions.empty()) ++with_rows;
      }
      // With no filter, the header is the entity's own count (the unresolved-organ twin adds
      // its mentions on top).
      const concord::MentionsHeader plain = concord::count_mentions(reader, cases[0]);
      CHECK(plain.mentions >= e.mentions);
      CHECK(plain.documents >= e.documents);
    }
    CHECK(with_rows > entities.size());  // the filters do select rows, not only empty ones
    CHECK(listings > with_rows);         // and some select none (languages absent)
  });
}

TEST_CASE("stopping the stream early gives the first rows of the whole listing",
          "[mentions][stream]") {
  const std::string& db = stream_archive().db;
  for (const char* entity : {"ILO", "A/RES/77/281", "UNTFSSE"}) {
    concord::MentionsOptions o;
    o.db_path = db;
    o.entity = entity;
    const concord::MentionsResult all = concord::list_mentions(o);
    REQUIRE(all.mentions.size() >= 4);
    for (size_t stop : {size_t{1}, size_t{3}, all.mentions.size()}) {
      std::vector<concord::MentionRow> got;
      size_t headers = 0;
      concord::stream_mentions(
          o,
          [&](const concord::MentionsHeader& h) {
            ++headers;
            CHECK(h.mentions == all.mentions.size());
          },
          [&](concord::MentionRow&& r) {
            got.push_back(std::move(r));
            return got.size() < stop;
          });
      CHECK(headers == 1);
      REQUIRE(got.size() == stop);
      for (size_t i = 0; i < stop; ++i) {
        CHECK(got[i].path == all.mentions[i].path);
        CHECK(got[i].start == all.mentions[i].start);
        CHECK(got[i].context == all.mentions[i].context);
      }
    }
  }
}

TEST_CASE("the streamed JSON has the layout of the whole document dumped at once",
          "[mentions][stream]") {
  // The printer writes the JSON as rows come; parsing it and dumping it again with the JSON
  // library must give the same bytes (an empty listing too).
  for (const char* entity : {"ILO", "UNTFSSE", "A/RES/77/281"}) {
    for (const char* lang : {"", "es", "zz"}) {
      concord::MentionsOptions o;
      o.db_path = stream_archive().db;
      o.entity = entity;
      o.language = lang;
      const std::string out = concord::render_mentions_json(concord::list_mentions(o));
      const nlohmann::json parsed = nlohmann::json::parse(out);
      CHECK(out == parsed.dump(2) + "\n");
      CHECK(parsed.at("mentions").size() == mention_count(o));
    }
  }
}

TEST_CASE("an offset skips exactly that many rows of the listing, whole documents unread",
          "[mentions][stream]") {
  for (const char* entity : {"ILO", "A/RES/77/281"}) {
    for (const char* form : {"", "ILO"}) {
      concord::MentionsOptions o;
      o.db_path = stream_archive().db;
      o.entity = entity;
      o.form = std::string(entity) == "ILO" ? form : "";
      const concord::MentionsResult all = concord::list_mentions(o);
      REQUIRE(all.mentions.size() > 5);
      for (uint64_t offset : {uint64_t{0}, uint64_t{1}, uint64_t{2}, uint64_t{5},
                              uint64_t{all.mentions.size() - 1}, uint64_t{all.mentions.size()},
                              uint64_t{all.mentions.size() + 10}}) {
        concord::MentionsOptions skipped = o;
        skipped.offset = offset;
        const concord::MentionsResult rest = concord::list_mentions(skipped);
        INFO(entity << " form=" << o.form << " offset=" << offset);
        REQUIRE(rest.mentions.size() ==
                (offset < all.mentions.size() ? all.mentions.size() - offset : 0));
        for (size_t i = 0; i < rest.mentions.size(); ++i) {
          CHECK(rest.mentions[i].path == all.mentions[offset + i].path);
          CHECK(rest.mentions[i].start == all.mentions[offset + i].start);
          CHECK(rest.mentions[i].line == all.mentions[offset + i].line);
        }
      }
    }
  }
}
