// aikg/text.h: text folding for lookups that ignore case and accents.
//
// Example:
//   aikg::FoldForLookup("Pékin") == aikg::FoldForLookup("PEKIN");   // true
//   aikg::FoldForLookup("文心一言");                                 // unchanged: CJK has no case

#ifndef AIKG_TEXT_H_
#define AIKG_TEXT_H_

#include <string>
#include <string_view>

namespace aikg {

// Unicode compatibility normalisation, case folding and removal of combining marks (utf8proc),
// with runs of white space collapsed to one space and trimmed. Invalid UTF-8 is folded
// byte-wise by ASCII rules only.
std::string FoldForLookup(std::string_view text);

}  // namespace aikg

#endif  // AIKG_TEXT_H_
