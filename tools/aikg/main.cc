// aikg: validate, summarise and convert aikg graph files from the command line.
//
//   aikg validate FILE...                       exit 0 when valid; problems on stderr,
//                                               one per line: file:line:col: message
//   aikg summary FILE... [--format text|json]   counts by type, predicate, modality, source
//   aikg convert FILE... -o OUT                 merge the files and save them as one
//   aikg query FILE... -e 'MATCH …' [--param k=v]... [--format table|json|csv]
//                                               run a pattern query (docs/query.md)
//
// Exit codes: 0 success, 1 invalid input, 2 usage error, 3 output could not be written.

#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "absl/time/civil_time.h"
#include "aikg/aikg.h"

namespace {

constexpr int kExitInvalid = 1;
constexpr int kExitUsage = 2;
constexpr int kExitCannotWrite = 3;

std::vector<std::filesystem::path> ToPaths(const std::vector<std::string>& files) {
  return {files.begin(), files.end()};
}

// Loads every file into `graph`, printing each problem on stderr. Returns whether it worked.
bool Load(aikg::Graph& graph, const std::vector<std::string>& files) {
  std::vector<aikg::Diagnostic> problems;
  absl::Status status = aikg::LoadJsonFiles(graph, ToPaths(files), &problems);
  for (const aikg::Diagnostic& problem : problems) std::cerr << problem.Format() << "\n";
  if (!status.ok() && problems.empty()) std::cerr << status.message() << "\n";
  return status.ok();
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

std::string DayText(const absl::CivilDay& day) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", static_cast<int>(day.year()), day.month(), day.day());
  return buffer;
}

void PrintCounts(std::string_view title, const std::map<std::string, size_t>& counts) {
  std::cout << title << ":\n";
  for (const auto& [name, count] : counts) std::cout << "  " << name << ": " << count << "\n";
}

void PrintSummaryText(const aikg::GraphSummary& summary) {
  std::cout << "entities: " << summary.entities << "\n"
            << "statements: " << summary.statements << " (" << summary.edges << " between entities)\n"
            << "sources: " << summary.sources << "\n";
  if (summary.valid_from) {
    std::cout << "valid time span: " << DayText(*summary.valid_from) << " .. " << DayText(*summary.valid_to) << "\n";
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
  writer.Key("time_span");
  if (summary.valid_from) {
    writer.StartObject();
    writer.Key("from");
    writer.String(DayText(*summary.valid_from).c_str());
    writer.Key("to");
    writer.String(DayText(*summary.valid_to).c_str());
    writer.EndObject();
  } else {
    writer.Null();
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
  validate->add_option("files", files, "Graph files (JSON)")->required()->check(CLI::ExistingFile);

  std::string format = "text";
  auto* summary = app.add_subcommand("summary", "Count what graph files hold");
  summary->add_option("files", files, "Graph files (JSON)")->required()->check(CLI::ExistingFile);
  summary->add_option("--format", format, "Output format")->check(CLI::IsMember({"text", "json"}));

  std::string output;
  auto* convert = app.add_subcommand("convert", "Merge graph files and save them as one canonical file");
  convert->add_option("files", files, "Graph files (JSON)")->required()->check(CLI::ExistingFile);
  convert->add_option("-o,--output", output, "Output file")->required();

  std::string query_text;
  std::vector<std::string> assignments;
  std::string result_format = "table";
  auto* query = app.add_subcommand("query", "Run a pattern query (docs/query.md) over graph files");
  query->add_option("files", files, "Graph files (JSON)")->required()->check(CLI::ExistingFile);
  query->add_option("-e,--execute", query_text, "The query text")->required();
  query->add_option("--param", assignments, "A query parameter, name=value (repeatable)");
  query->add_option("--format", result_format, "Output format")->check(CLI::IsMember({"table", "json", "csv"}));

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::ParseError& error) {
    app.exit(error);  // prints the problem and the usage
    return kExitUsage;
  }

  aikg::Graph graph;
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
    absl::StatusOr<aikg::query::Result> result = aikg::query::Run(aikg::View(graph), query_text, parameters);
    if (!result.ok()) {
      std::cerr << "query:" << result.status().message() << "\n";
      return kExitInvalid;
    }
    if (result_format == "json") {
      std::cout << aikg::query::ToJson(*result);
    } else if (result_format == "csv") {
      std::cout << aikg::query::ToCsv(*result);
    } else {
      std::cout << aikg::query::ToTable(*result);
    }
  } else if (*convert) {
    absl::Status saved = aikg::SaveJsonFile(graph, output);
    if (!saved.ok()) {
      std::cerr << saved.message() << "\n";
      return kExitCannotWrite;
    }
  }
  return 0;
}
