// tools/aikg/report.h: `aikg report`, what a reader of a graph wants to see first.
//
// A Markdown report (readable in a terminal, renderable as is) with four sections:
//   - Summary: counts, the valid-time span, statements by modality, entity types, the sources;
//   - Timeline: the dated statements year by year, as sentences with their modality;
//   - Most central entities: PageRank over the edge statements, with in- and out-degree;
//   - Conflicting claims: the value statements that cannot all be true, and which one the
//     latest source makes current.

#ifndef AIKG_TOOLS_REPORT_H_
#define AIKG_TOOLS_REPORT_H_

#include <cstddef>
#include <ostream>

#include "aikg/graph.h"

namespace aikg::cli {

struct ReportOptions {
  size_t top = 10;           // central entities listed
  size_t max_events = 500;   // timeline lines listed before "… and N more"
};

void PrintReport(const Graph& graph, const ReportOptions& options, std::ostream& out);

}  // namespace aikg::cli

#endif  // AIKG_TOOLS_REPORT_H_
