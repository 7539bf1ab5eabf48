// Which database the programs use when --db is not given.
//
// Contract: pure apart from reading the environment; thread-safe.
#pragma once

#include <cstdlib>
#include <string>

namespace concord::util {

// `given` (from --db) when set, else $CONCORD_DB when set, else "concord.db".
inline std::string database_path(const std::string& given) {
  if (!given.empty()) return given;
  const char* env = std::getenv("CONCORD_DB");
  return env && *env ? env : "concord.db";
}

}  // namespace concord::util
