#include "aikg/timeline.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <map>
#include <string>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "internal/cat.h"
#include "internal/graph_data.h"

namespace aikg {
namespace {

using internal::Cat;
using internal::GraphData;
using internal::StatementRecord;

constexpr absl::CivilDay kEpoch(1970, 1, 1);

// The days a statement may hold: its valid time, open ends reaching the calendar's ends.
struct Span {
  absl::CivilDay first, last;
};

Span SpanOf(const ValidTime& valid) {
  return {valid.from.is_set() ? valid.from.first_day() : absl::CivilDay(1, 1, 1),
          valid.to.is_set() ? valid.to.last_day() : absl::CivilDay(9999, 12, 31)};
}

// The period a figure is about: its reporting period when given, else its valid time.
std::optional<Span> FigureSpan(const Statement& statement) {
  if (statement.period().is_set()) return Span{statement.period().first_day(), statement.period().last_day()};
  if (statement.valid().is_set()) return SpanOf(statement.valid());
  return std::nullopt;
}

bool Meet(const Span& a, const Span& b) { return a.first <= b.last && b.first <= a.last; }

bool EarlierSpan(const Span& a, size_t ai, const Span& b, size_t bi) {
  if (a.first != b.first) return a.first < b.first;
  if (a.last != b.last) return a.last < b.last;
  return ai < bi;
}

std::string GroupLabel(const Span& span, const ValidTime& valid, Grouping grouping) {
  absl::CivilDay first = span.first, last = span.last;
  switch (grouping) {
    case Grouping::kNone:
      return "";
    case Grouping::kYear:
      if (first.year() == last.year()) return Cat(first.year());
      break;
    case Grouping::kQuarter:
      if (first.year() == last.year() && (first.month() - 1) / 3 == (last.month() - 1) / 3) {
        return Cat(first.year(), "-Q", (first.month() - 1) / 3 + 1);
      }
      break;
    case Grouping::kMonth:
      if (absl::CivilMonth(first) == absl::CivilMonth(last)) {
        char text[16];
        std::snprintf(text, sizeof text, "%04d-%02d", static_cast<int>(first.year()), first.month());
        return text;
      }
      break;
  }
  return valid.ToString();  // coarser than a group: its own period
}

// The value range a quantity allows: exact, bounded on one side, or about (±5 %).
std::pair<double, double> RangeOf(const Quantity& quantity) {
  constexpr double kInfinity = std::numeric_limits<double>::infinity();
  double low = quantity.amount, high = quantity.amount;
  switch (quantity.bound) {
    case Bound::kExact: break;
    case Bound::kAtLeast: high = kInfinity; break;
    case Bound::kAtMost: low = -kInfinity; break;
    case Bound::kAbout: {
      double margin = std::fabs(quantity.amount) * 0.05;
      low -= margin;
      high += margin;
      break;
    }
  }
  if (quantity.lower) low = *quantity.lower;
  if (quantity.upper) high = *quantity.upper;
  return {low, high};
}

// Whether two values of the same predicate cannot both be true; nullopt when not comparable.
std::optional<bool> Disagree(const Statement& a, const Statement& b) {
  if (auto x = a.quantity(), y = b.quantity(); x && y) {
    if (x->unit != y->unit) return std::nullopt;
    auto [low_a, high_a] = RangeOf(*x);
    auto [low_b, high_b] = RangeOf(*y);
    return high_a < low_b || high_b < low_a;
  }
  if (auto x = a.boolean(), y = b.boolean(); x && y) return *x != *y;
  if (auto x = a.date(), y = b.date(); x && y) return !Overlaps(*x, *y);
  return std::nullopt;
}

bool SameValue(const Statement& a, const Statement& b) {
  if (a.object() || b.object()) return a.object() == b.object();
  return a.quantity() == b.quantity() && a.boolean() == b.boolean() && a.date() == b.date() && a.text() == b.text();
}

// The first day a statement may have been known, from its sources.
std::optional<absl::CivilDay> FirstKnown(const Statement& statement,
                                         const std::vector<std::optional<absl::CivilDay>>& since) {
  std::optional<absl::CivilDay> first;
  for (const Citation& citation : statement.citations()) {
    if (since[citation.source] && (!first || *since[citation.source] < *first)) first = since[citation.source];
  }
  return first;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

absl::StatusOr<EntityIndex> ResolveEntity(const Graph& graph, std::string_view id) {
  std::optional<Entity> entity = graph.FindEntity(id);
  if (!entity) return absl::InvalidArgumentError(Cat("unknown entity '", id, "'"));
  return entity->index();
}

}  // namespace

absl::StatusOr<std::vector<TimelineEntry>> Timeline(const View& view, const TimelineOptions& options) {
  const Graph& graph = view.graph();
  const GraphData& data = graph.data();
  absl::flat_hash_set<EntityIndex> about;
  for (const std::string& id : options.entities) {
    absl::StatusOr<EntityIndex> entity = ResolveEntity(graph, id);
    if (!entity.ok()) return entity.status();
    about.insert(*entity);
  }
  auto wanted = [&](StatementIndex index) {
    if (!view.ContainsStatement(index)) return false;
    if (about.empty()) return true;
    const StatementRecord& record = data.statements[index];
    const auto* object = std::get_if<internal::ObjectRef>(&record.value);
    return about.contains(record.subject) || (object != nullptr && about.contains(object->entity));
  };

  int32_t from = options.from ? static_cast<int32_t>(*options.from - kEpoch) : std::numeric_limits<int32_t>::min();
  int32_t to = options.to ? static_cast<int32_t>(*options.to - kEpoch) : std::numeric_limits<int32_t>::max();
  struct Placed {
    Span span;
    StatementIndex index;
    ValidTime when;
    bool from_value;
  };
  std::vector<Placed> dated;
  data.valid_index.Overlapping(from, to, [&](uint32_t index) {
    const ValidTime& valid = data.statements[index].valid;
    if (wanted(index)) dated.push_back({SpanOf(valid), index, valid, false});
  });
  // Releases and announcements: no valid time, a date as the value; they happen at that date.
  data.date_value_index.Overlapping(from, to, [&](uint32_t index) {
    if (!wanted(index)) return;
    ValidTime when = ValidTime::At(std::get<TimePoint>(data.statements[index].value));
    dated.push_back({SpanOf(when), index, when, true});
  });
  std::sort(dated.begin(), dated.end(), [](const Placed& a, const Placed& b) {
    return EarlierSpan(a.span, a.index, b.span, b.index);
  });
  std::vector<TimelineEntry> entries;
  entries.reserve(dated.size());
  for (const Placed& placed : dated) {
    entries.push_back({graph.statement(placed.index), placed.when, placed.from_value,
                       GroupLabel(placed.span, placed.when, options.grouping)});
  }
  if (options.include_undated) {
    // An undated claim holds from when it was published: it is in a range ending at `to` when
    // it was known by then, as a view known at `to` says.
    std::optional<View> known_by_end;
    if (options.to) {
      Filter known;
      known.known_at = options.to;
      known_by_end = *view.Filtered(known);  // names nothing: cannot fail
    }
    for (StatementIndex index : data.undated) {
      if (!wanted(index)) continue;
      if (known_by_end && !known_by_end->ContainsStatement(index)) continue;
      entries.push_back({graph.statement(index), ValidTime(), false, ""});
    }
  }
  return entries;
}

absl::StatusOr<Series> MetricSeries(const View& view, std::string_view subject, std::string_view metric) {
  const Graph& graph = view.graph();
  const Schema& schema = *graph.schema();
  absl::StatusOr<EntityIndex> entity = ResolveEntity(graph, subject);
  if (!entity.ok()) return entity.status();
  std::optional<PredicateId> predicate = schema.FindPredicate(metric);
  if (!predicate) return absl::InvalidArgumentError(Cat("unknown predicate '", metric, "'"));
  if (schema.predicate(*predicate).range_kind != RangeKind::kQuantity) {
    return absl::InvalidArgumentError(Cat("'", metric, "' is not a metric: its values are not quantities"));
  }
  Series series{graph.entity(*entity), std::string(metric), {}, {}};
  std::vector<Statement> growths;  // statements of predicates that are the growth of `metric`
  for (StatementIndex index : view.Values(*entity)) {
    Statement statement = graph.statement(index);
    if (statement.predicate() == *predicate) {
      series.points.push_back({statement, *statement.quantity(), {}, {}, {}, {}});
    } else if (schema.predicate(statement.predicate()).growth_of == predicate) {
      growths.push_back(statement);
    }
  }
  std::stable_sort(series.points.begin(), series.points.end(), [](const SeriesPoint& a, const SeriesPoint& b) {
    std::optional<Span> x = FigureSpan(a.statement), y = FigureSpan(b.statement);
    if (!x || !y) return x.has_value() && !y.has_value();  // dated first
    return EarlierSpan(*x, a.statement.index(), *y, b.statement.index());
  });
  for (size_t i = 0; i < series.points.size(); ++i) {
    SeriesPoint& point = series.points[i];
    std::string unit(point.quantity.unit);
    if (std::find(series.units.begin(), series.units.end(), unit) == series.units.end()) series.units.push_back(unit);
    std::optional<Span> span = FigureSpan(point.statement);
    if (!span) continue;
    // Growth in percent means something for amounts (money, counts), not for ratios (a share
    // going from 17 % to 50 % is not "194 % growth"), and only between figures given as
    // exact or approximate: a bound's growth is not a growth.
    bool measurable = schema.unit(*schema.FindUnit(point.quantity.unit)).dimension != "ratio" &&
                      (point.quantity.bound == Bound::kExact || point.quantity.bound == Bound::kAbout);
    // The latest earlier figure of the same unit and precision is the base for growth.
    Precision precision = (point.statement.period().is_set() ? point.statement.period() : point.statement.valid().from).precision();
    for (size_t j = i; j-- > 0;) {
      const SeriesPoint& before = series.points[j];
      std::optional<Span> before_span = FigureSpan(before.statement);
      Precision before_precision =
          (before.statement.period().is_set() ? before.statement.period() : before.statement.valid().from).precision();
      if (!measurable || !before_span || before.quantity.unit != point.quantity.unit ||
          before_precision != precision || before_span->last >= span->first || before.quantity.amount == 0 ||
          before.quantity.bound == Bound::kAtLeast || before.quantity.bound == Bound::kAtMost) {
        continue;
      }
      point.previous = before.statement;
      point.derived_growth = (point.quantity.amount - before.quantity.amount) / before.quantity.amount * 100.0;
      break;
    }
    for (const Statement& growth : growths) {
      std::optional<Span> growth_span = FigureSpan(growth);
      if (!growth_span || !Meet(*growth_span, *span)) continue;
      point.stated_growth = growth;
      if (point.derived_growth) {
        auto [low, high] = RangeOf(*growth.quantity());
        point.growth_consistent = *point.derived_growth >= low - 1.0 && *point.derived_growth <= high + 1.0;
      }
      break;
    }
  }
  return series;
}

absl::StatusOr<std::vector<Series>> CompareSeries(const View& view, const std::vector<SeriesKey>& keys,
                                                  bool allow_different_metrics) {
  std::vector<Series> all;
  for (const SeriesKey& key : keys) {
    absl::StatusOr<Series> series = MetricSeries(view, key.subject, key.metric);
    if (!series.ok()) return series.status();
    all.push_back(*std::move(series));
  }
  if (allow_different_metrics) return all;
  const Schema& schema = *view.graph().schema();
  for (size_t i = 1; i < all.size(); ++i) {
    if (all[i].metric != all[0].metric) {
      return absl::InvalidArgumentError(
          Cat("refusing to compare '", all[0].metric, "' of ", all[0].subject.id(), " with '", all[i].metric, "' of ",
              all[i].subject.id(), ": they are different metrics; pass allow_different_metrics to compare anyway"));
    }
  }
  std::string dimension;
  std::string first_unit;
  for (const Series& series : all) {
    for (const std::string& unit : series.units) {
      const std::string& unit_dimension = schema.unit(*schema.FindUnit(unit)).dimension;
      if (dimension.empty()) {
        dimension = unit_dimension;
        first_unit = unit;
      } else if (unit_dimension != dimension) {
        return absl::InvalidArgumentError(Cat("refusing to compare ", first_unit, " (", dimension, ") with ", unit,
                                              " (", unit_dimension,
                                              "); pass allow_different_metrics to compare anyway"));
      }
    }
  }
  return all;
}

std::vector<Conflict> Conflicts(const View& view) {
  const Graph& graph = view.graph();
  std::vector<std::optional<absl::CivilDay>> since = graph.data().KnownSince();
  std::vector<Conflict> conflicts;
  for (EntityIndex entity = 0; entity < graph.entity_count(); ++entity) {
    if (!view.Contains(entity)) continue;
    std::map<PredicateId, std::vector<Statement>> by_predicate;
    for (StatementIndex index : view.Values(entity)) {
      Statement statement = graph.statement(index);
      by_predicate[statement.predicate()].push_back(statement);
    }
    for (auto& [predicate, statements] : by_predicate) {
      // Disagreeing pairs, joined into groups (a small union-find over the subject's values).
      std::vector<size_t> group(statements.size());
      for (size_t i = 0; i < group.size(); ++i) group[i] = i;
      auto root = [&](size_t i) {
        while (group[i] != i) i = group[i] = group[group[i]];
        return i;
      };
      std::vector<bool> in_conflict(statements.size(), false);
      for (size_t i = 0; i < statements.size(); ++i) {
        for (size_t j = i + 1; j < statements.size(); ++j) {
          std::optional<Span> a = FigureSpan(statements[i]), b = FigureSpan(statements[j]);
          bool same_time = (!a && !b) || (a && b && Meet(*a, *b));
          if (!same_time || Disagree(statements[i], statements[j]) != true) continue;
          group[root(i)] = root(j);
          in_conflict[i] = in_conflict[j] = true;
        }
      }
      std::map<size_t, Conflict> grouped;
      for (size_t i = 0; i < statements.size(); ++i) {
        if (in_conflict[i]) grouped[root(i)].statements.push_back(statements[i]);
      }
      for (auto& [key, conflict] : grouped) {
        // The most recently published supersedes, if its date is later than all others'.
        std::optional<absl::CivilDay> latest;
        int at_latest = 0;
        for (const Statement& statement : conflict.statements) {
          std::optional<absl::CivilDay> known = FirstKnown(statement, since);
          if (!known) continue;
          if (!latest || *known > *latest) {
            latest = known;
            at_latest = 1;
            conflict.current = statement;
          } else if (*known == *latest) {
            ++at_latest;
          }
        }
        if (at_latest != 1) conflict.current.reset();
        conflicts.push_back(std::move(conflict));
      }
    }
  }
  return conflicts;
}

std::vector<Change> Changes(const View& view, absl::CivilDay before, absl::CivilDay after) {
  const Graph& graph = view.graph();
  std::vector<std::optional<absl::CivilDay>> since = graph.data().KnownSince();
  auto known_by = [&](const Statement& statement, absl::CivilDay day) {
    std::optional<absl::CivilDay> first = FirstKnown(statement, since);
    return first && *first <= day;
  };
  std::vector<Change> changes;
  for (StatementIndex index = 0; index < graph.statement_count(); ++index) {
    if (!view.ContainsStatement(index)) continue;
    Statement statement = graph.statement(index);
    if (!known_by(statement, after) || known_by(statement, before)) continue;
    Change change{ChangeKind::kAdded, statement, std::nullopt};
    bool repeated = false;  // a figure or link already known: a confirmation, not a change
    if (std::optional<Entity> object = statement.object()) {
      for (const Statement& previous : graph.StatementsAbout(statement.subject().index())) {
        std::optional<Entity> previous_object = previous.object();
        if (previous.index() != index && view.ContainsStatement(previous.index()) &&
            previous.predicate() == statement.predicate() && previous_object && *previous_object == *object &&
            known_by(previous, before)) {
          repeated = true;
          break;
        }
      }
    } else {
      // A new figure for what an earlier statement already valued (same subject, predicate, time).
      std::optional<Span> span = FigureSpan(statement);
      for (StatementIndex older : view.Values(statement.subject().index())) {
        Statement previous = graph.statement(older);
        if (older == index || previous.predicate() != statement.predicate() || !known_by(previous, before)) continue;
        std::optional<Span> previous_span = FigureSpan(previous);
        bool same_time = (!span && !previous_span) || (span && previous_span && Meet(*span, *previous_span));
        if (!same_time) continue;
        if (SameValue(previous, statement)) {
          repeated = true;
          break;
        }
        if (change.kind == ChangeKind::kAdded) change = {ChangeKind::kChanged, statement, previous};
      }
    }
    if (repeated) continue;
    changes.push_back(change);
  }
  return changes;
}

absl::StatusOr<double> ParseAmount(std::string_view text) {
  std::string_view rest = Trim(text);
  size_t number_end = 0;
  while (number_end < rest.size() && (std::isdigit(static_cast<unsigned char>(rest[number_end])) ||
                                      rest[number_end] == '.' || rest[number_end] == ',' ||
                                      (number_end == 0 && (rest[0] == '-' || rest[0] == '+')))) {
    ++number_end;
  }
  std::string mantissa(rest.substr(0, number_end));
  if (mantissa.find('.') == std::string::npos) std::replace(mantissa.begin(), mantissa.end(), ',', '.');
  std::string word(Trim(rest.substr(number_end)));
  absl::AsciiStrToLower(&word);
  static const std::pair<std::string_view, int> kScales[] = {
      {"", 0},          {"k", 3},         {"thousand", 3}, {"mille", 3},    {"m", 6},
      {"million", 6},   {"millions", 6},  {"mn", 6},       {"bn", 9},       {"b", 9},
      {"billion", 9},   {"billions", 9},  {"milliard", 9}, {"milliards", 9}, {"trillion", 12},
      {"trillions", 12}, {"tn", 12}};
  const int* exponent = nullptr;
  for (const auto& [name, power] : kScales) {
    if (word == name) exponent = &power;
  }
  char* end = nullptr;
  // Writing the scale as an exponent keeps the decimal digits exact: "34.7e9", not 34.7 × 1e9.
  std::string scientific = Cat(mantissa, "e", exponent ? *exponent : 0);
  double value = std::strtod(scientific.c_str(), &end);
  if (mantissa.empty() || exponent == nullptr || end != scientific.c_str() + scientific.size() ||
      std::count(mantissa.begin(), mantissa.end(), '.') > 1) {
    return absl::InvalidArgumentError(
        Cat("cannot read '", text, "' as an amount: expected a number, optionally followed by thousand, million, "
            "billion, trillion (or k, M, bn, mille, milliard)"));
  }
  return value;
}

}  // namespace aikg
