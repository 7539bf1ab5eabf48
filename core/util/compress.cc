// Compression of stored records: the uncompressed length (8 bytes, LE), then a zstd frame.
// Databases written before zstd hold zlib streams after the same prefix; both are read, told
// apart by zstd's magic number (a zlib stream starts with 0x78, never with it).
#include "util/compress.h"

#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace concord::util {
namespace {

constexpr size_t kPrefixSize = 8;
// deflate never compresses better than about 1032:1; zstd not better than about 32768:1 (an
// RLE block of 128 KiB takes 4 bytes).
constexpr uint64_t kMaxZlibRatio = 1100;
constexpr uint64_t kMaxZstdRatio = 33000;
// zstd's level 3 (its default): faster to write and several times faster to read than zlib's
// default, about as small.
constexpr int kZstdLevel = 3;

bool is_zstd(std::string_view data) {
  constexpr char kMagic[4] = {'\x28', '\xB5', '\x2F', '\xFD'};
  return data.size() >= kPrefixSize + 4 && std::memcmp(data.data() + kPrefixSize, kMagic, 4) == 0;
}

// The uncompressed length the prefix of `data` announces; throws when there is no prefix or
// when the compressor could not have produced the rest from that many bytes.
uint64_t announced_length(std::string_view data) {
  if (data.size() < kPrefixSize) throw std::runtime_error("compressed data too short");
  uint64_t size = 0;
  for (size_t i = 0; i < kPrefixSize; ++i)
    size |= static_cast<uint64_t>(static_cast<unsigned char>(data[i])) << (8 * i);
  const uint64_t ratio = is_zstd(data) ? kMaxZstdRatio : kMaxZlibRatio;
  if (size > (data.size() - kPrefixSize + 64) * ratio)
    throw std::runtime_error("compressed data has an impossible length");
  return size;
}

// One decompression context per thread, reused: records are many and small.
ZSTD_DCtx* thread_dctx() {
  struct Holder {
    ZSTD_DCtx* ctx = ZSTD_createDCtx();
    ~Holder() { ZSTD_freeDCtx(ctx); }
  };
  thread_local Holder holder;
  if (holder.ctx == nullptr) throw std::bad_alloc();
  return holder.ctx;
}

}  // namespace

std::string compress(std::string_view data) {
  Compressor z;
  z.append(data);
  return z.finish();
}

struct Compressor::State {
  ZSTD_CCtx* ctx = nullptr;
  std::string out;
  uint64_t size = 0;
  bool finished = false;

  // Feeds `in` (empty with kEnd: ends the frame) and appends what comes out.
  void run(std::string_view in, ZSTD_EndDirective mode) {
    ZSTD_inBuffer input{in.data(), in.size(), 0};
    char buffer[65536];
    while (true) {
      ZSTD_outBuffer output{buffer, sizeof buffer, 0};
      const size_t left = ZSTD_compressStream2(ctx, &output, &input, mode);
      if (ZSTD_isError(left)) throw std::runtime_error(std::string("zstd: ") + ZSTD_getErrorName(left));
      out.append(buffer, output.pos);
      if (mode == ZSTD_e_end ? left == 0 : input.pos == input.size) return;
    }
  }
};

Compressor::Compressor() : state_(std::make_unique<State>()) {
  state_->ctx = ZSTD_createCCtx();
  if (state_->ctx == nullptr) throw std::bad_alloc();
  ZSTD_CCtx_setParameter(state_->ctx, ZSTD_c_compressionLevel, kZstdLevel);
  // A checksum of the content, as zlib's adler32: damage is an error, never wrong text.
  ZSTD_CCtx_setParameter(state_->ctx, ZSTD_c_checksumFlag, 1);
  state_->out.assign(kPrefixSize, '\0');
}

Compressor::~Compressor() { ZSTD_freeCCtx(state_->ctx); }

void Compressor::append(std::string_view data) {
  if (state_->finished) throw std::logic_error("Compressor used after finish()");
  state_->run(data, ZSTD_e_continue);
  state_->size += data.size();
}

std::string Compressor::finish() {
  if (state_->finished) throw std::logic_error("Compressor used after finish()");
  state_->run({}, ZSTD_e_end);
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
  if (is_zstd(data)) {
    const size_t got = ZSTD_decompressDCtx(thread_dctx(), out->data(), size,
                                           data.data() + kPrefixSize, payload);
    if (ZSTD_isError(got) || got != size) throw std::runtime_error("corrupt compressed data");
    return;
  }
  uLongf out_size = static_cast<uLongf>(size);
  const int rc = uncompress(reinterpret_cast<Bytef*>(out->data()), &out_size,
                            reinterpret_cast<const Bytef*>(data.data() + kPrefixSize),
                            static_cast<uLong>(payload));
  if (rc != Z_OK || out_size != size) throw std::runtime_error("corrupt compressed data");
}

struct InflateStreambuf::State {
  bool zstd = false;
  z_stream z{};
  bool open = false;
  ZSTD_DStream* ds = nullptr;
  ZSTD_inBuffer zin{};
  bool ended = false;
  uint64_t expected = 0;  // the prefix's length
  uint64_t produced = 0;
  char buffer[65536];

  // Up to sizeof buffer bytes into buffer; sets ended at the end of the data.
  size_t read_zstd() {
    ZSTD_outBuffer out{buffer, sizeof buffer, 0};
    const size_t rc = ZSTD_decompressStream(ds, &out, &zin);
    if (ZSTD_isError(rc)) throw std::runtime_error("corrupt compressed data");
    if (rc == 0) {
      ended = true;  // the frame is complete
      if (zin.pos != zin.size) throw std::runtime_error("corrupt compressed data");
    } else if (out.pos == 0 && zin.pos == zin.size) {
      throw std::runtime_error("corrupt compressed data");  // truncated
    }
    return out.pos;
  }

  size_t read_zlib() {
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof buffer;
    const int rc = inflate(&z, Z_NO_FLUSH);
    const size_t got = sizeof buffer - z.avail_out;
    if (rc == Z_STREAM_END) {
      ended = true;
    } else if (rc != Z_OK || (got == 0 && z.avail_in == 0)) {
      throw std::runtime_error("corrupt compressed data");
    }
    return got;
  }
};

InflateStreambuf::InflateStreambuf(std::string_view data) : state_(std::make_unique<State>()) {
  State& st = *state_;
  st.expected = announced_length(data);
  const uint64_t payload = data.size() - kPrefixSize;
  st.zstd = is_zstd(data);
  if (st.zstd) {
    st.ds = ZSTD_createDStream();
    if (st.ds == nullptr) throw std::bad_alloc();
    st.zin = ZSTD_inBuffer{data.data() + kPrefixSize, payload, 0};
    return;
  }
  if (inflateInit(&st.z) != Z_OK) throw std::runtime_error("zlib inflateInit failed");
  st.open = true;
  // Compressed records are far below 4 GiB (a document's mentions); uInt holds them.
  if (payload > std::numeric_limits<uInt>::max())
    throw std::runtime_error("compressed data too long");
  st.z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + kPrefixSize));
  st.z.avail_in = static_cast<uInt>(payload);
}

InflateStreambuf::~InflateStreambuf() {
  if (state_->open) inflateEnd(&state_->z);
  ZSTD_freeDStream(state_->ds);
}

InflateStreambuf::int_type InflateStreambuf::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  State& st = *state_;
  size_t got = 0;
  while (got == 0 && !st.ended) {
    got = st.zstd ? st.read_zstd() : st.read_zlib();
    st.produced += got;
    if (st.produced > st.expected || (st.ended && st.produced != st.expected))
      throw std::runtime_error("corrupt compressed data");
  }
  if (got == 0) return traits_type::eof();
  setg(st.buffer, st.buffer, st.buffer + got);
  return traits_type::to_int_type(*gptr());
}

}  // namespace concord::util
