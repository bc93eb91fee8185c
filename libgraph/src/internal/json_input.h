// Reading JSON input with precise error places, shared by the schema and graph loaders.
//
// A JsonInput parses a document in place (RapidJSON's insitu mode, so every string of the DOM
// points into the one buffer of file text) through RapidJSON's SAX reader, with checks that
// RapidJSON lacks (nesting depth, lone surrogates, numbers too big for a double). A regular
// file's text is read into that buffer a piece at a time, just ahead of the parse (TextSource,
// json_text.h), with the checks of its encoding made piece by piece. By default the
// events build the whole DOM. Given an ArrayStreamer, the elements of the top-level arrays it
// asks for are built one at a time, each into a small DOM of its own whose memory pool is reused,
// and handed over while the parse goes on, or their events go to the streamer's ElementReader
// with no DOM at all: a graph file's big arrays never stand whole in memory.
//
// Any place is turned into line:column: a string value's place is where it starts in the buffer,
// a member's is its name's, an array element's or the root's is where it starts (found by
// scanning the text only when a problem is reported there, against a DOM of the whole original
// text built again on first need when elements were streamed). A UTF-8 byte order mark at the
// start is skipped, and columns count from after it. Paths are chains of stack-allocated JsonPath
// links, turned into JSON pointers only when a problem is reported, so reading a valid file
// allocates nothing for them.

#ifndef AIKG_INTERNAL_JSON_INPUT_H_
#define AIKG_INTERNAL_JSON_INPUT_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <rapidjson/document.h>

#include "absl/container/flat_hash_map.h"
#include "aikg/diagnostic.h"
#include "aikg/model.h"
#include "aikg/time.h"
#include "internal/bytes.h"
#include "internal/json_text.h"

namespace aikg::internal {

// One step of a path from the document root: a member name or an array index.
struct JsonPath {
  const JsonPath* parent = nullptr;
  std::string_view member;  // when not an index; points into the buffer when read from it
  size_t index = 0;
  bool is_index = false;

  JsonPath Member(std::string_view name) const { return {this, name, 0, false}; }
  JsonPath Element(size_t i) const { return {this, {}, i, true}; }
  // RFC 6901 form: "/statements/3/value/unit"; "" for the root.
  std::string ToPointer() const;
};

// Escapes one JSON pointer token (~ → ~0, / → ~1).
std::string EscapePointerToken(std::string_view token);

class JsonInput;

// What becomes of a top-level array while its document is parsed.
enum class ArrayUse {
  kKeep,    // built into the document
  kStream,  // handed to the streamer element by element (it stands empty in the document)
  // Streamed, and the streamer keeps nothing that points into an element's text once it has
  // taken the element: the memory of the text behind the parse is given back to the system as
  // the parse goes on (on Linux), so that the text and what is built from it do not stand in
  // memory together.
  kStreamAndDropText,
};

// Reads the elements of a streamed array from their SAX events, without a DOM of each: for
// arrays of many small elements, whose DOMs cost about as much to build and read as the text
// costs to parse. Each element comes as RapidJSON's handler calls for it (strings in place in
// the input's buffer, numbers as the input checked them), then End. The reader cannot stop the
// parse: an element it cannot take as it is it reads again from the DOM of the original text
// (JsonInput::OriginalElement), where problems are placed.
class ElementReader {
 public:
  virtual ~ElementReader() = default;
  virtual void Null() = 0;
  virtual void Bool(bool b) = 0;
  virtual void Int(int i) = 0;
  virtual void Uint(unsigned u) = 0;
  virtual void Int64(int64_t i) = 0;
  virtual void Uint64(uint64_t u) = 0;
  virtual void Double(double d) = 0;
  virtual void String(const char* text, rapidjson::SizeType length, bool copy) = 0;
  virtual void Key(const char* text, rapidjson::SizeType length, bool copy) = 0;
  virtual void StartObject() = 0;
  virtual void EndObject(rapidjson::SizeType members) = 0;
  virtual void StartArray() = 0;
  virtual void EndArray(rapidjson::SizeType elements) = 0;
  // The events of element `index` are over.
  virtual void End(JsonInput& input, uint32_t index) = 0;
};

// Takes the elements of top-level arrays one at a time while a document is parsed.
class ArrayStreamer {
 public:
  virtual ~ArrayStreamer() = default;
  // Called where the array value of the root object's member `name` starts: what to do with it.
  // `input.TopLevelString` tells the string members read before it.
  virtual ArrayUse StreamArray(JsonInput& input, std::string_view name) = 0;
  // Element `index` of a streamed array `name`. `value` lives until the call returns; its strings
  // point into the input's buffer, which lives as long as the input but, for an array streamed
  // with kStreamAndDropText, reads as zeros once the parse is well past them.
  virtual void Element(JsonInput& input, std::string_view name, uint32_t index, const rapidjson::Value& value) = 0;
  // Called after StreamArray chose to stream `name`: a reader of its elements' events, or null
  // for a DOM of each handed to Element.
  virtual ElementReader* ReaderOf(std::string_view /*name*/) { return nullptr; }
  // The streamer must be done with every element of `name` taken so far: the text behind the
  // parse is about to be given back (kStreamAndDropText), or the array ended. Until then it may
  // keep the strings of the last few elements (so as to work on one while the next is parsed).
  virtual void Flush(std::string_view /*name*/) {}
  // Once some elements of a streamed array `name` were taken: about `more` elements are still to
  // come, estimated from the text left and the size of the elements taken so far (so an
  // estimate too big when other arrays follow). Said again when an estimate runs out.
  virtual void ExpectMore(std::string_view /*name*/, size_t /*more*/) {}
};


class JsonInput {
 public:
  // Reads and parses `path`, handing the arrays `streamer` asks for to it (when given). On
  // failure returns null after adding a diagnostic. A syntax error found after elements were
  // streamed also drops what was reported about the document until then: as for a document
  // parsed whole, an invalid document gets that one diagnostic (what the streamer did with the
  // elements is the streamer's to undo).
  static std::unique_ptr<JsonInput> FromFile(const std::filesystem::path& path, std::vector<Diagnostic>& diagnostics,
                                             ArrayStreamer* streamer = nullptr);
  // Parses a copy of `text`, labelled `label` in diagnostics.
  static std::unique_ptr<JsonInput> FromString(std::string_view text, std::string label,
                                               std::vector<Diagnostic>& diagnostics,
                                               ArrayStreamer* streamer = nullptr);

  // The document; a streamed array stands in it as an empty array.
  const rapidjson::Value& root() const { return document_; }
  // The first string member `name` of the root object parsed so far, if any (for a streamer).
  std::optional<std::string_view> TopLevelString(std::string_view name) const;
  const std::string& label() const { return label_; }
  const std::filesystem::path& path() const { return path_; }

  // Reports `message` about `value`, found at `path`.
  void Report(const JsonPath& path, const rapidjson::Value* value, std::string_view message);
  // Reports `message` about `value` at the JSON pointer `pointer`, for checks made after the
  // path's links are gone.
  void ReportValue(std::string pointer, const rapidjson::Value& value, std::string_view message);
  // Reports `message` at `pointer_suffix` (a JSON pointer relative to `item`).
  void ReportBelow(const JsonPath& item, const rapidjson::Value& item_value, std::string_view pointer_suffix,
                   std::string_view message);
  // Reports `message` at `pointer_suffix` below element `index` of the root's array `array`, also
  // when that array was streamed.
  void ReportBelowElement(std::string_view array, size_t index, std::string_view pointer_suffix,
                          std::string_view message);
  // Element `index` of the root's array `array` in a DOM of the original text (so problems found
  // in it are placed), also when that array was streamed; null when the document has none there
  // or the text cannot be parsed again (a syntax error after it, or the file changed since).
  const rapidjson::Value* OriginalElement(std::string_view array, size_t index);

  std::vector<Diagnostic>& diagnostics() { return *diagnostics_; }

 private:
  JsonInput(std::string label, std::filesystem::path path, std::vector<Diagnostic>& diagnostics);
  // Parses the text of `source` (in `buffer_`) in place, streaming what `streamer` asks for.
  bool Parse(ArrayStreamer* streamer, TextSource& source);
  // The same for a text that stands whole in `buffer_`.
  bool ParseWhole(ArrayStreamer* streamer);
  // The whole document for placing problems: `document_` when nothing was streamed, else a DOM
  // of the original text parsed again (in `placing_buffer_`, at the same offsets); null when
  // that fails (the file changed since).
  const rapidjson::Value* PlacingRoot();
  // Whether `place` points into the parsed text or the text parsed again for placing.
  bool InText(const char* place) const;
  // The place in the buffer that best stands for `value` at `path` (JSON pointer `pointer`; `path`
  // may be null), or null.
  const char* PlaceOf(const JsonPath* path, std::string_view pointer, const rapidjson::Value* value);
  // The place of the deepest value the document has along `pointer`: a member's name, an array
  // element's or the root's first character.
  const char* PlaceAlong(std::string_view pointer);
  // Where element `index` of `array`, which starts at `offset` of the text, starts.
  size_t ElementStart(const rapidjson::Value& array, size_t offset, size_t index);
  // The unmodified text, read again from the file on first need.
  const std::string& Original();
  // `place` points into `buffer_` or `placing_buffer_`.
  void AddDiagnostic(const char* place, std::string pointer, std::string_view message);

  std::string label_;
  std::filesystem::path path_;  // empty for strings
  std::vector<Diagnostic>* diagnostics_;
  TextBuffer buffer_;            // the parsed text, modified in place by the parser
  std::string original_;         // unmodified text for line:column, read again on first need
  bool reread_original_ = false;  // whether original_ may be read again from path_ (a regular file)
  std::vector<size_t> line_starts_;  // offsets in original_ where lines start, made on first need
  // Element starts of the arrays a problem was placed in, so many problems in one array scan it once.
  absl::flat_hash_map<const rapidjson::Value*, std::vector<size_t>> element_starts_;
  rapidjson::Document document_;
  // The string members of the root object, as they were parsed (for TopLevelString).
  std::vector<std::pair<std::string_view, std::string_view>> top_level_strings_;
  bool streamed_ = false;  // whether elements were streamed: `document_` lacks them
  TextBuffer placing_buffer_;
  std::unique_ptr<rapidjson::Document> placing_document_;
  bool placing_tried_ = false;
};

// The members an object may have (at most 16), with a table that finds a name in one probe:
// objects of one kind (a statement, a source) share one, built once.
class MemberNames {
 public:
  static constexpr size_t kMax = 16;

  MemberNames(std::initializer_list<std::string_view> names);

  size_t size() const { return count_; }
  std::string_view operator[](size_t slot) const { return names_[slot]; }
  // The slot of `name`, or size() when it is none of them.
  size_t Find(std::string_view name) const {
    if (name.empty() || linear_) return FindLinear(name);
    uint8_t entry = buckets_[Bucket(name)];
    if (entry == 0) return count_;
    size_t slot = entry - 1;
    return Same(names_[slot], name) ? slot : count_;
  }

 private:
  // Length, first and last byte: distinct for the member names of aikg's objects.
  static size_t Bucket(std::string_view name) {
    return (name.size() * 7 + static_cast<unsigned char>(name.front()) * 4 + static_cast<unsigned char>(name.back())) &
           (kBuckets - 1);
  }
  // Inline, as member names are short (see bytes.h). The accessors' names are mostly the very
  // literals the list was made of (the compiler merges equal literals).
  static bool Same(std::string_view a, std::string_view b) {
    return a.size() == b.size() && (a.data() == b.data() || SameBytes(a.data(), b.data(), a.size()));
  }
  size_t FindLinear(std::string_view name) const;

  static constexpr size_t kBuckets = 64;
  std::string_view names_[kMax];
  size_t count_ = 0;
  uint8_t buckets_[kBuckets] = {};  // slot + 1, or 0 for none
  bool linear_ = false;             // two names share a bucket: search them one by one
};

// Reads the members of one JSON object and reports unknown members, duplicates, missing
// required members and members of the wrong JSON type, at their place.
class ObjectReader {
 public:
  // `known` lists every member the object may have. Reports when `value` is no object.
  ObjectReader(JsonInput& input, const rapidjson::Value& value, const JsonPath& path,
               std::initializer_list<std::string_view> known);
  // The same with a list built once, for objects read many times (the items of a graph file).
  ObjectReader(JsonInput& input, const rapidjson::Value& value, const JsonPath& path, const MemberNames& known);
  // Not copied: it may point to its own list of names.
  ObjectReader(const ObjectReader&) = delete;
  ObjectReader& operator=(const ObjectReader&) = delete;

  bool is_object() const { return object_ != nullptr; }
  JsonInput& input() const { return input_; }
  const JsonPath& path() const { return path_; }
  const rapidjson::Value& value() const { return *object_; }
  // False once any problem was reported about this object or its members.
  bool ok() const { return ok_; }
  void MarkBad() { ok_ = false; }

  // The index of `name` in `known`.
  size_t Slot(std::string_view name) const { return known_->Find(name); }
  // The member `name`, or null (reported when `required`).
  const rapidjson::Value* Find(std::string_view name, bool required = false);
  // The path of member `name` (its name points into the buffer when the member exists).
  JsonPath PathOf(std::string_view name) const;

  // Typed members; nullopt when absent or of the wrong type (the latter reported).
  std::optional<std::string_view> String(std::string_view name, bool required = false);
  std::optional<double> Number(std::string_view name, bool required = false);
  std::optional<bool> Bool(std::string_view name, bool required = false);
  std::optional<TimePoint> Time(std::string_view name, bool required = false);
  const rapidjson::Value* Array(std::string_view name, bool required = false);
  const rapidjson::Value* Object(std::string_view name, bool required = false);

  // Reports `message` about member `name` (or the object itself when `name` is empty).
  void Report(std::string_view name, std::string_view message);

 private:
  // Finds the members of `value`.
  void Match(const rapidjson::Value& value);

  JsonInput& input_;
  const rapidjson::Value* object_ = nullptr;
  const JsonPath& path_;
  // A copy of an initializer list of names (which dies with the constructor's full-expression).
  std::optional<MemberNames> own_known_;
  const MemberNames* known_;
  // The member for each known name, in `known` order.
  const rapidjson::Value::Member* members_[MemberNames::kMax] = {};
  bool ok_ = true;
};

// A source object, as aikg's JSON and the exports' metadata write it: a reader of its members
// (unknown ones reported), and its fields (a bad `kind` reported).
ObjectReader SourceReader(JsonInput& input, const rapidjson::Value& value, const JsonPath& path);
SourceInput ReadSource(ObjectReader& source);

// The `aliases` and `attributes` members of an entity object (aikg's JSON, the exports'
// metadata), appended to `entity`; problems reported, and `item` marked bad.
void ReadAliasesAndAttributes(ObjectReader& item, EntityInput& entity);

// The `unit`, `bound`, `lower` and `upper` members of a quantity object (aikg's JSON, the
// exports' metadata), into `quantity`; problems reported on `reader`. The amount is the caller's:
// aikg's JSON also takes texts with scale words there.
void ReadUnitAndBounds(ObjectReader& reader, Quantity& quantity);

// A time string at `path`: parsed, or reported.
std::optional<TimePoint> ReadTime(JsonInput& input, const rapidjson::Value& value, const JsonPath& path);

// The member name as a std::string_view.
inline std::string_view View(const rapidjson::Value& string) {
  return {string.GetString(), string.GetStringLength()};
}

}  // namespace aikg::internal

#endif  // AIKG_INTERNAL_JSON_INPUT_H_
