// TimelineJS JSON: one event per entry of the view's timeline (aikg::Timeline): each dated
// statement at its valid time, each release or announcement at its date value, in time order
// and at the entry's own precision so that a year-precise claim is never pinned to a day.

#include <cstdio>
#include <string>
#include <string_view>

#include "aikg/query.h"
#include "aikg/timeline.h"
#include "export/export_internal.h"
#include "internal/cat.h"

namespace aikg::internal {
namespace {

// How finely TimelineJS is told a date: the fields of its date object.
enum class DateDetail { kYear, kMonth, kDay, kMinute, kSecond };

// The detail that shows `point` without adding precision: whole calendar years and decades by
// year, whole months by month, days by day; quarters, halves, fuzzy parts and fiscal periods
// by the months (or, for parts of a month, the days) they start and end in.
DateDetail DetailOf(const TimePoint& point) {
  bool whole = point.part() == PeriodPart::kWhole && !point.is_fiscal();
  switch (point.precision()) {
    case Precision::kDecade: return DateDetail::kYear;
    case Precision::kYear: return whole ? DateDetail::kYear : DateDetail::kMonth;
    case Precision::kHalfYear:
    case Precision::kQuarter: return DateDetail::kMonth;
    case Precision::kMonth: return whole ? DateDetail::kMonth : DateDetail::kDay;
    case Precision::kDay: return DateDetail::kDay;
    case Precision::kMinute: return DateDetail::kMinute;
    case Precision::kSecond: return DateDetail::kSecond;
    case Precision::kUnset: break;
  }
  return DateDetail::kDay;
}

struct DateFields {
  DateDetail detail;
  absl::CivilDay day;
  int second_of_day = 0;

  friend bool operator==(const DateFields& a, const DateFields& b) {
    switch (a.detail) {
      case DateDetail::kYear: return a.day.year() == b.day.year();
      case DateDetail::kMonth: return absl::CivilMonth(a.day) == absl::CivilMonth(b.day);
      default: return a.day == b.day && a.second_of_day == b.second_of_day;
    }
  }
};

DateFields StartOf(const TimePoint& point) { return {DetailOf(point), point.first_day(), point.second_of_day()}; }
DateFields EndOf(const TimePoint& point) { return {DetailOf(point), point.last_day(), point.second_of_day()}; }

class TimelineWriter {
 public:
  TimelineWriter(ExportScope& scope, const ExportOptions& options, JsonFile& out)
      : scope_(scope), options_(options), out_(out), fields_(scope, out.writer()) {}

  void Event(const TimelineEntry& entry) {
    const Statement& statement = entry.statement;
    const StatementRecord& record = scope_.data.statements[statement.index()];
    const ValidTime& valid = entry.when;
    JsonFile::Writer& writer = out_.writer();
    writer.StartObject();
    // An open start is shown from the end's own period: TimelineJS needs a start.
    const TimePoint& start = HasDays(valid.from) ? valid.from : valid.to;
    DateFields first = StartOf(start);
    fields_.Key("start_date");
    Date(first);
    if (HasDays(valid.to)) {
      DateFields last = EndOf(valid.to);
      if (!(last == first) || last.detail != first.detail) {
        fields_.Key("end_date");
        Date(last);
      }
    }
    fields_.Member("display_date", valid.ToString());
    fields_.Key("text");
    writer.StartObject();
    fields_.Member("headline", HtmlEscaped(Headline(statement)));
    fields_.Member("text", Body(record));
    writer.EndObject();
    fields_.Member("group", options_.timeline_group == TimelineGroup::kModality ? ModalityName(record.modality)
                                                                               : scope_.PredicateName(record));
    fields_.Member("unique_id", record.id);
    writer.EndObject();
  }

 private:
  void Date(const DateFields& date) {
    JsonFile::Writer& writer = out_.writer();
    writer.StartObject();
    fields_.Key("year");
    writer.Int(static_cast<int>(date.day.year()));
    if (date.detail != DateDetail::kYear) {
      fields_.Key("month");
      writer.Int(date.day.month());
    }
    if (date.detail == DateDetail::kDay || date.detail == DateDetail::kMinute || date.detail == DateDetail::kSecond) {
      fields_.Key("day");
      writer.Int(date.day.day());
    }
    if (date.detail == DateDetail::kMinute || date.detail == DateDetail::kSecond) {
      fields_.Key("hour");
      writer.Int(date.second_of_day / 3600);
      fields_.Key("minute");
      writer.Int(date.second_of_day / 60 % 60);
    }
    if (date.detail == DateDetail::kSecond) {
      fields_.Key("second");
      writer.Int(date.second_of_day % 60);
    }
    writer.EndObject();
  }

  // "Nvidia develops H100", "Alibaba Group revenue ≈ 250 billion CNY".
  static std::string Headline(const Statement& statement) {
    std::string predicate(statement.predicate_name());
    for (char& c : predicate) {
      if (c == '_') c = ' ';
    }
    std::string object = statement.object() ? std::string(statement.object()->name())
                                            : query::ToText(query::Value{query::ValueOf{statement}});
    return Cat(statement.subject().name(), " ", predicate, " ", object);
  }

  // The modality, the sources (publisher or id, with the locator) and any confidence and
  // qualifiers, as HTML.
  std::string Body(const StatementRecord& record) const {
    const GraphData& data = scope_.data;
    std::string sources;
    for (const Citation& citation : data.CitationsOf(record)) {
      const SourceRecord& source = data.sources[citation.source];
      if (!sources.empty()) sources += "; ";
      sources += HtmlEscaped(source.publisher.empty() ? source.id : source.publisher);
      if (!citation.locator.empty()) sources += Cat(" (", HtmlEscaped(citation.locator), ")");
    }
    std::string body = Cat("<p>", ModalityName(record.modality), " &middot; ", sources, "</p>");
    if (!std::isnan(record.confidence)) body += Cat("<p>confidence ", NumberText(record.confidence), "</p>");
    for (const Qualifier& qualifier : data.QualifiersOf(record)) {
      body += Cat("<p>", HtmlEscaped(qualifier.key), ": ", HtmlEscaped(qualifier.value), "</p>");
    }
    return body;
  }

  ExportScope& scope_;
  const ExportOptions& options_;
  JsonFile& out_;
  JsonFields<JsonFile::Writer> fields_;
};

}  // namespace

void WriteTimelineJs(ExportScope& scope, const ExportOptions& options, std::FILE* file) {
  Progress progress(options, scope.view.statement_count());
  JsonFile out(file);
  // Only the dated entries, in time order; Timeline fails only for unknown entities, and none
  // are asked for.
  absl::StatusOr<std::vector<TimelineEntry>> entries = Timeline(scope.view);
  std::vector<TimelineEntry> dated;
  if (entries.ok()) {
    for (TimelineEntry& entry : *entries) {
      // A fiscal period not placed on the calendar has no days to show.
      if (HasDays(entry.when.from) || HasDays(entry.when.to)) dated.push_back(std::move(entry));
    }
  }

  const Schema& schema = *scope.data.schema;
  out.Raw("{\"title\": ");
  JsonFields<JsonFile::Writer> fields(scope, out.Next());
  out.writer().StartObject();
  fields.Key("text");
  out.writer().StartObject();
  fields.Member("headline", HtmlEscaped(schema.name()));
  fields.Member("text", Cat("<p>", dated.size(), " dated statements from ", scope.sources.size(), " sources</p>"));
  out.writer().EndObject();
  out.writer().EndObject();
  out.Raw(",\n \"events\": [");
  TimelineWriter events(scope, options, out);
  for (size_t i = 0; i < dated.size(); ++i) {
    out.Raw(i == 0 ? "\n  " : ",\n  ");
    out.Next();
    events.Event(dated[i]);
    progress.Step();
  }
  out.Raw(dated.empty() ? "]\n}\n" : "\n ]\n}\n");
  out.Flush();
  progress.Done();
}

}  // namespace aikg::internal
