// Internal to the query side (xref, graph): the documents under a --path prefix, found through
// the folder (XP) and unique-id (Q) terms the indexer stores, so no document is decoded; and
// the description of an entity id. Xapian at the edge: only core/xref and core/graph include
// this.
#pragma once

#include <xapian.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mentions/mentions.h"
#include "recognize/gazetteer.h"

namespace concord {

// The sorted document ids under `path_prefix` (a folder or one file, in any form the user
// types; made absolute), or nullopt when the prefix is empty (the whole archive). A prefix
// that matches nothing gives an empty list.
std::optional<std::vector<Xapian::docid>> scope_docids(const Xapian::Database& db,
                                                       const std::string& path_prefix);

// True when `did` is in scope (nullopt scope = everything).
inline bool in_scope(const std::optional<std::vector<Xapian::docid>>& scope, Xapian::docid did) {
  return !scope || std::binary_search(scope->begin(), scope->end(), did);
}

// Content documents in the archive (every indexed document carries schema::kAllDocs).
Xapian::doccount archive_documents(const Xapian::Database& db);

// Calls fn(id) for each id of a kSlotEntities value ('\n'-joined).
template <typename Fn>
void for_each_id(std::string_view joined, Fn&& fn) {
  while (!joined.empty()) {
    const size_t nl = joined.find('\n');
    fn(joined.substr(0, nl));
    if (nl == std::string_view::npos) break;
    joined.remove_prefix(nl + 1);
  }
}

}  // namespace concord
