// Loads graph files and prints, for every "develops" statement, who builds what, when, and
// from which source:
//
//   who_builds_what datasets/china-ai-2025-09.json
//
// Exit codes: 0 success, 1 the files do not load, 2 usage.

#include <iostream>
#include <string>
#include <vector>

#include "aikg/aikg.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: who_builds_what GRAPH.json...\n";
    return 2;
  }
  std::vector<std::filesystem::path> files(argv + 1, argv + argc);
  aikg::Graph graph;
  std::vector<aikg::Diagnostic> problems;
  if (!aikg::LoadJsonFiles(graph, files, &problems).ok()) {
    for (const aikg::Diagnostic& problem : problems) std::cerr << problem.Format() << "\n";
    return 1;
  }
  std::cout << graph.entity_count() << " entities, " << graph.statement_count() << " statements\n";
  for (aikg::StatementIndex i = 0; i < graph.statement_count(); ++i) {
    aikg::Statement statement = graph.statement(i);
    if (statement.predicate_name() != "develops") continue;
    std::cout << statement.subject().name() << " develops " << statement.object()->name();
    if (statement.valid().is_set()) std::cout << " (" << statement.valid().from.ToString() << ")";
    std::cout << " [" << aikg::ModalityName(statement.modality()) << ", "
              << graph.source(statement.citations()[0].source).id() << "]\n";
  }
  return 0;
}
