// How a database's stored records (document data and facts, stored_doc.h) are compressed:
// with the database's own zstd dictionary (util/compress.h) once it has one. A database gets
// one during the run that writes its first kSampledRecords records: until then each record is
// compressed alone and its first bytes are kept as a sample; the record that completes the
// samples trains the dictionary, and every record compressed after it uses it. The dictionary
// is kept in the database's metadata (schema::kMetaDictionaryPrefix + its id) and read back
// by every later run and by the readers. A database written before dictionaries, or by runs
// too small to train, counts the records it already holds (`existing`, read once by the first
// record a run writes) with the new ones: it trains as soon as both reach kSampledRecords
// (about 256 documents held and written); records stored before stay as they are, readable.
//
// Contract: thread-safe, shared by the worker threads that encode records and the writer that
// stores them. A record compressed with a dictionary is unreadable without it, so the writer
// stores unstored() before it stores any document (IndexWriter does, at every document).
// Training failing (samples zstd cannot train on) is not an error: records stay compressed
// alone and the next run tries again.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/compress.h"

namespace concord {

class RecordCompression {
 public:
  // Records sampled before training: 256 documents' data and facts. Fewer samples train worse
  // dictionaries (measured on generated archives: 100 documents, 4% larger records than 256;
  // 1,000, 1% smaller).
  static constexpr size_t kSampledRecords = 512;
  static constexpr size_t kSampleBytes = 16 << 10;       // of each record's start
  static constexpr size_t kDictionaryBytes = 64 << 10;   // at most

  // The starts of up to `n` records a database already holds (compressed alone), as samples.
  using ExistingRecords = std::function<std::vector<std::string>(size_t n)>;

  // `recorded`: the database's dictionary, when it has one (then nothing is sampled).
  // `sampled_records`: how many records to sample before training (tests make it small).
  // `existing`: called once, by the first offer(), for the records the database already
  // holds: a database written before dictionaries, or by runs too small to train, counts them
  // with the new ones (so a run of a few documents into a database of 256 trains). It runs on
  // the offering thread and must read through a handle of its own.
  explicit RecordCompression(std::optional<util::Dictionary> recorded = std::nullopt,
                             size_t sampled_records = kSampledRecords,
                             ExistingRecords existing = {});

  // The dictionary to compress a record with now; null while there is none. Hold the pointer
  // while compressing.
  std::shared_ptr<const util::Dictionary> dictionary() const;
  // Whether offer() would keep a sample: no dictionary yet, and training not given up.
  bool wants_samples() const;
  // Offers the first bytes of a record compressed alone (at most kSampleBytes are kept). The
  // offer that completes the samples trains the dictionary on this thread (tens to hundreds
  // of milliseconds), without holding the others up: they compress alone meanwhile.
  void offer(std::string_view record_start);
  // The dictionary trained and not yet stored, for the writer to store; nullopt if none. It
  // stays so until stored() is called, so a failed store is retried.
  std::optional<util::Dictionary> unstored() const;
  // The writer put the dictionary unstored() gave in its transaction. (Not yet committed:
  // a writer whose commit fails is not used again, so the dictionary is not lost with it.)
  void stored();

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const util::Dictionary> dictionary_;
  std::vector<std::string> samples_;
  size_t sampled_records_;
  ExistingRecords existing_;  // emptied once called
  bool training_ = false;          // one thread trains; the others stop sampling
  bool reading_existing_ = false;  // one thread reads `existing`; the others go on sampling
  bool gave_up_ = false;
  bool unstored_ = false;
};

}  // namespace concord
