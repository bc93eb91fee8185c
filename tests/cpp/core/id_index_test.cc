#include "internal/id_index.h"

#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace aikg::internal {
namespace {

TEST(IdIndex, FindsWhatWasInsertedAndRefusesTakenIds) {
  std::vector<std::string> ids;
  auto id_of = [&](uint32_t i) { return std::string_view(ids[i]); };
  IdIndex index;
  EXPECT_EQ(index.Find("org/a", id_of), IdIndex::kAbsent);
  for (uint32_t i = 0; i < 5000; ++i) {
    ids.push_back("org/" + std::to_string(i));
    ASSERT_EQ(index.Insert(i, id_of), IdIndex::kAbsent);
  }
  ids.push_back("org/1234");  // record 5000 repeats record 1234's id
  EXPECT_EQ(index.Insert(5000, id_of), 1234u);
  ids.pop_back();
  EXPECT_EQ(index.size(), 5000u);
  for (uint32_t i = 0; i < 5000; ++i) ASSERT_EQ(index.Find(ids[i], id_of), i);
  EXPECT_EQ(index.Find("org/5000", id_of), IdIndex::kAbsent);
  EXPECT_EQ(index.Find("", id_of), IdIndex::kAbsent);
  // 5 bytes a bucket, at most 7/8 full: far below a map's 25.
  EXPECT_LE(index.bytes(), 5u * 8192);
}

// A failed batch erases its records in any order; what stays must still be found (erasing
// shifts later records of a probe run back).
TEST(IdIndex, EraseKeepsTheOthersFindable) {
  std::vector<std::string> ids;
  auto id_of = [&](uint32_t i) { return std::string_view(ids[i]); };
  IdIndex index;
  index.Reserve(3000, id_of);
  size_t reserved = index.bytes();
  for (uint32_t i = 0; i < 3000; ++i) {
    ids.push_back("st/" + std::to_string(i * 7919));
    index.Insert(i, id_of);
  }
  EXPECT_EQ(index.bytes(), reserved);  // no growth after Reserve
  std::mt19937 random(11);
  std::vector<bool> erased(ids.size(), false);
  for (int n = 0; n < 1500; ++n) {
    uint32_t victim = random() % ids.size();
    if (erased[victim]) continue;
    index.Erase(victim, id_of);
    erased[victim] = true;
  }
  for (uint32_t i = 0; i < ids.size(); ++i) {
    ASSERT_EQ(index.Find(ids[i], id_of), erased[i] ? IdIndex::kAbsent : i) << ids[i];
  }
  // Erased ids may come back under new records.
  for (uint32_t i = 0; i < ids.size(); ++i) {
    if (erased[i]) ASSERT_EQ(index.Insert(i, id_of), IdIndex::kAbsent);
  }
  for (uint32_t i = 0; i < ids.size(); ++i) ASSERT_EQ(index.Find(ids[i], id_of), i);
}

}  // namespace
}  // namespace aikg::internal
