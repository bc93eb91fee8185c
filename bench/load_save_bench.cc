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
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include <benchmark/benchmark.h>
#include <rapidjson/reader.h>

// The parse floor reads and parses a file as the loader does (libgraph/src/json_input.cc,
// TextSource and TextStream), written again here as the benchmarks use only aikg's public API:
// a regular file is read a piece of 128 KiB at a time into a buffer mapped on its own, just
// ahead of RapidJSON's SAX parse in place, which looks for the end of what was read only at a
// NUL byte; each piece is checked to be well-formed UTF-8 as it is read (a JSON parser must, and
// the loader does); the pages behind the parse move ahead, every megabyte, to where the next
// pieces go.
namespace aikg_floor {

// How far `text` is well-formed UTF-8: the end of the last whole character before `end` or
// before the first byte that cannot be (*bad set then), eight ASCII bytes at a time.
const char* WellFormedUntil(const char* text, const char* end, bool* bad) {
  const auto* at = reinterpret_cast<const unsigned char*>(text);
  const auto* stop = reinterpret_cast<const unsigned char*>(end);
  *bad = false;
  while (at < stop) {
    if (stop - at >= 8) {
      uint64_t word;
      std::memcpy(&word, at, 8);
      if ((word & 0x8080808080808080) == 0) {
        at += 8;
        continue;
      }
    }
    unsigned char lead = *at;
    if (lead < 0x80) {
      ++at;
      continue;
    }
    size_t more = lead >= 0xC2 && lead <= 0xDF ? 1 : lead >= 0xE0 && lead <= 0xEF ? 2 : lead >= 0xF0 && lead <= 0xF4 ? 3 : 0;
    unsigned char low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
    unsigned char high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
    size_t present = std::min(more, static_cast<size_t>(stop - at - 1));
    if (more == 0 || (present >= 1 && (at[1] < low || at[1] > high))) {
      *bad = true;
      break;
    }
    for (size_t i = 2; i <= present; ++i) {
      if ((at[i] & 0xC0) != 0x80) *bad = true;
    }
    if (*bad || present < more) break;
    at += more + 1;
  }
  return reinterpret_cast<const char*>(at);
}

struct Source {
  static constexpr size_t kPiece = size_t{128} << 10, kGiveBackStep = size_t{1} << 20, kPage = 4096;

  int fd = -1;
  char* begin = nullptr;
  char* limit = nullptr;  // the end of what was read: a NUL stands there
  char* end = nullptr;    // of the text's room
  char* mapping_end = nullptr;
  char* recycled_end = nullptr;
  char* given_back = nullptr;  // the text before it was given back
  const char* checked = nullptr;  // the end of the text found well-formed UTF-8
  bool done = false;
  bool not_utf8 = false;

  static char* PageUp(char* at) {
    return reinterpret_cast<char*>((reinterpret_cast<uintptr_t>(at) + kPage - 1) & ~(kPage - 1));
  }

  [[gnu::noinline]] char At(char* at) {
    if (at == limit && !done) {
      ssize_t got = read(fd, limit, std::min<size_t>(static_cast<size_t>(end - limit), kPiece));
      if (got <= 0) {
        done = true;
        got = 0;
      }
      checked = WellFormedUntil(checked, limit + got, &not_utf8);
      if (not_utf8 || (done && checked != limit)) {
        not_utf8 = done = true;
        got = 0;
      }
      limit += got;
      *limit = '\0';
    }
    return *at;
  }

  // Gives back the whole pages behind `parsed`, once they are a megabyte, moving them ahead.
  void GiveBackBehind(char* parsed) {
    char* until = reinterpret_cast<char*>(reinterpret_cast<uintptr_t>(parsed) & ~(kPage - 1));
    if (until < given_back + kGiveBackStep) return;
    auto bytes = static_cast<size_t>(until - given_back);
    char* target = std::max(PageUp(limit + 1), recycled_end);
    if (!done && target + bytes <= mapping_end &&
        mremap(given_back, bytes, bytes, MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP, target) != MAP_FAILED) {
      recycled_end = target + bytes;
    } else {
      madvise(given_back, bytes, MADV_DONTNEED);
    }
    given_back = until;
  }
};

struct Stream {
  using Ch = char;
  RAPIDJSON_FORCEINLINE Ch Peek() {
    Ch c = *src_;
    if (RAPIDJSON_UNLIKELY(c == '\0')) c = source_->At(src_);
    return c;
  }
  RAPIDJSON_FORCEINLINE Ch Take() { return *src_++; }
  size_t Tell() const { return static_cast<size_t>(src_ - head_); }
  Ch* PutBegin() { return dst_ = src_; }
  void Put(Ch c) { *dst_++ = c; }
  size_t PutEnd(Ch* begin) { return static_cast<size_t>(dst_ - begin); }
  void Flush() {}
  Ch* Push(size_t count) {
    Ch* begin = dst_;
    dst_ += count;
    return begin;
  }
  void Pop(size_t count) { dst_ -= count; }

  Ch* src_;
  Ch* dst_ = nullptr;
  Ch* head_;
  Source* source_;
};

inline RAPIDJSON_FORCEINLINE void SkipWhitespace(Stream& stream) {
  char* at = stream.src_;
  while (true) {
    char c = *at;
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      ++at;
    } else if (c != '\0' || stream.source_->At(at) == '\0') {
      break;
    }
  }
  stream.src_ = at;
}

constexpr std::array<bool, 256> kEndsPlainRun = [] {
  std::array<bool, 256> ends = {};
  for (int c = 0; c < 0x20; ++c) ends[c] = true;
  ends['"'] = ends['\\'] = true;
  return ends;
}();

}  // namespace aikg_floor

template <>
struct rapidjson::StreamTraits<aikg_floor::Stream> {
  enum { copyOptimization = 1 };
};

template <>
template <>
inline void rapidjson::GenericReader<rapidjson::UTF8<>, rapidjson::UTF8<>, rapidjson::CrtAllocator>::
    ScanCopyUnescapedString(aikg_floor::Stream& is, aikg_floor::Stream& os) {
  char* from = is.src_;
  char* at = from;
  while (!aikg_floor::kEndsPlainRun[static_cast<unsigned char>(*at)]) ++at;
  auto length = static_cast<size_t>(at - from);
  if (os.dst_ != from) std::memmove(os.dst_, from, length);
  os.dst_ += length;
  is.src_ = at;
}

namespace aikg_floor {
constexpr unsigned kFlags =
    rapidjson::kParseFullPrecisionFlag | rapidjson::kParseInsituFlag | rapidjson::kParseNumbersAsStringsFlag;
}  // namespace aikg_floor

template <>
template <>
inline RAPIDJSON_FORCEINLINE void
rapidjson::GenericReader<rapidjson::UTF8<>, rapidjson::UTF8<>, rapidjson::CrtAllocator>::SkipWhitespaceAndComments<
    aikg_floor::kFlags, aikg_floor::Stream>(aikg_floor::Stream& is) {
  aikg_floor::SkipWhitespace(is);
}

namespace aikg_floor {

// Does nothing with the events but give back the text behind the parse after each object, and
// turn each number's text into its value, as a full parse does (the loader's flags leave that to
// its handler).
struct NothingHandler : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, NothingHandler> {
  Stream* stream = nullptr;
  double sum = 0;  // of the numbers, so that they are computed
  bool RawNumber(const char* text, rapidjson::SizeType length, bool) {
    double value = 0;
    std::from_chars(text, text + length, value);
    sum += value;
    return true;
  }
  bool EndObject(rapidjson::SizeType) {
    stream->source_->GiveBackBehind(stream->src_);
    return true;
  }
};

// Reads and parses the file at `path` as the loader does; false when it is no JSON.
bool Parse(const std::filesystem::path& path, uint64_t size) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  size_t room = size + 4;  // and the loader's terminator
  void* mapped = mmap(nullptr, room, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED) {
    close(fd);
    return false;
  }
  Source source;
  source.fd = fd;
  source.begin = source.limit = source.given_back = source.recycled_end = static_cast<char*>(mapped);
  source.checked = source.begin;
  source.end = source.begin + size;
  source.mapping_end = source.begin + room;
  *source.limit = '\0';
  Stream stream{source.begin, nullptr, source.begin, &source};
  NothingHandler handler;
  handler.stream = &stream;
  rapidjson::Reader reader;
  bool parsed = !reader.Parse<kFlags>(stream, handler).IsError() && !source.not_utf8;
  benchmark::DoNotOptimize(handler.sum);
  munmap(mapped, room);
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
