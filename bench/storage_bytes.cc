// aikg_storage_bytes: loads a graph file (JSON or snapshot) and prints what each container of
// its storage holds allocated, per statement (Graph::StorageBytes), beside the heap and resident
// set the load kept and the CPU time it took. The memory table of docs/benchmarks.md.
//
//   aikg_storage_bytes graph.json [--save graph.aikgb]
//
// --save writes the loaded graph as a snapshot too (for timing its reload in another run).

#include <malloc.h>
#include <sys/resource.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "aikg/graph.h"
#include "aikg/snapshot.h"
#include "memory.h"

namespace {

// User + system CPU seconds of this process so far, all threads.
double CpuSeconds() {
  rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& time) { return static_cast<double>(time.tv_sec) + time.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 && !(argc == 4 && std::strcmp(argv[2], "--save") == 0)) {
    std::fprintf(stderr, "usage: %s GRAPH_FILE [--save SNAPSHOT.aikgb]\n", argv[0]);
    return 2;
  }
  std::filesystem::path path = argv[1];
  malloc_trim(0);
  size_t heap_before = aikg_bench::HeapInUse();
  size_t resident_before = aikg_bench::ResidentBytes();
  double cpu_before = CpuSeconds();
  aikg::Graph graph;
  absl::Status status = aikg::LoadGraphFiles(graph, {path});
  double cpu = CpuSeconds() - cpu_before;
  if (!status.ok()) {
    std::fprintf(stderr, "%s\n", std::string(status.message()).c_str());
    return 1;
  }
  size_t resident_kept = aikg_bench::ResidentBytes();
  size_t heap = aikg_bench::HeapInUse() - heap_before;
  double statements = static_cast<double>(graph.statement_count());

  std::printf("%s: %zu statements, %zu entities, %zu sources; load %.3f CPU s\n\n", path.filename().c_str(),
              graph.statement_count(), graph.entity_count(), graph.source_count(), cpu);
  std::printf("| container | MB | B/stmt |\n| --- | ---: | ---: |\n");
  size_t total = 0;
  for (const aikg::StorageUse& use : graph.StorageBytes()) {
    std::printf("| `%.*s` | %.1f | %.1f |\n", static_cast<int>(use.component.size()), use.component.data(),
                use.bytes / 1e6, use.bytes / statements);
    total += use.bytes;
  }
  std::printf("| **sum of the containers** | **%.1f** | **%.1f** |\n", total / 1e6, total / statements);
  std::printf("| heap in use (mallinfo2), growth over the load | %.1f | %.1f |\n", heap / 1e6, heap / statements);
  std::printf("| resident set kept, growth over the load | %.1f | %.1f |\n",
              (resident_kept - resident_before) / 1e6, (resident_kept - resident_before) / statements);
  if (argc == 4) {
    status = aikg::SaveGraphFile(graph, argv[3]);
    if (!status.ok()) {
      std::fprintf(stderr, "%s\n", std::string(status.message()).c_str());
      return 1;
    }
  }
  return 0;
}
