// Export entry points and what the writers share (scope, times, escapes).

#include "aikg/export.h"

#include <cstdio>
#include <string>
#include <utility>

#include <rapidjson/internal/dtoa.h>

#include "export/export_internal.h"
#include "internal/atomic_file.h"
#include "internal/cat.h"

namespace aikg {
namespace internal {

ExportScope::ExportScope(const View& view) : view(view), data(view.graph().data()) {
  if (view.statement_count() == data.statements.size()) {
    sources.reserve(data.sources.size());
    for (SourceIndex s = 0; s < data.sources.size(); ++s) sources.push_back(s);
    return;
  }
  std::vector<bool> cited(data.sources.size(), false);
  for (StatementIndex s = 0; s < data.statements.size(); ++s) {
    if (!view.ContainsStatement(s)) continue;
    for (const Citation& citation : data.CitationsOf(data.statements[s])) {
      // A relay is published no earlier than what it relays: the chain explains known-at
      // views, so it goes along. Chains are acyclic (checked on load).
      for (SourceIndex source = citation.source; source != kNoIndex && !cited[source];
           source = data.sources[source].via) {
        cited[source] = true;
      }
    }
  }
  for (SourceIndex s = 0; s < data.sources.size(); ++s) {
    if (cited[s]) sources.push_back(s);
  }
}

void ExportScope::NumberStatements() {
  order.assign(data.statements.size(), 0);
  uint32_t next = 0;
  for (StatementIndex s = 0; s < data.statements.size(); ++s) {
    if (view.ContainsStatement(s)) order[s] = next++;
  }
}

absl::StatusOr<ValidTime> ParseValidText(std::string_view text) {
  size_t dots = text.find("..");
  if (dots == std::string_view::npos) {
    absl::StatusOr<TimePoint> point = TimePoint::Parse(text);
    if (!point.ok()) return point.status();
    return ValidTime::At(*point);
  }
  ValidTime valid;
  std::string_view from = text.substr(0, dots), to = text.substr(dots + 2);
  if (!from.empty()) {
    absl::StatusOr<TimePoint> point = TimePoint::Parse(from);
    if (!point.ok()) return point.status();
    valid.from = *point;
  }
  if (!to.empty()) {
    absl::StatusOr<TimePoint> point = TimePoint::Parse(to);
    if (!point.ok()) return point.status();
    valid.to = *point;
  }
  if (!valid.is_set()) return absl::InvalidArgumentError("an interval needs a start, an end or both, not '..'");
  return valid;
}

bool HasDays(const TimePoint& point) {
  return point.is_set() && !(point.is_fiscal() && point.fiscal_year_start() == 0);
}

std::string HtmlEscaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string DayText(absl::CivilDay day) {
  if (day.year() < 0 || day.year() > 9999) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02d-%02d", static_cast<long long>(day.year()), day.month(),
                  day.day());
    return buffer;
  }
  // By hand: snprintf showed in the export profiles (a date or two per statement).
  auto digit = [](int value) { return static_cast<char>('0' + value % 10); };
  int year = static_cast<int>(day.year());
  return {digit(year / 1000), digit(year / 100), digit(year / 10), digit(year), '-',
          digit(day.month() / 10), digit(day.month()), '-', digit(day.day() / 10), digit(day.day())};
}

std::string NumberText(double value) {
  if (std::trunc(value) == value && std::fabs(value) < 9007199254740992.0 && !(value == 0 && std::signbit(value))) {
    return Cat(static_cast<int64_t>(value));
  }
  if (!std::isfinite(value)) return std::isnan(value) ? "NaN" : (value > 0 ? "Infinity" : "-Infinity");
  char buffer[32];
  char* end = rapidjson::internal::dtoa(value, buffer);
  return std::string(buffer, end);
}

void TextOut::Xml(std::string_view text) {
  size_t plain = 0;  // start of the run not yet written
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    const char* replacement = nullptr;
    size_t width = 1;
    switch (c) {
      case '&': replacement = "&amp;"; break;
      case '<': replacement = "&lt;"; break;
      case '>': replacement = "&gt;"; break;
      case '"': replacement = "&quot;"; break;
      case '\n': replacement = "&#10;"; break;
      case '\r': replacement = "&#13;"; break;
      case '\t': replacement = "&#9;"; break;
      default:
        if (c < 0x20) {
          replacement = "\xEF\xBF\xBD";
        } else if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
                   (static_cast<unsigned char>(text[i + 2]) & 0xFE) == 0xBE) {
          // U+FFFE and U+FFFF are not XML characters either.
          replacement = "\xEF\xBF\xBD";
          width = 3;
        }
    }
    if (replacement == nullptr) continue;
    *this << text.substr(plain, i - plain) << std::string_view(replacement);
    i += width - 1;
    plain = i + 1;
  }
  *this << text.substr(plain);
}

void TextOut::Csv(std::string_view text) {
  bool quote = !text.empty() && (text.front() == ' ' || text.back() == ' ' ||
                                 text.find_first_of(",\"\r\n") != std::string_view::npos);
  if (!quote) {
    *this << text;
    return;
  }
  *this << '"';
  Escaped(text, [](char c) -> const char* { return c == '"' ? "\"\"" : nullptr; });
  *this << '"';
}

void TextOut::Dot(std::string_view text) {
  *this << '"';
  Escaped(text, [](char c) -> const char* {
    switch (c) {
      case '"': return "\\\"";
      case '\\': return "\\\\";
      case '\n': return "\\n";
      case '\r': return "";
      default: return nullptr;
    }
  });
  *this << '"';
}

}  // namespace internal

namespace {

struct FormatName {
  ExportFormat format;
  std::string_view name;
};

constexpr FormatName kFormatNames[] = {
    {ExportFormat::kNodeLink, "node-link"}, {ExportFormat::kJsonGraph, "jgf"},
    {ExportFormat::kCytoscape, "cytoscape"}, {ExportFormat::kGraphMl, "graphml"},
    {ExportFormat::kGexf, "gexf"},           {ExportFormat::kDot, "dot"},
    {ExportFormat::kTimelineJs, "timelinejs"}, {ExportFormat::kCsv, "csv"},
    {ExportFormat::kHtml, "html"},
    {ExportFormat::kTurtle, "turtle"},       {ExportFormat::kNTriples, "ntriples"},
    {ExportFormat::kNQuads, "nquads"},       {ExportFormat::kJsonLd, "jsonld"},
};

}  // namespace

std::string_view ExportFormatName(ExportFormat format) {
  for (const FormatName& entry : kFormatNames) {
    if (entry.format == format) return entry.name;
  }
  return "";
}

absl::StatusOr<ExportFormat> ParseExportFormat(std::string_view name) {
  std::string known;
  for (const FormatName& entry : kFormatNames) {
    if (entry.name == name) return entry.format;
    known += internal::Cat(known.empty() ? "" : ", ", entry.name);
  }
  return absl::InvalidArgumentError(internal::Cat("unknown export format '", name, "' (expected ", known, ")"));
}

namespace {

bool IsRdfFormat(ExportFormat format) {
  return format == ExportFormat::kTurtle || format == ExportFormat::kNTriples || format == ExportFormat::kNQuads ||
         format == ExportFormat::kJsonLd;
}

}  // namespace

absl::Status Export(const View& view, ExportFormat format, const std::filesystem::path& out,
                    const ExportOptions& options) {
  if (view.graph().schema() == nullptr) {
    return absl::FailedPreconditionError("the graph has no schema: nothing to export");
  }
  if (format == ExportFormat::kCsv) return internal::WriteCsvDirectory(view, options, out);
  if (format == ExportFormat::kHtml) return internal::WriteExplorer(view, options, out);
  if (IsRdfFormat(format)) {
    // Checked before the output is touched, so a bad base IRI leaves the target alone.
    if (absl::Status base = CheckBaseIri(options.base_iri); !base.ok()) return base;
  }

  absl::StatusOr<internal::AtomicFile> file = internal::AtomicFile::Create(out);
  if (!file.ok()) return file.status();
  internal::ExportScope scope(view);
  switch (format) {
    case ExportFormat::kNodeLink: internal::WriteNodeLink(scope, options, file->stream()); break;
    case ExportFormat::kJsonGraph: internal::WriteJsonGraph(scope, options, file->stream()); break;
    case ExportFormat::kCytoscape: internal::WriteCytoscape(scope, options, file->stream()); break;
    case ExportFormat::kGraphMl: internal::WriteGraphMl(scope, options, file->stream()); break;
    case ExportFormat::kGexf: internal::WriteGexf(scope, options, file->stream()); break;
    case ExportFormat::kDot: internal::WriteDot(scope, options, file->stream()); break;
    case ExportFormat::kTimelineJs: internal::WriteTimelineJs(scope, options, file->stream()); break;
    case ExportFormat::kCsv:
    case ExportFormat::kHtml: break;
    case ExportFormat::kTurtle:
    case ExportFormat::kNTriples:
    case ExportFormat::kNQuads:
    case ExportFormat::kJsonLd:
      if (absl::Status written = internal::WriteRdf(scope, format, options, file->stream()); !written.ok()) {
        return written;  // the temporary file goes with `file`
      }
      break;
  }
  return file->Commit();
}

}  // namespace aikg
