// The per-revision cache of the web pages: one computation per snapshot and key, shared by
// the requests that arrive while it runs; errors not kept; least recently used dropped.
#include "web/revision_cache.h"

#include <catch2/catch.hpp>
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

using concord::web::RevisionCache;

TEST_CASE("revision cache: computed once per snapshot and key", "[web][cache]") {
  RevisionCache<int> cache(4);
  int runs = 0;
  auto compute = [&] { return ++runs; };
  CHECK(*cache.get("u@1", "a", compute) == 1);
  CHECK(*cache.get("u@1", "a", compute) == 1);  // kept
  CHECK(*cache.get("u@1", "b", compute) == 2);  // another key
  CHECK(*cache.get("u@2", "a", compute) == 3);  // the index moved on
  CHECK(*cache.get("u@2", "a", compute) == 3);
  CHECK(*cache.get("v@2", "a", compute) == 4);  // another database at the same revision
  CHECK(runs == 4);
}

TEST_CASE("revision cache: requests arriving during a computation wait for it",
          "[web][cache]") {
  RevisionCache<int> cache(4);
  std::atomic<int> runs{0};
  std::vector<std::thread> threads;
  std::vector<int> got(8, 0);
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&, i] {
      got[i] = *cache.get("u@1", "check", [&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        return ++runs;
      });
    });
  for (std::thread& t : threads) t.join();
  CHECK(runs == 1);
  for (int g : got) CHECK(g == 1);
}

TEST_CASE("revision cache: an error reaches the caller and is not kept", "[web][cache]") {
  RevisionCache<int> cache(4);
  int runs = 0;
  CHECK_THROWS_AS(cache.get("u@1", "a",
                            [&]() -> int {
                              ++runs;
                              throw std::runtime_error("damaged");
                            }),
                  std::runtime_error);
  CHECK(cache.size() == 0);
  CHECK(*cache.get("u@1", "a", [&] { return ++runs; }) == 2);
}

TEST_CASE("revision cache: at most its capacity, the least recently used dropped",
          "[web][cache]") {
  RevisionCache<int> cache(2);
  int runs = 0;
  auto compute = [&] { return ++runs; };
  cache.get("u@1", "a", compute);  // 1
  cache.get("u@1", "b", compute);  // 2
  cache.get("u@1", "a", compute);  // a used again: b is now the oldest
  cache.get("u@1", "c", compute);  // 3, drops b
  CHECK(cache.size() == 2);
  CHECK(*cache.get("u@1", "a", compute) == 1);
  CHECK(*cache.get("u@1", "b", compute) == 4);  // computed again
  CHECK(runs == 4);
}
