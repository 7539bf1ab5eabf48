// Internal to the index stage: what one file takes in a worker thread (read, hash, sniff,
// extract, recognize, prepare the document) and the pool of threads that does it.
//
// Contract: process() never throws for a problem with the file (it returns kFailed with the
// problem); only out-of-memory escapes it. A WorkerPool is shared (shared_ptr) by the writer
// and the worker threads; a worker takes jobs until none is left or `stop` is set, checks
// `stop` between stages and (through the extractors and the preparer) between pages, and
// hands each result to the queue, which the writer drains. A worker still busy when the
// writer gives up on it keeps the pool alive through its own share, and ends at its next
// check without handing anything in (the writer closes the queue).
#pragma once

#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "discover/discover.h"
#include "extract/extract.h"
#include "ocr/ocr.h"
#include "recognize/gazetteer.h"
#include "store/writer.h"
#include "util/bounded_queue.h"

namespace concord {

// A file to work on and what the index held for it.
struct Job {
  FoundFile file;
  IndexedFile known;
};

// What a worker hands to the writer. kTouched: same content, only the mtime moved;
// kCancelled: stopped by `stop`, nothing to write; kPart: a continuation of a file stored in
// parts (IndexOptions::split_bytes), handed in before the file's own outcome.
struct Outcome {
  enum class Kind { kIndexed, kTouched, kSkipped, kFailed, kCancelled, kPart } kind = Kind::kFailed;
  const FoundFile* file = nullptr;  // the job's, owned by the pool
  bool was_indexed = false;
  bool had_failure = false;             // a failure record exists for this path
  FileProblem problem;                  // kFailed
  std::optional<PreparedDocument> doc;  // kIndexed, kPart
  uint32_t parts = 0;                   // continuations handed in before this outcome
  uint64_t text_bytes = 0;
  // OCR of PDF pages without a text layer (ocr/ocr.h): pages read now, read from the cache,
  // and left unread because OCR cannot run here (why: ocr_skip_reason).
  uint32_t ocr_read = 0, ocr_cached = 0, ocr_skipped = 0;
  std::string ocr_skip_reason;
  std::vector<std::string> warnings;  // "page 3: ocr-timeout: ..." (the file is indexed)
};

// When a text file is stored in parts (IndexOptions::split_bytes, part_bytes).
struct PartLimits {
  uint64_t split_bytes = 8ull << 20;
  size_t part_bytes = 2ull << 20;
};

// Hands a kPart outcome to the writer; false when the run is stopping.
using EmitPart = std::function<bool(Outcome&&)>;

// One file's work (see the contract). A text file over limits.split_bytes is read in pieces
// and its continuations go through `emit` as they are made; the returned outcome is its head.
Outcome process(const Job& job, uint64_t max_file_size, const Gazetteer& gazetteer,
                const OcrOptions& ocr, const std::atomic<bool>& stop, DocumentPreparer* preparer,
                const PartLimits& limits = {}, const EmitPart& emit = {});

// The acronym words of `gazetteer`'s entities (store/terms.h acronym_words()).
std::vector<AcronymWord> acronym_words_of(const Gazetteer& gazetteer);

struct WorkerPool {
  WorkerPool(std::vector<Job> jobs_in, uint64_t max_size, Gazetteer gazetteer_in, OcrOptions ocr_in,
             unsigned threads, PartLimits limits_in = {})
      : jobs(std::move(jobs_in)),
        max_file_size(max_size),
        limits(limits_in),
        gazetteer(std::move(gazetteer_in)),
        acronyms(std::make_shared<const std::vector<AcronymWord>>(acronym_words_of(gazetteer))),
        ocr(std::move(ocr_in)),
        queue(threads * 4) {
    queue.set_producers(static_cast<int>(threads));
  }
  const std::vector<Job> jobs;
  const uint64_t max_file_size;
  const PartLimits limits;
  const Gazetteer gazetteer;
  const std::shared_ptr<const std::vector<AcronymWord>> acronyms;  // of the gazetteer
  const OcrOptions ocr;
  std::atomic<bool> stop{false};  // set by the writer: cancelled, or a fatal error
  std::atomic<size_t> next{0};    // the next job to take
  util::BoundedQueue<Outcome> queue;
  // How the records are compressed (the writer's: IndexWriter::record_compression()); null:
  // each alone.
  std::shared_ptr<RecordCompression> compression;
  std::mutex error_mu;
  std::exception_ptr error;  // the first fatal error of a worker (out of memory)
};

// The body of one worker thread.
void work(std::shared_ptr<WorkerPool> pool);

}  // namespace concord
