// Entity mentions are stored with where their sentence is, not the sentence: every reader
// rebuilds it from the stored page, equal to what recognition made.
#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <tuple>

#include "index/indexer.h"
#include "recognize/recognize.h"
#include "recognize/sentence.h"
#include "store/facts_reader.h"
#include "store/path_scope.h"
#include "store/reader.h"
#include "store/schema.h"
#include "store/stored_doc.h"
#include "support.h"

#include <xapian.h>

TEST_CASE("sentences rebuilt from the stored pages equal recognition's", "[index]") {
  const concord::test::TempDir dir;
  concord::test::copy_corpus(dir.str() + "/corpus");
  concord::IndexOptions o;
  o.db_path = dir.str() + "/db";
  o.roots = {dir.str() + "/corpus"};
  concord::run_index(o, nullptr);

  // As stored: some sentences by place only, some whole.
  size_t by_place = 0, whole = 0;
  {
    Xapian::Database db(o.db_path);
    for (auto v = db.valuestream_begin(concord::schema::kSlotFacts);
         v != db.valuestream_end(concord::schema::kSlotFacts); ++v)
      for (const concord::Mention& m : concord::read_facts(*v).mentions) {
        if (m.sentence.empty()) {
          CHECK(m.sentence_end > m.sentence_start);
          CHECK_FALSE(concord::stores_sentence(m));
          ++by_place;
        } else {
          ++whole;
        }
      }
  }
  CHECK(by_place > 100);
  CHECK(whole > 100);

  const concord::IndexReader reader(o.db_path);
  const auto gazetteer = reader.gazetteer();
  REQUIRE(gazetteer);
  using Key = std::tuple<int, uint32_t, uint32_t, std::string>;
  size_t documents = 0, compared = 0;
  reader.for_each_facts(
      concord::PathScope(), concord::FactsFilter(), 1,
      [&](unsigned, concord::DocId doc, concord::DocFacts&& facts) {
        ++documents;
        const concord::StoredDoc stored = reader.document(doc);
        const concord::RecognizeResult again =
            concord::recognize_document(stored.pages, stored.paged, *gazetteer);
        std::map<Key, const concord::Mention*> made;
        for (const concord::Mention& m : again.mentions)
          made[{m.page, m.start, m.end, m.entity_id}] = &m;
        // The other readers give the same sentences as the whole-archive one.
        const concord::DocFacts one = reader.facts(doc);
        REQUIRE(one.mentions.size() == facts.mentions.size());
        for (size_t k = 0; k < facts.mentions.size(); ++k) {
          const concord::Mention& m = facts.mentions[k];
          INFO(facts.path << " " << m.entity_id << " p" << m.page << " @" << m.start);
          CHECK(one.mentions[k].sentence == m.sentence);
          CHECK_FALSE(m.sentence.empty());
          const auto it = made.find({m.page, m.start, m.end, m.entity_id});
          if (it == made.end()) continue;  // learned across documents: not this comparison's
          CHECK(m.sentence == it->second->sentence);
          CHECK(m.context_start == it->second->context_start);
          CHECK(m.context_end == it->second->context_end);
          CHECK(m.sentence.substr(m.context_start, m.context_end - m.context_start) ==
                it->second->sentence.substr(it->second->context_start,
                                            it->second->context_end - it->second->context_start));
          ++compared;
        }
      });
  CHECK(documents >= 30);
  CHECK(compared > 200);

  // Asked not to, the readers leave the sentences stored by place empty.
  concord::FactsFilter stored_only;
  stored_only.stored_sentences_only = true;
  size_t empty = 0;
  reader.for_each_facts(concord::PathScope(), stored_only, 1,
                        [&](unsigned, concord::DocId, concord::DocFacts&& facts) {
                          for (const concord::Mention& m : facts.mentions)
                            empty += m.sentence.empty();
                        });
  CHECK(empty == by_place);
}

TEST_CASE("a sentence is cut around its mention, whole or long, as recognition cuts it",
          "[index]") {
  const std::string page =
      "Intro line.\n\nThe   International Labour\nOrganization met. " + std::string(300, 'x') +
      " The ILO again " + std::string(300, 'y') + ".";
  // A short sentence, whitespace collapsed.
  const size_t ss = page.find("The   International");
  const size_t ms = page.find("International");
  const size_t me = page.find(" met.");
  const size_t se = page.find("met.") + 4;
  const concord::MentionContext c = concord::mention_context(page, ss, se, ms, me);
  CHECK(c.sentence == "The International Labour Organization met.");
  CHECK(c.sentence.substr(c.start, c.end - c.start) == "International Labour Organization");
  // A long one: at most 200 bytes, around the mention.
  const size_t ls = page.find("met.") + 5;
  const size_t lm = page.find("ILO");
  const concord::MentionContext l =
      concord::mention_context(page, ls, page.size(), lm, lm + 3);
  CHECK(l.sentence.size() <= concord::kMaxSentenceBytes);
  CHECK(l.sentence.substr(l.start, l.end - l.start) == "ILO");
}
