// tools/aikg/cli_support.h: what every aikg subcommand shares: exit codes, loading graph files
// with their problems on stderr, and printing result tables.

#ifndef AIKG_TOOLS_CLI_SUPPORT_H_
#define AIKG_TOOLS_CLI_SUPPORT_H_

#include <string>
#include <vector>

#include "aikg/graph.h"
#include "aikg/query.h"

namespace aikg::cli {

inline constexpr int kExitInvalid = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitCannotWrite = 3;

// Loads every file into `graph` as one batch, printing each problem on stderr. Returns whether
// it worked.
bool Load(Graph& graph, const std::vector<std::string>& files);

// Prints `result` as "table", "json" or "csv".
void Print(const query::Result& result, const std::string& format);

}  // namespace aikg::cli

#endif  // AIKG_TOOLS_CLI_SUPPORT_H_
