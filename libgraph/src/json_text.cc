#include "internal/json_text.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <new>

#include <unistd.h>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace aikg::internal {
namespace {

// How far `text` is well-formed UTF-8 (Unicode's table 3-7: no overlong forms, no surrogates,
// nothing above U+10FFFF), checked eight ASCII bytes at a time: the end of the last whole
// character before the first byte that cannot be, or before a character cut short by the end.
// `ill_formed` is set when such a byte was met (and not only the end).
const char* WellFormedUtf8Until(const char* text, const char* text_end, bool* ill_formed) {
  const auto* at = reinterpret_cast<const unsigned char*>(text);
  const auto* end = reinterpret_cast<const unsigned char*>(text_end);
  *ill_formed = false;
  auto stop = [&](bool bad) {
    *ill_formed = bad;
    return reinterpret_cast<const char*>(at);
  };
  while (at < end) {
    if (end - at >= 8) {
      uint64_t word;
      std::memcpy(&word, at, 8);
      if ((word & 0x8080808080808080) == 0) {
        at += 8;
        continue;
      }
    }
    unsigned char lead = *at;
    if (lead < 0x80) {
      ++at;
      continue;
    }
    // The continuation bytes a lead byte takes, and the range of the first of them.
    size_t more = 0;
    unsigned char low = 0x80, high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      more = 1;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      more = 2;
      if (lead == 0xE0) low = 0xA0;
      if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      more = 3;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    } else {
      return stop(true);
    }
    size_t present = std::min(more, static_cast<size_t>(end - at - 1));
    if (present >= 1 && (at[1] < low || at[1] > high)) return stop(true);
    for (size_t i = 2; i <= present; ++i) {
      if ((at[i] & 0xC0) != 0x80) return stop(true);
    }
    if (present < more) return stop(false);  // cut short by the end
    at += more + 1;
  }
  return stop(false);
}

// Whether `text` is well-formed UTF-8 throughout.
bool IsWellFormedUtf8(const char* text, size_t length) {
  bool ill_formed = false;
  return WellFormedUtf8Until(text, text + length, &ill_formed) == text + length;
}

// Whether `text` may hold a \u escape: true for every one, and for some texts without (a
// backslash outside a string, which is no JSON anyway, or an escaped backslash before a 'u').
// Any backslash followed by a 'u' counts, so that a text scanned in pieces, each from the byte
// before it, gives the same answer.
bool MayHoldUnicodeEscape(const char* text, size_t length) {
  const char* end = text + length;
  for (const char* at = text; at < end; ++at) {
    at = static_cast<const char*>(std::memchr(at, '\\', static_cast<size_t>(end - at)));
    if (at == nullptr) return false;
    if (at + 1 < end && at[1] == 'u') return true;
  }
  return false;
}

}  // namespace

void* MapOwnPages(size_t bytes) {
#if defined(__linux__)
  void* at = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (at == MAP_FAILED) throw std::bad_alloc();
  return at;
#else
  return ::operator new(bytes);
#endif
}

void UnmapOwnPages(void* at, size_t bytes) {
#if defined(__linux__)
  munmap(at, bytes);
#else
  ::operator delete(at, bytes);
#endif
}

TextSource::TextSource(char* text, size_t length)
    : begin_(text), limit_(text + length), capacity_end_(limit_), checked_(limit_), done_(true) {
  validate_ = !IsWellFormedUtf8(text, length);
  may_escape_ = validate_ || MayHoldUnicodeEscape(text, length);
}

void TextSource::Start() {
  while (!done_ && length() < kByteOrderMarkSize) Read();
  if (length() >= kByteOrderMarkSize && std::memcmp(begin_, "\xEF\xBB\xBF", kByteOrderMarkSize) == 0) {
    std::memmove(begin_, begin_ + kByteOrderMarkSize, length() - kByteOrderMarkSize + 1);  // with the end mark
    limit_ -= kByteOrderMarkSize;
    checked_ -= kByteOrderMarkSize;
    capacity_end_ -= kByteOrderMarkSize;
  }
}


bool TextSource::GiveBack(char* begin, char* end) {
#if defined(__linux__)
  auto bytes = static_cast<size_t>(end - begin);
#if defined(MREMAP_DONTUNMAP)
  if (mapping_end_ != nullptr && !done_ && recycling_) {
    // Past the page the end mark is in, and past the pages moved there before.
    char* target = std::max(PageUp(limit_ + 1), recycled_end_);
    if (target < mapping_end_ && static_cast<size_t>(mapping_end_ - target) >= bytes &&
        mremap(begin, bytes, bytes, MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP, target) != MAP_FAILED) {
      recycled_end_ = target + bytes;
      return true;
    }
    recycling_ = false;  // an older kernel, or no room left ahead: not tried again
  }
#endif
  return madvise(begin, bytes, MADV_DONTNEED) == 0;
#else
  return false;
#endif
}


void TextSource::Read() {
  size_t room = static_cast<size_t>(capacity_end_ - limit_);
  char extra;  // the text is `size` bytes: any more means the file grew while it was read
  ssize_t got = 0;
  do {
    got = room == 0 ? read(fd_, &extra, 1) : read(fd_, limit_, std::min(room, kPiece));
  } while (got < 0 && errno == EINTR);
  if (got < 0) return Halt(Stop::kUnreadable);
  if (got > 0 && room == 0) return Halt(Stop::kChanged);
  if (got == 0) {
    done_ = true;
    if (checked_ != limit_) return Halt(Stop::kNotUtf8);  // a character cut short by the end
    std::memset(limit_, 0, kTerminator);
    return;
  }
  char* read_end = limit_ + got;
  bool ill_formed = false;
  checked_ = WellFormedUtf8Until(checked_, read_end, &ill_formed);
  if (ill_formed) return Halt(Stop::kNotUtf8);
  // From the byte before the piece: a backslash may end the piece before.
  char* scan_from = limit_ == begin_ ? limit_ : limit_ - 1;
  may_escape_ = may_escape_ || MayHoldUnicodeEscape(scan_from, static_cast<size_t>(read_end - scan_from));
  limit_ = read_end;
  *limit_ = '\0';  // within the buffer: the terminator's bytes follow the capacity
}


void TextSource::Halt(Stop why) {
  stop_ = why;
  done_ = true;
  std::memset(limit_, 0, kTerminator);
}


char* TextSource::PageUp(char* at) {
  static const auto page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
  return reinterpret_cast<char*>((reinterpret_cast<uintptr_t>(at) + page - 1) & ~(page - 1));
}


}  // namespace aikg::internal
