// zlib compression of stored page text.
//
// Contract: pure, thread-safe. decompress() throws std::runtime_error on corrupt input
// (stored data is written by compress(), so corruption means a damaged database).
#pragma once

#include <string>
#include <string_view>

namespace concord::util {

std::string compress(std::string_view data);
std::string decompress(std::string_view data);

}  // namespace concord::util
