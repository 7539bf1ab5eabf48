// The `--path` rule: NFC, case-sensitive, whole path components.
#include "store/path_scope.h"

#include "discover/discover.h"
#include "util/unicode.h"

namespace concord {
namespace {

bool under_normalized(std::string_view path, std::string_view folder) {
  while (folder.size() > 1 && folder.back() == '/') folder.remove_suffix(1);
  if (folder.empty()) return false;
  if (path.substr(0, folder.size()) != folder) return false;
  return path.size() == folder.size() || folder == "/" || path[folder.size()] == '/';
}

}  // namespace

bool path_under(std::string_view path, std::string_view folder) {
  return under_normalized(util::nfc(path), util::nfc(folder));  // nfc() is a copy for ASCII
}

PathScope::PathScope(const std::string& as_typed) {
  if (!as_typed.empty()) prefix_ = util::nfc(absolute_path(as_typed));
}

bool PathScope::contains(std::string_view absolute_path) const {
  if (prefix_.empty()) return true;
  return under_normalized(util::nfc(absolute_path), prefix_);
}

}  // namespace concord
