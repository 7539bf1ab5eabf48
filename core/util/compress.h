// Compression of stored records (zstd; records of older databases in zlib are read too).
//
// Contract: pure, thread-safe. decompress() throws std::runtime_error on corrupt input
// (stored data is written by compress(), so corruption means a damaged database).
#pragma once

#include <cstdint>
#include <memory>
#include <streambuf>
#include <string>
#include <string_view>

namespace concord::util {

std::string compress(std::string_view data);
std::string decompress(std::string_view data);
// decompress() into `out` (its capacity reused: a reader decoding many records allocates
// once). Throws like decompress().
void decompress_into(std::string_view data, std::string* out);
// The uncompressed length compressed `data` announces; throws std::runtime_error when it has
// no prefix or announces a length deflate could not have produced from the rest.
uint64_t decompressed_length(std::string_view data);

// compress() fed piece by piece (compress() is one append): the same bytes as compress() of
// the pieces joined, without holding them joined (a record of a million mentions is encoded
// one mention at a time).
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
  std::unique_ptr<State> state_;
};

// decompress() read piece by piece, as a stream: the record is inflated a buffer at a time as
// it is read, never held whole (a facts record of a million mentions inflates to hundreds of
// megabytes). `data` must outlive the stream. Damage (a bad prefix, corrupt or truncated
// data, a length other than the prefix's) throws std::runtime_error from the read that meets
// it; std::istream turns that into badbit unless exceptions() asks for badbit, so callers
// that must tell damage apart set it.
class InflateStreambuf : public std::streambuf {
 public:
  explicit InflateStreambuf(std::string_view data);
  ~InflateStreambuf() override;
  InflateStreambuf(const InflateStreambuf&) = delete;
  InflateStreambuf& operator=(const InflateStreambuf&) = delete;

 protected:
  int_type underflow() override;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace concord::util
