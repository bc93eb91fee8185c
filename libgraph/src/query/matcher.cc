// Matching (see matcher.h).

#include "query/matcher.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "query/value_ops.h"

namespace aikg::query::internal {

Matcher::Matcher(const View& view, const Plan& plan, Evaluator& evaluator, Bindings& bindings, Budget& budget,
                 absl::FunctionRef<bool(int64_t)> on_rows, bool every_statement_dated)
    : view_(view), data_(view.graph().data()), plan_(plan), evaluator_(evaluator), bindings_(bindings),
      budget_(budget), on_rows_(on_rows) {
  if (plan.count_last_step && plan.last_step_conditions_on_statement && !plan.steps.back().conditions.empty()) {
    const Step& last = plan.steps.back();
    last_step_conditions_.emplace(data_, plan, last.conditions, plan.relationships[last.relationship].slot, -1,
                                  every_statement_dated, evaluator, bindings);
  }
}

// Whether entity `e` fits node `n` (type, properties, earlier binding).
bool Matcher::EntityFits(const NodePlan& node, EntityIndex e) {
  if (!view().Contains(e)) return false;
  if (!node.types.empty() && !data_.schema->IsAnyOf(data_.entities[e].type, node.types)) return false;
  return true;
}

bool Matcher::PropertiesHold(int slot, const std::vector<std::pair<std::string, ExprPtr>>& properties) {
  for (const auto& [key, expected] : properties) {
    Value actual = evaluator_.PropertyOf(slot, key);
    Value same = Compare(Op::kEq, actual, evaluator_.Evaluate(*expected));
    if (!std::get_if<bool>(&same.data) || !std::get<bool>(same.data)) return false;
  }
  return true;
}

bool Matcher::Used(StatementIndex statement) const {
  return std::find(used_.begin(), used_.end(), statement) != used_.end();
}

void Matcher::Match(size_t step_index) {
  if (Stopped() || !budget_.Step()) return;
  if (step_index == plan_.steps.size()) {
    if (!on_rows_(1)) stopped_ = true;
    return;
  }
  const Step& step = plan_.steps[step_index];
  const NodePlan& node = plan_.nodes[step.node];
  auto continue_with = [&]() {
    for (int condition : step.conditions) {
      if (!evaluator_.Holds(*plan_.conditions[condition])) return;
    }
    Match(step_index + 1);
  };
  // Binds the step's node to `e` (or checks an earlier binding) and goes on.
  auto try_entity = [&](EntityIndex e) {
    uint32_t& slot = bindings_.slots[node.slot];
    bool was_unbound = slot == kUnbound;
    if (!was_unbound && slot != e) return;
    if (!EntityFits(node, e)) return;
    slot = e;
    if (PropertiesHold(node.slot, node.properties)) continue_with();
    if (was_unbound) slot = kUnbound;
  };

  if (step.anchor) {
    uint32_t& slot = bindings_.slots[node.slot];
    if (slot != kUnbound) {
      try_entity(slot);
      return;
    }
    for (EntityIndex e : AnchorCandidates(node, step)) {
      if (Stopped()) return;
      try_entity(e);
    }
    return;
  }

  const RelationshipPlan& relationship = plan_.relationships[step.relationship];
  EntityIndex from = bindings_.slots[plan_.nodes[step.from].slot];
  uint32_t& relationship_slot = bindings_.slots[relationship.slot];
  if (node.value) {
    for (StatementIndex statement : view().Values(from)) {
      if (!relationship.predicates.empty() &&
          std::find(relationship.predicates.begin(), relationship.predicates.end(),
                    data_.statements[statement].predicate) == relationship.predicates.end()) {
        continue;
      }
      uint32_t& value_slot = bindings_.slots[node.slot];
      if (value_slot != kUnbound && value_slot != statement) continue;
      uint32_t previous_value = value_slot;
      relationship_slot = statement;
      value_slot = statement;
      if (PropertiesHold(relationship.slot, relationship.properties) && PropertiesHold(node.slot, node.properties)) {
        continue_with();
      }
      relationship_slot = kUnbound;
      value_slot = previous_value;
    }
    return;
  }
  Direction follow = relationship.direction;
  if (!step.forward && follow != Direction::kBoth) follow = follow == Direction::kOut ? Direction::kIn : Direction::kOut;

  if (plan_.count_last_step && step_index + 1 == plan_.steps.size()) {
    if (int64_t count = CountLastStep(step, from, follow); count > 0 && !on_rows_(count)) stopped_ = true;
    return;
  }
  if (!relationship.variable_length) {
    view().ForEachHop(from, follow, [&](const Hop& hop) {
      if (Stopped() || Used(hop.statement) || !PredicateFits(relationship, hop.statement)) return;
      relationship_slot = hop.statement;
      if (PropertiesHold(relationship.slot, relationship.properties)) {
        used_.push_back(hop.statement);
        try_entity(hop.neighbor);
        used_.pop_back();
      }
      relationship_slot = kUnbound;
    });
    return;
  }
  // Variable length: depth-first over distinct statements, emitting every length in range.
  // Iterative, one frame per statement of the path, so that a long chain cannot overflow the
  // stack; in the order the recursive search had.
  struct Frame {
    std::vector<Hop> hops;
    size_t next = 0;
  };
  std::vector<StatementIndex> trail;
  std::vector<Frame> stack;
  auto enter = [&](EntityIndex at) {
    int length = static_cast<int>(trail.size());
    if (length >= relationship.min_hops) {
      relationship_slot = static_cast<uint32_t>(bindings_.paths.size());
      std::vector<StatementIndex> path = trail;
      if (!step.forward) std::reverse(path.begin(), path.end());
      bindings_.paths.push_back(std::move(path));
      try_entity(at);
      bindings_.paths.pop_back();
      relationship_slot = kUnbound;
    }
    stack.push_back({length < relationship.max_hops ? view().Neighbors(at, follow) : std::vector<Hop>()});
  };
  enter(from);
  while (!stack.empty() && !Stopped()) {
    Frame& top = stack.back();
    if (top.next == top.hops.size()) {
      stack.pop_back();
      if (!stack.empty()) {
        used_.pop_back();
        trail.pop_back();
      }
      continue;
    }
    const Hop hop = top.hops[top.next++];
    if (!budget_.Step() || Used(hop.statement) || !PredicateFits(relationship, hop.statement)) continue;
    // Inline properties apply to every statement of the path.
    relationship_slot = hop.statement;
    bool fits = PropertiesHoldForStatement(relationship, hop.statement);
    relationship_slot = kUnbound;
    if (!fits) continue;
    trail.push_back(hop.statement);
    used_.push_back(hop.statement);
    enter(hop.neighbor);
  }
  // Stopped part way: the statements of the abandoned path leave the binding.
  used_.resize(used_.size() - trail.size());
}

// The number of ways the last step completes from `from`, without binding them: the hops that
// fit (cached per entity, as they do not depend on the rest of the binding), less those
// through statements the binding already uses.
int64_t Matcher::CountLastStep(const Step& step, EntityIndex from, Direction follow) {
  const NodePlan& node = plan_.nodes[step.node];
  const RelationshipPlan& relationship = plan_.relationships[step.relationship];
  // Whether the last step completes through `statement` to `neighbor`.
  auto fits = [&](StatementIndex statement, EntityIndex neighbor) {
    if (!PredicateFits(relationship, statement) || !EntityFits(node, neighbor)) return false;
    if (step.conditions.empty()) return true;
    if (last_step_conditions_) return last_step_conditions_->Hold(statement);
    bindings_.slots[node.slot] = neighbor;
    bindings_.slots[relationship.slot] = statement;
    bool holds = std::all_of(step.conditions.begin(), step.conditions.end(),
                             [&](int condition) { return evaluator_.Holds(*plan_.conditions[condition]); });
    bindings_.slots[node.slot] = kUnbound;
    bindings_.slots[relationship.slot] = kUnbound;
    return holds;
  };
  auto [cached, inserted] = last_step_counts_.try_emplace(from, 0);
  if (inserted) {
    int64_t count = 0;
    view().ForEachHop(from, follow, [&](const Hop& hop) {
      budget_.Step();
      if (fits(hop.statement, hop.neighbor)) ++count;
    });
    cached->second = count;
  }
  int64_t count = cached->second;
  const Graph& graph = view().graph();
  for (StatementIndex used : used_) {
    Statement statement = graph.statement(used);
    std::optional<Entity> object = statement.object();
    if (!object) continue;
    EntityIndex subject = statement.subject().index();
    // The hops through `used` that the count above took in, one per direction it is followed.
    if (follow != Direction::kIn && subject == from && fits(used, object->index())) --count;
    if (follow != Direction::kOut && object->index() == from && fits(used, subject)) --count;
  }
  return count;
}

bool Matcher::PropertiesHoldForStatement(const RelationshipPlan& relationship, StatementIndex statement) {
  for (const auto& [key, expected] : relationship.properties) {
    Value same = Compare(Op::kEq, evaluator_.StatementProperty(statement, key), evaluator_.Evaluate(*expected));
    if (!std::get_if<bool>(&same.data) || !std::get<bool>(same.data)) return false;
  }
  return true;
}

bool Matcher::PredicateFits(const RelationshipPlan& relationship, StatementIndex statement) const {
  if (relationship.predicates.empty()) return true;
  PredicateId predicate = data_.statements[statement].predicate;
  return std::find(relationship.predicates.begin(), relationship.predicates.end(), predicate) !=
         relationship.predicates.end();
}

// The entities an anchor node may bind: looked up when the pattern or a WHERE condition of
// the step gives ids or a name, else every entity that fits the node.
std::vector<EntityIndex> Matcher::AnchorCandidates(const NodePlan& node, const Step& step) {
  for (const auto& [key, expected] : node.properties) {
    if (key == "id") {
      Value id = evaluator_.Evaluate(*expected);
      const std::string* text = std::get_if<std::string>(&id.data);
      if (text == nullptr) return {};
      EntityIndex found = data_.FindEntity(*text);
      if (found == aikg::internal::kNoIndex) return {};
      return {found};
    }
  }
  for (const auto& [key, expected] : node.properties) {
    if (key == "name") {
      Value name = evaluator_.Evaluate(*expected);
      const std::string* text = std::get_if<std::string>(&name.data);
      if (text == nullptr) return {};
      std::vector<EntityIndex> candidates;
      for (const Entity& entity : view().graph().FindByName(*text)) candidates.push_back(entity.index());
      return candidates;  // the exact name is checked with the other properties
    }
  }
  for (int condition : step.conditions) {
    std::optional<IdCondition> ids = AsIdCondition(*plan_.conditions[condition]);
    if (!ids || plan_.slot_of.at(ids->variable) != node.slot) continue;
    Value given = evaluator_.Evaluate(*ids->ids);
    const List* list = std::get_if<List>(&given.data);
    // A non-list right of IN is an error the condition itself reports: scan, and let it.
    if (ids->list && list == nullptr && !given.is_null()) break;
    std::vector<EntityIndex> candidates;
    auto look_up = [&](const Value& id) {
      if (const Entity* entity = std::get_if<Entity>(&id.data)) {
        candidates.push_back(entity->index());
        return;
      }
      const std::string* text = std::get_if<std::string>(&id.data);
      if (text == nullptr) return;
      if (EntityIndex found = data_.FindEntity(*text); found != aikg::internal::kNoIndex) candidates.push_back(found);
    };
    if (list != nullptr) {
      for (const Value& id : *list) look_up(id);
    } else {
      look_up(given);
    }
    // In entity order, once each: what a scan would find.
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    return candidates;
  }
  std::vector<EntityIndex> candidates;
  for (EntityIndex e = 0; e < data_.entities.size(); ++e) {
    if (EntityFits(node, e)) candidates.push_back(e);
  }
  return candidates;
}

}  // namespace aikg::query::internal
