// The acronym words the index marks where a document has one without its entity
// (schema::kUnrecognized), and the word a search for the acronym looks up.
#include <catch2/catch.hpp>

#include "store/terms.h"

TEST_CASE("an acronym's word is its one token, folded", "[store][terms]") {
  struct Row {
    const char* acronym;
    const char* word;  // "" for none
  };
  const Row rows[] = {
      {"UNTFSSE", "untfsse"}, {"OIT", "oit"},       {"G7", "g7"},
      {"ÉCOSOC", "ecosoc"},   {"UN-Habitat", ""},   {"A B", ""},
      {"", ""},               {"--", ""},
  };
  for (const Row& r : rows) {
    CAPTURE(r.acronym);
    CHECK(concord::acronym_word(r.acronym) == r.word);
  }
}

TEST_CASE("acronym words: every entity's, sorted by word, once each", "[store][terms]") {
  const auto words = concord::acronym_words({
      {"UNTFSSE", {"UNTFSSE", "TFSSE"}},
      {"ILO", {"ILO", "OIT", "OIT"}},  // a form given twice
      {"UN-HABITAT", {"UN-Habitat"}},  // two tokens: no word
      {"ILA", {"ILO"}},                // another entity with the same acronym word
  });
  using W = concord::AcronymWord;
  CHECK(words == std::vector<W>{{"ilo", "ILA"}, {"ilo", "ILO"}, {"oit", "ILO"},
                                {"tfsse", "UNTFSSE"}, {"untfsse", "UNTFSSE"}});
  CHECK(concord::unrecognized_term("ILO", "ilo") == "XUILO\tilo");
  // Cut like every term: within Xapian's limit, the same on both sides.
  CHECK(concord::unrecognized_term(std::string(300, 'A'), "ilo").size() <= 240);
}
