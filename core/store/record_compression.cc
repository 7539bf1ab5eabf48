// The dictionary of a database's stored records: sampled, trained once, then shared.
#include "store/record_compression.h"

#include <xapian.h>

#include <algorithm>

#include "store/schema.h"
#include "store/stored_doc.h"
#include "store/xapian_access.h"

namespace concord {

RecordCompression::RecordCompression(std::optional<util::Dictionary> recorded,
                                     size_t sampled_records)
    : sampled_records_(std::max<size_t>(sampled_records, 1)) {
  if (recorded) dictionary_ = std::make_shared<const util::Dictionary>(std::move(*recorded));
}

std::shared_ptr<const util::Dictionary> RecordCompression::dictionary() const {
  std::lock_guard lock(mu_);
  return dictionary_;
}

bool RecordCompression::wants_samples() const {
  std::lock_guard lock(mu_);
  return !dictionary_ && !gave_up_;
}

void RecordCompression::offer(std::string_view record_start) {
  std::lock_guard lock(mu_);
  if (dictionary_ || gave_up_) return;
  samples_.emplace_back(record_start.substr(0, kSampleBytes));
  if (samples_.size() < sampled_records_) return;
  // A dictionary much larger than its samples is mostly noise, and zstd refuses to train one
  // from too little: at most a quarter of what was sampled.
  size_t sampled = 0;
  for (const std::string& s : samples_) sampled += s.size();
  const size_t capacity = std::clamp<size_t>(sampled / 4, 1024, kDictionaryBytes);
  std::optional<std::string> trained = util::train_dictionary(samples_, capacity);
  std::vector<std::string>().swap(samples_);
  if (!trained) {
    gave_up_ = true;
    return;
  }
  try {
    dictionary_ = std::make_shared<const util::Dictionary>(std::move(*trained));
    trained_untaken_ = true;
  } catch (const std::runtime_error&) {
    gave_up_ = true;  // zstd made something it cannot load: go on without
  }
}

std::optional<util::Dictionary> RecordCompression::take_trained() {
  std::lock_guard lock(mu_);
  if (!trained_untaken_) return std::nullopt;
  trained_untaken_ = false;
  return *dictionary_;
}

std::optional<util::Dictionary> read_dictionaries(const Xapian::Database& db,
                                                  util::Dictionaries* out) {
  std::optional<util::Dictionary> first;
  const std::string prefix = schema::kMetaDictionaryPrefix;
  for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
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
