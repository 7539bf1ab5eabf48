// Every mention the recognizer finds in a list of files, as JSON lines: the input of the
// real-document evaluation (bench/real/evaluate.py) and of the gains/losses report between
// two revisions (bench/real/gains_losses.sh).
//
// Usage: concord-dump-mentions-bench [--gazetteer FILE]... < paths
// Reads one path per line on stdin, extracts each file with the indexer's own extractors
// (format from the extension, else sniffed), recognizes it with the built-in gazetteer plus
// any --gazetteer files, and prints one object per mention:
//   {"path", "page", "line", "start", "end", "entity", "surface", "variant", "dates",
//    "sentence"}
// A file that cannot be read or extracted gives {"path", "error"}. Paths are printed as
// given. Uses only the stable parts of the library so that older revisions build it too.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "discover/discover.h"
#include "extract/extract.h"
#include "recognize/gazetteer.h"
#include "recognize/recognize.h"

int main(int argc, char** argv) {
  std::vector<std::string> extra;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--gazetteer" && i + 1 < argc) {
      extra.push_back(argv[++i]);
    } else {
      std::fprintf(stderr, "usage: %s [--gazetteer FILE]... < paths\n", argv[0]);
      return 2;
    }
  }
  concord::Gazetteer gazetteer = concord::Gazetteer::built_in();
  for (const std::string& file : extra) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    gazetteer.add_tsv(ss.str(), file);  // problems are the evaluator's to see in the output
  }
  std::string path;
  while (std::getline(std::cin, path)) {
    if (path.empty()) continue;
    nlohmann::json row;
    row["path"] = path;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      row["error"] = "cannot open";
      std::cout << row.dump() << '\n';
      continue;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string bytes = ss.str();
    std::optional<concord::Format> format = concord::format_from_extension(path);
    if (!format) format = concord::sniff_format(std::string_view(bytes).substr(0, 512));
    if (!format) {
      row["error"] = "unknown format";
      std::cout << row.dump() << '\n';
      continue;
    }
    concord::ExtractResult extracted = concord::extract(bytes, *format);
    if (extracted.problem) {
      row["error"] = extracted.problem->message;
      std::cout << row.dump() << '\n';
      continue;
    }
    const concord::ExtractedDoc& doc = extracted.doc;
    concord::RecognizeResult result = concord::recognize_document(doc.pages, doc.paged, gazetteer);
    for (const concord::Mention& m : result.mentions) {
      nlohmann::json j;
      j["path"] = path;
      j["page"] = m.page;
      j["line"] = m.line;
      j["start"] = m.start;
      j["end"] = m.end;
      j["entity"] = m.entity_id;
      j["surface"] = m.surface;
      j["variant"] = m.variant;
      j["dates"] = m.dates;
      j["sentence"] = m.sentence;
      std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    }
  }
  return 0;
}
