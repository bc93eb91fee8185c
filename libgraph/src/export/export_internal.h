// What the exporters share: what of a view is exported, progress reporting, escaping for the
// text formats, and the JSON pieces (sources, entity fields, statement fields, values) that the
// node-link, JGF and Cytoscape writers and the JSON-text columns of the tables all use.

#ifndef AIKG_EXPORT_EXPORT_INTERNAL_H_
#define AIKG_EXPORT_EXPORT_INTERNAL_H_

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <rapidjson/filewritestream.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "absl/time/civil_time.h"
#include "aikg/export.h"
#include "aikg/view.h"
#include "internal/graph_data.h"

namespace aikg::internal {

// Layout versions, recorded in the files so that importers know what they read.
inline constexpr std::string_view kNodeLinkFormat = "aikg-node-link/1";
inline constexpr std::string_view kJsonGraphFormat = "aikg-jgf/1";

// What an export of `view` writes.
struct ExportScope {
  explicit ExportScope(const View& view);

  const View& view;
  const GraphData& data;
  // The sources the exported statements cite and those that relayed them, in index order; every
  // source when the view keeps every statement (so a whole-graph export loses nothing).
  std::vector<SourceIndex> sources;
  // Each visible statement's position among the visible statements (load order), by index.
  // Filled by NumberStatements() for the formats that record it.
  std::vector<uint32_t> order;

  void NumberStatements();
  size_t total_items() const { return view.entity_count() + view.statement_count(); }
  bool IsEdge(const StatementRecord& statement) const { return std::holds_alternative<ObjectRef>(statement.value); }
  // The visible value statements about `entity`, in load order, without allocating.
  template <typename Visit>
  void ForEachValue(EntityIndex entity, Visit visit) const {
    for (uint32_t i = data.value_offsets[entity]; i < data.value_offsets[entity + 1]; ++i) {
      StatementIndex statement = data.value_statements[i];
      if (view.ContainsStatement(statement)) visit(statement);
    }
  }
  std::string_view TypeName(const EntityRecord& entity) const { return data.schema->type(entity.type).name; }
  std::string_view PredicateName(const StatementRecord& statement) const {
    return data.schema->predicate(statement.predicate).name;
  }
};

// Calls ExportOptions::progress every `progress_every` items and once at the end.
class Progress {
 public:
  Progress(const ExportOptions& options, size_t total) : options_(options), total_(total) {}
  void Step(size_t items = 1) {
    size_t before = done_;
    done_ += items;
    size_t every = options_.progress_every;
    if (options_.progress && every > 0 && done_ / every != before / every && done_ < total_) {
      options_.progress(done_, total_);
    }
  }
  void Done() {
    if (options_.progress) options_.progress(total_, total_);
  }

 private:
  const ExportOptions& options_;
  size_t total_;
  size_t done_ = 0;
};

// ---- Times and numbers ------------------------------------------------------------------------

// Reads ValidTime::ToString back ("2022", "2022..2025", "2022..", "..2025"; time texts never
// contain ".."). InvalidArgument as TimePoint::Parse.
absl::StatusOr<ValidTime> ParseValidText(std::string_view text);
// Whether the point has calendar days (an unresolved fiscal period has none).
bool HasDays(const TimePoint& point);
// First day of the valid time and last day of it; nullopt for open ends and undated statements.
// "2024-03-01".
std::string DayText(absl::CivilDay day);
// `text` as HTML character data or a quoted attribute value: & < > " ' escaped.
std::string HtmlEscaped(std::string_view text);
// The shortest text that reads back to `value`; whole numbers below 2^53 without a fraction.
std::string NumberText(double value);

// ---- Text output ------------------------------------------------------------------------------

// Buffered writing to a stdio stream with the escapes of the text formats. Write errors are
// sticky in the stream and surface when the AtomicFile commits. A TextOut's stream is written by
// one thread only, so it uses glibc's unlocked stdio (a lock per call showed in the profiles),
// and escapes write runs of plain characters at once.
class TextOut {
 public:
  explicit TextOut(std::FILE* stream) : stream_(stream) {}
  TextOut& operator<<(std::string_view text) {
    fwrite_unlocked(text.data(), 1, text.size(), stream_);
    return *this;
  }
  TextOut& operator<<(char c) {
    putc_unlocked(c, stream_);
    return *this;
  }
  // XML character data or attribute value (double-quoted): & < > " escaped, line ends and tabs
  // as character references (attribute values would normalise them away), characters XML 1.0
  // cannot hold replaced by U+FFFD.
  void Xml(std::string_view text);
  // An RFC 4180 field: quoted when it holds a comma, quote, line end or leading/trailing space.
  void Csv(std::string_view text);
  // A double-quoted DOT string: quotes and backslashes escaped, line ends as \n.
  void Dot(std::string_view text);

 private:
  // Writes `text` with each character `escape(c)` gives a replacement for (a non-null string,
  // possibly empty) written as that replacement.
  template <typename Escape>
  void Escaped(std::string_view text, Escape escape) {
    size_t plain = 0;  // start of the run not yet written
    for (size_t i = 0; i < text.size(); ++i) {
      const char* replacement = escape(text[i]);
      if (replacement == nullptr) continue;
      *this << text.substr(plain, i - plain) << std::string_view(replacement);
      plain = i + 1;
    }
    *this << text.substr(plain);
  }

  std::FILE* stream_;
};

// ---- JSON pieces ----------------------------------------------------------------------------

// Writes aikg's fields with a RapidJSON writer; members with empty values are left out, as in
// aikg's own JSON. `Writer` is a rapidjson::Writer over a file or string stream.
template <typename Writer>
class JsonFields {
 public:
  JsonFields(const ExportScope& scope, Writer& writer) : scope_(scope), data_(scope.data), writer_(writer) {}

  Writer& writer() { return writer_; }
  void Key(std::string_view key) { writer_.Key(key.data(), static_cast<rapidjson::SizeType>(key.size())); }
  void String(std::string_view text) { writer_.String(text.data(), static_cast<rapidjson::SizeType>(text.size())); }
  void Member(std::string_view key, std::string_view text) {
    Key(key);
    String(text);
  }
  void OptionalMember(std::string_view key, std::string_view text) {
    if (!text.empty()) Member(key, text);
  }
  void OptionalTime(std::string_view key, const TimePoint& time) {
    if (time.is_set()) Member(key, time.ToString());
  }
  void Number(double value) {
    if (std::trunc(value) == value && std::fabs(value) < 9007199254740992.0 && !(value == 0 && std::signbit(value))) {
      writer_.Int64(static_cast<int64_t>(value));
    } else {
      writer_.Double(value);
    }
  }

  // A source as in aikg's JSON.
  void Source(SourceIndex index) {
    const SourceRecord& source = data_.sources[index];
    writer_.StartObject();
    Member("id", source.id);
    Member("kind", SourceKindName(source.kind));
    OptionalMember("publisher", source.publisher);
    OptionalMember("author", source.author);
    OptionalMember("title", source.title);
    OptionalMember("language", source.language);
    OptionalTime("published", source.published);
    OptionalMember("url", source.url);
    if (source.via != kNoIndex) Member("via", data_.sources[source.via].id);
    writer_.EndObject();
  }
  void Sources() {
    writer_.StartArray();
    for (SourceIndex source : scope_.sources) Source(source);
    writer_.EndArray();
  }

  void Aliases(const EntityRecord& entity) {
    writer_.StartArray();
    for (const Alias& alias : data_.AliasesOf(entity)) {
      writer_.StartObject();
      Member("name", alias.name);
      OptionalMember("lang", alias.lang);
      writer_.EndObject();
    }
    writer_.EndArray();
  }
  void Attributes(const EntityRecord& entity) {
    writer_.StartObject();
    for (const Attribute& attribute : data_.AttributesOf(entity)) {
      Key(attribute.name);
      AttributeValue(attribute.value);
    }
    writer_.EndObject();
  }
  void AttributeValue(const aikg::AttributeValue& value) {
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::string_view>) {
            String(v);
          } else if constexpr (std::is_same_v<T, double>) {
            Number(v);
          } else if constexpr (std::is_same_v<T, int64_t>) {
            writer_.Int64(v);
          } else if constexpr (std::is_same_v<T, bool>) {
            writer_.Bool(v);
          } else {
            String(v.ToString());
          }
        },
        value);
  }
  // type, [name,] description, aliases, attributes, values (the entity's visible value
  // statements).
  void EntityMembers(EntityIndex index, bool with_name) {
    const EntityRecord& entity = data_.entities[index];
    Member("type", scope_.TypeName(entity));
    if (with_name) Member("name", entity.name);
    OptionalMember("description", entity.description);
    if (entity.aliases.count > 0) {
      Key("aliases");
      Aliases(entity);
    }
    if (entity.attributes.count > 0) {
      Key("attributes");
      Attributes(entity);
    }
    size_t values = 0;
    scope_.ForEachValue(index, [&](StatementIndex) { ++values; });
    if (values > 0) {
      Key("values");
      Values(index);
    }
  }
  // The entity's visible value statements, as an array.
  void Values(EntityIndex index) {
    writer_.StartArray();
    scope_.ForEachValue(index, [&](StatementIndex statement) { ValueStatement(statement); });
    writer_.EndArray();
  }

  // The value of a value statement, as in aikg's JSON: {"amount", "unit", ...}, {"text", "lang"},
  // {"date"} or {"boolean"}.
  void Value(const StatementRecord& statement) {
    writer_.StartObject();
    if (const QuantityRef* ref = std::get_if<QuantityRef>(&statement.value)) {
      const QuantityRecord& quantity = data_.quantities[ref->index];
      Key("amount");
      Number(quantity.amount);
      Member("unit", data_.schema->unit(quantity.unit).name);
      if (quantity.bound != Bound::kExact) Member("bound", BoundName(quantity.bound));
      QuantityBounds bounds = data_.BoundsOf(quantity);
      if (!std::isnan(bounds.lower)) {
        Key("lower");
        Number(bounds.lower);
      }
      if (!std::isnan(bounds.upper)) {
        Key("upper");
        Number(bounds.upper);
      }
    } else if (const TextRef* text = std::get_if<TextRef>(&statement.value)) {
      Member("text", data_.texts[text->index].text);
      OptionalMember("lang", data_.texts[text->index].lang);
    } else if (const TimePoint* date = std::get_if<TimePoint>(&statement.value)) {
      Member("date", date->ToString());
    } else if (const bool* boolean = std::get_if<bool>(&statement.value)) {
      Key("boolean");
      writer_.Bool(*boolean);
    }
    writer_.EndObject();
  }

  // The members every statement carries besides its ends: modality, valid (text and days),
  // period, sources, locators, confidence, qualifiers and, when numbered, order.
  void StatementMembers(StatementIndex index) {
    const StatementRecord& statement = data_.statements[index];
    Member("modality", ModalityName(statement.modality));
    if (statement.valid.is_set()) {
      Member("valid", statement.valid.ToString());
      if (std::optional<absl::CivilDay> start = statement.valid.start_day()) Member("valid_start", DayText(*start));
      if (std::optional<absl::CivilDay> end = statement.valid.end_day()) Member("valid_end", DayText(*end));
      Member("valid_precision", PrecisionName(statement.valid.precision()));
    }
    OptionalTime("period", statement.period);
    Key("sources");
    SourceIds(statement);
    Key("locators");
    Locators(statement);
    if (!std::isnan(statement.confidence)) {
      Key("confidence");
      Number(statement.confidence);
    }
    if (statement.qualifiers.count > 0) {
      Key("qualifiers");
      Qualifiers(statement);
    }
    if (!scope_.order.empty()) {
      Key("order");
      writer_.Uint(scope_.order[index]);
    }
  }
  void SourceIds(const StatementRecord& statement) {
    writer_.StartArray();
    for (const Citation& citation : data_.CitationsOf(statement)) String(data_.sources[citation.source].id);
    writer_.EndArray();
  }
  // One per source, "" where the citation has no locator, so that sources[i] and locators[i]
  // go together.
  void Locators(const StatementRecord& statement) {
    writer_.StartArray();
    for (const Citation& citation : data_.CitationsOf(statement)) String(citation.locator);
    writer_.EndArray();
  }
  void Qualifiers(const StatementRecord& statement) {
    writer_.StartObject();
    for (const Qualifier& qualifier : data_.QualifiersOf(statement)) Member(qualifier.key, qualifier.value);
    writer_.EndObject();
  }

  // A value statement as it appears in its subject's `values`: id, predicate, value, then the
  // statement members.
  void ValueStatement(StatementIndex index) {
    const StatementRecord& statement = data_.statements[index];
    writer_.StartObject();
    Member("id", statement.id);
    Member("predicate", scope_.PredicateName(statement));
    Key("value");
    Value(statement);
    StatementMembers(index);
    writer_.EndObject();
  }

 private:
  const ExportScope& scope_;
  const GraphData& data_;
  Writer& writer_;
};

// A JSON document streamed to a file: a hand-written frame with one item per line, each item
// written by a RapidJSON writer (reset per item, as aikg's JSON writer does).
class JsonFile {
 public:
  using Writer = rapidjson::Writer<rapidjson::FileWriteStream>;

  explicit JsonFile(std::FILE* file) : stream_(file, buffer_, sizeof buffer_), writer_(stream_) {}
  ~JsonFile() { stream_.Flush(); }

  void Raw(std::string_view text) {
    for (char c : text) stream_.Put(c);
  }
  // Starts a new top-level value (an item, a key, a whole member value).
  Writer& Next() {
    writer_.Reset(stream_);
    return writer_;
  }
  Writer& writer() { return writer_; }
  void Flush() { stream_.Flush(); }

 private:
  char buffer_[1 << 16];
  rapidjson::FileWriteStream stream_;
  Writer writer_;
};

// A reusable buffer for JSON text cells (lists and objects in CSV, GraphML and GEXF).
class JsonText {
 public:
  using Writer = rapidjson::Writer<rapidjson::StringBuffer>;
  explicit JsonText(const ExportScope& scope) : writer_(buffer_), fields_(scope, writer_) {}
  // Clears the buffer and returns the fields writer to write one value with.
  JsonFields<Writer>& Begin() {
    buffer_.Clear();
    writer_.Reset(buffer_);
    return fields_;
  }
  std::string_view text() const { return {buffer_.GetString(), buffer_.GetSize()}; }

 private:
  rapidjson::StringBuffer buffer_;
  Writer writer_;
  JsonFields<Writer> fields_;
};

// ---- The writers, one per format ----------------------------------------------------------------

void WriteNodeLink(ExportScope& scope, const ExportOptions& options, std::FILE* file);
void WriteJsonGraph(ExportScope& scope, const ExportOptions& options, std::FILE* file);
void WriteCytoscape(ExportScope& scope, const ExportOptions& options, std::FILE* file);
void WriteGraphMl(ExportScope& scope, const ExportOptions& options, std::FILE* file);
void WriteGexf(ExportScope& scope, const ExportOptions& options, std::FILE* file);
void WriteDot(ExportScope& scope, const ExportOptions& options, std::FILE* file);
void WriteTimelineJs(ExportScope& scope, const ExportOptions& options, std::FILE* file);
// Turtle, N-Triples, N-Quads or JSON-LD (rdf_writer.cc). InvalidArgument for a bad base IRI or
// a language tag RDF cannot carry.
absl::Status WriteRdf(ExportScope& scope, ExportFormat format, const ExportOptions& options, std::FILE* file);
// The CSV directory: one file per table, plus the Neo4j header files.
absl::Status WriteCsvDirectory(const View& view, const ExportOptions& options, const std::filesystem::path& dir);
// The explorer page (explorer.cc): checks the view's size before writing anything.
absl::Status WriteExplorer(const View& view, const ExportOptions& options, const std::filesystem::path& out);

}  // namespace aikg::internal

#endif  // AIKG_EXPORT_EXPORT_INTERNAL_H_
