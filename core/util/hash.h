// Content hashing for change detection.
//
// Contract: pure, thread-safe. Uses XXH3-64 (xxHash, compiled in from its header); returns 16 lower-case hex digits.
#pragma once

#include <string>
#include <string_view>

namespace concord::util {

std::string content_hash(std::string_view bytes);

// content_hash() of bytes given in pieces: the same digits as the whole at once.
class ContentHasher {
 public:
  ContentHasher();
  ~ContentHasher();
  ContentHasher(const ContentHasher&) = delete;
  ContentHasher& operator=(const ContentHasher&) = delete;
  void update(std::string_view bytes);
  std::string hex() const;

 private:
  void* state_;  // XXH3_state_t, kept out of this header
};

}  // namespace concord::util
