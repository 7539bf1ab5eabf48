// zlib compression of stored text, prefixed with the uncompressed length (8 bytes, LE).
#include "util/compress.h"

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <stdexcept>

namespace concord::util {
namespace {

constexpr size_t kPrefixSize = 8;
// deflate never compresses better than about 1032:1.
constexpr uint64_t kMaxRatio = 1100;

// The uncompressed length the prefix of `data` announces; throws when there is no prefix or
// when deflate could not have produced the rest from that many bytes.
uint64_t announced_length(std::string_view data) {
  if (data.size() < kPrefixSize) throw std::runtime_error("compressed data too short");
  uint64_t size = 0;
  for (size_t i = 0; i < kPrefixSize; ++i)
    size |= static_cast<uint64_t>(static_cast<unsigned char>(data[i])) << (8 * i);
  if (size > (data.size() - kPrefixSize + 64) * kMaxRatio)
    throw std::runtime_error("compressed data has an impossible length");
  return size;
}

}  // namespace

std::string compress(std::string_view data) {
  Compressor z;
  z.append(data);
  return z.finish();
}

struct Compressor::State {
  z_stream z{};
  std::string out;
  uint64_t size = 0;
  bool finished = false;

  void run(int flush) {
    char buffer[16384];
    do {
      z.next_out = reinterpret_cast<Bytef*>(buffer);
      z.avail_out = sizeof buffer;
      const int rc = deflate(&z, flush);
      if (rc == Z_STREAM_ERROR) throw std::runtime_error("zlib deflate failed");
      out.append(buffer, sizeof buffer - z.avail_out);
      if (rc == Z_STREAM_END) return;
    } while (z.avail_out == 0 || (flush == Z_FINISH));
  }
};

Compressor::Compressor() : state_(std::make_unique<State>()) {
  if (deflateInit(&state_->z, Z_DEFAULT_COMPRESSION) != Z_OK)
    throw std::runtime_error("zlib deflateInit failed");
  state_->out.assign(kPrefixSize, '\0');
}

Compressor::~Compressor() { deflateEnd(&state_->z); }

void Compressor::append(std::string_view data) {
  if (state_->finished) throw std::logic_error("Compressor used after finish()");
  while (!data.empty()) {
    // zlib counts in uInt: feed very large pieces in slices.
    const size_t piece = std::min<size_t>(data.size(), 1u << 30);
    state_->z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    state_->z.avail_in = static_cast<uInt>(piece);
    state_->run(Z_NO_FLUSH);
    state_->size += piece;
    data.remove_prefix(piece);
  }
}

std::string Compressor::finish() {
  if (state_->finished) throw std::logic_error("Compressor used after finish()");
  state_->z.next_in = nullptr;
  state_->z.avail_in = 0;
  state_->run(Z_FINISH);
  state_->finished = true;
  for (size_t i = 0; i < kPrefixSize; ++i)
    state_->out[i] = static_cast<char>((state_->size >> (8 * i)) & 0xFF);
  return std::move(state_->out);
}

uint64_t decompressed_length(std::string_view data) { return announced_length(data); }

std::string decompress(std::string_view data) {
  std::string out;
  decompress_into(data, &out);
  return out;
}

void decompress_into(std::string_view data, std::string* out) {
  const uint64_t size = announced_length(data);
  const uint64_t payload = data.size() - kPrefixSize;
  if (size > std::numeric_limits<uLong>::max())
    throw std::runtime_error("compressed data has an impossible length");
  out->resize(size);
  uLongf out_size = static_cast<uLongf>(size);
  const int rc = uncompress(reinterpret_cast<Bytef*>(out->data()), &out_size,
                            reinterpret_cast<const Bytef*>(data.data() + kPrefixSize),
                            static_cast<uLong>(payload));
  if (rc != Z_OK || out_size != size) throw std::runtime_error("corrupt compressed data");
}

struct InflateStreambuf::State {
  z_stream z{};
  bool open = false;
  bool ended = false;
  uint64_t expected = 0;  // the prefix's length
  uint64_t produced = 0;
  char buffer[65536];
};

InflateStreambuf::InflateStreambuf(std::string_view data) : state_(std::make_unique<State>()) {
  state_->expected = announced_length(data);
  const uint64_t payload = data.size() - kPrefixSize;
  if (inflateInit(&state_->z) != Z_OK) throw std::runtime_error("zlib inflateInit failed");
  state_->open = true;
  // Compressed records are far below 4 GiB (a document's mentions); uInt holds them.
  if (payload > std::numeric_limits<uInt>::max())
    throw std::runtime_error("compressed data too long");
  state_->z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + kPrefixSize));
  state_->z.avail_in = static_cast<uInt>(payload);
}

InflateStreambuf::~InflateStreambuf() {
  if (state_->open) inflateEnd(&state_->z);
}

InflateStreambuf::int_type InflateStreambuf::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  State& st = *state_;
  size_t got = 0;
  while (got == 0 && !st.ended) {
    st.z.next_out = reinterpret_cast<Bytef*>(st.buffer);
    st.z.avail_out = sizeof st.buffer;
    const int rc = inflate(&st.z, Z_NO_FLUSH);
    got = sizeof st.buffer - st.z.avail_out;
    st.produced += got;
    if (rc == Z_STREAM_END) {
      st.ended = true;
      if (st.produced != st.expected) throw std::runtime_error("corrupt compressed data");
    } else if (rc != Z_OK || (got == 0 && st.z.avail_in == 0)) {
      throw std::runtime_error("corrupt compressed data");
    }
    if (st.produced > st.expected) throw std::runtime_error("corrupt compressed data");
  }
  if (got == 0) return traits_type::eof();
  setg(st.buffer, st.buffer, st.buffer + got);
  return traits_type::to_int_type(*gptr());
}

}  // namespace concord::util
