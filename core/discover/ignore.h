// Exclusion rules for the walk: `--exclude GLOB` on the command line and `.concordignore`
// files in the indexed folders, both in gitignore syntax.
//
// Syntax (one pattern per line of a .concordignore; one pattern per --exclude):
//   - blank lines and lines starting with '#' are ignored ("\#" for a literal '#');
//     trailing spaces are dropped unless escaped ("\ ");
//   - a pattern without '/' (other than a trailing one) matches a file or folder name at any
//     depth: "*.tmp", "README.md", "drafts";
//   - a pattern with a '/' is anchored at the folder of its rule set (the .concordignore's
//     folder, or each indexed root for --exclude): "/old", "minutes/2019/*.pdf";
//   - '*', '?' and "[a-z]" match within one path component (fnmatch(3)); "**" as a whole
//     component matches any number of components: "**/annex*.pdf", "archive/**";
//   - a trailing '/' matches folders only: "scans/";
//   - a leading '!' (ignore files only) includes again what an earlier line excluded; a file
//     inside an excluded folder cannot be included again (the folder is not walked).
// Matching is case-sensitive, on the path's bytes. Within one set the last matching line
// decides; a deeper .concordignore's lines come after its parents' lines; --exclude rules
// decide before every ignore file, and cannot be overridden by one.
//
// Contract: pure functions and value types; parsing never throws (a bad line is returned as
// an error with its line number); matching is linear in pattern × path components (no
// backtracking blow-up, whatever the pattern). Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace concord {

inline constexpr const char* kIgnoreFileName = ".concordignore";
// A .concordignore larger than this is refused (reported, and its folder's documents kept).
inline constexpr size_t kMaxIgnoreFileBytes = 1 << 20;

struct IgnoreRule {
  std::vector<std::string> components;  // the pattern split on '/'
  bool negate = false;                  // "!pattern"
  bool folders_only = false;            // "pattern/"
  bool anchored = false;                // had a '/' before its end
  std::string source;                   // where it was written: "--exclude '*.tmp'" or
                                        // "/archive/.concordignore:3"
};

struct IgnoreParse {
  std::vector<IgnoreRule> rules;
  std::vector<std::string> errors;  // "FILE:LINE: why", one per refused line
};

// Parses one pattern; returns false and sets *error when it cannot be a rule (empty after
// its slashes are removed, or longer than 4,096 bytes). A blank or comment line is not a
// rule either: *error stays empty then.
bool parse_ignore_pattern(std::string_view line, std::string source, IgnoreRule* rule,
                          std::string* error);

// Parses the text of a .concordignore (`source` names it in rules and errors).
IgnoreParse parse_ignore_file(std::string_view text, const std::string& source);

// How a path relates to a rule set: nullptr when no rule matches, else the deciding rule
// (which may be a negation: the path is then included).
//   relative: the path relative to the set's folder, '/'-separated, no leading '/'.
const IgnoreRule* match_ignore(const std::vector<IgnoreRule>& rules, std::string_view relative,
                               bool is_folder);

// True when `pattern` matches `relative` by the rules above (one rule, ignoring negation).
bool ignore_rule_matches(const IgnoreRule& rule, std::string_view relative, bool is_folder);

}  // namespace concord
