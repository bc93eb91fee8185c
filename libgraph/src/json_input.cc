#include "internal/json_input.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>

#include <rapidjson/error/en.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "internal/cat.h"
#include "absl/strings/str_split.h"
#include "internal/check.h"

namespace aikg::internal {
namespace {

constexpr unsigned kParseFlags = rapidjson::kParseFullPrecisionFlag | rapidjson::kParseValidateEncodingFlag;

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

// Reads a file into `out` in one piece (the caller's buffer, so big files are copied once).
template <typename Buffer>
bool ReadWholeFile(const std::filesystem::path& path, Buffer& out) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return false;
  std::streamsize size = in.tellg();
  if (size < 0) return false;
  out.resize(static_cast<size_t>(size));
  in.seekg(0);
  return static_cast<bool>(in.read(out.data(), size)) || size == 0;
}

// The first 8 bytes of `text`, zero-padded, as a number.
uint64_t Prefix(std::string_view text) {
  uint64_t prefix = 0;
  if (!text.empty()) std::memcpy(&prefix, text.data(), std::min<size_t>(text.size(), 8));
  return prefix;
}

// An entity attribute's JSON value (string, boolean, integer or number); nullopt otherwise.
std::optional<AttributeValue> ReadAttributeValue(const rapidjson::Value& value) {
  if (value.IsString()) return AttributeValue(View(value));
  if (value.IsBool()) return AttributeValue(value.GetBool());
  if (value.IsInt64()) return AttributeValue(value.GetInt64());
  if (value.IsNumber()) return AttributeValue(value.GetDouble());
  return std::nullopt;
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
                                               std::vector<Diagnostic>& diagnostics) {
  std::unique_ptr<JsonInput> input(new JsonInput(path.string(), path, diagnostics));
  if (!ReadWholeFile(path, input->buffer_)) {
    Diagnostic unreadable;
    unreadable.file = path.string();
    unreadable.message = "cannot read the file";
    diagnostics.push_back(std::move(unreadable));
    return nullptr;
  }
  if (!input->Parse()) return nullptr;
  return input;
}

std::unique_ptr<JsonInput> JsonInput::FromString(std::string_view text, std::string label,
                                                 std::vector<Diagnostic>& diagnostics) {
  std::unique_ptr<JsonInput> input(new JsonInput(std::move(label), {}, diagnostics));
  input->original_ = std::string(text);
  input->buffer_.assign(text.begin(), text.end());
  if (!input->Parse()) return nullptr;
  return input;
}

bool JsonInput::Parse() {
  buffer_.push_back('\0');
  document_.ParseInsitu<kParseFlags>(buffer_.data());
  if (!document_.HasParseError()) return true;
  AddDiagnostic(buffer_.data() + document_.GetErrorOffset(), "",
                internal::Cat("invalid JSON: ", rapidjson::GetParseError_En(document_.GetParseError())));
  return false;
}

const char* JsonInput::PlaceOf(const JsonPath& path, const rapidjson::Value* value) const {
  auto in_buffer = [&](const char* p) { return p >= buffer_.data() && p < buffer_.data() + buffer_.size(); };
  // A string is where it starts; a member is where its name is; an array element, where its
  // first member name is; failing all that, the nearest enclosing member.
  if (value != nullptr && value->IsString() && in_buffer(value->GetString())) return value->GetString() - 1;
  if (!path.is_index && in_buffer(path.member.data())) return path.member.data() - 1;
  if (value != nullptr && value->IsObject() && value->MemberCount() > 0) {
    const char* name = value->MemberBegin()->name.GetString();
    if (in_buffer(name)) return name - 1;
  }
  for (const JsonPath* step = path.parent; step != nullptr; step = step->parent) {
    if (!step->is_index && in_buffer(step->member.data())) return step->member.data() - 1;
  }
  return nullptr;
}

void JsonInput::AddDiagnostic(const char* place, std::string pointer, std::string_view message) {
  Diagnostic diagnostic;
  diagnostic.file = label_;
  diagnostic.json_pointer = std::move(pointer);
  diagnostic.message = std::string(message);
  if (place != nullptr) {
    // The buffer was rewritten by the in-place parse (unescaped strings): count lines in the
    // original text, read again if it was not kept.
    if (original_.empty() && !path_.empty()) ReadWholeFile(path_, original_);
    // Where lines start, found once: many problems in a large file stay linear.
    if (line_starts_.empty()) {
      line_starts_.push_back(0);
      for (size_t i = 0; i < original_.size(); ++i) {
        if (original_[i] == '\n') line_starts_.push_back(i + 1);
      }
    }
    size_t offset = std::min<size_t>(place - buffer_.data(), original_.size());
    size_t line = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) - line_starts_.begin();
    diagnostic.line = static_cast<int>(line);
    diagnostic.column = static_cast<int>(offset - line_starts_[line - 1]) + 1;
  }
  diagnostics_->push_back(std::move(diagnostic));
}

void JsonInput::Report(const JsonPath& path, const rapidjson::Value* value, std::string_view message) {
  AddDiagnostic(PlaceOf(path, value), path.ToPointer(), message);
}

void JsonInput::ReportValue(std::string pointer, const rapidjson::Value& value, std::string_view message) {
  AddDiagnostic(PlaceOf(JsonPath(), &value), std::move(pointer), message);
}

void JsonInput::ReportBelow(const JsonPath& item, const rapidjson::Value& item_value, std::string_view pointer_suffix,
                            std::string_view message) {
  // Walk down as far as the document goes, keeping the deepest place found.
  const rapidjson::Value* at = &item_value;
  const char* place = PlaceOf(item, &item_value);
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

ObjectReader::ObjectReader(JsonInput& input, const rapidjson::Value& value, const JsonPath& path,
                           std::initializer_list<std::string_view> known)
    : input_(input), path_(path) {
  AIKG_CHECK(known.size() <= kMaxMembers);
  for (std::string_view name : known) {
    known_prefix_[known_count_] = Prefix(name);
    known_[known_count_++] = name;
  }
  if (!value.IsObject()) {
    input_.Report(path_, &value, internal::Cat("expected an object, found ", TypeName(value)));
    ok_ = false;
    return;
  }
  object_ = &value;
  for (const auto& member : value.GetObject()) {
    std::string_view name = View(member.name);
    size_t slot = Slot(name);
    if (slot == known_count_) {
      input_.Report(path_.Member(name), nullptr, internal::Cat("unknown member '", name, "'"));
      ok_ = false;
      continue;
    }
    const rapidjson::Value::Member*& seen = members_[slot];
    if (seen != nullptr) {
      input_.Report(path_.Member(name), nullptr, internal::Cat("duplicate member '", name, "'"));
      ok_ = false;
      continue;
    }
    seen = &member;
  }
}

size_t ObjectReader::Slot(std::string_view name) const {
  uint64_t prefix = Prefix(name);
  for (size_t i = 0; i < known_count_; ++i) {
    if (known_prefix_[i] != prefix || known_[i].size() != name.size()) continue;
    if (name.size() <= 8 || known_[i].substr(8) == name.substr(8)) return i;
  }
  return known_count_;
}

JsonPath ObjectReader::PathOf(std::string_view name) const {
  size_t slot = Slot(name);
  if (slot < known_count_ && members_[slot] != nullptr) return path_.Member(View(members_[slot]->name));
  return path_.Member(name);
}

const rapidjson::Value* ObjectReader::Find(std::string_view name, bool required) {
  if (object_ == nullptr) return nullptr;
  size_t slot = Slot(name);
  AIKG_CHECK(slot < known_count_);
  const rapidjson::Value::Member* member = members_[slot];
  if (member == nullptr) {
    if (required) {
      // Reported at the pointer the member would have, placed at the object.
      input_.Report(path_.Member(name), object_, internal::Cat("missing required member '", name, "'"));
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
    Report(name, internal::Cat("'", name, "' must be a string, found ", TypeName(*value)));
    return std::nullopt;
  }
  return View(*value);
}

std::optional<double> ObjectReader::Number(std::string_view name, bool required) {
  const rapidjson::Value* value = Find(name, required);
  if (value == nullptr) return std::nullopt;
  if (!value->IsNumber()) {
    Report(name, internal::Cat("'", name, "' must be a number, found ", TypeName(*value)));
    return std::nullopt;
  }
  return value->GetDouble();
}

std::optional<bool> ObjectReader::Bool(std::string_view name, bool required) {
  const rapidjson::Value* value = Find(name, required);
  if (value == nullptr) return std::nullopt;
  if (!value->IsBool()) {
    Report(name, internal::Cat("'", name, "' must be true or false, found ", TypeName(*value)));
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
    Report(name, internal::Cat("'", name, "' must be an array, found ", TypeName(*value)));
    return nullptr;
  }
  return value;
}

const rapidjson::Value* ObjectReader::Object(std::string_view name, bool required) {
  const rapidjson::Value* value = Find(name, required);
  if (value == nullptr) return nullptr;
  if (!value->IsObject()) {
    Report(name, internal::Cat("'", name, "' must be an object, found ", TypeName(*value)));
    return nullptr;
  }
  return value;
}

ObjectReader SourceReader(JsonInput& input, const rapidjson::Value& value, const JsonPath& path) {
  return ObjectReader(input, value, path,
                      {"id", "kind", "publisher", "author", "title", "language", "published", "url", "via"});
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

void ReadAliasesAndAttributes(ObjectReader& item, EntityInput& entity) {
  if (const rapidjson::Value* aliases = item.Array("aliases")) {
    JsonPath aliases_path = item.PathOf("aliases");
    for (rapidjson::SizeType i = 0; i < aliases->Size(); ++i) {
      JsonPath alias_path = aliases_path.Element(i);
      ObjectReader alias(item.input(), (*aliases)[i], alias_path, {"name", "lang"});
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
