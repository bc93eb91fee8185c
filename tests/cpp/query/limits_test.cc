// Hostile and runaway queries (issue 14, items 6–8): nesting and arithmetic limits, hop
// bounds, the budget of a run (rows, memory, cancellation), LIMIT pushed into the match, and
// paths as long as a 30 000-statement chain, searched without recursion.

#include <chrono>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "aikg/aikg.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_support.h"

namespace aikg {
namespace {

using ::testing::HasSubstr;

std::string Repeat(std::string_view text, int times) {
  std::string repeated;
  for (int i = 0; i < times; ++i) repeated += text;
  return repeated;
}

void ExpectTooDeep(const std::string& text, const std::string& place) {
  absl::StatusOr<query::Query> parsed = query::Parse(text);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(parsed.status().message()),
              HasSubstr(place + ": expression nested more than 500 levels deep"));
}

TEST(QueryLimits, DeepNestingIsAPositionedErrorNotAStackOverflow) {
  const std::string prefix = "MATCH (a) RETURN ";  // 17 characters: the expression starts at column 18
  ExpectTooDeep(prefix + Repeat("(", 20000) + "1" + Repeat(")", 20000), "1:518");
  ExpectTooDeep("MATCH (a) WHERE " + Repeat("NOT ", 20000) + "true RETURN a", "1:2013");
  ExpectTooDeep(prefix + Repeat("-", 20000) + "1", "1:517");
  // A long sum nests as deeply as it has terms: the 501st '+' is one level too many.
  ExpectTooDeep(prefix + "1" + Repeat(" + 1", 100000), "1:18");
  // Up to the limit, it is an ordinary query.
  Graph graph = testing::LoadTiny();
  absl::StatusOr<query::Result> sum =
      query::Run(View(graph), "MATCH (a {id: 'org/alibaba'}) RETURN 1" + Repeat(" + 1", 400) + " AS n");
  ASSERT_TRUE(sum.ok()) << sum.status();
  EXPECT_EQ(query::ToText(sum->rows[0][0]), "401");
}

TEST(QueryLimits, TreesBuiltInCppAreDepthCheckedToo) {
  // The parser never makes such a tree; Builder and hand-filled Query structs can.
  using namespace query::build;
  Graph graph = testing::LoadTiny();
  auto with_nots = [](int count) {
    E condition = Lit(int64_t{1}) == Lit(int64_t{1});
    for (int i = 0; i < count; ++i) condition = !condition;
    return condition;
  };
  query::Query too_deep = Builder().Match(query::build::Path(Node("a"))).Where(with_nots(20000)).Return(Var("a")).Build();
  absl::StatusOr<query::Result> refused = query::Execute(View(graph), too_deep);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(refused.status().message()), HasSubstr("expression nested more than 500 levels deep"));

  query::Query deep_enough = Builder().Match(query::build::Path(Node("a"))).Where(with_nots(400)).Return(CountAll()).Build();
  absl::StatusOr<query::Result> counted = query::Execute(View(graph), deep_enough);
  ASSERT_TRUE(counted.ok()) << counted.status();
  EXPECT_EQ(query::ToText(counted->rows[0][0]), std::to_string(graph.entity_count()));
}

TEST(QueryLimits, IntegerArithmeticIsChecked) {
  Graph graph = testing::LoadTiny();
  auto run = [&](const std::string& expression) {
    return query::Run(View(graph), "MATCH (a {id: 'org/alibaba'}) RETURN " + expression);
  };
  for (const std::string expression :
       {"9223372036854775807 + 1", "(-9223372036854775807 - 1) / -1", "-(-9223372036854775807 - 1)",
        "-9223372036854775807 - 2", "4611686018427387904 * 2"}) {
    absl::StatusOr<query::Result> result = run(expression);
    ASSERT_FALSE(result.ok()) << expression;
    EXPECT_THAT(std::string(result.status().message()), HasSubstr("integer overflow")) << expression;
  }
  absl::StatusOr<query::Result> edge = run("(-9223372036854775807 - 1) / 1");
  ASSERT_TRUE(edge.ok()) << edge.status();
  EXPECT_EQ(query::ToText(edge->rows[0][0]), "-9223372036854775808");
}

TEST(QueryLimits, HopCountsAreReadWithoutWrapping) {
  for (const std::string text : {"MATCH (a)-[*2147483648]-(b) RETURN a", "MATCH (a)-[*1..4294967297]-(b) RETURN a",
                                 "MATCH (a)-[*1000001]-(b) RETURN a"}) {
    absl::StatusOr<query::Query> parsed = query::Parse(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_THAT(std::string(parsed.status().message()), HasSubstr("a hop count is at most 1000000")) << text;
  }
  EXPECT_TRUE(query::Parse("MATCH (a)-[*1000000]-(b) RETURN a").ok());
}

TEST(QueryLimits, MessagesNeverCutAUtf8Character) {
  absl::StatusOr<query::Query> parsed = query::Parse("MATCH (a) RETURN a§");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(), "1:19: unexpected character '§'");
  parsed = query::Parse("MATCH (a) RETURN 1€");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(), "1:19: unexpected character '€'");
  parsed = query::Parse(std::string("MATCH (a) RETURN a\xC3"));  // a lead byte and nothing after
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(), "1:19: unexpected character '\\xC3'");
}

// c0 → c1 → … → c<length>, each an entity, each arrow a statement.
Graph Chain(int length) {
  std::string entities, statements;
  for (int i = 0; i <= length; ++i) {
    if (i > 0) entities += ",\n";
    entities += "{\"id\": \"c" + std::to_string(i) + "\", \"type\": \"Company\", \"name\": \"C" + std::to_string(i) + "\"}";
  }
  for (int i = 0; i < length; ++i) {
    if (i > 0) statements += ",\n";
    statements += "{\"id\": \"s" + std::to_string(i) + "\", \"subject\": \"c" + std::to_string(i) +
                  "\", \"predicate\": \"competes_with\", \"object\": \"c" + std::to_string(i + 1) +
                  "\", \"modality\": \"reported\", \"sources\": [{\"source\": \"src/x\"}]}";
  }
  Graph graph;
  absl::Status loaded = testing::LoadString(
      graph, testing::TinyDocument("\"sources\": [{\"id\": \"src/x\", \"kind\": \"newsletter\"}],\n\"entities\": [" +
                                   entities + "],\n\"statements\": [" + statements + "]"));
  EXPECT_TRUE(loaded.ok()) << loaded;
  return graph;
}

TEST(QueryLimits, PathsAsLongAsAChainAreSearchedWithoutRecursion) {
  Graph graph = Chain(30000);
  View view(graph);
  absl::StatusOr<query::Result> reached =
      query::Run(view, "MATCH (a {id: 'c0'})-[p*..30000]->(b {id: 'c30000'}) RETURN size(p)");
  ASSERT_TRUE(reached.ok()) << reached.status();
  ASSERT_EQ(reached->rows.size(), 1u);
  EXPECT_EQ(query::ToText(reached->rows[0][0]), "30000");
  absl::StatusOr<std::vector<Path>> paths =
      AllSimplePaths(view, graph.FindEntity("c0")->index(), graph.FindEntity("c30000")->index(), 40000,
                     Direction::kOut, 10);
  ASSERT_TRUE(paths.ok()) << paths.status();
  ASSERT_EQ(paths->size(), 1u);
  EXPECT_EQ((*paths)[0].length(), 30000u);
}

TEST(QueryLimits, AnOpenHopRangeStopsAtTheDefaultMaximum) {
  Graph graph = Chain(50);
  absl::StatusOr<query::Result> open =
      query::Run(View(graph), "MATCH (a {id: 'c0'})-[p*]->(b) RETURN count(*) AS n, max(size(p)) AS longest");
  ASSERT_TRUE(open.ok()) << open.status();
  EXPECT_EQ(query::ToText(open->rows[0][0]), "10");
  EXPECT_EQ(query::ToText(open->rows[0][1]), "10");
  query::QueryOptions options;
  options.max_open_hops = 20;
  open = query::Run(View(graph), "MATCH (a {id: 'c0'})-[p*]->(b) RETURN count(*) AS n", {}, options);
  ASSERT_TRUE(open.ok()) << open.status();
  EXPECT_EQ(query::ToText(open->rows[0][0]), "20");
  // A written bound is kept, and an open range reaches at least its own start.
  open = query::Run(View(graph), "MATCH (a {id: 'c0'})-[p*15..]->(b) RETURN min(size(p)), max(size(p))");
  ASSERT_TRUE(open.ok()) << open.status();
  EXPECT_EQ(query::ToText(open->rows[0][0]), "15");
  EXPECT_EQ(query::ToText(open->rows[0][1]), "15");
}

TEST(QueryLimits, TheBudgetStopsARunawayQueryWithAClearError) {
  Graph graph = Chain(1000);
  View view(graph);
  const std::string all_pairs = "MATCH (a)-[*]-(b) RETURN a.id, b.id";
  query::QueryOptions few_rows;
  few_rows.max_rows = 100;
  absl::StatusOr<query::Result> result = query::Run(view, all_pairs, {}, few_rows);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(std::string(result.status().message()), HasSubstr("more than 100 rows (the max_rows limit)"));

  query::QueryOptions little_memory;
  little_memory.max_memory_bytes = 10000;
  result = query::Run(view, all_pairs, {}, little_memory);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(std::string(result.status().message()), HasSubstr("(the max_memory limit)"));

  query::QueryOptions cancelled;
  int asked = 0;
  cancelled.cancelled = [&asked] { return ++asked == 2; };
  result = query::Run(view, "MATCH (a)-[*]-(b) RETURN count(*)", {}, cancelled);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(asked, 2);
}

TEST(QueryLimits, ATimeoutInSecondsIsRoundedUpToMilliseconds) {
  EXPECT_EQ(*query::TimeoutFromSeconds(0), std::chrono::milliseconds(0));  // no limit
  EXPECT_EQ(*query::TimeoutFromSeconds(0.2), std::chrono::milliseconds(200));
  EXPECT_EQ(*query::TimeoutFromSeconds(0.0001), std::chrono::milliseconds(1));  // never "no limit"
  EXPECT_EQ(*query::TimeoutFromSeconds(1e9), std::chrono::milliseconds(int64_t{1'000'000'000'000}));
  for (double bad : {-1.0, 1e10, std::numeric_limits<double>::quiet_NaN()}) {
    absl::StatusOr<std::chrono::milliseconds> timeout = query::TimeoutFromSeconds(bad);
    ASSERT_FALSE(timeout.ok()) << bad;
    EXPECT_EQ(timeout.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(timeout.status().message()), HasSubstr("timeout takes seconds from 0 to 1e9"));
  }
}

TEST(QueryLimits, LimitStopsTheMatchOnceEnoughRowsAreFound) {
  Graph graph = Chain(200);
  query::QueryOptions few_rows;
  few_rows.max_rows = 10;  // the match as a whole has thousands
  absl::StatusOr<query::Result> result =
      query::Run(View(graph), "MATCH (a)-[*]-(b) RETURN a.id, b.id SKIP 2 LIMIT 3", {}, few_rows);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->rows.size(), 3u);
  // The same rows as without the push-down: the 3rd to 5th in match order.
  absl::StatusOr<query::Result> whole = query::Run(View(graph), "MATCH (a)-[*]-(b) RETURN a.id, b.id");
  ASSERT_TRUE(whole.ok()) << whole.status();
  for (size_t r = 0; r < 3; ++r) EXPECT_EQ(result->rows[r], whole->rows[r + 2]);
  // With ORDER BY every row is needed first: the budget says so.
  EXPECT_EQ(query::Run(View(graph), "MATCH (a)-[*]-(b) RETURN a.id, b.id ORDER BY a.id LIMIT 3", {}, few_rows)
                .status()
                .code(),
            absl::StatusCode::kResourceExhausted);
}

}  // namespace
}  // namespace aikg
