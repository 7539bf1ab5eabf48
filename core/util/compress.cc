// Compression of stored records: the uncompressed length (8 bytes, LE), then a zstd frame.
// Databases written before zstd hold zlib streams after the same prefix; both are read, told
// apart by zstd's magic number (a zlib stream starts with 0x78, never with it).
#include "util/compress.h"

#include <zlib.h>
#include <zdict.h>
// For ZSTD_createDDict_byReference(), in the shared library since zstd 1.0 (its header calls
// it experimental).
#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <mutex>
#include <stdexcept>

namespace concord::util {
namespace {

constexpr size_t kPrefixSize = 8;
// deflate never compresses better than about 1032:1; zstd not better than about 32768:1 (an
// RLE block of 128 KiB takes 4 bytes).
constexpr uint64_t kMaxZlibRatio = 1100;
constexpr uint64_t kMaxZstdRatio = 33000;
// zstd's level 6. Records are many and small, written once and read many times. The records
// of 20,000 generated files, against level 3 (zstd's default): 8% smaller, 1.03 s of CPU to
// compress instead of 0.43 (within the noise of a whole indexing run), and they inflate as
// fast. Levels 9 and 12 made them 14% and 17% smaller, but indexing took 10% and 15-40%
// longer.
constexpr int kZstdLevel = 6;

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

// The id of the dictionary `data` (prefix and frame) was compressed with; 0 for none.
uint32_t frame_dictionary(std::string_view data) {
  return ZSTD_getDictID_fromFrame(data.data() + kPrefixSize, data.size() - kPrefixSize);
}

}  // namespace

struct Dictionary::Impl {
  std::string bytes;  // never changed once ddict refers to it
  uint32_t id = 0;
  ZSTD_DDict* ddict = nullptr;
  // Made on first use: a reader never compresses.
  mutable std::once_flag cdict_once;
  mutable ZSTD_CDict* cdict = nullptr;

  ~Impl() {
    ZSTD_freeDDict(ddict);
    ZSTD_freeCDict(cdict);
  }

  ZSTD_CDict* compression() const {
    std::call_once(cdict_once, [&] {
      cdict = ZSTD_createCDict(bytes.data(), bytes.size(), kZstdLevel);
    });
    if (cdict == nullptr) throw std::bad_alloc();
    return cdict;
  }
};

// What compress.cc alone reads of a Dictionary.
struct DictionaryAccess {
  static const ZSTD_DDict* decompression(const Dictionary& d) { return d.impl_->ddict; }
  static ZSTD_CDict* compression(const Dictionary& d) { return d.impl_->compression(); }
};

Dictionary::Dictionary(std::string bytes) {
  auto impl = std::make_shared<Impl>();
  impl->id = ZDICT_getDictID(bytes.data(), bytes.size());
  if (impl->id == 0) throw std::runtime_error("not a zstd dictionary");
  impl->bytes = std::move(bytes);
  // By reference: the bytes are kept anyway, and a copy of 64 KB is 16 fresh pages, which a
  // search (a process that opens the database, reads ten records and exits) pays for in
  // page faults.
  impl->ddict = ZSTD_createDDict_byReference(impl->bytes.data(), impl->bytes.size());
  if (impl->ddict == nullptr) throw std::runtime_error("damaged zstd dictionary");
  impl_ = std::move(impl);
}

uint32_t Dictionary::id() const { return impl_->id; }
const std::string& Dictionary::bytes() const { return impl_->bytes; }

void Dictionaries::add(const Dictionary& d) {
  const auto [it, added] = by_id_.emplace(d.id(), d);
  if (!added && it->second.bytes() != d.bytes())
    throw std::runtime_error("two different dictionaries have the id " + std::to_string(d.id()));
}

const Dictionary* Dictionaries::find(uint32_t id) const {
  const auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &it->second;
}

std::optional<std::string> train_dictionary(const std::vector<std::string>& samples,
                                            size_t capacity) {
  std::string joined;
  std::vector<size_t> sizes;
  for (const std::string& s : samples) {
    if (s.empty()) continue;
    joined += s;
    sizes.push_back(s.size());
  }
  std::string dictionary(capacity, '\0');
  const size_t size = ZDICT_trainFromBuffer(dictionary.data(), capacity, joined.data(),
                                            sizes.data(), static_cast<unsigned>(sizes.size()));
  if (ZDICT_isError(size)) return std::nullopt;
  dictionary.resize(size);
  return dictionary;
}

std::string compress(std::string_view data, const Dictionary* dictionary) {
  return Compressor(dictionary).finish(data);
}

struct Compressor::State {
  ZSTD_CCtx* ctx = nullptr;
  ~State() { ZSTD_freeCCtx(ctx); }  // also when the constructor throws
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

Compressor::Compressor(const Dictionary* dictionary) : state_(std::make_unique<State>()) {
  state_->ctx = ZSTD_createCCtx();
  if (state_->ctx == nullptr) throw std::bad_alloc();
  ZSTD_CCtx_setParameter(state_->ctx, ZSTD_c_compressionLevel, kZstdLevel);
  if (dictionary != nullptr) {
    const size_t rc = ZSTD_CCtx_refCDict(state_->ctx, DictionaryAccess::compression(*dictionary));
    if (ZSTD_isError(rc)) throw std::runtime_error(std::string("zstd: ") + ZSTD_getErrorName(rc));
  }
  // A checksum of the content, as zlib's adler32: damage is an error, never wrong text.
  ZSTD_CCtx_setParameter(state_->ctx, ZSTD_c_checksumFlag, 1);
  state_->out.assign(kPrefixSize, '\0');
}

Compressor::~Compressor() = default;

void Compressor::append(std::string_view data) {
  if (state_->finished) throw std::logic_error("Compressor used after finish()");
  if (data.empty()) return;  // nothing started: finish() may still be the one pass
  state_->run(data, ZSTD_e_continue);
  state_->size += data.size();
}

std::string Compressor::finish(std::string_view last) {
  if (state_->finished) throw std::logic_error("Compressor used after finish()");
  // With nothing appended before, zstd takes this as one pass over a known length: the
  // length goes into the frame header and the parameters fit it (the generated archive's
  // records compress in 0.33 s instead of 0.43 at level 3).
  state_->run(last, ZSTD_e_end);
  state_->size += last.size();
  state_->finished = true;
  for (size_t i = 0; i < kPrefixSize; ++i)
    state_->out[i] = static_cast<char>((state_->size >> (8 * i)) & 0xFF);
  return std::move(state_->out);
}

uint64_t decompressed_length(std::string_view data) { return announced_length(data); }

std::string decompress(std::string_view data, const Dictionaries* dictionaries) {
  std::string out;
  decompress_into(data, &out, dictionaries);
  return out;
}

namespace {

// The digested dictionary the zstd record `data` needs, or nullptr for none; throws when it
// names one `dictionaries` does not hold.
const ZSTD_DDict* needed_dictionary(std::string_view data, const Dictionaries* dictionaries) {
  const uint32_t id = frame_dictionary(data);
  if (id == 0) return nullptr;
  const Dictionary* d = dictionaries ? dictionaries->find(id) : nullptr;
  if (d == nullptr)
    throw std::runtime_error("compressed with dictionary " + std::to_string(id) +
                             ", which the database does not hold");
  return DictionaryAccess::decompression(*d);
}

}  // namespace

void decompress_into(std::string_view data, std::string* out, const Dictionaries* dictionaries) {
  const uint64_t size = announced_length(data);
  const uint64_t payload = data.size() - kPrefixSize;
  if (size > std::numeric_limits<uLong>::max())
    throw std::runtime_error("compressed data has an impossible length");
  out->resize(size);
  if (is_zstd(data)) {
    const ZSTD_DDict* ddict = needed_dictionary(data, dictionaries);
    const size_t got =
        ddict ? ZSTD_decompress_usingDDict(thread_dctx(), out->data(), size,
                                           data.data() + kPrefixSize, payload, ddict)
              : ZSTD_decompressDCtx(thread_dctx(), out->data(), size, data.data() + kPrefixSize,
                                    payload);
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

  ~State() {  // also when the constructor throws
    if (open) inflateEnd(&z);
    ZSTD_freeDStream(ds);
  }

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

InflateStreambuf::InflateStreambuf(std::string_view data, const Dictionaries* dictionaries)
    : state_(std::make_unique<State>()) {
  State& st = *state_;
  st.expected = announced_length(data);
  const uint64_t payload = data.size() - kPrefixSize;
  st.zstd = is_zstd(data);
  if (st.zstd) {
    const ZSTD_DDict* ddict = needed_dictionary(data, dictionaries);
    st.ds = ZSTD_createDStream();
    if (st.ds == nullptr) throw std::bad_alloc();
    if (ddict != nullptr && ZSTD_isError(ZSTD_DCtx_refDDict(st.ds, ddict)))
      throw std::runtime_error("zstd refused the dictionary");
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

InflateStreambuf::~InflateStreambuf() = default;

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
