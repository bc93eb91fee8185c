// bindings/python/text_table.h: texts stored back to back and found by number.
//
// The columns of a frame are written from tables of texts (statement_columns.cc): a row notes
// the number of its text, and the column's bytes are copied out of the table at the end. Text
// i is bytes [offset(i), offset(i + 1)) of data(), as an Arrow string array keeps them, and
// kPadding zero bytes follow the last text, so a short text can be copied as one fixed-size
// block (CopyText) that may read past its end but never past the table's.
//
// Example:
//   TextTable table;
//   uint32_t nvidia = table.Add("org/nvidia");
//   table[nvidia];  // "org/nvidia"

#ifndef AIKG_BINDINGS_PYTHON_TEXT_TABLE_H_
#define AIKG_BINDINGS_PYTHON_TEXT_TABLE_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace aikg::python {

class TextTable {
 public:
  // Zero bytes kept after the last text: a copy may read this many bytes past any text's end.
  static constexpr size_t kPadding = 32;

  TextTable() : offsets_{0}, bytes_(kPadding, '\0') {}

  // Adds `text` as the last text; returns its number.
  uint32_t Add(std::string_view text) {
    bytes_.resize(offsets_.back());  // drops the padding, without freeing
    bytes_.append(text);
    offsets_.push_back(bytes_.size());
    bytes_.append(kPadding, '\0');
    return static_cast<uint32_t>(offsets_.size() - 2);
  }

  size_t size() const { return offsets_.size() - 1; }
  uint64_t offset(uint32_t i) const { return offsets_[i]; }
  uint64_t length(uint32_t i) const { return offsets_[i + 1] - offsets_[i]; }
  const char* data() const { return bytes_.data(); }
  std::string_view operator[](uint32_t i) const { return std::string_view(data() + offset(i), length(i)); }

 private:
  std::vector<uint64_t> offsets_;  // one more than the texts
  std::string bytes_;              // the texts, then kPadding zero bytes
};

// Copies `size` bytes from `from` to `to`, where kPadding bytes may be read past from + size and
// written past to + size: a text of up to 32 bytes (nearly every id and value) moves as one or
// two 16-byte blocks, inlined, rather than through a call to memcpy.
inline void CopyText(char* to, const char* from, size_t size) {
  static_assert(TextTable::kPadding >= 32);
  std::memcpy(to, from, 16);
  if (size <= 16) return;
  if (size <= 32) {
    std::memcpy(to + 16, from + 16, 16);
  } else {
    std::memcpy(to, from, size);
  }
}

}  // namespace aikg::python

#endif  // AIKG_BINDINGS_PYTHON_TEXT_TABLE_H_
