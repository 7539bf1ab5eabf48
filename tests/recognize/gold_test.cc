// End-to-end quality check: extract every gold document, recognize it, and compare with the
// hand annotations (tests/gold/annotations.tsv); precision and recall per entity type.
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "extract/extract.h"
#include "recognize/gazetteer.h"
#include "recognize/recognize.h"

namespace {

namespace fs = std::filesystem;

// (file, page, entity id, surface)
using Key = std::tuple<std::string, int, std::string, std::string>;

std::string gold_dir() { return std::string(CONCORD_SOURCE_DIR) + "/tests/gold"; }

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::map<Key, int> read_annotations() {
  std::map<Key, int> out;
  std::istringstream in(slurp(gold_dir() + "/annotations.tsv"));
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string field;
    while (std::getline(ss, field, '\t')) f.push_back(field);
    INFO("annotations.tsv line " << line_no << ": " << line);
    REQUIRE(f.size() == 4);
    ++out[{f[0], std::stoi(f[1]), f[2], f[3]}];
  }
  return out;
}

std::string describe(const Key& k) {
  return std::get<0>(k) + " p" + std::to_string(std::get<1>(k)) + " " + std::get<2>(k) + " '" +
         std::get<3>(k) + "'";
}

}  // namespace

TEST_CASE("gold set: precision and recall per entity type", "[recognize][gold]") {
  const concord::Gazetteer gazetteer = concord::Gazetteer::built_in();
  const std::map<Key, int> expected = read_annotations();

  std::map<Key, int> found;
  std::set<std::string> formats;
  int documents = 0;
  for (const auto& entry : fs::directory_iterator(gold_dir())) {
    const std::string name = entry.path().filename().string();
    const std::string ext = entry.path().extension().string();
    concord::Format format;
    if (ext == ".txt") {
      format = concord::Format::kText;
    } else if (ext == ".html") {
      format = concord::Format::kHtml;
    } else if (ext == ".pdf") {
      format = concord::Format::kPdf;
    } else {
      continue;
    }
    ++documents;
    formats.insert(ext);
    concord::ExtractResult extracted = concord::extract(slurp(entry.path()), format);
    INFO(name);
    REQUIRE_FALSE(extracted.problem.has_value());
    const concord::ExtractedDoc& doc = extracted.doc;
    for (size_t p = 0; p < doc.pages.size(); ++p) {
      const int page = doc.paged ? static_cast<int>(p) + 1 : 0;
      for (const concord::Mention& m : concord::recognize(doc.pages[p], page, gazetteer).mentions)
        ++found[{name, page, m.entity_id, m.surface}];
    }
  }
  CHECK(documents >= 15);
  CHECK(formats == std::set<std::string>{".html", ".pdf", ".txt"});

  // Per type: true positives, false positives, false negatives (multiset comparison).
  struct Counts {
    int tp = 0, fp = 0, fn = 0;
  };
  std::map<std::string, Counts> by_type;
  std::vector<std::string> misses, extras;
  std::set<Key> keys;
  for (const auto& [k, n] : expected) keys.insert(k);
  for (const auto& [k, n] : found) keys.insert(k);
  for (const Key& k : keys) {
    int want = expected.count(k) ? expected.at(k) : 0;
    int got = found.count(k) ? found.at(k) : 0;
    std::string type = gazetteer.type_of(std::get<2>(k));
    if (type.empty()) type = "(unknown)";
    Counts& c = by_type[type];
    c.tp += std::min(want, got);
    if (got > want) {
      c.fp += got - want;
      extras.push_back(describe(k));
    }
    if (want > got) {
      c.fn += want - got;
      misses.push_back(describe(k));
    }
  }
  for (const std::string& m : misses) WARN("missed:   " << m);
  for (const std::string& e : extras) WARN("spurious: " << e);
  int total = 0;
  for (const auto& [k, n] : expected) total += n;
  std::printf("\ngold set: %d documents, %d expected mentions\n", documents, total);
  std::printf("%-16s %6s %6s %6s %9s %7s\n", "type", "tp", "fp", "fn", "precision", "recall");
  for (const auto& [type, c] : by_type) {
    double precision = c.tp + c.fp == 0 ? 1.0 : static_cast<double>(c.tp) / (c.tp + c.fp);
    double recall = c.tp + c.fn == 0 ? 1.0 : static_cast<double>(c.tp) / (c.tp + c.fn);
    std::printf("%-16s %6d %6d %6d %9.3f %7.3f\n", type.c_str(), c.tp, c.fp, c.fn, precision,
                recall);
    INFO("type " << type);
    CHECK(precision >= 0.95);
    CHECK(recall >= 0.95);
  }
  std::fflush(stdout);
}
