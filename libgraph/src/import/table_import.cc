// Importing a table through a mapping: each row's entity references are linked (entity_linker.h)
// or made, its statements built, and the whole table applied as one batch (import_internal.h).
// Reconciliation runs the same linking without changing the graph.

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "aikg/import.h"
#include "aikg/resolve.h"
#include "import/entity_linker.h"
#include "import/import_internal.h"
#include "import/table_mapping.h"
#include "internal/cat.h"

namespace aikg {
namespace {

using internal::Cat;
using internal::ColumnRef;
using internal::EntityRule;
using internal::ImportBatch;
using internal::ImportPlace;
using internal::StatementRule;
using internal::TableMappingData;
using internal::Template;
using internal::ValidRule;

// The unit of items that belong to the mapping rather than to a row (the dataset's source).
constexpr size_t kMappingUnit = static_cast<size_t>(-1);

using internal::EntityLinker;
using internal::Identifiers;
using internal::Resolved;
using internal::RootOf;

class TableImporter {
 public:
  TableImporter(Graph& graph, const Table& table, const TableMappingData& mapping, const ImportOptions& options)
      : graph_(graph),
        schema_(*graph.schema()),
        table_(table),
        mapping_(mapping),
        options_(options),
        batch_(table.label()),
        linker_(graph, mapping, options_.same_as, batch_) {}

  // Checks the header against the columns the mapping reads, and the mapping's names against the
  // schema. Problems go to `found`.
  void Prepare(std::vector<Diagnostic>& found) {
    for (const ColumnRef& column : mapping_.columns) {
      int index = table_.FindColumn(column.name);
      columns_.push_back(index);
      if (index >= 0) continue;
      std::string near;
      std::string folded = internal::FoldCell(column.name);
      for (const std::string& name : table_.columns()) {
        std::string header = internal::FoldCell(name);
        if (header == folded || header.starts_with(folded) || folded.starts_with(header)) near = name;
      }
      Diagnostic diagnostic = MappingPlace(column.pointer);
      diagnostic.file = table_.label();
      diagnostic.line = 1;
      diagnostic.column_name = column.name;
      diagnostic.message = Cat("the mapping reads column '", column.name, "', which the header lacks",
                               near.empty() ? "" : Cat(" (did you mean '", near, "'?)"));
      found.push_back(std::move(diagnostic));
    }
    auto report = [&](const std::string& pointer, std::string message) {
      Diagnostic diagnostic = MappingPlace(pointer);
      diagnostic.file = mapping_.label;
      diagnostic.pointer_file.clear();
      diagnostic.message = std::move(message);
      found.push_back(std::move(diagnostic));
    };
    std::vector<std::vector<TypeId>> rule_roots;
    for (const EntityRule& rule : mapping_.entities) {
      std::vector<TypeId>& roots = rule_roots.emplace_back();
      auto check_type = [&](const std::optional<std::string>& name) {
        if (!name) return;
        std::optional<TypeId> type = schema_.FindType(*name);
        if (!type) {
          report(rule.type.pointer, Cat("unknown entity type '", *name, "' in the schema '", schema_.name(), "'"));
          return;
        }
        TypeId root = RootOf(schema_, *type);
        if (std::find(roots.begin(), roots.end(), root) == roots.end()) roots.push_back(root);
      };
      check_type(rule.type.fixed);
      for (const auto& [text, type] : rule.type.map) check_type(type);
      if (rule.type.has_default) check_type(rule.type.default_value);
    }
    linker_.SetTypeRoots(std::move(rule_roots));
    for (const StatementRule& rule : mapping_.statements) {
      std::optional<PredicateId> predicate = schema_.FindPredicate(rule.predicate);
      if (!predicate) {
        report(rule.predicate_pointer, Cat("unknown predicate '", rule.predicate, "' in the schema '", schema_.name(), "'"));
        continue;
      }
      const Predicate& declared = schema_.predicate(*predicate);
      if (declared.range_kind != rule.kind) {
        report(rule.value_pointer, Cat("predicate '", rule.predicate, "' takes ",
                                       declared.range_kind == RangeKind::kEntity ? "an 'object'"
                                                                                 : Cat("a '", RangeKindName(declared.range_kind), "'"),
                                       ", not a '", RangeKindName(rule.kind), "'"));
        continue;
      }
      if (rule.kind == RangeKind::kQuantity) {
        std::optional<UnitId> unit = schema_.FindUnit(rule.unit);
        if (!unit || !schema_.AllowsUnit(*predicate, *unit)) {
          std::string allowed;
          for (UnitId id : declared.units) allowed += Cat(allowed.empty() ? "" : ", ", schema_.unit(id).name);
          report(Cat(rule.value_pointer, "/unit"),
                 Cat("unit '", rule.unit, "' is not allowed for predicate '", rule.predicate, "' (allowed: ", allowed, ")"));
        }
      }
    }
    for (const std::string& marker : mapping_.missing) longest_marker_ = std::max(longest_marker_, marker.size());
  }

  // Reads every row into the batch (or, when `reconciliation` is given, only resolves references).
  void ReadRows(std::vector<RowReconciliation>* reconciliation) {
    reconciliation_ = reconciliation;
    if (reconciliation_ == nullptr) {
      batch_.Reserve(table_.row_count() * mapping_.entities.size(), table_.row_count() * mapping_.statements.size());
    }
    if (mapping_.source.present && reconciliation_ == nullptr) AddDatasetSource();
    for (size_t row = 0; row < table_.row_count(); ++row) ReadRow(row);
  }

  absl::Status Apply(ImportReport& report, std::vector<Diagnostic>* diagnostics) {
    report.rows = table_.row_count();
    report.cells_missing = cells_missing_;
    return batch_.Apply(graph_, options_.skip_bad_rows, report, diagnostics);
  }

 private:
  Diagnostic MappingPlace(const std::string& pointer) const {
    Diagnostic diagnostic;
    diagnostic.pointer_file = mapping_.label;
    diagnostic.json_pointer = pointer;
    return diagnostic;
  }

  // The place of `row`'s cell in mapping column `column` (or the row, for -1), read by the part
  // of the mapping at `pointer` (a string of the mapping, whose address keys the site cache).
  ImportPlace RowPlace(size_t row, int column, const std::string& pointer) {
    auto [site, added] = sites_.try_emplace(std::make_pair(column, &pointer), 0);
    if (added) {
      Diagnostic where = MappingPlace(pointer);
      where.file = table_.label();
      if (column >= 0) where.column_name = mapping_.columns[static_cast<size_t>(column)].name;
      site->second = batch_.Site(where);
    }
    return {row, site->second, static_cast<int>(table_.line(row)), 0};
  }

  // `place` read by the part of the mapping at `pointer` instead.
  ImportPlace Repointed(const ImportPlace& place, const std::string& pointer) {
    Diagnostic where = batch_.Locate(place, "");
    where.json_pointer = pointer;
    return batch_.Place(place.unit, where);
  }

  // The cell of mapping column `column` in `row`, trimmed.
  std::string_view Cell(size_t row, int column) const {
    std::string_view cell = table_.cell(row, static_cast<size_t>(columns_[static_cast<size_t>(column)]));
    while (!cell.empty() && (cell.front() == ' ' || cell.front() == '\t')) cell.remove_prefix(1);
    while (!cell.empty() && (cell.back() == ' ' || cell.back() == '\t')) cell.remove_suffix(1);
    return cell;
  }

  bool IsMissing(std::string_view cell) const {
    if (cell.empty()) return true;
    if (cell.size() > longest_marker_) return false;
    return std::any_of(mapping_.missing.begin(), mapping_.missing.end(),
                       [&](const std::string& marker) { return absl::EqualsIgnoreCase(internal::ToAbsl(cell), marker); });
  }

  // The non-missing values of a cell, split by `split` when given.
  std::vector<std::string_view> Values(std::string_view cell, const std::string& split) {
    std::vector<std::string_view> values;
    if (IsMissing(cell)) return values;
    if (split.empty()) return {cell};
    for (size_t start = 0;;) {
      size_t end = cell.find(split, start);
      std::string_view value = cell.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
      if (!IsMissing(value)) values.push_back(value);
      if (end == std::string_view::npos) break;
      start = end + split.size();
    }
    return values;
  }

  // The template's text for `row` (and one `value` of a split cell); nullopt when it reads a
  // missing cell.
  std::optional<std::string> Expand(const Template& text, size_t row, std::string_view value) const {
    std::string out;
    for (const Template::Part& part : text.parts) {
      switch (part.kind) {
        case Template::PartKind::kText: out += part.text; break;
        case Template::PartKind::kValue: out += value; break;
        case Template::PartKind::kSlugValue: out += internal::Slug(value); break;
        case Template::PartKind::kRow: out += Cat(row + 1); break;
        case Template::PartKind::kLine: out += Cat(table_.line(row)); break;
        case Template::PartKind::kColumn:
        case Template::PartKind::kSlugColumn: {
          std::string_view cell = Cell(row, part.column);
          if (IsMissing(cell)) return std::nullopt;
          out += part.kind == Template::PartKind::kColumn ? std::string(cell) : internal::Slug(cell);
          break;
        }
      }
    }
    return out;
  }

  void AddDatasetSource() {
    Diagnostic where;
    where.file = mapping_.label;
    where.json_pointer = mapping_.source.pointer;
    ImportPlace place = batch_.Place(kMappingUnit, where);
    std::optional<SourceInput> source = ReadSource(mapping_.source, 0, place);
    if (source) {
      dataset_source_ = source->id;
      batch_.AddSource(*source, place);
    }
  }

  // A source from a source rule; nullopt when its id template reads a missing cell.
  std::optional<SourceInput> ReadSource(const internal::SourceRule& rule, size_t row, const ImportPlace& place) {
    std::optional<std::string> id = Expand(rule.id, row, {});
    if (!id) return std::nullopt;
    SourceInput source;
    source.id = batch_.Keep(*id);
    source.kind = rule.kind;
    auto text = [&](const Template& field) { return batch_.Keep(Expand(field, row, {}).value_or("")); };
    source.publisher = text(rule.publisher);
    source.author = text(rule.author);
    source.title = text(rule.title);
    source.language = text(rule.language);
    source.url = text(rule.url);
    source.via = text(rule.via);
    if (std::optional<std::string> published = Expand(rule.published, row, {}); published && !published->empty()) {
      absl::StatusOr<TimePoint> date = internal::ParseCellDate(*published, "");
      if (date.ok()) {
        source.published = *date;
      } else {
        batch_.Report(Repointed(place, Cat(rule.pointer, "/published")),
                      Cat("the source's publication date: ", date.status().message()));
      }
    }
    return source;
  }

  void ReadRow(size_t row) {
    for (size_t column = 0; column < columns_.size(); ++column) {
      if (IsMissing(Cell(row, static_cast<int>(column)))) ++cells_missing_;
    }
    row_entities_.assign(mapping_.entities.size(), {});
    for (size_t rule = 0; rule < mapping_.entities.size(); ++rule) ReadEntities(row, rule);
    if (reconciliation_ != nullptr) return;

    // The row's citation: its own source, or the dataset's.
    std::string_view source_id = dataset_source_;
    const internal::SourceRule* locator_rule = &mapping_.source;
    if (mapping_.row_source.present) {
      ImportPlace place = RowPlace(row, -1, mapping_.row_source.pointer);
      if (std::optional<SourceInput> source = ReadSource(mapping_.row_source, row, place)) {
        source_id = source->id;
        locator_rule = &mapping_.row_source;
        batch_.AddSource(*source, place);
      }
    }
    if (source_id.empty()) {
      batch_.Report(RowPlace(row, -1, mapping_.row_source.pointer),
                    "the row has no source: its row_source id is missing and the mapping has no dataset 'source'");
      return;
    }
    std::string_view locator = batch_.Keep(Expand(locator_rule->locator, row, {}).value_or(""));
    for (size_t rule = 0; rule < mapping_.statements.size(); ++rule) ReadStatements(row, rule, source_id, locator);
  }

  // ---- Entities -----------------------------------------------------------------------------

  void ReadEntities(size_t row, size_t rule_index) {
    const EntityRule& rule = mapping_.entities[rule_index];
    std::vector<std::string_view> values =
        rule.column >= 0 ? Values(Cell(row, rule.column), rule.split) : std::vector<std::string_view>{{}};
    std::vector<std::string_view> types;
    if (rule.type.column >= 0) types = Values(Cell(row, rule.type.column), rule.type.split);
    for (size_t i = 0; i < values.size(); ++i) {
      ImportPlace place = RowPlace(row, rule.column, rule.pointer);
      std::optional<std::string> id = Expand(rule.id, row, values[i]);
      std::optional<std::string> name = Expand(rule.name, row, values[i]);
      if (!id && !name) continue;      // the templates read a missing cell: no entity
      if (rule.create && !id) continue;
      Identifiers identifiers;
      for (const auto& [attribute, text] : rule.attributes) {
        if (schema_.FindIdentifier(attribute) == nullptr) continue;
        if (std::optional<std::string> value = Expand(text, row, values[i])) identifiers.emplace_back(attribute, *value);
      }
      Resolved resolved =
          linker_.Link(rule_index, id.value_or(""), name.value_or(""), identifiers, reconciliation_ != nullptr);
      if (reconciliation_ != nullptr) {
        reconciliation_->push_back({row, table_.line(row), rule.key, name.value_or(id.value_or("")),
                                    std::string(resolved.id), resolved.outcome, resolved.candidates});
        continue;
      }
      if (!resolved.problem.empty()) {
        batch_.Report(place, resolved.problem);
        continue;
      }
      if (resolved.outcome == Reconciliation::kMatched) {
        EntityIndex matched = graph_.FindEntity(resolved.id)->index();
        batch_.NoteMatched(matched, row);
        // The entity learns the identifiers the row gives for it (another value is a clash).
        for (const auto& [scheme, value] : identifiers) {
          batch_.AddIdentifier(matched, batch_.Keep(scheme), batch_.Keep(value), IdentifierPlace(row, rule, scheme));
        }
        row_entities_[rule_index].push_back(resolved.id);
        continue;
      }
      // A new entity is its own unit, made by the first row that names it: when it cannot be
      // made, every row that relies on it is left out with it.
      auto [made, first] = entity_units_.try_emplace(resolved.id, 0);
      if (first) {
        made->second = table_.row_count() + entity_units_.size();
        ImportPlace entity_place = place;
        entity_place.unit = made->second;
        std::optional<std::string> type = rule.type.fixed;
        if (rule.type.column >= 0) {
          std::optional<std::string_view> cell;
          if (!types.empty()) cell = types[std::min(i, types.size() - 1)];
          ImportPlace type_place = RowPlace(row, rule.type.column, rule.type.pointer);
          type_place.unit = made->second;
          type = Choose(rule.type, cell, type_place, "entity type");
          if (!type && !cell) batch_.Report(type_place, "the entity type cell is empty and the type map has no default");
        }
        if (type) AddEntity(rule, row, values[i], resolved.id, name.value_or(""), *type, entity_place);
      }
      batch_.DependsOn(place, made->second, resolved.id);
      row_entities_[rule_index].push_back(resolved.id);
    }
  }

  // The place of the cell an entity rule reads the identifier `scheme` from.
  ImportPlace IdentifierPlace(size_t row, const EntityRule& rule, const std::string& scheme) {
    for (const auto& [attribute, text] : rule.attributes) {
      if (attribute != scheme) continue;
      for (const Template::Part& part : text.parts) {
        if (part.column >= 0) return RowPlace(row, part.column, text.pointer);
      }
      return RowPlace(row, rule.column, text.pointer);
    }
    return RowPlace(row, rule.column, rule.pointer);
  }

  void AddEntity(const EntityRule& rule, size_t row, std::string_view value, std::string_view id,
                 const std::string& name, const std::string& type, const ImportPlace& place) {
    EntityInput entity;
    entity.id = id;
    entity.type = batch_.Keep(type);
    entity.name = batch_.Keep(name);
    entity.description = batch_.Keep(Expand(rule.description, row, value).value_or(""));
    for (const auto& [alias, lang] : rule.aliases) {
      std::optional<std::string> text = Expand(alias, row, value);
      if (text && !text->empty() && *text != name) entity.aliases.push_back({batch_.Keep(*text), batch_.Keep(lang)});
    }
    std::optional<TypeId> type_id = schema_.FindType(type);
    for (const auto& [attribute, text] : rule.attributes) {
      std::optional<std::string> cell = Expand(text, row, value);
      if (!cell) continue;
      const AttributeDecl* decl = type_id ? schema_.FindAttribute(*type_id, attribute) : nullptr;
      ImportPlace at = RowPlace(row, rule.column, text.pointer);
      at.unit = place.unit;
      std::optional<AttributeValue> parsed = AttributeOf(decl, *cell, at);
      if (parsed) entity.attributes.push_back({batch_.Keep(attribute), *parsed});
    }
    batch_.AddEntity(std::move(entity), place);
  }

  // A cell read as the attribute's declared kind; undeclared attributes pass as text (the
  // transaction reports them).
  std::optional<AttributeValue> AttributeOf(const AttributeDecl* decl, const std::string& cell, const ImportPlace& place) {
    AttributeKind kind = decl != nullptr ? decl->kind : AttributeKind::kText;
    switch (kind) {
      case AttributeKind::kText: return AttributeValue(batch_.Keep(cell));
      case AttributeKind::kNumber:
      case AttributeKind::kInteger: {
        std::optional<internal::CellNumber> number = internal::ParseCellNumber(cell);
        if (!number || (kind == AttributeKind::kInteger && number->value != static_cast<double>(static_cast<int64_t>(number->value)))) {
          batch_.Report(place, Cat("'", cell, "' is not ", kind == AttributeKind::kInteger ? "an integer" : "a number"));
          return std::nullopt;
        }
        if (kind == AttributeKind::kInteger) return AttributeValue(static_cast<int64_t>(number->value));
        return AttributeValue(number->value);
      }
      case AttributeKind::kBoolean: {
        std::string folded = internal::FoldCell(cell);
        if (folded == "true" || folded == "yes" || folded == "1") return AttributeValue(true);
        if (folded == "false" || folded == "no" || folded == "0") return AttributeValue(false);
        batch_.Report(place, Cat("'", cell, "' is not true or false"));
        return std::nullopt;
      }
      case AttributeKind::kDate: {
        absl::StatusOr<TimePoint> date = internal::ParseCellDate(cell, "");
        if (!date.ok()) {
          batch_.Report(place, std::string(date.status().message()));
          return std::nullopt;
        }
        return AttributeValue(*date);
      }
    }
    return std::nullopt;
  }

  // ---- Statements ---------------------------------------------------------------------------

  // A value of a column through a choice's map; nullopt (reported) when the text is unmapped
  // and there is no default.
  template <typename Value>
  std::optional<Value> Choose(const internal::Choice<Value>& choice, std::optional<std::string_view> cell,
                              const ImportPlace& place, std::string_view what) {
    if (choice.fixed || choice.column < 0) return choice.fixed;
    if (cell) {
      std::string folded = internal::FoldCell(*cell);
      for (const auto& [text, value] : choice.map) {
        if (text == folded) return value;
      }
      if constexpr (std::is_same_v<Value, double>) {
        std::optional<internal::CellNumber> number = internal::ParseCellNumber(*cell);
        if (number && number->value >= 0 && number->value <= 1) return number->value;
      }
    }
    if (choice.has_default) return choice.default_value;
    if (!cell) return std::nullopt;
    batch_.Report(place, Cat("'", *cell, "' is not in the ", what, " map, which has no default"));
    return std::nullopt;
  }

  std::optional<TimePoint> ReadDate(size_t row, const internal::DateRule& rule, bool& bad) {
    if (rule.column < 0) return std::nullopt;
    std::string_view cell = Cell(row, rule.column);
    if (IsMissing(cell)) return std::nullopt;
    absl::StatusOr<TimePoint> date = internal::ParseCellDate(cell, rule.format);
    if (date.ok()) return *date;
    batch_.Report(RowPlace(row, rule.column, rule.pointer), std::string(date.status().message()));
    bad = true;
    return std::nullopt;
  }

  void ReadStatements(size_t row, size_t rule_index, std::string_view source_id, std::string_view locator) {
    const StatementRule& rule = mapping_.statements[rule_index];
    const std::vector<std::string_view>& subjects = row_entities_[rule.subject];
    if (subjects.empty()) return;

    std::vector<StatementValue> values;
    if (rule.kind == RangeKind::kEntity) {
      for (std::string_view object : row_entities_[rule.object]) values.emplace_back(EntityId{object});
    } else {
      for (std::string_view cell : Values(Cell(row, rule.column), rule.split)) {
        std::optional<StatementValue> value = ReadValue(rule, cell, RowPlace(row, rule.column, rule.value_pointer));
        if (value) values.push_back(std::move(*value));
      }
    }
    if (values.empty()) return;

    bool bad = false;
    ValidTime valid;
    switch (rule.valid.kind) {
      case ValidRule::Kind::kNone: break;
      case ValidRule::Kind::kFixed: valid = rule.valid.fixed; break;
      case ValidRule::Kind::kPoint:
        if (std::optional<TimePoint> point = ReadDate(row, rule.valid.from, bad)) valid = ValidTime::At(*point);
        break;
      case ValidRule::Kind::kInterval:
        valid.from = ReadDate(row, rule.valid.from, bad).value_or(TimePoint());
        valid.to = ReadDate(row, rule.valid.to, bad).value_or(TimePoint());
        break;
    }
    auto choice_cell = [&](int column) -> std::optional<std::string_view> {
      if (column < 0) return std::nullopt;
      std::string_view cell = Cell(row, column);
      if (IsMissing(cell)) return std::nullopt;
      return cell;
    };
    std::optional<Modality> modality =
        Choose(rule.modality, choice_cell(rule.modality.column), RowPlace(row, rule.modality.column, rule.modality.pointer),
               "modality");
    if (!modality && rule.modality.column >= 0 && choice_cell(rule.modality.column)) bad = true;
    std::optional<double> confidence =
        Choose(rule.confidence, choice_cell(rule.confidence.column),
               RowPlace(row, rule.confidence.column, rule.confidence.pointer), "confidence");
    if (!confidence && rule.confidence.column >= 0 && choice_cell(rule.confidence.column) && !rule.confidence.has_default) {
      // Reported by Choose unless the map sent the text to null on purpose.
      std::string folded = internal::FoldCell(*choice_cell(rule.confidence.column));
      bool mapped = std::any_of(rule.confidence.map.begin(), rule.confidence.map.end(),
                                [&](const auto& entry) { return entry.first == folded; });
      if (!mapped) bad = true;
    }
    if (bad) return;

    std::vector<Qualifier> qualifiers;
    for (const auto& [key, text] : rule.qualifiers) {
      if (std::optional<std::string> value = Expand(text, row, {})) {
        qualifiers.push_back({batch_.Keep(key), batch_.Keep(*value)});
      }
    }
    ImportPlace place = RowPlace(row, rule.column, rule.pointer);
    for (std::string_view subject : subjects) {
      for (const StatementValue& value : values) {
        StatementInput statement;
        statement.subject = subject;
        statement.predicate = rule.predicate;
        statement.value = value;
        statement.valid = valid;
        statement.modality = modality.value_or(Modality::kReported);
        statement.confidence = confidence;
        statement.qualifiers = qualifiers;
        statement.sources.push_back({source_id, locator});
        statement.id = batch_.Keep(StatementId(statement));
        batch_.AddStatement(std::move(statement), place);
      }
    }
  }

  std::optional<StatementValue> ReadValue(const StatementRule& rule, std::string_view cell, const ImportPlace& place) {
    switch (rule.kind) {
      case RangeKind::kQuantity: {
        std::optional<internal::CellNumber> number = internal::ParseCellNumber(cell);
        if (!number) {
          batch_.Report(place, Cat("'", cell, "' is not a number"));
          return std::nullopt;
        }
        Quantity quantity;
        quantity.amount = number->value * rule.scale;
        quantity.unit = rule.unit;
        quantity.bound = number->bound.value_or(rule.bound);
        return StatementValue(quantity);
      }
      case RangeKind::kText: {
        std::string folded = internal::FoldCell(cell);
        for (const auto& [text, replacement] : rule.text_map) {
          if (text == folded) return StatementValue(Text{replacement, rule.lang});
        }
        return StatementValue(Text{batch_.Keep(cell), rule.lang});
      }
      case RangeKind::kDate: {
        absl::StatusOr<TimePoint> date = internal::ParseCellDate(cell, rule.date_format);
        if (!date.ok()) {
          batch_.Report(place, std::string(date.status().message()));
          return std::nullopt;
        }
        return StatementValue(*date);
      }
      case RangeKind::kBoolean: {
        std::string folded = internal::FoldCell(cell);
        for (const auto& [text, truth] : rule.boolean_map) {
          if (text == folded) return StatementValue(truth);
        }
        batch_.Report(place, Cat("'", cell, "' is not in the boolean map"));
        return std::nullopt;
      }
      case RangeKind::kEntity: break;
    }
    return std::nullopt;
  }

  // "st/<mapping>/<subject>/<predicate>/<hash of everything else>" (docs/import.md).
  std::string StatementId(const StatementInput& statement) const {
    // FNV-1a hashes byte by byte: feeding the pieces in turn hashes their concatenation.
    uint64_t hash = internal::StableHash("");
    auto feed = [&hash](std::string_view piece) { hash = internal::StableHash(piece, hash); };
    char number[32];
    auto number_text = [&number](double value) {
      auto [end, error] = std::to_chars(number, number + sizeof number, value);
      return std::string_view(number, error == std::errc() ? end - number : 0);
    };
    std::visit(
        [&](const auto& value) {
          using T = std::decay_t<decltype(value)>;
          if constexpr (std::is_same_v<T, EntityId>) {
            feed("object=");
            feed(value.id);
          } else if constexpr (std::is_same_v<T, Quantity>) {
            feed("quantity=");
            feed(number_text(value.amount));
            feed(" ");
            feed(value.unit);
            feed(" ");
            feed(BoundName(value.bound));
          } else if constexpr (std::is_same_v<T, Text>) {
            feed("text=");
            feed(value.text);
            feed("@");
            feed(value.lang);
          } else if constexpr (std::is_same_v<T, TimePoint>) {
            feed("date=");
            feed(value.ToString());
          } else if constexpr (std::is_same_v<T, bool>) {
            feed(value ? "boolean=true" : "boolean=false");
          }
        },
        statement.value);
    feed("\x1fvalid=");
    feed(statement.valid.ToString());
    feed("\x1fmodality=");
    feed(ModalityName(statement.modality));
    if (statement.confidence) {
      feed("\x1f" "confidence=");
      feed(number_text(*statement.confidence));
    }
    for (const Qualifier& qualifier : statement.qualifiers) {
      feed("\x1fq:");
      feed(qualifier.key);
      feed("=");
      feed(qualifier.value);
    }
    for (const CitationInput& citation : statement.sources) {
      feed("\x1fsource=");
      feed(citation.source);
      feed("#");
      feed(citation.locator);
    }
    return Cat("st/", mapping_.name, "/", statement.subject, "/", statement.predicate, "/", internal::HexDigits(hash));
  }

  Graph& graph_;
  const Schema& schema_;
  const Table& table_;
  const TableMappingData& mapping_;
  const ImportOptions options_;
  ImportBatch batch_;
  EntityLinker linker_;
  std::vector<RowReconciliation>* reconciliation_ = nullptr;

  std::vector<int> columns_;                // mapping column → table column
  size_t longest_marker_ = 0;
  size_t cells_missing_ = 0;  // cells the mapping reads that are empty or marked missing
  std::string_view dataset_source_;
  // (mapping column, mapping pointer) → the batch's site for it.
  absl::flat_hash_map<std::pair<int, const std::string*>, uint32_t> sites_;

  std::vector<std::vector<std::string_view>> row_entities_;  // entity rule → ids, for this row
  absl::flat_hash_map<std::string_view, size_t, internal::StringViewHash> entity_units_;  // new entity id → its unit
};

}  // namespace

absl::StatusOr<ImportReport> ImportTable(Graph& graph, const Table& table, const TableMapping& mapping,
                                         const ImportOptions& options, std::vector<Diagnostic>* diagnostics) {
  if (graph.schema() == nullptr) return absl::FailedPreconditionError("the graph has no schema to import into");
  std::vector<Diagnostic> found;
  TableImporter importer(graph, table, mapping.data(), options);
  importer.Prepare(found);
  if (!found.empty()) {
    if (diagnostics != nullptr) diagnostics->insert(diagnostics->end(), found.begin(), found.end());
    return DiagnosticsToStatus(found);
  }
  importer.ReadRows(nullptr);
  ImportReport report;
  absl::Status applied = importer.Apply(report, diagnostics);
  if (!applied.ok()) return applied;
  return report;
}

absl::StatusOr<std::vector<RowReconciliation>> ReconcileTable(const Graph& graph, const Table& table,
                                                              const TableMapping& mapping,
                                                              std::vector<Diagnostic>* diagnostics) {
  if (graph.schema() == nullptr) return absl::FailedPreconditionError("the graph has no schema to reconcile against");
  std::vector<Diagnostic> found;
  // Reconciliation only reads: the importer's batch is never applied.
  Graph& readable = const_cast<Graph&>(graph);
  TableImporter importer(readable, table, mapping.data(), ImportOptions{});
  importer.Prepare(found);
  if (!found.empty()) {
    if (diagnostics != nullptr) diagnostics->insert(diagnostics->end(), found.begin(), found.end());
    return DiagnosticsToStatus(found);
  }
  std::vector<RowReconciliation> rows;
  importer.ReadRows(&rows);
  return rows;
}

}  // namespace aikg
