#include "import_commands.h"

#include <iomanip>
#include <iostream>
#include <sstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "aikg/aikg.h"
#include "aikg/import.h"
#include "aikg/resolve.h"
#include "cli_support.h"

namespace aikg::cli {
namespace {

void PrintProblems(const std::vector<Diagnostic>& problems, const absl::Status& status) {
  for (const Diagnostic& problem : problems) std::cerr << problem.Format() << "\n";
  if (!status.ok() && problems.empty()) std::cerr << status.message() << "\n";
}

// `units` names what was read: "rows" of a table, "items" of Wikidata.
void PrintReport(const ImportReport& report, std::string_view units) {
  std::cout << "imported " << report.rows_imported << " of " << report.rows << " " << units;
  if (report.rows_skipped > 0) std::cout << " (" << report.rows_skipped << " skipped)";
  std::cout << ": " << report.entities_created << " entities created, " << report.entities_matched
            << " existing entities matched, " << report.statements_added << " statements added, "
            << report.statements_unchanged << " already there, " << report.sources_added << " sources added";
  if (report.cells_missing > 0) std::cout << ", " << report.cells_missing << " missing values skipped";
  if (report.deprecated_claims > 0) std::cout << ", " << report.deprecated_claims << " deprecated claims left out";
  std::cout << "\n";
  for (const auto& [property, count] : report.unmapped_properties) {
    std::cout << "  unmapped property " << property << ": " << count << " claims\n";
  }
  for (const auto& [item, count] : report.unresolved_items) {
    std::cout << "  unresolved item " << item << ": " << count << " claims left out\n";
  }
  for (const Diagnostic& skipped : report.skipped) std::cout << "  skipped: " << skipped.Format() << "\n";
}

}  // namespace

int RunImport(const ImportArguments& arguments) {
  Graph graph;
  if (!arguments.into.empty()) {
    if (!Load(graph, arguments.into)) return kExitInvalid;
  } else {
    std::vector<Diagnostic> problems;
    absl::StatusOr<Schema> schema = Schema::LoadFile(arguments.schema, &problems);
    if (!schema.ok()) {
      PrintProblems(problems, schema.status());
      return kExitInvalid;
    }
    graph = Graph(std::make_shared<const Schema>(*std::move(schema)));
  }

  ImportOptions options;
  options.skip_bad_rows = arguments.skip_bad_rows;
  std::vector<Diagnostic> problems;
  if (!arguments.same_as.empty()) {
    absl::StatusOr<absl::flat_hash_map<std::string, std::string>> same_as = LoadSameAsFile(arguments.same_as, &problems);
    if (!same_as.ok()) {
      PrintProblems(problems, same_as.status());
      return kExitInvalid;
    }
    options.same_as = *std::move(same_as);
  }

  absl::StatusOr<ImportReport> report = absl::UnknownError("");
  if (arguments.format == "wikidata") {
    absl::StatusOr<WikidataMapping> mapping = WikidataMapping::LoadFile(arguments.mapping, &problems);
    if (!mapping.ok()) {
      PrintProblems(problems, mapping.status());
      return kExitInvalid;
    }
    report = ImportWikidata(graph, arguments.input, *mapping, options, &problems);
  } else {
    absl::StatusOr<TableMapping> mapping = TableMapping::LoadFile(arguments.mapping, &problems);
    if (!mapping.ok()) {
      PrintProblems(problems, mapping.status());
      return kExitInvalid;
    }
    absl::StatusOr<Table> table = ReadCsvFile(arguments.input, mapping->csv(), &problems);
    if (!table.ok()) {
      PrintProblems(problems, table.status());
      return table.status().code() == absl::StatusCode::kUnavailable ? kExitUsage : kExitInvalid;
    }
    problems.clear();
    report = ImportTable(graph, *table, *mapping, options, &problems);
  }
  if (!report.ok()) {
    // With --skip-bad-rows the skipped rows' problems are in the report, not failures.
    PrintProblems(problems, report.status());
    return kExitInvalid;
  }
  absl::Status saved = SaveJsonFile(graph, arguments.output);
  if (!saved.ok()) {
    std::cerr << saved.message() << "\n";
    return kExitCannotWrite;
  }
  PrintReport(*report, arguments.format == "wikidata" ? "items" : "rows");
  return 0;
}

int RunReconcile(const ReconcileArguments& arguments) {
  Graph graph;
  if (!Load(graph, arguments.files)) return kExitInvalid;
  std::vector<Diagnostic> problems;
  absl::StatusOr<TableMapping> mapping = TableMapping::LoadFile(arguments.mapping, &problems);
  if (!mapping.ok()) {
    PrintProblems(problems, mapping.status());
    return kExitInvalid;
  }
  absl::StatusOr<Table> table = ReadCsvFile(arguments.table, mapping->csv(), &problems);
  if (!table.ok()) {
    PrintProblems(problems, table.status());
    return kExitInvalid;
  }
  absl::StatusOr<std::vector<RowReconciliation>> rows = ReconcileTable(graph, *table, *mapping, &problems);
  if (!rows.ok()) {
    PrintProblems(problems, rows.status());
    return kExitInvalid;
  }
  query::Result result;
  result.columns = {"line", "entity", "text", "outcome", "id", "candidates"};
  for (const RowReconciliation& row : *rows) {
    std::ostringstream listed;
    listed << std::fixed << std::setprecision(2);
    for (const Candidate& candidate : row.candidates) {
      if (listed.tellp() > 0) listed << "; ";
      listed << candidate.entity.id() << " (" << candidate.matched << ", " << ResolvedByName(candidate.how) << " "
             << candidate.score << ")";
    }
    std::string candidates = listed.str();
    result.rows.push_back({query::Value{static_cast<int64_t>(row.line)}, query::Value{row.entity},
                           query::Value{row.text}, query::Value{std::string(ReconciliationName(row.outcome))},
                           row.id.empty() ? query::Value{} : query::Value{row.id},
                           candidates.empty() ? query::Value{} : query::Value{candidates}});
  }
  Print(result, arguments.format);
  return 0;
}

}  // namespace aikg::cli
