// aikg_generate: writes a deterministic synthetic aikg graph file and its schema.
//
//   aikg_generate --statements N --out FILE [--seed S] [--check]
//
// N may be written 1e6. The schema `bench.schema.json` is written next to FILE. The same
// arguments always give the same bytes. With --check, the file is then loaded with aikg and
// saved again in memory: the load must succeed and give back the very same bytes (the
// generator writes aikg's canonical layout).

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "aikg/graph.h"
#include "aikg/json.h"
#include "synthetic.h"

namespace {

constexpr int kExitInvalid = 1;
constexpr int kExitUsage = 2;
constexpr int kExitCannotWrite = 3;

int Usage(const char* message) {
  std::fprintf(stderr,
               "aikg_generate: %s\n"
               "usage: aikg_generate --statements N --out FILE [--seed S] [--check]\n",
               message);
  return kExitUsage;
}

// "1000000", "1e6", "2.5e5".
bool ParseCount(const char* text, uint64_t* value) {
  char* end = nullptr;
  double number = std::strtod(text, &end);
  if (end == text || *end != '\0' || !(number >= 1) || number > 4e9 || number != static_cast<uint64_t>(number)) {
    return false;
  }
  *value = static_cast<uint64_t>(number);
  return true;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Loads `path` and compares aikg's canonical text of it with the file.
int Check(const std::filesystem::path& path) {
  auto start = std::chrono::steady_clock::now();
  aikg::Graph graph;
  std::vector<aikg::Diagnostic> problems;
  absl::Status status = aikg::LoadJsonFiles(graph, {path}, &problems);
  if (!status.ok()) {
    for (size_t i = 0; i < problems.size() && i < 20; ++i) std::fprintf(stderr, "%s\n", problems[i].Format().c_str());
    if (problems.empty()) std::fprintf(stderr, "%s\n", std::string(status.message()).c_str());
    std::fprintf(stderr, "check: aikg rejects %s (%zu problems)\n", path.c_str(), problems.size());
    return kExitInvalid;
  }
  double load_seconds = SecondsSince(start);
  absl::StatusOr<std::string> saved = aikg::ToJsonString(graph, path.parent_path());
  if (!saved.ok()) {
    std::fprintf(stderr, "check: %s\n", std::string(saved.status().message()).c_str());
    return kExitInvalid;
  }
  std::ifstream in(path, std::ios::binary);
  std::string original((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (original != *saved) {
    size_t at = 0;
    while (at < original.size() && at < saved->size() && original[at] == (*saved)[at]) ++at;
    size_t from = at < 120 ? 0 : at - 120;
    std::fprintf(stderr, "check: aikg's canonical text differs from the file at byte %zu:\n  file:  %s\n  saved: %s\n",
                 at, original.substr(from, 240).c_str(), saved->substr(from, 240).c_str());
    return kExitInvalid;
  }
  std::fprintf(stderr, "check: aikg loads it (%zu entities, %zu sources, %zu statements, %zu edges) in %.2f s; "
               "saving gives the same %zu bytes\n",
               graph.entity_count(), graph.source_count(), graph.statement_count(), graph.edge_count(), load_seconds,
               saved->size());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  aikg_bench::DatasetOptions options;
  const char* out = nullptr;
  bool have_statements = false, check = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    auto next = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (arg == "--statements") {
      const char* value = next();
      if (value == nullptr || !ParseCount(value, &options.statements)) return Usage("--statements needs a count ≥ 1");
      have_statements = true;
    } else if (arg == "--out") {
      out = next();
      if (out == nullptr) return Usage("--out needs a file");
    } else if (arg == "--seed") {
      const char* value = next();
      char* end = nullptr;
      if (value == nullptr) return Usage("--seed needs a number");
      options.seed = std::strtoull(value, &end, 10);
      if (*end != '\0') return Usage("--seed needs a number");
    } else if (arg == "--check") {
      check = true;
    } else if (arg == "--help" || arg == "-h") {
      Usage("writes a synthetic aikg graph file and bench.schema.json next to it");
      return 0;
    } else {
      return Usage(("unknown argument '" + std::string(arg) + "'").c_str());
    }
  }
  if (!have_statements || out == nullptr) return Usage("--statements and --out are required");

  auto start = std::chrono::steady_clock::now();
  aikg_bench::DatasetStats stats;
  std::string error;
  if (!aikg_bench::WriteDataset(options, out, &stats, &error)) {
    std::fprintf(stderr, "aikg_generate: %s\n", error.c_str());
    return kExitCannotWrite;
  }
  double seconds = SecondsSince(start);
  std::fprintf(stderr,
               "wrote %s: %llu statements (%llu edges), %llu entities, %llu sources, %.1f MB in %.2f s (%.1f MB/s)\n",
               out, static_cast<unsigned long long>(stats.statements), static_cast<unsigned long long>(stats.edges),
               static_cast<unsigned long long>(stats.entities), static_cast<unsigned long long>(stats.sources),
               stats.graph_bytes / 1e6, seconds, stats.graph_bytes / 1e6 / seconds);
  return check ? Check(out) : 0;
}
