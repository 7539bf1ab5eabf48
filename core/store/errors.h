// The storage layer's one fatal error: every Xapian error met while reading becomes this.
#pragma once

#include <stdexcept>

namespace concord {

// A missing, unreadable, damaged or ever-changing database. The message is one line naming
// the database, what is wrong and what to do; commands exit 1 with it.
class DatabaseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace concord
