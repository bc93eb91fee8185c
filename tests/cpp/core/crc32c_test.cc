#include "internal/crc32c.h"

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

#include "gtest/gtest.h"

namespace aikg::internal {
namespace {

// CRC32C bit by bit, straight from its definition, to check both fast paths against.
uint32_t BitByBitCrc32c(std::string_view bytes) {
  uint32_t crc = ~0u;
  for (unsigned char byte : bytes) {
    crc ^= byte;
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ ((crc & 1) ? 0x82F63B78 : 0);
  }
  return ~crc;
}

TEST(Crc32c, KnownValues) {
  // The check value of the CRC catalogue, and the iSCSI examples of RFC 3720, B.4.
  std::string counting(32, '\0'), descending(32, '\0');
  for (int i = 0; i < 32; ++i) {
    counting[i] = static_cast<char>(i);
    descending[i] = static_cast<char>(31 - i);
  }
  for (auto crc : {Crc32c, PortableCrc32c}) {
    EXPECT_EQ(crc("123456789", 0), 0xE3069283u);
    EXPECT_EQ(crc(std::string(32, '\0'), 0), 0x8A9136AAu);
    EXPECT_EQ(crc(std::string(32, '\xFF'), 0), 0x62A8AB43u);
    EXPECT_EQ(crc(counting, 0), 0x46DD794Eu);
    EXPECT_EQ(crc(descending, 0), 0x113FDB5Cu);
    EXPECT_EQ(crc("", 0), 0u);
  }
}

// Lengths around the blocks the hardware path interleaves (3 × 8192 and 3 × 256 bytes) and its
// 8-byte words, at every alignment, in one piece and continued from a split.
TEST(Crc32c, FastPathsAgreeWithTheDefinition) {
  std::mt19937 random(13);
  std::string bytes(3 * 8192 * 2 + 3 * 256 + 64, '\0');
  for (char& byte : bytes) byte = static_cast<char>(random());
  for (size_t length : {0, 1, 7, 8, 9, 255, 767, 768, 769, 1000, 24575, 24576, 24577, 24576 + 768 + 13,
                        3 * 8192 * 2 + 3 * 256 + 7}) {
    for (size_t offset = 0; offset < 8; ++offset) {
      std::string_view piece = std::string_view(bytes).substr(offset, length);
      uint32_t expected = BitByBitCrc32c(piece);
      ASSERT_EQ(Crc32c(piece), expected) << length << " bytes at " << offset;
      ASSERT_EQ(PortableCrc32c(piece), expected) << length << " bytes at " << offset;
      size_t split = length / 3;
      ASSERT_EQ(Crc32c(piece.substr(split), Crc32c(piece.substr(0, split))), expected) << length << " bytes split";
      ASSERT_EQ(PortableCrc32c(piece.substr(split), PortableCrc32c(piece.substr(0, split))), expected);
    }
  }
}

}  // namespace
}  // namespace aikg::internal
