// Scope of a --path prefix from the stored folder and unique terms; entity descriptions.
#include "xref/scope.h"

#include <filesystem>

#include "discover/discover.h"
#include "index/doc_builder.h"
#include "index/schema.h"

namespace concord {

std::optional<std::vector<Xapian::docid>> scope_docids(const Xapian::Database& db,
                                                       const std::string& path_prefix) {
  if (path_prefix.empty()) return std::nullopt;
  std::string abs = absolute_path(path_prefix);
  while (abs.size() > 1 && abs.back() == '/') abs.pop_back();
  std::vector<Xapian::docid> out;
  // A file is its unique term; a folder is the XP term every document below it carries.
  for (const std::string& term : {unique_term(abs), folder_term(abs)}) {
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) out.push_back(*p);
    if (!out.empty()) break;
  }
  std::sort(out.begin(), out.end());
  return out;
}

Xapian::doccount archive_documents(const Xapian::Database& db) {
  return db.get_termfreq(schema::kAllDocs);
}


}  // namespace concord
