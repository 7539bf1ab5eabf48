// Small string helpers shared by the parsers (TSV data files, header lines, markup).
//
// Contract: pure, thread-safe; views point into the argument.
#pragma once

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

}  // namespace concord::util
