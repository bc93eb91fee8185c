// The text of a JSON parse and RapidJSON's way through it, shared by JsonInput (json_input.h)
// and the load benchmark's parse floor, which must read and parse exactly as the loader does.
//
// A text is parsed in place (RapidJSON's insitu mode) from one buffer: TextSource fills it, whole
// or a piece at a time from a file, and TextStream is the input stream RapidJSON reads it through.

#ifndef AIKG_INTERNAL_JSON_TEXT_H_
#define AIKG_INTERNAL_JSON_TEXT_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <utility>
#include <vector>

#include <rapidjson/reader.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace aikg::internal {

// The NUL bytes after a text parsed in place. One would end it; RapidJSON 1.1.0's UTF-8
// validation takes a multi-byte sequence's continuation bytes without looking for the end, so a
// text ending in a truncated sequence made it read up to three bytes past a single NUL (found by
// the jgf_import fuzzer).
inline constexpr size_t kTerminator = 4;

// Memory of `bytes` (at least kOwnMappingBytes) mapped on its own, and unmapping it.
void* MapOwnPages(size_t bytes);
void UnmapOwnPages(void* at, size_t bytes);

// Leaves the chars of a resize uninitialized: a file's text is read over them at once, and
// zeroing hundreds of megabytes first cost a twentieth of a load. Buffers of kOwnMappingBytes
// or more are mapped on their own, not taken from malloc: the parse may move their pages
// (TextSource), which only the owner of a mapping may do.
inline constexpr size_t kOwnMappingBytes = size_t{1} << 20;
template <typename T>
struct UninitializedAllocator : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = UninitializedAllocator<U>;
  };
  UninitializedAllocator() = default;
  template <typename U>
  UninitializedAllocator(const UninitializedAllocator<U>&) {}
  T* allocate(size_t n) {
    if (n * sizeof(T) >= kOwnMappingBytes) return static_cast<T*>(MapOwnPages(n * sizeof(T)));
    return std::allocator<T>::allocate(n);
  }
  void deallocate(T* at, size_t n) {
    if (n * sizeof(T) >= kOwnMappingBytes) return UnmapOwnPages(at, n * sizeof(T));
    std::allocator<T>::deallocate(at, n);
  }
  template <typename U>
  void construct(U* at) noexcept {
    ::new (static_cast<void*>(at)) U;
  }
  template <typename U, typename... Args>
  void construct(U* at, Args&&... args) {
    ::new (static_cast<void*>(at)) U(std::forward<Args>(args)...);
  }
};
using TextBuffer = std::vector<char, UninitializedAllocator<char>>;

// How every text is parsed: in place, numbers handed over as their text (see CheckingHandler),
// with RapidJSON's validation of UTF-8 added for a text that is not UTF-8.
inline constexpr unsigned kTextParseFlags =
    rapidjson::kParseFullPrecisionFlag | rapidjson::kParseInsituFlag | rapidjson::kParseNumbersAsStringsFlag;

// Where the text of a parse comes from. Its bytes are in one buffer, which the parse rewrites in
// place (unescaped strings, their ends marked by NULs), followed by kTerminator NULs. They are
// all there before the parse (a string, a pipe's text), or read from a file a piece at a time,
// into that buffer just ahead of the parse, as the parse reaches the end of what was read: then
// each piece is parsed while it is still in the processor's cache, and, as the text behind the
// parse is given back (kStreamAndDropText), the text never stands whole in memory. Reading the
// whole file first cost a tenth of a load: copying it out of the page cache into 259 MB of
// fresh pages, each faulted in and zeroed first.
//
// The end of what was read is marked by a NUL byte, which the stream (TextStream) looks past
// only when it meets a NUL: RapidJSON reads every byte through Peek before it takes it, so it
// never reads the bytes not read yet.
//
// The checks made on a whole text before its parse are made on each piece as it comes: whether
// it is well-formed UTF-8 (else RapidJSON checks the encoding itself, string by string, which
// cost a tenth of a load), and whether it may hold a \u escape (from which alone a lone
// surrogate gets into well-formed UTF-8 text). A file is found not to be UTF-8 only in the piece
// that shows it: the reading stops there, and the parse with it (a text that is no UTF-8 is no
// JSON either); the text is then parsed again whole, with RapidJSON's check, to say where.
class TextSource {
 public:
  // Why the reading of a file stopped before its end.
  enum class Stop : uint8_t { kNone, kNotUtf8, kChanged, kUnreadable };

  // The whole text: `length` bytes at `text`, followed by kTerminator NULs.
  TextSource(char* text, size_t length);
  // The file open as `fd` (a regular file of `size` bytes, read from its start), read into
  // `buffer`, which must hold `size` + kTerminator bytes. Call Start before the parse.
  TextSource(int fd, TextBuffer& buffer, size_t size)
      : begin_(buffer.data()),
        limit_(begin_),
        capacity_end_(begin_ + size),
        checked_(begin_),
        // Only pages of a mapping the buffer owns may be moved (see UninitializedAllocator).
        mapping_end_(buffer.capacity() >= kOwnMappingBytes ? begin_ + buffer.capacity() : nullptr),
        recycled_end_(begin_),
        fd_(fd) {}

  // Reads the first piece, and skips a UTF-8 byte order mark at its start (see
  // DropByteOrderMark). Offsets in the text count from after it.
  void Start();

  char* begin() const { return begin_; }
  // The bytes read so far: the whole text once the parse reached its end.
  size_t length() const { return static_cast<size_t>(limit_ - begin_); }
  // The most the text may hold (its size when the reading began).
  size_t capacity() const { return static_cast<size_t>(capacity_end_ - begin_); }
  const char* expected_end() const { return capacity_end_; }
  // The end of the buffer: bytes before it may be loaded (not used) past the end of what was read.
  const char* buffer_end() const { return capacity_end_ + kTerminator; }
  Stop stop() const { return stop_; }
  // Whether RapidJSON must check the encoding: a whole text that is no UTF-8, parsed to say where.
  bool validate() const { return validate_; }
  // Whether strings must be checked for lone surrogates: the text read so far may hold a \u escape.
  bool check_surrogates() const { return may_escape_; }

  // Called by the stream at a NUL byte `at`: when it marks the end of what was read, reads the
  // next piece. Returns the byte at `at` (NUL at the end of the text, or when the reading stopped).
  [[gnu::noinline]] char At(char* at) {
    if (at == limit_ && !done_) Read();
    return *at;
  }

  // Gives back the memory of the text between `begin` and `end` (whole pages, behind the parse),
  // which is never read again. While the file is read into a mapping of its own, the pages move
  // to where the next pieces will be read: reading into fresh pages faulted each in and zeroed
  // it first, two thirds of the time of reading the file. The range they leave stays mapped,
  // empty (MREMAP_DONTUNMAP, Linux 5.7), so that no other mapping can be placed in it before the
  // buffer is unmapped whole. Returns false when the text stays.
  bool GiveBack(char* begin, char* end);

 private:
  static constexpr size_t kByteOrderMarkSize = 3;
  // Small enough that a piece is still in the level-2 cache when it is parsed; big enough that
  // the calls of read cost next to nothing.
  static constexpr size_t kPiece = size_t{128} << 10;

  // Reads the next piece after `limit_` and marks its end.
  void Read();

  // Stops the reading: the parse meets the end of the text at `limit_`, and fails or stops there.
  void Halt(Stop why);

  static char* PageUp(char* at);

  char* begin_;
  char* limit_;  // the end of what was read: a NUL stands there
  char* capacity_end_;
  const char* checked_;  // the end of the text found well-formed UTF-8 (up to a character cut short)
  char* mapping_end_ = nullptr;   // of the buffer's own mapping, when it has one
  char* recycled_end_ = nullptr;  // pages moved ahead of the reading stand up to here
  int fd_ = -1;
  bool recycling_ = true;  // whether pages given back may still move ahead
  bool done_ = false;  // nothing more to read
  bool validate_ = false;
  bool may_escape_ = false;
  Stop stop_ = Stop::kNone;
};

// RapidJSON's input stream for a parse in place of a TextSource's text: InsituStringStream's
// members, but a NUL met by Peek asks the source whether the text goes on.
struct TextStream {
  using Ch = char;

  explicit TextStream(TextSource& source) : src_(source.begin()), head_(source.begin()), source_(&source) {}

  // Inlined, as RapidJSON's own streams are: its loops call it for every byte.
  RAPIDJSON_FORCEINLINE Ch Peek() {
    Ch c = *src_;
    if (RAPIDJSON_UNLIKELY(c == '\0')) c = source_->At(src_);
    return c;
  }
  RAPIDJSON_FORCEINLINE Ch Take() { return *src_++; }
  size_t Tell() const { return static_cast<size_t>(src_ - head_); }

  Ch* PutBegin() { return dst_ = src_; }
  void Put(Ch c) { *dst_++ = c; }
  size_t PutEnd(Ch* begin) { return static_cast<size_t>(dst_ - begin); }
  // Not called by the reader.
  void Flush() {}
  Ch* Push(size_t count) {
    Ch* begin = dst_;
    dst_ += count;
    return begin;
  }
  void Pop(size_t count) { dst_ -= count; }

  Ch* src_;
  Ch* dst_ = nullptr;
  Ch* head_;
  TextSource* source_;
};

// RapidJSON's loops over whitespace and over the plain characters of a string, for a TextStream:
// they look for the end of what was read only where they meet a NUL, rather than at every byte
// (through Peek), which made the parse a tenth slower.
//
// SkipWhitespace is found by argument-dependent lookup, and taken over RapidJSON's template.
inline RAPIDJSON_FORCEINLINE void SkipWhitespace(TextStream& stream) {
  char* at = stream.src_;
  while (true) {
    char c = *at;
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      ++at;
    } else if (c != '\0' || stream.source_->At(at) == '\0') {
      break;
    }
  }
  stream.src_ = at;
}

// Whether a byte ends the plain run of a string: its closing quote, an escape, or a control
// character (a NUL among them, which may mark the end of what was read).
inline constexpr std::array<bool, 256> kEndsPlainRun = [] {
  std::array<bool, 256> ends = {};
  for (int c = 0; c < 0x20; ++c) ends[c] = true;
  ends['"'] = ends['\\'] = true;
  return ends;
}();

}  // namespace aikg::internal

// The plain characters of a string parsed in place move to where the string's text is written
// (the same place until an escape was met); RapidJSON's loop then reads what ended the run.
template <>
template <>
inline void rapidjson::GenericReader<rapidjson::UTF8<>, rapidjson::UTF8<>, rapidjson::CrtAllocator>::
    ScanCopyUnescapedString(aikg::internal::TextStream& is, aikg::internal::TextStream& os) {
  char* from = is.src_;
  char* at = from;
  bool found = false;
#if defined(__SSE2__)
  // Sixteen bytes at a time (x86-64's baseline), while a load stays inside the buffer. The run
  // ends at or before the NUL that ends what was read, so bytes loaded past it are never used.
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), last_control = _mm_set1_epi8(0x1F);
  for (const char* end = is.source_->buffer_end(); !found && end - at >= 16;) {
    __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
    __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(bytes, last_control), bytes);  // unsigned bytes <= 0x1F
    __m128i ends = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)), control);
    if (unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(ends)); mask != 0) {
      at += __builtin_ctz(mask);
      found = true;
    } else {
      at += 16;
    }
  }
#endif
  if (!found) {
    while (!aikg::internal::kEndsPlainRun[static_cast<unsigned char>(*at)]) ++at;
  }
  auto length = static_cast<size_t>(at - from);
  if (os.dst_ != from) std::memmove(os.dst_, from, length);
  os.dst_ += length;
  is.src_ = at;
}

// Without comments (kParseCommentsFlag), RapidJSON's step over what separates tokens is the
// whitespace loop alone: inlined, rather than a call between every two tokens (6 % of a load).
template <>
template <>
inline RAPIDJSON_FORCEINLINE void
rapidjson::GenericReader<rapidjson::UTF8<>, rapidjson::UTF8<>, rapidjson::CrtAllocator>::SkipWhitespaceAndComments<
    aikg::internal::kTextParseFlags, aikg::internal::TextStream>(aikg::internal::TextStream& is) {
  aikg::internal::SkipWhitespace(is);
}

// Copied by RapidJSON's parse functions into locals (held in registers), like InsituStringStream;
// without it RapidJSON's in-place number text would start where the number ends.
template <>
struct rapidjson::StreamTraits<aikg::internal::TextStream> {
  enum { copyOptimization = 1 };
};

#endif  // AIKG_INTERNAL_JSON_TEXT_H_
