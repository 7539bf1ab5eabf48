// Each mention knows where it sits in its stored sentence (Mention::context_start/end): the
// occurrence recognized, not the first with the same text, also in a sentence cut to a
// window, after malformed UTF-8 or Unicode spaces, and for surfaces spread over lines.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "recognize/recognize.h"
#include "support.h"

namespace {

const concord::Gazetteer& gazetteer() {
  static const concord::Gazetteer g = concord::Gazetteer::built_in();
  return g;
}

// Every mention's span holds its surface form.
void check_spans(const std::vector<concord::Mention>& mentions) {
  for (const concord::Mention& m : mentions) {
    INFO(m.entity_id << " [" << m.surface << "] in: " << m.sentence);
    REQUIRE(m.context_start < m.context_end);
    REQUIRE(m.context_end <= m.sentence.size());
    CHECK(m.sentence.substr(m.context_start, m.context_end - m.context_start) == m.surface);
  }
}

bool ends_with(const std::string& s, const std::string& end) {
  return s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

TEST_CASE("a mention's span in its sentence is the occurrence recognized", "[recognize][context]") {
  struct Case {
    const char* name;
    std::string text;
    std::string entity;
    size_t nth;          // which mention of `entity`
    std::string before;  // the sentence up to the span ends with this
    std::string after;   // and goes on with this
  };
  const std::string long_before = repeat("économie ", 40);
  const std::string long_after = repeat("développement ", 40);
  const std::vector<Case> cases = {
      {"surface inside an earlier word", "The ITC-ILO and the ILO will meet in Turin.", "ILO", 0,
       "The ITC-ILO and the ", " will meet in Turin."},
      {"the first of two", "The ILO and the ITC-ILO will meet.", "ILO", 0, "The ",
       " and the ITC-ILO"},
      {"the second of two", "The ILO welcomed the ILO report.", "ILO", 1, "The ILO welcomed the ",
       " report."},
      {"window cut, the second of two",
       long_before + "The ILO report " + repeat("and more ", 5) + "the ILO survey " + long_after,
       "ILO", 1, "the ", " survey développement"},
      {"window cut, the first of two",
       long_before + "The ILO report " + repeat("and more ", 5) + "the ILO survey " + long_after,
       "ILO", 0, "The ", " report and more"},
      {"surface over a line break",
       "Yesterday the United Nations Inter-Agency Task Force on Social and\n   Solidarity "
       "Economy met.",
       "UNTFSSE", 0, "Yesterday the ", " met."},
      {"accents and curly quotes before", "À Genève, l’OIT et l’OIT ont parlé.", "ILO", 1,
       "À Genève, l’OIT et l’", " ont parlé."},
      {"malformed UTF-8 before", "A bad \xC3 byte, the ILO and the ILO met.", "ILO", 1,
       "byte, the ILO and the ", " met."},
      {"no-break space and tabs before", "The\xC2\xA0ILO\t\tand  the ILO met.", "ILO", 1,
       "ILO and the ", " met."},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const concord::RecognizeResult r = concord::recognize(c.text, 0, gazetteer());
    check_spans(r.mentions);
    std::vector<const concord::Mention*> of;
    for (const concord::Mention& m : r.mentions)
      if (m.entity_id == c.entity) of.push_back(&m);
    REQUIRE(of.size() > c.nth);
    const concord::Mention& m = *of[c.nth];
    INFO(m.sentence);
    CHECK(ends_with(m.sentence.substr(0, m.context_start), c.before));
    CHECK(m.sentence.substr(m.context_end).rfind(c.after, 0) == 0);
  }
  // The window cases really were cut: one sentence of about 1 kB.
  const auto cut = concord::recognize(cases[3].text, 0, gazetteer());
  REQUIRE(cut.mentions.size() == 2);
  CHECK(cases[3].text.size() > 4 * concord::kMaxSentenceBytes);
  CHECK(cut.mentions[1].sentence.size() <= concord::kMaxSentenceBytes);
}

TEST_CASE("every mention of the bundled corpus has its span", "[recognize][context]") {
  size_t mentions = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(concord::test::source_path("corpus"))) {
    if (entry.path().extension() != ".txt") continue;
    const std::string text = concord::test::read_file(entry.path().string());
    INFO(entry.path());
    const concord::RecognizeResult r = concord::recognize_document({text}, false, gazetteer());
    check_spans(r.mentions);
    mentions += r.mentions.size();
  }
  CHECK(mentions > 100);
}
