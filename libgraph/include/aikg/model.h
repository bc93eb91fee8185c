// aikg/model.h: the vocabulary of a graph of claims: modalities, source kinds, values, and
// the input records that `Graph::Apply` takes.
//
// An entity is a typed node (`org/alibaba`, a Company). A statement is one claim about a subject
// entity: either a relation to another entity (an edge of the graph) or a value (a quantity
// with its unit and bound, a text, a date, a truth value), with the time it is valid for, its
// modality (reported fact, company claim, forecast, plan, opinion) and the sources it comes
// from. A source is where a claim was read, possibly relayed `via` another source.
//
// `FormatQuantity` writes a quantity for people: "≥ 97 million users", "34.7 billion USD".
//
// Input records hold `std::string_view`s: the strings must stay alive until `Graph::Apply`
// returns; the graph copies what it keeps.

#ifndef AIKG_MODEL_H_
#define AIKG_MODEL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "aikg/time.h"

namespace aikg {

using EntityIndex = uint32_t;
using SourceIndex = uint32_t;
using StatementIndex = uint32_t;

// How a statement is asserted.
enum class Modality : uint8_t {
  kReported,  // a fact reported by the source
  kClaim,     // what a company or person says of itself
  kForecast,  // an expectation about the future
  kPlan,      // an intention or announced target
  kOpinion,   // analysis or judgement
};
inline constexpr int kModalityCount = 5;

enum class SourceKind : uint8_t {
  kNewsletter,
  kNewsWire,
  kNewsArticle,
  kSocialMediaPost,
  kCompanyAnnouncement,
  kRegulator,
  kReport,
  kResearchPaper,
  kOther,
};

// How exact a quantity is: "passed 97 million" is kAtLeast, "about 1.5 billion" is kAbout.
enum class Bound : uint8_t { kExact, kAtLeast, kAtMost, kAbout };

// Names as written in JSON ("reported", "social_media_post", "at_least"), and back.
std::string_view ModalityName(Modality modality);
std::string_view SourceKindName(SourceKind kind);
std::string_view BoundName(Bound bound);
std::optional<Modality> ParseModality(std::string_view name);
std::optional<SourceKind> ParseSourceKind(std::string_view name);
std::optional<Bound> ParseBound(std::string_view name);

// The sign a bound is shown with: "≥", "≤", "≈", or "" for an exact quantity.
std::string_view BoundSymbol(Bound bound);

// A measured value. `unit` names a unit of the schema.
struct Quantity {
  double amount = 0;
  std::string_view unit;
  Bound bound = Bound::kExact;
  std::optional<double> lower;  // optional range around `amount`
  std::optional<double> upper;

  friend bool operator==(const Quantity&, const Quantity&) = default;
};

// A quantity as people read it: the bound's sign, the amount with a scale word, the unit's
// label, then the range if there is one:
//   "≥ 97 million users", "34.7 billion USD", "12,000 users", "-3.5 %", "0.85",
//   "3.8e25 FLOP", "≈ 250 billion CNY (240–260 billion)", "6 years (at least 5)".
// Nothing is rounded: the amount keeps every digit it has (34712000000 is "34.712 billion"),
// so the text says exactly what the graph holds. See `FormatAmount` and `UnitLabel`.
std::string FormatQuantity(const Quantity& quantity);

// A number with a scale word: "97 million", "34.712 billion", "1.2 trillion" from 10^6 up to
// 10^15 when that leaves at most three decimals, otherwise in full with thousands separators
// ("12,000", "1,234,567", "0.85"); scientific from 10^15 up and under 10^-4 ("3.8e25",
// "1.5e-6"). The digits are the shortest that read back as the same double, never rounded.
std::string FormatAmount(double amount);

// How a unit is labelled after a number: "%" for the schema's `percent`, the unit's name
// otherwise ("USD", "CNY", "users", "FLOP/s").
std::string_view UnitLabel(std::string_view unit);

struct Text {
  std::string_view text;
  std::string_view lang;  // BCP 47 tag, or empty

  friend bool operator==(const Text&, const Text&) = default;
};

// The object of an entity-to-entity statement, by id.
struct EntityId {
  std::string_view id;

  friend bool operator==(const EntityId&, const EntityId&) = default;
};

// What a statement says of its subject. `std::monostate` only in an unfinished input.
using StatementValue = std::variant<std::monostate, EntityId, Quantity, Text, TimePoint, bool>;

// Attribute values; which alternative is allowed is declared by the schema
// (text, number, integer, boolean, date).
using AttributeValue = std::variant<std::string_view, double, int64_t, bool, TimePoint>;

struct Alias {
  std::string_view name;
  std::string_view lang;

  friend bool operator==(const Alias&, const Alias&) = default;
};

struct Attribute {
  std::string_view name;
  AttributeValue value;

  friend bool operator==(const Attribute&, const Attribute&) = default;
};

struct Qualifier {
  std::string_view key;
  std::string_view value;

  friend bool operator==(const Qualifier&, const Qualifier&) = default;
};

struct SourceInput {
  std::string_view id;
  SourceKind kind = SourceKind::kOther;
  std::string_view publisher;
  std::string_view author;
  std::string_view title;
  std::string_view language;
  TimePoint published;
  std::string_view url;
  std::string_view via;  // id of the relaying source, or empty
};

struct EntityInput {
  std::string_view id;
  std::string_view type;
  std::string_view name;
  std::string_view description;
  std::vector<Alias> aliases;
  std::vector<Attribute> attributes;
};

struct CitationInput {
  std::string_view source;   // source id
  std::string_view locator;  // where in the source (section, paragraph), or empty
};

struct StatementInput {
  std::string_view id;
  std::string_view subject;  // entity id
  std::string_view predicate;
  StatementValue value;
  ValidTime valid;
  TimePoint period;  // reporting period, or unset
  Modality modality = Modality::kReported;
  std::vector<CitationInput> sources;
  std::optional<double> confidence;
  std::vector<Qualifier> qualifiers;
};

// A batch of additions, applied all or nothing by `Graph::Apply`.
struct ChangeSet {
  std::vector<SourceInput> sources;
  std::vector<EntityInput> entities;
  std::vector<StatementInput> statements;
};

}  // namespace aikg

#endif  // AIKG_MODEL_H_
