// Word-at-a-time reads and comparisons of short byte strings (ids, member names), for the hot
// loops of the loader: std::memcmp's call and length dispatch cost more than the compare itself
// for strings of a few to a few tens of bytes.

#ifndef AIKG_INTERNAL_BYTES_H_
#define AIKG_INTERNAL_BYTES_H_

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace aikg::internal {

// The `Word` at `at`, which need not be aligned (native byte order).
template <typename Word>
inline Word LoadWord(const char* at) {
  Word word;
  std::memcpy(&word, at, sizeof word);
  return word;
}

// Whether the `n` bytes at `a` and `b` are equal: two overlapping words for 4 to 16 bytes, a
// word at a time beyond.
inline bool SameBytes(const char* a, const char* b, size_t n) {
  if (n >= 8) {
    for (size_t i = 0; i + 8 < n; i += 8) {
      if (LoadWord<uint64_t>(a + i) != LoadWord<uint64_t>(b + i)) return false;
    }
    return LoadWord<uint64_t>(a + n - 8) == LoadWord<uint64_t>(b + n - 8);
  }
  if (n >= 4) {
    return LoadWord<uint32_t>(a) == LoadWord<uint32_t>(b) && LoadWord<uint32_t>(a + n - 4) == LoadWord<uint32_t>(b + n - 4);
  }
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace aikg::internal

#endif  // AIKG_INTERNAL_BYTES_H_
