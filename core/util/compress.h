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

// compress() fed piece by piece: the same bytes as compress() of the pieces joined, without
// holding them joined (a record of a million mentions is encoded one mention at a time).
class Compressor {
 public:
  Compressor();
  ~Compressor();
  Compressor(const Compressor&) = delete;
  Compressor& operator=(const Compressor&) = delete;
  void append(std::string_view data);
  // The compressed record; the Compressor is spent.
  std::string finish();

 private:
  struct State;
  State* state_;
};

}  // namespace concord::util
