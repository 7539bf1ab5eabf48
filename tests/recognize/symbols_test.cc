// Table-driven tests of the UN document symbol and ILO instrument grammar.
#include "recognize/symbols.h"

#include <catch2/catch.hpp>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace {

using concord::find_symbols;

struct Case {
  const char* text;
  // Expected (canonical id, written span) pairs, in order; empty = no symbol.
  std::vector<std::pair<std::string, std::string>> expected;
};

std::string describe(const std::vector<std::pair<std::string, std::string>>& v) {
  std::string out;
  for (const auto& [id, surface] : v) out += "[" + id + " @ '" + surface + "'] ";
  return out.empty() ? "(none)" : out;
}

const std::vector<Case>& cases() {
  static const std::vector<Case> kCases = {
      // General Assembly resolutions, written symbols.
      {"as set out in A/RES/77/281.", {{"A/RES/77/281", "A/RES/77/281"}}},
      {"see A/Res/77/281 on SSE", {{"A/RES/77/281", "A/Res/77/281"}}},
      {"document A / RES / 77 / 281 adopted", {{"A/RES/77/281", "A / RES / 77 / 281"}}},
      {"adopted A/RES/\n77/281 in April", {{"A/RES/77/281", "A/RES/\n77/281"}}},
      {"adopted A/RES/77/\n281 in April", {{"A/RES/77/281", "A/RES/77/\n281"}}},
      {"(A/RES/77/281)", {{"A/RES/77/281", "A/RES/77/281"}}},
      {"[A/RES/77/281]", {{"A/RES/77/281", "A/RES/77/281"}}},
      {"A/RES/77/281/Rev.1", {{"A/RES/77/281/Rev.1", "A/RES/77/281/Rev.1"}}},
      {"A/RES/77/281/Corr.1.", {{"A/RES/77/281/Corr.1", "A/RES/77/281/Corr.1"}}},
      {"A/RES/77/281/Add.1", {{"A/RES/77/281/Add.1", "A/RES/77/281/Add.1"}}},
      {"A/RES/77/281/REV.2", {{"A/RES/77/281/Rev.2", "A/RES/77/281/REV.2"}}},
      {"A/RES/79/213; A/RES/78/1",
       {{"A/RES/79/213", "A/RES/79/213"}, {"A/RES/78/1", "A/RES/78/1"}}},
      // Drafts, reports, other series.
      {"draft A/77/L.60 was tabled", {{"A/77/L.60", "A/77/L.60"}}},
      {"draft A/77/L.60.", {{"A/77/L.60", "A/77/L.60"}}},
      {"report A/78/168 of the SG", {{"A/78/168", "A/78/168"}}},
      {"(A/78/168)", {{"A/78/168", "A/78/168"}}},
      {"ECOSOC E/RES/2023/5 reads", {{"E/RES/2023/5", "E/RES/2023/5"}}},
      {"HRC A/HRC/RES/37/7 text", {{"A/HRC/RES/37/7", "A/HRC/RES/37/7"}}},
      {"E/CN.6/2023/L.3", {{"E/CN.6/2023/L.3", "E/CN.6/2023/L.3"}}},
      {"S/2023/123", {{"S/2023/123", "S/2023/123"}}},
      {"S/PV.9000/x S/PRST/2023/1",
       {{"S/PV.9000", "S/PV.9000"}, {"S/PRST/2023/1", "S/PRST/2023/1"}}},
      {"S/PV.4085+Corr.1", {{"S/PV.4085", "S/PV.4085"}, {"S/PV.4085/Corr.1", "Corr.1"}}},
      {"S/12828 and Corr.1", {{"S/12828", "S/12828"}, {"S/12828/Corr.1", "Corr.1"}}},
      {"S/PV.4039 (Resumption 1)", {{"S/PV.4039(Resumption1)", "S/PV.4039 (Resumption 1)"}}},
      {"A/79/15 (Part I)", {{"A/79/15(PartI)", "A/79/15 (Part I)"}}},
      {"A/79/989-S/2025/511", {{"A/79/989", "A/79/989"}, {"S/2025/511", "S/2025/511"}}},
      {"GEGN.2/2025/35", {{"GEGN.2/2025/35", "GEGN.2/2025/35"}}},
      {"UNEP/EA.5/Res.8", {{"UNEP/EA.5/Res.8", "UNEP/EA.5/Res.8"}}},
      {"SC/14072 and A/7922", {{"SC/14072", "SC/14072"}, {"A/7922", "A/7922"}}},
      {"grade A/4 and B/12", {}},
      {"A/C.2/77/L.3/Rev.1", {{"A/C.2/77/L.3/Rev.1", "A/C.2/77/L.3/Rev.1"}}},
      // Security Council.
      {"S/RES/2334 (2016)", {{"S/RES/2334(2016)", "S/RES/2334 (2016)"}}},
      {"S/RES/2334(2016).", {{"S/RES/2334(2016)", "S/RES/2334(2016)"}}},
      {"S/RES/2334", {{"S/RES/2334", "S/RES/2334"}}},
      {"Security Council resolution 2334 (2016) condemns",
       {{"S/RES/2334(2016)", "resolution 2334 (2016)"}}},
      {"resolution 242 (1967)", {{"S/RES/242(1967)", "resolution 242 (1967)"}}},
      {"resolution 242(1967)", {{"S/RES/242(1967)", "resolution 242(1967)"}}},
      {"Security Council resolution 2334 demands", {{"S/RES/2334", "resolution 2334"}}},
      {"resolutions 242 (1967) and 338 (1973)",
       {{"S/RES/242(1967)", "resolutions 242 (1967)"}, {"S/RES/338(1973)", "338 (1973)"}}},
      {"la résolution 2334 du Conseil de sécurité", {{"S/RES/2334", "résolution 2334"}}},
      // Prose General Assembly citations.
      {"resolution 77/281", {{"A/RES/77/281", "resolution 77/281"}}},
      {"General Assembly resolution 77/281 of 18 April 2023",
       {{"A/RES/77/281", "resolution 77/281"}}},
      {"Resolution 77/281", {{"A/RES/77/281", "Resolution 77/281"}}},
      {"la résolution 77/281 de l'Assemblée", {{"A/RES/77/281", "résolution 77/281"}}},
      {"RÉSOLUTION 77/281", {{"A/RES/77/281", "RÉSOLUTION 77/281"}}},
      {"la resolución 77/281 de la Asamblea", {{"A/RES/77/281", "resolución 77/281"}}},
      {"resolution\n77/281 on SSE", {{"A/RES/77/281", "resolution\n77/281"}}},
      {"resolutions 77/281 and 78/1",
       {{"A/RES/77/281", "resolutions 77/281"}, {"A/RES/78/1", "78/1"}}},
      {"resolutions 77/281, 78/1 and 79/213.",
       {{"A/RES/77/281", "resolutions 77/281"},
        {"A/RES/78/1", "78/1"},
        {"A/RES/79/213", "79/213"}}},
      {"résolutions 77/281 et 78/1",
       {{"A/RES/77/281", "résolutions 77/281"}, {"A/RES/78/1", "78/1"}}},
      {"resoluciones 77/281 y 78/1",
       {{"A/RES/77/281", "resoluciones 77/281"}, {"A/RES/78/1", "78/1"}}},
      {"resolution 34/22 on Kampuchea", {{"A/RES/34/22", "resolution 34/22"}}},
      {"resolution 1514 (XV)", {{"A/RES/1514(XV)", "resolution 1514 (XV)"}}},
      {"resolution 1514(XV) on decolonization", {{"A/RES/1514(XV)", "resolution 1514(XV)"}}},
      {"General Assembly resolution 181 (II)", {{"A/RES/181(II)", "resolution 181 (II)"}}},
      {"resolutions 1514 (XV) and 2625 (XXV)",
       {{"A/RES/1514(XV)", "resolutions 1514 (XV)"}, {"A/RES/2625(XXV)", "2625 (XXV)"}}},
      {"A/RES/1514 (XV)", {{"A/RES/1514(XV)", "A/RES/1514 (XV)"}}},
      {"General Assembly resolution 194 calls", {{"A/RES/194", "resolution 194"}}},
      // ECOSOC and the Human Rights Council in prose.
      {"Council resolution 2023/5", {{"E/RES/2023/5", "resolution 2023/5"}}},
      {"Human Rights Council resolution 37/7", {{"A/HRC/RES/37/7", "resolution 37/7"}}},
      {"resolución 37/7 del Consejo de Derechos Humanos", {{"A/HRC/RES/37/7", "resolución 37/7"}}},
      // ILO instruments.
      {"Recommendation No. 193", {{"ILO-R193", "Recommendation No. 193"}}},
      {"Recommendation No 193", {{"ILO-R193", "Recommendation No 193"}}},
      {"ILO Recommendation no. 193 on cooperatives", {{"ILO-R193", "Recommendation no. 193"}}},
      {"the R193 text", {{"ILO-R193", "R193"}}},
      {"Convention No. 189.", {{"ILO-C189", "Convention No. 189"}}},
      {"C189 on domestic workers", {{"ILO-C189", "C189"}}},
      {"Recommandation n° 193", {{"ILO-R193", "Recommandation n° 193"}}},
      {"la recommandation nº 193", {{"ILO-R193", "recommandation nº 193"}}},
      {"Recomendación núm. 193", {{"ILO-R193", "Recomendación núm. 193"}}},
      {"Recomendación n.º 193", {{"ILO-R193", "Recomendación n.º 193"}}},
      {"Convenio núm. 189", {{"ILO-C189", "Convenio núm. 189"}}},
      {"Promotion of Cooperatives Recommendation, 2002 (No. 193)",
       {{"ILO-R193", "Recommendation, 2002 (No. 193)"}}},
      {"Convention (No. 169)", {{"ILO-C169", "Convention (No. 169)"}}},
      {"ILO-R193", {{"ILO-R193", "R193"}}},
      // Negatives.
      {"on 11/8/2020 we met", {}},
      {"the 2023/24 budget", {}},
      {"three quarters (3/4) of members", {}},
      {"open 24/7 all year", {}},
      {"http://x.org/a/res/1", {}},
      {"https://undocs.org/A/RES/77/281", {}},
      {"/home/user/A/RES/77/281.pdf", {}},
      {"C:\\docs\\A\\RES\\77", {}},
      {"pages 12-14 and 3/4", {}},
      {"A/B testing", {}},
      {"S/he said", {}},
      {"the resolution was adopted", {}},
      {"resolution 3 of the meeting", {}},
      {"resolution 11/8/2020", {}},
      {"Recommendation 3 of the report", {}},
      {"the Convention on the Rights of the Child", {}},
      {"recommendations no longer apply", {}},
      {"PARA/2023/1 and DATA/1/2", {}},
      {"R2D2 and C3PO", {}},
      {"ratio 1/2/3", {}},
      {"A/RES", {}},
      {"GUIDE/A/RES/77/281", {}},
      {"email a.b@un.org/S/2023", {}},
  };
  return kCases;
}

}  // namespace

TEST_CASE("symbol grammar table", "[recognize][symbols]") {
  REQUIRE(cases().size() >= 70);
  for (const Case& c : cases()) {
    std::string text = c.text;
    std::vector<std::pair<std::string, std::string>> got;
    for (const concord::SymbolMatch& m : find_symbols(text))
      got.emplace_back(m.id, text.substr(m.start, m.end - m.start));
    INFO("text: " << text);
    INFO("expected: " << describe(c.expected));
    INFO("got:      " << describe(got));
    CHECK(got == c.expected);
  }
}

TEST_CASE("symbol families", "[recognize][symbols]") {
  struct {
    const char* text;
    const char* family;
  } const kCases[] = {
      {"A/RES/77/281/Rev.1", "A/RES/77/281"}, {"A/RES/77/281/Corr.1", "A/RES/77/281"},
      {"A/RES/77/281/Add.1", "A/RES/77/281"}, {"A/RES/77/281", "A/RES/77/281"},
      {"S/RES/2334 (2016)", "S/RES/2334"},    {"A/C.2/77/L.3/Rev.1", "A/C.2/77/L.3"},
      {"resolution 1514 (XV)", "A/RES/1514"},
  };
  for (const auto& c : kCases) {
    auto found = find_symbols(c.text);
    INFO(c.text);
    REQUIRE(found.size() == 1);
    CHECK(found[0].family == c.family);
    CHECK(concord::symbol_family(found[0].id) == c.family);
  }
}

TEST_CASE("canonical_symbol accepts what users type", "[recognize][symbols]") {
  struct {
    const char* typed;
    const char* id;
  } const kCases[] = {
      {"A/RES/77/281", "A/RES/77/281"},
      {"a/res/77/281", "A/RES/77/281"},
      {"resolution 77/281", "A/RES/77/281"},
      {" A / RES / 77 / 281 ", "A/RES/77/281"},
      {"S/RES/2334(2016)", "S/RES/2334(2016)"},
      {"resolution 242 (1967)", "S/RES/242(1967)"},
      {"ILO-R193", "ILO-R193"},
      {"r193", "ILO-R193"},
      {"Recommendation No. 193", "ILO-R193"},
      {"a/res/77/281/rev.1", "A/RES/77/281/Rev.1"},
  };
  for (const auto& c : kCases) {
    INFO(c.typed);
    auto id = concord::canonical_symbol(c.typed);
    REQUIRE(id.has_value());
    CHECK(*id == c.id);
  }
  CHECK_FALSE(concord::canonical_symbol("11/8/2020").has_value());
  CHECK_FALSE(concord::canonical_symbol("UNTFSSE").has_value());
  CHECK_FALSE(concord::canonical_symbol("resolution 77/281 and more").has_value());
  CHECK(concord::is_symbol_id("A/RES/77/281"));
  CHECK(concord::is_symbol_id("ILO-C189"));
  CHECK_FALSE(concord::is_symbol_id("UNTFSSE"));
  // Found by fuzz/symbols_fuzzer: the ids of numbered series ("IDB.7/281", found in text and
  // by canonical_symbol()) were not symbol ids, so the index gave them no family term.
  for (const char* written : {"IDB.7/281", "GEGN.2/2025/35", "IDB.47/Dec.1"}) {
    INFO(written);
    const auto id = concord::canonical_symbol(written);
    REQUIRE(id.has_value());
    CHECK(concord::is_symbol_id(*id));
  }
  CHECK_FALSE(concord::is_symbol_id("IDB.X/2"));
  CHECK_FALSE(concord::is_symbol_id("XYZ.7/281"));
}

namespace {

// Citation forms as real UN documents write them (General Assembly resolutions of sessions
// 78-80, General Debate speeches, Security Council documents), with the id each number must
// get, its span, and the citation's own date ("" = none).
struct RealCase {
  const char* text;
  std::vector<std::tuple<std::string, std::string, std::string>> expected;  // id, span, date
  concord::Organ author = concord::Organ::kNone;
  bool council_series = false;  // the document's own symbol is S/...
  int author_session = 0;       // a functional commission's session (SymbolContext)
};

std::string describe_real(const std::vector<std::tuple<std::string, std::string, std::string>>& v) {
  std::string out;
  for (const auto& [id, span, date] : v) out += "[" + id + " @ '" + span + "' " + date + "] ";
  return out.empty() ? "(none)" : out;
}

const std::vector<RealCase>& real_cases() {
  using concord::Organ;
  static const std::vector<RealCase> kCases = {
      // Lists, each number with its own date.
      {"Recalling its resolutions 47/90 of 16 December 1992, 49/155 of 23 December 1994 and "
       "51/58 of 12 December 1996,",
       {{"A/RES/47/90", "resolutions 47/90", "16 December 1992"},
        {"A/RES/49/155", "49/155", "23 December 1994"},
        {"A/RES/51/58", "51/58", "12 December 1996"}}},
      {"Recalling its resolutions 77/253 A of 30 December 2022 and 77/254,",
       {{"A/RES/77/253A", "resolutions 77/253 A", "30 December 2022"},
        {"A/RES/77/254", "77/254", ""}}},
      {"Bearing in mind its resolutions 40/151 G of 16 December 1985, 41/60 J of 3 December "
       "1986",
       {{"A/RES/40/151G", "resolutions 40/151 G", "16 December 1985"},
        {"A/RES/41/60J", "41/60 J", "3 December 1986"}}},
      {"resolutions 31/6 A and B",
       {{"A/RES/31/6A", "resolutions 31/6 A", ""}, {"A/RES/31/6B", "B", ""}}},
      {"resolution 3367 A (XXX)", {{"A/RES/3367A(XXX)", "resolution 3367 A (XXX)", ""}}},
      // A range of parts: the letters between are cited too, over the whole range.
      {"Recalling its resolutions 37/240 of 21 December 1982, 40/257 A to C of 18 December 1985 "
       "and 45/250 A",
       {{"A/RES/37/240", "resolutions 37/240", "21 December 1982"},
        {"A/RES/40/257A", "40/257 A", ""},
        {"A/RES/40/257B", "A to C", ""},
        {"A/RES/40/257C", "C", "18 December 1985"},
        {"A/RES/45/250A", "45/250 A", ""}}},
      {"ses résolutions 40/257 A à C", {{"A/RES/40/257A", "résolutions 40/257 A", ""},
                                        {"A/RES/40/257B", "A à C", ""},
                                        {"A/RES/40/257C", "C", ""}}},
      {"resolution 40/257 A to a new", {{"A/RES/40/257A", "resolution 40/257 A", ""}}},
      {"resolution 40/257 C to A", {{"A/RES/40/257C", "resolution 40/257 C", ""}}},
      // UNSCR: a Security Council resolution, year or not.
      {"fully implement UNSCR 1701 (2006) and UNSCRs 1559 and 1680",
       {{"S/RES/1701(2006)", "UNSCR 1701 (2006)", ""},
        {"S/RES/1559", "UNSCRs 1559", ""},
        {"S/RES/1680", "1680", ""}}},
      {"UNSCRIPTED 1701", {}},
      {"resolutions 2625 (XXV), annex, and 3314 (XXIX)",
       {{"A/RES/2625(XXV)", "resolutions 2625 (XXV)", ""},
        {"A/RES/3314(XXIX)", "3314 (XXIX)", ""}}},
      {"Security Council resolution of 22 November 1967 [242 (1967)]",
       {{"S/RES/242(1967)", "resolution of 22 November 1967 [242 (1967)]", ""}}},
      {"reso lutions 242 (1967) and 338 (1973)", {}},  // broken keyword: no citation
      {"resolutions 242 (1967) and 338 (1973) of the Security Council",
       {{"S/RES/242(1967)", "resolutions 242 (1967)", ""}, {"S/RES/338(1973)", "338 (1973)", ""}}},
      {"Recalling also its resolutions 75/290 A and 75/290 B of 25 June 2021,",
       {{"A/RES/75/290A", "resolutions 75/290 A", ""},
        {"A/RES/75/290B", "75/290 B", "25 June 2021"}}},
      {"its resolution 77/281 A new approach", {{"A/RES/77/281", "resolution 77/281", ""}}},
      // Decisions are not resolutions.
      {"Recalling its decision 57/573 of 20 December 2002",
       {{"A/DEC/57/573", "decision 57/573", "20 December 2002"}}},
      {"Council decision 2015/215", {{"E/DEC/2015/215", "decision 2015/215", ""}}},
      {"decision 1/CP.21", {{"?/DEC/1/CP.21", "decision 1/CP.21", ""}}},
      // Special and emergency special sessions.
      {"General Assembly resolution ES-10/23 of 10 May 2024",
       {{"A/RES/ES-10/23", "resolution ES-10/23", "10 May 2024"}}},
      {"Resolution S-10/2.", {{"A/RES/S-10/2", "Resolution S-10/2", ""}}},
      {"see A/RES/ES-10/19 and A/ES-10/L.22",
       {{"A/RES/ES-10/19", "A/RES/ES-10/19", ""}, {"A/ES-10/L.22", "A/ES-10/L.22", ""}}},
      // The organ from the words around the citation.
      {"Economic and Social Council resolution 837 (XXXII)",
       {{"E/RES/837(XXXII)", "resolution 837 (XXXII)", ""}}},
      {"resolution 1503 (XLVIII) of the Council",
       {{"E/RES/1503(XLVIII)", "resolution 1503 (XLVIII)", ""}}},
      {"Human Rights Council resolution 52/3", {{"A/HRC/RES/52/3", "resolution 52/3", ""}}},
      {"the Human Rights Council regarding water, inter alia, Council resolution 51/19 of 6 "
       "October 2022",
       {{"A/HRC/RES/51/19", "resolution 51/19", "6 October 2022"}}},
      {"in accordance with the provisions of Council resolution 1996/31 of 25 July 1996",
       {{"E/RES/1996/31", "resolution 1996/31", "25 July 1996"}}},
      {"paragraph 1 (a) of Council resolution 2255 (2015) of 21 December 2015",
       {{"S/RES/2255(2015)", "resolution 2255 (2015)", "21 December 2015"}}},
      {"including Assembly resolution 77/226 of 15 December 2022 and Council resolution 52/28 "
       "of 4 April 2023",
       {{"A/RES/77/226", "resolution 77/226", "15 December 2022"},
        {"A/HRC/RES/52/28", "resolution 52/28", "4 April 2023"}}},
      {"The Human Rights Council appointed a Special Rapporteur (resolution 20/8).",
       {{"A/HRC/RES/20/8", "resolution 20/8", ""}}},
      {"The mandate was renewed (resolution 20/8).", {{"?/RES/20/8", "resolution 20/8", ""}}},
      {"Commission on the Status of Women resolution 59/1",
       {{"E/CN.6/RES/59/1", "resolution 59/1", ""}}},
      {"Official Records of the Economic and Social Council, 2015, Supplement No. 7 "
       "(E/2015/27), chap. I, sect. C, resolution 59/1.",
       {{"E/2015/27", "E/2015/27", ""}, {"E/CN.6/RES/59/1", "resolution 59/1", ""}}},
      {"Official Records of the General Assembly, Seventy-eighth Session, Supplement No. 53 "
       "(A/78/53), chap. II, resolution 52/3",
       {{"A/78/53", "A/78/53", ""}, {"A/HRC/RES/52/3", "resolution 52/3", ""}}},
      {"Supplement No. 25 (A/77/25), annex I, resolution 5/14",
       {{"A/77/25", "A/77/25", ""}, {"?/RES/5/14", "resolution 5/14", ""}}},
      {"Resolution 2023/3 of the General Assembly of the SSE Archive Network",
       {{"?/RES/2023/3", "Resolution 2023/3", ""}}},
      {"resolution 1 of the Conference of the Parties", {}},
      {"World Health Assembly resolution 72/1", {{"?/RES/72/1", "resolution 72/1", ""}}},
      {"la résolution 2625 (XXV) de l'Assemblée générale",
       {{"A/RES/2625(XXV)", "résolution 2625 (XXV)", ""}}},
      {"la résolution 77/281 du 18 avril 2023",
       {{"A/RES/77/281", "résolution 77/281", "18 avril 2023"}}},
      // "its" is the author's own, told by the document's own symbol.
      {"Recalling its resolution 20/8",
       {{"A/HRC/RES/20/8", "resolution 20/8", ""}},
       Organ::kHumanRights},
      {"Recalling its resolution 20/8", {{"?/RES/20/8", "resolution 20/8", ""}}},
      // A bare number in a report or letter of the S/ series is the Security Council's.
      {"which literally stipulates resolutions 1559 and 1680, i.e.",
       {{"S/RES/1559", "resolutions 1559", ""}, {"S/RES/1680", "1680", ""}},
       Organ::kNone,
       true},
      {"which literally stipulates resolutions 1559 and 1680, i.e.", {}},
      {"decision 1559", {}, Organ::kNone, true},
      // A functional commission's report (E/2025/28: narcotic drugs, its 68th session) lists
      // its own resolutions and decisions by bare number; the Assembly's are named or later.
      {"2 Resolution 68/1 Promoting comprehensive, scientific evidence-based",
       {{"E/CN.7/RES/68/1", "Resolution 68/1", ""}}, Organ::kDrugsCommission, false, 68},
      {"20 Decision 68/4 Inclusion of N-desethyl isotonitazene in Schedule I",
       {{"E/CN.7/DEC/68/4", "Decision 68/4", ""}}, Organ::kDrugsCommission, false, 68},
      {"recalling General Assembly resolution 68/1 of 2013",
       {{"A/RES/68/1", "resolution 68/1", ""}}, Organ::kDrugsCommission, false, 68},
      {"in line with resolution 77/281", {{"A/RES/77/281", "resolution 77/281", ""}},
       Organ::kDrugsCommission, false, 68},
      {"Commission resolution 69/2", {{"E/CN.6/RES/69/2", "resolution 69/2", ""}},
       Organ::kWomenCommission, false, 69},
      {"resolution 69/2", {{"A/RES/69/2", "resolution 69/2", ""}}, Organ::kDrugsCommission,
       false, 68},
      // A report's symbol and chapter before the citation: the body whose report that is
      // (E/2024/24, the Statistical Commission's: not one whose numbers we know).
      {"as requested by the Statistical Commission at its fifty-fifth session (see E/2024/24,\n"
       "chap. I, sect. C, decision 55/112), a key challenge",
       {{"E/2024/24", "E/2024/24", ""}, {"?/DEC/55/112", "decision 55/112", ""}},
       Organ::kWomenCommission, false, 69},
      {"(see A/78/53, chap. II, sect. A, resolution 52/3)",
       {{"A/78/53", "A/78/53", ""}, {"A/HRC/RES/52/3", "resolution 52/3", ""}}},
      {"see E/2024/27, chap. I, sect. A, resolution 68/2",
       {{"E/2024/27", "E/2024/27", ""}, {"E/CN.6/RES/68/2", "resolution 68/2", ""}}},
      {"See A/74/548, annex.\nResolution 1514 (XV).",
       {{"A/74/548", "A/74/548", ""}, {"A/RES/1514(XV)", "Resolution 1514 (XV)", ""}}},
      {"as set out in A/78/281, resolution 77/281 of 18 April 2023",
       {{"A/78/281", "A/78/281", ""}, {"A/RES/77/281", "resolution 77/281", "18 April 2023"}}},
      // OCR damage in a written symbol.
      {"document A/31 /l97 of the Assembly", {{"A/31/197", "A/31 /l97", ""}}},
  };
  return kCases;
}

}  // namespace

TEST_CASE("citations as real UN documents write them", "[recognize][symbols]") {
  for (const RealCase& c : real_cases()) {
    std::string text = c.text;
    concord::SymbolContext context;
    context.author = c.author;
    context.council_series = c.council_series;
    context.author_session = c.author_session;
    std::vector<std::tuple<std::string, std::string, std::string>> got;
    for (const concord::SymbolMatch& m : find_symbols(text, context)) {
      std::string date = m.date_end > m.date_start
                             ? text.substr(m.date_start, m.date_end - m.date_start)
                             : std::string();
      got.emplace_back(m.id, text.substr(m.start, m.end - m.start), date);
    }
    INFO("text: " << text);
    INFO("expected: " << describe_real(c.expected));
    INFO("got:      " << describe_real(got));
    CHECK(got == c.expected);
  }
}

TEST_CASE("lists and repairs carry their flags", "[recognize][symbols]") {
  auto list = find_symbols("resolutions 47/90 and 49/155");
  REQUIRE(list.size() == 2);
  CHECK(list[0].in_list);
  CHECK(list[1].in_list);
  auto single = find_symbols("resolution 47/90");
  REQUIRE(single.size() == 1);
  CHECK_FALSE(single[0].in_list);
  auto ocr = find_symbols("A/31 /l97");
  REQUIRE(ocr.size() == 1);
  CHECK(ocr[0].repaired);
  CHECK_FALSE(find_symbols("A/31/197")[0].repaired);
}

TEST_CASE("unresolved organs and part letters", "[recognize][symbols]") {
  CHECK(concord::symbol_family("A/RES/40/151G") == "A/RES/40/151");
  CHECK(concord::symbol_family("A/RES/3367A(XXX)") == "A/RES/3367");
  CHECK(concord::symbol_family("A/RES/77/281") == "A/RES/77/281");
  CHECK(concord::is_symbol_id("?/RES/20/8"));
  CHECK(concord::is_unresolved_organ("?/RES/20/8"));
  CHECK_FALSE(concord::is_unresolved_organ("A/RES/20/8"));
  CHECK(concord::unresolved_twin("A/RES/77/281") == "?/RES/77/281");
  CHECK(concord::unresolved_twin("A/HRC/DEC/5/1") == "?/DEC/5/1");
  CHECK(concord::unresolved_twin("A/78/168").empty());
  CHECK(concord::canonical_symbol("?/RES/20/8").value_or("") == "?/RES/20/8");
  CHECK(concord::author_of("A/RES/78/133") == concord::Organ::kAssembly);
  CHECK(concord::author_of("A/C.3/80/L.42") == concord::Organ::kAssembly);
  CHECK(concord::author_of("A/HRC/RES/52/3") == concord::Organ::kHumanRights);
  CHECK(concord::author_of("S/RES/2776(2025)") == concord::Organ::kSecurityCouncil);
  CHECK(concord::author_of("S/2025/257") == concord::Organ::kNone);
  // The functional commissions' reports in the Council's series, from 2000 on.
  const std::tuple<const char*, concord::Organ, int> kReports[] = {
      {"E/2025/28", concord::Organ::kDrugsCommission, 68},
      {"E/2025/28/Add.1", concord::Organ::kDrugsCommission, 68},
      {"E/2025/27", concord::Organ::kWomenCommission, 69},
      {"E/2025/30", concord::Organ::kCrimeCommission, 34},
      {"E/CN.7/2025/11", concord::Organ::kDrugsCommission, 68},
      {"E/CN.6/2024/3", concord::Organ::kWomenCommission, 68},
      {"E/2025/29", concord::Organ::kEcosoc, 0},
      {"E/1995/28", concord::Organ::kEcosoc, 0},
      {"E/2025/61", concord::Organ::kEcosoc, 0},
      {"A/RES/79/287", concord::Organ::kAssembly, 0},
      {"A/HRC/58/2", concord::Organ::kHumanRights, 0},
  };
  for (const auto& [symbol, organ, session] : kReports) {
    INFO(symbol);
    CHECK(concord::author_of(symbol) == organ);
    CHECK(concord::author_session(symbol) == session);
  }
}
