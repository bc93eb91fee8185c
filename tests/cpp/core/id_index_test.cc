#include "internal/id_index.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aikg::internal {
namespace {

using ::testing::HasSubstr;

// Gives records [from, to) the ids "org/<record>" and inserts them into `index` one by one.
template <typename IdOf>
void InsertOrgIds(IdIndex& index, std::vector<std::string>& ids, uint32_t from, uint32_t to, IdOf& id_of) {
  for (uint32_t i = from; i < to; ++i) {
    ids.push_back("org/" + std::to_string(i));
    ASSERT_EQ(index.Insert(i, id_of), IdIndex::kAbsent);
  }
}

TEST(IdIndex, FindsWhatWasInsertedAndRefusesTakenIds) {
  std::vector<std::string> ids;
  auto id_of = [&](uint32_t i) { return std::string_view(ids[i]); };
  IdIndex index;
  EXPECT_EQ(index.Find("org/a", id_of), IdIndex::kAbsent);
  InsertOrgIds(index, ids, 0, 5000, id_of);
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

// The home bucket of `id` in `index`, as the table computes it (hash × buckets / 2^64).
size_t HomeOf(const IdIndex& index, std::string_view id) {
  __extension__ typedef unsigned __int128 Wide;
  return static_cast<size_t>((Wide{index.HashOf(id)} * index.buckets()) >> 64);
}

// A reserved table has the compact bucket count for its records, whatever that is: not a
// power of two.
TEST(IdIndex, ReservesACompactTableOfAnySize) {
  for (uint32_t count : {1u, 13u, 100u, 1000u, 12345u}) {
    std::vector<std::string> ids;
    auto id_of = [&](uint32_t i) { return std::string_view(ids[i]); };
    IdIndex index;
    index.Reserve(count, id_of);
    EXPECT_EQ(index.buckets(), IdIndex::CompactBuckets(count));
    for (uint32_t i = 0; i < count; ++i) {
      ids.push_back("e/" + std::to_string(i));
      ASSERT_EQ(index.Insert(i, id_of), IdIndex::kAbsent);
    }
    EXPECT_EQ(index.buckets(), IdIndex::CompactBuckets(count)) << count;  // no growth
    EXPECT_FALSE(index.Oversized());
    for (uint32_t i = 0; i < count; ++i) ASSERT_EQ(index.Find(ids[i], id_of), i);
    EXPECT_EQ(index.Find("e/-1", id_of), IdIndex::kAbsent);
  }
  EXPECT_EQ(IdIndex::CompactBuckets(12345), 16461u);
  EXPECT_EQ(IdIndex::CompactBuckets(3), 16u);
}

// Probe runs that reach the table's last bucket go on at its first: finding, inserting and
// erasing (whose shift-back moves records across the end) must all follow them there.
TEST(IdIndex, ProbesWrapAroundTheTablesEnd) {
  std::vector<std::string> ids;
  auto id_of = [&](uint32_t i) { return std::string_view(ids[i]); };
  IdIndex index;
  index.Reserve(20, id_of);
  const size_t buckets = index.buckets();
  ASSERT_EQ(buckets, 27u);
  // Six ids at home in the last two buckets (so that four sit past the end), and three at home
  // in the first: all crowd around the wrap.
  size_t at_end = 0, at_start = 0;
  for (int n = 0; at_end < 6 || at_start < 3; ++n) {
    std::string id = "st/" + std::to_string(n);
    size_t home = HomeOf(index, id);
    if (home >= buckets - 2 && at_end < 6) {
      ++at_end;
    } else if (home == 0 && at_start < 3) {
      ++at_start;
    } else {
      continue;
    }
    ids.push_back(id);
    ASSERT_EQ(index.Insert(static_cast<uint32_t>(ids.size() - 1), id_of), IdIndex::kAbsent);
  }
  ASSERT_EQ(index.buckets(), buckets);
  // The first buckets hold records whose home is at the end.
  size_t wrapped = 0;
  for (size_t at = 0; at < 4; ++at) wrapped += index.tags()[at] != 0 && HomeOf(index, ids[index.records()[at]]) >= buckets - 2;
  EXPECT_GE(wrapped, 1u);
  for (uint32_t i = 0; i < ids.size(); ++i) ASSERT_EQ(index.Find(ids[i], id_of), i);
  ASSERT_EQ(index.Insert(0, id_of), 0u);  // taken: found across the end

  // Every order of erasing the records leaves the others findable.
  std::vector<uint32_t> order(ids.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937 random(5);
  for (int trial = 0; trial < 200; ++trial) {
    std::shuffle(order.begin(), order.end(), random);
    IdIndex copy = index;
    std::vector<bool> erased(ids.size(), false);
    for (uint32_t victim : order) {
      copy.Erase(victim, id_of);
      erased[victim] = true;
      for (uint32_t i = 0; i < ids.size(); ++i) {
        ASSERT_EQ(copy.Find(ids[i], id_of), erased[i] ? IdIndex::kAbsent : i) << ids[i] << " trial " << trial;
      }
    }
    EXPECT_EQ(copy.size(), 0u);
    EXPECT_EQ(std::count(copy.tags().begin(), copy.tags().end(), 0), static_cast<ptrdiff_t>(buckets));
  }
}

// A table grown record by record doubles; Compacted gives the compact table for its records,
// under the same seed.
TEST(IdIndex, CompactsAGrownTable) {
  std::vector<std::string> ids;
  auto id_of = [&](uint32_t i) { return std::string_view(ids[i]); };
  IdIndex index;
  InsertOrgIds(index, ids, 0, 1000, id_of);
  EXPECT_EQ(index.buckets(), 2048u);
  EXPECT_TRUE(index.Oversized());
  IdIndex compact = index.Compacted(id_of);
  EXPECT_EQ(compact.buckets(), IdIndex::CompactBuckets(1000));
  EXPECT_FALSE(compact.Oversized());
  EXPECT_EQ(compact.seed(), index.seed());
  EXPECT_EQ(compact.size(), 1000u);
  for (uint32_t i = 0; i < 1000; ++i) ASSERT_EQ(compact.Find(ids[i], id_of), i);
  EXPECT_EQ(compact.Find("org/1000", id_of), IdIndex::kAbsent);
  // Growing on from the compact size.
  InsertOrgIds(compact, ids, 1000, 1200, id_of);
  for (uint32_t i = 0; i < 1200; ++i) ASSERT_EQ(compact.Find(ids[i], id_of), i);
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
  InsertOrgIds(index, ids, 0, 100, id_of);
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
  EXPECT_TRUE(IdIndex().Restore(0, {}, {}, 0).ok());
  EXPECT_FALSE(IdIndex().Restore(0, {}, {}, 1).ok());
}

// Any bucket count at least 8/7 of the records will do, power of two or not; fuller is refused.
TEST(IdIndex, RestoresATableOfAnySizeUpTo7Of8Full) {
  std::vector<std::string> ids;
  auto id_of = [&](uint32_t i) { return std::string_view(ids[i]); };
  IdIndex compact;
  compact.Reserve(1000, id_of);
  InsertOrgIds(compact, ids, 0, 1000, id_of);
  ASSERT_EQ(compact.buckets(), 1334u);
  IdIndex restored;
  ASSERT_TRUE(restored.Restore(compact.seed(), compact.tags(), compact.records(), 1000).ok());
  for (uint32_t i = 0; i < 1000; ++i) ASSERT_EQ(restored.Find(ids[i], id_of), i);

  // 7 records in 8 buckets is the fullest allowed; 8 in 9 is fuller.
  std::vector<uint8_t> tags(8, 1);
  std::vector<uint32_t> records{0, 1, 2, 3, 4, 5, 6, 0};
  tags[7] = 0;
  EXPECT_TRUE(IdIndex().Restore(0, tags, records, 7).ok());
  tags.assign(9, 1);
  tags[8] = 0;
  records = {0, 1, 2, 3, 4, 5, 6, 7, 0};
  absl::Status too_full = IdIndex().Restore(0, tags, records, 8);
  EXPECT_THAT(too_full.message(), HasSubstr("9 buckets for 8 records"));
}

}  // namespace
}  // namespace aikg::internal
