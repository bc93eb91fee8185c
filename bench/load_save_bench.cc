// aikg_bench_load_save: how fast aikg loads and saves graph files, and how much memory a
// loaded graph takes.
//
// The inputs are synthetic datasets (bench/synthetic.h) of 10^4, 10^5 and 10^6 statements,
// generated on first use into $AIKG_BENCH_DATA (default $TMPDIR/aikg-bench or /tmp/aikg-bench)
// and reused afterwards.
//
// Counters:
//   stmts/s      statements per second (wall time)
//   MB/s         megabytes (10^6) of JSON read or written per second (wall time)
//   heap_B/stmt  heap bytes held by the loaded graph (strings, records, indexes, schema),
//                divided by its statements: glibc mallinfo2() uordblks + hblkhd (small and
//                mmapped blocks in use, malloc headers included) after the load minus before
//   rss_B/stmt   growth of the resident set (/proc/self/statm) over the same load, after
//                malloc_trim(0) both times
//   kept_B/stmt  the same growth just after the load, before this benchmark trims: what a
//                program that never calls malloc_trim keeps
//   peak_B/stmt  growth of the peak resident set (VmHWM, reset through /proc/self/clear_refs)
//                during the load: what loading needs transiently (file text, DOM, graph)
//
// AIKG_BENCH_HUGE=1 adds a load of 10^7 statements (one iteration).

#include <fcntl.h>
#include <malloc.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include <benchmark/benchmark.h>
#include <rapidjson/reader.h>

#include "internal/json_text.h"

// The parse floor reads and parses a file with the loader's own text source and stream
// (libgraph/src/internal/json_text.h): a regular file is read a piece at a time into a buffer
// mapped on its own, just ahead of RapidJSON's SAX parse in place, each piece checked to be
// well-formed UTF-8 as it is read; the pages behind the parse are given back, as the loader gives
// them, every megabyte. Only aikg's work on the events is left out.
namespace aikg_floor {

using aikg::internal::TextSource;
using aikg::internal::TextStream;

// Does nothing with the events but give back the text behind the parse after each object, and
// turn each number's text into its value, as a full parse does (the loader's flags leave that to
// its handler).
struct NothingHandler : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, NothingHandler> {
  static constexpr uintptr_t kGiveBackStep = uintptr_t{1} << 20, kPage = 4096;
  TextStream* stream = nullptr;
  char* given_back = nullptr;  // the text before it was given back
  double sum = 0;              // of the numbers, so that they are computed
  bool RawNumber(const char* text, rapidjson::SizeType length, bool) {
    double value = 0;
    std::from_chars(text, text + length, value);
    sum += value;
    return true;
  }
  bool EndObject(rapidjson::SizeType) {
    auto until = reinterpret_cast<char*>(reinterpret_cast<uintptr_t>(stream->src_) & ~(kPage - 1));
    if (until >= given_back + kGiveBackStep && stream->source_->GiveBack(given_back, until)) given_back = until;
    return true;
  }
};

// Reads and parses the file at `path` as the loader does; false when it is no JSON.
bool Parse(const std::filesystem::path& path, uint64_t size) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  aikg::internal::TextBuffer buffer(size + aikg::internal::kTerminator);
  TextSource source(fd, buffer, size);
  source.Start();
  TextStream stream(source);
  NothingHandler handler;
  handler.stream = &stream;
  handler.given_back = source.begin();
  rapidjson::Reader reader;
  bool parsed = !reader.Parse<aikg::internal::kTextParseFlags>(stream, handler).IsError() &&
                source.stop() == TextSource::Stop::kNone;
  benchmark::DoNotOptimize(handler.sum);
  close(fd);
  return parsed;
}

}  // namespace aikg_floor

#include "aikg/graph.h"
#include "aikg/json.h"
#include "memory.h"
#include "synthetic.h"

namespace {

using aikg_bench::HeapInUse;
using aikg_bench::PeakResidentBytes;
using aikg_bench::ResetPeakResident;
using aikg_bench::ResidentBytes;

struct Dataset {
  std::filesystem::path path;
  uint64_t statements = 0;
  uint64_t bytes = 0;
};

const Dataset& GetDataset(uint64_t statements) {
  static std::map<uint64_t, Dataset> datasets;
  auto found = datasets.find(statements);
  if (found != datasets.end()) return found->second;
  Dataset dataset;
  dataset.path = aikg_bench::EnsureDataset(statements);
  dataset.statements = statements;
  dataset.bytes = std::filesystem::file_size(dataset.path);
  return datasets.emplace(statements, dataset).first->second;
}

// Memory ------------------------------------------------------------------------------------------

struct LoadMemory {
  double heap_per_statement = 0;
  double rss_per_statement = 0;
  double kept_per_statement = 0;
  double peak_per_statement = 0;  // 0 when the peak cannot be reset
};

// Loads the dataset once into a fresh graph and measures what it holds.
const LoadMemory& MeasureLoad(const Dataset& dataset, std::string* error) {
  static std::map<uint64_t, LoadMemory> measured;
  auto found = measured.find(dataset.statements);
  if (found != measured.end()) return found->second;

  malloc_trim(0);
  size_t heap_before = HeapInUse(), rss_before = ResidentBytes();
  bool peak_known = ResetPeakResident();
  size_t peak_base = PeakResidentBytes();
  auto graph = std::make_unique<aikg::Graph>();
  absl::Status status = aikg::LoadJsonFiles(*graph, {dataset.path});
  if (!status.ok()) *error = std::string(status.message().substr(0, 500));
  size_t peak = PeakResidentBytes();
  size_t kept = ResidentBytes();  // what a caller that does not trim keeps
  malloc_trim(0);
  size_t heap_after = HeapInUse(), rss_after = ResidentBytes();
  graph.reset();

  LoadMemory memory;
  double n = static_cast<double>(dataset.statements);
  memory.heap_per_statement = (static_cast<double>(heap_after) - static_cast<double>(heap_before)) / n;
  memory.rss_per_statement = (static_cast<double>(rss_after) - static_cast<double>(rss_before)) / n;
  memory.kept_per_statement = (static_cast<double>(kept) - static_cast<double>(rss_before)) / n;
  if (peak_known && peak >= peak_base) memory.peak_per_statement = static_cast<double>(peak - rss_before) / n;
  return measured.emplace(dataset.statements, memory).first->second;
}

void SetThroughput(benchmark::State& state, const Dataset& dataset, uint64_t bytes_per_iteration) {
  double iterations = static_cast<double>(state.iterations());
  state.counters["stmts/s"] = benchmark::Counter(static_cast<double>(dataset.statements) * iterations,
                                                 benchmark::Counter::kIsRate);
  state.counters["MB/s"] =
      benchmark::Counter(static_cast<double>(bytes_per_iteration) * iterations / 1e6, benchmark::Counter::kIsRate);
}

// A loaded graph shared by the save benchmarks of one size (the latest size asked for).
const aikg::Graph* LoadedGraph(const Dataset& dataset, std::string* error) {
  static uint64_t loaded_statements = 0;
  static std::unique_ptr<aikg::Graph> graph;
  if (graph != nullptr && loaded_statements == dataset.statements) return graph.get();
  graph = std::make_unique<aikg::Graph>();
  absl::Status status = aikg::LoadJsonFiles(*graph, {dataset.path});
  if (!status.ok()) {
    *error = std::string(status.message().substr(0, 500));
    graph.reset();
    return nullptr;
  }
  loaded_statements = dataset.statements;
  return graph.get();
}

// Benchmarks ------------------------------------------------------------------------------------

// LoadJsonFiles into a fresh graph: read, parse, check against the schema, index. The graph's
// destruction is not timed.
void BM_Load(benchmark::State& state) {
  const Dataset& dataset = GetDataset(static_cast<uint64_t>(state.range(0)));
  std::string error;
  const LoadMemory& memory = MeasureLoad(dataset, &error);
  if (!error.empty()) {
    state.SkipWithError(error.c_str());
    return;
  }
  for (auto _ : state) {
    auto graph = std::make_unique<aikg::Graph>();
    absl::Status status = aikg::LoadJsonFiles(*graph, {dataset.path});
    if (!status.ok()) {
      state.SkipWithError("load failed");
      break;
    }
    benchmark::DoNotOptimize(graph->statement_count());
    state.PauseTiming();
    graph.reset();
    state.ResumeTiming();
  }
  SetThroughput(state, dataset, dataset.bytes);
  state.counters["heap_B/stmt"] = memory.heap_per_statement;
  state.counters["rss_B/stmt"] = memory.rss_per_statement;
  state.counters["kept_B/stmt"] = memory.kept_per_statement;
  if (memory.peak_per_statement > 0) state.counters["peak_B/stmt"] = memory.peak_per_statement;
}

// The floor a JSON load cannot go below, on the same file: read it and parse it with RapidJSON's
// SAX reader in place as the loader does (aikg_floor above: the same reading, stream and flags),
// into a handler that does nothing. A load does this and more (the checks of the text, the
// schema checks, the records, the indexes).
void BM_ParseFloor(benchmark::State& state) {
  const Dataset& dataset = GetDataset(static_cast<uint64_t>(state.range(0)));
  for (auto _ : state) {
    if (!aikg_floor::Parse(dataset.path, dataset.bytes)) {
      state.SkipWithError("parse failed");
      break;
    }
  }
  SetThroughput(state, dataset, dataset.bytes);
}

// SaveJsonFile of a loaded graph: canonical text written to a temporary file, fsync'ed and
// renamed over the target (in the data directory, beside the schema).
void BM_Save(benchmark::State& state) {
  const Dataset& dataset = GetDataset(static_cast<uint64_t>(state.range(0)));
  std::string error;
  const aikg::Graph* graph = LoadedGraph(dataset, &error);
  if (graph == nullptr) {
    state.SkipWithError(error.c_str());
    return;
  }
  std::filesystem::path target = dataset.path.parent_path() / ("saved-n" + std::to_string(dataset.statements) + ".json");
  for (auto _ : state) {
    absl::Status status = aikg::SaveJsonFile(*graph, target);
    if (!status.ok()) {
      state.SkipWithError(std::string(status.message()).c_str());
      break;
    }
  }
  std::error_code ignored;
  uint64_t written = std::filesystem::file_size(target, ignored);
  std::filesystem::remove(target, ignored);
  // The generator writes the canonical layout: saving must give the same bytes back.
  if (written != dataset.bytes) state.SkipWithError("the saved file differs in size from the loaded one");
  SetThroughput(state, dataset, written);
}

// ToJsonString of a loaded graph: the serialisation alone, in memory, without file I/O.
void BM_ToJsonString(benchmark::State& state) {
  const Dataset& dataset = GetDataset(static_cast<uint64_t>(state.range(0)));
  std::string error;
  const aikg::Graph* graph = LoadedGraph(dataset, &error);
  if (graph == nullptr) {
    state.SkipWithError(error.c_str());
    return;
  }
  uint64_t bytes = 0;
  for (auto _ : state) {
    absl::StatusOr<std::string> text = aikg::ToJsonString(*graph, dataset.path.parent_path());
    if (!text.ok()) {
      state.SkipWithError(std::string(text.status().message()).c_str());
      break;
    }
    bytes = text->size();
    benchmark::DoNotOptimize(text->data());
  }
  SetThroughput(state, dataset, bytes);
}

// The big size runs a fixed few iterations so that the whole program stays within minutes.
BENCHMARK(BM_Load)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Load)->Arg(1000000)->Iterations(3)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ParseFloor)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseFloor)->Arg(1000000)->Iterations(3)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Save)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Save)->Arg(1000000)->Iterations(3)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ToJsonString)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ToJsonString)->Arg(1000000)->Iterations(3)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  // 10^7 statements (a 2.6 GB file, ~10 GB of peak memory, about a minute) only on request.
  if (const char* huge = std::getenv("AIKG_BENCH_HUGE"); huge != nullptr && std::string(huge) == "1") {
    benchmark::RegisterBenchmark("BM_Load", BM_Load)
        ->Arg(10000000)
        ->Iterations(1)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::AddCustomContext("aikg_bench_data", aikg_bench::DataDirectory().string());
  benchmark::AddCustomContext("aikg_generator_version", std::to_string(aikg_bench::kGeneratorVersion));
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
