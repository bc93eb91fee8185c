// The parsed form of a table mapping (docs/import.md): rules that the importer runs over each
// row. Names of types, predicates and units stay text here; the importer checks them against the
// graph's schema, and the columns against the table's header.

#ifndef AIKG_IMPORT_TABLE_MAPPING_H_
#define AIKG_IMPORT_TABLE_MAPPING_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "aikg/import.h"
#include "aikg/model.h"
#include "aikg/schema.h"
#include "aikg/time.h"

namespace aikg::internal {

// A cell of the row: a column of the header, as the mapping names it. `index` is set by the
// importer once the header is known.
struct ColumnRef {
  std::string name;
  std::string pointer;  // where the mapping names it
  int index = -1;
};

// Text with cell references: "model/{slug(Model)}".
struct Template {
  enum class PartKind : uint8_t { kText, kColumn, kSlugColumn, kValue, kSlugValue, kRow, kLine };
  struct Part {
    PartKind kind;
    std::string text;  // literal text, or the column's name
    int column = -1;   // kColumn, kSlugColumn: index into TableMappingData::columns
  };
  std::vector<Part> parts;
  std::string pointer;
  bool empty() const { return parts.empty(); }
};

// A value read from a cell through a map of cell texts, with a default; or a fixed value.
template <typename Value>
struct Choice {
  std::optional<Value> fixed;  // when the mapping gives the value itself
  int column = -1;             // else: read from this column
  std::string split;           // several values in the cell (entity types only)
  std::vector<std::pair<std::string, std::optional<Value>>> map;  // folded cell text → value
  bool has_default = false;
  std::optional<Value> default_value;
  std::string pointer;
};

struct DateRule {
  int column = -1;
  std::string format;  // empty: the forms of docs/import.md
  std::string pointer;
};

struct ValidRule {
  enum class Kind : uint8_t { kNone, kPoint, kInterval, kFixed };
  Kind kind = Kind::kNone;
  DateRule from;  // kPoint: the point
  DateRule to;
  ValidTime fixed;
  std::string pointer;
};

struct SourceRule {
  bool present = false;
  Template id, publisher, author, title, language, published, url, via, locator;
  SourceKind kind = SourceKind::kOther;
  std::string pointer;
};

struct EntityRule {
  std::string key;
  std::string pointer;
  int column = -1;  // a cell that names one or more entities ({value})
  std::string split;
  Template id, name, description;
  Choice<std::string> type;
  std::vector<std::pair<Template, std::string>> aliases;  // name, lang
  std::vector<std::pair<std::string, Template>> attributes;
  bool create = true;
};

struct StatementRule {
  std::string pointer;
  size_t subject = 0;  // index into TableMappingData::entities
  std::string predicate;
  std::string predicate_pointer;
  RangeKind kind = RangeKind::kEntity;
  size_t object = 0;  // kEntity
  // Values (kQuantity, kText, kDate, kBoolean): the cell, split into several when asked.
  int column = -1;
  std::string split;
  std::string value_pointer;
  std::string unit;
  double scale = 1;
  Bound bound = Bound::kExact;
  std::string lang;
  std::vector<std::pair<std::string, std::string>> text_map;  // folded cell text → text
  std::vector<std::pair<std::string, bool>> boolean_map;      // folded cell text → truth
  std::string date_format;
  // What every statement carries (the mapping's defaults unless the rule overrides them).
  ValidRule valid;
  Choice<Modality> modality;
  Choice<double> confidence;
  std::vector<std::pair<std::string, Template>> qualifiers;
};

struct TableMappingData {
  std::string name;
  std::string label;
  std::string description;
  CsvOptions csv;
  std::vector<std::string> missing;  // folded markers of a missing cell
  SourceRule source;
  SourceRule row_source;
  std::vector<EntityRule> entities;
  std::vector<StatementRule> statements;
  std::vector<ColumnRef> columns;  // every column read, in first-named order
};

// Parses a mapping document; problems go to `diagnostics` located in the document.
std::shared_ptr<const TableMappingData> ParseTableMapping(std::string_view json, std::string label,
                                                          const std::filesystem::path* path,
                                                          std::vector<Diagnostic>& diagnostics);

// Cell texts as the importer reads them (docs/import.md): numbers with thousands separators
// and bound signs, and dates in aikg's forms, timestamps, or a strftime-like `format`.
struct CellNumber {
  double value;
  std::optional<Bound> bound;
};
std::optional<CellNumber> ParseCellNumber(std::string_view text);
// The error says what was expected.
absl::StatusOr<TimePoint> ParseCellDate(std::string_view text, std::string_view format);
// ASCII folding for cell comparisons with maps and missing markers: trimmed, lower case.
std::string FoldCell(std::string_view text);

}  // namespace aikg::internal

#endif  // AIKG_IMPORT_TABLE_MAPPING_H_
