// String concatenation for messages, taking std::string_view.
//
// absl::StrCat would do, but Debian 12's Abseil (20220623) has its own absl::string_view that
// std::string_view does not convert to; this keeps call sites free of conversions on both
// Abseil versions.

#ifndef AIKG_INTERNAL_CAT_H_
#define AIKG_INTERNAL_CAT_H_

#include <concepts>
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace aikg::internal {

inline void AppendPiece(std::string& out, std::string_view text) { out.append(text); }
inline void AppendPiece(std::string& out, const char* text) { out.append(text); }
inline void AppendPiece(std::string& out, const std::string& text) { out.append(text); }
inline void AppendPiece(std::string& out, char c) { out.push_back(c); }
#if !defined(ABSL_USES_STD_STRING_VIEW)
inline void AppendPiece(std::string& out, absl::string_view text) { out.append(text.data(), text.size()); }
#endif
template <typename Number>
  requires(std::integral<Number> || std::floating_point<Number>) && (!std::same_as<Number, char>)
void AppendPiece(std::string& out, Number number) {
  absl::StrAppend(&out, number);
}

// Concatenates strings, characters and numbers.
template <typename... Pieces>
std::string Cat(const Pieces&... pieces) {
  std::string out;
  (AppendPiece(out, pieces), ...);
  return out;
}

// How much of a text a message quotes: ids and names longer than this are cut (see Quoted).
inline constexpr size_t kMaxQuotedBytes = 80;

// `text`, or when longer than kMaxQuotedBytes its start (cut at a UTF-8 character boundary)
// and "…".
inline std::string Clipped(std::string_view text) {
  if (text.size() <= kMaxQuotedBytes) return std::string(text);
  size_t cut = kMaxQuotedBytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // a continuation byte
  return Cat(text.substr(0, cut), "…");
}

// `text` in single quotes for a message, clipped with its length given, so that a hostile
// 200 000-byte id is not echoed whole: "unknown entity 'xxxx…' (200000 bytes)".
inline std::string Quoted(std::string_view text) {
  if (text.size() <= kMaxQuotedBytes) return Cat("'", text, "'");
  return Cat("'", Clipped(text), "' (", text.size(), " bytes)");
}

inline absl::string_view ToAbsl(std::string_view text) { return {text.data(), text.size()}; }

}  // namespace aikg::internal

#endif  // AIKG_INTERNAL_CAT_H_
