// Internal to core/web: answers that cost an archive-wide read (the check report, an entity's
// cross-references, the health page), computed once per index revision and kept for the next
// requests.
//
// Contract:
// - get(snapshot, key, compute) gives the value computed for `key` on a snapshot of that name
//   (IndexReader::snapshot(): the database's UUID and revision). A value of another snapshot
//   is never given: when the index moves on, the next request computes again (so new
//   documents show at once, as everywhere else on the site).
// - Computed at most once at a time per key: requests arriving while it is computed wait for
//   that computation instead of starting their own (a burst of requests for a heavy page
//   costs one computation, not one per request). An exception from `compute` reaches every
//   waiter and nothing is kept.
// - At most `capacity` keys are kept; the least recently used is dropped.
// - Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace concord::web {

template <typename T>
class RevisionCache {
 public:
  explicit RevisionCache(size_t capacity) : capacity_(capacity) {}

  std::shared_ptr<const T> get(const std::string& revision, const std::string& key,
                               const std::function<T()>& compute) {
    std::promise<std::shared_ptr<const T>> promise;
    std::shared_future<std::shared_ptr<const T>> value;
    bool mine = false;
    uint64_t serial = 0;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = entries_.find(key);
      if (it != entries_.end() && it->second.revision == revision) {
        it->second.used = ++clock_;
        value = it->second.value;
      } else {
        value = promise.get_future().share();
        serial = ++clock_;
        entries_[key] = Entry{revision, value, serial, serial};
        mine = true;
        while (entries_.size() > capacity_) {
          auto oldest = entries_.begin();
          for (auto e = entries_.begin(); e != entries_.end(); ++e)
            if (e->second.used < oldest->second.used) oldest = e;
          entries_.erase(oldest);
        }
      }
    }
    if (mine) {
      try {
        promise.set_value(std::make_shared<const T>(compute()));
      } catch (...) {
        promise.set_exception(std::current_exception());
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = entries_.find(key);
        if (it != entries_.end() && it->second.serial == serial) entries_.erase(it);
      }
    }
    return value.get();
  }

  // How many keys are kept.
  size_t size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return entries_.size();
  }

 private:
  struct Entry {
    std::string revision;
    std::shared_future<std::shared_ptr<const T>> value;
    uint64_t used = 0;
    uint64_t serial = 0;  // which computation filled it
  };
  const size_t capacity_;
  mutable std::mutex mutex_;
  std::map<std::string, Entry> entries_;
  uint64_t clock_ = 0;
};

}  // namespace concord::web
