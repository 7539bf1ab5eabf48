// Exclusion rules: gitignore-syntax patterns parsed into components, matched with fnmatch(3)
// per component and a table over (pattern, path) positions for "**".
#include "discover/ignore.h"

#include <fnmatch.h>

#include <string>
#include <vector>

namespace concord {
namespace {

constexpr size_t kMaxPatternBytes = 4096;

// The non-empty '/'-separated parts of `s` (views into it).
std::vector<std::string_view> split_components(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= s.size()) {
    const size_t slash = s.find('/', start);
    const size_t end = slash == std::string_view::npos ? s.size() : slash;
    if (end > start) out.push_back(s.substr(start, end - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

bool component_matches(const std::string& pattern, std::string_view name) {
  const std::string n(name);
  return ::fnmatch(pattern.c_str(), n.c_str(), 0) == 0;
}

// Whether pattern components p match path components s exactly, "**" standing for any
// number of components. A table over positions: O(|p| × |s|) component comparisons.
bool components_match(const std::vector<std::string>& p, const std::vector<std::string_view>& s) {
  const size_t np = p.size(), ns = s.size();
  // ok[i][j]: p[i..] matches s[j..]
  std::vector<std::vector<char>> ok(np + 1, std::vector<char>(ns + 1, 0));
  ok[np][ns] = 1;
  for (size_t i = np; i-- > 0;) {
    for (size_t j = ns + 1; j-- > 0;) {
      if (p[i] == "**")
        ok[i][j] = ok[i + 1][j] || (j < ns && ok[i][j + 1]);
      else
        ok[i][j] = j < ns && ok[i + 1][j + 1] && component_matches(p[i], s[j]);
    }
  }
  return ok[0][0];
}

}  // namespace

bool parse_ignore_pattern(std::string_view line, std::string source, IgnoreRule* rule,
                          std::string* error) {
  error->clear();
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.empty() || line[0] == '#') return false;
  if (line.size() > kMaxPatternBytes) {
    *error = "pattern longer than 4096 bytes";
    return false;
  }
  // Trailing spaces are dropped unless the last one is escaped.
  while (!line.empty() && line.back() == ' ' &&
         !(line.size() >= 2 && line[line.size() - 2] == '\\'))
    line.remove_suffix(1);
  if (line.empty()) return false;
  IgnoreRule r;
  r.source = std::move(source);
  if (line[0] == '!') {
    r.negate = true;
    line.remove_prefix(1);
  } else if (line.size() >= 2 && line[0] == '\\' && (line[1] == '!' || line[1] == '#')) {
    line.remove_prefix(1);  // a literal '!' or '#'
  }
  if (!line.empty() && line.back() == '/') {
    r.folders_only = true;
    while (!line.empty() && line.back() == '/') line.remove_suffix(1);
  }
  r.anchored = line.find('/') != std::string_view::npos;
  // Consecutive "**" components mean the same as one.
  for (std::string_view c : split_components(line))
    if (!(c == "**" && !r.components.empty() && r.components.back() == "**"))
      r.components.emplace_back(c);
  if (r.components.empty()) {
    *error = "pattern names nothing (only slashes or '!')";
    return false;
  }
  // "**/name" is the same as an unanchored "name".
  if (r.components.size() >= 2 && r.components[0] == "**" && r.components.size() == 2 &&
      r.components[1] != "**") {
    r.components.erase(r.components.begin());
    r.anchored = false;
  }
  *rule = std::move(r);
  return true;
}

IgnoreParse parse_ignore_file(std::string_view text, const std::string& source) {
  IgnoreParse out;
  size_t line_no = 0, start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    ++line_no;
    const std::string where = source + ":" + std::to_string(line_no);
    IgnoreRule rule;
    std::string error;
    if (parse_ignore_pattern(text.substr(start, end - start), where, &rule, &error))
      out.rules.push_back(std::move(rule));
    else if (!error.empty())
      out.errors.push_back(where + ": " + error);
    start = end + 1;
  }
  return out;
}

bool ignore_rule_matches(const IgnoreRule& rule, std::string_view relative, bool is_folder) {
  if (rule.folders_only && !is_folder) return false;
  const std::vector<std::string_view> parts = split_components(relative);
  if (parts.empty()) return false;
  if (!rule.anchored) {
    // A name pattern: the last component only (its folders were matched when walked).
    return rule.components.size() == 1 && component_matches(rule.components[0], parts.back());
  }
  return components_match(rule.components, parts);
}

const IgnoreRule* match_ignore(const std::vector<IgnoreRule>& rules, std::string_view relative,
                               bool is_folder) {
  for (size_t i = rules.size(); i-- > 0;)
    if (ignore_rule_matches(rules[i], relative, is_folder)) return &rules[i];
  return nullptr;
}

}  // namespace concord
