#include "internal/id_index.h"

#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aikg::internal {
namespace {

using ::testing::HasSubstr;

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

// Snapshots store tables as they are: the hash must not change from machine to machine or
// build to build (a change of it is a change of the snapshot format).
TEST(IdIndex, HashIsTheSameEverywhere) {
  EXPECT_EQ(HashId("", 0), HashId("", 0));
  EXPECT_NE(HashId("org/openai", 0), HashId("org/openai", 1));
  EXPECT_NE(HashId("org/openai", 0), HashId("org/openaj", 0));
  EXPECT_EQ(HashId("org/openai", 0), 0xdf8c03621ad24b70ull);
  EXPECT_EQ(HashId("statement/0000001234567", 42), 0xd90490168efd1892ull);
}

TEST(IdIndex, RestoresAStoredTableAndRefusesAnUnsafeOne) {
  std::vector<std::string> ids;
  auto id_of = [&](uint32_t i) { return std::string_view(ids[i]); };
  IdIndex index;
  for (uint32_t i = 0; i < 100; ++i) {
    ids.push_back("org/" + std::to_string(i));
    index.Insert(i, id_of);
  }
  IdIndex restored;
  ASSERT_TRUE(restored.Restore(index.seed(), index.tags(), index.records(), 100).ok());
  for (uint32_t i = 0; i < 100; ++i) ASSERT_EQ(restored.Find(ids[i], id_of), i);
  ids.push_back("org/100");
  EXPECT_EQ(restored.Insert(100, id_of), IdIndex::kAbsent);
  EXPECT_EQ(restored.Find("org/100", id_of), 100u);

  std::vector<uint8_t> tags = index.tags();
  std::vector<uint32_t> records = index.records();
  EXPECT_FALSE(IdIndex().Restore(0, tags, records, 101).ok());  // a record missing
  tags.pop_back();
  EXPECT_FALSE(IdIndex().Restore(0, tags, records, 100).ok());  // lengths differ
  tags = index.tags();
  size_t filled = 0;
  while (tags[filled] == 0) ++filled;
  records[filled] = 500;
  EXPECT_FALSE(IdIndex().Restore(0, tags, records, 100).ok());  // a record out of range
  records = index.records();
  size_t second = filled + 1;
  while (tags[second] == 0) ++second;
  records[second] = records[filled];
  absl::Status twice = IdIndex().Restore(0, tags, records, 100);  // a record twice, another missing
  EXPECT_THAT(twice.message(), HasSubstr(absl::StrCat("bucket ", second, " holds record ", records[filled])));
  std::vector<uint8_t> full(16, 1);
  std::vector<uint32_t> all(16);
  for (uint32_t i = 0; i < 16; ++i) all[i] = i;
  EXPECT_FALSE(IdIndex().Restore(0, full, all, 16).ok());  // no empty bucket: a probe would not end
}

}  // namespace
}  // namespace aikg::internal
