// Benchmark of the recognition stage on plain-text files: throughput and mention counts.
//
// Usage: concord-recognize-bench FOLDER [RUNS]
// Reads every .txt file under FOLDER (README files are skipped) into memory, then runs
// recognize() over all of them RUNS times (default 5) on one thread and prints the bytes,
// the median time, the throughput in MB/s (10^6 bytes per second) and the mentions per
// entity type.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "recognize/gazetteer.h"
#include "recognize/recognize.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s FOLDER [RUNS]\n", argv[0]);
    return 2;
  }
  const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  std::vector<std::string> texts;
  size_t bytes = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(argv[1], ec), end; it != end; it.increment(ec)) {
    if (ec) break;
    const fs::path& p = it->path();
    if (!it->is_regular_file() || p.extension() != ".txt") continue;
    if (p.filename().string().rfind("README", 0) == 0) continue;
    std::ifstream in(p, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    texts.push_back(buffer.str());
    bytes += texts.back().size();
  }
  if (ec) {
    std::fprintf(stderr, "cannot read %s: %s\n", argv[1], ec.message().c_str());
    return 1;
  }
  if (texts.empty()) {
    std::fprintf(stderr, "no .txt files under %s\n", argv[1]);
    return 1;
  }
  const concord::Gazetteer gazetteer = concord::Gazetteer::built_in();
  std::vector<double> seconds;
  std::map<std::string, size_t> by_type;
  size_t mentions = 0, definitions = 0, variants = 0;
  for (int run = 0; run < runs; ++run) {
    size_t count = 0;
    auto start = std::chrono::steady_clock::now();
    for (const std::string& text : texts) {
      concord::RecognizeResult r = concord::recognize(text, 0, gazetteer);
      count += r.mentions.size();
      if (run == 0) {
        definitions += r.definitions.size();
        for (const concord::Mention& m : r.mentions) {
          ++by_type[gazetteer.type_of(m.entity_id)];
          if (m.variant) ++variants;
        }
      }
    }
    seconds.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    mentions = count;
  }
  std::vector<double> sorted = seconds;
  std::sort(sorted.begin(), sorted.end());
  const double median = sorted[sorted.size() / 2];
  std::printf("files        %zu\n", texts.size());
  std::printf("bytes        %zu\n", bytes);
  std::printf("runs         %d\n", runs);
  std::printf("seconds      %.3f (median; min %.3f, max %.3f)\n", median, sorted.front(),
              sorted.back());
  std::printf("MB/s         %.1f\n", static_cast<double>(bytes) / 1e6 / median);
  std::printf("mentions     %zu (variants %zu, definitions %zu)\n", mentions, variants,
              definitions);
  for (const auto& [type, count] : by_type)
    std::printf("  %-14s %zu\n", type.empty() ? "(unknown)" : type.c_str(), count);
  return 0;
}
