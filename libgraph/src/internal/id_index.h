// An index of records by their string ids that stores only the records' numbers.
//
// The ids already live in the records (as views into the graph's strings), so a map from id to
// record number would hold every id twice: a hash map from `string_view` to `uint32_t` takes 25
// bytes a bucket. This table takes 5: the record's 4-byte number and one byte of its id's hash,
// which rules out almost every non-matching bucket without reading the record. Open addressing
// with linear probing, at most 7/8 full, deletion by shifting back (no tombstones).
//
// The bucket count need not be a power of two: a hash picks its bucket by a multiply-high
// (hash × buckets / 2^64, from the hash's high bits; the tag is its low byte), and probing wraps
// at the table's end. So a table can be sized to its records (CompactBuckets: 3/4 full) rather
// than to the next power of two, which left a table of 10^6 records under half full (2^21
// buckets, 10.5 MB) that a snapshot then stored and its reload paid for in fresh memory.
// Growth one record at a time still doubles; a bulk Reserve and a snapshot's writer (Compacted)
// give the compact size.
//
// The table holds no pointer into the records (they move when their vector grows or the graph
// is moved): each operation takes `id_of`, a function giving the id of a record number.
//
// Ids are hashed with a seed kept in the table, chosen per process (so that ids cannot be picked
// to collide) by a hash that is the same on every machine, so that a snapshot can store a table
// as it is and restore it (Restore) instead of hashing every id again.
//
// Example:
//   IdIndex ids;
//   auto id_of = [&](uint32_t i) { return records[i].id; };
//   records.push_back(record);
//   if (uint32_t taken = ids.Insert(records.size() - 1, id_of); taken != IdIndex::kAbsent) ...
//   uint32_t found = ids.Find("org/openai", id_of);  // kAbsent when no record has that id
//
// Not thread-safe for writes; const methods may run concurrently.

#ifndef AIKG_INTERNAL_ID_INDEX_H_
#define AIKG_INTERNAL_ID_INDEX_H_

#include <cstddef>
#include <algorithm>
#include <bit>
#include <cstdint>
#include <limits>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/hash/hash.h"
#include "absl/status/status.h"
#include "internal/bytes.h"
#include "internal/cat.h"
#include "internal/check.h"

namespace aikg::internal {

// The hash of `id` under `seed`, as wyhash mixes: 128-bit products of its bytes read as
// little-endian words, folded; so the same on every machine.
inline uint64_t HashId(std::string_view id, uint64_t seed) {
  constexpr uint64_t kOdd0 = 0xa0761d6478bd642full, kOdd1 = 0xe7037ed1a0b428dbull;
  auto mix = [](uint64_t a, uint64_t b) {
    __extension__ unsigned __int128 product = static_cast<unsigned __int128>(a) * b;
    return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
  };
  auto load = [&]<typename Word>(Word, size_t at) -> uint64_t {
    Word word = LoadWord<Word>(id.data() + at);
    if constexpr (std::endian::native == std::endian::big) {
      word = sizeof(Word) == 8 ? __builtin_bswap64(word) : __builtin_bswap32(static_cast<uint32_t>(word));
    }
    return word;
  };
  const size_t size = id.size();
  uint64_t hash = seed ^ kOdd0, a = 0, b = 0;
  // The last 16 bytes (or fewer, overlapping) go into the final mix; those before, 16 at a time.
  if (size > 16) {
    for (size_t at = 0; at + 16 < size; at += 16) hash = mix(load(uint64_t{}, at) ^ kOdd1, load(uint64_t{}, at + 8) ^ hash);
    a = load(uint64_t{}, size - 16);
    b = load(uint64_t{}, size - 8);
  } else if (size > 8) {
    a = load(uint64_t{}, 0);
    b = load(uint64_t{}, size - 8);
  } else if (size >= 4) {
    a = load(uint32_t{}, 0);
    b = load(uint32_t{}, size - 4);
  } else if (size > 0) {
    auto byte = [&](size_t at) { return uint64_t{static_cast<uint8_t>(id[at])}; };
    a = byte(0) << 16 | byte(size / 2) << 8 | byte(size - 1);
  }
  return mix(kOdd1 ^ size, mix(a ^ kOdd1, b ^ hash));
}

// A seed for HashId chosen once per process, so that ids cannot be picked to collide in a table:
// Abseil seeds its hash per process (from an address that address-space randomisation moves).
inline uint64_t ProcessHashSeed() {
  static const uint64_t seed = absl::Hash<uint64_t>{}(0x9e3779b97f4a7c15ull);
  return seed;
}

// Starts loading the cache line at `address`. GCC 12 at -O2 drops a __builtin_prefetch whose
// address it computed through HashId (the loads of the statement ids' table had never been
// prefetched: the disassembly had no prefetch); the empty asm hides where the address came from.
inline void PrefetchLine(const void* address) {
#if defined(__GNUC__)
  asm volatile("" : "+r"(address));
#endif
  __builtin_prefetch(address);
}

class IdIndex {
 public:
  static constexpr uint32_t kAbsent = std::numeric_limits<uint32_t>::max();

  size_t size() const { return size_; }
  size_t buckets() const { return tags_.size(); }

  // The bucket count of a compact table for `count` records: 3/4 full, at which hits take the
  // time they take half full and misses (13 buckets read on average 4/5 full, 8.5 at 3/4)
  // about 1.4 times as long (docs/benchmarks.md, "Compact id tables"). At least 16, and below
  // the 7/8 that makes a table grow.
  static size_t CompactBuckets(size_t count) { return std::max<size_t>(16, count + count / 3 + 1); }

  // The table as it is, for a snapshot to store: the seed of its hash, and per bucket the tag
  // (kEmpty or a byte of the id's hash) and the record number (meaningless when empty).
  uint64_t seed() const { return seed_; }
  const std::vector<uint8_t>& tags() const { return tags_; }
  const std::vector<uint32_t>& records() const { return records_; }

  // Makes this the table that seed(), tags() and records() gave for records [0, record_count),
  // unless it could not be searched and grown safely: any number of buckets at least 8/7 of
  // the records (so at most 7/8 full: a probe always meets an empty bucket), every record in
  // it once. Whether each record sits where its id hashes is not checked
  // (that would cost what rebuilding does): in a crafted table a lookup may miss, never read out
  // of bounds. InvalidArgument saying what is wrong otherwise (the table is then unchanged). O(n).
  absl::Status Restore(uint64_t seed, std::vector<uint8_t> tags, std::vector<uint32_t> records,
                       uint32_t record_count) {
    auto wrong = [](auto&&... what) { return absl::InvalidArgumentError(Cat("id table: ", what...)); };
    size_t buckets = tags.size();
    if (records.size() != buckets) return wrong(records.size(), " records for ", buckets, " buckets");
    if (uint64_t{record_count} * 8 > uint64_t{buckets} * 7) {
      return wrong(buckets, " buckets for ", record_count, " records");
    }
    if (!EachRecordOnce(tags, records, record_count)) {
      // Which bucket is wrong, for the message: the pass above says only whether one is.
      std::vector<bool> seen(record_count, false);
      size_t filled = 0;
      for (size_t at = 0; at < buckets; ++at) {
        if (tags[at] == kEmpty) continue;
        if (records[at] >= record_count || seen[records[at]]) return wrong("bucket ", at, " holds record ", records[at]);
        seen[records[at]] = true;
        ++filled;
      }
      return wrong(filled, " of ", record_count, " records in the table");
    }
    seed_ = seed;
    tags_ = std::move(tags);
    records_ = std::move(records);
    size_ = record_count;
    return absl::OkStatus();
  }

  // The hash of `id` that lookups and insertions start from, for a caller that needs it twice
  // (Prefetch, then Insert). It stays valid as the table grows.
  uint64_t HashOf(std::string_view id) const { return HashId(id, seed_); }

  // The number of the record whose id is `id`, or kAbsent. O(1) expected.
  template <typename IdOf>
  uint32_t Find(std::string_view id, IdOf&& id_of) const {
    if (size_ == 0) return kAbsent;
    auto [at, found] = Search(id, HashOf(id), id_of);
    return found ? records_[at] : kAbsent;
  }

  // Starts loading the bucket where a lookup or insertion of `id` (of hash `hash`, see HashOf)
  // begins, so that its cache miss overlaps other work before the call that needs it.
  void Prefetch(std::string_view id) const { Prefetch(HashOf(id)); }
  void Prefetch(uint64_t hash) const {
    if (tags_.empty()) return;
    size_t at = HomeOf(hash);
    PrefetchLine(&tags_[at]);
    PrefetchLine(&records_[at]);
  }

  // Adds record `record` under its id, unless another record has that id: then returns that
  // record's number and adds nothing. Returns kAbsent when added.
  template <typename IdOf>
  uint32_t Insert(uint32_t record, IdOf&& id_of) {
    return Insert(record, HashOf(id_of(record)), id_of);
  }
  // The same for a caller that has the hash of the record's id (HashOf).
  template <typename IdOf>
  uint32_t Insert(uint32_t record, uint64_t id_hash, IdOf&& id_of) {
    if ((size_ + 1) * 8 > tags_.size() * 7) Rehash(std::max<size_t>(16, tags_.size() * 2), id_of);
    auto [at, found] = Search(id_of(record), id_hash, id_of);
    if (found) return records_[at];
    tags_[at] = TagOf(id_hash);
    records_[at] = record;
    ++size_;
    return kAbsent;
  }

  // Removes record `record`, which must be in the index.
  template <typename IdOf>
  void Erase(uint32_t record, IdOf&& id_of) {
    size_t hole = HomeOf(HashOf(id_of(record)));
    for (;; hole = Next(hole)) {
      AIKG_CHECK(tags_[hole] != kEmpty);  // else the record is not in the index
      if (records_[hole] == record) break;
    }
    // Shift back each later record of the run that may live in the hole: one whose home bucket
    // is not between the hole and where it sits (counting forward, across the table's end).
    for (size_t at = Next(hole); tags_[at] != kEmpty; at = Next(at)) {
      size_t home = HomeOf(HashOf(id_of(records_[at])));
      if (Forward(home, at) >= Forward(hole, at)) {
        tags_[hole] = tags_[at];
        records_[hole] = records_[at];
        hole = at;
      }
    }
    tags_[hole] = kEmpty;
    --size_;
  }

  // Makes room for `count` records in all without growing again: a compact table for them
  // (CompactBuckets), or twice the buckets when that is more, so that many small reservations
  // still grow the table geometrically.
  template <typename IdOf>
  void Reserve(size_t count, IdOf&& id_of) {
    if (count * 8 <= tags_.size() * 7) return;
    Rehash(std::max(CompactBuckets(count), 2 * tags_.size()), id_of);
  }

  // Whether the table is well over the compact size for its records: one grown by doubling
  // is 7/16 to 7/8 full, and a snapshot that stored it would make every reload pay for the
  // empty buckets.
  bool Oversized() const { return tags_.size() > CompactBuckets(size_) + CompactBuckets(size_) / 8; }

  // This table rehashed to the compact size for its records, under the same seed. O(n).
  template <typename IdOf>
  IdIndex Compacted(IdOf&& id_of) const {
    IdIndex compact = *this;
    compact.Rehash(CompactBuckets(size_), id_of);
    return compact;
  }

  // Heap bytes held.
  size_t bytes() const { return tags_.capacity() * sizeof(uint8_t) + records_.capacity() * sizeof(uint32_t); }

 private:
  static constexpr uint8_t kEmpty = 0;

  // The bucket holding `id` (of hash `hash`) and true, or the first empty bucket of its probe
  // run and false. Eight tags at a time: a run is read with one load and two bit tricks instead
  // of a branch per bucket, whose mispredicted end (a miss reads 8.5 buckets on average 3/4
  // full) also cost the overlap of one lookup's cache misses with the next's: misses 2.5 times
  // slower byte by byte (docs/benchmarks.md, "Compact id tables").
  // Byte by byte in the last 7 buckets, where a group would read past the table.
  template <typename IdOf>
  std::pair<size_t, bool> Search(std::string_view id, uint64_t hash, IdOf& id_of) const {
    constexpr uint64_t kLowBits = 0x0101010101010101ull, kHighBits = 0x8080808080808080ull;
    // A high bit in each zero byte of `word`, exact for the lowest one (borrows may mark a
    // byte above it, never one below).
    auto zero_bytes = [](uint64_t word) { return (word - kLowBits) & ~word & kHighBits; };
    const uint8_t tag = TagOf(hash);
    const uint8_t* tags = tags_.data();
    const size_t buckets = tags_.size();
    size_t at = HomeOf(hash);
    // The home bucket first, on its own: most hits are there, and a branch on it that the
    // processor predicts lets it load the record (and run on into the next lookup) before the
    // tag arrives, where the group's bit tricks must wait for it: hits 1.5 times faster.
    if (tags[at] == tag && SameId(id_of(records_[at]), id)) return {at, true};
    if (tags[at] == kEmpty) return {at, false};
    at = Next(at);
    for (;;) {
      if (at + 8 <= buckets) {
        uint64_t group = LoadWord<uint64_t>(reinterpret_cast<const char*>(tags + at));
        if constexpr (std::endian::native == std::endian::big) group = __builtin_bswap64(group);
        uint64_t empty = zero_bytes(group);
        uint64_t matches = zero_bytes(group ^ (kLowBits * tag));
        if (empty != 0) matches &= (empty & (0 - empty)) - 1;  // those before the first empty
        for (; matches != 0; matches &= matches - 1) {
          size_t match = at + static_cast<size_t>(std::countr_zero(matches)) / 8;
          if (tags[match] == tag && SameId(id_of(records_[match]), id)) return {match, true};
        }
        if (empty != 0) return {at + static_cast<size_t>(std::countr_zero(empty)) / 8, false};
        at += 8;
        if (at == buckets) at = 0;
      } else {
        if (tags[at] == kEmpty) return {at, false};
        if (tags[at] == tag && SameId(id_of(records_[at]), id)) return {at, true};
        at = Next(at);
      }
    }
  }

  // The bucket where a search for an id of hash `hash` starts: hash × buckets / 2^64, so from the
  // hash's high bits, for any bucket count. (Needs a bucket: callers check the table has some.)
  size_t HomeOf(uint64_t hash) const {
    __extension__ typedef unsigned __int128 Wide;
    return static_cast<size_t>((Wide{hash} * tags_.size()) >> 64);
  }

  // The bucket after `at`, wrapping at the table's end.
  size_t Next(size_t at) const { return at + 1 == tags_.size() ? 0 : at + 1; }

  // How many steps forward (wrapping) bucket `to` is from bucket `from`.
  size_t Forward(size_t from, size_t to) const { return to >= from ? to - from : to + tags_.size() - from; }

  // Ids are short: compared inline, not by a call to memcmp.
  static bool SameId(std::string_view a, std::string_view b) {
    return a.size() == b.size() && SameBytes(a.data(), b.data(), a.size());
  }

  // The low byte of the hash (the bucket comes from its high bits: HomeOf), never kEmpty.
  static uint8_t TagOf(uint64_t hash) {
    uint8_t tag = static_cast<uint8_t>(hash);
    return tag == kEmpty ? 1 : tag;
  }

  // Whether the filled buckets hold each record below `record_count` once: they do exactly when
  // as many buckets are filled as there are records, none out of range, and as many records
  // are marked in a bitmap. Without a branch on whether a bucket is filled: a table is about
  // half full, so that is a coin toss the branch predictor loses. A block of buckets at a time,
  // the records of its filled ones are first packed together (a sequential pass whose write
  // position advances by 0 or 1), then marked (one OR per record, out-of-range ones all on a
  // spare bit past the last record). 4 times faster than testing each bucket (docs/benchmarks.md).
  static bool EachRecordOnce(const std::vector<uint8_t>& tags, const std::vector<uint32_t>& records,
                             uint32_t record_count) {
    std::vector<uint64_t> marked(record_count / 64 + 1, 0);
    constexpr size_t kBlock = 1024;
    uint32_t packed[kBlock];
    size_t filled = 0;
    bool out_of_range = false;
    for (size_t first = 0; first < tags.size(); first += kBlock) {
      const size_t end = std::min(tags.size(), first + kBlock);
      size_t count = 0;
      for (size_t at = first; at < end; ++at) {
        packed[count] = records[at];
        count += tags[at] != kEmpty;
      }
      filled += count;
      for (size_t i = 0; i < count; ++i) {
        out_of_range |= packed[i] >= record_count;
        uint32_t record = std::min(packed[i], record_count);
        marked[record / 64] |= uint64_t{1} << (record % 64);
      }
    }
    marked.back() &= ~(uint64_t{1} << (record_count % 64));  // the spare bit
    size_t distinct = 0;
    for (uint64_t word : marked) distinct += static_cast<size_t>(std::popcount(word));
    return !out_of_range && filled == record_count && distinct == record_count;
  }

  template <typename IdOf>
  void Rehash(size_t buckets, IdOf& id_of) {
    std::vector<uint8_t> old_tags = std::exchange(tags_, std::vector<uint8_t>(buckets, kEmpty));
    std::vector<uint32_t> held = std::exchange(records_, std::vector<uint32_t>(buckets, kAbsent));
    size_t count = 0;
    for (size_t i = 0; i < old_tags.size(); ++i) {
      if (old_tags[i] != kEmpty) held[count++] = held[i];
    }
    held.resize(count);
    // Rehashed in record order: records (and their ids' bytes) lie in that order, so reading
    // them so, not in the table's scattered one, spares a cache miss or two per id.
    InRecordOrder(held);
    for (uint32_t record : held) {
      uint64_t hash = HashOf(id_of(record));
      size_t at = HomeOf(hash);
      while (tags_[at] != kEmpty) at = Next(at);
      tags_[at] = TagOf(hash);
      records_[at] = record;
    }
  }

  // Sorts record numbers (distinct). Those of a table are nearly all the numbers below its
  // largest: marked in a bitmap and read back, in O(n), when they are that dense.
  static void InRecordOrder(std::vector<uint32_t>& records) {
    uint32_t largest = 0;
    for (uint32_t record : records) largest = std::max(largest, record);
    if (largest / 64 > records.size()) {
      std::sort(records.begin(), records.end());
      return;
    }
    std::vector<uint64_t> held(largest / 64 + 1, 0);
    for (uint32_t record : records) held[record / 64] |= uint64_t{1} << (record % 64);
    size_t count = 0;
    for (size_t word = 0; word < held.size(); ++word) {
      for (uint64_t bits = held[word]; bits != 0; bits &= bits - 1) {
        records[count++] = static_cast<uint32_t>(word * 64 + std::countr_zero(bits));
      }
    }
  }

  std::vector<uint8_t> tags_;      // per bucket: kEmpty, or a byte of the record's id hash
  std::vector<uint32_t> records_;  // per bucket: the record's number
  size_t size_ = 0;
  uint64_t seed_ = ProcessHashSeed();  // of Hash: this process's, or the one Restore was given
};

}  // namespace aikg::internal

#endif  // AIKG_INTERNAL_ID_INDEX_H_
