#include "util/heap.h"

#include <fcntl.h>
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <ctime>
#include <cstdlib>

namespace concord::util {

namespace {

constexpr uintptr_t kHugePage = uintptr_t{2} << 20;  // x86-64's and arm64's (4 KiB pages)
constexpr size_t kProbe = size_t{1} << 20;           // more than the heap's top holds at start
constexpr int kKeepFreed = 1 << 30;                  // glibc hands back a free top beyond this
// A page fault dearer than this makes the first 2 MiB piece worth mapping whole: a search
// touches 100 to 250 of its pages, and the first touch of a huge page (zeroing 2 MiB) costs
// about 0.25 ms.
constexpr uint64_t kDearFaultNs = 3000;

uintptr_t heap_end() { return reinterpret_cast<uintptr_t>(sbrk(0)); }

uint64_t now_ns() {
  timespec t{};
  clock_gettime(CLOCK_MONOTONIC, &t);
  return static_cast<uint64_t>(t.tv_sec) * 1000000000u + static_cast<uint64_t>(t.tv_nsec);
}

// What a page fault costs here: the cheaper of the first writes to two fresh pages at `page`
// (the first fault of a region also maps a page table, and either may be interrupted).
uint64_t fault_ns(uintptr_t page) {
  uint64_t best = UINT64_MAX;
  for (uintptr_t p : {page, page + 4096}) {
    const uint64_t start = now_ns();
    *reinterpret_cast<volatile char*>(p) = 0;
    best = std::min(best, now_ns() - start);
  }
  return best;
}

// Under strict overcommit accounting (vm.overcommit_memory = 2) address space set aside is
// charged as memory in full, and would be refused to other programs. Read through the system
// calls: this runs first in every command, and a stream's first use costs more.
bool strict_overcommit() {
  const int fd = open("/proc/sys/vm/overcommit_memory", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char mode[2] = {};
  const ssize_t n = read(fd, mode, sizeof mode);
  close(fd);
  return n >= 1 && mode[0] == '2' && (n == 1 || mode[1] == '\n');
}

}  // namespace

HeapSetup one_command_heap(size_t reserve) {
  HeapSetup out;
#if defined(__GLIBC__)
  // Blocks up to 32 MiB (glibc's largest threshold) from the heap rather than each its own
  // mapping, and a free top of the heap kept up to 1 GiB.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, kKeepFreed);
  if (reserve == 0 || reserve >= static_cast<size_t>(kKeepFreed) || strict_overcommit())
    return out;
  // The heap grows by what a request lacks plus M_TOP_PAD: one request larger than its free
  // top makes it grow by the whole reserve at once (brk: address space, no memory yet).
  const uintptr_t before = heap_end();
  mallopt(M_TOP_PAD, static_cast<int>(reserve));
  void* probe = std::malloc(kProbe);
  const uintptr_t after = heap_end();
  mallopt(M_TOP_PAD, 128 << 10);  // glibc's default, for growth past the reserve
  if (probe == nullptr) return out;
  const auto at = reinterpret_cast<uintptr_t>(probe);
  // Huge pages only in whole 2 MiB pieces never touched yet, from the first boundary over
  // the probe's end, where the allocator wrote the free top's header (a piece with one page
  // already mapped stays in 4 KiB pages).
  const uintptr_t first = (at + kProbe + 4096 + kHugePage - 1) & ~(kHugePage - 1);
  const uintptr_t end = after & ~(kHugePage - 1);
  // Grown, with the probe carved from the new top (not so under another allocator, or where
  // brk was refused and a mapping used instead).
  if (before == static_cast<uintptr_t>(-1) || after < before + reserve || at >= after ||
      at + kProbe < before) {
    std::free(probe);  // back into the heap's free top (never trimmed: below kKeepFreed)
    return out;
  }
  // The first piece is advised too only where faults are dear (11 us each on one virtual
  // machine, where a search was 7% slower in 4 KiB pages); where they cost about 1 us, zeroing
  // a whole huge page costs a search more than the faults it saves (3% at 100,000 documents).
  // Two pages in the middle of the probe tell which.
  out.fault_ns = fault_ns((at + kProbe / 2) & ~uintptr_t{4095});
  const uintptr_t begin = out.fault_ns >= kDearFaultNs ? first : first + kHugePage;
  // Room for a whole piece: advised.
  if (end <= begin || madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE) != 0) {
    std::free(probe);
    return out;
  }
  out.reserved = after - before;
  out.huge_advised = end - begin;
  // The probe extended in place to end at the first boundary (glibc grows a block into the
  // free top beside it) and kept, never touched but for its header and the two pages timed:
  // address space only. What is allocated next starts there, and grows into the advised
  // pieces. Had it moved, it is given back, and the advice still serves the heap once it
  // reaches them.
  void* spacer = std::realloc(probe, first - at - 2 * sizeof(size_t));
  if (reinterpret_cast<uintptr_t>(spacer) != at) std::free(spacer);
#else
  (void)reserve;
#endif
  return out;
}

}  // namespace concord::util
