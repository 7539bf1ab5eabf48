// Real UN documents (tests/data/real/, copied from the public corpora of bench/real) against
// their hand annotation (the *.gold.tsv beside each, made by annotators who did not run
// Concord; format in bench/real/GUIDELINES.md), and the document's own symbol as its identity.
// The larger evaluation (59 documents) is bench/real/evaluate.py; this keeps three of them in
// every test run.
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <tuple>

#include "extract/extract.h"
#include "index/indexer.h"
#include "recognize/gazetteer.h"
#include "recognize/recognize.h"
#include "support.h"
#include "xref/xref.h"

namespace {

using concord::test::read_file;
using concord::test::source_path;
using Key = std::tuple<std::string, int, std::string>;  // document, page, id

const char* const kDocuments[] = {"A_RES_80_25.pdf", "S_2025_257.en.pdf",
                                  "HRI_MC_2025_1.en.pdf"};

std::vector<std::vector<std::string>> tsv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cells;
    size_t from = 0;
    for (size_t tab; (tab = line.find('\t', from)) != std::string::npos; from = tab + 1)
      cells.push_back(line.substr(from, tab - from));
    cells.push_back(line.substr(from));
    rows.push_back(std::move(cells));
  }
  return rows;
}

struct Score {
  std::map<Key, int> gold, found;
  double precision() const { return ratio(found); }
  double recall() const { return ratio(gold); }
  int correct() const {
    int c = 0;
    for (const auto& [k, n] : gold) {
      auto it = found.find(k);
      if (it != found.end()) c += std::min(n, it->second);
    }
    return c;
  }
  double ratio(const std::map<Key, int>& of) const {
    int total = 0;
    for (const auto& [k, n] : of) total += n;
    return total == 0 ? 1.0 : static_cast<double>(correct()) / total;
  }
  std::string misses_and_false_alarms() const {
    std::string out;
    for (const auto& [k, n] : gold) {
      auto it = found.find(k);
      const int f = it == found.end() ? 0 : it->second;
      if (f < n) out += "missed " + std::get<0>(k) + " p" + std::to_string(std::get<1>(k)) + " " +
                        std::get<2>(k) + "\n";
    }
    for (const auto& [k, n] : found) {
      auto it = gold.find(k);
      const int g = it == gold.end() ? 0 : it->second;
      if (g < n) out += "false " + std::get<0>(k) + " p" + std::to_string(std::get<1>(k)) + " " +
                        std::get<2>(k) + "\n";
    }
    return out;
  }
};

}  // namespace

TEST_CASE("real UN documents: symbols and organizations against their hand annotation",
          "[real][recognize]") {
  const concord::Gazetteer gazetteer = concord::Gazetteer::built_in();
  std::map<std::string, std::string> id_map;  // annotators' ids -> gazetteer ids
  for (const auto& row : tsv_rows(read_file(source_path("tests/data/real/id_map.tsv"))))
    if (row.size() >= 2) id_map[row[0]] = row[1];

  Score symbols, orgs;
  std::map<Key, int> unsure;  // neither required nor penalized
  for (const char* name : kDocuments) {
    const std::string path = source_path(std::string("tests/data/real/") + name);
    for (const auto& row : tsv_rows(read_file(path + ".gold.tsv"))) {
      if (row.size() < 3 || row[0] == "page") continue;
      std::string id = row[2];
      if (auto it = id_map.find(id); it != id_map.end()) id = it->second;
      const Key key{name, std::stoi(row[0]), id};
      const bool is_unsure = row.size() >= 6 && row[5].rfind("unsure", 0) == 0;
      if (is_unsure)
        ++unsure[key];
      else
        ++(row[1] == "symbol" ? symbols : orgs).gold[key];
    }
    const std::string bytes = read_file(path);
    const concord::ExtractResult extracted = concord::extract(bytes, concord::Format::kPdf);
    REQUIRE_FALSE(extracted.problem);
    const auto result =
        concord::recognize_document(extracted.doc.pages, extracted.doc.paged, gazetteer);
    for (const concord::Mention& m : result.mentions) {
      const Key key{name, m.page, m.entity_id};
      if (auto it = unsure.find(key); it != unsure.end() && it->second > 0) {
        --it->second;
        continue;
      }
      const std::string type = gazetteer.type_of(m.entity_id);
      if (type == "symbol" || type == "ilo-instrument")
        ++symbols.found[key];
      else if (type != "concept" && type != "event" && type != "treaty" && type != "discovered")
        ++orgs.found[key];
    }
  }
  INFO("symbols:\n" << symbols.misses_and_false_alarms());
  INFO("organizations:\n" << orgs.misses_and_false_alarms());
  INFO("symbols P " << symbols.precision() << " R " << symbols.recall() << "; organizations P "
                    << orgs.precision() << " R " << orgs.recall());
  // 87 symbol and 59 organization mentions annotated. Symbols hold the target (0.97);
  // organizations are guarded at what they reach today on these three (one Security Council
  // sanctions committee, a group of governmental experts and Frontex are known misses).
  CHECK(symbols.gold.size() > 50);
  CHECK(symbols.precision() >= 0.97);
  CHECK(symbols.recall() >= 0.97);
  CHECK(orgs.precision() >= 0.90);
  CHECK(orgs.recall() >= 0.90);
}

TEST_CASE("a real document's own symbol is its identity: xref tells it from its citers",
          "[real][xref]") {
  concord::test::TempDir dir;
  std::filesystem::create_directories(dir.path() / "archive");
  for (const char* name : kDocuments)
    std::filesystem::copy_file(source_path(std::string("tests/data/real/") + name),
                               dir.path() / "archive" / name);
  dir.write("archive/brief.txt",
            "Title: Brief\nDate: 3 December 2025\n\n"
            "The General Assembly adopted resolution 80/25 on disarmament and development. "
            "The Secretary-General reported on Libya in S/2025/257.\n");
  concord::IndexOptions o;
  o.db_path = dir.str() + "/db";
  o.roots = {dir.str() + "/archive"};
  const concord::IndexSummary s = concord::run_index(o, nullptr);
  REQUIRE(s.added == 4);

  struct Row {
    std::string symbol, itself;
  };
  for (const Row& row : {Row{"A/RES/80/25", "A_RES_80_25.pdf"},
                         Row{"S/2025/257", "S_2025_257.en.pdf"}}) {
    concord::XrefOptions x;
    x.db_path = o.db_path;
    x.entity = row.symbol;
    const concord::XrefResult r = concord::xref(x);
    INFO(row.symbol);
    REQUIRE(r.itself.size() == 1);
    CHECK(std::filesystem::path(r.itself[0].path).filename() == row.itself);
    CHECK(r.documents == 2);         // the document and the brief
    CHECK(r.citing_documents == 1);  // only the brief cites it
    for (const concord::XrefDocument& d : r.document_list)
      CHECK(d.itself == (std::filesystem::path(d.path).filename() == row.itself));
  }
  // An organization is never a document's identity.
  concord::XrefOptions x;
  x.db_path = o.db_path;
  x.entity = "UNGA";
  const concord::XrefResult r = concord::xref(x);
  CHECK(r.itself.empty());
  CHECK(r.citing_documents == r.documents);
}
