// aikg_bench_id_index: how fast the id tables (internal/id_index.h) find, miss and insert ids,
// and what they take, at the sizes a graph's statement ids reach.
//
// The ids are those of the synthetic datasets' statements ("st/00001234"). A table either grows
// one insertion at a time (as records added in many small batches make it: doubling, so 7/16 to
// 7/8 full) or is reserved for its records at once (as a bulk JSON load and a snapshot make it).
// Lookups go in a shuffled order, so that nearly each misses the cache as a graph's do.
//
// Counters:
//   load     records / buckets
//   table_B  heap bytes of the table

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "benchmark/benchmark.h"
#include "internal/id_index.h"

namespace {

using aikg::internal::IdIndex;

std::vector<std::string> Ids(size_t first, size_t count) {
  std::vector<std::string> ids;
  ids.reserve(count);
  char id[32];
  for (size_t i = first; i < first + count; ++i) {
    std::snprintf(id, sizeof id, "st/%08zu", i);
    ids.push_back(id);
  }
  return ids;
}

struct Table {
  std::vector<std::string> ids;
  IdIndex index;

  Table(size_t count, bool reserved) : ids(Ids(0, count)) {
    auto id_of = [this](uint32_t i) { return std::string_view(ids[i]); };
    if (reserved) index.Reserve(count, id_of);
    for (uint32_t i = 0; i < count; ++i) index.Insert(i, id_of);
  }
};

std::vector<std::string_view> Shuffled(const std::vector<std::string>& ids) {
  std::vector<std::string_view> order(ids.begin(), ids.end());
  std::shuffle(order.begin(), order.end(), std::mt19937_64(7));
  return order;
}

void Find(benchmark::State& state, bool reserved, bool hits) {
  const size_t count = static_cast<size_t>(state.range(0));
  Table table(count, reserved);
  std::vector<std::string> absent = hits ? std::vector<std::string>() : Ids(count, count);
  std::vector<std::string_view> order = Shuffled(hits ? table.ids : absent);
  auto id_of = [&](uint32_t i) { return std::string_view(table.ids[i]); };
  size_t found = 0;
  for (auto _ : state) {
    for (std::string_view id : order) found += table.index.Find(id, id_of) != IdIndex::kAbsent;
  }
  benchmark::DoNotOptimize(found);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * order.size()));
  state.counters["load"] = static_cast<double>(count) * 5 / static_cast<double>(table.index.bytes());
  state.counters["table_B"] = static_cast<double>(table.index.bytes());
}

void BM_FindHitGrown(benchmark::State& state) { Find(state, /*reserved=*/false, /*hits=*/true); }
void BM_FindMissGrown(benchmark::State& state) { Find(state, /*reserved=*/false, /*hits=*/false); }
void BM_FindHitReserved(benchmark::State& state) { Find(state, /*reserved=*/true, /*hits=*/true); }
void BM_FindMissReserved(benchmark::State& state) { Find(state, /*reserved=*/true, /*hits=*/false); }

// A bulk load's insertions: into a table reserved for them all, in record order.
void BM_InsertReserved(benchmark::State& state) {
  const size_t count = static_cast<size_t>(state.range(0));
  std::vector<std::string> ids = Ids(0, count);
  auto id_of = [&](uint32_t i) { return std::string_view(ids[i]); };
  for (auto _ : state) {
    IdIndex index;
    index.Reserve(count, id_of);
    for (uint32_t i = 0; i < count; ++i) index.Insert(i, id_of);
    benchmark::DoNotOptimize(index.size());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * count));
}

BENCHMARK(BM_FindHitGrown)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FindMissGrown)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FindHitReserved)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FindMissReserved)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_InsertReserved)->Arg(1000000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
