// Objects left to the end of the process instead of freed.
//
// Why: a program that runs one command and exits frees at its end what the process's exit
// would release at once. The checker's state at 100,000 documents is a million small blocks,
// about 0.1 s to free one by one (compilers skip such frees at exit for the same reason).
//
// Contract: `object` is moved into a process-wide list and never destroyed; it stays
// reachable, so leak checkers do not report it. Thread-safe. For programs that run one
// command: in a long-running process (the web server) each call keeps its object for good.
#pragma once

#include <memory>
#include <mutex>
#include <type_traits>
#include <vector>

namespace concord::util {

namespace detail {
inline void keep_held(std::shared_ptr<void> held) {
  static std::mutex lock;
  static auto* kept = new std::vector<std::shared_ptr<void>>;  // never freed, on purpose
  const std::lock_guard<std::mutex> guard(lock);
  kept->push_back(std::move(held));
}
}  // namespace detail

template <typename T>
void keep_until_exit(T&& object) {
  detail::keep_held(std::make_shared<std::decay_t<T>>(std::forward<T>(object)));
}

}  // namespace concord::util
