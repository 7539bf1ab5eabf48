// Compression of stored records (zstd; records of older databases in zlib are read too).
//
// Contract: pure, thread-safe. decompress() throws std::runtime_error on corrupt input
// (stored data is written by compress(), so corruption means a damaged database), and on a
// record compressed with a dictionary that is not among the ones given.
//
// Dictionaries: a database's records are many, small and alike (the same keys, paths, titles
// and phrases), and zstd compresses each alone, so most of what they share is stored again in
// every one. A dictionary trained on a database's first records (train_dictionary()) and kept
// in the database lets each record refer to it instead (on generated archives, records 2.3-3×
// smaller). A compressed record names its dictionary by id (zstd's frame header), so a reader
// of several databases hands decompress() all of theirs.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <streambuf>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace concord::util {

// A zstd dictionary, digested for compressing and for decompressing. Immutable and
// thread-safe; copies share the digested tables.
class Dictionary {
 public:
  // Throws std::runtime_error when `bytes` is not a zstd dictionary with an id.
  explicit Dictionary(std::string bytes);
  uint32_t id() const;               // never 0
  const std::string& bytes() const;  // what to store to make it again

 private:
  friend struct DictionaryAccess;  // compress.cc: the digested tables
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

// Dictionaries by id: what decompress() may need for the records it is given.
class Dictionaries {
 public:
  // Adds `d`; one already held (same id and bytes) is not added twice. Throws
  // std::runtime_error when another dictionary has the same id.
  void add(const Dictionary& d);
  const Dictionary* find(uint32_t id) const;  // nullptr when not held
  size_t size() const { return by_id_.size(); }

 private:
  std::unordered_map<uint32_t, Dictionary> by_id_;
};

// A dictionary of at most `capacity` bytes trained on `samples` (each a record's first bytes);
// nullopt when zstd cannot make one of them (too few or too small samples).
std::optional<std::string> train_dictionary(const std::vector<std::string>& samples,
                                            size_t capacity);

// With a dictionary, the record can be read only with it (decompress(): `dictionaries`
// holding it). `dictionary` must outlive the call.
std::string compress(std::string_view data, const Dictionary* dictionary = nullptr);
std::string decompress(std::string_view data, const Dictionaries* dictionaries = nullptr);
// decompress() into `out` (its capacity reused: a reader decoding many records allocates
// once). Throws like decompress().
void decompress_into(std::string_view data, std::string* out,
                     const Dictionaries* dictionaries = nullptr);
// The uncompressed length compressed `data` announces; throws std::runtime_error when it has
// no prefix or announces a length deflate could not have produced from the rest.
uint64_t decompressed_length(std::string_view data);

// compress() fed piece by piece: a record that decompresses to the pieces joined, without
// holding them joined (a record of a million mentions is encoded one mention at a time).
// compress() is finish() alone; a record given whole to finish() is compressed in one pass,
// which is faster for small records and gives other bytes than the same record streamed.
class Compressor {
 public:
  // `dictionary`, if any, must outlive the Compressor.
  explicit Compressor(const Dictionary* dictionary = nullptr);
  ~Compressor();
  Compressor(const Compressor&) = delete;
  Compressor& operator=(const Compressor&) = delete;
  void append(std::string_view data);
  // The compressed record, `last` its last piece; the Compressor is spent.
  std::string finish(std::string_view last = {});

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
  // `dictionaries`, if any, must outlive the stream too.
  explicit InflateStreambuf(std::string_view data, const Dictionaries* dictionaries = nullptr);
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
