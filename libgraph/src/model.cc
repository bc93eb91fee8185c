#include "aikg/model.h"

#include <optional>
#include <string_view>

#include "internal/bytes.h"

namespace aikg {
namespace {

// Called for every statement a load reads (its modality): compared inline, not through memcmp.
template <typename Enum, size_t N>
std::optional<Enum> ParseName(const std::string_view (&names)[N], std::string_view name) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i].size() == name.size() && internal::SameBytes(names[i].data(), name.data(), name.size())) {
      return static_cast<Enum>(i);
    }
  }
  return std::nullopt;
}

// Indexed by the enum's value.
constexpr std::string_view kModalityNames[] = {"reported", "claim", "forecast", "plan", "opinion"};
constexpr std::string_view kSourceKindNames[] = {
    "newsletter", "news_wire", "news_article", "social_media_post", "company_announcement",
    "regulator",  "report",    "research_paper", "other"};
constexpr std::string_view kBoundNames[] = {"exact", "at_least", "at_most", "about"};
constexpr std::string_view kBoundSymbols[] = {"", "≥", "≤", "≈"};

}  // namespace

std::string_view ModalityName(Modality modality) { return kModalityNames[static_cast<size_t>(modality)]; }
std::string_view SourceKindName(SourceKind kind) { return kSourceKindNames[static_cast<size_t>(kind)]; }
std::string_view BoundName(Bound bound) { return kBoundNames[static_cast<size_t>(bound)]; }
std::string_view BoundSymbol(Bound bound) { return kBoundSymbols[static_cast<size_t>(bound)]; }

std::optional<Modality> ParseModality(std::string_view name) { return ParseName<Modality>(kModalityNames, name); }
std::optional<SourceKind> ParseSourceKind(std::string_view name) {
  return ParseName<SourceKind>(kSourceKindNames, name);
}
std::optional<Bound> ParseBound(std::string_view name) { return ParseName<Bound>(kBoundNames, name); }

}  // namespace aikg
