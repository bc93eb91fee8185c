// Reading the parts of Wikidata's entity JSON that carry values: claim ranks, snaks, and the
// item ids, times, quantities and texts in them. Wikidata's JSON is someone else's format, so
// members are looked up leniently (unknown ones ignored), but every value that is read and is
// wrong is reported at its place, as a problem of the import unit (the item) being read.

#ifndef AIKG_IMPORT_WIKIDATA_VALUES_H_
#define AIKG_IMPORT_WIKIDATA_VALUES_H_

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "aikg/model.h"
#include "aikg/time.h"
#include "import/import_internal.h"
#include "internal/json_input.h"

namespace aikg::internal {

// A member of an object of the input, with its name as parsed: it points into the input's
// buffer, so that paths made from it are located exactly.
struct Member {
  const rapidjson::Value* value = nullptr;
  std::string_view name;
  explicit operator bool() const { return value != nullptr; }
};

// The member `name` of `object`; none when `object` is no object or lacks it. O(members).
Member FindMember(const rapidjson::Value& object, std::string_view name);

// Wikidata writes an empty map as [] in places: both mean "nothing".
bool IsEmptyArray(const rapidjson::Value& value);

// "an object", "a string", ... for messages.
std::string_view JsonTypeName(const rapidjson::Value& value);

// The item id an entity URI ends with ("http://www.wikidata.org/entity/Q4917" → "Q4917").
std::string_view ItemIdOfUri(std::string_view uri);

// The value of a snak whose snaktype is "value": the datavalue's "type" and "value", and the
// member names and values that paths and reports need.
struct SnakValue {
  std::string_view type;  // "wikibase-entityid", "quantity", "time", "string", "monolingualtext", …
  const rapidjson::Value* value = nullptr;
  const rapidjson::Value* datavalue = nullptr;
  const rapidjson::Value* type_value = nullptr;
  std::string_view datavalue_member;
  std::string_view type_member;
  std::string_view value_member;
};
enum class SnakOutcome : uint8_t { kValue, kNoValue, kBad };

// A quantity as Wikidata gives it; `unit` is the unit's item id, or "1" for none.
struct WikidataQuantity {
  double amount = 0;
  std::optional<double> lower;
  std::optional<double> upper;
  std::string_view amount_text;  // as written, without a leading '+'
  std::string_view unit;
  std::string_view unit_member;  // for the unit's path
};

// Reads values of `input`, reporting each problem to `batch` for the unit given.
class WikidataValueReader {
 public:
  WikidataValueReader(JsonInput& input, ImportBatch& batch) : input_(input), batch_(batch) {}

  // Reports `message` about `value` at `path`, located now, as a problem of `unit`.
  void Problem(size_t unit, const JsonPath& path, const rapidjson::Value* value, std::string message);

  // A claim's rank: true for preferred, false for normal (or none given), nullopt for
  // deprecated or an unknown rank (reported).
  std::optional<bool> ReadRank(size_t unit, const JsonPath& claim_path, const rapidjson::Value& claim);
  // kValue with `out` filled for a "value" snak; kNoValue for "somevalue" and "novalue";
  // kBad (reported) for a malformed snak.
  SnakOutcome ReadSnak(size_t unit, const JsonPath& snak_path, const rapidjson::Value& snak, SnakValue& out);
  // Whether the snak's datavalue type is one of `types`; else reported at the type, saying that
  // `property` is read as values of the first of `types`.
  bool ExpectType(size_t unit, const JsonPath& datavalue_path, const SnakValue& snak,
                  std::initializer_list<std::string_view> types, std::string_view property);
  // An item id ({"id": "Q42"}, or {"numeric-id": 42} alone).
  std::optional<std::string_view> ReadItemId(size_t unit, const JsonPath& path, const rapidjson::Value& value);
  // A time value ({"time": "+2024-05-00T00:00:00Z", "precision": 10, …}) at its precision:
  // 11 day (and finer, read as the day), 10 month, 9 year, 8 decade. Coarser precisions, years
  // outside 1–9999 and Julian-calendar days or months are reported.
  std::optional<TimePoint> ReadTime(size_t unit, const JsonPath& path, const rapidjson::Value& value);
  // A quantity: decimal strings for the amount and bounds, a unit URI or "1".
  std::optional<WikidataQuantity> ReadQuantity(size_t unit, const JsonPath& path, const rapidjson::Value& value);
  // A string, or a monolingual text with its language.
  std::optional<Text> ReadText(size_t unit, const JsonPath& path, const SnakValue& snak);

 private:
  JsonInput& input_;
  ImportBatch& batch_;
};

}  // namespace aikg::internal

#endif  // AIKG_IMPORT_WIKIDATA_VALUES_H_
