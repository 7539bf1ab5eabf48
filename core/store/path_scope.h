// The one `--path` rule: whether a document is under the folder (or is the file) a user named.
// mentions, xref, graph and check all ask it here.
//
// The rule, as a librarian expects it: paths are compared after Unicode NFC normalization
// (a folder "Résolutions" written with a precomposed é or with e + U+0301 is one folder),
// case-sensitively (as the file system does), and whole components only ("/a/b" holds
// "/a/b" and "/a/b/c.txt", never "/a/bc"). A trailing '/' changes nothing; "/" holds every
// absolute path.
//
// Contract: pure; thread-safe once built. The constructor reads the current directory (a
// relative prefix is made absolute, as discover.h absolute_path() does).
#pragma once

#include <string>
#include <string_view>

namespace concord {

// `path` (absolute) is `folder` (absolute) or lies under it, by the rule above.
bool path_under(std::string_view path, std::string_view folder);

class PathScope {
 public:
  // The whole archive.
  PathScope() = default;
  // What the user typed for --path, in any form ("corpus/un", "./corpus/un/", absolute);
  // "" means the whole archive.
  explicit PathScope(const std::string& as_typed);

  bool everything() const { return prefix_.empty(); }
  // The absolute, NFC-normalized prefix without a trailing '/'; "" for the whole archive.
  const std::string& prefix() const { return prefix_; }
  // Whether the document at `absolute_path` is in scope.
  bool contains(std::string_view absolute_path) const;

 private:
  std::string prefix_;
};

}  // namespace concord
