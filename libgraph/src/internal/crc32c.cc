#include "internal/crc32c.h"

#include <array>
#include <cstring>

namespace aikg::internal {
namespace {

constexpr uint32_t kPolynomial = 0x82F63B78;  // Castagnoli, bit-reversed

// Slicing-by-8 tables: table[k][b] is the CRC of byte b followed by k zero bytes.
constexpr std::array<std::array<uint32_t, 256>, 8> MakeTables() {
  std::array<std::array<uint32_t, 256>, 8> table{};
  for (uint32_t b = 0; b < 256; ++b) {
    uint32_t crc = b;
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ ((crc & 1) ? kPolynomial : 0);
    table[0][b] = crc;
  }
  for (int k = 1; k < 8; ++k) {
    for (uint32_t b = 0; b < 256; ++b) table[k][b] = (table[k - 1][b] >> 8) ^ table[0][table[k - 1][b] & 0xFF];
  }
  return table;
}
constexpr auto kTables = MakeTables();

uint32_t SoftwareCrc(const unsigned char* p, size_t n, uint32_t crc) {
  for (; n >= 8; p += 8, n -= 8) {
    // Byte by byte, so that the result does not depend on the host's byte order.
    uint32_t low = crc ^ (uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24);
    crc = kTables[7][low & 0xFF] ^ kTables[6][(low >> 8) & 0xFF] ^ kTables[5][(low >> 16) & 0xFF] ^
          kTables[4][low >> 24] ^ kTables[3][p[4]] ^ kTables[2][p[5]] ^ kTables[1][p[6]] ^ kTables[0][p[7]];
  }
  for (; n > 0; ++p, --n) crc = (crc >> 8) ^ kTables[0][(crc ^ *p) & 0xFF];
  return crc;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
// The CRC register (before the final inversion) is linear in the message: the CRC of A then B is
// the CRC of A carried over |B| zero bytes, xor the CRC of B alone. Carrying a CRC over n zero
// bytes multiplies it by x^(8n) modulo the polynomial, a linear map of its 32 bits: for a fixed
// n, four table lookups (one per byte of the CRC). That lets three independent streams run over
// three adjacent blocks, since the instruction takes three cycles but can start one per cycle.

// a·b modulo the polynomial, bit-reversed (bit 31 is x^0).
constexpr uint32_t MultiplyModulo(uint32_t a, uint32_t b) {
  uint32_t product = 0;
  for (uint32_t bit = 1u << 31; bit != 0; bit >>= 1) {
    if ((a & bit) != 0) product ^= b;
    b = (b & 1) != 0 ? (b >> 1) ^ kPolynomial : b >> 1;
  }
  return product;
}

// x^(8·bytes) modulo the polynomial, by squaring.
constexpr uint32_t ZeroBytesFactor(size_t bytes) {
  uint32_t result = 1u << 31, power = 1u << 23;  // x^0, x^8
  for (; bytes != 0; bytes >>= 1) {
    if ((bytes & 1) != 0) result = MultiplyModulo(result, power);
    power = MultiplyModulo(power, power);
  }
  return result;
}

// table[k][b] is the CRC register b·x^(8k) carried over `bytes` zero bytes.
using ShiftTable = std::array<std::array<uint32_t, 256>, 4>;
constexpr ShiftTable MakeShiftTable(size_t bytes) {
  ShiftTable table{};
  uint32_t factor = ZeroBytesFactor(bytes);
  for (int k = 0; k < 4; ++k) {
    for (uint32_t b = 0; b < 256; ++b) table[k][b] = MultiplyModulo(factor, b << (8 * k));
  }
  return table;
}

uint32_t Shift(const ShiftTable& table, uint32_t crc) {
  return table[0][crc & 0xFF] ^ table[1][(crc >> 8) & 0xFF] ^ table[2][(crc >> 16) & 0xFF] ^ table[3][crc >> 24];
}

// Long blocks make the combining negligible; short ones keep mid-sized inputs interleaved.
constexpr size_t kLongBlock = 8192, kShortBlock = 256;
constexpr ShiftTable kLongShift = MakeShiftTable(kLongBlock);
constexpr ShiftTable kShortShift = MakeShiftTable(kShortBlock);

__attribute__((target("sse4.2"))) inline uint64_t CrcWord(uint64_t crc, const unsigned char* p) {
  uint64_t word;
  std::memcpy(&word, p, 8);  // x86 is little-endian, as the CRC's byte order wants
  return __builtin_ia32_crc32di(crc, word);
}

// Three streams over the next three blocks of `block` bytes, while they last.
__attribute__((target("sse4.2"))) inline uint32_t ThreeStreams(const unsigned char*& p, size_t& n, uint32_t crc,
                                                               size_t block, const ShiftTable& shift) {
  for (; n >= 3 * block; p += 3 * block, n -= 3 * block) {
    uint64_t first = crc, second = 0, third = 0;
    for (size_t at = 0; at < block; at += 8) {
      first = CrcWord(first, p + at);
      second = CrcWord(second, p + block + at);
      third = CrcWord(third, p + 2 * block + at);
    }
    crc = Shift(shift, Shift(shift, static_cast<uint32_t>(first)) ^ static_cast<uint32_t>(second)) ^
          static_cast<uint32_t>(third);
  }
  return crc;
}

__attribute__((target("sse4.2"))) uint32_t HardwareCrc(const unsigned char* p, size_t n, uint32_t crc) {
  crc = ThreeStreams(p, n, crc, kLongBlock, kLongShift);
  crc = ThreeStreams(p, n, crc, kShortBlock, kShortShift);
  uint64_t wide = crc;
  for (; n >= 8; p += 8, n -= 8) wide = CrcWord(wide, p);
  crc = static_cast<uint32_t>(wide);
  for (; n > 0; ++p, --n) crc = __builtin_ia32_crc32qi(crc, *p);
  return crc;
}
// __builtin_cpu_init must run first when the check is made during static initialisation.
const bool kHasHardwareCrc = [] {
  __builtin_cpu_init();
  return __builtin_cpu_supports("sse4.2") != 0;
}();
#endif

}  // namespace

uint32_t Crc32c(std::string_view bytes, uint32_t crc) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  crc = ~crc;
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
  if (kHasHardwareCrc) return ~HardwareCrc(p, bytes.size(), crc);
#endif
  return ~SoftwareCrc(p, bytes.size(), crc);
}

uint32_t PortableCrc32c(std::string_view bytes, uint32_t crc) {
  return ~SoftwareCrc(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), ~crc);
}

}  // namespace aikg::internal
