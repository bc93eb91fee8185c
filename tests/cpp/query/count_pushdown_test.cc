// The count push-down (Plan::count_statements: a single hop counted from the view's statements)
// against the matcher, on small random graphs: dated, undated and interval statements, edges
// and values, several sources, under AS OF and DURING (with and without INCLUDE UNDATED), KNOWN
// AT and entity-type views. Each pushed-down count is compared with the same query in two forms the
// push-down does not take: with `x = x` added to WHERE (a condition on a node: the matcher
// walks every entity and counts its last hop) and with count(s.id) (the matcher binds every
// row).

#include <optional>
#include <random>
#include <string>
#include <vector>

#include "aikg/aikg.h"
#include "gtest/gtest.h"
#include "test_support.h"

namespace aikg {
namespace {

// A random graph document over the tiny schema (tests/data/tiny.schema.json).
std::string RandomGraph(std::mt19937& random) {
  auto pick = [&](const std::vector<std::string>& options) {
    return options[std::uniform_int_distribution<size_t>(0, options.size() - 1)(random)];
  };
  auto chance = [&](double p) { return std::bernoulli_distribution(p)(random); };
  // Organizations (some of them Companies), countries, chips, models.
  std::vector<std::string> companies, organizations, countries, chips, models;
  std::string entities;
  auto add_entity = [&](const std::string& type, std::vector<std::string>& into, int index) {
    std::string id = type + "/" + std::to_string(index);
    into.push_back(id);
    if (!entities.empty()) entities += ",\n";
    entities += R"({"id": ")" + id + R"(", "type": ")" + type + R"(", "name": ")" + id + R"("})";
  };
  int counts = std::uniform_int_distribution<int>(1, 4)(random);
  for (int i = 0; i < counts + 1; ++i) add_entity("Company", companies, i);
  for (int i = 0; i < counts; ++i) add_entity("Organization", organizations, i);
  for (int i = 0; i < 2; ++i) add_entity("Country", countries, i);
  for (int i = 0; i < counts; ++i) add_entity("Chip", chips, i);
  for (int i = 0; i < counts; ++i) add_entity("AIModel", models, i);
  std::vector<std::string> orgs = organizations;
  orgs.insert(orgs.end(), companies.begin(), companies.end());

  const std::vector<std::string> valid_times = {
      "",          "\"2022\"",  "\"2024-06\"", "\"early 2025\"", "\"2025-Q3\"", "{\"from\": \"2023\"}",
      "{\"to\": \"2024-03\"}", "{\"from\": \"2021\", \"to\": \"2024\"}", "\"2026\""};
  const std::vector<std::string> modalities = {"reported", "claim", "forecast", "plan", "opinion"};
  const std::vector<std::string> sources = {"src/early", "src/late", "src/undated", "src/relay"};
  std::string statements;
  int statement_count = std::uniform_int_distribution<int>(0, 40)(random);
  for (int i = 0; i < statement_count; ++i) {
    std::string body;
    auto edge = [](const std::string& subject, const std::string& predicate, const std::string& object) {
      return R"("subject": ")" + subject + R"(", "predicate": ")" + predicate + R"(", "object": ")" + object + "\"";
    };
    auto value = [](const std::string& subject, const std::string& predicate, const std::string& json) {
      return R"("subject": ")" + subject + R"(", "predicate": ")" + predicate + R"(", "value": )" + json;
    };
    std::string number = std::to_string(i);
    switch (std::uniform_int_distribution<int>(0, 8)(random)) {
      case 0: body = edge(pick(orgs), "develops", pick(chips)); break;
      case 1: body = edge(pick(orgs), "develops", pick(models)); break;
      case 2: body = edge(pick(orgs), "located_in", pick(countries)); break;
      case 3: body = edge(pick(countries), "restricts_export_of", pick(chips)); break;
      // Self-loops too: an undirected pattern matches them once each way, as any edge.
      case 4: body = edge(pick(orgs), "competes_with", pick(orgs)); break;
      case 5:
        body = value(pick(companies), "revenue", R"({"amount": )" + std::to_string(i * 10) + R"(, "unit": "USD"})");
        break;
      case 6:
        body = value(pick(models), "release_date", R"({"date": "2024-0)" + std::to_string(1 + i % 9) + "\"}");
        break;
      case 7: body = value(pick(models), "open_source", R"({"boolean": true})"); break;
      default: body = value(pick(orgs), "slogan", R"({"text": "s)" + number + "\"}"); break;
    }
    std::string valid = pick(valid_times);
    if (!valid.empty()) body += R"(, "valid": )" + valid;
    body += R"(, "modality": ")" + pick(modalities) + R"(", "sources": [{"source": ")" + pick(sources) + "\"}]";
    if (chance(0.3)) body += R"(, "confidence": 0.)" + std::to_string(1 + i % 9);
    if (!statements.empty()) statements += ",\n";
    statements += R"({"id": "st/)" + std::to_string(i) + "\", " + body + "}";
  }
  return testing::TinyDocument(
      R"("sources": [{"id": "src/early", "kind": "newsletter", "published": "2024-02"},
                     {"id": "src/late", "kind": "newsletter", "published": "2025-09-04"},
                     {"id": "src/undated", "kind": "report"},
                     {"id": "src/relay", "kind": "news_wire", "via": "src/early"}],
         "entities": [)" + entities + R"(],
         "statements": [)" + statements + "]");
}

int64_t CountOf(const View& view, const std::string& text) {
  absl::StatusOr<query::Result> result = query::Run(view, text);
  EXPECT_TRUE(result.ok()) << text << ": " << result.status().message();
  if (!result.ok() || result->rows.size() != 1) return -1;
  const int64_t* count = std::get_if<int64_t>(&result->rows[0][0].data);
  return count != nullptr ? *count : -1;
}

TEST(CountPushdown, AgreesWithTheMatcherOnRandomGraphs) {
  const std::vector<std::string> patterns = {
      "(x)-[s]->(y)",           "(x)<-[s]-(y)",
      "(x)-[s]-(y)",            "(x:Organization)-[s]->(y)",
      "(x)-[s]->(y:Chip)",      "(x:Company)-[s]-(y:Organization)",
      "(x)-[s:develops|located_in]->(y)", "(y)<-[s:competes_with]-(x:Company)",
      "(x)-[s]->(v:Value)",     "(x:AIModel)-[s]->(v:Value)",
      "(x)-[s:revenue|slogan]->(v)"};
  const std::vector<std::string> conditions = {
      "",
      "s.valid IS NOT NULL",
      "s.valid IS NULL",
      "s.modality = 'claim'",
      "s.modality IN ['claim', 'reported'] AND s.valid_precision IS NOT NULL",
      "type(s) = 'develops' OR s.predicate STARTS WITH 're'",
      "s.confidence > 0.4",  // read per statement
      "(s.valid_start IS NULL OR s.valid_start <= date('2024-06-30')) AND s.valid_end >= date('2023-07-01')",
      "s.valid IS NOT NULL AND s.confidence IS NULL AND s.modality <> 'plan'",
  };
  const std::vector<std::string> value_conditions = {"v.amount > 100", "v.kind = 'date' AND s.valid IS NULL"};
  const std::vector<std::string> clauses = {
      "",
      "AS OF 2024-06-30",
      "AS OF 2024-06-30 INCLUDE UNDATED",
      "AS OF 2026 INCLUDE UNDATED",
      "KNOWN AT 2025-09-30",
      "AS OF 2025 KNOWN AT 2024-12-31",
      "DURING 2024-01 .. 2024-06-30",
      "DURING 2024-Q3 INCLUDE UNDATED",
      "DURING 2025 ..",
      "DURING .. 2023-Q4 INCLUDE UNDATED",
      "DURING 2022 .. 2024-06 AS OF 2024-03-31",
      "DURING 2025 .. 2026 INCLUDE UNDATED KNOWN AT 2025-09-30",
  };
  Filter no_models;
  no_models.entity_types = {"Organization", "Country", "Chip"};

  std::mt19937 random(20261129);
  int compared = 0, nonzero = 0;
  for (int round = 0; round < 20; ++round) {
    std::string document = RandomGraph(random);
    Graph graph;
    absl::Status loaded = testing::LoadString(graph, document);
    ASSERT_TRUE(loaded.ok()) << loaded.message() << "\n" << document;
    absl::StatusOr<View> filtered = View::Of(graph, no_models);
    ASSERT_TRUE(filtered.ok());
    View whole(graph);
    for (const View* view : std::vector<const View*>{&whole, &*filtered}) {
      const View& over = *view;
      for (const std::string& pattern : patterns) {
        bool values = pattern.find("(v") != std::string::npos;
        std::vector<std::string> wheres = conditions;
        if (values) wheres.insert(wheres.end(), value_conditions.begin(), value_conditions.end());
        for (const std::string& where : wheres) {
          for (const std::string& clause : clauses) {
            std::string condition = where.empty() ? "" : "(" + where + ")";
            auto text = [&](const std::string& extra, const std::string& returned) {
              std::string full = condition;
              if (!extra.empty()) full += full.empty() ? extra : " AND " + extra;
              return "MATCH " + pattern + (full.empty() ? "" : " WHERE " + full) + " " + clause + " RETURN " +
                     returned;
            };
            int64_t pushed = CountOf(over, text("", "count(s)"));
            int64_t per_hop = CountOf(over, text("x = x", "count(*)"));
            int64_t per_row = CountOf(over, text("x = x", "count(s.id)"));
            ASSERT_EQ(pushed, per_hop) << text("", "count(s)") << "\n" << document;
            ASSERT_EQ(pushed, per_row) << text("", "count(s)") << "\n" << document;
            ++compared;
            nonzero += pushed > 0;
          }
        }
      }
    }
  }
  // The graphs are not trivially empty: most counts found something.
  EXPECT_GT(nonzero, compared / 3);
}

// A DURING query counts what the view API's valid_during keeps: the edges and the values of a
// view filtered with the same window (open ends, one period, parameters) and include_undated.
TEST(CountPushdown, DuringCountsWhatTheViewKeepsDuringTheWindow) {
  struct Window {
    std::string clause;  // with $from / $to where the parameters below stand
    std::optional<std::string> from, to;
  };
  const std::vector<Window> windows = {
      {"DURING 2024-01 .. 2024-06-30", "2024-01", "2024-06-30"},
      {"DURING 2024-Q3", "2024-Q3", "2024-Q3"},
      {"DURING $from ..", "2025", std::nullopt},
      {"DURING .. $to", std::nullopt, "2023-Q4"},
      {"DURING $from .. $to", "early 2021", "2022"},
      {"DURING date('2026-01-01') .. '2030'", "2026-01-01", "2030"},
  };
  std::mt19937 random(20261130);
  int nonzero = 0, compared = 0;
  for (int round = 0; round < 20; ++round) {
    std::string document = RandomGraph(random);
    Graph graph;
    absl::Status loaded = testing::LoadString(graph, document);
    ASSERT_TRUE(loaded.ok()) << loaded.message() << "\n" << document;
    for (const Window& window : windows) {
      for (bool include_undated : {false, true}) {
        auto point = [](const std::optional<std::string>& text) {
          return text ? *TimePoint::Parse(*text) : TimePoint();
        };
        Filter filter;
        filter.valid_during = ValidTime{point(window.from), point(window.to)};
        filter.include_undated = include_undated;
        absl::StatusOr<View> view = View::Of(graph, filter);
        ASSERT_TRUE(view.ok());
        query::Parameters parameters;
        if (window.from) parameters["from"] = query::Value{*window.from};
        if (window.to) parameters["to"] = query::Value{point(window.to)};
        std::string clause = window.clause + (include_undated ? " INCLUDE UNDATED" : "");
        int64_t counted = 0;
        for (std::string pattern : {"(x)-[s]->(y)", "(x)-[s]->(v:Value)"}) {
          std::string text = "MATCH " + pattern + " " + clause + " RETURN count(s)";
          absl::StatusOr<query::Result> result = query::Run(View(graph), text, parameters);
          ASSERT_TRUE(result.ok()) << text << ": " << result.status().message();
          counted += std::get<int64_t>(result->rows[0][0].data);
        }
        ASSERT_EQ(counted, static_cast<int64_t>(view->statement_count())) << clause << "\n" << document;
        ++compared;
        nonzero += counted > 0;
      }
    }
  }
  EXPECT_GT(nonzero, compared / 2);
}

}  // namespace
}  // namespace aikg
