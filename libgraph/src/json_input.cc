#include "internal/json_input.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <rapidjson/error/en.h>

#include "absl/strings/charconv.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "internal/cat.h"
#include "internal/check.h"

namespace aikg::internal {
namespace {

std::string_view TypeName(const rapidjson::Value& value) {
  switch (value.GetType()) {
    case rapidjson::kNullType: return "null";
    case rapidjson::kFalseType:
    case rapidjson::kTrueType: return "a boolean";
    case rapidjson::kObjectType: return "an object";
    case rapidjson::kArrayType: return "an array";
    case rapidjson::kStringType: return "a string";
    case rapidjson::kNumberType: return "a number";
  }
  return "a value";
}


// Why a file could not be read, for the diagnostic.
enum class ReadFailure { kNone, kUnreadable, kDirectory };

// Reads a file into `out`. Reads until the end rather than trusting the size the file system
// reports: pipes, /proc files and character devices have none, and a directory's "size" is no
// size of text. The reported size of a regular file only sizes the buffer, so big files are
// read in one piece.
template <typename Buffer>
ReadFailure ReadWholeFile(const std::filesystem::path& path, Buffer& out) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) return ReadFailure::kDirectory;
  std::ifstream in(path, std::ios::binary);
  if (!in) return ReadFailure::kUnreadable;
  size_t expected = 0;
  if (std::filesystem::is_regular_file(path, error)) {
    uintmax_t size = std::filesystem::file_size(path, error);
    if (!error) expected = static_cast<size_t>(size);
  }
  constexpr size_t kChunk = size_t{1} << 16;
  size_t filled = 0;
  // More than expected, so that the end is seen, and the terminator added, without growing the
  // buffer (growing would copy the whole text: three times its size at once).
  out.resize(expected + kTerminator);
  while (true) {
    in.read(out.data() + filled, static_cast<std::streamsize>(out.size() - filled));
    filled += static_cast<size_t>(in.gcount());
    if (!in) break;
    out.resize(std::max(out.size() * 2, filled + kChunk));
  }
  if (in.bad()) return ReadFailure::kUnreadable;
  out.resize(filled);
  return ReadFailure::kNone;
}

// The deepest nesting of arrays and objects accepted. aikg's formats nest a few levels; the cap
// keeps RapidJSON's recursive parser (one stack frame per level) far from the end of the stack,
// and every reader of the document after it.
constexpr int kMaxDepth = 256;

// Routes a document's SAX events. Those of an element of a top-level array that the streamer
// takes go to the streamer's reader of that array, or else build a DOM of that element alone,
// handed to the streamer as soon as it is complete; all others build the document. The element
// DOM's memory pool keeps its first block (on the stack here) from element to element, so a
// stream of small elements allocates next to nothing.
class ElementRouter {
 public:
  // `top_level_strings` (may be null) collects the root object's string members; `streamed` is
  // set once an array is streamed.
  ElementRouter(JsonInput& input, ArrayStreamer* streamer, rapidjson::Document& document,
                std::vector<std::pair<std::string_view, std::string_view>>* top_level_strings, bool* streamed)
      : input_(input),
        streamer_(streamer),
        document_(document),
        top_level_strings_(top_level_strings),
        streamed_(streamed) {}

  rapidjson::Document& document() { return document_; }

  // Each event goes to `to`, which is the document, the element DOM or the element reader
  // (whose calls return nothing).
  bool Null() { return Value([](auto& to) { return to.Null(); }); }
  bool Bool(bool b) { return Value([b](auto& to) { return to.Bool(b); }); }
  bool Int(int i) { return Value([i](auto& to) { return to.Int(i); }); }
  bool Uint(unsigned u) { return Value([u](auto& to) { return to.Uint(u); }); }
  bool Int64(int64_t i) { return Value([i](auto& to) { return to.Int64(i); }); }
  bool Uint64(uint64_t u) { return Value([u](auto& to) { return to.Uint64(u); }); }
  bool Double(double x) { return Value([x](auto& to) { return to.Double(x); }); }
  bool String(const char* text, rapidjson::SizeType length, bool copy) {
    if (depth_ == 1 && root_is_object_ && top_level_strings_ != nullptr) {
      top_level_strings_->emplace_back(key_, std::string_view(text, length));
    }
    return Value([&](auto& to) { return to.String(text, length, copy); });
  }
  bool Key(const char* text, rapidjson::SizeType length, bool copy) {
    if (depth_ == 1) key_ = std::string_view(text, length);  // in place: stays valid
    return Inside([&](auto& to) { return to.Key(text, length, copy); });
  }
  bool StartObject() {
    if (depth_++ == 0) root_is_object_ = true;
    return Inside([](auto& to) { return to.StartObject(); });
  }
  // The stream the events come from, for where elements end, and where its text ends.
  void Watch(const TextStream& stream, const char* end) {
    stream_ = &stream;
    text_end_ = end;
    // Each give-back may split the buffer's mapping in three (TextSource::GiveBack moves pages):
    // a bounded number of them keeps a text of any size far below the system's limit on mappings
    // (65 530 by default), which every later allocation of the process shares.
    drop_step_ = std::max(kDropStep, static_cast<uintptr_t>(end - stream.head_) / kMaxDrops);
  }

  bool StartArray() {
    if (depth_++ == 1 && root_is_object_ && streamer_ != nullptr) {
      if (ArrayUse use = streamer_->StreamArray(input_, key_); use != ArrayUse::kKeep) {
        streaming_ = true;
        *streamed_ = true;
        array_name_ = key_;
        reader_ = streamer_->ReaderOf(key_);
        index_ = 0;
        array_start_ = stream_ != nullptr ? stream_->src_ : nullptr;
        estimate_at_ = kEstimateAfter;
        // Whole pages after the '[' only: the member's name before it stays in the document.
        dropped_until_ = use == ArrayUse::kStreamAndDropText && stream_ != nullptr ? PageUp(stream_->src_) : nullptr;
        return document_.StartArray() && document_.EndArray(0);  // stands empty in the document
      }
    }
    return Inside([](auto& to) { return to.StartArray(); });
  }
  bool EndObject(rapidjson::SizeType members) {
    --depth_;
    return Value([members](auto& to) { return to.EndObject(members); });
  }
  bool EndArray(rapidjson::SizeType elements) {
    --depth_;
    if (streaming_ && depth_ == 1) {  // the streamed array itself
      streaming_ = false;
      streamer_->Flush(array_name_);
      // Its last pages too: they would stand beside the graph until the whole parse ends.
      if (dropped_until_ != nullptr) DropTextBehind(0);
      dropped_until_ = nullptr;
      return true;
    }
    return Value([elements](auto& to) { return to.EndArray(elements); });
  }

 private:
  // An event that opens a value or names a member: the element's, or the document's.
  template <typename Event>
  bool Inside(Event event) {
    if (!streaming_) return event(document_);
    if (reader_ != nullptr) {
      event(*reader_);
      return true;
    }
    return event(element_);
  }

  // An event that ends a value: part of an element, or the end of an element, or part of the document.
  template <typename Event>
  bool Value(Event event) {
    if (!streaming_) return event(document_);
    if (reader_ != nullptr) {
      event(*reader_);
    } else if (!event(element_)) {
      return false;
    }
    return depth_ != 2 || ElementDone();
  }

  bool ElementDone() {
    if (reader_ != nullptr) {
      reader_->End(input_, index_++);
    } else {
      // The element's value is the one value on the element DOM's stack: Populate moves it to
      // the root (and has nothing more to generate).
      auto nothing_more = [](rapidjson::Document&) { return true; };
      element_.Populate(nothing_more);
      streamer_->Element(input_, array_name_, index_++, element_);
      element_.SetNull();
      pool_.Clear();
    }
    if (index_ == estimate_at_ && array_start_ != nullptr) EstimateMore();
    if (dropped_until_ != nullptr) DropTextBehind(drop_step_);
    return true;
  }

  // Tells the streamer how many more elements the text left holds, at the size of those taken so
  // far, and when to estimate again (if the estimate runs out). Elements are taken to be at least
  // kMinElementBytes, so that many tiny ones ahead of much other text do not have room made for
  // millions; an estimate that ran out grows by an eighth at least, so that one too small each
  // time still makes the storage grow geometrically.
  void EstimateMore() {
    double mean = std::max(static_cast<double>(stream_->src_ - array_start_) / index_, kMinElementBytes);
    auto more = static_cast<size_t>(static_cast<double>(text_end_ - stream_->src_) / mean);
    if (index_ > kEstimateAfter) more = std::max<size_t>(more, index_ / 8);
    streamer_->ExpectMore(array_name_, more);
    estimate_at_ = index_ + std::max<size_t>(more, 1);
  }

  static char* PageUp(char* at) {
    auto address = reinterpret_cast<uintptr_t>(at);
    return reinterpret_cast<char*>((address + kPage - 1) & ~(kPage - 1));
  }

  // Gives back the whole pages of text between `dropped_until_` and the end of the element just
  // taken, once they are at least `step` bytes. The buffer stays allocated; its dropped pages read
  // as zeros.
  void DropTextBehind(uintptr_t step) {
#if defined(__linux__)
    auto end = reinterpret_cast<uintptr_t>(stream_->src_) & ~(kPage - 1);
    auto begin = reinterpret_cast<uintptr_t>(dropped_until_);
    if (end <= begin || end - begin < step) return;
    streamer_->Flush(array_name_);  // it may still hold strings of the last elements
    if (stream_->source_->GiveBack(dropped_until_, reinterpret_cast<char*>(end))) {
      dropped_until_ = reinterpret_cast<char*>(end);
    } else {
      dropped_until_ = nullptr;  // not possible here: keep the text
    }
#endif
  }

  static constexpr uintptr_t kPage = 4096;  // a multiple of the page size is enough
  // Elements of a streamed array taken before its length is estimated: enough that their mean
  // size is within a fraction of a percent of the array's, few enough that the storage grown for
  // them until then is small.
  static constexpr size_t kEstimateAfter = size_t{1} << 14;
  static constexpr double kMinElementBytes = 64;
  // A megabyte at a time: what stands of the text behind the parse stays small beside the graph
  // (a load's peak memory), for a few hundred calls of madvise a gigabyte.
  static constexpr uintptr_t kDropStep = uintptr_t{1} << 20;
  static constexpr uintptr_t kMaxDrops = 1024;  // a gigabyte at kDropStep; bigger texts take bigger steps

  JsonInput& input_;
  ArrayStreamer* streamer_;
  rapidjson::Document& document_;
  std::vector<std::pair<std::string_view, std::string_view>>* top_level_strings_;
  bool* streamed_;
  int depth_ = 0;  // containers open before the current event
  bool root_is_object_ = false;
  std::string_view key_;  // the root object's member being read
  bool streaming_ = false;
  std::string_view array_name_;
  ElementReader* reader_ = nullptr;  // of the streamed array's elements, or null for a DOM of each
  uint32_t index_ = 0;
  const char* array_start_ = nullptr;  // where the streamed array's text starts
  size_t estimate_at_ = 0;             // the element count at which to estimate the rest
  const TextStream* stream_ = nullptr;
  const char* text_end_ = nullptr;
  char* dropped_until_ = nullptr;  // where the text not yet given back starts, when it is given back
  uintptr_t drop_step_ = kDropStep;  // the least text given back at a time (see Watch)
  alignas(8) char pool_block_[16 << 10];
  rapidjson::MemoryPoolAllocator<> pool_{pool_block_, sizeof pool_block_};
  rapidjson::Document element_{&pool_};
};

// Forwards RapidJSON's SAX events to a router (and so to the DOMs), refusing what RapidJSON 1.1.0 lets through:
// nesting deeper than kMaxDepth, strings holding a lone UTF-16 surrogate (from a "\\udc00"
// escape, which RapidJSON encodes as if it were a character), and numbers out of the range of a
// double (which its full-precision path turns into garbage). A refusal stops the parse and says
// what and where.
class CheckingHandler {
 public:
  // Strings are checked for lone surrogates once `source` may hold a \u escape, from which alone
  // one can come (a text that is not well-formed UTF-8 is always checked).
  CheckingHandler(const TextStream& stream, ElementRouter& router, const TextSource& source)
      : stream_(stream), target_(&router), source_(source) {}
  // Why the parse was stopped (null when RapidJSON stopped it), and where.
  const char* refusal() const { return refusal_; }
  const char* refusal_place() const { return refusal_place_; }

  bool Null() { return target_->Null(); }
  bool Bool(bool b) { return target_->Bool(b); }
  bool Int(int i) { return target_->Int(i); }
  bool Uint(unsigned u) { return target_->Uint(u); }
  bool Int64(int64_t i) { return target_->Int64(i); }
  bool Uint64(uint64_t u) { return target_->Uint64(u); }
  bool Double(double d) { return target_->Double(d); }
  // Numbers come as their text (kParseNumbersAsStringsFlag), given the types RapidJSON would
  // give them: RapidJSON 1.1.0's full-precision path turns some numbers too big for a double
  // into garbage (1.7976931348623157e309 into -5.56e-308), and its callback cannot see the text.
  bool RawNumber(const char* text, rapidjson::SizeType length, bool /*copy*/) {
    absl::string_view number(text, length);
    if (number.find_first_of(".eE") == absl::string_view::npos) {
      if (number.front() == '-') {
        if (int64_t value = 0; absl::SimpleAtoi(number, &value)) {
          return value >= std::numeric_limits<int32_t>::min() ? target_->Int(static_cast<int>(value))
                                                               : target_->Int64(value);
        }
      } else if (uint64_t value = 0; absl::SimpleAtoi(number, &value)) {
        return value <= std::numeric_limits<uint32_t>::max() ? target_->Uint(static_cast<unsigned>(value))
                                                              : target_->Uint64(value);
      }
    }
    // A double, correctly rounded like RapidJSON's full precision. Out of range either way is an
    // error: too big would be infinite, too small (below the smallest subnormal) would silently
    // become zero.
    double value = 0;
    if (absl::from_chars(text, text + length, value).ec == std::errc::result_out_of_range) {
      return Refuse(DecimalMagnitude(text, text + length) >= 0
                        ? "Number too big to be stored in double."
                        : "Number too small to be stored in double (it would become 0).",
                    text);
    }
    return target_->Double(value);
  }
  bool String(const char* text, rapidjson::SizeType length, bool copy) {
    if (source_.check_surrogates() && !NoSurrogates(text, length)) return false;
    return target_->String(text, length, copy);
  }
  bool Key(const char* text, rapidjson::SizeType length, bool copy) {
    if (source_.check_surrogates() && !NoSurrogates(text, length)) return false;
    return target_->Key(text, length, copy);
  }
  bool StartObject() { return Deeper() && target_->StartObject(); }
  bool EndObject(rapidjson::SizeType members) {
    --depth_;
    return target_->EndObject(members);
  }
  bool StartArray() { return Deeper() && target_->StartArray(); }
  bool EndArray(rapidjson::SizeType elements) {
    --depth_;
    return target_->EndArray(elements);
  }

 private:
  // Called just after '{' or '[' was read.
  bool Deeper() {
    if (++depth_ <= kMaxDepth) return true;
    return Refuse("arrays and objects nested deeper than 256 levels", stream_.src_ - 1);
  }

  // A string as parsed in place starts just after its opening quote. UTF-8 for U+D800..U+DFFF
  // is ED A0..BF xx; valid UTF-8 never holds it, so any is a lone surrogate from an escape.
  bool NoSurrogates(const char* text, rapidjson::SizeType length) {
    if (!HoldsByteED(text, length)) return true;  // the common case, without a call per string
    const void* found = std::memchr(text, '\xED', length);
    while (found != nullptr) {
      const char* at = static_cast<const char*>(found);
      if (at + 1 < text + length && (static_cast<unsigned char>(at[1]) & 0xE0) == 0xA0) {
        return Refuse("a lone UTF-16 surrogate (\\ud800 to \\udfff without its pair) in a string", text - 1);
      }
      found = std::memchr(at + 1, '\xED', static_cast<size_t>(text + length - at - 1));
    }
    return true;
  }

  // Whether `text` holds the byte 0xED, looked for 8 bytes at a time: most strings and member
  // names are short, and a call of memchr for each took a tenth of a load.
  static bool HoldsByteED(const char* text, size_t length) {
    constexpr uint64_t kOnes = 0x0101010101010101, kHighBits = 0x8080808080808080;
    size_t i = 0;
    for (; i + 8 <= length; i += 8) {
      uint64_t word;
      std::memcpy(&word, text + i, 8);
      word ^= 0xED * kOnes;  // a zero byte where an 0xED was
      if (((word - kOnes) & ~word & kHighBits) != 0) return true;
    }
    for (; i < length; ++i) {
      if (static_cast<unsigned char>(text[i]) == 0xED) return true;
    }
    return false;
  }

  // About log10 of the number's size: positive when it is big, negative when it is small.
  static long DecimalMagnitude(const char* start, const char* end) {
    const char* at = start;
    if (at < end && *at == '-') ++at;
    long integer_digits = 0, leading_fraction_zeros = 0;
    bool nonzero = false;
    for (; at < end && *at >= '0' && *at <= '9'; ++at) {
      nonzero = nonzero || *at != '0';
      if (nonzero) ++integer_digits;
    }
    if (at < end && *at == '.') {
      for (++at; at < end && *at >= '0' && *at <= '9'; ++at) {
        if (!nonzero && *at == '0') ++leading_fraction_zeros;
        nonzero = nonzero || *at != '0';
      }
    }
    long exponent = 0;
    if (at < end && (*at == 'e' || *at == 'E')) {
      ++at;
      bool negative = at < end && *at == '-';
      if (at < end && (*at == '-' || *at == '+')) ++at;
      // Capped: RapidJSON refuses longer exponents itself.
      for (; at < end && *at >= '0' && *at <= '9' && exponent < 100000000; ++at) exponent = exponent * 10 + (*at - '0');
      if (negative) exponent = -exponent;
    }
    return (integer_digits > 0 ? integer_digits : -leading_fraction_zeros) + exponent;
  }

  bool Refuse(const char* why, const char* place) {
    refusal_ = why;
    refusal_place_ = place;
    return false;
  }

  const TextStream& stream_;
  ElementRouter* target_;
  const TextSource& source_;
  int depth_ = 0;
  const char* refusal_ = nullptr;
  const char* refusal_place_ = nullptr;
};

// The UTF-8 byte order mark. The formats are UTF-8 and some editors start files with it; it is
// skipped, and columns count from after it, as the editors that write it show none.
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

template <typename Text>
void DropByteOrderMark(Text& text) {
  if (std::string_view(text.data(), text.size()).substr(0, 3) == kByteOrderMark) {
    text.erase(text.begin(), text.begin() + kByteOrderMark.size());
  }
}

// Scanning valid JSON text (the document parsed), to find where values that hold no string of
// the buffer start. Each takes and returns an offset in `text`.
size_t SkipSpace(std::string_view text, size_t pos) {
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n' || text[pos] == '\r')) {
    ++pos;
  }
  return pos;
}

// From a string's opening quote to just after its closing one.
size_t SkipString(std::string_view text, size_t pos) {
  for (++pos; pos < text.size() && text[pos] != '"'; ++pos) {
    if (text[pos] == '\\') ++pos;
  }
  return std::min(pos + 1, text.size());
}

// From a value's first character to just after its last.
size_t SkipValue(std::string_view text, size_t pos) {
  if (pos >= text.size()) return pos;
  if (text[pos] == '"') return SkipString(text, pos);
  if (text[pos] == '{' || text[pos] == '[') {
    int depth = 0;
    while (pos < text.size()) {
      char c = text[pos];
      if (c == '"') {
        pos = SkipString(text, pos);
        continue;
      }
      if (c == '{' || c == '[') {
        ++depth;
      } else if ((c == '}' || c == ']') && --depth == 0) {
        return pos + 1;
      }
      ++pos;
    }
    return pos;
  }
  while (pos < text.size() && std::string_view(",]} \t\n\r").find(text[pos]) == std::string_view::npos) ++pos;
  return pos;
}

// One JSON pointer token unescaped (~1 → /, ~0 → ~).
std::string UnescapePointerToken(std::string_view token) {
  std::string out;
  for (size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
      out.push_back(token[++i] == '0' ? '~' : '/');
    } else {
      out.push_back(token[i]);
    }
  }
  return out;
}

// An entity attribute's JSON value (string, boolean, integer or number); nullopt otherwise.
std::optional<AttributeValue> ReadAttributeValue(const rapidjson::Value& value) {
  if (value.IsString()) return AttributeValue(View(value));
  if (value.IsBool()) return AttributeValue(value.GetBool());
  if (value.IsInt64()) return AttributeValue(value.GetInt64());
  if (value.IsNumber()) return AttributeValue(value.GetDouble());
  return std::nullopt;
}

// How an in-place parse ended.
struct InPlaceParse {
  rapidjson::ParseResult result;
  const char* refusal = nullptr;  // why the checks stopped it (null when RapidJSON did)
  const char* refusal_place = nullptr;
  size_t end = 0;  // offset where it stopped
};

// Parses the text of `source` in place into `router`'s document and streamer.
InPlaceParse ParseInPlace(TextSource& source, ElementRouter& router) {
  InPlaceParse parse;
  TextStream stream(source);
  // RapidJSON's check of the encoding, string by string, took a tenth of a load; the source
  // checks it faster. It stays on for text that is not UTF-8, so as to say where.
  bool validate = source.validate();
  CheckingHandler handler(stream, router, source);
  router.Watch(stream, source.expected_end());
  auto generate = [&](rapidjson::Document&) {
    rapidjson::Reader reader;
    parse.result = validate ? reader.Parse<kTextParseFlags | rapidjson::kParseValidateEncodingFlag>(stream, handler)
                            : reader.Parse<kTextParseFlags>(stream, handler);
    return !parse.result.IsError();
  };
  router.document().Populate(generate);
  parse.refusal = handler.refusal();
  parse.refusal_place = handler.refusal_place();
  parse.end = stream.Tell();
  return parse;
}

}  // namespace


std::string EscapePointerToken(std::string_view token) {
  std::string out;
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string JsonPath::ToPointer() const {
  std::vector<const JsonPath*> chain;
  for (const JsonPath* step = this; step != nullptr && step->parent != nullptr; step = step->parent) {
    chain.push_back(step);
  }
  std::string pointer;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    pointer.push_back('/');
    if ((*it)->is_index) {
      pointer += std::to_string((*it)->index);
    } else {
      pointer += EscapePointerToken((*it)->member);
    }
  }
  return pointer;
}

JsonInput::JsonInput(std::string label, std::filesystem::path path, std::vector<Diagnostic>& diagnostics)
    : label_(std::move(label)), path_(std::move(path)), diagnostics_(&diagnostics) {}

std::unique_ptr<JsonInput> JsonInput::FromFile(const std::filesystem::path& path,
                                               std::vector<Diagnostic>& diagnostics, ArrayStreamer* streamer) {
  std::unique_ptr<JsonInput> input(new JsonInput(path.string(), path, diagnostics));
  // A regular file of known size is read a piece at a time as the parse goes (see TextSource);
  // it is read again if a problem needs its line:column. Opened without waiting, in case the
  // path names a pipe after all: that is read whole below, as is anything but a regular file.
  std::error_code error;
  if (std::filesystem::is_regular_file(path, error)) {
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat info = {};
    if (fd >= 0 && fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0) {
      auto size = static_cast<size_t>(info.st_size);
      input->reread_original_ = true;
      input->buffer_.resize(size + kTerminator);
      TextSource source(fd, input->buffer_, size);
      source.Start();
      input->buffer_.resize(source.capacity() + kTerminator);  // less a byte order mark skipped
      bool parsed = input->Parse(streamer, source);
      close(fd);
      if (!parsed) return nullptr;
      return input;
    }
    if (fd >= 0) close(fd);
  }
  if (ReadFailure failure = ReadWholeFile(path, input->buffer_); failure != ReadFailure::kNone) {
    Diagnostic unreadable;
    unreadable.file = path.string();
    unreadable.message = failure == ReadFailure::kDirectory ? "is a directory, not a file" : "cannot read the file";
    diagnostics.push_back(std::move(unreadable));
    return nullptr;
  }
  DropByteOrderMark(input->buffer_);
  // The text of a regular file is read again if a problem needs its line:column; a pipe's is
  // gone once read (and opening it again would wait for a writer), so it is kept.
  input->reread_original_ = std::filesystem::is_regular_file(path, error);
  if (!input->reread_original_) input->original_.assign(input->buffer_.begin(), input->buffer_.end());
  if (!input->ParseWhole(streamer)) return nullptr;
  return input;
}

std::unique_ptr<JsonInput> JsonInput::FromString(std::string_view text, std::string label,
                                                 std::vector<Diagnostic>& diagnostics, ArrayStreamer* streamer) {
  std::unique_ptr<JsonInput> input(new JsonInput(std::move(label), {}, diagnostics));
  if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark) text.remove_prefix(kByteOrderMark.size());
  input->original_ = std::string(text);
  input->buffer_.assign(text.begin(), text.end());
  if (!input->ParseWhole(streamer)) return nullptr;
  return input;
}

bool JsonInput::ParseWhole(ArrayStreamer* streamer) {
  size_t text_size = buffer_.size();
  buffer_.resize(text_size + kTerminator, '\0');
  TextSource source(buffer_.data(), text_size);
  return Parse(streamer, source);
}

bool JsonInput::Parse(ArrayStreamer* streamer, TextSource& source) {
  size_t diagnostics_before = diagnostics_->size();
  ElementRouter router(*this, streamer, document_, &top_level_strings_, &streamed_);
  InPlaceParse parse = ParseInPlace(source, router);
  // What was reported about streamed elements of a document that turns out to be no JSON goes:
  // the document gets the one diagnostic it would get if it had been parsed whole first.
  auto invalid = [&](const char* place, std::string_view why) {
    diagnostics_->resize(diagnostics_before);
    AddDiagnostic(place, "", internal::Cat("invalid JSON: ", why));
    return false;
  };
  const char* text = buffer_.data();
  size_t text_size = source.length();
  switch (source.stop()) {
    case TextSource::Stop::kNone:
      buffer_.resize(text_size + kTerminator);  // the file may have ended early
      break;
    case TextSource::Stop::kNotUtf8: {
      // Parsed again whole, with RapidJSON's check of the encoding, which says where. A text
      // that is no UTF-8 is no JSON: the parse fails there or before.
      placing_tried_ = true;  // the placing DOM cannot be had
      const std::string& original = Original();
      placing_buffer_.assign(original.begin(), original.end());
      placing_buffer_.resize(original.size() + kTerminator, '\0');
      TextSource whole(placing_buffer_.data(), original.size());
      rapidjson::Document document;
      ElementRouter checked(*this, nullptr, document, nullptr, nullptr);
      parse = ParseInPlace(whole, checked);
      text = placing_buffer_.data();
      text_size = original.size();
      if (!parse.result.IsError() && parse.end == text_size) return invalid(nullptr, "the file is not UTF-8");
      break;
    }
    case TextSource::Stop::kChanged:
    case TextSource::Stop::kUnreadable:
      diagnostics_->resize(diagnostics_before);
      AddDiagnostic(nullptr, "",
                    source.stop() == TextSource::Stop::kChanged ? "the file changed while it was read"
                                                                 : "cannot read the file");
      return false;
  }
  if (parse.result.IsError()) {
    if (parse.refusal != nullptr) return invalid(parse.refusal_place, parse.refusal);
    const char* place = text + parse.result.Offset();
    // One byte order mark at the very start is skipped (DropByteOrderMark); anywhere else, say so.
    if (std::string_view(place, kByteOrderMark.size()) == kByteOrderMark) {
      return invalid(place, "a byte order mark (U+FEFF) may only open the file");
    }
    return invalid(place, rapidjson::GetParseError_En(parse.result.Code()));
  }
  // RapidJSON stops at a NUL byte as at the end of the text: whatever follows one is no JSON.
  if (parse.end != text_size) {
    return invalid(text + parse.end, "a NUL byte after the document, and more input");
  }
  return true;
}

std::optional<std::string_view> JsonInput::TopLevelString(std::string_view name) const {
  for (const auto& [member, value] : top_level_strings_) {
    if (member == name) return value;
  }
  return std::nullopt;
}

const rapidjson::Value* JsonInput::PlacingRoot() {
  if (!streamed_) return &document_;
  if (!placing_tried_) {
    placing_tried_ = true;
    const std::string& text = Original();
    if (text.size() + kTerminator == buffer_.size()) {  // else the file changed since it was parsed
      placing_buffer_.assign(text.begin(), text.end());
      placing_buffer_.resize(text.size() + kTerminator, '\0');
      TextSource source(placing_buffer_.data(), text.size());
      auto document = std::make_unique<rapidjson::Document>();
      ElementRouter router(*this, nullptr, *document, nullptr, nullptr);
      if (!ParseInPlace(source, router).result.IsError()) placing_document_ = std::move(document);
    }
  }
  return placing_document_.get();
}

bool JsonInput::InText(const char* place) const {
  auto in = [place](const TextBuffer& text) {
    return !text.empty() && place >= text.data() && place < text.data() + text.size();
  };
  return in(buffer_) || in(placing_buffer_);
}

const char* JsonInput::PlaceOf(const JsonPath* path, std::string_view pointer, const rapidjson::Value* value) {
  auto in_buffer = [&](const char* p) { return InText(p); };
  // A string is where it starts; a member is where its name is; an object, where its first
  // member name is; failing all that, the deepest value along the pointer that the document has.
  if (value != nullptr && value->IsString() && in_buffer(value->GetString())) return value->GetString() - 1;
  if (path != nullptr && !path->is_index && in_buffer(path->member.data())) return path->member.data() - 1;
  if (value != nullptr && value->IsObject() && value->MemberCount() > 0) {
    const char* name = value->MemberBegin()->name.GetString();
    if (in_buffer(name)) return name - 1;
  }
  return PlaceAlong(pointer);
}

const char* JsonInput::PlaceAlong(std::string_view pointer) {
  const std::string& text = Original();
  if (text.size() + kTerminator != buffer_.size()) return nullptr;  // the file changed since it was parsed
  const rapidjson::Value* value = PlacingRoot();
  if (value == nullptr) return nullptr;
  // Strings of the placing DOM point into the text it was parsed from.
  const char* base = value == &document_ ? buffer_.data() : placing_buffer_.data();
  size_t start = SkipSpace(text, 0);  // where `value` starts
  size_t place = start;
  while (!pointer.empty() && pointer.front() == '/') {
    pointer.remove_prefix(1);
    std::string_view token = pointer.substr(0, pointer.find('/'));
    pointer.remove_prefix(token.size());
    if (value->IsObject()) {
      std::string name = UnescapePointerToken(token);
      // A Value, not a StringRef: that would convert to a C string and be measured by strlen.
      rapidjson::Value key(rapidjson::StringRef(name.data(), static_cast<rapidjson::SizeType>(name.size())));
      auto member = value->FindMember(key);
      if (member == value->MemberEnd()) break;
      const char* quote = member->name.GetString() - 1;
      if (quote < base || quote >= base + text.size()) break;
      place = static_cast<size_t>(quote - base);
      start = SkipSpace(text, SkipString(text, place));
      if (start < text.size() && text[start] == ':') start = SkipSpace(text, start + 1);
      value = &member->value;
    } else if (value->IsArray()) {
      size_t index = 0;
      if (!absl::SimpleAtoi(ToAbsl(token), &index) || index >= value->Size()) break;
      place = start = ElementStart(*value, start, index);
      value = &(*value)[static_cast<rapidjson::SizeType>(index)];
    } else {
      break;
    }
  }
  return base + place;
}

size_t JsonInput::ElementStart(const rapidjson::Value& array, size_t offset, size_t index) {
  auto [found, inserted] = element_starts_.try_emplace(&array);
  std::vector<size_t>& starts = found->second;
  if (inserted) {
    const std::string& text = Original();
    size_t pos = offset + 1;  // past '['
    starts.reserve(array.Size());
    for (rapidjson::SizeType i = 0; i < array.Size(); ++i) {
      pos = SkipSpace(text, pos);
      if (i > 0 && pos < text.size() && text[pos] == ',') pos = SkipSpace(text, pos + 1);
      starts.push_back(pos);
      pos = SkipValue(text, pos);
    }
  }
  return starts[index];
}

const std::string& JsonInput::Original() {
  // The buffer was rewritten by the in-place parse (unescaped strings): read the original text
  // again if it was not kept.
  if (original_.empty() && reread_original_) {
    ReadWholeFile(path_, original_);
    DropByteOrderMark(original_);
  }
  return original_;
}

void JsonInput::AddDiagnostic(const char* place, std::string pointer, std::string_view message) {
  Diagnostic diagnostic;
  diagnostic.file = label_;
  diagnostic.json_pointer = std::move(pointer);
  diagnostic.message = std::string(message);
  if (place != nullptr) {
    const std::string& original = Original();
    // Where lines start, found once: many problems in a large file stay linear.
    if (line_starts_.empty()) {
      line_starts_.push_back(0);
      for (size_t i = 0; i < original.size(); ++i) {
        if (original[i] == '\n') line_starts_.push_back(i + 1);
      }
    }
    bool placing = !placing_buffer_.empty() && place >= placing_buffer_.data() &&
                   place < placing_buffer_.data() + placing_buffer_.size();
    const char* base = placing ? placing_buffer_.data() : buffer_.data();
    size_t offset = std::min<size_t>(place - base, original.size());
    size_t line = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) - line_starts_.begin();
    diagnostic.line = static_cast<int>(line);
    diagnostic.column = static_cast<int>(offset - line_starts_[line - 1]) + 1;
  }
  diagnostics_->push_back(std::move(diagnostic));
}

void JsonInput::Report(const JsonPath& path, const rapidjson::Value* value, std::string_view message) {
  std::string pointer = path.ToPointer();
  const char* place = PlaceOf(&path, pointer, value);
  AddDiagnostic(place, std::move(pointer), message);
}

void JsonInput::ReportValue(std::string pointer, const rapidjson::Value& value, std::string_view message) {
  const char* place = PlaceOf(nullptr, pointer, &value);
  AddDiagnostic(place, std::move(pointer), message);
}

void JsonInput::ReportBelow(const JsonPath& item, const rapidjson::Value& item_value, std::string_view pointer_suffix,
                            std::string_view message) {
  // Walk down as far as the document goes, keeping the deepest place found.
  const rapidjson::Value* at = &item_value;
  const char* place = PlaceOf(&item, item.ToPointer(), &item_value);
  for (absl::string_view token : absl::StrSplit(ToAbsl(pointer_suffix), '/', absl::SkipEmpty())) {
    if (at->IsObject()) {
      // A Value, not a StringRef: that would convert to a C string and be measured by strlen.
      rapidjson::Value name(rapidjson::StringRef(token.data(), static_cast<rapidjson::SizeType>(token.size())));
      auto member = at->FindMember(name);
      if (member == at->MemberEnd()) break;
      place = member->name.GetString() - 1;
      at = &member->value;
    } else if (at->IsArray()) {
      size_t index = 0;
      if (!absl::SimpleAtoi(token, &index) || index >= at->Size()) break;
      at = &(*at)[static_cast<rapidjson::SizeType>(index)];
    } else {
      break;
    }
    if (at->IsString()) place = at->GetString() - 1;
  }
  AddDiagnostic(place, internal::Cat(item.ToPointer(), pointer_suffix), message);
}

void JsonInput::ReportBelowElement(std::string_view array, size_t index, std::string_view pointer_suffix,
                                   std::string_view message) {
  JsonPath root;
  JsonPath array_path = root.Member(array);
  JsonPath item = array_path.Element(index);
  const rapidjson::Value* element = OriginalElement(array, index);
  if (element == nullptr) {
    AddDiagnostic(nullptr, internal::Cat(item.ToPointer(), pointer_suffix), message);
    return;
  }
  ReportBelow(item, *element, pointer_suffix, message);
}

const rapidjson::Value* JsonInput::OriginalElement(std::string_view array, size_t index) {
  const rapidjson::Value* document = PlacingRoot();
  if (document == nullptr || !document->IsObject()) return nullptr;
  // A Value, not a StringRef: that would convert to a C string and be measured by strlen.
  rapidjson::Value name(rapidjson::StringRef(array.data(), static_cast<rapidjson::SizeType>(array.size())));
  auto member = document->FindMember(name);
  if (member == document->MemberEnd() || !member->value.IsArray() || index >= member->value.Size()) return nullptr;
  return &member->value[static_cast<rapidjson::SizeType>(index)];
}

MemberNames::MemberNames(std::initializer_list<std::string_view> names) {
  AIKG_CHECK(names.size() <= kMax);
  for (std::string_view name : names) {
    names_[count_] = name;
    if (name.empty()) {
      linear_ = true;
    } else if (uint8_t& entry = buckets_[Bucket(name)]; entry == 0) {
      entry = static_cast<uint8_t>(count_ + 1);
    } else {
      linear_ = true;
    }
    ++count_;
  }
}

size_t MemberNames::FindLinear(std::string_view name) const {
  for (size_t slot = 0; slot < count_; ++slot) {
    if (Same(names_[slot], name)) return slot;
  }
  return count_;
}

ObjectReader::ObjectReader(JsonInput& input, const rapidjson::Value& value, const JsonPath& path,
                           std::initializer_list<std::string_view> known)
    : input_(input), path_(path), own_known_(std::in_place, known), known_(&*own_known_) {
  Match(value);
}

ObjectReader::ObjectReader(JsonInput& input, const rapidjson::Value& value, const JsonPath& path,
                           const MemberNames& known)
    : input_(input), path_(path), known_(&known) {
  Match(value);
}

void ObjectReader::Match(const rapidjson::Value& value) {
  if (!value.IsObject()) {
    input_.Report(path_, &value, internal::Cat("expected an object, found ", TypeName(value)));
    ok_ = false;
    return;
  }
  object_ = &value;
  for (const auto& member : value.GetObject()) {
    std::string_view name = View(member.name);
    size_t slot = Slot(name);
    if (slot == known_->size()) {
      input_.Report(path_.Member(name), nullptr, internal::Cat("unknown member ", Quoted(name)));
      ok_ = false;
      continue;
    }
    const rapidjson::Value::Member*& seen = members_[slot];
    if (seen != nullptr) {
      input_.Report(path_.Member(name), nullptr, internal::Cat("duplicate member ", Quoted(name)));
      ok_ = false;
      continue;
    }
    seen = &member;
  }
}

JsonPath ObjectReader::PathOf(std::string_view name) const {
  size_t slot = Slot(name);
  if (slot < known_->size() && members_[slot] != nullptr) return path_.Member(View(members_[slot]->name));
  return path_.Member(name);
}

const rapidjson::Value* ObjectReader::Find(std::string_view name, bool required) {
  if (object_ == nullptr) return nullptr;
  size_t slot = Slot(name);
  AIKG_CHECK(slot < known_->size());
  const rapidjson::Value::Member* member = members_[slot];
  if (member == nullptr) {
    if (required) {
      // Reported at the pointer the member would have, placed at the object.
      input_.Report(path_.Member(name), object_, internal::Cat("missing required member ", Quoted(name)));
      ok_ = false;
    }
    return nullptr;
  }
  return &member->value;
}

void ObjectReader::Report(std::string_view name, std::string_view message) {
  ok_ = false;
  if (name.empty()) {
    input_.Report(path_, object_, message);
    return;
  }
  const rapidjson::Value* member = Find(name);
  input_.Report(PathOf(name), member != nullptr ? member : object_, message);
}

std::optional<std::string_view> ObjectReader::String(std::string_view name, bool required) {
  const rapidjson::Value* value = Find(name, required);
  if (value == nullptr) return std::nullopt;
  if (!value->IsString()) {
    Report(name, internal::Cat(Quoted(name), " must be a string, found ", TypeName(*value)));
    return std::nullopt;
  }
  return View(*value);
}

std::optional<double> ObjectReader::Number(std::string_view name, bool required) {
  const rapidjson::Value* value = Find(name, required);
  if (value == nullptr) return std::nullopt;
  if (!value->IsNumber()) {
    Report(name, internal::Cat(Quoted(name), " must be a number, found ", TypeName(*value)));
    return std::nullopt;
  }
  return value->GetDouble();
}

std::optional<bool> ObjectReader::Bool(std::string_view name, bool required) {
  const rapidjson::Value* value = Find(name, required);
  if (value == nullptr) return std::nullopt;
  if (!value->IsBool()) {
    Report(name, internal::Cat(Quoted(name), " must be true or false, found ", TypeName(*value)));
    return std::nullopt;
  }
  return value->GetBool();
}

std::optional<TimePoint> ObjectReader::Time(std::string_view name, bool required) {
  const rapidjson::Value* value = Find(name, required);
  if (value == nullptr) return std::nullopt;
  std::optional<TimePoint> time = ReadTime(input_, *value, PathOf(name));
  if (!time) ok_ = false;
  return time;
}

const rapidjson::Value* ObjectReader::Array(std::string_view name, bool required) {
  const rapidjson::Value* value = Find(name, required);
  if (value == nullptr) return nullptr;
  if (!value->IsArray()) {
    Report(name, internal::Cat(Quoted(name), " must be an array, found ", TypeName(*value)));
    return nullptr;
  }
  return value;
}

const rapidjson::Value* ObjectReader::Object(std::string_view name, bool required) {
  const rapidjson::Value* value = Find(name, required);
  if (value == nullptr) return nullptr;
  if (!value->IsObject()) {
    Report(name, internal::Cat(Quoted(name), " must be an object, found ", TypeName(*value)));
    return nullptr;
  }
  return value;
}

ObjectReader SourceReader(JsonInput& input, const rapidjson::Value& value, const JsonPath& path) {
  static const MemberNames kSourceMembers{"id",       "kind",      "publisher", "author", "title",
                                          "language", "published", "url",       "via"};
  return ObjectReader(input, value, path, kSourceMembers);
}

SourceInput ReadSource(ObjectReader& item) {
  SourceInput source;
  source.id = item.String("id", true).value_or("");
  if (std::optional<std::string_view> kind = item.String("kind", true)) {
    if (std::optional<SourceKind> parsed = ParseSourceKind(*kind)) {
      source.kind = *parsed;
    } else {
      item.Report("kind", Cat("unknown source kind '", *kind,
                              "' (expected newsletter, news_wire, news_article, social_media_post, "
                              "company_announcement, regulator, report, research_paper or other)"));
    }
  }
  source.publisher = item.String("publisher").value_or("");
  source.author = item.String("author").value_or("");
  source.title = item.String("title").value_or("");
  source.language = item.String("language").value_or("");
  source.published = item.Time("published").value_or(TimePoint());
  source.url = item.String("url").value_or("");
  source.via = item.String("via").value_or("");
  return source;
}

void ReadUnitAndBounds(ObjectReader& reader, Quantity& quantity) {
  quantity.unit = reader.String("unit", true).value_or("");
  if (std::optional<std::string_view> bound = reader.String("bound")) {
    if (std::optional<Bound> parsed = ParseBound(*bound)) {
      quantity.bound = *parsed;
    } else {
      reader.Report("bound", Cat("unknown bound '", *bound, "' (expected exact, at_least, at_most or about)"));
    }
  }
  quantity.lower = reader.Number("lower");
  quantity.upper = reader.Number("upper");
}

void ReadAliasesAndAttributes(ObjectReader& item, EntityInput& entity) {
  if (const rapidjson::Value* aliases = item.Array("aliases")) {
    JsonPath aliases_path = item.PathOf("aliases");
    for (rapidjson::SizeType i = 0; i < aliases->Size(); ++i) {
      JsonPath alias_path = aliases_path.Element(i);
      static const MemberNames kAliasMembers{"name", "lang"};
      ObjectReader alias(item.input(), (*aliases)[i], alias_path, kAliasMembers);
      std::string_view name = alias.String("name", true).value_or("");
      std::string_view lang = alias.String("lang").value_or("");
      if (!alias.ok()) item.MarkBad();
      entity.aliases.push_back({name, lang});
    }
  }
  if (const rapidjson::Value* attributes = item.Object("attributes")) {
    JsonPath attributes_path = item.PathOf("attributes");
    for (const auto& member : attributes->GetObject()) {
      const rapidjson::Value& value = member.value;
      std::optional<AttributeValue> attribute = ReadAttributeValue(value);
      if (!attribute) {
        item.input().Report(attributes_path.Member(View(member.name)), &value,
                            "attribute values are strings, numbers or booleans");
        item.MarkBad();
        continue;
      }
      entity.attributes.push_back({View(member.name), *attribute});
    }
  }
}


std::optional<TimePoint> ReadTime(JsonInput& input, const rapidjson::Value& value, const JsonPath& path) {
  if (!value.IsString()) {
    input.Report(path, &value, internal::Cat("expected a time string, found ", TypeName(value)));
    return std::nullopt;
  }
  absl::StatusOr<TimePoint> time = TimePoint::Parse(View(value));
  if (!time.ok()) {
    input.Report(path, &value, std::string(time.status().message()));
    return std::nullopt;
  }
  return *time;
}

}  // namespace aikg::internal
