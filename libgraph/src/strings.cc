#include "internal/strings.h"

#include <algorithm>
#include <cstring>

namespace aikg::internal {

std::string_view StringStore::Copy(std::string_view text) {
  if (text.empty()) return {};
  if (blocks_.empty() || blocks_.back().size - used_ < text.size()) {
    // A string larger than a block gets a block of its own; the rest of the old block is
    // abandoned (at most one string's worth of slack per block).
    size_t size = std::max(kBlockSize, text.size());
    blocks_.push_back({std::make_unique<char[]>(size), size});
    used_ = 0;
  }
  char* destination = blocks_.back().bytes.get() + used_;
  std::memcpy(destination, text.data(), text.size());
  used_ += text.size();
  return {destination, text.size()};
}

char* StringStore::NewBlock(size_t size) {
  if (size == 0) return nullptr;
  blocks_.push_back({std::unique_ptr<char[]>(new char[size]), size});
  used_ = size;  // full: the next Copy starts a block of its own
  return blocks_.back().bytes.get();
}

std::string_view StringStore::Intern(std::string_view text) {
  if (text.empty()) return {};
  auto found = interned_.find(text);
  if (found != interned_.end()) return *found;
  std::string_view copy = Copy(text);
  interned_.insert(copy);
  interned_order_.push_back(copy);
  return copy;
}

void StringStore::Rollback(const Mark& mark) {
  while (interned_order_.size() > mark.interned) {
    interned_.erase(interned_order_.back());
    interned_order_.pop_back();
  }
  blocks_.resize(mark.blocks);
  used_ = mark.used;
}

size_t StringStore::bytes_allocated() const {
  size_t bytes = 0;
  for (const Block& block : blocks_) bytes += block.size;
  bytes += interned_.capacity() * (sizeof(std::string_view) + 1) +
           interned_order_.capacity() * sizeof(std::string_view);
  return bytes;
}

}  // namespace aikg::internal
