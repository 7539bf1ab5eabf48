// one_command_heap(): the reserve is taken and advised where the system allows it, what comes
// next is allocated in it, touching it takes 2 MiB pages, and a refused reserve changes
// nothing else. Each case runs in a child process: the allocator's settings are per process.
#include "util/heap.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

using concord::util::HeapSetup;
using concord::util::one_command_heap;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kGlibcMalloc = false;  // the sanitizers' allocator: sbrk and mallopt unused
#else
constexpr bool kGlibcMalloc = true;
#endif

// What the child saw, sent whole through a pipe.
struct Seen {
  uint64_t allocated = 0;  // 1 when the block was allocated
  uint64_t reserved = 0, huge_advised = 0, fault_ns = 0;
  uint64_t faults = 0;        // minor page faults while touching `touch` bytes
  uint64_t huge_kib = 0;      // AnonHugePages of the process afterwards
  uint64_t in_reserve = 0;    // 1 when the block touched starts at the first boundary
};

uint64_t anon_huge_kib() {
  std::ifstream in("/proc/self/smaps_rollup");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("AnonHugePages:", 0) == 0) return std::strtoull(line.c_str() + 14, nullptr, 10);
  return 0;
}

uint64_t minor_faults() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<uint64_t>(u.ru_minflt);
}

// Runs one_command_heap(reserve) in a child (under an address-space limit of `limit_mib`
// more than it uses, when not 0), then allocates and touches `touch` bytes.
Seen run(size_t reserve, size_t limit_mib, size_t touch) {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    close(fds[0]);
    if (limit_mib != 0) {
      std::ifstream statm("/proc/self/statm");
      uint64_t pages = 0;
      statm >> pages;
      const rlimit r{pages * 4096 + (uint64_t{limit_mib} << 20),
                     pages * 4096 + (uint64_t{limit_mib} << 20)};
      setrlimit(RLIMIT_AS, &r);
    }
    const HeapSetup h = one_command_heap(reserve);
    const uint64_t before = minor_faults();
    char* block = static_cast<char*>(std::malloc(touch));
    if (block != nullptr) std::memset(block, 1, touch);
    const auto end = reinterpret_cast<uintptr_t>(sbrk(0));
    const Seen s{block != nullptr, h.reserved, h.huge_advised, h.fault_ns, minor_faults() - before,
                 anon_huge_kib(),
                 block != nullptr && h.huge_advised != 0 &&
                     reinterpret_cast<uintptr_t>(block) % (uintptr_t{2} << 20) < 64 &&
                     reinterpret_cast<uintptr_t>(block) + touch <= end};
    _exit(write(fds[1], &s, sizeof s) == static_cast<ssize_t>(sizeof s) ? 0 : 2);
  }
  close(fds[1]);
  Seen s;
  const ssize_t got = read(fds[0], &s, sizeof s);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  REQUIRE(got == static_cast<ssize_t>(sizeof s));
  REQUIRE(s.allocated == 1);  // whatever was refused, allocation still works
  return s;
}

bool kernel_gives_huge_pages() {
  std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string modes;
  std::getline(in, modes);
  return modes.find("[always]") != std::string::npos || modes.find("[madvise]") != std::string::npos;
}

}  // namespace

TEST_CASE("one_command_heap: a reserve in 2 MiB pages, or nothing changed", "[util][heap]") {
  constexpr size_t kMiB = size_t{1} << 20;
  struct Case {
    const char* what;
    size_t reserve, limit_mib;
    bool reserved;  // with glibc's allocator
  };
  const Case cases[] = {
      {"64 MiB reserved", 64 * kMiB, 0, true},
      {"nothing asked", 0, 0, false},
      {"address space limited below the reserve", 512 * kMiB, 128, false},
      {"the reserve at the limit the allocator keeps", size_t{1} << 30, 0, false},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    const Seen s = run(c.reserve, c.limit_mib, 8 * kMiB);
    if (!kGlibcMalloc || !c.reserved) {
      CHECK(s.reserved == 0);
      CHECK(s.huge_advised == 0);
      CHECK(s.in_reserve == 0);
      continue;
    }
    CHECK(s.reserved >= c.reserve);
    // Whole 2 MiB pieces from a boundary 1 to 3 MiB up (about 4 MiB less than the reserve), or
    // from the next one where a fault was timed cheap (6 MiB less).
    CHECK(s.fault_ns > 0);
    if (s.fault_ns >= 3000) {
      CHECK(s.huge_advised >= c.reserve - 6 * kMiB);
    } else {
      CHECK(s.huge_advised >= c.reserve - 8 * kMiB);
      CHECK(s.huge_advised <= c.reserve - 2 * kMiB);  // the first piece is not advised
    }
    CHECK(s.huge_advised % (2 * kMiB) == 0);
    // The next allocation starts at the first boundary.
    CHECK(s.in_reserve == 1);
    if (kernel_gives_huge_pages()) {
      // 8 MiB touched: 2,048 faults in 4 KiB pages, one per 2 MiB piece mapped whole (the
      // kernel maps a piece in 4 KiB pages when it has no free 2 MiB at hand: at least one).
      CHECK(s.huge_kib >= 2048);
      CHECK(s.faults <= 2048 - 512 + 64);
    } else {
      WARN("transparent huge pages are off in this kernel: page counts not checked");
    }
  }
}
