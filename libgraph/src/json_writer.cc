// Writing graph files in the canonical layout: a fixed member order, one item per line, so
// that save → load → save is byte-identical and diffs show one changed claim per line. Items
// are streamed one at a time: no DOM of the whole graph is built.

#include <cmath>
#include <cstdio>
#include <string>
#include <system_error>

#include <rapidjson/filewritestream.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "aikg/json.h"
#include "internal/atomic_file.h"
#include "internal/graph_data.h"
#include "internal/schema_reference.h"

namespace aikg {
namespace {

using internal::GraphData;

// Writes a graph to a RapidJSON output stream (StringBuffer or FileWriteStream).
template <typename Stream>
class GraphWriter {
 public:
  GraphWriter(const GraphData& data, Stream& stream) : data_(data), stream_(stream), writer_(stream) {}

  void Write(std::string_view schema_ref) {
    Raw("{\n  \"format\": \"aikg-graph/1\",\n  \"schema\": ");
    writer_.Reset(stream_);
    String(schema_ref);
    Raw(",\n");
    Section("sources", data_.sources.size(), [&](size_t i) { WriteSource(data_.sources[i]); });
    Raw(",\n");
    Section("entities", data_.entities.size(), [&](size_t i) { WriteEntity(data_.entities[i]); });
    Raw(",\n");
    Section("statements", data_.statements.size(), [&](size_t i) { WriteStatement(data_.statements[i]); });
    Raw("\n}\n");
    stream_.Flush();
  }

 private:
  void Raw(std::string_view text) {
    for (char c : text) stream_.Put(c);
  }

  template <typename WriteItem>
  void Section(std::string_view name, size_t count, WriteItem write_item) {
    Raw("  \"");
    Raw(name);
    Raw("\": [");
    for (size_t i = 0; i < count; ++i) {
      Raw(i == 0 ? "\n    " : ",\n    ");
      writer_.Reset(stream_);
      write_item(i);
    }
    Raw(count == 0 ? "]" : "\n  ]");
  }

  void Key(std::string_view key) { writer_.Key(key.data(), static_cast<rapidjson::SizeType>(key.size())); }
  void String(std::string_view text) {
    writer_.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  }
  // Members with empty values are left out: they read back as empty.
  void OptionalString(std::string_view key, std::string_view text) {
    if (text.empty()) return;
    Key(key);
    String(text);
  }
  void OptionalTime(std::string_view key, const TimePoint& time) {
    if (!time.is_set()) return;
    Key(key);
    String(time.ToString());
  }
  // Whole numbers below 2^53 are written without a fraction; others as the shortest text
  // that reads back to the same double.
  void Number(double value) {
    if (std::trunc(value) == value && std::fabs(value) < 9007199254740992.0 && !(value == 0 && std::signbit(value))) {
      writer_.Int64(static_cast<int64_t>(value));
    } else {
      writer_.Double(value);
    }
  }

  void WriteSource(const internal::SourceRecord& source) {
    writer_.StartObject();
    Key("id");
    String(source.id);
    Key("kind");
    String(SourceKindName(source.kind));
    OptionalString("publisher", source.publisher);
    OptionalString("author", source.author);
    OptionalString("title", source.title);
    OptionalString("language", source.language);
    OptionalTime("published", source.published);
    OptionalString("url", source.url);
    if (source.via != internal::kNoIndex) OptionalString("via", data_.sources[source.via].id);
    writer_.EndObject();
  }

  void WriteEntity(const internal::EntityRecord& entity) {
    writer_.StartObject();
    Key("id");
    String(entity.id);
    Key("type");
    String(data_.schema->type(entity.type).name);
    Key("name");
    String(entity.name);
    if (entity.aliases.count > 0) {
      Key("aliases");
      writer_.StartArray();
      for (const Alias& alias : data_.AliasesOf(entity)) {
        writer_.StartObject();
        Key("name");
        String(alias.name);
        OptionalString("lang", alias.lang);
        writer_.EndObject();
      }
      writer_.EndArray();
    }
    OptionalString("description", entity.description);
    if (entity.attributes.count > 0) {
      Key("attributes");
      writer_.StartObject();
      for (const Attribute& attribute : data_.AttributesOf(entity)) {
        Key(attribute.name);
        std::visit(
            [&](const auto& value) {
              using T = std::decay_t<decltype(value)>;
              if constexpr (std::is_same_v<T, std::string_view>) String(value);
              else if constexpr (std::is_same_v<T, double>) Number(value);
              else if constexpr (std::is_same_v<T, int64_t>) writer_.Int64(value);
              else if constexpr (std::is_same_v<T, bool>) writer_.Bool(value);
              else String(value.ToString());
            },
            attribute.value);
      }
      writer_.EndObject();
    }
    writer_.EndObject();
  }

  void WriteStatement(const internal::StatementRecord& statement) {
    writer_.StartObject();
    Key("id");
    String(statement.id);
    Key("subject");
    String(data_.entities[statement.subject].id);
    Key("predicate");
    String(data_.schema->predicate(statement.predicate).name);
    std::visit([&](const auto& value) { WriteValue(value); }, statement.value);
    if (statement.valid.is_point()) {
      Key("valid");
      String(statement.valid.from.ToString());
    } else if (statement.valid.is_set()) {
      Key("valid");
      writer_.StartObject();
      OptionalTime("from", statement.valid.from);
      OptionalTime("to", statement.valid.to);
      writer_.EndObject();
    }
    OptionalTime("period", statement.period);
    Key("modality");
    String(ModalityName(statement.modality));
    Key("sources");
    writer_.StartArray();
    for (const Citation& citation : data_.CitationsOf(statement)) {
      writer_.StartObject();
      Key("source");
      String(data_.sources[citation.source].id);
      OptionalString("locator", citation.locator);
      writer_.EndObject();
    }
    writer_.EndArray();
    if (!std::isnan(statement.confidence)) {
      Key("confidence");
      Number(statement.confidence);
    }
    if (statement.qualifiers.count > 0) {
      Key("qualifiers");
      writer_.StartObject();
      for (const Qualifier& qualifier : data_.QualifiersOf(statement)) {
        Key(qualifier.key);
        String(qualifier.value);
      }
      writer_.EndObject();
    }
    writer_.EndObject();
  }

  void WriteValue(const internal::ObjectRef& object) {
    Key("object");
    String(data_.entities[object.entity].id);
  }
  void WriteValue(const internal::QuantityRef& ref) {
    const internal::QuantityRecord& quantity = data_.quantities[ref.index];
    Key("value");
    writer_.StartObject();
    Key("amount");
    Number(quantity.amount);
    Key("unit");
    String(data_.schema->unit(quantity.unit).name);
    if (quantity.bound != Bound::kExact) {
      Key("bound");
      String(BoundName(quantity.bound));
    }
    internal::QuantityBounds bounds = data_.BoundsOf(quantity);
    if (!std::isnan(bounds.lower)) {
      Key("lower");
      Number(bounds.lower);
    }
    if (!std::isnan(bounds.upper)) {
      Key("upper");
      Number(bounds.upper);
    }
    writer_.EndObject();
  }
  void WriteValue(const internal::TextRef& ref) {
    const Text& text = data_.texts[ref.index];
    Key("value");
    writer_.StartObject();
    Key("text");
    String(text.text);
    OptionalString("lang", text.lang);
    writer_.EndObject();
  }
  void WriteValue(const TimePoint& date) {
    Key("value");
    writer_.StartObject();
    Key("date");
    String(date.ToString());
    writer_.EndObject();
  }
  void WriteValue(bool boolean) {
    Key("value");
    writer_.StartObject();
    Key("boolean");
    writer_.Bool(boolean);
    writer_.EndObject();
  }

  const GraphData& data_;
  Stream& stream_;
  rapidjson::Writer<Stream> writer_;
};

}  // namespace

namespace internal {

absl::StatusOr<std::string> SchemaReference(const Graph& graph, const std::filesystem::path& base_dir) {
  if (graph.schema() == nullptr || graph.schema()->path().empty()) {
    return absl::FailedPreconditionError("the graph has no schema file to refer to");
  }
  std::error_code error;
  std::filesystem::path relative = std::filesystem::relative(graph.schema()->path(), AbsolutePath(base_dir), error);
  if (error || relative.empty()) return graph.schema()->path().generic_string();
  return relative.generic_string();
}

std::filesystem::path ResolveSchemaReference(const std::filesystem::path& base_dir, std::string_view schema_ref) {
  return AbsolutePath(base_dir / std::filesystem::path(schema_ref)).lexically_normal();
}

std::filesystem::path AbsolutePath(const std::filesystem::path& path) {
  std::error_code error;
  std::filesystem::path absolute = std::filesystem::absolute(path, error);
  return error ? path : absolute;
}

}  // namespace internal

absl::StatusOr<std::string> ToJsonString(const Graph& graph, const std::filesystem::path& base_dir) {
  absl::StatusOr<std::string> schema_ref = internal::SchemaReference(graph, base_dir);
  if (!schema_ref.ok()) return schema_ref.status();
  rapidjson::StringBuffer buffer;
  GraphWriter<rapidjson::StringBuffer>(graph.data(), buffer).Write(*schema_ref);
  return std::string(buffer.GetString(), buffer.GetSize());
}

absl::Status SaveJsonFile(const Graph& graph, const std::filesystem::path& path) {
  std::filesystem::path directory = internal::AbsolutePath(path).parent_path();
  absl::StatusOr<std::string> schema_ref = internal::SchemaReference(graph, directory);
  if (!schema_ref.ok()) return schema_ref.status();

  // Write beside the target, then rename over it: readers see the old file or the new one.
  absl::StatusOr<internal::AtomicFile> file = internal::AtomicFile::Create(path);
  if (!file.ok()) return file.status();
  char chunk[1 << 16];
  rapidjson::FileWriteStream stream(file->stream(), chunk, sizeof chunk);
  GraphWriter<rapidjson::FileWriteStream>(graph.data(), stream).Write(*schema_ref);
  return file->Commit();
}

}  // namespace aikg
