// The checker on purpose-made archives indexed into temporary databases: each finding kind,
// partial dates, accepted findings, and nothing on a clean archive.
#include "check/check.h"

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>

#include "index/indexer.h"
#include "output/render_check.h"
#include "store/path_scope.h"
#include "store/reader.h"
#include "support.h"

using concord::CheckReport;
using concord::Finding;
using concord::FindingKind;
using concord::Severity;
using concord::test::TempDir;

namespace {

// Files (relative path -> text) indexed into a fresh database.
struct Archive {
  TempDir dir;
  std::string db;
  explicit Archive(const std::map<std::string, std::string>& files) {
    for (const auto& [path, text] : files) dir.write("docs/" + path, text);
    db = dir.str() + "/db";
    concord::IndexOptions o;
    o.db_path = db;
    o.roots = {dir.str() + "/docs"};
    REQUIRE(concord::run_index(o, nullptr).failed == 0);
  }
  CheckReport check(bool all = true, std::vector<std::string> accept = {}) const {
    concord::RunCheckOptions o;
    o.db_path = db;
    o.all_kinds = all;
    o.accept_files = std::move(accept);
    return concord::run_check(o);
  }
  // The stored facts of every document, read by several workers, in path order.
  std::vector<concord::DocFacts> facts() const {
    std::vector<concord::DocFacts> docs;
    concord::read_index(db, [&](const concord::IndexReader& reader) {
      std::vector<std::vector<concord::DocFacts>> per_worker(3);
      reader.for_each_facts(concord::PathScope(), concord::FactsFilter(), 3,
                            [&](unsigned w, concord::DocFacts&& f) {
                              per_worker[w].push_back(std::move(f));
                            });
      for (auto& part : per_worker)
        for (auto& f : part) docs.push_back(std::move(f));
      return 0;
    });
    std::sort(docs.begin(), docs.end(), [](const concord::DocFacts& x, const concord::DocFacts& y) {
      return x.path < y.path;
    });
    return docs;
  }
};

std::string doc(const std::string& title, const std::string& date, const std::string& body) {
  return "Title: " + title + "\nDate: " + date + "\n\n" + body + "\n";
}

std::string file_of(const Finding& f) { return f.path.substr(f.path.rfind('/') + 1); }

std::vector<const Finding*> of_kind(const CheckReport& r, FindingKind kind) {
  std::vector<const Finding*> out;
  for (const Finding& f : r.findings)
    if (f.kind == kind) out.push_back(&f);
  return out;
}

std::string describe(const CheckReport& r) {
  std::string s;
  for (const Finding& f : r.findings)
    s += std::string(concord::kind_name(f.kind)) + " " + file_of(f) + ":" + std::to_string(f.line) +
         " [" + f.written + "] -> " + f.suggestion + " (" + f.message + ")\n";
  return s;
}

}  // namespace

TEST_CASE("a clean archive has no findings, with every kind enabled", "[check]") {
  Archive a({
      {"press.txt",
       doc("Press", "19 April 2023",
           "The General Assembly adopted resolution 77/281 on 18 April 2023. "
           "The resolution A/RES/77/281, entitled \"Promoting the social and solidarity economy "
           "for sustainable development\", was tabled as draft A/77/L.60 and will be issued as "
           "A/RES/77/281.")},
      {"draft.txt",
       doc("Before the vote", "1 April 2023",
           "Delegations are negotiating draft A/77/L.60 on the social and solidarity economy.")},
      {"fr.txt",
       doc("Communiqué", "20 avril 2023",
           "Le 18 avril 2023, l'Assemblée générale a adopté la résolution 77/281 intitulée "
           "« Promouvoir l'économie sociale et solidaire au service du développement durable ». "
           "L'économie sociale et solidaire (ESS) est reconnue.")},
      {"es.txt", doc("Comunicado", "20 de abril de 2023",
                     "La Asamblea General aprobó el 18 de abril de 2023 la resolución 77/281. "
                     "La economía social y solidaria (ESS) gana visibilidad.")},
      {"one_year.txt",
       doc("One year on", "5 February 2024",
           "When the General Assembly adopted resolution 77/281 on April 18th last year, "
           "many described it as a turning point.")},
      {"forum1.txt",
       doc("Forum", "8 May 2023", "The Global Social Economy Forum (GSEF) met in Dakar.")},
      {"forum2.txt",
       doc("Forum again", "9 May 2023", "GSEF (Global Social Economy Forum) members met again.")},
      {"guide.txt",
       doc("Guide", "2 October 2023",
           "Security Council resolution 2334 (2016) was adopted on 23 December 2016. "
           "Resolution 242 (1967) is older. The ILO Promotion of Cooperatives Recommendation, 2002 "
           "(No. 193) remains the standard.")},
  });
  const CheckReport r = a.check(true);
  INFO(describe(r));
  CHECK(r.findings.empty());
  CHECK(r.documents_checked == 8);
}

TEST_CASE("conflicting citations: right date or title, wrong number", "[check]") {
  Archive a({
      {"roundup.txt", doc("Round-up", "2 June 2023",
                          "Cities follow General Assembly resolution 77/218, adopted on 18 April "
                          "2023, on promoting "
                          "the social and solidarity economy for sustainable development.")},
      {"date_only.txt", doc("Date only", "3 June 2023",
                            "Member States recalled resolution 76/281, adopted on 18 April 2023, "
                            "in their statements.")},
      {"title_only.txt", doc("Title only", "4 June 2023",
                             "The network welcomed resolution 77/28 on promoting the social and "
                             "solidarity economy.")},
      {"last_year.txt", doc("One year on", "5 February 2024",
                            "The General Assembly adopted resolution 77/218 on April 18th last "
                            "year, and much changed.")},
      {"partial.txt",
       doc("Partial", "5 February 2024",
           "The General Assembly adopted resolution 77/218 on 18 April, and networks celebrated.")},
      {"fr_last_year.txt",
       doc("Compte rendu", "14 mars 2024",
           "La résolution 77/218, adoptée le 18 avril de l'an dernier, reste mal connue.")},
      {"old.txt", doc("Old note", "10 January 2020",
                      "The General Assembly adopted resolution 74/218 on April 18th last year.")},
      {"both.txt", doc("Both", "6 June 2023",
                       "Recalling resolution 77/281 of 18 April 2023 and resolution 77/218 on "
                       "another subject.")},
  });
  const CheckReport r = a.check(false);
  INFO(describe(r));
  const auto found = of_kind(r, FindingKind::kConflictingCitation);
  std::map<std::string, const Finding*> by_file;
  for (const Finding* f : found) by_file[file_of(*f)] = f;
  for (const char* file : {"roundup.txt", "date_only.txt", "title_only.txt", "last_year.txt",
                           "partial.txt", "fr_last_year.txt"}) {
    INFO(file);
    REQUIRE(by_file.count(file));
    const Finding& f = *by_file[file];
    CHECK(f.suggestion == "A/RES/77/281");
    CHECK(f.severity == Severity::kError);
    REQUIRE(f.evidence.authority);
    CHECK(f.evidence.authority->symbol == "A/RES/77/281");
    CHECK(f.line > 0);
    CHECK(f.id.size() == 16);
  }
  CHECK(by_file["roundup.txt"]->written == "resolution 77/218");
  CHECK(by_file["roundup.txt"]->entity_id == "A/RES/77/218");
  CHECK_THAT(by_file["roundup.txt"]->sentence,
             Catch::Matchers::Contains("adopted on 18 April 2023"));
  // "last year" in a 2020 document is 2019: not the SSE resolution's date.
  CHECK(by_file.count("old.txt") == 0);
  // The date belongs to the other resolution named in the same sentence.
  CHECK(by_file.count("both.txt") == 0);
  CHECK(found.size() == 6);
}

TEST_CASE("a date most of the archive attaches to another symbol", "[check]") {
  // Resolutions adopted the same day share a date: 78/132 cited with 78/123's date is a
  // conflict only when the archive also dates 78/132 otherwise.
  std::map<std::string, std::string> files;
  for (int i = 1; i <= 4; ++i)
    files["majority" + std::to_string(i) + ".txt"] =
        doc("Note " + std::to_string(i), "1 March 2024",
            "Recalling resolution 78/123, adopted on 19 December 2023, members acted.");
  files["minority.txt"] =
      doc("Odd note", "2 March 2024",
          "Recalling resolution 78/132, adopted on 19 December 2023, members acted.");
  {
    Archive a(files);
    const CheckReport r = a.check(false);
    INFO(describe(r));
    CHECK(of_kind(r, FindingKind::kConflictingCitation).empty());
  }
  for (int i = 1; i <= 3; ++i)
    files["own" + std::to_string(i) + ".txt"] =
        doc("Own " + std::to_string(i), "3 March 2024",
            "Recalling resolution 78/132, adopted on 22 December 2023, members acted.");
  Archive a(files);
  const CheckReport r = a.check(false);
  INFO(describe(r));
  const auto found = of_kind(r, FindingKind::kConflictingCitation);
  REQUIRE(found.size() == 1);
  CHECK(file_of(*found[0]) == "minority.txt");
  CHECK(found[0]->suggestion == "A/RES/78/123");
  CHECK(found[0]->evidence.documents_total == 4);
  CHECK(found[0]->evidence.documents.size() == 4);
  CHECK_FALSE(found[0]->evidence.authority);
}

TEST_CASE("a citation is judged on each of its dates, in any document order", "[check]") {
  // 78/132 has a date of its own (22 December, three documents). Two documents also cite it
  // with 19 December, which is then its own too: no finding there. One cites it with 19 and
  // with 20 December, and 20 December belongs to 78/124 everywhere else: a finding on that
  // date, whether that document comes before or after the two.
  std::map<std::string, std::string> files;
  for (int i = 1; i <= 4; ++i) {
    files["m123-" + std::to_string(i) + ".txt"] =
        doc("Note", "1 March 2024", "Recalling resolution 78/123, adopted on 19 December 2023.");
    files["m124-" + std::to_string(i) + ".txt"] =
        doc("Note", "1 March 2024", "Recalling resolution 78/124, adopted on 20 December 2023.");
  }
  for (int i = 1; i <= 3; ++i)
    files["own" + std::to_string(i) + ".txt"] =
        doc("Own", "3 March 2024", "Recalling resolution 78/132, adopted on 22 December 2023.");
  for (int i = 1; i <= 2; ++i)
    files["twice" + std::to_string(i) + ".txt"] =
        doc("Twice", "4 March 2024", "Recalling resolution 78/132, adopted on 19 December 2023.");
  files["both.txt"] = doc("Both", "5 March 2024",
                          "Recalling resolution 78/132 (19 December 2023, 20 December 2023).");
  Archive a(files);
  const std::vector<concord::DocFacts> docs = a.facts();
  REQUIRE(docs.size() == files.size());
  const concord::Authority authority = concord::Authority::built_in();
  const concord::Gazetteer gazetteer = concord::Gazetteer::built_in();
  const std::vector<concord::DocFacts> reversed(docs.rbegin(), docs.rend());
  for (const auto* order : {&docs, &reversed}) {
    const CheckReport r = concord::check_facts(*order, authority, gazetteer, {});
    INFO(describe(r));
    const auto found = of_kind(r, FindingKind::kConflictingCitation);
    REQUIRE(found.size() == 1);
    CHECK(file_of(*found[0]) == "both.txt");
    CHECK(found[0]->suggestion == "A/RES/78/124");
    CHECK_THAT(found[0]->message, Catch::Matchers::Contains("2023-12-20"));
  }
}

TEST_CASE("superseded drafts: only after the adoption, quieter when the adopted text is cited",
          "[check]") {
  Archive a({
      {"after.txt",
       doc("After", "1 June 2023", "Networks should implement A/77/L.60 at national level.")},
      {"both.txt", doc("Both", "2 June 2023",
                       "The draft was A/77/L.60.\n\nThe final text is resolution 77/281 of the "
                       "General Assembly.")},
      {"before.txt", doc("Before", "1 March 2023", "Delegations discuss A/77/L.60 in New York.")},
      {"revision.txt", doc("Revision", "3 June 2023", "See A/77/L.60/Rev.1 for the text.")},
  });
  const CheckReport r = a.check(false);
  INFO(describe(r));
  const auto found = of_kind(r, FindingKind::kSupersededDraft);
  std::map<std::string, const Finding*> by_file;
  for (const Finding* f : found) by_file[file_of(*f)] = f;
  REQUIRE(by_file.count("after.txt"));
  CHECK(by_file["after.txt"]->severity == Severity::kWarning);
  CHECK(by_file["after.txt"]->suggestion == "A/RES/77/281");
  REQUIRE(by_file.count("both.txt"));
  CHECK(by_file["both.txt"]->severity == Severity::kInfo);
  REQUIRE(by_file.count("revision.txt"));
  CHECK(by_file["revision.txt"]->suggestion == "A/RES/77/281");
  CHECK(by_file.count("before.txt") == 0);
  CHECK(found.size() == 3);
}

TEST_CASE("definitions that name one body are not inconsistent", "[check]") {
  // Real pairs from the General Debate speeches: long forms cut differently by the definition
  // finder, another spelling of one word. Each acronym also has one definition that names
  // something else, which must still be reported.
  Archive a({
      {"n1.txt", doc("N1", "1 May 2000",
                     "the Treaty on the Non-Proliferation of Nuclear Weapons (NPT) holds.")},
      {"n2.txt", doc("N2", "2 May 2000",
                     "the Treaty on the Non-Proliferation of Nuclear Weapons (NPT) again.")},
      {"n3.txt", doc("N3", "3 May 2000", "the Non-Proliferation Treaty (NPT) was extended.")},
      {"n5.txt", doc("N5", "5 May 2000", "the National Party of Tonga (NPT) won.")},
      {"e1.txt", doc("E1", "6 May 2000",
                     "the Caribbean Environmental Health Institute (CEHI) met.")},
      {"e2.txt", doc("E2", "7 May 2000", "the Caribbean Environment Health Institute (CEHI) met.")},
      {"e3.txt", doc("E3", "8 May 2000",
                     "the Caribbean Environmental Health Institute (CEHI) reported.")},
      {"e4.txt", doc("E4", "9 May 2000", "the Central European Housing Initiative (CEHI) met.")},
  });
  const CheckReport r = a.check(false);
  INFO(describe(r));
  std::set<std::string> files;
  for (const Finding* f : of_kind(r, FindingKind::kInconsistentDefinition))
    files.insert(file_of(*f));
  CHECK(files == std::set<std::string>{"n5.txt", "e4.txt"});
}

TEST_CASE("inconsistent definitions across documents: the minority is reported", "[check]") {
  Archive a({
      {"a.txt",
       doc("A", "1 May 2023", "The Global Social Economy Forum (GSEF) meets in Bordeaux.")},
      {"b.txt", doc("B", "2 May 2023", "GSEF (Global Social Economy Forum) members met.")},
      {"c.txt",
       doc("C", "3 May 2023", "The Forum mondial de l'économie sociale (GSEF) se réunit.")},
      {"odd.txt",
       doc("Odd", "4 May 2023", "GSEF (Global Solidarity Economy Forum) gathered mayors.")},
      {"r1.txt",
       doc("R1", "5 May 2023", "La Red de Economía Social de las Américas (RESAM) nace.")},
      {"r2.txt",
       doc("R2", "6 May 2023", "La Red de Economía Social de las Américas (RESAM) crece.")},
      {"r3.txt",
       doc("R3", "7 May 2023", "La Red Económica Solidaria del Atlántico Medio (RESAM) duda.")},
  });
  const CheckReport r = a.check(false);
  INFO(describe(r));
  const auto found = of_kind(r, FindingKind::kInconsistentDefinition);
  REQUIRE(found.size() == 2);
  std::map<std::string, const Finding*> by_file;
  for (const Finding* f : found) by_file[file_of(*f)] = f;
  REQUIRE(by_file.count("odd.txt"));
  CHECK(by_file["odd.txt"]->suggestion == "Global Social Economy Forum");
  CHECK(by_file["odd.txt"]->severity == Severity::kWarning);
  CHECK(by_file["odd.txt"]->evidence.documents_total == 3);
  REQUIRE(by_file.count("r3.txt"));
  CHECK(by_file["r3.txt"]->suggestion == "Red de Economía Social de las Américas");
  CHECK(by_file["r3.txt"]->evidence.documents_total == 2);
}

TEST_CASE("malformed symbols: grammar, ranges, Security Council years", "[check]") {
  Archive a({
      {"sc.txt",
       doc("SC", "1 March 2020",
           "The ILO recalled Security Council resolution 2334 (2006) on the Middle East.")},
      {"number.txt",
       doc("Number", "1 June 2023", "The ILO recalled resolution A/RES/77/2810 on the SSE.")},
      {"session.txt", doc("Session", "1 June 2023", "The ILO recalled A/RES/87/281 on the SSE.")},
      {"slashes.txt", doc("Slashes", "1 June 2023", "The ILO recalled A/RES//77/281 on the SSE.")},
      {"zero.txt", doc("Zero", "1 June 2023", "The ILO recalled A/RES/077/281 on the SSE.")},
      {"draft.txt", doc("Draft", "1 June 2023", "The ILO recalled draft A/77/L60 on the SSE.")},
      {"old.txt", doc("Old", "1 June 2023", "The ILO recalled A/RES/25/123 on that subject.")},
      {"res.txt", doc("Res", "1 June 2023", "The ILO recalled A/RE/77/281 on that subject.")},
      {"sc_ok.txt", doc("SC fine", "1 March 2020",
                        "Security Council resolution 242 (1967) and S/RES/2118 (2013) stand.")},
  });
  const CheckReport r = a.check(false);
  INFO(describe(r));
  const auto found = of_kind(r, FindingKind::kMalformedSymbol);
  std::map<std::string, const Finding*> by_file;
  for (const Finding* f : found) by_file[file_of(*f)] = f;
  struct Case {
    const char* file;
    const char* suggestion;
  };
  const std::vector<Case> cases = {
      {"sc.txt", "S/RES/2334(2016)"},
      {"number.txt", "A/RES/77/281"},
      {"session.txt", "A/RES/77/281"},
      {"slashes.txt", "A/RES/77/281"},
      {"zero.txt", "A/RES/77/281"},
      {"draft.txt", "A/77/L.60"},
      {"old.txt", ""},
      {"res.txt", "A/RES/77/281"},
  };
  for (const Case& c : cases) {
    INFO(c.file);
    REQUIRE(by_file.count(c.file));
    CHECK(by_file[c.file]->suggestion == c.suggestion);
    CHECK(by_file[c.file]->severity == Severity::kError);
  }
  CHECK(by_file["slashes.txt"]->written == "A/RES//77/281");
  CHECK(by_file.count("sc_ok.txt") == 0);
  CHECK(found.size() == cases.size());
}

TEST_CASE("variant spellings and unknown symbols", "[check]") {
  Archive a({
      {"a.txt", doc("A", "1 May 2023", "The UNTFSSE met. UNRISD published a paper.")},
      {"b.txt", doc("B", "2 May 2023",
                    "The UNTFSEE will report. A/RES/78/1 and resolution 77/218 were cited.")},
  });
  const CheckReport r = a.check(true);
  INFO(describe(r));
  const auto variants = of_kind(r, FindingKind::kVariantSpelling);
  REQUIRE(variants.size() == 1);
  CHECK(variants[0]->written == "UNTFSEE");
  CHECK(variants[0]->suggestion == "UNTFSSE");
  CHECK(variants[0]->severity == Severity::kWarning);
  CHECK(variants[0]->evidence.documents_total == 1);
  const auto unknown = of_kind(r, FindingKind::kUnknownSymbol);
  REQUIRE(unknown.size() == 2);
  std::map<std::string, const Finding*> by_id;
  for (const Finding* f : unknown) by_id[f->entity_id] = f;
  REQUIRE(by_id.count("A/RES/77/218"));
  CHECK(by_id["A/RES/77/218"]->suggestion == "A/RES/77/281");  // transposed digits
  CHECK(by_id["A/RES/77/218"]->severity == Severity::kInfo);
  REQUIRE(by_id.count("A/RES/78/1"));
  CHECK(by_id["A/RES/78/1"]->suggestion.empty());
  // Off by default.
  CHECK(of_kind(a.check(false), FindingKind::kUnknownSymbol).empty());
}

TEST_CASE("an unknown symbol is reported once per document, where it is first cited", "[check]") {
  Archive a({
      {"c.txt", doc("C", "3 May 2023",
                    "Delegates cited resolution 78/1 first.\n\nThen A/RES/78/1 again.\n\nAnd "
                    "A/RES/78/1 once more, beside A/RES/78/2.")},
      {"d.txt", doc("D", "4 May 2023", "A/RES/78/1 was cited here too.")},
  });
  const CheckReport r = a.check(true);
  INFO(describe(r));
  std::map<std::string, std::vector<const Finding*>> by_id;
  for (const Finding* f : of_kind(r, FindingKind::kUnknownSymbol)) by_id[f->entity_id].push_back(f);
  REQUIRE(by_id["A/RES/78/1"].size() == 2);
  const Finding& first = *by_id["A/RES/78/1"][0];
  CHECK(file_of(first) == "c.txt");
  CHECK(first.written == "resolution 78/1");
  CHECK(first.line == 4);
  CHECK(first.evidence.documents_total == 2);
  CHECK(file_of(*by_id["A/RES/78/1"][1]) == "d.txt");
  REQUIRE(by_id["A/RES/78/2"].size() == 1);
  CHECK(by_id["A/RES/78/2"][0]->line == 8);
}

TEST_CASE("evidence counts documents, not mentions, past its ten examples", "[check]") {
  // Fourteen documents each citing an unknown symbol twice: 14 documents, the first ten by
  // path as examples (the count once went wrong past the tenth example, counting mentions).
  std::map<std::string, std::string> files;
  for (int i = 0; i < 14; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "n%02d.txt", i);
    files[name] = doc("Note", "1 May 2023", "A/RES/78/1 was cited. Again: A/RES/78/1.");
  }
  Archive a(files);
  const CheckReport r = a.check(true);
  const auto unknown = of_kind(r, FindingKind::kUnknownSymbol);
  REQUIRE(!unknown.empty());
  for (const Finding* f : unknown) {
    CHECK(f->evidence.documents_total == 14);
    REQUIRE(f->evidence.documents.size() == concord::kMaxEvidenceDocs);
    for (size_t i = 0; i < f->evidence.documents.size(); ++i) {
      char name[32];
      std::snprintf(name, sizeof name, "n%02zu.txt", i);
      CHECK(std::filesystem::path(f->evidence.documents[i].path).filename() == name);
    }
  }
}

TEST_CASE("accepted findings are silenced, ids are stable", "[check]") {
  Archive a({
      {"roundup.txt",
       doc("Round-up", "2 June 2023",
           "General Assembly resolution 77/218, adopted on 18 April 2023, matters.")},
      {"typo.txt", doc("Typo", "2 June 2023", "The UNTFSEE met.")},
  });
  const CheckReport first = a.check(false);
  INFO(describe(first));
  REQUIRE(first.findings.size() == 2);
  CHECK(a.check(false).findings[0].id == first.findings[0].id);  // stable across runs
  CHECK(first.findings[0].id_path == "roundup.txt");             // relative to the indexed folder
  CHECK(first.findings[0].id == concord::finding_id(first.findings[0].kind, "roundup.txt",
                                                    first.findings[0].written,
                                                    first.findings[0].suggestion, 0));
  const std::string accept =
      a.dir.write("accept.txt",
                  "# reviewed 2024-03-01\n\n" + first.findings[0].id + "  # wrong number, known\n");
  const CheckReport second = a.check(false, {accept});
  REQUIRE(second.findings.size() == 1);
  CHECK(second.findings[0].id == first.findings[1].id);
  CHECK(second.accepted == 1);
  CHECK(second.problems.empty());
  // accept_lines() output reads back as the same ids.
  const std::string all =
      a.dir.write("all.txt", concord::accept_lines(first.findings, a.dir.str()));
  const CheckReport third = a.check(false, {all});
  CHECK(third.findings.empty());
  CHECK(third.accepted == 2);
}

TEST_CASE("a path prefix limits the report, not the evidence", "[check]") {
  Archive a({
      {"in/odd.txt",
       doc("Odd", "4 May 2023", "GSEF (Global Solidarity Economy Forum) gathered mayors.")},
      {"out/a.txt", doc("A", "1 May 2023", "The Global Social Economy Forum (GSEF) meets.")},
      {"out/b.txt", doc("B", "2 May 2023", "The Global Social Economy Forum (GSEF) met.")},
      {"out/typo.txt", doc("Typo", "2 June 2023", "The UNTFSEE met.")},
  });
  concord::RunCheckOptions o;
  o.db_path = a.db;
  o.path_prefix = a.dir.str() + "/docs/in";
  const CheckReport r = concord::run_check(o);
  INFO(describe(r));
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].kind == FindingKind::kInconsistentDefinition);
  CHECK(r.documents_checked == 1);
}

TEST_CASE("kind and severity names round-trip", "[check]") {
  for (FindingKind k : concord::kAllFindingKinds)
    CHECK(concord::parse_kind(concord::kind_name(k)) == k);
  CHECK_FALSE(concord::parse_kind("nonsense"));
  CHECK(concord::parse_severity("warning") == Severity::kWarning);
  CHECK(Severity::kInfo < Severity::kWarning);
  CHECK(Severity::kWarning < Severity::kError);
  CHECK_FALSE(concord::enabled_by_default(FindingKind::kUnknownSymbol));
  CHECK(concord::enabled_by_default(FindingKind::kConflictingCitation));
}

TEST_CASE("real slips in Security Council citations get the intended symbol", "[check]") {
  // From real General Debate speeches (../shared/corpora/ungdc): a wrong year, a one-digit
  // slip in the number, and OCR's I for 1.
  struct Case {
    const char* file;
    const char* text;
    const char* suggestion;
  };
  const std::vector<Case> cases = {
      {"year.txt", "We recall Security Council resolution 435 (1973) on Namibia.",
       "S/RES/435(1978)"},
      {"digit.txt", "The Council adopted resolution 322 (1982) calling for a ceasefire.",
       "S/RES/522(1982)"},
      {"digit2.txt", "In resolutions 308 (1982) the Council demanded withdrawal.",
       "S/RES/508(1982)"},
      {"ocr.txt", "It is time to implement resolution 43 I (1978) in full.", "S/RES/431(1978)"},
  };
  std::map<std::string, std::string> files;
  for (const Case& c : cases) files[c.file] = doc(c.file, "1 October 1988", c.text);
  Archive a(files);
  const CheckReport r = a.check(false);
  INFO(describe(r));
  const auto found = of_kind(r, FindingKind::kMalformedSymbol);
  std::map<std::string, const Finding*> by_file;
  for (const Finding* f : found) by_file[file_of(*f)] = f;
  for (const Case& c : cases) {
    INFO(c.file);
    REQUIRE(by_file.count(c.file));
    CHECK(by_file[c.file]->suggestion == c.suggestion);
    CHECK(by_file[c.file]->severity == Severity::kError);
  }
  CHECK(found.size() == cases.size());
}

TEST_CASE("the report does not depend on how documents are split among checkers", "[check]") {
  // An archive that feeds every archive-wide rule: a date the majority gives another
  // resolution, definitions that disagree, a misspelling whose canonical form is written in
  // more documents than the evidence lists, and symbols no authority knows. run_check() reads
  // it with several checkers in parallel; here the same facts go through one checker in
  // order, one in reverse, and three fed in a shuffled order and merged.
  std::map<std::string, std::string> files;
  for (int i = 1; i <= 13; ++i)
    files["majority" + std::to_string(i) + ".txt"] =
        doc("Note " + std::to_string(i), "1 March 2024",
            "Recalling resolution 78/123, adopted on 19 December 2023, members acted. The UNTFSSE "
            "and its partners met. The Global Social Economy Forum (GSEF) reported. Resolution "
            "55/9999 was read again.");
  files["minority.txt"] =
      doc("Odd note", "2 March 2024",
          "Recalling resolution 78/132, adopted on 19 December 2023, members acted.");
  for (int i = 1; i <= 3; ++i)
    files["own" + std::to_string(i) + ".txt"] =
        doc("Own " + std::to_string(i), "3 March 2024",
            "Recalling resolution 78/132, adopted on 22 December 2023, members acted. The "
            "UNTFFSE and its partners met. The Global Solidarity Enterprise Fund (GSEF) met.");
  Archive a(files);
  const CheckReport parallel = a.check(true);
  INFO(describe(parallel));
  REQUIRE(of_kind(parallel, FindingKind::kConflictingCitation).size() == 1);
  REQUIRE_FALSE(of_kind(parallel, FindingKind::kInconsistentDefinition).empty());
  const auto variants = of_kind(parallel, FindingKind::kVariantSpelling);
  REQUIRE(variants.size() == 3);
  CHECK(variants[0]->evidence.documents_total == 13);
  CHECK(variants[0]->evidence.documents.size() == concord::kMaxEvidenceDocs);
  REQUIRE_FALSE(of_kind(parallel, FindingKind::kUnknownSymbol).empty());

  // The stored facts, read by several workers: every document exactly once.
  const std::vector<concord::DocFacts> docs = a.facts();
  std::set<std::string> paths;
  for (const concord::DocFacts& d : docs) paths.insert(d.path);
  REQUIRE(docs.size() == files.size());
  REQUIRE(paths.size() == files.size());

  const concord::Authority authority = concord::Authority::built_in();
  const concord::Gazetteer gazetteer = concord::Gazetteer::built_in();
  concord::CheckOptions options;
  options.all_kinds = true;
  options.id_roots = {a.dir.str() + "/docs"};
  const auto json = [](const CheckReport& r) {
    return concord::render_check_json(r, Severity::kError);
  };
  const std::string in_order = json(concord::check_facts(docs, authority, gazetteer, options));
  CHECK(in_order == json(parallel));
  std::vector<concord::DocFacts> reversed(docs.rbegin(), docs.rend());
  CHECK(json(concord::check_facts(reversed, authority, gazetteer, options)) == in_order);
  std::vector<size_t> order(docs.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = (i * 7 + 3) % order.size();  // 7 is coprime with 17
  REQUIRE(std::set<size_t>(order.begin(), order.end()).size() == order.size());
  std::vector<std::unique_ptr<concord::Checker>> checkers;
  for (int i = 0; i < 3; ++i)
    checkers.push_back(std::make_unique<concord::Checker>(authority, gazetteer, options));
  for (size_t i = 0; i < order.size(); ++i) checkers[i % 3]->add(docs[order[i]]);
  checkers[2]->merge(std::move(*checkers[0]));
  checkers[2]->merge(std::move(*checkers[1]));
  CHECK(json(checkers[2]->finish()) == in_order);
}

TEST_CASE("reading facts in parallel stops every thread on the first error", "[check][db]") {
  std::map<std::string, std::string> files;
  for (int i = 0; i < 300; ++i)
    files["n" + std::to_string(i) + ".txt"] = doc("N", "1 March 2024", "The ILO met.");
  Archive a(files);
  std::atomic<int> seen{0};
  CHECK_THROWS_WITH(concord::read_index(a.db,
                                        [&](const concord::IndexReader& reader) {
                                          reader.for_each_facts(
                                              concord::PathScope(), concord::FactsFilter(), 4,
                                              [&](unsigned, concord::DocFacts&&) {
                                                if (++seen == 150)
                                                  throw std::runtime_error("stop here");
                                              });
                                          return 0;
                                        }),
                    Catch::Contains("stop here"));
  CHECK(seen >= 150);
  CHECK(seen < 300);
}
