// aikg: validate, summarise, report on, query, convert and export aikg graph files.
//
//   aikg validate FILE...                       exit 0 when valid; problems on stderr,
//                                               one per line: file:line:col: message
//   aikg summary FILE... [--format text|json]   counts by type, predicate, modality, source
//   aikg report FILE... [--top N] [--max-events N]
//                                               a Markdown report: summary, timeline, most
//                                               central entities, conflicting claims
//   aikg convert FILE... -o OUT [--same-as F.json]
//                                               merge the files and save them as one, merging
//                                               the entities a same-as file names; OUT.aikgb
//                                               is a binary snapshot (docs/snapshot.md)
//   aikg query FILE... -e 'MATCH …' [--param k=v]... [--format table|json|csv]
//                                               run a pattern query (docs/query.md)
//   aikg timeline FILE... [--entity ID|NAME]... [--from DATE] [--to DATE] [--group year|quarter|month]
//                 [--include-undated] [--as-of DATE] [--known-at DATE] [--format table|json|csv]
//                                               statements in time order (docs/timeline.md)
//   aikg series FILE... --subject ID|NAME --metric NAME [--format table|json|csv]
//                                               one subject's values of one metric over time
//   aikg import TABLE --mapping M.json (--into FILE... | --schema S.json) -o OUT [--skip-bad-rows]
//               [--same-as F.json] [--format csv|wikidata]
//                                               bring a table (through a mapping) or Wikidata
//                                               items into a graph (docs/import.md)
//   aikg reconcile FILE... --table T.csv --mapping M.json [--format table|json|csv]
//                                               what an import would link each row's entities to
//   aikg export FILE... --format node-link|jgf|cytoscape|graphml|gexf|dot|timelinejs|csv|parquet|html
//                                |turtle|ntriples|nquads|jsonld
//               -o PATH [--as-of DATE [--include-undated]] [--known-at DATE] [--type TYPE]...
//               [--around ENTITY]... [--hops N] [--links] [--group-by predicate|modality]
//               [--title TEXT] [--base-iri IRI] [--progress]
//                                               the graph, or what holds/was known at a date, of
//                                               some types or around some entities, in another
//                                               tool's format (docs/export.md, docs/rdf.md; html: a
//                                               browsable page, docs/explorer.md); for csv and
//                                               parquet, PATH is a directory
//
// Every FILE... is JSON files, or one binary snapshot (.aikgb) alone.
//
// Exit codes: 0 success, 1 invalid input, 2 usage error, 3 output could not be written.

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "absl/strings/ascii.h"
#include "absl/time/civil_time.h"
#include "aikg/aikg.h"
#include "aikg/export.h"
#include "cli_support.h"
#include "import_commands.h"
#include "report.h"

namespace {

using aikg::cli::kExitCannotWrite;
using aikg::cli::kExitInvalid;
using aikg::cli::kExitUsage;
using aikg::cli::Load;
using aikg::cli::Print;

constexpr const char* kGraphFiles = "Graph files (JSON, or one .aikgb snapshot alone)";
// -o '' is a usage error: an empty path would otherwise mean the current directory to some
// writers and an exception to others.
const CLI::Validator kNonEmptyPath(
    [](const std::string& path) { return path.empty() ? std::string("the output path is empty") : std::string(); },
    "PATH");

// Parquet needs Arrow, which Debian does not package for C++: the aikg Python package writes it
// with pyarrow. `aikg export ... --format parquet` becomes `python -m aikg export ...` with the
// same arguments (same options, messages and exit codes), run by $AIKG_PYTHON or python3.
constexpr const char* kPythonExport = R"(import sys
try:
    from aikg.__main__ import main
except ImportError as error:
    print(f"export: --format parquet runs the aikg Python package, which {sys.executable} cannot import "
          f"({error}): pip install '.[parquet]' from the aikg sources", file=sys.stderr)
    sys.exit(3)
sys.exit(main(sys.argv[1:])))";

[[noreturn]] void ExportThroughPython(int argc, char** argv) {
  const char* python = std::getenv("AIKG_PYTHON");
  if (python == nullptr || *python == '\0') python = "python3";
  std::vector<const char*> args = {python, "-c", kPythonExport};
  for (int i = 1; i < argc; ++i) args.push_back(argv[i]);
  args.push_back(nullptr);
  std::cout.flush();
  execvp(python, const_cast<char* const*>(args.data()));
  std::cerr << "export: --format parquet runs the aikg Python package, but " << python
            << " cannot be run: " << std::strerror(errno) << "\n";
  std::exit(kExitCannotWrite);
}

// "k=v" → a query parameter: an integer, a number, true/false, or else the text itself.
bool ParseParameter(const std::string& assignment, aikg::query::Parameters& parameters) {
  size_t equals = assignment.find('=');
  if (equals == std::string::npos || equals == 0) return false;
  std::string name = assignment.substr(0, equals), text = assignment.substr(equals + 1);
  aikg::query::Value value{text};
  char* end = nullptr;
  long long integer = std::strtoll(text.c_str(), &end, 10);
  if (!text.empty() && *end == '\0') {
    value = aikg::query::Value{static_cast<int64_t>(integer)};
  } else {
    double number = std::strtod(text.c_str(), &end);
    if (!text.empty() && *end == '\0') value = aikg::query::Value{number};
  }
  if (text == "true" || text == "false") value = aikg::query::Value{text == "true"};
  parameters[name] = value;
  return true;
}

aikg::query::Value Text(std::string_view text) { return aikg::query::Value{std::string(text)}; }

aikg::query::Value SourceIds(const aikg::Graph& graph, const aikg::Statement& statement) {
  aikg::query::List ids;
  for (const aikg::Citation& citation : statement.citations()) ids.push_back(Text(graph.source(citation.source).id()));
  return aikg::query::Value{std::move(ids)};
}

// The object of an edge, or the value of a value statement.
aikg::query::Value ObjectOrValue(const aikg::Statement& statement) {
  if (std::optional<aikg::Entity> object = statement.object()) return aikg::query::Value{*object};
  return aikg::query::Value{aikg::query::ValueOf{statement}};
}

aikg::query::Value ValidText(const aikg::ValidTime& valid) {
  return valid.is_set() ? Text(valid.ToString()) : aikg::query::Value{};
}

// The `valid` column is where an entry is placed (TimelineEntry::when): its valid time, or the
// date of a release or announcement that has none.
aikg::query::Result TimelineTable(const aikg::Graph& graph, const std::vector<aikg::TimelineEntry>& entries,
                                  bool grouped) {
  aikg::query::Result result;
  if (grouped) result.columns.push_back("group");
  for (const char* column : {"valid", "subject", "predicate", "object_or_value", "modality", "sources", "statement"}) {
    result.columns.push_back(column);
  }
  for (const aikg::TimelineEntry& entry : entries) {
    const aikg::Statement& s = entry.statement;
    std::vector<aikg::query::Value> row;
    if (grouped) row.push_back(Text(entry.group));
    for (aikg::query::Value value : {ValidText(entry.when), aikg::query::Value{s.subject()}, Text(s.predicate_name()),
                                     ObjectOrValue(s), Text(aikg::ModalityName(s.modality())), SourceIds(graph, s),
                                     Text(s.id())}) {
      row.push_back(std::move(value));
    }
    result.rows.push_back(std::move(row));
  }
  return result;
}

// For people (`readable`), a point's quantity is one column, "≥ 97 million users"; for programs,
// its amount, unit and bound are three.
aikg::query::Result SeriesTable(const aikg::Graph& graph, const aikg::Series& series, bool readable) {
  aikg::query::Result result;
  result.columns = {"valid", "period"};
  if (readable) {
    result.columns.push_back("value");
  } else {
    result.columns.insert(result.columns.end(), {"amount", "unit", "bound"});
  }
  for (const char* column :
       {"modality", "sources", "derived_growth_percent", "stated_growth", "consistent", "statement"}) {
    result.columns.push_back(column);
  }
  auto optional_number = [](const std::optional<double>& number) {
    return number ? aikg::query::Value{*number} : aikg::query::Value{};
  };
  for (const aikg::SeriesPoint& point : series.points) {
    const aikg::Statement& s = point.statement;
    std::vector<aikg::query::Value> row = {ValidText(s.valid()),
                                           s.period().is_set() ? Text(s.period().ToString()) : aikg::query::Value{}};
    if (readable) {
      row.push_back(Text(aikg::FormatQuantity(point.quantity)));
    } else {
      row.insert(row.end(), {aikg::query::Value{point.quantity.amount}, Text(point.quantity.unit),
                             Text(aikg::BoundName(point.quantity.bound))});
    }
    row.insert(row.end(),
               {Text(aikg::ModalityName(s.modality())), SourceIds(graph, s), optional_number(point.derived_growth),
                point.stated_growth ? aikg::query::Value{aikg::query::ValueOf{*point.stated_growth}}
                                    : aikg::query::Value{},
                point.growth_consistent ? aikg::query::Value{*point.growth_consistent} : aikg::query::Value{},
                Text(s.id())});
    result.rows.push_back(std::move(row));
  }
  return result;
}

// An entity option: an id, an identifier, a name or an alias (aikg/resolve.h); nullopt after
// printing why when it names none or several.
std::optional<std::string> ResolveEntity(const aikg::Graph& graph, const std::string& reference, const char* option) {
  absl::StatusOr<aikg::Entity> entity = aikg::NameResolver(graph).Resolve(reference);
  if (!entity.ok()) {
    std::cerr << option << ": " << entity.status().message() << "\n";
    return std::nullopt;
  }
  return std::string(entity->id());
}

// A date option: the first or last day of the time it names.
std::optional<absl::CivilDay> DayOf(const std::string& text, bool last, const char* option) {
  if (text.empty()) return std::nullopt;
  absl::StatusOr<aikg::TimePoint> time = aikg::TimePoint::Parse(text);
  if (!time.ok()) {
    std::cerr << option << ": " << time.status().message() << "\n";
    std::exit(kExitUsage);
  }
  return last ? time->last_day() : time->first_day();
}

void PrintCounts(std::string_view title, const std::map<std::string, size_t>& counts) {
  std::cout << title << ":\n";
  for (const auto& [name, count] : counts) std::cout << "  " << name << ": " << count << "\n";
}

void PrintSummaryText(const aikg::GraphSummary& summary) {
  std::cout << "entities: " << summary.entities << "\n"
            << "statements: " << summary.statements << " (" << summary.edges << " between entities)\n"
            << "sources: " << summary.sources << "\n";
  if (summary.valid_start) {
    std::cout << "valid time span: " << absl::FormatCivilTime(*summary.valid_start) << " .. " << absl::FormatCivilTime(*summary.valid_end) << "\n";
  }
  PrintCounts("entities by type", summary.entities_by_type);
  PrintCounts("statements by predicate", summary.statements_by_predicate);
  PrintCounts("statements by modality", summary.statements_by_modality);
  PrintCounts("sources by kind", summary.sources_by_kind);
}

void PrintSummaryJson(const aikg::GraphSummary& summary) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  writer.SetIndent(' ', 2);
  auto counts = [&](const char* key, const std::map<std::string, size_t>& map) {
    writer.Key(key);
    writer.StartObject();
    for (const auto& [name, count] : map) {
      writer.Key(name.c_str());
      writer.Uint64(count);
    }
    writer.EndObject();
  };
  writer.StartObject();
  writer.Key("entities");
  writer.Uint64(summary.entities);
  writer.Key("statements");
  writer.Uint64(summary.statements);
  writer.Key("sources");
  writer.Uint64(summary.sources);
  writer.Key("edges");
  writer.Uint64(summary.edges);
  counts("entities_by_type", summary.entities_by_type);
  counts("statements_by_predicate", summary.statements_by_predicate);
  counts("statements_by_modality", summary.statements_by_modality);
  counts("sources_by_kind", summary.sources_by_kind);
  // The span of the statements' valid times, under the names every table uses.
  for (auto [key, day] : {std::pair{"valid_start", summary.valid_start}, std::pair{"valid_end", summary.valid_end}}) {
    writer.Key(key);
    if (day) {
      writer.String(absl::FormatCivilTime(*day).c_str());
    } else {
      writer.Null();
    }
  }
  writer.EndObject();
  std::cout << buffer.GetString() << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"aikg: a typed, sourced, time-aware knowledge graph of AI-industry claims"};
  app.require_subcommand(1);

  std::vector<std::string> files;
  auto* validate = app.add_subcommand("validate", "Check graph files against their schema");
  validate->add_option("files", files, kGraphFiles)->required()->check(CLI::ExistingFile);

  std::string format = "text";
  auto* summary = app.add_subcommand("summary", "Count what graph files hold");
  summary->add_option("files", files, kGraphFiles)->required()->check(CLI::ExistingFile);
  summary->add_option("--format", format, "Output format")->check(CLI::IsMember({"text", "json"}));

  aikg::cli::ReportOptions report_options;
  auto* report = app.add_subcommand("report", "A Markdown report: summary, timeline, central entities, conflicts");
  report->add_option("files", files, kGraphFiles)->required()->check(CLI::ExistingFile);
  report->add_option("--top", report_options.top, "Central entities listed")->check(CLI::PositiveNumber);
  report->add_option("--max-events", report_options.max_events, "Timeline lines listed");

  std::string output;
  auto* convert = app.add_subcommand("convert", "Merge graph files and save them as one canonical file");
  convert->add_option("files", files, kGraphFiles)->required()->check(CLI::ExistingFile);
  convert->add_option("-o,--output", output, "Output file: a .aikgb snapshot, else canonical JSON")
      ->required()
      ->check(kNonEmptyPath);
  std::string same_as;
  convert->add_option("--same-as", same_as, "Merge the entities a same-as file names (docs/import.md)")
      ->check(CLI::ExistingFile);

  std::string query_text;
  std::vector<std::string> assignments;
  std::string result_format = "table";
  auto* query = app.add_subcommand("query", "Run a pattern query (docs/query.md) over graph files");
  query->add_option("files", files, kGraphFiles)->required()->check(CLI::ExistingFile);
  query->add_option("-e,--execute", query_text, "The query text")->required();
  query->add_option("--param", assignments, "A query parameter, name=value (repeatable)");
  query->add_option("--format", result_format, "Output format")->check(CLI::IsMember({"table", "json", "csv"}));
  // The run's budget (docs/query.md, "Limits"); 0 lifts a limit.
  aikg::query::QueryOptions query_limits;
  double timeout_seconds = 0;
  query->add_option("--max-hops", query_limits.max_open_hops, "Longest path an open hop range (*) matches")
      ->capture_default_str()
      ->check(CLI::Range(0, aikg::query::kMaxHops));
  query->add_option("--max-rows", query_limits.max_rows, "Most rows kept before ORDER BY/SKIP/LIMIT (0: no limit)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  query->add_option("--max-memory", query_limits.max_memory_bytes, "Most bytes those rows may take (0: no limit)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  query->add_option("--timeout", timeout_seconds, "Seconds the run may take (0: no limit)")
      ->check(CLI::Range(0.0, 1e9));

  std::vector<std::string> entities;
  std::string from, to, grouping = "none", as_of, known_at;
  bool include_undated = false;
  auto* timeline = app.add_subcommand("timeline", "List statements in time order (docs/timeline.md)");
  timeline->add_option("files", files, kGraphFiles)->required()->check(CLI::ExistingFile);
  timeline->add_option("--entity", entities, "Only statements about this entity: id or name (repeatable)");
  timeline->add_option("--from", from, "Start of the range: a time (2024, 2024-Q2, 2024-03-01)");
  timeline->add_option("--to", to, "End of the range: a time");
  timeline->add_option("--group", grouping, "Group by")->check(CLI::IsMember({"none", "year", "quarter", "month"}));
  timeline->add_flag("--include-undated,--undated", include_undated,
                     "Also list statements with neither a valid time nor a date value (within --to: those "
                     "published by then)");
  timeline->add_option("--as-of", as_of, "Only statements that may hold on this date");
  timeline->add_option("--known-at", known_at, "Only statements published by this date");
  timeline->add_option("--format", result_format, "Output format")->check(CLI::IsMember({"table", "json", "csv"}));

  std::string subject, metric;
  auto* series = app.add_subcommand("series", "One subject's values of one metric over time");
  series->add_option("files", files, kGraphFiles)->required()->check(CLI::ExistingFile);
  series->add_option("--subject", subject, "The entity: id or name")->required();
  series->add_option("--metric", metric, "The metric (a quantity predicate)")->required();
  series->add_option("--format", result_format, "Output format")->check(CLI::IsMember({"table", "json", "csv"}));

  std::string export_format, title;
  std::vector<std::string> export_types, around;
  int hops = 2;
  std::string timeline_group = "predicate";
  bool links_key = false, progress = false, spreadsheet_safe = false;
  auto* exporter = app.add_subcommand("export", "Write the graph in another tool's format (docs/export.md)");
  exporter->add_option("files", files, kGraphFiles)->required()->check(CLI::ExistingFile);
  exporter->add_option("--format", export_format, "Output format")
      ->required()
      ->check(CLI::IsMember(
          {"node-link", "jgf", "cytoscape", "graphml", "gexf", "dot", "timelinejs", "csv", "parquet", "html", "turtle",
           "ntriples", "nquads", "jsonld"}));
  exporter->add_option("-o,--output", output, "Output file (for csv and parquet: a directory)")
      ->required()
      ->check(kNonEmptyPath);
  exporter->add_option("--as-of", as_of, "Only statements that may hold on this date");
  exporter->add_option("--known-at", known_at, "Only statements published by this date");
  exporter->add_flag("--include-undated", include_undated,
                     "With --as-of: keep undated statements known by that date (docs/timeline.md)");
  exporter->add_option("--type", export_types, "Only entities of this type (and its subtypes); repeatable");
  exporter->add_option("--around", around, "Only the neighbourhood of this entity (id or name); repeatable");
  exporter->add_option("--hops", hops, "--around: how many steps from the entities (default 2)")
      ->check(CLI::NonNegativeNumber);
  exporter->add_option("--title", title, "html: the page's title (default: the schema's name)");
  exporter->add_flag("--links", links_key, "node-link: name the edge list 'links' (networkx before 3.4)");
  exporter->add_option("--group-by", timeline_group, "timelinejs: what groups the events")
      ->check(CLI::IsMember({"predicate", "modality"}));
  exporter->add_flag("--spreadsheet-safe", spreadsheet_safe,
                     "csv: prefix texts starting with = + - @ with an apostrophe, so spreadsheets do not run them");
  exporter->add_flag("--progress", progress, "Report progress on stderr (default: when stderr is a terminal)");
  std::string base_iri(aikg::kDefaultBaseIri);
  exporter->add_option("--base-iri", base_iri, "RDF formats: the IRI that ids become IRIs under (docs/rdf.md)");

  aikg::cli::ImportArguments import_arguments;
  auto* importer = app.add_subcommand("import", "Bring a table or Wikidata items into a graph (docs/import.md)");
  importer->add_option("input", import_arguments.input, "The table (CSV) or Wikidata JSON")
      ->required()
      ->check(CLI::ExistingFile);
  importer->add_option("--mapping", import_arguments.mapping, "The mapping (JSON)")->required()->check(CLI::ExistingFile);
  auto* into = importer->add_option("--into", import_arguments.into, "Graph files to import into")->check(CLI::ExistingFile);
  importer->add_option("--schema", import_arguments.schema, "Import into an empty graph of this schema")
      ->check(CLI::ExistingFile)
      ->excludes(into);
  importer->add_option("-o,--output", import_arguments.output, "Output graph file")->required()->check(kNonEmptyPath);
  importer->add_option("--format", import_arguments.format, "Input format")->check(CLI::IsMember({"csv", "wikidata"}));
  importer->add_flag("--skip-bad-rows", import_arguments.skip_bad_rows, "Leave out rows with problems, reporting each");
  importer->add_option("--same-as", import_arguments.same_as, "A same-as decision file (docs/import.md)")
      ->check(CLI::ExistingFile);

  aikg::cli::ReconcileArguments reconcile_arguments;
  auto* reconcile = app.add_subcommand("reconcile", "What importing a table would link each row's entities to");
  reconcile->add_option("files", reconcile_arguments.files, kGraphFiles)->required()->check(CLI::ExistingFile);
  reconcile->add_option("--table", reconcile_arguments.table, "The table (CSV)")->required()->check(CLI::ExistingFile);
  reconcile->add_option("--mapping", reconcile_arguments.mapping, "The mapping (JSON)")->required()->check(CLI::ExistingFile);
  reconcile->add_option("--format", reconcile_arguments.format, "Output format")
      ->check(CLI::IsMember({"table", "json", "csv"}));

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::ParseError& error) {
    app.exit(error);  // prints the problem and the usage
    return kExitUsage;
  }

  if (*exporter) {
    if (absl::Status base = aikg::CheckBaseIri(base_iri); !base.ok()) {
      std::cerr << "export: --base-iri: " << base.message() << "\n";
      return kExitUsage;
    }
  }
  if (*exporter && export_format == "parquet") {
    DayOf(as_of, true, "--as-of");  // usage errors are reported here, as for the other formats
    DayOf(known_at, true, "--known-at");
    ExportThroughPython(argc, argv);
  }

  if (*importer) {
    if (import_arguments.into.empty() && import_arguments.schema.empty()) {
      std::cerr << "import: give the graph to import into (--into FILE...) or its schema (--schema FILE)\n";
      return kExitUsage;
    }
    return aikg::cli::RunImport(import_arguments);
  }
  if (*reconcile) return aikg::cli::RunReconcile(reconcile_arguments);

  // Left to the operating system at exit, as clang leaves its AST (-disable-free): freeing a
  // graph of 10^6 statements piece by piece costs about a tenth of loading its snapshot
  // (docs/benchmarks.md). Held by a static, so leak checkers see it reachable.
  static aikg::Graph& graph = *new aikg::Graph;
  if (!Load(graph, files)) return kExitInvalid;

  if (*validate) {
    std::cout << "valid: " << graph.entity_count() << " entities, " << graph.statement_count() << " statements, "
              << graph.source_count() << " sources\n";
  } else if (*summary) {
    aikg::GraphSummary counts = aikg::Summarize(graph);
    if (format == "json") {
      PrintSummaryJson(counts);
    } else {
      PrintSummaryText(counts);
    }
  } else if (*query) {
    aikg::query::Parameters parameters;
    for (const std::string& assignment : assignments) {
      if (!ParseParameter(assignment, parameters)) {
        std::cerr << "--param takes name=value, not '" << assignment << "'\n";
        return kExitUsage;
      }
    }
    absl::StatusOr<std::chrono::milliseconds> timeout = aikg::query::TimeoutFromSeconds(timeout_seconds);
    if (!timeout.ok()) {
      std::cerr << "--" << timeout.status().message() << "\n";
      return kExitUsage;
    }
    query_limits.timeout = *timeout;
    absl::StatusOr<aikg::query::Result> result =
        aikg::query::Run(aikg::View(graph), query_text, parameters, query_limits);
    if (!result.ok()) {
      // Positioned errors read "query:1:7: …", like file:line:col; the others "query: …".
      std::string message(result.status().message());
      std::cerr << "query:" << (!message.empty() && absl::ascii_isdigit(message[0]) ? "" : " ") << message << "\n";
      return kExitInvalid;
    }
    Print(*result, result_format);
  } else if (*timeline) {
    aikg::TimelineOptions options;
    options.from = DayOf(from, false, "--from");
    options.to = DayOf(to, true, "--to");
    for (const std::string& entity : entities) {
      std::optional<std::string> id = ResolveEntity(graph, entity, "--entity");
      if (!id) return kExitUsage;
      options.entities.push_back(*id);
    }
    options.include_undated = include_undated;
    options.grouping = grouping == "year"      ? aikg::Grouping::kYear
                       : grouping == "quarter" ? aikg::Grouping::kQuarter
                       : grouping == "month"   ? aikg::Grouping::kMonth
                                               : aikg::Grouping::kNone;
    aikg::Filter when;
    when.valid_at = DayOf(as_of, true, "--as-of");
    when.known_at = DayOf(known_at, true, "--known-at");
    when.include_undated = include_undated;
    absl::StatusOr<aikg::View> view = aikg::View::Of(graph, when);
    absl::StatusOr<std::vector<aikg::TimelineEntry>> entries =
        view.ok() ? aikg::Timeline(*view, options) : view.status();
    if (!entries.ok()) {
      std::cerr << entries.status().message() << "\n";
      return kExitInvalid;
    }
    Print(TimelineTable(graph, *entries, options.grouping != aikg::Grouping::kNone), result_format);
  } else if (*series) {
    std::optional<std::string> subject_id = ResolveEntity(graph, subject, "--subject");
    if (!subject_id) return kExitUsage;
    absl::StatusOr<aikg::Series> values = aikg::MetricSeries(aikg::View(graph), *subject_id, metric);
    if (!values.ok()) {
      std::cerr << values.status().message() << "\n";
      return kExitInvalid;
    }
    Print(SeriesTable(graph, *values, result_format == "table"), result_format);
  } else if (*exporter) {
    aikg::Filter when;
    when.valid_at = DayOf(as_of, true, "--as-of");
    when.known_at = DayOf(known_at, true, "--known-at");
    when.include_undated = include_undated;
    when.entity_types = export_types;
    absl::StatusOr<aikg::View> view = aikg::View::Of(graph, when);
    if (!view.ok()) {
      std::cerr << view.status().message() << "\n";
      return kExitInvalid;
    }
    if (!around.empty()) {
      std::vector<aikg::EntityIndex> seeds;
      for (const std::string& entity : around) {
        std::optional<std::string> id = ResolveEntity(graph, entity, "--around");
        if (!id) return kExitUsage;
        seeds.push_back(graph.FindEntity(*id)->index());
      }
      *view = view->Ego(seeds, hops, aikg::Direction::kBoth);
    }
    aikg::ExportOptions options;
    options.html_title = title;
    options.node_link_links_key = links_key;
    options.base_iri = base_iri;
    options.csv_spreadsheet_safe = spreadsheet_safe;
    options.timeline_group =
        timeline_group == "modality" ? aikg::TimelineGroup::kModality : aikg::TimelineGroup::kPredicate;
    if (progress || isatty(STDERR_FILENO)) {
      options.progress = [](size_t done, size_t total) {
        std::cerr << "export: " << done << " of " << total << " entities and statements written\n";
      };
    }
    absl::Status written = aikg::Export(*view, *aikg::ParseExportFormat(export_format), output, options);
    if (!written.ok()) {
      std::cerr << written.message() << "\n";
      return written.code() == absl::StatusCode::kUnavailable ? kExitCannotWrite : kExitInvalid;
    }
  } else if (*report) {
    aikg::cli::PrintReport(graph, report_options, std::cout);
  } else if (*convert) {
    if (!same_as.empty()) {
      std::vector<aikg::Diagnostic> problems;
      absl::StatusOr<absl::flat_hash_map<std::string, std::string>> decisions = aikg::LoadSameAsFile(same_as, &problems);
      absl::StatusOr<aikg::Graph> merged =
          decisions.ok() ? aikg::MergeEntities(graph, *decisions, &problems) : decisions.status();
      if (!merged.ok()) {
        for (const aikg::Diagnostic& problem : problems) std::cerr << problem.Format() << "\n";
        if (problems.empty()) std::cerr << merged.status().message() << "\n";
        return kExitInvalid;
      }
      graph = *std::move(merged);
    }
    absl::Status saved = aikg::SaveGraphFile(graph, output);
    if (!saved.ok()) {
      std::cerr << saved.message() << "\n";
      return kExitCannotWrite;
    }
  }
  return 0;
}
