// Content hashing for change detection.
//
// Contract: pure, thread-safe. Uses XXH3-64 (libxxhash); returns 16 lower-case hex digits.
#pragma once

#include <string>
#include <string_view>

namespace concord::util {

std::string content_hash(std::string_view bytes);

}  // namespace concord::util
