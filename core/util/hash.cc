// Content hashing with XXH3-64, printed as 16 lower-case hex digits.
#include "util/hash.h"

#include <xxhash.h>

namespace concord::util {

std::string content_hash(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  XXH64_hash_t hash = XXH3_64bits(bytes.data(), bytes.size());
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[i] = kHex[hash & 0xF];
    hash >>= 4;
  }
  return out;
}

}  // namespace concord::util
