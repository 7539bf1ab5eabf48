// zlib compression of stored text, prefixed with the uncompressed length (8 bytes, LE).
#include "util/compress.h"

#include <zlib.h>

#include <cstdint>
#include <limits>
#include <stdexcept>

namespace concord::util {
namespace {

constexpr size_t kPrefixSize = 8;
// deflate never compresses better than about 1032:1.
constexpr uint64_t kMaxRatio = 1100;

}  // namespace

std::string compress(std::string_view data) {
  uLongf bound = compressBound(static_cast<uLong>(data.size()));
  std::string out(kPrefixSize + bound, '\0');
  uint64_t size = data.size();
  for (size_t i = 0; i < kPrefixSize; ++i) out[i] = static_cast<char>((size >> (8 * i)) & 0xFF);
  const int rc = compress2(reinterpret_cast<Bytef*>(out.data() + kPrefixSize), &bound,
                           reinterpret_cast<const Bytef*>(data.data()),
                           static_cast<uLong>(data.size()), Z_DEFAULT_COMPRESSION);
  if (rc != Z_OK) throw std::runtime_error("zlib compress2 failed");
  out.resize(kPrefixSize + bound);
  return out;
}

std::string decompress(std::string_view data) {
  if (data.size() < kPrefixSize) throw std::runtime_error("compressed data too short");
  uint64_t size = 0;
  for (size_t i = 0; i < kPrefixSize; ++i) {
    size |= static_cast<uint64_t>(static_cast<unsigned char>(data[i])) << (8 * i);
  }
  const uint64_t payload = data.size() - kPrefixSize;
  if (size > (payload + 64) * kMaxRatio || size > std::numeric_limits<uLong>::max()) {
    throw std::runtime_error("compressed data has an impossible length");
  }
  std::string out(size, '\0');
  uLongf out_size = static_cast<uLongf>(size);
  const int rc = uncompress(reinterpret_cast<Bytef*>(out.data()), &out_size,
                            reinterpret_cast<const Bytef*>(data.data() + kPrefixSize),
                            static_cast<uLong>(payload));
  if (rc != Z_OK || out_size != size) throw std::runtime_error("corrupt compressed data");
  return out;
}

}  // namespace concord::util
