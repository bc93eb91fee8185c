#include "export/explorer_layout.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "internal/graph_data.h"

extern char** environ;

namespace aikg::internal {
namespace {

// Ring radii of the radial layout, in points: room for a label between rings.
constexpr double kFirstRing = 190;
constexpr double kRingStep = 170;

}  // namespace

std::vector<Neighbourhood> Neighbourhoods(const View& view, size_t limit) {
  std::vector<Neighbourhood> drawings;
  drawings.reserve(view.entity_count());
  // Which drawing position each entity has in the drawing being built; cleared per drawing
  // through the list of nodes, so the whole pass stays linear in what it visits.
  absl::flat_hash_map<EntityIndex, uint32_t> placed;
  for (EntityIndex center = 0; center < view.entities().size(); ++center) {
    if (!view.Contains(center)) continue;
    Neighbourhood drawing;
    drawing.nodes.push_back({center, 0, 0});
    placed.clear();
    placed.emplace(center, 0);
    // Breadth-first from the entity, two steps, stopping once the drawing is full.
    for (uint32_t at = 0; at < drawing.nodes.size() && drawing.nodes.size() < limit; ++at) {
      if (drawing.nodes[at].hops >= 2) break;
      uint8_t hops = static_cast<uint8_t>(drawing.nodes[at].hops + 1);
      EntityIndex from = drawing.nodes[at].entity;
      bool full = false;
      view.ForEachHop(from, Direction::kBoth, [&](const Hop& hop) {
        if (full || !placed.emplace(hop.neighbor, static_cast<uint32_t>(drawing.nodes.size())).second) return;
        drawing.nodes.push_back({hop.neighbor, hops, at});
        full = drawing.nodes.size() >= limit;
      });
    }
    drawings.push_back(std::move(drawing));
  }
  return drawings;
}

void LayOutRadially(std::vector<Neighbourhood>& drawings) {
  for (Neighbourhood& drawing : drawings) {
    std::vector<Neighbourhood::Node>& nodes = drawing.nodes;
    // Angles: the first ring evenly; each second-ring node in its parent's sector, the sector
    // shared evenly among the parent's children, so branches stay apart.
    std::vector<double> angle(nodes.size(), 0);
    size_t first_ring = 0;
    for (const auto& node : nodes) first_ring += node.hops == 1;
    double sector = first_ring > 0 ? 2 * std::numbers::pi / static_cast<double>(first_ring) : 0;
    size_t seen = 0;
    absl::flat_hash_map<uint32_t, std::pair<size_t, size_t>> children;  // parent → (count, placed)
    for (size_t i = 0; i < nodes.size(); ++i) {
      if (nodes[i].hops == 1) angle[i] = sector * static_cast<double>(seen++) - std::numbers::pi / 2;
      if (nodes[i].hops == 2) ++children[nodes[i].parent].first;
    }
    for (size_t i = 0; i < nodes.size(); ++i) {
      double radius = 0;
      if (nodes[i].hops == 1) radius = kFirstRing;
      if (nodes[i].hops == 2) {
        auto& [count, done] = children[nodes[i].parent];
        // Spread over at most the parent's own sector (a half-circle for a single neighbour).
        double spread = std::min(sector, std::numbers::pi) * 0.9;
        double step = count > 1 ? spread / static_cast<double>(count - 1) : 0;
        angle[i] = angle[nodes[i].parent] - spread / 2 * (count > 1) + step * static_cast<double>(done++);
        // Crowded outer rings are staggered in two radii so that labels do not overlap.
        radius = kFirstRing + kRingStep + (count > 6 && done % 2 == 0 ? kRingStep * 0.6 : 0);
      }
      nodes[i].x = static_cast<int32_t>(std::lround(radius * std::cos(angle[i])));
      nodes[i].y = static_cast<int32_t>(std::lround(radius * std::sin(angle[i])));
    }
  }
}

namespace {

std::string DotString(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    if (c == '\n' || c == '\r') c = ' ';
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

// Runs `dot -Tplain input > output` (with -o, each graph of the input would overwrite the
// previous one's output), its diagnostics discarded; true when it exits with 0.
bool RunDot(const std::string& input, const std::string& output) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output.c_str(), O_WRONLY | O_TRUNC, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  std::string program = "dot", format = "-Tplain", input_argument = input;
  char* argv[] = {program.data(), format.data(), input_argument.data(), nullptr};
  pid_t child = 0;
  int spawned = posix_spawnp(&child, "dot", &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return false;
  int status = 0;
  while (waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) return false;
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// A temporary file that is removed when it goes out of scope.
class TemporaryFile {
 public:
  TemporaryFile() {
    std::error_code error;
    std::filesystem::path directory = std::filesystem::temp_directory_path(error);
    std::string pattern = ((error ? std::filesystem::path("/tmp") : directory) / "aikg-layout-XXXXXX").string();
    int fd = mkstemp(pattern.data());
    if (fd >= 0) {
      close(fd);
      path_ = pattern;
    }
  }
  ~TemporaryFile() {
    if (!path_.empty()) std::remove(path_.c_str());
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  bool ok() const { return !path_.empty(); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

bool LayOutWithGraphviz(const View& view, std::vector<Neighbourhood>& drawings) {
  TemporaryFile input, output;
  if (!input.ok() || !output.ok()) return false;
  const GraphData& data = view.graph().data();
  {
    std::ofstream dot(input.path());
    absl::flat_hash_map<EntityIndex, uint32_t> position;
    absl::flat_hash_set<std::pair<uint32_t, uint32_t>> drawn;
    for (const Neighbourhood& drawing : drawings) {
      // Labels at the page's font size, so that the layout leaves room for the names.
      dot << "digraph {\n rankdir=LR; nodesep=0.12; ranksep=0.9;\n"
             " node [shape=box, fontsize=12, height=0.3, margin=\"0.08,0.03\"];\n";
      position.clear();
      drawn.clear();
      for (uint32_t i = 0; i < drawing.nodes.size(); ++i) {
        position.emplace(drawing.nodes[i].entity, i);
        dot << " n" << i << " [label=" << DotString(data.entities[drawing.nodes[i].entity].name) << "];\n";
      }
      for (uint32_t i = 0; i < drawing.nodes.size(); ++i) {
        view.ForEachHop(drawing.nodes[i].entity, Direction::kOut, [&](const Hop& hop) {
          auto found = position.find(hop.neighbor);
          if (found == position.end() || found->second == i || !drawn.emplace(i, found->second).second) return;
          dot << " n" << i << " -> n" << found->second << ";\n";
        });
      }
      dot << "}\n";
    }
    if (!dot.flush()) return false;
  }
  if (!RunDot(input.path(), output.path())) return false;

  // The plain output: per graph "graph scale width height", "node name x y ...", ..., "stop",
  // in inches with y growing upwards.
  std::ifstream plain(output.path());
  std::vector<std::pair<int32_t, int32_t>> places;
  std::vector<std::vector<std::pair<int32_t, int32_t>>> all;
  all.reserve(drawings.size());
  double height = 0;
  std::string line;
  while (std::getline(plain, line)) {
    std::istringstream fields(line);
    std::string kind;
    fields >> kind;
    if (kind == "graph") {
      double scale = 0, width = 0;
      fields >> scale >> width >> height;
      places.clear();
    } else if (kind == "node") {
      std::string name;
      double x = 0, y = 0;
      fields >> name >> x >> y;
      if (!fields || name.size() < 2 || name[0] != 'n') return false;
      size_t index = std::strtoul(name.c_str() + 1, nullptr, 10);
      if (index >= places.size()) places.resize(index + 1);
      places[index] = {static_cast<int32_t>(std::lround(x * 72)), static_cast<int32_t>(std::lround((height - y) * 72))};
    } else if (kind == "stop") {
      all.push_back(places);
    }
  }
  if (all.size() != drawings.size()) return false;
  for (size_t d = 0; d < drawings.size(); ++d) {
    if (all[d].size() != drawings[d].nodes.size()) return false;
  }
  for (size_t d = 0; d < drawings.size(); ++d) {
    for (size_t i = 0; i < drawings[d].nodes.size(); ++i) {
      drawings[d].nodes[i].x = all[d][i].first;
      drawings[d].nodes[i].y = all[d][i].second;
    }
  }
  return true;
}

}  // namespace aikg::internal
