// aikg_bench_import: how fast aikg imports a CSV table through a mapping, and how much memory it
// needs (docs/benchmarks.md, "Table import (issue 11)").
//
// The input is the generated model table of bench/generate_table.py (10^4, 10^5 and 10^6 rows,
// generated on first use into $AIKG_BENCH_DATA, default $TMPDIR/aikg-bench or /tmp/aikg-bench,
// by running that script with python3, and reused afterwards). bench/data/bench-mapping.json maps
// each row to six statement rules (about 6.1 statements per row) into a graph of
// datasets/ai-industry.schema.json that already holds the countries of
// bench/data/bench-countries.json, loaded before the clock starts.
//
// Benchmarks:
//   BM_ReadCsv/N      aikg::ReadCsvFile alone: read the file, check UTF-8, split the cells
//   BM_ImportTable/N  aikg::ImportTable alone, the table read beforehand (not timed)
//   BM_Import/N       ReadCsvFile + ImportTable: what `aikg import` does before it saves
//
// Counters:
//   rows/s        table rows per second (wall time)
//   stmts/s       statements added per second (wall time)
//   MB/s          megabytes (10^6) of CSV per second (wall time)
//   stmts/row     statements added per row
//   heap_B/row    heap the result holds (the graph's growth for the imports, the table for
//                 BM_ReadCsv), per row: glibc mallinfo2() uordblks + hblkhd after minus before,
//                 after malloc_trim(0) both times
//   rss_B/row     growth of the resident set (/proc/self/statm) over the same, after malloc_trim(0)
//   peak_B/row    growth of the peak resident set (VmHWM, reset through /proc/self/clear_refs)
//                 over the timed part: what the import needs at its worst
// The memory counters are measured around every iteration (outside the clock) and the last one
// is reported; the graph's destruction is not timed.
//
// bench/python/import_peers.py runs this program once per measurement, in a fresh process,
// beside pandas and NetworkX.

#include <malloc.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include <benchmark/benchmark.h>

#include "aikg/graph.h"
#include "aikg/import.h"
#include "aikg/json.h"
#include "memory.h"
#include "synthetic.h"

#ifndef AIKG_BENCH_SOURCE_DIR
#error "AIKG_BENCH_SOURCE_DIR must name the bench/ directory of the sources"
#endif

namespace {

using aikg_bench::HeapInUse;
using aikg_bench::PeakResidentBytes;
using aikg_bench::ResetPeakResident;
using aikg_bench::ResidentBytes;

// bench/generate_table.py's GENERATOR_VERSION: the cached file names carry it.
constexpr int kTableVersion = 1;

const std::filesystem::path& BenchSources() {
  static const std::filesystem::path directory(AIKG_BENCH_SOURCE_DIR);
  return directory;
}

struct TableFile {
  std::filesystem::path path;
  uint64_t rows = 0;
  uint64_t bytes = 0;
};

// The cached table of `rows` rows, generated first by bench/generate_table.py when missing.
const TableFile& GetTable(uint64_t rows) {
  static std::map<uint64_t, TableFile> tables;
  auto found = tables.find(rows);
  if (found != tables.end()) return found->second;
  TableFile table;
  table.rows = rows;
  table.path = aikg_bench::DataDirectory() /
               ("import-table-v" + std::to_string(kTableVersion) + "-n" + std::to_string(rows) + ".csv");
  if (!std::filesystem::exists(table.path)) {
    std::string command = "python3 '" + (BenchSources() / "generate_table.py").string() + "' --rows " +
                          std::to_string(rows) + " --out '" + table.path.string() + "' >/dev/null";
    if (std::system(command.c_str()) != 0 || !std::filesystem::exists(table.path)) {
      std::fprintf(stderr, "aikg bench: could not generate %s with: %s\n", table.path.c_str(), command.c_str());
      std::abort();
    }
  }
  table.bytes = std::filesystem::file_size(table.path);
  return tables.emplace(rows, table).first->second;
}

const aikg::TableMapping& Mapping() {
  static const aikg::TableMapping* mapping = [] {
    std::filesystem::path path = BenchSources() / "data" / "bench-mapping.json";
    absl::StatusOr<aikg::TableMapping> loaded = aikg::TableMapping::LoadFile(path);
    if (!loaded.ok()) {
      std::fprintf(stderr, "aikg bench: %s: %s\n", path.c_str(), std::string(loaded.status().message()).c_str());
      std::abort();
    }
    return new aikg::TableMapping(*std::move(loaded));
  }();
  return *mapping;
}

// An empty graph of the schema holding only the countries the table's rows find.
std::unique_ptr<aikg::Graph> BaseGraph(std::string* error) {
  auto graph = std::make_unique<aikg::Graph>();
  absl::Status status = aikg::LoadJsonFiles(*graph, {BenchSources() / "data" / "bench-countries.json"});
  if (!status.ok()) {
    *error = std::string(status.message().substr(0, 500));
    return nullptr;
  }
  return graph;
}

// Memory ------------------------------------------------------------------------------------------

// What one iteration holds and needed, measured outside the clock.
class MemoryProbe {
 public:
  void Start() {
    malloc_trim(0);
    heap_before_ = HeapInUse();
    rss_before_ = ResidentBytes();
    peak_known_ = ResetPeakResident();
  }
  // Call when the timed part is over and only what it keeps is still allocated.
  void Stop() {
    peak_ = PeakResidentBytes();
    malloc_trim(0);
    heap_after_ = HeapInUse();
    rss_after_ = ResidentBytes();
  }
  void Report(benchmark::State& state, uint64_t rows) const {
    double n = static_cast<double>(rows);
    state.counters["heap_B/row"] = (static_cast<double>(heap_after_) - static_cast<double>(heap_before_)) / n;
    state.counters["rss_B/row"] = (static_cast<double>(rss_after_) - static_cast<double>(rss_before_)) / n;
    if (peak_known_ && peak_ >= rss_before_) {
      state.counters["peak_B/row"] = static_cast<double>(peak_ - rss_before_) / n;
      state.counters["peak_MB"] = static_cast<double>(peak_) / 1e6;  // the whole process
    }
  }

 private:
  size_t heap_before_ = 0, rss_before_ = 0, heap_after_ = 0, rss_after_ = 0, peak_ = 0;
  bool peak_known_ = false;
};

void SetThroughput(benchmark::State& state, const TableFile& table, uint64_t statements) {
  double iterations = static_cast<double>(state.iterations());
  state.counters["rows/s"] =
      benchmark::Counter(static_cast<double>(table.rows) * iterations, benchmark::Counter::kIsRate);
  state.counters["MB/s"] =
      benchmark::Counter(static_cast<double>(table.bytes) * iterations / 1e6, benchmark::Counter::kIsRate);
  if (statements > 0) {
    state.counters["stmts/s"] =
        benchmark::Counter(static_cast<double>(statements) * iterations, benchmark::Counter::kIsRate);
    state.counters["stmts/row"] = static_cast<double>(statements) / static_cast<double>(table.rows);
  }
}

std::string Describe(const absl::Status& status, const std::vector<aikg::Diagnostic>& problems) {
  std::string text(status.message().substr(0, 300));
  if (!problems.empty()) text += " | " + problems.front().Format();
  return text;
}

// Benchmarks ------------------------------------------------------------------------------------

void BM_ReadCsv(benchmark::State& state) {
  const TableFile& file = GetTable(static_cast<uint64_t>(state.range(0)));
  const aikg::CsvOptions& csv = Mapping().csv();
  MemoryProbe probe;
  for (auto _ : state) {
    state.PauseTiming();
    probe.Start();
    state.ResumeTiming();
    absl::StatusOr<aikg::Table> table = aikg::ReadCsvFile(file.path, csv);
    if (!table.ok() || table->row_count() != file.rows) {
      state.SkipWithError(table.ok() ? "wrong row count" : std::string(table.status().message()).c_str());
      break;
    }
    benchmark::DoNotOptimize(table->row_count());
    state.PauseTiming();
    probe.Stop();
    table = absl::UnknownError("");  // frees the table outside the clock
    state.ResumeTiming();
  }
  SetThroughput(state, file, 0);
  probe.Report(state, file.rows);
}

// ImportTable of a table read beforehand, into the base graph.
void BM_ImportTable(benchmark::State& state) {
  const TableFile& file = GetTable(static_cast<uint64_t>(state.range(0)));
  const aikg::TableMapping& mapping = Mapping();
  absl::StatusOr<aikg::Table> table = aikg::ReadCsvFile(file.path, mapping.csv());
  if (!table.ok()) {
    state.SkipWithError(std::string(table.status().message()).c_str());
    return;
  }
  MemoryProbe probe;
  uint64_t statements = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::string error;
    std::unique_ptr<aikg::Graph> graph = BaseGraph(&error);
    if (graph == nullptr) {
      state.SkipWithError(error.c_str());
      break;
    }
    probe.Start();
    state.ResumeTiming();
    std::vector<aikg::Diagnostic> problems;
    absl::StatusOr<aikg::ImportReport> report = aikg::ImportTable(*graph, *table, mapping, {}, &problems);
    if (!report.ok()) {
      state.SkipWithError(Describe(report.status(), problems).c_str());
      break;
    }
    statements = report->statements_added;
    state.PauseTiming();
    probe.Stop();
    graph.reset();
    state.ResumeTiming();
  }
  SetThroughput(state, file, statements);
  probe.Report(state, file.rows);
}

// ReadCsvFile + ImportTable into the base graph: everything `aikg import` does but the save.
void BM_Import(benchmark::State& state) {
  const TableFile& file = GetTable(static_cast<uint64_t>(state.range(0)));
  const aikg::TableMapping& mapping = Mapping();
  MemoryProbe probe;
  uint64_t statements = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::string error;
    std::unique_ptr<aikg::Graph> graph = BaseGraph(&error);
    if (graph == nullptr) {
      state.SkipWithError(error.c_str());
      break;
    }
    probe.Start();
    state.ResumeTiming();
    {
      std::vector<aikg::Diagnostic> problems;
      absl::StatusOr<aikg::Table> table = aikg::ReadCsvFile(file.path, mapping.csv(), &problems);
      if (!table.ok()) {
        state.SkipWithError(Describe(table.status(), problems).c_str());
        break;
      }
      absl::StatusOr<aikg::ImportReport> report = aikg::ImportTable(*graph, *table, mapping, {}, &problems);
      if (!report.ok()) {
        state.SkipWithError(Describe(report.status(), problems).c_str());
        break;
      }
      statements = report->statements_added;
    }  // the table is freed on the clock, as in `aikg import`
    state.PauseTiming();
    probe.Stop();
    graph.reset();
    state.ResumeTiming();
  }
  SetThroughput(state, file, statements);
  probe.Report(state, file.rows);
}

// 10^6 runs one iteration per repetition (--benchmark_repetitions=N for more), so that a run of
// the whole program stays within minutes and import_peers.py measures one import per process.
BENCHMARK(BM_ReadCsv)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ReadCsv)->Arg(1000000)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ImportTable)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ImportTable)->Arg(1000000)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Import)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Import)->Arg(1000000)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::AddCustomContext("aikg_bench_data", aikg_bench::DataDirectory().string());
  benchmark::AddCustomContext("aikg_table_version", std::to_string(kTableVersion));
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
