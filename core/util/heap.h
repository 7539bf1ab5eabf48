// The heap of a program that runs one command and exits (concord-query): glibc's allocator
// set to take memory from the kernel in few, large pieces and keep what is freed.
//
// Contract: never throws and never fails the program; whatever the allocator, the kernel or
// the system's limits refuse is left as it was. Call once, first thing in main(), before any
// other thread starts.
#pragma once

#include <cstddef>
#include <cstdint>

namespace concord::util {

// What one_command_heap() did.
struct HeapSetup {
  size_t reserved = 0;      // bytes of address space set aside at the top of the heap
  size_t huge_advised = 0;  // of which advised as huge-page memory (whole 2 MiB pieces)
  uint64_t fault_ns = 0;     // a page fault's cost, timed (0: not timed)
};

// Keeps freed memory for reuse instead of handing it back (glibc gives big blocks back to the
// kernel and takes them again, one page fault per 4 KiB each time), and sets aside `reserve`
// bytes of address space at the top of the heap in one step, advised to the kernel as
// transparent-huge-page memory (madvise MADV_HUGEPAGE) from a 2 MiB boundary 1 to 3 MiB up,
// where the allocations that follow start; where a page fault costs less than 3 us (timed on
// two pages), from the next boundary, the first 2 MiB staying in 4 KiB pages (a small command
// touches less of it than zeroing a huge page would cost). The first touch of each 2 MiB
// piece advised then maps it whole where 4 KiB pages take a fault each. Untouched, the reserve costs address
// space only; memory in use grows by a few MiB (a piece touched is resident whole: 2 to 5 MiB
// in concord-query's commands at 100,000 documents). Under another allocator (the
// sanitizers'), where the heap cannot grow by `reserve` (an address-space limit), under
// strict overcommit accounting (where a reserve is charged as memory in full), or with
// `reserve` 0, only the first part applies; with transparent huge pages off in the kernel
// the advice is kept but changes nothing.
HeapSetup one_command_heap(size_t reserve);

}  // namespace concord::util
