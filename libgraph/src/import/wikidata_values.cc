// Reading claim ranks, snaks and the values in them (import/wikidata_values.h): the lenient
// member lookups Wikidata's JSON needs, and one located problem per wrong value.

#include "import/wikidata_values.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/time/civil_time.h"
#include "import/wikidata_mapping.h"
#include "internal/cat.h"

namespace aikg::internal {
namespace {

constexpr std::string_view kJulianCalendar = "Q1985786";

// A Wikidata number: a decimal string with an optional sign ("+1234.5"), or a JSON number.
std::optional<double> ReadDecimal(const rapidjson::Value& value) {
  if (value.IsNumber()) return value.GetDouble();
  if (!value.IsString()) return std::nullopt;
  std::string_view text = View(value);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double number = 0;
  if (!absl::SimpleAtod(ToAbsl(text), &number) || !std::isfinite(number)) return std::nullopt;
  return number;
}

}  // namespace

Member FindMember(const rapidjson::Value& object, std::string_view name) {
  if (!object.IsObject()) return {};
  for (const auto& member : object.GetObject()) {
    if (View(member.name) == name) return {&member.value, View(member.name)};
  }
  return {};
}

bool IsEmptyArray(const rapidjson::Value& value) { return value.IsArray() && value.Empty(); }

std::string_view JsonTypeName(const rapidjson::Value& value) {
  if (value.IsObject()) return "an object";
  if (value.IsArray()) return "an array";
  if (value.IsString()) return "a string";
  if (value.IsNumber()) return "a number";
  if (value.IsBool()) return "a boolean";
  return "null";
}

std::string_view ItemIdOfUri(std::string_view uri) {
  size_t slash = uri.rfind('/');
  return slash == std::string_view::npos ? uri : uri.substr(slash + 1);
}

void WikidataValueReader::Problem(size_t unit, const JsonPath& path, const rapidjson::Value* value,
                                  std::string message) {
  batch_.Report(batch_.Place(unit, PlaceIn(input_, path, value)), std::move(message));
}

std::optional<bool> WikidataValueReader::ReadRank(size_t unit, const JsonPath& claim_path,
                                                  const rapidjson::Value& claim) {
  Member rank = FindMember(claim, "rank");
  if (!rank) return false;
  std::string_view text = rank.value->IsString() ? View(*rank.value) : "";
  if (text == "normal") return false;
  if (text == "preferred") return true;
  if (text != "deprecated") {
    Problem(unit, claim_path.Member(rank.name), rank.value, "a rank is 'preferred', 'normal' or 'deprecated'");
  }
  return std::nullopt;
}

SnakOutcome WikidataValueReader::ReadSnak(size_t unit, const JsonPath& snak_path, const rapidjson::Value& snak,
                                          SnakValue& out) {
  if (!snak.IsObject()) {
    Problem(unit, snak_path, &snak, Cat("a snak is an object, found ", JsonTypeName(snak)));
    return SnakOutcome::kBad;
  }
  Member snaktype = FindMember(snak, "snaktype");
  std::string_view kind = snaktype && snaktype.value->IsString() ? View(*snaktype.value) : "";
  if (kind == "somevalue" || kind == "novalue") return SnakOutcome::kNoValue;
  if (kind != "value") {
    Problem(unit, snaktype ? snak_path.Member(snaktype.name) : snak_path, snaktype ? snaktype.value : &snak,
            "a snak's 'snaktype' is 'value', 'somevalue' or 'novalue'");
    return SnakOutcome::kBad;
  }
  Member datavalue = FindMember(snak, "datavalue");
  Member type = datavalue ? FindMember(*datavalue.value, "type") : Member();
  Member value = datavalue ? FindMember(*datavalue.value, "value") : Member();
  if (!type || !type.value->IsString() || !value) {
    Problem(unit, datavalue ? snak_path.Member(datavalue.name) : snak_path, datavalue ? datavalue.value : &snak,
            "a value snak needs a 'datavalue' with a 'type' and a 'value'");
    return SnakOutcome::kBad;
  }
  out = {View(*type.value), value.value, datavalue.value, type.value, datavalue.name, type.name, value.name};
  return SnakOutcome::kValue;
}

bool WikidataValueReader::ExpectType(size_t unit, const JsonPath& datavalue_path, const SnakValue& snak,
                                     std::initializer_list<std::string_view> types, std::string_view property) {
  if (std::find(types.begin(), types.end(), snak.type) != types.end()) return true;
  Problem(unit, datavalue_path.Member(snak.type_member), snak.type_value,
          Cat(property, " is read here as ", *types.begin(), " values, but this one is '", snak.type, "'"));
  return false;
}

std::optional<std::string_view> WikidataValueReader::ReadItemId(size_t unit, const JsonPath& path,
                                                                const rapidjson::Value& value) {
  Member id = FindMember(value, "id");
  if (id && id.value->IsString() && IsItemId(View(*id.value))) return View(*id.value);
  Member numeric = FindMember(value, "numeric-id");
  Member entity_type = FindMember(value, "entity-type");
  bool is_item = !entity_type || (entity_type.value->IsString() && View(*entity_type.value) == "item");
  if (!id && numeric && numeric.value->IsUint64() && numeric.value->GetUint64() > 0 && is_item) {
    return batch_.Keep(Cat("Q", numeric.value->GetUint64()));
  }
  Problem(unit, id ? path.Member(id.name) : path, id ? id.value : &value, "expected an item: {\"id\": \"Q…\"}");
  return std::nullopt;
}

std::optional<TimePoint> WikidataValueReader::ReadTime(size_t unit, const JsonPath& path,
                                                       const rapidjson::Value& value) {
  Member time = FindMember(value, "time");
  Member precision = FindMember(value, "precision");
  if (!time || !time.value->IsString()) {
    Problem(unit, time ? path.Member(time.name) : path, time ? time.value : &value,
            "a time value needs a 'time' string");
    return std::nullopt;
  }
  if (!precision || !precision.value->IsInt()) {
    Problem(unit, precision ? path.Member(precision.name) : path, precision ? precision.value : &value,
            "a time value needs an integer 'precision'");
    return std::nullopt;
  }
  JsonPath time_path = path.Member(time.name);
  std::string_view text = View(*time.value);
  // +YYYY-MM-DDThh:mm:ssZ, the year with any number of digits.
  auto malformed = [&] {
    Problem(unit, time_path, time.value, Cat("'", text, "' is not a Wikidata time (+YYYY-MM-DDThh:mm:ssZ)"));
    return std::nullopt;
  };
  if (text.size() < 2 || (text[0] != '+' && text[0] != '-')) return malformed();
  size_t year_end = text.find('-', 1);
  if (year_end == std::string_view::npos || year_end == 1 || year_end > 17 || text.size() < year_end + 7 ||
      text[year_end + 3] != '-' || text[year_end + 6] != 'T') {
    return malformed();
  }
  int64_t year = 0;
  int month = 0, day = 0;
  for (size_t i = 1; i < year_end; ++i) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(text[i]))) return malformed();
    year = year * 10 + (text[i] - '0');
  }
  for (size_t i : {year_end + 1, year_end + 2, year_end + 4, year_end + 5}) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(text[i]))) return malformed();
  }
  month = (text[year_end + 1] - '0') * 10 + (text[year_end + 2] - '0');
  day = (text[year_end + 4] - '0') * 10 + (text[year_end + 5] - '0');
  if (text[0] == '-' || year < 1 || year > 9999) {
    Problem(unit, time_path, time.value, Cat("'", text, "': aikg takes years from 1 to 9999"));
    return std::nullopt;
  }
  int digits = precision.value->GetInt();
  if (digits < 8) {
    Problem(unit, path.Member(precision.name), precision.value,
            Cat("precision ", digits, " is coarser than a decade (8), which aikg does not represent"));
    return std::nullopt;
  }
  Member calendar = FindMember(value, "calendarmodel");
  bool julian = calendar && calendar.value->IsString() && ItemIdOfUri(View(*calendar.value)) == kJulianCalendar;
  if (digits >= 10 && julian) {
    Problem(unit, path.Member(calendar.name), calendar.value,
            "dates in the Julian calendar are not supported at month or day precision");
    return std::nullopt;
  }
  int whole_year = static_cast<int>(year);
  if (digits >= 10 && (month < 1 || month > 12)) {
    Problem(unit, time_path, time.value, Cat("'", text, "' has no month ", month, " (precision ", digits, ")"));
    return std::nullopt;
  }
  if (digits >= 11) {  // hours and finer are read as the day
    absl::CivilDay civil(whole_year, month, day);
    if (day < 1 || civil.month() != month || civil.day() != day) {
      Problem(unit, time_path, time.value, Cat("'", text, "' is not a day of the calendar"));
      return std::nullopt;
    }
    return TimePoint::Day(whole_year, month, day);
  }
  if (digits == 10) return TimePoint::Month(whole_year, month);
  if (digits == 9) return TimePoint::Year(whole_year);
  int decade = whole_year - whole_year % 10;
  if (decade < 10) {
    Problem(unit, time_path, time.value, Cat("'", text, "': the first decade aikg represents is the 10s"));
    return std::nullopt;
  }
  return TimePoint::Decade(decade);
}

std::optional<WikidataQuantity> WikidataValueReader::ReadQuantity(size_t unit, const JsonPath& path,
                                                                  const rapidjson::Value& value) {
  WikidataQuantity quantity;
  bool ok = true;
  auto number = [&](std::string_view name, bool required) -> std::optional<double> {
    Member member = FindMember(value, name);
    if (!member) {
      if (required) {
        Problem(unit, path, &value, Cat("a quantity needs an '", name, "'"));
        ok = false;
      }
      return std::nullopt;
    }
    std::optional<double> parsed = ReadDecimal(*member.value);
    if (!parsed) {
      Problem(unit, path.Member(member.name), member.value,
              Cat("'", name, "' must be a decimal number such as \"+1234.5\""));
      ok = false;
    }
    if (required && member.value->IsString()) {
      quantity.amount_text = View(*member.value);
      if (quantity.amount_text.starts_with('+')) quantity.amount_text.remove_prefix(1);
    }
    return parsed;
  };
  quantity.amount = number("amount", true).value_or(0);
  quantity.lower = number("lowerBound", false);
  quantity.upper = number("upperBound", false);
  Member unit_member = FindMember(value, "unit");
  if (!unit_member || !unit_member.value->IsString()) {
    Problem(unit, unit_member ? path.Member(unit_member.name) : path, unit_member ? unit_member.value : &value,
            "a quantity needs a 'unit': \"1\" or the unit item's URI");
    return std::nullopt;
  }
  quantity.unit = View(*unit_member.value);
  if (quantity.unit != "1") quantity.unit = ItemIdOfUri(quantity.unit);
  quantity.unit_member = unit_member.name;
  if (quantity.unit != "1" && !IsItemId(quantity.unit)) {
    Problem(unit, path.Member(unit_member.name), unit_member.value,
            Cat("'", View(*unit_member.value), "' names no unit item"));
    return std::nullopt;
  }
  if (!ok) return std::nullopt;
  return quantity;
}

std::optional<Text> WikidataValueReader::ReadText(size_t unit, const JsonPath& path, const SnakValue& snak) {
  if (snak.type == "string" && snak.value->IsString()) return Text{View(*snak.value), {}};
  Member text = FindMember(*snak.value, "text");
  Member language = FindMember(*snak.value, "language");
  if (snak.type == "monolingualtext" && text && text.value->IsString()) {
    return Text{View(*text.value), language && language.value->IsString() ? View(*language.value) : ""};
  }
  Problem(unit, path, snak.value, "expected a string, or a monolingual text {\"text\", \"language\"}");
  return std::nullopt;
}

}  // namespace aikg::internal
