// check's rules fed plain structs (DocFacts, as store/stored_doc.h defines them): no index, no
// database, no Xapian. One table: documents in, findings out.
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "authority/authority.h"
#include "check/check.h"
#include "recognize/gazetteer.h"

using concord::CheckOptions;
using concord::DocFacts;
using concord::FindingKind;
using concord::Mention;

namespace {

Mention mention(const std::string& id, const std::string& surface, bool variant, int line,
                const std::string& sentence) {
  Mention m;
  m.entity_id = id;
  m.surface = surface;
  m.variant = variant;
  m.line = line;
  m.sentence = sentence;
  const size_t at = sentence.find(surface);
  if (at != std::string::npos) {
    m.context_start = static_cast<uint32_t>(at);
    m.context_end = static_cast<uint32_t>(at + surface.size());
  }
  return m;
}

DocFacts document(const std::string& path, const std::string& date, std::vector<Mention> mentions) {
  DocFacts d;
  d.path = path;
  d.title = "Note";
  d.format = "text";
  d.language = "en";
  d.date = date;
  d.mentions = std::move(mentions);
  return d;
}

// "kind severity written -> suggestion", one per finding.
std::multiset<std::string> findings_of(const concord::CheckReport& report) {
  std::multiset<std::string> out;
  for (const concord::Finding& f : report.findings)
    out.insert(std::string(concord::kind_name(f.kind)) + " " +
               std::string(concord::severity_name(f.severity)) + " " + f.written + " -> " +
               f.suggestion);
  return out;
}

// "Résolutions" with e + U+0301 (NFD) and with a precomposed é (NFC).
const std::string kNfd = "/archive/Re\xCC\x81solutions";
const std::string kNfc = "/archive/R\xC3\xA9solutions";

}  // namespace

TEST_CASE("check rules on plain structs: documents in, findings out", "[check][rules]") {
  const concord::Authority authority = concord::Authority::built_in();
  const concord::Gazetteer gazetteer = concord::Gazetteer::built_in();
  const std::string misspelled = "The ILOO and its partners met.";
  const std::string draft = "Delegations recalled draft A/77/L.60 on the economy.";
  const std::string damaged = "The Assembly adopted A/RES/77/28l last year.";
  struct Case {
    const char* what;
    std::vector<DocFacts> docs;
    std::string path_prefix;
    std::multiset<std::string> expected;
    size_t documents_checked;
  };
  const std::vector<Case> cases = {
      {"a canonical citation: nothing to say",
       {document("/archive/a.txt", "2023-06-01",
                 {mention("ILO", "ILO", false, 3, "The ILO and its partners met.")})},
       "",
       {},
       1},
      {"a misspelled acronym: a warning with the canonical form",
       {document("/archive/a.txt", "2023-06-01", {mention("ILO", "ILOO", true, 3, misspelled)})},
       "",
       {"variant-spelling warning ILOO -> ILO"},
       1},
      {"a symbol read through OCR damage: an error naming what it was read as",
       {document("/archive/a.txt", "2024-01-10",
                 {mention("A/RES/77/281", "A/RES/77/28l", true, 2, damaged)})},
       "",
       {"malformed-symbol error A/RES/77/28l -> A/RES/77/281"},
       1},
      {"a draft cited after its adoption: superseded",
       {document("/archive/a.txt", "2023-06-01",
                 {mention("A/77/L.60", "A/77/L.60", false, 4, draft)})},
       "",
       {"superseded-draft warning A/77/L.60 -> A/RES/77/281"},
       1},
      {"the same draft cited before the adoption: nothing",
       {document("/archive/a.txt", "2023-04-01",
                 {mention("A/77/L.60", "A/77/L.60", false, 4, draft)})},
       "",
       {},
       1},
      {"a path prefix limits the report to the documents under it",
       {document("/archive/a/x.txt", "2023-06-01", {mention("ILO", "ILOO", true, 3, misspelled)}),
        document("/archive/ab/y.txt", "2023-06-01", {mention("ILO", "ILOO", true, 3, misspelled)})},
       "/archive/a",
       {"variant-spelling warning ILOO -> ILO"},
       1},
      {"the path rule: a folder stored in NFD is under the same folder typed in NFC",
       {document(kNfd + "/x.txt", "2023-06-01", {mention("ILO", "ILOO", true, 3, misspelled)}),
        document("/archive/Resolutions/y.txt", "2023-06-01",
                 {mention("ILO", "ILOO", true, 3, misspelled)})},
       kNfc,
       {"variant-spelling warning ILOO -> ILO"},
       1},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    CheckOptions options;
    options.all_kinds = true;
    options.path_prefix = c.path_prefix;
    options.id_roots = {"/archive"};
    const concord::CheckReport report = concord::check_facts(c.docs, authority, gazetteer, options);
    CHECK(findings_of(report) == c.expected);
    CHECK(report.documents_checked == c.documents_checked);
  }
}

TEST_CASE("check rules on plain structs: an accepted finding is silenced by its id",
          "[check][rules]") {
  const concord::Authority authority = concord::Authority::built_in();
  const concord::Gazetteer gazetteer = concord::Gazetteer::built_in();
  const std::vector<DocFacts> docs = {
      document("/archive/press/a.txt", "2023-06-01",
               {mention("ILO", "ILOO", true, 3, "The ILOO and its partners met.")})};
  CheckOptions options;
  options.id_roots = {"/archive"};
  // The id hashes the path relative to the indexed folder, the text and the suggestion.
  const std::string id =
      concord::finding_id(FindingKind::kVariantSpelling, "press/a.txt", "ILOO", "ILO", 0);
  const concord::CheckReport before = concord::check_facts(docs, authority, gazetteer, options);
  REQUIRE(before.findings.size() == 1);
  CHECK(before.findings[0].id == id);
  options.accepted = {id};
  const concord::CheckReport after = concord::check_facts(docs, authority, gazetteer, options);
  CHECK(after.findings.empty());
  CHECK(after.accepted == 1);
  CHECK(after.accepted_ids.count(id) == 1);
}
