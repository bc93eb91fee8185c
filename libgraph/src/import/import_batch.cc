// The batch both importers fill: one transaction, retried without the bad units when asked.

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "aikg/text.h"
#include "import/import_internal.h"
#include "internal/cat.h"
#include "internal/graph_data.h"
#include "internal/transaction.h"

namespace aikg::internal {

std::string Slug(std::string_view text) {
  std::string folded = FoldForLookup(text);
  std::string slug;
  slug.reserve(folded.size());
  for (char c : folded) {
    auto byte = static_cast<unsigned char>(c);
    bool keep = byte >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep) {
      slug.push_back(c);
    } else if (!slug.empty() && slug.back() != '-') {
      slug.push_back('-');
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug;
}

uint64_t StableHash(std::string_view bytes, uint64_t hash) {
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::string HexDigits(uint64_t hash, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(static_cast<size_t>(digits), '0');
  for (int i = digits - 1; i >= 0; --i, hash >>= 4) out[static_cast<size_t>(i)] = kHex[hash & 0xf];
  return out;
}

std::string_view ImportBatch::Keep(std::string_view text) { return kept_.Copy(text); }

void ImportBatch::Reserve(size_t entities, size_t statements) {
  entities_.reserve(entities);
  statements_.reserve(statements);
}

uint32_t ImportBatch::Site(const Diagnostic& where) {
  std::string key = Cat(where.file, '\0', where.column_name, '\0', where.pointer_file, '\0', where.json_pointer);
  auto [found, added] = site_ids_.try_emplace(std::move(key), static_cast<uint32_t>(sites_.size()));
  if (added) {
    Diagnostic site;
    site.file = where.file;
    site.column_name = where.column_name;
    site.pointer_file = where.pointer_file;
    site.json_pointer = where.json_pointer;
    sites_.push_back(std::move(site));
  }
  return found->second;
}

Diagnostic ImportBatch::Locate(const ImportPlace& place, std::string message) const {
  Diagnostic diagnostic = sites_[place.site];
  diagnostic.line = place.line;
  diagnostic.column = place.column;
  diagnostic.message = std::move(message);
  return diagnostic;
}

void ImportBatch::AddSource(SourceInput input, const ImportPlace& place) {
  sources_.push_back({std::move(input), place});
}

void ImportBatch::AddEntity(EntityInput input, const ImportPlace& place) {
  entities_.push_back({std::move(input), place});
}

void ImportBatch::AddStatement(StatementInput input, const ImportPlace& place) {
  statements_.push_back({std::move(input), place});
}

void ImportBatch::AddIdentifier(EntityIndex entity, std::string_view identifier, std::string_view value,
                                const ImportPlace& place) {
  identifiers_.push_back({{entity, identifier, value}, place});
}

void ImportBatch::Report(const ImportPlace& place, std::string message) {
  bad_units_.insert(place.unit);
  // Several rules reading one bad cell (a date that is the valid time and a value) say it once.
  // A unit's problems are reported together: only its own, the last ones, are compared.
  const std::string& column = sites_[place.site].column_name;
  for (auto known = read_problems_.rbegin(); known != read_problems_.rend() && known->first.unit == place.unit;
       ++known) {
    if (known->first.line == place.line && sites_[known->first.site].column_name == column && !column.empty() &&
        known->second == message) {
      return;
    }
  }
  read_problems_.emplace_back(place, std::move(message));
}

void ImportBatch::NoteMatched(EntityIndex entity, size_t unit) {
  matched_.emplace_back(entity, unit);
}

void ImportBatch::DependsOn(const ImportPlace& place, size_t dependency, std::string_view what) {
  if (place.unit != dependency) dependencies_.push_back({place, dependency, Keep(what)});
}

bool ImportBatch::PropagateBadUnits() {
  if (bad_units_.empty()) return false;
  bool added = false;
  absl::flat_hash_set<int> lines_told;  // a row whose line already has a problem needs no second one
  for (const auto& [place, message] : read_problems_) lines_told.insert(place.line);
  for (const Dependency& dependency : dependencies_) {
    if (!bad_units_.contains(dependency.dependency) || bad_units_.contains(dependency.place.unit)) continue;
    bad_units_.insert(dependency.place.unit);
    if (lines_told.insert(dependency.place.line).second) {
      read_problems_.emplace_back(dependency.place, Cat("the row refers to '", dependency.what,
                                                        "', which cannot be made (see its problem above)"));
    }
    added = true;
  }
  return added;
}

std::vector<std::pair<ImportPlace, std::string>> ImportBatch::TryApply(Graph& graph, ImportReport& report,
                                                                       bool commit) {
  GraphData& data = graph.mutable_data();
  Transaction transaction(data, graph.shared_schema(), {label_});
  // Origin.index numbers the items of all kinds in one sequence: places_[index].
  std::vector<const ImportPlace*> places;
  auto origin = [&](const ImportPlace& place) {
    places.push_back(&place);
    return Origin{0, static_cast<uint32_t>(places.size() - 1)};
  };
  ImportReport counts;
  // Units that others depend on (the entities a table import makes) are left out too when every
  // unit that needs them is.
  absl::flat_hash_set<size_t> needed, orphaned;
  for (const Dependency& dependency : dependencies_) {
    if (!bad_units_.contains(dependency.place.unit)) needed.insert(dependency.dependency);
  }
  for (const Dependency& dependency : dependencies_) {
    if (!needed.contains(dependency.dependency)) orphaned.insert(dependency.dependency);
  }
  auto left_out = [&](size_t unit) { return bad_units_.contains(unit) || orphaned.contains(unit); };
  // The first of several equal ids in the batch is added. What the graph already holds is merged
  // by the transaction: what it added is what the graph grew by, the rest was there unchanged.
  size_t sources = graph.source_count(), entities = graph.entity_count(), statements = graph.statement_count();
  size_t statements_given = 0;
  absl::flat_hash_set<std::string_view, StringViewHash> seen;
  for (const Item<SourceInput>& item : sources_) {
    if (left_out(item.place.unit) || !seen.insert(item.input.id).second) continue;
    transaction.AddSource(item.input, origin(item.place));
  }
  transaction.ResolveSources();
  seen.clear();
  for (const Item<EntityInput>& item : entities_) {
    if (left_out(item.place.unit) || !seen.insert(item.input.id).second) continue;
    transaction.AddEntity(item.input, origin(item.place));
  }
  for (const Item<IdentifierInput>& item : identifiers_) {
    if (left_out(item.place.unit)) continue;
    transaction.AddIdentifier(item.input.entity, item.input.identifier, item.input.value, origin(item.place));
  }
  seen.clear();
  for (const Item<StatementInput>& item : statements_) {
    if (left_out(item.place.unit) || !seen.insert(item.input.id).second) continue;
    ++statements_given;
    transaction.AddStatement(item.input, origin(item.place));
  }
  std::vector<std::pair<ImportPlace, std::string>> problems;
  for (const Problem& problem : transaction.problems()) {
    problems.emplace_back(*places[problem.origin.index], problem.message);
  }
  if (problems.empty() && commit) {
    counts.sources_added = graph.source_count() - sources;
    counts.entities_created = graph.entity_count() - entities;
    counts.statements_added = graph.statement_count() - statements;
    counts.statements_unchanged = statements_given - counts.statements_added;
    transaction.Commit();
    absl::flat_hash_set<EntityIndex> matched;
    for (const auto& [entity, unit] : matched_) {
      if (!bad_units_.contains(unit)) matched.insert(entity);
    }
    counts.entities_matched = matched.size();
    report.sources_added = counts.sources_added;
    report.entities_created = counts.entities_created;
    report.entities_matched = counts.entities_matched;
    report.statements_added = counts.statements_added;
    report.statements_unchanged = counts.statements_unchanged;
  }
  return problems;
}

absl::Status ImportBatch::Apply(Graph& graph, bool skip_bad_units, ImportReport& report,
                                std::vector<Diagnostic>* diagnostics) {
  if (graph.schema() == nullptr) return absl::FailedPreconditionError("the graph has no schema to import into");
  // Rows that rely on what a bad unit makes go with it, in both modes: a failed import then
  // reports the cause, not the unknown entities it leaves behind.
  while (PropagateBadUnits()) {
  }
  std::vector<std::pair<ImportPlace, std::string>> problems = read_problems_;
  if (!skip_bad_units) {
    // The transaction's own problems are reported too; it commits only when there are none.
    std::vector<std::pair<ImportPlace, std::string>> found = TryApply(graph, report, problems.empty());
    problems.insert(problems.end(), found.begin(), found.end());
  } else {
    // Leaving a unit out can only remove what later units relied on, and those are left out
    // with it, so a few rounds settle.
    for (;;) {
      std::vector<std::pair<ImportPlace, std::string>> found = TryApply(graph, report, true);
      if (found.empty()) break;
      problems.insert(problems.end(), found.begin(), found.end());
      for (const auto& [place, message] : found) bad_units_.insert(place.unit);
      size_t known = read_problems_.size();
      while (PropagateBadUnits()) {
      }
      problems.insert(problems.end(), read_problems_.begin() + static_cast<ptrdiff_t>(known), read_problems_.end());
    }
  }
  // In the order of the input: a unit that others depend on (an entity a row makes) sorts with
  // the first unit that needs it, and problems of one unit in the order found (a cause before
  // what it caused).
  absl::flat_hash_map<size_t, size_t> first_user;
  if (!problems.empty()) {
    for (const Dependency& dependency : dependencies_) {
      auto [user, added] = first_user.try_emplace(dependency.dependency, dependency.place.unit);
      if (!added) user->second = std::min(user->second, dependency.place.unit);
    }
  }
  auto order = [&](size_t unit) {
    auto user = first_user.find(unit);
    return user == first_user.end() ? unit : user->second;
  };
  std::stable_sort(problems.begin(), problems.end(),
                   [&](const auto& a, const auto& b) { return order(a.first.unit) < order(b.first.unit); });
  std::vector<Diagnostic> found;
  for (const auto& [place, message] : problems) {
    found.push_back(Locate(place, message));
  }
  if (diagnostics != nullptr) diagnostics->insert(diagnostics->end(), found.begin(), found.end());
  if (!skip_bad_units && !found.empty()) return DiagnosticsToStatus(found);
  report.skipped = std::move(found);
  report.rows_skipped = static_cast<size_t>(
      std::count_if(bad_units_.begin(), bad_units_.end(), [&](size_t unit) { return unit < report.rows; }));
  report.rows_imported = report.rows - report.rows_skipped;
  return absl::OkStatus();
}

}  // namespace aikg::internal
