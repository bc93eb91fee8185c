// bench/memory.h: what a benchmark iteration holds and needed, for the memory counters of the
// benchmark programs (docs/benchmarks.md). Linux and glibc only.

#ifndef AIKG_BENCH_MEMORY_H_
#define AIKG_BENCH_MEMORY_H_

#include <cstddef>

namespace aikg_bench {

// Heap bytes in use: small blocks from every arena plus blocks mmapped on their own.
size_t HeapInUse();
// The resident set, in bytes.
size_t ResidentBytes();
// VmHWM, the peak resident set, in bytes; 0 when unknown.
size_t PeakResidentBytes();
// Resets VmHWM to the current resident set (Linux ≥ 4.0); false when it cannot.
bool ResetPeakResident();

}  // namespace aikg_bench

#endif  // AIKG_BENCH_MEMORY_H_
