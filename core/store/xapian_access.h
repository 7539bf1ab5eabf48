// Internal to core/store: the Xapian handle behind an IndexReader, for store/*.cc only (they
// include xapian.h themselves); nothing outside core/store may include this.
#pragma once

#include "store/reader.h"

namespace Xapian {
class Database;
}

namespace concord {

struct ReaderAccess {
  static const Xapian::Database& database(const IndexReader& reader);
};

}  // namespace concord
