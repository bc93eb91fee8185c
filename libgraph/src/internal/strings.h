// String storage for a graph: copies that never move (so `std::string_view`s into them stay
// valid for the graph's life) and interning for the strings that repeat (locators, language
// tags, qualifier keys), both able to roll back to a mark when a batch fails.

#ifndef AIKG_INTERNAL_STRINGS_H_
#define AIKG_INTERNAL_STRINGS_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "absl/strings/string_view.h"
#include "internal/check.h"

namespace aikg::internal {

// Hashes std::string_view with Abseil's own string hash. Debian 12's Abseil does not know
// std::string_view (its absl::string_view is a separate type) and would fall back to std::hash.
struct StringViewHash {
  size_t operator()(std::string_view text) const {
    return absl::Hash<absl::string_view>{}(absl::string_view(text.data(), text.size()));
  }
};

template <typename Value>
using StringViewMap = absl::flat_hash_map<std::string_view, Value, StringViewHash>;

// A view of stored text in 8 bytes, where std::string_view takes 16: the address in the low 48
// bits (user-space addresses on x86-64 and AArch64 Linux have at most 48) and the size, at most
// kMaxSize, in the high 16. Statements keep their ids so: the 8 bytes saved per statement are
// about 5 % of the graph (docs/benchmarks.md).
class ShortView {
 public:
  static constexpr size_t kMaxSize = 0xFFFF;

  ShortView() = default;
  // `text` must be at most kMaxSize bytes (callers refuse longer input with an error first).
  ShortView(std::string_view text)  // NOLINT(google-explicit-constructor): stands for the view
      : bits_(reinterpret_cast<uintptr_t>(text.data()) | uint64_t{text.size()} << kAddressBits) {
    static_assert(sizeof(uintptr_t) == sizeof(uint64_t), "a 64-bit address space");
    AIKG_CHECK(text.size() <= kMaxSize && reinterpret_cast<uintptr_t>(text.data()) >> kAddressBits == 0);
  }

  std::string_view view() const {
    return {reinterpret_cast<const char*>(bits_ & ((uint64_t{1} << kAddressBits) - 1)),
            static_cast<size_t>(bits_ >> kAddressBits)};
  }
  operator std::string_view() const { return view(); }  // NOLINT(google-explicit-constructor)

 private:
  static constexpr int kAddressBits = 48;
  uint64_t bits_ = 0;
};

class StringStore {
 public:
  struct Mark {
    size_t blocks;
    size_t used;
    size_t interned;
  };

  StringStore() = default;
  StringStore(StringStore&&) = default;
  StringStore& operator=(StringStore&&) = default;

  // A stable copy of `text`; the empty string needs no storage.
  std::string_view Copy(std::string_view text);
  // The one stable copy of `text` shared by every caller that interns an equal string.
  std::string_view Intern(std::string_view text);
  // `size` stable, uninitialised bytes for the caller to fill (a snapshot reads its string
  // table straight into them); nullptr when `size` is 0.
  char* NewBlock(size_t size);

  Mark mark() const { return {blocks_.size(), used_, interned_order_.size()}; }
  // Forgets every string stored after `mark` was taken.
  void Rollback(const Mark& mark);

  // Bytes held in blocks and in the intern table.
  size_t bytes_allocated() const;

 private:
  static constexpr size_t kBlockSize = 256 * 1024;

  struct Block {
    std::unique_ptr<char[]> bytes;
    size_t size;
  };

  std::vector<Block> blocks_;
  size_t used_ = 0;  // bytes used in the last block
  absl::flat_hash_set<std::string_view, StringViewHash> interned_;
  std::vector<std::string_view> interned_order_;  // to roll back the set
};

}  // namespace aikg::internal

#endif  // AIKG_INTERNAL_STRINGS_H_
