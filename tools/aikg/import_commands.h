// tools/aikg/import_commands.h: `aikg import` (tables through a mapping, Wikidata JSON) and
// `aikg reconcile` (what an import would link each row's entities to). docs/import.md.

#ifndef AIKG_TOOLS_IMPORT_COMMANDS_H_
#define AIKG_TOOLS_IMPORT_COMMANDS_H_

#include <string>
#include <vector>

namespace aikg::cli {

struct ImportArguments {
  std::string input;             // the table (CSV) or the Wikidata JSON
  std::string format = "csv";    // "csv" or "wikidata"
  std::string mapping;
  std::vector<std::string> into;  // graph files to import into
  std::string schema;             // or an empty graph of this schema
  std::string output;
  std::string same_as;            // a same-as decision file
  bool skip_bad_rows = false;
};

// Returns the exit code; prints the report on stdout and problems on stderr.
int RunImport(const ImportArguments& arguments);

struct ReconcileArguments {
  std::vector<std::string> files;
  std::string table;
  std::string mapping;
  std::string format = "table";
};

int RunReconcile(const ReconcileArguments& arguments);

}  // namespace aikg::cli

#endif  // AIKG_TOOLS_IMPORT_COMMANDS_H_
