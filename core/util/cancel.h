// Cooperative cancellation: long loops (pages, nodes, documents) poll a flag that another
// thread (a signal handler's observer, the indexer's writer) sets.
//
// Contract: a null flag means "never cancelled". Reading is relaxed: a stage notices the
// flag at its next check, which is all a stop needs.
#pragma once

#include <atomic>

namespace concord::util {

// Whether `cancel` is given and set.
inline bool cancelled(const std::atomic<bool>* cancel) {
  return cancel != nullptr && cancel->load(std::memory_order_relaxed);
}

}  // namespace concord::util
