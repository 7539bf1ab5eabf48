// Content hashing with XXH3-64, printed as 16 lower-case hex digits.
#include "util/hash.h"

// xxHash's own header-only mode: its functions are compiled here, so the programs need not
// load libxxhash at every start (xxhash.h documents XXH_INLINE_ALL for this).
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <new>

namespace concord::util {

namespace {

std::string hex_of(XXH64_hash_t hash) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[i] = kHex[hash & 0xF];
    hash >>= 4;
  }
  return out;
}

}  // namespace

std::string content_hash(std::string_view bytes) {
  return hex_of(XXH3_64bits(bytes.data(), bytes.size()));
}

ContentHasher::ContentHasher() : state_(XXH3_createState()) {
  if (state_ == nullptr) throw std::bad_alloc();
  XXH3_64bits_reset(static_cast<XXH3_state_t*>(state_));
}

ContentHasher::~ContentHasher() { XXH3_freeState(static_cast<XXH3_state_t*>(state_)); }

void ContentHasher::update(std::string_view bytes) {
  XXH3_64bits_update(static_cast<XXH3_state_t*>(state_), bytes.data(), bytes.size());
}

std::string ContentHasher::hex() const {
  return hex_of(XXH3_64bits_digest(static_cast<XXH3_state_t*>(state_)));
}

}  // namespace concord::util
