#include "aikg/search.h"

#include <algorithm>
#include <string>
#include <utility>

#include <utf8proc.h>

#include "absl/container/flat_hash_map.h"
#include "aikg/text.h"
#include "internal/graph_data.h"

namespace aikg {
namespace {

std::u32string CodePoints(std::string_view text) {
  std::u32string points;
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t at = 0, size = static_cast<utf8proc_ssize_t>(text.size());
  while (at < size) {
    utf8proc_int32_t point = 0;
    utf8proc_ssize_t length = utf8proc_iterate(bytes + at, size - at, &point);
    if (length <= 0) {
      point = bytes[at];
      length = 1;
    }
    points.push_back(static_cast<char32_t>(point));
    at += length;
  }
  return points;
}

// Optimal-string-alignment distance, or `limit + 1` once it must exceed `limit`.
int EditDistance(const std::u32string& a, const std::u32string& b, int limit) {
  int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (std::abs(n - m) > limit) return limit + 1;
  std::vector<int> before(m + 1), previous(m + 1), current(m + 1);
  for (int j = 0; j <= m; ++j) previous[j] = j;
  for (int i = 1; i <= n; ++i) {
    current[0] = i;
    int row_minimum = current[0];
    for (int j = 1; j <= m; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
      row_minimum = std::min(row_minimum, current[j]);
    }
    if (row_minimum > limit) return limit + 1;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[m];
}

}  // namespace

std::vector<NameMatch> SearchNames(const Graph& graph, std::string_view text, const SearchOptions& options) {
  const internal::GraphData& data = graph.data();
  std::string query = FoldForLookup(text);
  if (query.empty()) return {};
  std::u32string query_points = CodePoints(query);
  // The best match of each entity.
  absl::flat_hash_map<EntityIndex, NameMatch> best;
  auto offer = [&](std::string_view name, MatchKind kind, double score) {
    for (EntityIndex e : data.names.at(name)) {
      NameMatch match{graph.entity(e), name, kind, score};
      auto [found, inserted] = best.try_emplace(e, match);
      if (!inserted && std::make_pair(kind, -score) < std::make_pair(found->second.kind, -found->second.score)) {
        found->second = match;
      }
    }
  };
  auto length_ratio = [&](std::string_view name) {
    return static_cast<double>(query_points.size()) / static_cast<double>(CodePoints(name).size());
  };

  // Exact and prefix matches: a range of the sorted names.
  for (auto at = std::lower_bound(data.sorted_names.begin(), data.sorted_names.end(), std::string_view(query));
       at != data.sorted_names.end() && at->substr(0, query.size()) == query; ++at) {
    if (*at == query) {
      offer(*at, MatchKind::kExact, 1.0);
    } else {
      offer(*at, MatchKind::kPrefix, 0.5 + 0.45 * length_ratio(*at));
    }
  }
  int max_edits = std::min<int>(options.max_edits, static_cast<int>(query_points.size()) / 4);
  for (std::string_view name : data.sorted_names) {
    // A later word starting with the text: "bot" in "ernie bot".
    for (size_t space = name.find(' '); space != std::string_view::npos; space = name.find(' ', space + 1)) {
      if (name.substr(space + 1, query.size()) == query) {
        offer(name, MatchKind::kWordPrefix, 0.4 + 0.35 * length_ratio(name));
        break;
      }
    }
    if (max_edits <= 0) continue;
    std::u32string points = CodePoints(name);
    int distance = EditDistance(query_points, points, max_edits);
    if (distance > 0 && distance <= max_edits) {
      double length = static_cast<double>(std::max(points.size(), query_points.size()));
      offer(name, MatchKind::kFuzzy, 0.7 * (1.0 - distance / length));
    }
  }

  std::vector<NameMatch> matches;
  for (auto& [entity, match] : best) matches.push_back(match);
  std::sort(matches.begin(), matches.end(), [](const NameMatch& a, const NameMatch& b) {
    if (a.kind != b.kind) return a.kind < b.kind;
    if (a.score != b.score) return a.score > b.score;
    if (a.name != b.name) return a.name < b.name;
    return a.entity.index() < b.entity.index();
  });
  if (matches.size() > options.limit) matches.erase(matches.begin() + options.limit, matches.end());
  return matches;
}

}  // namespace aikg
