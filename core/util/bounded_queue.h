// A bounded multi-producer queue: producers block when it is full, so a fast producer cannot
// run ahead of a slow consumer and memory stays bounded.
//
// Contract: thread-safe. set_producers(n) before producers start; each producer calls
// producer_done() once when it will push no more; pop() returns false when every producer is
// done and the queue is drained. pop_until() also gives up at a deadline, so a consumer can
// do timed work (commits) while every producer is busy. After close(), push() discards its
// item and returns false at once, and pops report kDone: a consumer that stops early
// releases producers blocked on a full queue.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>

namespace concord::util {

template <class T>
class BoundedQueue {
 public:
  explicit BoundedQueue(size_t capacity) : capacity_(capacity) {}
  BoundedQueue(const BoundedQueue&) = delete;
  BoundedQueue& operator=(const BoundedQueue&) = delete;

  // Returns false (the item dropped) when the queue is closed.
  bool push(T item) {
    std::unique_lock lock(mu_);
    not_full_.wait(lock, [&] { return q_.size() < capacity_ || closed_; });
    if (closed_) return false;
    q_.push_back(std::move(item));
    not_empty_.notify_one();
    return true;
  }

  bool pop(T* item) {
    std::unique_lock lock(mu_);
    not_empty_.wait(lock, [&] { return !q_.empty() || producers_ == 0 || closed_; });
    if (q_.empty() || closed_) return false;
    *item = std::move(q_.front());
    q_.pop_front();
    not_full_.notify_one();
    return true;
  }

  enum class PopResult { kItem, kTimeout, kDone };

  // Like pop(), but returns kTimeout when nothing arrived by `deadline`.
  PopResult pop_until(T* item, std::chrono::steady_clock::time_point deadline) {
    std::unique_lock lock(mu_);
    if (!not_empty_.wait_until(lock, deadline,
                               [&] { return !q_.empty() || producers_ == 0 || closed_; }))
      return PopResult::kTimeout;
    if (q_.empty() || closed_) return PopResult::kDone;
    *item = std::move(q_.front());
    q_.pop_front();
    not_full_.notify_one();
    return PopResult::kItem;
  }

  void set_producers(int n) {
    std::lock_guard lock(mu_);
    producers_ = n;
  }

  void close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    q_.clear();
    not_full_.notify_all();
    not_empty_.notify_all();
  }

  void producer_done() {
    std::lock_guard lock(mu_);
    --producers_;
    not_empty_.notify_all();
  }

 private:
  size_t capacity_;
  int producers_ = 0;
  bool closed_ = false;
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<T> q_;
};

}  // namespace concord::util
