// aikg/search.h: finding entities by what people call them.
//
// Names and aliases are compared folded (case, accents and width ignored, see aikg/text.h), so
// "pekin" finds "Pékin" and "ＤｅｅｐＳｅｅｋ" finds "DeepSeek". Candidates are ranked: an exact
// name first, then names that start with the text, then names with a word that starts with it,
// then names within a small edit distance ("deepsek" → "DeepSeek").
//
// Example:
//   for (const aikg::NameMatch& match : aikg::SearchNames(graph, "deepsek")) {
//     std::cout << match.entity.id() << " " << match.score << "\n";
//   }

#ifndef AIKG_SEARCH_H_
#define AIKG_SEARCH_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "aikg/graph.h"

namespace aikg {

enum class MatchKind : uint8_t { kExact, kPrefix, kWordPrefix, kFuzzy };

struct NameMatch {
  Entity entity;
  std::string_view name;  // the folded name or alias that matched
  MatchKind kind;
  double score;  // 1 for an exact match, lower for looser ones, in (0, 1]
};

struct SearchOptions {
  size_t limit = 10;
  // Fuzzy matches may differ by at most this many edits (insertions, deletions, substitutions,
  // transpositions of adjacent characters), and by at most a quarter of the text's length.
  int max_edits = 2;
};

// The best match per entity, best first (ties by name, then entity index). Prefix search is
// O(log N + k) on the sorted names; fuzzy search scans the N distinct names, skipping those
// whose length differs by more than max_edits.
std::vector<NameMatch> SearchNames(const Graph& graph, std::string_view text, const SearchOptions& options = {});

}  // namespace aikg

#endif  // AIKG_SEARCH_H_
