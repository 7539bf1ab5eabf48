// Table-driven tests of the recognition stage: the traps, definitions, context and dates.
#include "recognize/recognize.h"

#include <catch2/catch.hpp>
#include <atomic>
#include <chrono>
#include <string>
#include <tuple>
#include <vector>

#include "recognize/dates.h"

namespace {

const concord::Gazetteer& gazetteer() {
  static const concord::Gazetteer g = concord::Gazetteer::built_in();
  return g;
}

// "ID=surface" for each mention, "~" before variants, in text order.
std::vector<std::string> summary(const std::string& text) {
  std::vector<std::string> out;
  for (const concord::Mention& m : concord::recognize(text, 0, gazetteer()).mentions)
    out.push_back((m.variant ? "~" : "") + m.entity_id + "=" + m.surface);
  return out;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += "[" + s + "] ";
  return out;
}

struct Case {
  const char* text;
  std::vector<std::string> expected;
};

// Each case's mentions, as summary() writes them, are exactly its expected ones.
void check_cases(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    std::vector<std::string> got = summary(c.text);
    INFO("text: " << c.text);
    INFO("expected: " << join(c.expected));
    INFO("got:      " << join(got));
    CHECK(got == c.expected);
  }
}

}  // namespace

TEST_CASE("recognition traps", "[recognize]") {
  const std::vector<Case> kCases = {
      // Acronym versus ordinary word.
      {"Our aims are clear and we aim high.", {}},
      {"AIM and ICMIF signed.", {"AIM=AIM", "ICMIF=ICMIF"}},
      {"OUR AIM IS CLEAR", {}},  // caps-word acronym inside an all-caps heading
      {"WHO advised; who knows?", {"WHO=WHO"}},
      {"a bit of help from the BIT", {"ILO=BIT"}},
      {"The practical ICA approach", {"ICA=ICA"}},
      {"practical", {}},
      {"Unesco and UNESCO", {"~UNESCO=Unesco", "UNESCO=UNESCO"}},
      // Acronym inside another.
      {"ITCILO trains ILO staff", {"ITCILO=ITCILO", "ILO=ILO"}},
      {"the ITC-ILO in Turin", {"ITCILO=ITC-ILO"}},
      // En and em dashes join the words of a name like hyphens: the Security Council's topic
      // labels ("International Tribunal — Yugoslavia").
      {"SC/8514\tInternational Tribunal \xE2\x80\x94 Yugoslavia\tS/RES/1629 (2005)",
       {"SC/8514=SC/8514", "~ICTY=International Tribunal \xE2\x80\x94 Yugoslavia",
        "S/RES/1629(2005)=S/RES/1629 (2005)"}},
      {"International Tribunal \xE2\x80\x93 Rwanda",
       {"~ICTR=International Tribunal \xE2\x80\x93 Rwanda"}},
      {"UNTFSSE and SSE", {"UNTFSSE=UNTFSSE", "SSE=SSE"}},
      {"the SSE-IF and the SSE International Forum",
       {"SSE-IF=SSE-IF", "SSE-IF=SSE International Forum"}},
      {"UN DESA and UN-DESA and DAES", {"UNDESA=UN DESA", "UNDESA=UN-DESA", "UNDESA=DAES"}},
      {"UN Women and UN-Habitat", {"UN-WOMEN=UN Women", "UN-HABITAT=UN-Habitat"}},
      {"The UN and the United Nations", {"UN=UN", "UN=United Nations"}},
      {"the ILO's mandate", {"ILO=ILO"}},
      // Long forms: case, accents, line breaks, extra spaces, hyphens.
      {"the international labour organization", {"ILO=international labour organization"}},
      // In lower case after an indefinite article, a name describes ("a world conference on
      // disarmament"); UN style writes some names in lower case ("the non-aligned movement").
      {"supports the establishment of an international criminal court", {}},
      {"the convening of a world conference on disarmament", {}},
      {"Ghana is a member of the non-aligned movement", {"NAM=non-aligned movement"}},
      {"an International Criminal Court", {"ICC=International Criminal Court"}},
      {"the INTERNATIONAL LABOUR ORGANIZATION", {"ILO=INTERNATIONAL LABOUR ORGANIZATION"}},
      {"the International Labour\nOrganization met", {"ILO=International Labour Organization"}},
      {"the International   Labour  Organisation", {"ILO=International Labour Organisation"}},
      {"l'Organisation internationale du Travail", {"ILO=Organisation internationale du Travail"}},
      {"ORGANISATION INTERNATIONALE DU TRAVAIL", {"ILO=ORGANISATION INTERNATIONALE DU TRAVAIL"}},
      {"la Organización Internacional del Trabajo", {"ILO=Organización Internacional del Trabajo"}},
      {"la Organizacion Internacional del Trabajo", {"ILO=Organizacion Internacional del Trabajo"}},
      {"the United Nations Inter-Agency Task Force on Social and Solidarity Economy",
       {"UNTFSSE=United Nations Inter-Agency Task Force on Social and Solidarity Economy"}},
      {"the UN Task Force on SSE", {"UNTFSSE=UN Task Force on SSE"}},
      {"the United Nations Inter-\nAgency Task Force on Social and Solidarity Economy",
       {"UNTFSSE=United Nations Inter- Agency Task Force on Social and Solidarity Economy"}},
      {"l'économie sociale et solidaire (ESS)", {"SSE=économie sociale et solidaire", "SSE=ESS"}},
      {"la economía social y solidaria", {"SSE=economía social y solidaria"}},
      {"the social and solidarity economy", {"SSE=social and solidarity economy"}},
      {"Groupe de travail inter-agences des Nations Unies sur l'économie sociale et solidaire",
       {"UNTFSSE=Groupe de travail inter-agences des Nations Unies sur l'économie sociale et "
        "solidaire"}},
      {"Organisation for Economic Co-operation and Development",
       {"OECD=Organisation for Economic Co-operation and Development"}},
      {"the Mont-Blanc Meetings and the Rencontres du Mont-Blanc",
       {"MONT-BLANC=Mont-Blanc Meetings", "MONT-BLANC=Rencontres du Mont-Blanc"}},
      {"United Nations Children’s Fund", {"UNICEF=United Nations Children’s Fund"}},
      {"the General Assembly and the Security Council",
       {"UNGA=General Assembly", "UNSC=Security Council"}},
      {"the Council of the European Union and the European Commission",
       {"CONSILIUM=Council", "EU=European Union", "EC=European Commission"}},
      // Symbols, including across a line break.
      {"adopted A/RES/\n77/281 on SSE", {"A/RES/77/281=A/RES/ 77/281", "SSE=SSE"}},
      {"General Assembly resolution 77/281",
       {"UNGA=General Assembly", "A/RES/77/281=resolution 77/281"}},
      {"Security Council resolution 2334 (2016)",
       {"UNSC=Security Council", "S/RES/2334(2016)=resolution 2334 (2016)"}},
      {"ILO Recommendation No. 193", {"ILO=ILO", "ILO-R193=Recommendation No. 193"}},
      {"at https://www.ilo.org/ILO/RES/1 today", {}},
      // Misspelled acronyms.
      {"the UNRSID report", {"~UNRISD=UNRSID"}},
      {"the UNTFSE and UNTFSSSE", {"~UNTFSSE=UNTFSE", "~UNTFSSE=UNTFSSSE"}},
      {"the UNCTD secretariat", {"~UNCTAD=UNCTD"}},
      {"UNHRC is the Human Rights Council", {"HRC=UNHRC", "HRC=Human Rights Council"}},
      {"the ILOO", {}},              // ILO has three letters: too short for typo matching
      {"ANNUAL UNRSID REPORT", {}},  // all-caps heading: not a typo mention
      {"RIPSES and GSFE", {"~RIPESS=RIPSES"}},  // GSEF has four letters: no typo match
  };
  check_cases(kCases);
}

TEST_CASE("short names of a body named in full earlier in the document", "[recognize]") {
  const std::vector<Case> kCases = {
      {"The Residual Special Court for Sierra Leone met. The Residual Special\nCourt shall sit.",
       {"RSCSL=Residual Special Court for Sierra Leone", "RSCSL=Residual Special Court"}},
      {"The Independent International Commission of Inquiry on the Syrian Arab Republic "
       "reported; the Commission of Inquiry found more.",
       {"COI-SYRIA=Independent International Commission of Inquiry on the Syrian Arab Republic",
        "COI-SYRIA=Commission of Inquiry"}},
      {"the Extraordinary Chambers in the Courts of Cambodia; the Extraordinary Chambers",
       {"ECCC=Extraordinary Chambers in the Courts of Cambodia", "ECCC=Extraordinary Chambers"}},
      // Lower case describes; only the body's own capitalized words make a short name.
      {"the Residual Special Court for Sierra Leone and a residual special court",
       {"RSCSL=Residual Special Court for Sierra Leone"}},
      // Generic words alone are no short name ("United Nations Office", "Working Group").
      {"The United Nations Office on Drugs and Crime helps. A United Nations Office opened.",
       {"UNODC=United Nations Office on Drugs and Crime"}},
      // A short name that is a known name of its own stays that name.
      {"the European Union Rule of Law Mission in Kosovo and the European Union",
       {"EULEX=European Union Rule of Law Mission in Kosovo", "EU=European Union"}},
      // The head is the last head noun before the lower-case words; the head with its "of X"
      // only when more of the name follows it.
      {"the International Civil Service Commission and the International Civil Service",
       {"ICSC=International Civil Service Commission"}},
      {"The International Court of Justice. A Court of Justice with powers.",
       {"ICJ=International Court of Justice"}},
      {"the Intergovernmental Panel on Climate Change; the Intergovernmental Panel found",
       {"IPCC=Intergovernmental Panel on Climate Change", "IPCC=Intergovernmental Panel"}},
      // A short name defines an acronym like a long form.
      {"the UNAIDS Programme Coordinating Board. The 53rd Programme Coordinating Board (PCB) "
       "met; the PCB agreed.",
       {"UNAIDS-PCB=UNAIDS Programme Coordinating Board", "UNAIDS-PCB=Programme Coordinating Board",
        "~UNAIDS-PCB=PCB", "~UNAIDS-PCB=PCB"}},
      // A short name inside a longer name is not a mention of its own.
      {"The Residual Special Court for Sierra Leone met. The Residual Special Court Trust Fund "
       "and the Special Residual Special Court are other names.",
       {"RSCSL=Residual Special Court for Sierra Leone"}},
      // Nothing is learned from an acronym alone.
      {"RSCSL met; the Residual Special Court", {"RSCSL=RSCSL"}},
  };
  check_cases(kCases);
}

TEST_CASE("acronym definitions in both styles", "[recognize][definitions]") {
  struct DefCase {
    const char* text;
    const char* acronym;
    const char* long_form;
    const char* entity;
    bool acronym_first;
    std::vector<std::string> mentions;
  };
  const std::vector<DefCase> kCases = {
      {"The International Labour Organization (ILO) met.",
       "ILO",
       "International Labour Organization",
       "ILO",
       false,
       {"ILO=International Labour Organization", "ILO=ILO"}},
      {"UNDP (United Nations Development Programme) met.",
       "UNDP",
       "United Nations Development Programme",
       "UNDP",
       true,
       {"UNDP=UNDP", "UNDP=United Nations Development Programme"}},
      // A misspelled acronym defined with a known long form is a variant mention of it,
      // and so are its later uses on the page.
      {"the Global Social Economy Forum (GESF) met; GESF grew.",
       "GESF",
       "Global Social Economy Forum",
       "GSEF",
       false,
       {"GSEF=Global Social Economy Forum", "~GSEF=GESF", "~GSEF=GESF"}},
      {"UNTFFSE (United Nations Inter-Agency Task Force on Social and Solidarity Economy)",
       "UNTFFSE",
       "United Nations Inter-Agency Task Force on Social and Solidarity Economy",
       "UNTFSSE",
       true,
       {"~UNTFSSE=UNTFFSE",
        "UNTFSSE=United Nations Inter-Agency Task Force on Social and Solidarity Economy"}},
      // A long form close to a known one (small word difference).
      {"the Task Force on Social and Solidarity Economy (TFESS) met",
       "TFESS",
       "Task Force on Social and Solidarity Economy",
       "UNTFSSE",
       false,
       {"SSE=Social and Solidarity Economy", "~UNTFSSE=TFESS"}},
      // Unknown acronym, letters fit: a discovered entity, kept apart.
      {"La Red de Economía Solidaria de las Américas y el Mediterráneo (RESAM) nació. RESAM "
       "crece.",
       "RESAM",
       "Red de Economía Solidaria de las Américas y el Mediterráneo",
       "discovered:RESAM",
       false,
       {"discovered:RESAM=RESAM", "discovered:RESAM=RESAM"}},
      {"RESAM (Red de Economía Solidaria de las Américas y el Mediterráneo) nació.",
       "RESAM",
       "Red de Economía Solidaria de las Américas y el Mediterráneo",
       "discovered:RESAM",
       true,
       {"discovered:RESAM=RESAM"}},
      // Known acronym with its French long form.
      {"l'Organisation internationale du Travail (OIT) publie",
       "OIT",
       "Organisation internationale du Travail",
       "ILO",
       false,
       {"ILO=Organisation internationale du Travail", "ILO=OIT"}},
  };
  for (const DefCase& c : kCases) {
    INFO("text: " << c.text);
    concord::RecognizeResult r = concord::recognize(c.text, 3, gazetteer());
    REQUIRE(r.definitions.size() == 1);
    const concord::Definition& d = r.definitions[0];
    CHECK(d.acronym == c.acronym);
    CHECK(d.long_form == c.long_form);
    CHECK(d.entity_id == c.entity);
    CHECK(d.acronym_first == c.acronym_first);
    CHECK(d.page == 3);
    CHECK(std::string(c.text).substr(d.acronym_start, d.acronym_end - d.acronym_start) ==
          c.acronym);
    CHECK(summary(c.text) == c.mentions);
  }
  // Parentheses that are not definitions.
  for (const char* text : {"the report (see annex) was read", "in 2023 (A/78/168) it said",
                           "the Member States (MS) agreed", "(Geneva, 2023)"}) {
    INFO(text);
    auto r = concord::recognize(text, 0, gazetteer());
    if (std::string(text).find("(MS)") != std::string::npos) {
      REQUIRE(r.definitions.size() == 1);  // "Member States" fits MS: discovered, kept apart
      CHECK(r.definitions[0].entity_id == "discovered:MS");
    } else {
      CHECK(r.definitions.empty());
    }
  }
}

TEST_CASE("mention positions, sentences and dates", "[recognize][context]") {
  const std::string text =
      "Title line\n"
      "On 18 April 2023 the General Assembly adopted resolution 77/281. The ILO\n"
      "welcomed it.\n\n"
      "Le 1er mars 2024, l'OIT et l'ESS.";
  concord::RecognizeResult r = concord::recognize(text, 7, gazetteer());
  REQUIRE(r.mentions.size() == 5);
  const concord::Mention& ga = r.mentions[0];
  CHECK(ga.entity_id == "UNGA");
  CHECK(ga.page == 7);
  CHECK(ga.line == 2);
  CHECK(text.substr(ga.start, ga.end - ga.start) == "General Assembly");
  CHECK(ga.sentence == "On 18 April 2023 the General Assembly adopted resolution 77/281.");
  CHECK(ga.dates == std::vector<std::string>{"2023-04-18"});
  const concord::Mention& ilo = r.mentions[2];
  CHECK(ilo.entity_id == "ILO");
  CHECK(ilo.line == 2);
  CHECK(ilo.sentence == "The ILO welcomed it.");
  CHECK(ilo.dates.empty());
  CHECK(r.mentions[3].entity_id == "ILO");
  CHECK(r.mentions[3].line == 5);
  CHECK(r.mentions[3].sentence == "Le 1er mars 2024, l'OIT et l'ESS.");
  CHECK(r.mentions[3].dates == std::vector<std::string>{"2024-03-01"});
  CHECK(r.mentions[4].entity_id == "SSE");

  // A long sentence is cut to a window around the mention, at UTF-8 boundaries.
  std::string long_text;
  for (int i = 0; i < 40; ++i) long_text += "économie ";
  long_text += "UNRISD ";
  for (int i = 0; i < 40; ++i) long_text += "développement ";
  auto lr = concord::recognize(long_text, 0, gazetteer());
  REQUIRE(lr.mentions.size() == 1);
  const std::string& s = lr.mentions[0].sentence;
  CHECK(s.size() <= concord::kMaxSentenceBytes);
  CHECK(s.find("UNRISD") != std::string::npos);
  CHECK(s.find("UNRISD") > 60);
  CHECK((static_cast<unsigned char>(s[0]) & 0xC0) != 0x80);

  // Malformed UTF-8 never escapes into a sentence.
  auto bad = concord::recognize("bad \xC3 byte near UNRISD \xFF.", 0, gazetteer());
  REQUIRE(bad.mentions.size() == 1);
  CHECK(bad.mentions[0].sentence.find('\xFF') == std::string::npos);
}

TEST_CASE("date expressions", "[recognize][dates]") {
  struct {
    const char* text;
    const char* iso;  // nullptr: not a date
  } const kCases[] = {
      {"18 April 2023", "2023-04-18"},
      {"April 18th", "--04-18"},
      {"April 18, 2023", "2023-04-18"},
      {"April 18th, 2023", "2023-04-18"},
      {"le 18 avril 2023", "2023-04-18"},
      {"1er mars 2024", "2024-03-01"},
      {"el 18 de abril de 2023", "2023-04-18"},
      {"2023-04-18", "2023-04-18"},
      {"18 April", "--04-18"},
      {"April 2023", "2023-04"},
      {"avril 2023", "2023-04"},
      {"abril de 2023", "2023-04"},
      {"Sept. 18, 2023", "2023-09-18"},
      {"1 January 1946", "1946-01-01"},
      {"29 February 2024", "2024-02-29"},
      {"3 décembre 2019", "2019-12-03"},
      {"12 août 2022", "2022-08-12"},
      {"5 de septiembre de 2021", "2021-09-05"},
      {"31 April 2023", nullptr},
      {"april 18", nullptr},
      {"may 2", nullptr},
      {"2023-13-01", nullptr},
      {"11/8/2020", nullptr},
      {"18 Apples 2023", nullptr},
      {"2023", nullptr},
  };
  for (const auto& c : kCases) {
    INFO(c.text);
    auto got = concord::parse_date(c.text);
    if (c.iso == nullptr) {
      CHECK_FALSE(got.has_value());
    } else {
      REQUIRE(got.has_value());
      CHECK(*got == c.iso);
    }
  }
  auto found = concord::find_dates("Adopted on 18 April 2023 and reviewed on 2024-01-05.");
  REQUIRE(found.size() == 2);
  CHECK(found[0].iso == "2023-04-18");
  CHECK(found[1].iso == "2024-01-05");
  CHECK(found[1].start == 41);
  CHECK(found[1].end == 51);
}

TEST_CASE("recognition is safe on odd input", "[recognize]") {
  for (const char* text : {"", "(", ")", "(((", "A/", "resolution", "Recommendation No.",
                           "\xFF\xFE\xFD", "(UNRISD", "X (", "A / RES / "}) {
    INFO(text);
    CHECK_NOTHROW(concord::recognize(text, 0, gazetteer()));
  }
}

// Found by fuzz/recognize_fuzzer: a sentence of under kMaxSentenceBytes raw bytes whose
// malformed bytes each become U+FFFD (three bytes) was kept whole, 322 bytes long.
TEST_CASE("a sentence with malformed UTF-8 stays within kMaxSentenceBytes",
          "[recognize][context]") {
  const std::string text = "The ILO met. Then " + std::string(100, '\xFF') + " the ILO said so.";
  const concord::RecognizeResult r = concord::recognize(text, 0, gazetteer());
  REQUIRE(r.mentions.size() == 2);
  const concord::Mention& m = r.mentions[1];
  CHECK(m.sentence.size() <= concord::kMaxSentenceBytes);
  REQUIRE(m.context_end <= m.sentence.size());
  CHECK(m.sentence.substr(m.context_start, m.context_end - m.context_start) == "ILO");
}

TEST_CASE("acronyms defined on one page are recognized on the pages after it",
          "[recognize][document]") {
  const std::vector<std::string> pages = {
      "The Red de Economía Social de las Américas (RESAM) was founded in May.\n",
      "RESAM met again in June.\nThe UN Task Force on SSE (UNTFSSE) attended.\n",
      "Both RESAM and UNTFSSE signed.\n"};
  const concord::RecognizeResult all = concord::recognize_document(pages, true, gazetteer());
  std::vector<std::tuple<int, std::string, std::string>> got;
  for (const concord::Mention& m : all.mentions)
    if (m.entity_id == "discovered:RESAM" || m.entity_id == "UNTFSSE")
      got.emplace_back(m.page, m.entity_id, m.surface);
  const std::vector<std::tuple<int, std::string, std::string>> want = {
      {1, "discovered:RESAM", "RESAM"},       {2, "discovered:RESAM", "RESAM"},
      {2, "UNTFSSE", "UN Task Force on SSE"}, {2, "UNTFSSE", "UNTFSSE"},
      {3, "discovered:RESAM", "RESAM"},       {3, "UNTFSSE", "UNTFSSE"},
  };
  CHECK(got == want);
  // Page by page, the acronym is unknown on pages 2 and 3.
  const auto page3 = concord::recognize(pages[2], 3, gazetteer());
  for (const concord::Mention& m : page3.mentions) CHECK(m.entity_id != "discovered:RESAM");
  // Unpaged documents number their single page 0.
  const auto unpaged = concord::recognize_document({pages[0]}, false, gazetteer());
  REQUIRE(!unpaged.mentions.empty());
  CHECK(unpaged.mentions[0].page == 0);
}

TEST_CASE("a document's own symbol and its citations' own dates", "[recognize][document]") {
  const concord::Gazetteer& g = gazetteer();
  // Page headers carry the document's symbol; "its resolution 20/8" is then its author's.
  std::vector<std::string> pages = {
      "United Nations A/HRC/RES/52/3\nGeneral Assembly\n\nThe Human Rights Council,\n"
      "Recalling its resolution 20/8 and its resolutions 47/90 of 16 December 1992 and 49/155,\n",
      "A/HRC/RES/52/3\n\nRequests the High Commissioner to report.\n"};
  concord::RecognizeResult r = concord::recognize_document(pages, true, g);
  CHECK(r.document_symbol == "A/HRC/RES/52/3");
  std::vector<std::pair<std::string, std::vector<std::string>>> got;
  for (const concord::Mention& m : r.mentions)
    if (m.entity_id.find("/RES/") != std::string::npos && m.entity_id != "A/HRC/RES/52/3")
      got.emplace_back(m.entity_id, m.dates);
  using Dates = std::vector<std::string>;
  const std::vector<std::pair<std::string, Dates>> expected = {
      {"A/HRC/RES/20/8", Dates{"1992-12-16"}},  // one citation alone: the sentence's dates
      {"A/HRC/RES/47/90", Dates{"1992-12-16"}},
      {"A/HRC/RES/49/155", Dates{}},  // in a list without a date of its own: none
  };
  CHECK(got == expected);
  // No symbol on most pages' edges: no identity.
  CHECK(concord::document_symbol({"A speech that cites A/RES/77/281 in passing.\n"}).empty());
  CHECK(concord::document_symbol({"United Nations A/RES/78/133\nGeneral Assembly\n"}) ==
        "A/RES/78/133");
  CHECK(concord::document_symbol({"Intro\n\n\n\n\n\n\nbody cites A/RES/77/281 here\n\n\n\n\n\n\n"
                                  "end\n",
                                  "page two\n"})
            .empty());
}

TEST_CASE("names that open titles, runs of acronyms and other bodies' organs", "[recognize]") {
  const Case cases[] = {
      // "United Nations" opening the title of an instrument, a meeting or an imprint is not a
      // mention of the Organization; standing alone, or before "Charter", it is.
      {"under the United Nations Convention on the Law of the Sea", {}},
      {"convening a United Nations conference on oceans", {}},
      {"United Nations, Treaty Series, vol. 1771", {}},
      {"(United Nations publication, Sales No. E.02.II.A.7)", {}},
      {"the United Nations Charter and the United Nations system",
       {"UN=United Nations", "UN=United Nations"}},
      {"the African Union Convention on Cybersecurity", {}},
      {"the African Union and the European Union", {"AU=African Union", "EU=European Union"}},
      // A run of acronyms: each one is a mention, WHO included.
      {"UNESCO, UN Women, UNITAR, WHO and World Bank staff",
       {"UNESCO=UNESCO", "UN-WOMEN=UN Women", "UNITAR=UNITAR", "WHO=WHO",
        "WORLD-BANK=World Bank"}},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const auto got = summary(c.text);
    INFO("got: " << join(got));
    CHECK(got == c.expected);
  }
}

TEST_CASE("a misspelled acronym needs its document's support", "[recognize][document]") {
  auto ids = [](const std::vector<std::string>& pages) {
    std::vector<std::string> out;
    for (const concord::Mention& m : concord::recognize_document(pages, false, gazetteer()).mentions)
      out.push_back((m.variant ? "~" : "") + m.entity_id + "=" + m.surface);
    return out;
  };
  // Named correctly elsewhere: the misspelling is reported.
  CHECK(ids({"The UNTFSSE met. The UNTFSEE will report."}) ==
        std::vector<std::string>{"UNTFSSE=UNTFSSE", "~UNTFSSE=UNTFSEE"});
  // Never written otherwise: still a misspelling (the secretariat wants to hear of it).
  CHECK(ids({"The UNTFSEE will report."}) == std::vector<std::string>{"~UNTFSSE=UNTFSEE"});
  // An ordinary word the document also writes in small letters is not an acronym.
  CHECK(ids({"NATIONAL UNITY. National unity matters."}).empty());
}

TEST_CASE("a generic organ name of another body is not the UN organ", "[recognize]") {
  const Case cases[] = {
      {"the General Assembly of Social Economy Europe met", {"SEE=Social Economy Europe"}},
      {"the General Assembly of the Harbour Trust voted", {}},
      {"the General Assembly of the International Cooperative Alliance",
       {"ICA=International Cooperative Alliance"}},
      {"l'Assemblée générale de l'Alliance coopérative internationale",
       {"ICA=Alliance coopérative internationale"}},
      // The UN's own: the organ and its parent, side by side (GUIDELINES.md, unit and parent).
      {"the General Assembly of the United Nations decided",
       {"UNGA=General Assembly", "UN=United Nations"}},
      {"the General Assembly adopted", {"UNGA=General Assembly"}},
      {"the General Assembly of 18 April", {"UNGA=General Assembly"}},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const auto got = summary(c.text);
    INFO("got: " << join(got));
    CHECK(got == c.expected);
  }
}

TEST_CASE("a name ends at a table cell's edge (a tab), not at the next cell's capital",
          "[recognize]") {
  // HTML table cells are separated by tabs (see the HTML extractor): the next cell's first
  // word does not make the name a longer one.
  const std::vector<Case> kCases = {
      {"contributing troops to the UN Mission in Liberia\tCommuniqué\tS/PV.6375",
       {"~UNMIL=UN Mission in Liberia", "S/PV.6375=S/PV.6375"}},
      {"UN Mission for the Referendum in Western Sahara\tCommuniqué",
       {"~MINURSO=UN Mission for the Referendum in Western Sahara"}},
      // Within one cell, a capitalized word after the name still makes it a longer name.
      {"the UN Mission in Liberia Support Office", {"UN=UN"}},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.text);
    CHECK(join(summary(c.text)) == join(c.expected));
  }
}

TEST_CASE("a committee named after the resolution that established it", "[recognize]") {
  // The leading words are the committee's mention (gazetteer pursuant-to flag); the citation
  // stays a mention of its own; "Security Council" just before is part of the name.
  const std::vector<Case> kCases = {
      {"the Security Council Committee established pursuant to resolution 2206 (2015) "
       "concerning South Sudan",
       {"CTTEE-2206=Security Council Committee established pursuant to",
        "S/RES/2206(2015)=resolution 2206 (2015)"}},
      {"the Committee pursuant to resolutions 1267 (1999), 1989 (2011) and 2253 (2015)",
       {"UNSC-1267=Committee pursuant to", "S/RES/1267(1999)=resolutions 1267 (1999)",
        "S/RES/1989(2011)=1989 (2011)", "S/RES/2253(2015)=2253 (2015)"}},
      {"le Comité du Conseil de sécurité créé par la résolution 1718 (2006)",
       {"CTTEE-1718=Comité du Conseil de sécurité créé par la",
        "S/RES/1718(2006)=résolution 1718 (2006)"}},
      {"el Comité establecido en virtud de la resolución 1533 (2004)",
       {"CTTEE-1533=Comité establecido en virtud de la",
        "S/RES/1533(2004)=resolución 1533 (2004)"}},
      {"the Counter-Terrorism Committee established pursuant to resolution 1373 (2001)",
       {"CTC=Counter-Terrorism Committee", "S/RES/1373(2001)=resolution 1373 (2001)"}},
      // Not a committee: no committee was established by resolution 2334, a small-letter
      // "committee" is no name, and other words before the citation are not the lead.
      {"the Committee established pursuant to resolution 2334 (2016)",
       {"S/RES/2334(2016)=resolution 2334 (2016)"}},
      {"a committee established pursuant to resolution 2206 (2015)",
       {"S/RES/2206(2015)=resolution 2206 (2015)"}},
      {"the Panel established pursuant to resolution 2206 (2015)",
       {"S/RES/2206(2015)=resolution 2206 (2015)"}},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.text);
    CHECK(join(summary(c.text)) == join(c.expected));
  }
}

TEST_CASE("recognition is linear in the page: a 4 MB page dense with citations and definitions",
          "[recognize]") {
  // Every line cites five documents, names three bodies and defines an acronym of its own:
  // the kind of page that once took minutes (definitions, parentheses and citations were each
  // checked against the whole page). The time bound is a hang guard, not a timing goal.
  // "Alfa Bravo Charlie Delta Network (ABCDN)": a new acronym on every line.
  static constexpr const char* kWords[] = {
      "Alfa",   "Bravo",  "Charlie", "Delta", "Echo",    "Foxtrot", "Golf",  "Hotel",  "India",
      "Juliett", "Kilo",  "Lima",    "Mike",  "November", "Oscar",  "Papa",  "Quebec", "Romeo",
      "Sierra", "Tango",  "Uniform", "Victor", "Whiskey", "Xray",   "Yankee", "Zulu"};
  auto network = [](size_t i) {
    std::string name, acronym;
    for (int k = 0; k < 4; ++k, i /= 26) {
      name += std::string(kWords[i % 26]) + " ";
      acronym += kWords[i % 26][0];
    }
    return name + "Network (" + acronym + "N)";
  };
  std::string text;
  size_t lines = 0;
  while (text.size() < 4u << 20) {
    const size_t i = lines++;
    text += "Recalling resolutions " + std::to_string(40 + i % 40) + "/" +
            std::to_string(i % 300 + 1) + " of 16 December 1992 and " +
            std::to_string(20 + i % 9) + "/" + std::to_string(i % 50 + 1) +
            ", Security Council resolution " + std::to_string(100 + i % 2000) + " (" +
            std::to_string(1950 + i % 70) + "), A/" + std::to_string(40 + i % 40) + "/L." +
            std::to_string(i % 90 + 1) + " and E/" + std::to_string(2000 + i % 25) + "/" +
            std::to_string(i % 99 + 1) + ", the ILO, UNDP and UNRISD and the " + network(i) +
            ".\n";
  }
  const auto started = std::chrono::steady_clock::now();
  const concord::RecognizeResult r = concord::recognize(text, 0, gazetteer());
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  size_t symbols = 0, bodies = 0;
  for (const concord::Mention& m : r.mentions) {
    if (m.entity_id.find('/') != std::string::npos) ++symbols;
    if (m.entity_id == "ILO" || m.entity_id == "UNDP" || m.entity_id == "UNRISD") ++bodies;
  }
  CHECK(symbols == 5 * lines);
  CHECK(bodies == 3 * lines);
  CHECK(r.definitions.size() == lines);
  REQUIRE_FALSE(r.definitions.empty());
  CHECK(r.definitions.back().line == static_cast<int>(lines));
  CHECK(seconds < 60);
}

TEST_CASE("a document's recognition stops between pages when cancelled", "[recognize]") {
  const std::vector<std::string> pages = {"The ILO and UNDP.", "UNRISD and resolution 77/281."};
  std::atomic<bool> cancel{false};
  CHECK(concord::recognize_document(pages, true, gazetteer(), &cancel).mentions.size() == 4);
  cancel = true;
  CHECK(concord::recognize_document(pages, true, gazetteer(), &cancel).mentions.empty());
}
