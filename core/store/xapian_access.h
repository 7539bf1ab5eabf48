// Internal to core/store: the Xapian handle behind an IndexReader, for store/*.cc only (they
// include xapian.h themselves); nothing outside core/store may include this.
#pragma once

#include <cstdint>
#include <vector>

#include "store/reader.h"

namespace Xapian {
class Database;
}

namespace concord {

struct ReaderAccess {
  static const Xapian::Database& database(const IndexReader& reader);
  // Continuations that belong to no head (a run stopped midway), sorted: search leaves them
  // out. Empty for most databases.
  static const std::vector<uint32_t>& orphan_parts(const IndexReader& reader);
};

}  // namespace concord
