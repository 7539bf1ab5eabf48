// The dictionary of a database's stored records: sampled, trained once, then shared.
#include "store/record_compression.h"

#include <xapian.h>

#include <algorithm>

#include "store/schema.h"
#include "store/stored_doc.h"
#include "store/xapian_access.h"

namespace concord {

RecordCompression::RecordCompression(std::optional<util::Dictionary> recorded,
                                     size_t sampled_records, ExistingRecords existing)
    : sampled_records_(std::max<size_t>(sampled_records, 1)), existing_(std::move(existing)) {
  if (recorded) dictionary_ = std::make_shared<const util::Dictionary>(std::move(*recorded));
}

std::shared_ptr<const util::Dictionary> RecordCompression::dictionary() const {
  std::lock_guard lock(mu_);
  return dictionary_;
}

bool RecordCompression::wants_samples() const {
  std::lock_guard lock(mu_);
  return !dictionary_ && !gave_up_ && !training_;
}

void RecordCompression::offer(std::string_view record_start) {
  std::vector<std::string> samples;
  {
    std::unique_lock lock(mu_);
    if (dictionary_ || gave_up_ || training_) return;
    // Bounded while the held records are read too: what is past the count is never used.
    if (samples_.size() < sampled_records_)
      samples_.emplace_back(record_start.substr(0, kSampleBytes));
    if (existing_) {
      // Once, at the first sample: what the database already holds. The others go on
      // sampling meanwhile; none trains until it is read.
      ExistingRecords existing = std::move(existing_);
      existing_ = nullptr;
      reading_existing_ = true;
      lock.unlock();
      std::vector<std::string> held;
      try {
        held = existing(sampled_records_);
      } catch (...) {
        // Unreadable (Xapian's errors are not std::exceptions): train on the new records
        // alone; a damaged database is reported by whatever reads it next, not by this file.
      }
      lock.lock();
      reading_existing_ = false;
      for (std::string& h : held) {
        if (samples_.size() >= sampled_records_) break;
        h.resize(std::min(h.size(), kSampleBytes));
        samples_.push_back(std::move(h));
      }
    }
    if (reading_existing_ || samples_.size() < sampled_records_) return;
    training_ = true;
    samples.swap(samples_);
  }
  // In a fixed order: the workers offer in the order they finish, and zstd's trainer splits
  // its samples by position.
  std::sort(samples.begin(), samples.end());
  // A dictionary much larger than its samples is mostly noise, and zstd refuses to train one
  // from too little: at most a quarter of what was sampled.
  size_t sampled = 0;
  for (const std::string& s : samples) sampled += s.size();
  const size_t capacity = std::clamp<size_t>(sampled / 4, 1024, kDictionaryBytes);
  std::shared_ptr<const util::Dictionary> trained;
  try {
    if (std::optional<std::string> bytes = util::train_dictionary(samples, capacity))
      trained = std::make_shared<const util::Dictionary>(std::move(*bytes));
  } catch (...) {
    // zstd made something it cannot load, or memory ran short: go on without (the record
    // in hand is already compressed; this file must not fail for it)
  }
  std::lock_guard lock(mu_);
  training_ = false;
  if (!trained) {
    gave_up_ = true;
    return;
  }
  dictionary_ = std::move(trained);
  unstored_ = true;
}

std::optional<util::Dictionary> RecordCompression::unstored() const {
  std::lock_guard lock(mu_);
  if (!unstored_) return std::nullopt;
  return *dictionary_;
}

void RecordCompression::stored() {
  std::lock_guard lock(mu_);
  unstored_ = false;
}

namespace {

// Appends the starts of the first records of `db` to *out, up to `n` in all.
void append_record_starts(const Xapian::Database& db, size_t n, std::vector<std::string>* out) {
  // The first documents: their document data and facts, each inflated only as far as a
  // sample reaches.
  const auto start = [&](const std::string& record) {
    if (record.size() < 2 || record[0] != kStoredFormatVersion) return;
    try {
      util::InflateStreambuf in(std::string_view(record).substr(1));
      std::string sample(RecordCompression::kSampleBytes, '\0');
      sample.resize(static_cast<size_t>(in.sgetn(sample.data(), sample.size())));
      if (!sample.empty()) out->push_back(std::move(sample));
    } catch (const std::runtime_error&) {
      // compressed with a dictionary, or damaged: not a sample
    }
  };
  // At most 4n documents visited, however few of their records are samples (damaged ones).
  size_t visited = 0;
  for (auto p = db.postlist_begin("");
       p != db.postlist_end("") && out->size() + 1 < n && visited++ < 4 * n; ++p) {
    const Xapian::Document d = db.get_document(*p);
    start(d.get_data());
    start(d.get_value(schema::kSlotFacts));
  }
}

}  // namespace

std::vector<std::string> existing_record_starts(const std::string& db_path, size_t n) {
  std::vector<std::string> out;
  try {
    append_record_starts(Xapian::Database(db_path), n, &out);
  } catch (const Xapian::Error&) {
    // what was read so far: samples, not a verdict on the database
  }
  return out;
}

Xapian::TermIterator metadata_keys_begin(const Xapian::Database& db, const std::string& prefix) {
  (void)db.get_metadata(prefix);
  return db.metadata_keys_begin(prefix);
}

std::optional<util::Dictionary> read_dictionaries(const Xapian::Database& db,
                                                  util::Dictionaries* out) {
  std::optional<util::Dictionary> first;
  const std::string prefix = schema::kMetaDictionaryPrefix;
  for (auto k = metadata_keys_begin(db, prefix); k != db.metadata_keys_end(prefix); ++k) {
    try {
      util::Dictionary d(db.get_metadata(*k));
      if (std::to_string(d.id()) != std::string(*k).substr(prefix.size()))
        throw std::runtime_error("its id is not its key's");
      out->add(d);
      if (!first) first = std::move(d);
    } catch (const std::runtime_error& e) {
      throw DamagedRecordError("the stored dictionary " + std::string(*k) + " is damaged (" +
                               e.what() + ")");
    }
  }
  return first;
}

}  // namespace concord
