// The explorer: one self-contained HTML page with the view's data embedded as JSON, and the
// page's script and styles (libgraph/src/export/explorer/, embedded at build time).
//
// Everything the page must compute the way the library does is computed here and embedded:
// the folded names in the library's search order, how each character folds, each statement's
// first and last day for as-of filtering and the first day one of its sources may have been
// published (known-at), the conflicts, and the neighbourhood layouts. The page then only
// compares numbers and draws. docs/explorer.md documents the embedded data.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <utf8proc.h>

#include "absl/container/flat_hash_map.h"
#include "aikg/text.h"
#include "aikg/timeline.h"
#include "export/explorer_assets.h"
#include "export/explorer_layout.h"
#include "export/export_internal.h"
#include "internal/atomic_file.h"
#include "internal/cat.h"

namespace aikg::internal {
namespace {

inline constexpr std::string_view kExplorerFormat = "aikg-explorer/1";
inline constexpr uint32_t kNone = UINT32_MAX;

// A RapidJSON output stream that makes JSON safe inside an HTML <script> element: '<', '>' and
// '&' (which only occur inside JSON strings) are written as \u escapes, so no text in the data
// can close the element or open a comment, whatever it holds.
class ScriptSafeStream {
 public:
  using Ch = char;
  explicit ScriptSafeStream(std::FILE* file) : file_(file) { buffer_.reserve(kCapacity); }
  ~ScriptSafeStream() { Flush(); }
  void Put(char c) {
    switch (c) {
      case '<': buffer_ += "\\u003c"; break;
      case '>': buffer_ += "\\u003e"; break;
      case '&': buffer_ += "\\u0026"; break;
      default: buffer_.push_back(c);
    }
    if (buffer_.size() >= kCapacity) Flush();
  }
  void Flush() {
    fwrite_unlocked(buffer_.data(), 1, buffer_.size(), file_);
    buffer_.clear();
  }

 private:
  static constexpr size_t kCapacity = 1 << 16;
  std::FILE* file_;
  std::string buffer_;
};

using Writer = rapidjson::Writer<ScriptSafeStream>;

// The text of the page's <title>: one line, HTML-escaped.
std::string TitleText(std::string_view title) {
  std::string line(title);
  std::replace(line.begin(), line.end(), '\n', ' ');
  std::replace(line.begin(), line.end(), '\r', ' ');
  return HtmlEscaped(line);
}

class ExplorerWriter {
 public:
  ExplorerWriter(ExportScope& scope, const ExportOptions& options, Writer& writer)
      : scope_(scope), data_(scope.data), options_(options), writer_(writer), fields_(scope, writer) {
    entity_number_.assign(data_.entities.size(), kNone);
    uint32_t next = 0;
    for (EntityIndex e = 0; e < data_.entities.size(); ++e) {
      if (scope.view.Contains(e)) entity_number_[e] = next++;
    }
    scope.NumberStatements();
    source_number_.assign(data_.sources.size(), kNone);
    for (size_t i = 0; i < scope.sources.size(); ++i) source_number_[scope.sources[i]] = static_cast<uint32_t>(i);
  }

  void Write(std::string_view layout, const std::vector<Neighbourhood>& drawings) {
    Progress progress(options_, scope_.total_items());
    const Schema& schema = *data_.schema;
    writer_.StartObject();
    fields_.Member("format", kExplorerFormat);
    fields_.Member("title", options_.html_title.empty() ? std::string_view(schema.name()) : options_.html_title);
    fields_.Member("schema", schema.name());
    fields_.Member("schema_version", schema.version());
    fields_.Member("layout", layout);
    fields_.Key("modalities");
    writer_.StartArray();
    for (int m = 0; m < kModalityCount; ++m) fields_.String(ModalityName(static_cast<Modality>(m)));
    writer_.EndArray();
    fields_.Key("types");
    writer_.StartArray();
    for (const EntityType& type : schema.types()) fields_.String(type.name);
    writer_.EndArray();
    Predicates();
    Units();
    fields_.Key("sources");
    Sources();
    fields_.Key("entities");
    writer_.StartArray();
    for (EntityIndex e = 0; e < data_.entities.size(); ++e) {
      if (entity_number_[e] == kNone) continue;
      WriteEntity(e);
      progress.Step();
    }
    writer_.EndArray();
    Names();
    Folds();
    Statements(progress);
    ConflictGroups();
    Drawings(drawings);
    writer_.EndObject();
    progress.Done();
  }

 private:
  void Predicates() {
    const Schema& schema = *data_.schema;
    fields_.Key("predicates");
    writer_.StartArray();
    for (const Predicate& predicate : schema.predicates()) {
      writer_.StartObject();
      fields_.Member("name", predicate.name);
      fields_.Member("kind", RangeKindName(predicate.range_kind));
      fields_.OptionalMember("description", predicate.description);
      writer_.EndObject();
    }
    writer_.EndArray();
  }

  void Units() {
    fields_.Key("units");
    writer_.StartObject();
    for (const Unit& unit : data_.schema->units()) fields_.Member(unit.name, unit.dimension);
    writer_.EndObject();
  }

  void Sources() {
    writer_.StartArray();
    for (SourceIndex index : scope_.sources) {
      const SourceRecord& source = data_.sources[index];
      writer_.StartObject();
      fields_.Member("id", source.id);
      fields_.Member("kind", SourceKindName(source.kind));
      fields_.OptionalMember("publisher", source.publisher);
      fields_.OptionalMember("author", source.author);
      fields_.OptionalMember("title", source.title);
      fields_.OptionalMember("language", source.language);
      fields_.OptionalTime("published", source.published);
      fields_.OptionalMember("url", source.url);
      if (source.via != kNoIndex) {
        fields_.Key("via");
        writer_.Uint(source_number_[source.via]);
      }
      writer_.EndObject();
    }
    writer_.EndArray();
  }

  void WriteEntity(EntityIndex index) {
    const EntityRecord& entity = data_.entities[index];
    writer_.StartObject();
    fields_.Member("id", entity.id);
    fields_.Key("type");
    writer_.Uint(entity.type);
    fields_.Member("name", entity.name);
    fields_.OptionalMember("description", entity.description);
    if (entity.aliases.count > 0) {
      fields_.Key("aliases");
      fields_.Aliases(entity);
    }
    if (entity.attributes.count > 0) {
      fields_.Key("attributes");
      fields_.Attributes(entity);
    }
    writer_.EndObject();
  }

  // The folded names and aliases of the visible entities, in the byte order SearchNames ranks
  // ties by, each with the entities it names.
  void Names() {
    fields_.Key("names");
    writer_.StartArray();
    for (std::string_view name : data_.sorted_names) {
      const auto& named = data_.names.at(name);
      bool any = std::any_of(named.begin(), named.end(), [&](EntityIndex e) { return entity_number_[e] != kNone; });
      if (!any) continue;
      writer_.StartArray();
      fields_.String(name);
      writer_.StartArray();
      for (EntityIndex e : named) {
        if (entity_number_[e] != kNone) writer_.Uint(entity_number_[e]);
      }
      writer_.EndArray();
      writer_.EndArray();
    }
    writer_.EndArray();
  }

  // How each non-ASCII character of the visible names and aliases folds (FoldForLookup), so
  // that the page folds what a reader types as the library folded the names.
  void Folds() {
    std::vector<std::string> characters;
    absl::flat_hash_map<int32_t, bool> seen;
    auto collect = [&](std::string_view text) {
      const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
      utf8proc_ssize_t at = 0, size = static_cast<utf8proc_ssize_t>(text.size());
      while (at < size) {
        utf8proc_int32_t point = 0;
        utf8proc_ssize_t length = utf8proc_iterate(bytes + at, size - at, &point);
        if (length <= 0) return;  // invalid UTF-8 folds byte-wise: nothing to tell
        if (point >= 0x80 && seen.emplace(point, true).second) characters.emplace_back(text.substr(at, length));
        at += length;
      }
    };
    for (EntityIndex e = 0; e < data_.entities.size(); ++e) {
      if (entity_number_[e] == kNone) continue;
      collect(data_.entities[e].name);
      for (const Alias& alias : data_.AliasesOf(data_.entities[e])) collect(alias.name);
    }
    std::sort(characters.begin(), characters.end());
    fields_.Key("fold");
    writer_.StartObject();
    for (const std::string& character : characters) fields_.Member(character, FoldForLookup(character));
    writer_.EndObject();
  }

  void Statements(Progress& progress) {
    std::vector<std::optional<absl::CivilDay>> known_since = data_.KnownSince();
    conflict_of_.assign(data_.statements.size(), kNone);
    conflicts_ = Conflicts(scope_.view);
    for (size_t c = 0; c < conflicts_.size(); ++c) {
      for (const aikg::Statement& statement : conflicts_[c].statements) conflict_of_[statement.index()] = static_cast<uint32_t>(c);
    }
    fields_.Key("statements");
    writer_.StartArray();
    for (StatementIndex s = 0; s < data_.statements.size(); ++s) {
      if (!scope_.view.ContainsStatement(s)) continue;
      WriteStatement(s, known_since);
      progress.Step();
    }
    writer_.EndArray();
  }

  void WriteStatement(StatementIndex index, const std::vector<std::optional<absl::CivilDay>>& known_since) {
    const StatementRecord& statement = data_.statements[index];
    writer_.StartObject();
    fields_.Member("id", statement.id);
    fields_.Key("subject");
    writer_.Uint(entity_number_[statement.subject]);
    fields_.Key("predicate");
    writer_.Uint(statement.predicate);
    if (const auto* object = std::get_if<ObjectRef>(&statement.value)) {
      fields_.Key("object");
      writer_.Uint(entity_number_[object->entity]);
    } else {
      fields_.Key("value");
      fields_.Value(statement);
    }
    fields_.Member("modality", ModalityName(statement.modality));
    const ValidTime& valid = statement.valid;
    if (valid.is_set()) {
      fields_.Member("valid", valid.ToString());
      if (std::optional<absl::CivilDay> start = valid.start_day()) fields_.Member("valid_start", DayText(*start));
      if (std::optional<absl::CivilDay> end = valid.end_day()) fields_.Member("valid_end", DayText(*end));
      fields_.Member("valid_precision", PrecisionName(valid.precision()));
      // What View's valid_at compares, as day numbers since 1970-01-01: the first day, and the
      // last day of an interval (a point holds from its start on); null for an open end.
      fields_.Key("holds");
      writer_.StartArray();
      if (valid.from.is_set()) {
        writer_.Int(valid.from.first_day_number());
      } else {
        writer_.Null();
      }
      if (valid.to.is_set() && !valid.is_point()) {
        writer_.Int(valid.to.last_day_number());
      } else {
        writer_.Null();
      }
      writer_.EndArray();
    }
    fields_.OptionalTime("period", statement.period);
    // The first day one of the statement's sources may have been published (View's known_at):
    // absent when no source is dated.
    std::optional<absl::CivilDay> known;
    fields_.Key("sources");
    writer_.StartArray();
    for (const Citation& citation : data_.CitationsOf(statement)) {
      writer_.StartArray();
      writer_.Uint(source_number_[citation.source]);
      if (!citation.locator.empty()) fields_.String(citation.locator);
      writer_.EndArray();
      const std::optional<absl::CivilDay>& since = known_since[citation.source];
      if (since && (!known || *since < *known)) known = since;
    }
    writer_.EndArray();
    if (known) {
      fields_.Key("known");
      writer_.Int(static_cast<int>(*known - absl::CivilDay(1970, 1, 1)));
    }
    if (!std::isnan(statement.confidence)) {
      fields_.Key("confidence");
      fields_.Number(statement.confidence);
    }
    if (statement.qualifiers.count > 0) {
      fields_.Key("qualifiers");
      fields_.Qualifiers(statement);
    }
    if (conflict_of_[index] != kNone) {
      fields_.Key("conflict");
      writer_.Uint(conflict_of_[index]);
    }
    writer_.EndObject();
  }

  // Statements are referred to by their position among the exported ones.
  void ConflictGroups() {
    fields_.Key("conflicts");
    writer_.StartArray();
    for (const Conflict& conflict : conflicts_) {
      writer_.StartObject();
      fields_.Key("statements");
      writer_.StartArray();
      for (const aikg::Statement& statement : conflict.statements) writer_.Uint(scope_.order[statement.index()]);
      writer_.EndArray();
      if (conflict.current) {
        fields_.Key("current");
        writer_.Uint(scope_.order[conflict.current->index()]);
      }
      writer_.EndObject();
    }
    writer_.EndArray();
  }

  // One flat array per entity: entity, hops, x, y for each node of its drawing.
  void Drawings(const std::vector<Neighbourhood>& drawings) {
    fields_.Key("neighbourhoods");
    writer_.StartArray();
    for (const Neighbourhood& drawing : drawings) {
      writer_.StartArray();
      for (const Neighbourhood::Node& node : drawing.nodes) {
        writer_.Uint(entity_number_[node.entity]);
        writer_.Uint(node.hops);
        writer_.Int(node.x);
        writer_.Int(node.y);
      }
      writer_.EndArray();
    }
    writer_.EndArray();
  }

  ExportScope& scope_;
  const GraphData& data_;
  const ExportOptions& options_;
  Writer& writer_;
  JsonFields<Writer> fields_;
  std::vector<uint32_t> entity_number_;
  std::vector<uint32_t> source_number_;
  std::vector<Conflict> conflicts_;
  std::vector<uint32_t> conflict_of_;
};

}  // namespace

absl::Status WriteExplorer(const View& view, const ExportOptions& options, const std::filesystem::path& out) {
  if (view.statement_count() > kExplorerStatementLimit) {
    return absl::FailedPreconditionError(
        Cat("the explorer takes at most ", kExplorerStatementLimit, " statements and this view has ",
            view.statement_count(), ": export a narrower view (aikg export --as-of DATE, --known-at DATE, --type TYPE "
            "or --around ENTITY; in Python, view.as_of(...), view.view(types=[...]) or view.ego(...))"));
  }
  std::vector<Neighbourhood> drawings = Neighbourhoods(view, kExplorerNeighbourhoodLimit);
  std::string_view layout = "radial";
  if (options.explorer_layout == ExplorerLayout::kAuto && view.entity_count() <= kExplorerGraphvizEntityLimit &&
      LayOutWithGraphviz(view, drawings)) {
    layout = "graphviz";
  } else {
    LayOutRadially(drawings);
  }

  absl::StatusOr<AtomicFile> file = AtomicFile::Create(out);
  if (!file.ok()) return file.status();
  ExportScope scope(view);
  std::FILE* stream = file->stream();
  const Schema& schema = *view.graph().schema();
  std::string title = TitleText(options.html_title.empty() ? std::string_view(schema.name()) : options.html_title);
  fwrite_unlocked(explorer::kBeforeTitle.data(), 1, explorer::kBeforeTitle.size(), stream);
  fwrite_unlocked(title.data(), 1, title.size(), stream);
  fwrite_unlocked(explorer::kBeforeData.data(), 1, explorer::kBeforeData.size(), stream);
  {
    ScriptSafeStream data(stream);
    Writer writer(data);
    ExplorerWriter(scope, options, writer).Write(layout, drawings);
  }
  fwrite_unlocked(explorer::kAfterData.data(), 1, explorer::kAfterData.size(), stream);
  return file->Commit();
}

}  // namespace aikg::internal
