// The tables behind the CSV export (and the Python package's Parquet writer): entities,
// statements and sources, one row each, columns laid out for the bulk loaders of
// docs/scaling.md: the key first (Kùzu's node tables), `src` and `dst` first in statements
// (Kùzu's rel tables; GraphFrames' edge columns), `id` for GraphFrames' vertices. Neo4j's
// admin import reads the same files through the header files written beside them.

#include <cstdio>
#include <filesystem>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "export/export_internal.h"
#include "internal/atomic_file.h"
#include "internal/cat.h"

namespace aikg {
namespace {

using internal::ExportScope;
using internal::GraphData;
using internal::JsonText;

// A column and how Neo4j's admin import should read it (its header field).
struct Column {
  TableColumn column;
  std::string_view neo4j;
};

constexpr ColumnType kString = ColumnType::kString;

constexpr Column kEntityColumns[] = {
    {{"id", kString}, "id:ID(Entity)"},
    {{"type", kString}, ":LABEL"},
    {{"name", kString}, "name"},
    {{"description", kString}, "description"},
    {{"aliases", kString}, "aliases"},
    {{"attributes", kString}, "attributes"},
};

constexpr Column kStatementColumns[] = {
    {{"src", kString}, ":START_ID(Entity)"},
    {{"dst", kString}, ":END_ID(Entity)"},
    {{"id", kString}, "id"},
    {{"predicate", kString}, ":TYPE"},
    {{"kind", kString}, ":IGNORE"},
    {{"modality", kString}, "modality"},
    {{"valid", kString}, "valid"},
    {{"valid_start", ColumnType::kDate}, "valid_start:date"},
    {{"valid_end", ColumnType::kDate}, "valid_end:date"},
    {{"valid_precision", kString}, "valid_precision"},
    {{"period", kString}, "period"},
    {{"sources", kString}, "sources"},
    {{"locators", kString}, "locators"},
    {{"confidence", ColumnType::kDouble}, "confidence:double"},
    {{"qualifiers", kString}, "qualifiers"},
    // The value of a value statement: relationships carry none (their rows have no `dst`).
    {{"amount", ColumnType::kDouble}, ":IGNORE"},
    {{"unit", kString}, ":IGNORE"},
    {{"bound", kString}, ":IGNORE"},
    {{"lower", ColumnType::kDouble}, ":IGNORE"},
    {{"upper", ColumnType::kDouble}, ":IGNORE"},
    {{"text", kString}, ":IGNORE"},
    {{"lang", kString}, ":IGNORE"},
    {{"date", kString}, ":IGNORE"},
    {{"boolean", ColumnType::kBoolean}, ":IGNORE"},
};

constexpr Column kSourceColumns[] = {
    {{"id", kString}, "id:ID(Source)"},
    {{"kind", kString}, "kind"},
    {{"publisher", kString}, "publisher"},
    {{"author", kString}, "author"},
    {{"title", kString}, "title"},
    {{"language", kString}, "language"},
    {{"published", kString}, "published"},
    {{"url", kString}, "url"},
    {{"via", kString}, "via"},
};

struct Table {
  std::string_view name;
  absl::Span<const Column> columns;
};
constexpr Table kTables[] = {
    {"entities", kEntityColumns},
    {"statements", kStatementColumns},
    {"sources", kSourceColumns},
};

std::vector<TableColumn> ColumnsOf(absl::Span<const Column> columns) {
  std::vector<TableColumn> out;
  for (const Column& column : columns) out.push_back(column.column);
  return out;
}

// Empty texts are nulls: aikg does not tell an absent description from an empty one.
TableCell TextCell(std::string_view text) {
  if (text.empty()) return std::monostate();
  return text;
}
TableCell NumberCell(double value) {
  if (std::isnan(value)) return std::monostate();
  return value;
}

class TableWriter {
 public:
  TableWriter(const View& view, TableSink& sink, const ExportOptions& options)
      : scope_(view), data_(scope_.data), sink_(sink), progress_(options, scope_.total_items()), json_(scope_) {}

  absl::Status Write() {
    if (absl::Status status = Entities(); !status.ok()) return status;
    if (absl::Status status = Statements(); !status.ok()) return status;
    if (absl::Status status = Sources(); !status.ok()) return status;
    progress_.Done();
    return absl::OkStatus();
  }

 private:
  absl::Status Begin(const Table& table) {
    std::vector<TableColumn> columns = ColumnsOf(table.columns);
    return sink_.BeginTable(table.name, columns);
  }

  absl::Status Entities() {
    if (absl::Status status = Begin(kTables[0]); !status.ok()) return status;
    TableCell row[std::size(kEntityColumns)];
    std::string aliases, attributes;
    for (EntityIndex e = 0; e < data_.entities.size(); ++e) {
      if (!scope_.view.Contains(e)) continue;
      const internal::EntityRecord& entity = data_.entities[e];
      aliases.clear();
      attributes.clear();
      if (entity.aliases.count > 0) {
        json_.Begin().Aliases(entity);
        aliases = json_.text();
      }
      if (entity.attributes.count > 0) {
        json_.Begin().Attributes(entity);
        attributes = json_.text();
      }
      row[0] = entity.id;
      row[1] = scope_.TypeName(entity);
      row[2] = entity.name;
      row[3] = TextCell(entity.description);
      row[4] = TextCell(aliases);
      row[5] = TextCell(attributes);
      if (absl::Status status = sink_.AddRow(row); !status.ok()) return status;
      progress_.Step();
    }
    return sink_.EndTable();
  }

  absl::Status Statements() {
    if (absl::Status status = Begin(kTables[1]); !status.ok()) return status;
    TableCell row[std::size(kStatementColumns)];
    std::string valid, period, sources, locators, qualifiers, date;
    for (StatementIndex s = 0; s < data_.statements.size(); ++s) {
      if (!scope_.view.ContainsStatement(s)) continue;
      const internal::StatementRecord& statement = data_.statements[s];
      for (TableCell& cell : row) cell = std::monostate();
      row[0] = data_.entities[statement.subject].id;
      row[2] = statement.id;
      row[3] = scope_.PredicateName(statement);
      row[4] = RangeKindName(data_.schema->predicate(statement.predicate).range_kind);
      row[5] = ModalityName(statement.modality);
      valid = statement.valid.ToString();
      row[6] = TextCell(valid);
      if (std::optional<absl::CivilDay> start = statement.valid.start_day()) row[7] = *start;
      if (std::optional<absl::CivilDay> end = statement.valid.end_day()) row[8] = *end;
      if (statement.valid.is_set()) row[9] = PrecisionName(statement.valid.precision());
      period = statement.period.ToString();
      row[10] = TextCell(period);
      json_.Begin().SourceIds(statement);
      sources = json_.text();
      row[11] = sources;
      json_.Begin().Locators(statement);
      locators = json_.text();
      row[12] = locators;
      row[13] = NumberCell(statement.confidence);
      qualifiers.clear();
      if (statement.qualifiers.count > 0) {
        json_.Begin().Qualifiers(statement);
        qualifiers = json_.text();
      }
      row[14] = TextCell(qualifiers);
      if (const internal::ObjectRef* object = std::get_if<internal::ObjectRef>(&statement.value)) {
        row[1] = data_.entities[object->entity].id;
      } else if (const internal::QuantityRef* ref = std::get_if<internal::QuantityRef>(&statement.value)) {
        const internal::QuantityRecord& quantity = data_.quantities[ref->index];
        row[15] = quantity.amount;
        row[16] = std::string_view(data_.schema->unit(quantity.unit).name);
        row[17] = BoundName(quantity.bound);
        internal::QuantityBounds bounds = data_.BoundsOf(quantity);
        row[18] = NumberCell(bounds.lower);
        row[19] = NumberCell(bounds.upper);
      } else if (const internal::TextRef* text = std::get_if<internal::TextRef>(&statement.value)) {
        row[20] = data_.texts[text->index].text;
        row[21] = TextCell(data_.texts[text->index].lang);
      } else if (const TimePoint* point = std::get_if<TimePoint>(&statement.value)) {
        date = point->ToString();
        row[22] = std::string_view(date);
      } else if (const bool* boolean = std::get_if<bool>(&statement.value)) {
        row[23] = *boolean;
      }
      if (absl::Status status = sink_.AddRow(row); !status.ok()) return status;
      progress_.Step();
    }
    return sink_.EndTable();
  }

  absl::Status Sources() {
    if (absl::Status status = Begin(kTables[2]); !status.ok()) return status;
    TableCell row[std::size(kSourceColumns)];
    std::string published;
    for (SourceIndex index : scope_.sources) {
      const internal::SourceRecord& source = data_.sources[index];
      published = source.published.ToString();
      row[0] = source.id;
      row[1] = SourceKindName(source.kind);
      row[2] = TextCell(source.publisher);
      row[3] = TextCell(source.author);
      row[4] = TextCell(source.title);
      row[5] = TextCell(source.language);
      row[6] = TextCell(published);
      row[7] = TextCell(source.url);
      row[8] = source.via == internal::kNoIndex ? TableCell() : TableCell(data_.sources[source.via].id);
      if (absl::Status status = sink_.AddRow(row); !status.ok()) return status;
    }
    return sink_.EndTable();
  }

  ExportScope scope_;
  const GraphData& data_;
  TableSink& sink_;
  internal::Progress progress_;
  JsonText json_;
};

// Writes each table to `<dir>/<table>.csv` atomically, with a header line.
class CsvSink : public TableSink {
 public:
  CsvSink(std::filesystem::path dir, bool spreadsheet_safe) : dir_(std::move(dir)), spreadsheet_safe_(spreadsheet_safe) {}

  absl::Status BeginTable(std::string_view name, absl::Span<const TableColumn> columns) override {
    absl::StatusOr<internal::AtomicFile> file = internal::AtomicFile::Create(dir_ / internal::Cat(name, ".csv"));
    if (!file.ok()) return file.status();
    file_.emplace(*std::move(file));
    internal::TextOut out(file_->stream());
    for (size_t i = 0; i < columns.size(); ++i) {
      if (i > 0) out << ',';
      out.Csv(columns[i].name);
    }
    out << '\n';
    return absl::OkStatus();
  }

  absl::Status AddRow(absl::Span<const TableCell> row) override {
    internal::TextOut out(file_->stream());
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) out << ',';
      std::visit(
          [&](const auto& value) {
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, std::string_view>) {
              // An empty text is quoted so that it reads back as "", not as null.
              if (value.empty()) {
                out << "\"\"";
              } else if (spreadsheet_safe_ && IsFormulaLike(value)) {
                out.Csv(internal::Cat("'", value));
              } else {
                out.Csv(value);
              }
            } else if constexpr (std::is_same_v<T, double>) {
              // Typed by the column, not the value: "2.0", so that loaders that guess types
              // (DuckDB's read_csv_auto) read every amount as a double.
              std::string text = internal::NumberText(value);
              if (text.find_first_of(".eEnI") == std::string::npos) text += ".0";
              out << text;
            } else if constexpr (std::is_same_v<T, bool>) {
              out << (value ? "true" : "false");
            } else if constexpr (std::is_same_v<T, absl::CivilDay>) {
              out << internal::DayText(value);
            }
          },
          row[i]);
    }
    out << '\n';
    return absl::OkStatus();
  }

  absl::Status EndTable() override {
    absl::Status committed = file_->Commit();
    file_.reset();
    return committed;
  }

 private:
  // A text a spreadsheet would run as a formula ("=HYPERLINK(…)", "+1", "-1", "@SUM(…)", or
  // one starting with a tab or carriage return, which some strip first): OWASP's CSV injection.
  static bool IsFormulaLike(std::string_view text) {
    return !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
  }

  std::filesystem::path dir_;
  bool spreadsheet_safe_;
  std::optional<internal::AtomicFile> file_;
};

// The header files of Neo4j's admin import: the tables' own columns renamed to its header
// syntax (ids, labels, types, typed properties), one line each.
absl::Status WriteNeo4jHeaders(const std::filesystem::path& dir) {
  for (const Table& table : kTables) {
    absl::StatusOr<internal::AtomicFile> file =
        internal::AtomicFile::Create(dir / internal::Cat(table.name, ".header.csv"));
    if (!file.ok()) return file.status();
    internal::TextOut out(file->stream());
    for (size_t i = 0; i < table.columns.size(); ++i) {
      if (i > 0) out << ',';
      out << table.columns[i].neo4j;
    }
    out << '\n';
    if (absl::Status status = file->Commit(); !status.ok()) return status;
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status WriteTables(const View& view, TableSink& sink, const ExportOptions& options) {
  if (view.graph().schema() == nullptr) {
    return absl::FailedPreconditionError("the graph has no schema: nothing to export");
  }
  return TableWriter(view, sink, options).Write();
}

namespace internal {

absl::Status WriteCsvDirectory(const View& view, const ExportOptions& options, const std::filesystem::path& dir) {
  // The set is written into a temporary directory and swapped in whole, so a failure half way
  // leaves the old tables, never some new ones beside others missing.
  std::vector<std::string> owned = {"neo4j"};
  for (const Table& table : kTables) {
    owned.push_back(Cat(table.name, ".csv"));
    owned.push_back(Cat("neo4j/", table.name, ".header.csv"));
  }
  absl::StatusOr<AtomicDirectory> out = AtomicDirectory::Create(dir, std::move(owned));
  if (!out.ok()) return out.status();
  std::error_code error;
  std::filesystem::create_directory(out->path() / "neo4j", error);
  if (error) {
    return absl::UnavailableError(Cat("cannot create the directory ", (out->path() / "neo4j").string(), ": ", error.message()));
  }
  CsvSink sink(out->path(), options.csv_spreadsheet_safe);
  if (absl::Status status = WriteTables(view, sink, options); !status.ok()) return status;
  if (absl::Status status = WriteNeo4jHeaders(out->path() / "neo4j"); !status.ok()) return status;
  return out->Commit();
}

}  // namespace internal
}  // namespace aikg
