// The brief facts reader agrees with decode_facts() on every record of the bundled corpus.
#include "xref/facts_brief.h"

#include <xapian.h>

#include <catch2/catch.hpp>
#include <set>

#include "index/indexer.h"
#include "index/schema.h"
#include "index/stored_doc.h"
#include "support.h"

TEST_CASE("brief facts match the full decoder", "[xref]") {
  concord::test::TempDir dir;
  concord::test::copy_corpus(dir.str() + "/corpus");
  concord::IndexOptions o;
  o.db_path = dir.str() + "/db";
  o.roots = {dir.str() + "/corpus"};
  concord::run_index(o, nullptr);
  Xapian::Database db(o.db_path);
  size_t records = 0, compared = 0;
  for (auto v = db.valuestream_begin(concord::schema::kSlotFacts);
       v != db.valuestream_end(concord::schema::kSlotFacts); ++v) {
    ++records;
    const concord::DocFacts full = concord::decode_facts(*v);
    std::set<std::string> ids{"no-such-entity"};
    for (const auto& m : full.mentions) ids.insert(m.entity_id);
    for (const std::string& id : ids) {
      CAPTURE(full.path, id);
      const concord::BriefFacts brief = concord::read_brief_facts(*v, id);
      CHECK(brief.path == full.path);
      CHECK(brief.title == full.title);
      CHECK(brief.format == full.format);
      CHECK(brief.date == full.date);
      CHECK(brief.paged == full.paged);
      CHECK(brief.pages == full.pages);
      std::vector<std::pair<int, std::vector<std::string>>> expected, got;
      for (const auto& m : full.mentions)
        if (m.entity_id == id) expected.emplace_back(m.page, m.dates);
      for (const auto& m : brief.mentions) got.emplace_back(m.page, m.dates);
      CHECK(got == expected);
      ++compared;
    }
  }
  CHECK(records >= 30);
  CHECK(compared > records);
  CHECK_THROWS(concord::read_brief_facts("", "SSE"));
  CHECK_THROWS(concord::read_brief_facts(std::string("\x01garbage", 8), "SSE"));
}
