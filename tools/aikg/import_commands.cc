#include "import_commands.h"

#include <iomanip>
#include <iostream>
#include <sstream>
#include <memory>
#include <optional>
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

// The value, or nullopt after printing the problems that kept it from being made. Clears
// `problems` either way, for the next step.
template <typename T>
std::optional<T> OrPrint(absl::StatusOr<T> value, std::vector<Diagnostic>& problems) {
  if (!value.ok()) PrintProblems(problems, value.status());
  problems.clear();
  if (!value.ok()) return std::nullopt;
  return *std::move(value);
}

struct MappedTable {
  TableMapping mapping;
  Table table;
};

// A table mapping and the CSV table it reads, in the mapping's dialect.
std::optional<MappedTable> ReadMappedTable(const std::string& mapping_path, const std::string& table_path) {
  std::vector<Diagnostic> problems;
  std::optional<TableMapping> mapping = OrPrint(TableMapping::LoadFile(mapping_path, &problems), problems);
  if (!mapping) return std::nullopt;
  std::optional<Table> table = OrPrint(ReadCsvFile(table_path, mapping->csv(), &problems), problems);
  if (!table) return std::nullopt;
  return MappedTable{*std::move(mapping), *std::move(table)};
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
  std::vector<Diagnostic> problems;
  if (!arguments.into.empty()) {
    if (!Load(graph, arguments.into)) return kExitInvalid;
  } else {
    std::optional<Schema> schema = OrPrint(Schema::LoadFile(arguments.schema, &problems), problems);
    if (!schema) return kExitInvalid;
    graph = Graph(std::make_shared<const Schema>(*std::move(schema)));
  }

  ImportOptions options;
  options.skip_bad_rows = arguments.skip_bad_rows;
  if (!arguments.same_as.empty()) {
    auto same_as = OrPrint(LoadSameAsFile(arguments.same_as, &problems), problems);
    if (!same_as) return kExitInvalid;
    options.same_as = *std::move(same_as);
  }

  std::optional<ImportReport> report;
  if (arguments.format == "wikidata") {
    std::optional<WikidataMapping> mapping = OrPrint(WikidataMapping::LoadFile(arguments.mapping, &problems), problems);
    if (!mapping) return kExitInvalid;
    report = OrPrint(ImportWikidata(graph, arguments.input, *mapping, options, &problems), problems);
  } else {
    std::optional<MappedTable> input = ReadMappedTable(arguments.mapping, arguments.input);
    if (!input) return kExitInvalid;
    report = OrPrint(ImportTable(graph, input->table, input->mapping, options, &problems), problems);
  }
  // With --skip-bad-rows the skipped rows' problems are in the report, not failures.
  if (!report) return kExitInvalid;
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
  std::optional<MappedTable> input = ReadMappedTable(arguments.mapping, arguments.table);
  if (!input) return kExitInvalid;
  std::vector<Diagnostic> problems;
  std::optional<std::vector<RowReconciliation>> rows =
      OrPrint(ReconcileTable(graph, input->table, input->mapping, &problems), problems);
  if (!rows) return kExitInvalid;
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
