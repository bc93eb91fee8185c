// CRC32C (Castagnoli), the checksum of binary snapshots: with the SSE 4.2 instruction where the
// processor has it (three interleaved streams, over 20 GB/s), else a table-driven loop that
// gives the same result.
//
// Example:
//   uint32_t crc = internal::Crc32c(first_part);
//   crc = internal::Crc32c(second_part, crc);  // the CRC of both parts, in order

#ifndef AIKG_INTERNAL_CRC32C_H_
#define AIKG_INTERNAL_CRC32C_H_

#include <cstdint>
#include <string_view>

namespace aikg::internal {

// The CRC32C of `bytes`, continuing from `crc` (the CRC of the bytes before, 0 at the start).
uint32_t Crc32c(std::string_view bytes, uint32_t crc = 0);

// The same by the table-driven loop alone, whatever the processor (for tests and comparisons).
uint32_t PortableCrc32c(std::string_view bytes, uint32_t crc = 0);

}  // namespace aikg::internal

#endif  // AIKG_INTERNAL_CRC32C_H_
