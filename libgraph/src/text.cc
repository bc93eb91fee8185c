#include "aikg/text.h"

#include <cstdlib>
#include <string>

#include <utf8proc.h>

namespace aikg {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Collapses white-space runs to one space and trims both ends.
std::string CollapseSpaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    if (IsSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace

std::string FoldForLookup(std::string_view text) {
  // ASCII needs none of utf8proc's work: case folding is lowering, and nothing decomposes.
  bool ascii = true;
  for (char c : text) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    std::string lowered = CollapseSpaces(text);
    for (char& c : lowered) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return lowered;
  }
  utf8proc_uint8_t* folded = nullptr;
  // COMPAT folds width variants (ｆｕｌｌ → full); STRIPMARK drops accents after decomposition.
  utf8proc_ssize_t length = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(text.data()), static_cast<utf8proc_ssize_t>(text.size()),
      &folded,
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
                                     UTF8PROC_STRIPMARK | UTF8PROC_LUMP));
  if (length < 0) {
    std::string ascii(text);
    for (char& c : ascii) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return CollapseSpaces(ascii);
  }
  std::string result = CollapseSpaces(std::string_view(reinterpret_cast<char*>(folded), length));
  std::free(folded);
  return result;
}

}  // namespace aikg
