// Small string helpers shared by the parsers (TSV data files, header lines, markup).
//
// Contract: pure, thread-safe; views point into the argument.
#pragma once

#include <algorithm>
#include <string_view>
#include <vector>

namespace concord::util {

inline bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// `s` without leading and trailing ASCII whitespace.
inline std::string_view trim(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

// The fields of `s` between `sep` characters (n separators give n + 1 fields).
inline std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  for (size_t start = 0;;) {
    const size_t p = s.find(sep, start);
    out.push_back(s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
    if (p == std::string_view::npos) return out;
    start = p + 1;
  }
}

// Frees s's buffer. Assigning an empty string does not: it keeps the capacity, so a 200 MB
// file's bytes would stay allocated while later stages run.
inline void release(std::string& s) { std::string().swap(s); }

// Edits between `a` and `b`: insertions, deletions, substitutions and swaps of two adjacent
// characters, each one edit (optimal string alignment: "UNRSID" is one edit from "UNRISD").
// The one measure of the recognizer's misspellings, the checker's and "did you mean".
inline int edit_distance(std::string_view a, std::string_view b) {
  std::vector<int> before(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        cur[j] = std::min(cur[j], before[j - 2] + 1);
    }
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace concord::util
