// Reading table mappings (docs/import.md) into rules, and the cell readers the rules use.
// Every problem in a mapping is reported at its place (line:col and JSON pointer), all at once.

#include "import/table_mapping.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/time/civil_time.h"
#include "internal/cat.h"
#include "internal/json_input.h"

namespace aikg {

using internal::Cat;
using internal::JsonInput;
using internal::JsonPath;
using internal::ObjectReader;
using internal::View;

namespace internal {

// ---- Cells ------------------------------------------------------------------------------------

namespace {

std::string_view TrimCell(std::string_view text) {
  while (!text.empty() && absl::ascii_isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && absl::ascii_isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

bool ConsumePrefix(std::string_view& text, std::string_view prefix) {
  if (text.substr(0, prefix.size()) != prefix) return false;
  text.remove_prefix(prefix.size());
  text = TrimCell(text);
  return true;
}

constexpr std::string_view kMonthNames[] = {"january", "february", "march",     "april",   "may",      "june",
                                            "july",    "august",   "september", "october", "november", "december"};

// A month name or its first three letters, case ignored; 0 when none.
int MonthNumber(std::string_view word) {
  std::string folded = absl::AsciiStrToLower(std::string(word));
  for (int i = 0; i < 12; ++i) {
    if (folded == kMonthNames[i] || (folded.size() == 3 && kMonthNames[i].substr(0, 3) == folded)) return i + 1;
  }
  return 0;
}

// Reads the text with a strftime-like format: %Y %y %m %d %b %B and literal characters.
absl::StatusOr<TimePoint> ParseWithFormat(std::string_view text, std::string_view format) {
  int year = 0, month = 0, day = 0;
  bool has_year = false, has_month = false, has_day = false;
  auto mismatch = [&] {
    return absl::InvalidArgumentError(Cat("'", text, "' does not match the date format '", format, "'"));
  };
  size_t at = 0;
  auto digits = [&](size_t min, size_t max, int& out) {
    size_t start = at;
    while (at < text.size() && at - start < max && text[at] >= '0' && text[at] <= '9') ++at;
    if (at - start < min) return false;
    out = 0;
    for (size_t i = start; i < at; ++i) out = out * 10 + (text[i] - '0');
    return true;
  };
  for (size_t f = 0; f < format.size(); ++f) {
    if (format[f] != '%' || f + 1 == format.size()) {
      if (at >= text.size() || text[at] != format[f]) return mismatch();
      ++at;
      continue;
    }
    switch (format[++f]) {
      case 'Y':
        if (!digits(4, 4, year)) return mismatch();
        has_year = true;
        break;
      case 'y':  // POSIX: 69–99 are 1969–1999, 00–68 are 2000–2068
        if (!digits(2, 2, year)) return mismatch();
        year += year >= 69 ? 1900 : 2000;
        has_year = true;
        break;
      case 'm':
        if (!digits(1, 2, month)) return mismatch();
        has_month = true;
        break;
      case 'd':
        if (!digits(1, 2, day)) return mismatch();
        has_day = true;
        break;
      case 'b':
      case 'B': {
        size_t start = at;
        while (at < text.size() && absl::ascii_isalpha(static_cast<unsigned char>(text[at]))) ++at;
        month = MonthNumber(text.substr(start, at - start));
        if (month == 0) return mismatch();
        has_month = true;
        break;
      }
      case '%':
        if (at >= text.size() || text[at] != '%') return mismatch();
        ++at;
        break;
      default:
        return absl::InvalidArgumentError(Cat("unknown field '%", format.substr(f, 1), "' in the date format '",
                                              format, "' (known: %Y %y %m %d %b %B)"));
    }
  }
  if (at != text.size() || !has_year || (has_day && !has_month)) return mismatch();
  if (has_month && (month < 1 || month > 12)) return absl::InvalidArgumentError(Cat("'", text, "' has no month ", month));
  if (has_day) {
    absl::CivilDay civil(year, month, day);
    if (civil.day() != day || civil.month() != month) {
      return absl::InvalidArgumentError(Cat("'", text, "' is not a calendar day"));
    }
    return TimePoint::Day(year, month, day);
  }
  if (has_month) return TimePoint::Month(year, month);
  return TimePoint::Year(year);
}

}  // namespace

std::string FoldCell(std::string_view text) { return absl::AsciiStrToLower(std::string(TrimCell(text))); }

std::optional<CellNumber> ParseCellNumber(std::string_view text) {
  text = TrimCell(text);
  CellNumber number{0, std::nullopt};
  // Longest signs first: ">=" before ">".
  if (ConsumePrefix(text, ">=") || ConsumePrefix(text, "\u2265") || ConsumePrefix(text, ">")) {
    number.bound = Bound::kAtLeast;
  } else if (ConsumePrefix(text, "<=") || ConsumePrefix(text, "\u2264") || ConsumePrefix(text, "<")) {
    number.bound = Bound::kAtMost;
  } else if (ConsumePrefix(text, "~") || ConsumePrefix(text, "\u2248") || ConsumePrefix(text, "about ")) {
    number.bound = Bound::kAbout;
  }
  // Commas are thousands separators only between groups of three digits: "1,024", "12,500,000".
  std::string plain;
  plain.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != ',') {
      plain.push_back(text[i]);
      continue;
    }
    size_t before = 0;
    for (size_t j = i; j > 0 && text[j - 1] >= '0' && text[j - 1] <= '9'; --j) ++before;
    size_t after = 0;
    while (i + 1 + after < text.size() && text[i + 1 + after] >= '0' && text[i + 1 + after] <= '9') ++after;
    if (before == 0 || after != 3) return std::nullopt;
  }
  if (plain.empty()) return std::nullopt;
  const char* begin = plain.data();
  if (*begin == '+') ++begin;
  const char* end = plain.data() + plain.size();
  auto [stop, error] = std::from_chars(begin, end, number.value);
  if (error != std::errc() || stop != end || !std::isfinite(number.value)) return std::nullopt;
  return number;
}

absl::StatusOr<TimePoint> ParseCellDate(std::string_view text, std::string_view format) {
  text = TrimCell(text);
  if (!format.empty()) return ParseWithFormat(text, format);
  // Timestamps as pandas and databases write them: a midnight is a day.
  if (text.size() >= 19 && (text[10] == ' ' || text[10] == 'T') && text[4] == '-' && text[7] == '-') {
    std::string_view time = text.substr(11);
    if (time.substr(0, 8) == "00:00:00" &&
        (time.size() == 8 || time.substr(8).find_first_not_of(".0") == std::string_view::npos)) {
      return TimePoint::Parse(text.substr(0, 10));
    }
    return TimePoint::Parse(Cat(text.substr(0, 10), "T", time.substr(0, 8)));
  }
  if (text.find('/') != std::string_view::npos) {
    return absl::InvalidArgumentError(Cat("'", text,
                                          "' is ambiguous (month/day or day/month): give the date column a "
                                          "'format' such as \"%m/%d/%y\""));
  }
  return TimePoint::Parse(text);
}

// ---- Mappings ---------------------------------------------------------------------------------

namespace {

constexpr std::string_view kMappingFormat = "aikg-mapping/1";
constexpr const char* kDefaultMissing[] = {"", "unknown", "n/a", "na", "nan", "none", "null", "-", "?"};

class MappingParser {
 public:
  MappingParser(JsonInput& input, TableMappingData& mapping) : input_(input), mapping_(mapping) {}

  void Parse() {
    JsonPath root;
    ObjectReader top(input_, input_.root(), root,
                     {"format", "name", "description", "csv", "missing", "source", "row_source", "entities",
                      "statements", "valid", "modality", "confidence", "qualifiers"});
    if (!top.is_object()) return;
    if (std::optional<std::string_view> format = top.String("format", true); format && *format != kMappingFormat) {
      top.Report("format", Cat("unsupported mapping format '", *format, "' (expected '", kMappingFormat, "')"));
    }
    mapping_.name = std::string(top.String("name", true).value_or(""));
    if (top.Find("name") != nullptr && mapping_.name.empty()) top.Report("name", "the mapping's name must not be empty");
    mapping_.description = std::string(top.String("description").value_or(""));
    if (const rapidjson::Value* csv = top.Find("csv")) ReadCsv(*csv, top.PathOf("csv"));
    ReadMissing(top);
    if (const rapidjson::Value* source = top.Find("source")) {
      ReadSource(*source, top.PathOf("source"), mapping_.source);
    }
    if (const rapidjson::Value* source = top.Find("row_source")) {
      ReadSource(*source, top.PathOf("row_source"), mapping_.row_source);
    }
    if (!mapping_.source.present && !mapping_.row_source.present && top.is_object()) {
      top.Report("", "a mapping needs a 'source' (the dataset's) or a 'row_source' (one per row), or both");
    }
    if (const rapidjson::Value* entities = top.Object("entities", true)) ReadEntities(*entities, top.PathOf("entities"));

    // Defaults that statement rules inherit.
    StatementRule defaults;
    defaults.modality.fixed = Modality::kReported;
    if (const rapidjson::Value* valid = top.Find("valid")) defaults.valid = ReadValid(*valid, top.PathOf("valid"));
    if (const rapidjson::Value* modality = top.Find("modality")) {
      defaults.modality = ReadModality(*modality, top.PathOf("modality"));
    }
    if (const rapidjson::Value* confidence = top.Find("confidence")) {
      defaults.confidence = ReadConfidence(*confidence, top.PathOf("confidence"));
    }
    if (const rapidjson::Value* qualifiers = top.Object("qualifiers")) {
      defaults.qualifiers = ReadTemplateMap(*qualifiers, top.PathOf("qualifiers"));
    }
    if (const rapidjson::Value* statements = top.Array("statements", true)) {
      JsonPath path = top.PathOf("statements");
      for (rapidjson::SizeType i = 0; i < statements->Size(); ++i) {
        ReadStatement((*statements)[i], path.Element(i), defaults);
      }
    }
  }

 private:
  int Column(std::string_view name, const JsonPath& path) {
    for (size_t i = 0; i < mapping_.columns.size(); ++i) {
      if (mapping_.columns[i].name == name) return static_cast<int>(i);
    }
    mapping_.columns.push_back({std::string(name), path.ToPointer(), -1});
    return static_cast<int>(mapping_.columns.size() - 1);
  }

  // The column named by member `name` of `item`, or -1 (reported when required).
  int ColumnMember(ObjectReader& item, std::string_view name, bool required) {
    std::optional<std::string_view> column = item.String(name, required);
    if (!column) return -1;
    if (column->empty()) {
      item.Report(name, "a column name must not be empty");
      return -1;
    }
    return Column(*column, item.PathOf(name));
  }

  Template ReadTemplate(const rapidjson::Value& value, const JsonPath& path, bool in_split_rule) {
    Template parsed;
    parsed.pointer = path.ToPointer();
    if (!value.IsString()) {
      input_.Report(path, &value, "expected a template (a string)");
      return parsed;
    }
    std::string_view text = View(value);
    std::string literal;
    auto flush = [&] {
      if (!literal.empty()) parsed.parts.push_back({Template::PartKind::kText, std::move(literal)});
      literal.clear();
    };
    for (size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
        literal.push_back(c);
        ++i;
        continue;
      }
      if (c == '}') {
        input_.Report(path, &value, "a lone '}' in a template (write '}}' for a brace)");
        return parsed;
      }
      if (c != '{') {
        literal.push_back(c);
        continue;
      }
      size_t close = text.find('}', i);
      if (close == std::string_view::npos) {
        input_.Report(path, &value, "unclosed '{' in a template (write '{{' for a brace)");
        return parsed;
      }
      std::string_view name = text.substr(i + 1, close - i - 1);
      i = close;
      flush();
      bool slug = name.starts_with("slug(") && name.ends_with(")");
      if (slug) name = name.substr(5, name.size() - 6);
      if (name.empty()) {
        input_.Report(path, &value, "an empty '{}' in a template");
        return parsed;
      }
      if (name == "value") {
        if (!in_split_rule) {
          input_.Report(path, &value, "{value} is one value of the rule's 'column': this rule has none");
          return parsed;
        }
        parsed.parts.push_back({slug ? Template::PartKind::kSlugValue : Template::PartKind::kValue, ""});
      } else if (name == "row" || name == "line") {
        parsed.parts.push_back({name == "row" ? Template::PartKind::kRow : Template::PartKind::kLine, ""});
      } else {
        parsed.parts.push_back({slug ? Template::PartKind::kSlugColumn : Template::PartKind::kColumn,
                                std::string(name), Column(name, path)});
      }
    }
    flush();
    return parsed;
  }

  Template TemplateMember(ObjectReader& item, std::string_view name, bool required, bool in_split_rule) {
    const rapidjson::Value* value = item.Find(name, required);
    if (value == nullptr) return {};
    return ReadTemplate(*value, item.PathOf(name), in_split_rule);
  }

  std::vector<std::pair<std::string, Template>> ReadTemplateMap(const rapidjson::Value& object, const JsonPath& path,
                                                                bool in_split_rule = false) {
    std::vector<std::pair<std::string, Template>> templates;
    for (const auto& member : object.GetObject()) {
      templates.emplace_back(std::string(View(member.name)),
                             ReadTemplate(member.value, path.Member(View(member.name)), in_split_rule));
    }
    return templates;
  }

  void ReadCsv(const rapidjson::Value& value, const JsonPath& path) {
    ObjectReader csv(input_, value, path, {"separator", "quote"});
    auto one_character = [&](std::string_view name, char& out) {
      if (std::optional<std::string_view> text = csv.String(name)) {
        if (text->size() != 1 || *text == "\n" || *text == "\r") {
          csv.Report(name, "expected one character (\"\\t\" for tabs)");
        } else {
          out = (*text)[0];
        }
      }
    };
    one_character("separator", mapping_.csv.separator);
    one_character("quote", mapping_.csv.quote);
    if (csv.ok() && mapping_.csv.separator == mapping_.csv.quote) csv.Report("quote", "the quote must differ from the separator");
  }

  void ReadMissing(ObjectReader& top) {
    const rapidjson::Value* missing = top.Array("missing");
    if (missing == nullptr) {
      mapping_.missing.assign(std::begin(kDefaultMissing), std::end(kDefaultMissing));
      return;
    }
    JsonPath path = top.PathOf("missing");
    for (rapidjson::SizeType i = 0; i < missing->Size(); ++i) {
      const rapidjson::Value& marker = (*missing)[i];
      if (!marker.IsString()) {
        input_.Report(path.Element(i), &marker, "expected a string: a cell text that means 'no value'");
        continue;
      }
      mapping_.missing.push_back(FoldCell(View(marker)));
    }
    // An empty cell is always missing.
    if (std::find(mapping_.missing.begin(), mapping_.missing.end(), "") == mapping_.missing.end()) {
      mapping_.missing.emplace_back();
    }
  }

  void ReadSource(const rapidjson::Value& value, const JsonPath& path, SourceRule& rule) {
    ObjectReader source(input_, value, path,
                        {"id", "kind", "publisher", "author", "title", "language", "published", "url", "via",
                         "locator"});
    if (!source.is_object()) return;
    rule.present = true;
    rule.pointer = path.ToPointer();
    rule.id = TemplateMember(source, "id", true, false);
    if (std::optional<std::string_view> kind = source.String("kind")) {
      if (std::optional<SourceKind> parsed = ParseSourceKind(*kind)) {
        rule.kind = *parsed;
      } else {
        source.Report("kind", Cat("unknown source kind '", *kind, "'"));
      }
    }
    rule.publisher = TemplateMember(source, "publisher", false, false);
    rule.author = TemplateMember(source, "author", false, false);
    rule.title = TemplateMember(source, "title", false, false);
    rule.language = TemplateMember(source, "language", false, false);
    rule.published = TemplateMember(source, "published", false, false);
    rule.url = TemplateMember(source, "url", false, false);
    rule.via = TemplateMember(source, "via", false, false);
    rule.locator = TemplateMember(source, "locator", false, false);
    if (source.Find("locator") == nullptr) rule.locator.parts = {{Template::PartKind::kText, "row "}, {Template::PartKind::kRow, ""}};
  }

  // A map member of cell texts to values read by `read` (which reports what it cannot read).
  template <typename Value, typename Read>
  std::vector<std::pair<std::string, Value>> ReadMap(ObjectReader& item, std::string_view name, Read read) {
    std::vector<std::pair<std::string, Value>> map;
    const rapidjson::Value* object = item.Object(name);
    if (object == nullptr) return map;
    JsonPath path = item.PathOf(name);
    for (const auto& member : object->GetObject()) {
      JsonPath entry_path = path.Member(View(member.name));
      if (std::optional<Value> value = read(member.value, entry_path)) {
        map.emplace_back(FoldCell(View(member.name)), std::move(*value));
      }
    }
    return map;
  }

  // A value given itself, or {"column", "map", "default"}.
  template <typename Value, typename Read>
  Choice<Value> ReadChoice(const rapidjson::Value& value, const JsonPath& path, bool allow_split, Read read) {
    Choice<Value> choice;
    choice.pointer = path.ToPointer();
    if (!value.IsObject()) {
      if (std::optional<std::optional<Value>> fixed = read(value, path)) choice.fixed = *fixed;
      return choice;
    }
    ObjectReader item = allow_split ? ObjectReader(input_, value, path, {"column", "map", "default", "split"})
                                    : ObjectReader(input_, value, path, {"column", "map", "default"});
    choice.column = ColumnMember(item, "column", true);
    choice.split = std::string(allow_split ? item.String("split").value_or("") : "");
    choice.map = ReadMap<std::optional<Value>>(item, "map", read);
    if (const rapidjson::Value* fallback = item.Find("default")) {
      if (std::optional<std::optional<Value>> parsed = read(*fallback, item.PathOf("default"))) {
        choice.has_default = true;
        choice.default_value = *parsed;
      }
    }
    return choice;
  }

  Choice<Modality> ReadModality(const rapidjson::Value& value, const JsonPath& path) {
    return ReadChoice<Modality>(value, path, false,
                                [&](const rapidjson::Value& v, const JsonPath& p) -> std::optional<std::optional<Modality>> {
                                  std::optional<Modality> modality = v.IsString() ? ParseModality(View(v)) : std::nullopt;
                                  if (!modality) {
                                    input_.Report(p, &v, "expected a modality: reported, claim, forecast, plan or opinion");
                                    return std::nullopt;
                                  }
                                  return std::optional<Modality>(*modality);
                                });
  }

  Choice<double> ReadConfidence(const rapidjson::Value& value, const JsonPath& path) {
    return ReadChoice<double>(value, path, false,
                              [&](const rapidjson::Value& v, const JsonPath& p) -> std::optional<std::optional<double>> {
                                if (v.IsNull()) return std::optional<double>();
                                if (!v.IsNumber() || v.GetDouble() < 0 || v.GetDouble() > 1) {
                                  input_.Report(p, &v, "expected a confidence: a number from 0 to 1, or null");
                                  return std::nullopt;
                                }
                                return std::optional<double>(v.GetDouble());
                              });
  }

  DateRule ReadDateRule(const rapidjson::Value& value, const JsonPath& path) {
    DateRule rule;
    rule.pointer = path.ToPointer();
    ObjectReader item(input_, value, path, {"column", "format"});
    rule.column = ColumnMember(item, "column", true);
    rule.format = std::string(item.String("format").value_or(""));
    return rule;
  }

  ValidRule ReadValid(const rapidjson::Value& value, const JsonPath& path) {
    ValidRule rule;
    rule.pointer = path.ToPointer();
    if (value.IsNull()) return rule;
    if (!value.IsObject()) {
      input_.Report(path, &value, "expected null, {\"column\"}, {\"from\", \"to\"} or {\"value\"}");
      return rule;
    }
    if (value.HasMember("value")) {
      ObjectReader item(input_, value, path, {"value"});
      if (std::optional<TimePoint> fixed = item.Time("value", true)) {
        rule.kind = ValidRule::Kind::kFixed;
        rule.fixed = ValidTime::At(*fixed);
      }
    } else if (value.HasMember("from") || value.HasMember("to")) {
      ObjectReader item(input_, value, path, {"from", "to"});
      rule.kind = ValidRule::Kind::kInterval;
      if (const rapidjson::Value* from = item.Find("from")) rule.from = ReadDateRule(*from, item.PathOf("from"));
      if (const rapidjson::Value* to = item.Find("to")) rule.to = ReadDateRule(*to, item.PathOf("to"));
    } else {
      rule.kind = ValidRule::Kind::kPoint;
      rule.from = ReadDateRule(value, path);
    }
    return rule;
  }

  void ReadEntities(const rapidjson::Value& entities, const JsonPath& path) {
    for (const auto& member : entities.GetObject()) {
      JsonPath entity_path = path.Member(View(member.name));
      ObjectReader item(input_, member.value, entity_path,
                        {"column", "split", "id", "type", "name", "description", "aliases", "attributes", "create"});
      if (!item.is_object()) continue;
      EntityRule rule;
      rule.key = std::string(View(member.name));
      rule.pointer = entity_path.ToPointer();
      rule.column = ColumnMember(item, "column", false);
      rule.split = std::string(item.String("split").value_or(""));
      if (!rule.split.empty() && rule.column < 0) item.Report("split", "'split' needs the 'column' it splits");
      bool per_value = rule.column >= 0;
      rule.create = item.Bool("create").value_or(true);
      rule.id = TemplateMember(item, "id", rule.create, per_value);
      rule.name = TemplateMember(item, "name", rule.create && !per_value, per_value);
      if (rule.name.empty() && per_value) rule.name.parts = {{Template::PartKind::kValue, ""}};
      if (rule.name.empty() && !rule.create && !rule.id.empty()) rule.name = rule.id;
      if (!rule.create && rule.name.empty() && rule.id.empty() && !per_value) {
        item.Report("", "a find-only entity rule needs a 'column', an 'id' or a 'name'");
      }
      rule.description = TemplateMember(item, "description", false, per_value);
      if (const rapidjson::Value* type = item.Find("type", rule.create)) {
        rule.type = ReadChoice<std::string>(
            *type, item.PathOf("type"), true,
            [&](const rapidjson::Value& v, const JsonPath& p) -> std::optional<std::optional<std::string>> {
              if (!v.IsString() || v.GetStringLength() == 0) {
                input_.Report(p, &v, "expected an entity type name");
                return std::nullopt;
              }
              return std::optional<std::string>(std::string(View(v)));
            });
      }
      if (const rapidjson::Value* aliases = item.Array("aliases")) {
        JsonPath aliases_path = item.PathOf("aliases");
        for (rapidjson::SizeType i = 0; i < aliases->Size(); ++i) {
          const rapidjson::Value& alias = (*aliases)[i];
          JsonPath alias_path = aliases_path.Element(i);
          if (alias.IsString()) {
            rule.aliases.emplace_back(ReadTemplate(alias, alias_path, per_value), "");
            continue;
          }
          ObjectReader alias_item(input_, alias, alias_path, {"name", "lang"});
          Template name = TemplateMember(alias_item, "name", true, per_value);
          rule.aliases.emplace_back(std::move(name), std::string(alias_item.String("lang").value_or("")));
        }
      }
      if (const rapidjson::Value* attributes = item.Object("attributes")) {
        rule.attributes = ReadTemplateMap(*attributes, item.PathOf("attributes"), per_value);
      }
      mapping_.entities.push_back(std::move(rule));
    }
  }

  std::optional<size_t> EntityKey(ObjectReader& item, std::string_view name) {
    std::optional<std::string_view> key = item.String(name, true);
    if (!key) return std::nullopt;
    for (size_t i = 0; i < mapping_.entities.size(); ++i) {
      if (mapping_.entities[i].key == *key) return i;
    }
    std::string known;
    for (const EntityRule& rule : mapping_.entities) known += Cat(known.empty() ? "" : ", ", rule.key);
    item.Report(name, Cat("no entity rule '", *key, "' in 'entities' (rules: ", known.empty() ? "none" : known, ")"));
    return std::nullopt;
  }

  void ReadStatement(const rapidjson::Value& value, const JsonPath& path, const StatementRule& defaults) {
    ObjectReader item(input_, value, path,
                      {"subject", "predicate", "object", "quantity", "text", "date", "boolean", "valid", "modality",
                       "confidence", "qualifiers"});
    if (!item.is_object()) return;
    StatementRule rule = defaults;
    rule.pointer = path.ToPointer();
    std::optional<size_t> subject = EntityKey(item, "subject");
    rule.predicate = std::string(item.String("predicate", true).value_or(""));
    rule.predicate_pointer = item.PathOf("predicate").ToPointer();
    static constexpr std::string_view kValueKinds[] = {"object", "quantity", "text", "date", "boolean"};
    std::vector<std::string_view> given;
    for (std::string_view kind : kValueKinds) {
      if (item.Find(kind) != nullptr) given.push_back(kind);
    }
    if (given.size() != 1) {
      item.Report(given.empty() ? "" : given[1],
                  "a statement rule needs exactly one of 'object', 'quantity', 'text', 'date' and 'boolean'");
      return;
    }
    std::string_view kind = given[0];
    JsonPath value_path = item.PathOf(kind);
    rule.value_pointer = value_path.ToPointer();
    if (kind == "object") {
      rule.kind = RangeKind::kEntity;
      std::optional<size_t> object = EntityKey(item, "object");
      if (!object) return;
      rule.object = *object;
    } else if (kind == "quantity") {
      rule.kind = RangeKind::kQuantity;
      ObjectReader quantity(input_, *item.Find(kind), value_path, {"column", "unit", "scale", "bound", "split"});
      rule.column = ColumnMember(quantity, "column", true);
      rule.unit = std::string(quantity.String("unit", true).value_or(""));
      rule.scale = quantity.Number("scale").value_or(1);
      if (rule.scale == 0 || !std::isfinite(rule.scale)) quantity.Report("scale", "the scale must be a non-zero number");
      if (std::optional<std::string_view> bound = quantity.String("bound")) {
        if (std::optional<Bound> parsed = ParseBound(*bound)) {
          rule.bound = *parsed;
        } else {
          quantity.Report("bound", Cat("unknown bound '", *bound, "' (expected exact, at_least, at_most or about)"));
        }
      }
      rule.split = std::string(quantity.String("split").value_or(""));
    } else if (kind == "text") {
      rule.kind = RangeKind::kText;
      ObjectReader text(input_, *item.Find(kind), value_path, {"column", "split", "lang", "map"});
      rule.column = ColumnMember(text, "column", true);
      rule.split = std::string(text.String("split").value_or(""));
      rule.lang = std::string(text.String("lang").value_or(""));
      rule.text_map = ReadMap<std::string>(text, "map", [&](const rapidjson::Value& v, const JsonPath& p) -> std::optional<std::string> {
        if (!v.IsString()) {
          input_.Report(p, &v, "expected the text to write instead");
          return std::nullopt;
        }
        return std::string(View(v));
      });
    } else if (kind == "date") {
      rule.kind = RangeKind::kDate;
      DateRule date = ReadDateRule(*item.Find(kind), value_path);
      rule.column = date.column;
      rule.date_format = date.format;
    } else {
      rule.kind = RangeKind::kBoolean;
      ObjectReader boolean(input_, *item.Find(kind), value_path, {"column", "map"});
      rule.column = ColumnMember(boolean, "column", true);
      rule.boolean_map = ReadMap<bool>(boolean, "map", [&](const rapidjson::Value& v, const JsonPath& p) -> std::optional<bool> {
        if (!v.IsBool()) {
          input_.Report(p, &v, "expected true or false");
          return std::nullopt;
        }
        return v.GetBool();
      });
      if (boolean.Find("map") == nullptr) {
        rule.boolean_map = {{"true", true}, {"false", false}, {"yes", true}, {"no", false}, {"1", true}, {"0", false}};
      }
    }
    if (const rapidjson::Value* valid = item.Find("valid")) rule.valid = ReadValid(*valid, item.PathOf("valid"));
    if (const rapidjson::Value* modality = item.Find("modality")) {
      rule.modality = ReadModality(*modality, item.PathOf("modality"));
    }
    if (const rapidjson::Value* confidence = item.Find("confidence")) {
      rule.confidence = ReadConfidence(*confidence, item.PathOf("confidence"));
    }
    if (const rapidjson::Value* qualifiers = item.Object("qualifiers")) {
      rule.qualifiers = ReadTemplateMap(*qualifiers, item.PathOf("qualifiers"));
    }
    if (!subject) return;
    rule.subject = *subject;
    mapping_.statements.push_back(std::move(rule));
  }

  JsonInput& input_;
  TableMappingData& mapping_;
};

}  // namespace

std::shared_ptr<const TableMappingData> ParseTableMapping(std::string_view json, std::string label,
                                                          const std::filesystem::path* path,
                                                          std::vector<Diagnostic>& diagnostics) {
  size_t before = diagnostics.size();
  std::unique_ptr<JsonInput> input = path != nullptr ? JsonInput::FromFile(*path, diagnostics)
                                                     : JsonInput::FromString(json, label, diagnostics);
  if (input == nullptr) return nullptr;
  auto mapping = std::make_shared<TableMappingData>();
  mapping->label = std::move(label);
  MappingParser(*input, *mapping).Parse();
  if (diagnostics.size() != before) return nullptr;
  return mapping;
}

}  // namespace internal

absl::StatusOr<TableMapping> TableMapping::LoadFile(const std::filesystem::path& path,
                                                    std::vector<Diagnostic>* diagnostics) {
  std::vector<Diagnostic> found;
  auto data = internal::ParseTableMapping({}, path.string(), &path, found);
  if (diagnostics != nullptr) diagnostics->insert(diagnostics->end(), found.begin(), found.end());
  if (data == nullptr) return DiagnosticsToStatus(found);
  return TableMapping(std::move(data));
}

absl::StatusOr<TableMapping> TableMapping::LoadString(std::string_view json, std::string label,
                                                      std::vector<Diagnostic>* diagnostics) {
  std::vector<Diagnostic> found;
  auto data = internal::ParseTableMapping(json, std::move(label), nullptr, found);
  if (diagnostics != nullptr) diagnostics->insert(diagnostics->end(), found.begin(), found.end());
  if (data == nullptr) return DiagnosticsToStatus(found);
  return TableMapping(std::move(data));
}

absl::StatusOr<absl::flat_hash_map<std::string, std::string>> LoadSameAsFile(const std::filesystem::path& path,
                                                                             std::vector<Diagnostic>* diagnostics) {
  std::vector<Diagnostic> found;
  absl::flat_hash_map<std::string, std::string> same_as;
  if (std::unique_ptr<JsonInput> input = JsonInput::FromFile(path, found)) {
    JsonPath root;
    ObjectReader top(*input, input->root(), root, {"format", "same_as"});
    if (std::optional<std::string_view> format = top.String("format", true); format && *format != "aikg-same-as/1") {
      top.Report("format", Cat("unsupported format '", *format, "' (expected 'aikg-same-as/1')"));
    }
    if (const rapidjson::Value* decisions = top.Object("same_as", true)) {
      JsonPath decisions_path = top.PathOf("same_as");
      for (const auto& member : decisions->GetObject()) {
        if (!member.value.IsString() || member.value.GetStringLength() == 0) {
          input->Report(decisions_path.Member(View(member.name)), &member.value, "expected the id of an existing entity");
          continue;
        }
        same_as[std::string(View(member.name))] = std::string(View(member.value));
      }
    }
  }
  if (diagnostics != nullptr) diagnostics->insert(diagnostics->end(), found.begin(), found.end());
  if (!found.empty()) return DiagnosticsToStatus(found);
  return same_as;
}

const std::string& TableMapping::name() const { return data_->name; }
const std::string& TableMapping::label() const { return data_->label; }
const CsvOptions& TableMapping::csv() const { return data_->csv; }

std::vector<std::string> TableMapping::columns() const {
  std::vector<std::string> names;
  for (const internal::ColumnRef& column : data_->columns) names.push_back(column.name);
  return names;
}

}  // namespace aikg
