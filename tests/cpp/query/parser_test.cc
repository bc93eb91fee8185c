// The query language's parser: every kind of syntax error says where and what was expected,
// and the C++ builder makes the same tree as the text.

#include "aikg/query.h"

#include <string>
#include <string_view>
#include <variant>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_support.h"

namespace aikg::query {
namespace {

std::string ErrorOf(std::string_view text) {
  absl::StatusOr<Query> query = Parse(text);
  EXPECT_FALSE(query.ok()) << text << " parsed";
  EXPECT_EQ(query.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(query.status().message());
}

TEST(Parse, EveryKindOfSyntaxError) {
  EXPECT_EQ(ErrorOf(""), "1:1: expected MATCH, found the end of the query");
  EXPECT_EQ(ErrorOf("SELECT * FROM t"), "1:1: expected MATCH, found 'SELECT'");
  EXPECT_EQ(ErrorOf("MATCH a RETURN a"), "1:7: expected '(' to start a node pattern, found 'a'");
  EXPECT_EQ(ErrorOf("MATCH (a RETURN a"), "1:10: expected ')' to close the node pattern, found 'RETURN'");
  EXPECT_EQ(ErrorOf("MATCH (a:) RETURN a"), "1:10: expected an entity type after ':', found ')'");
  EXPECT_EQ(ErrorOf("MATCH (a)-[r:]->(b) RETURN a"),
            "1:14: expected a relationship type (a predicate) after ':', found ']'");
  EXPECT_EQ(ErrorOf("MATCH (a)-[r->(b) RETURN a"), "1:13: expected ']' to close the relationship, found '->'");
  EXPECT_EQ(ErrorOf("MATCH (a)-[r]>(b) RETURN a"), "1:14: expected '->' or '-' to end the relationship, found '>'");
  EXPECT_EQ(ErrorOf("MATCH (a)<-[r](b) RETURN a"), "1:15: expected '-' to end a '<-' relationship, found '('");
  EXPECT_EQ(ErrorOf("MATCH (a)-[*3..1]->(b) RETURN a"), "1:16: the hop range ends (1) before it starts (3)");
  EXPECT_EQ(ErrorOf("MATCH (a {name 'x'}) RETURN a"), "1:16: expected ':' after the property name, found the string 'x'");
  EXPECT_EQ(ErrorOf("MATCH (a {name: 'x') RETURN a"), "1:20: expected '}' to close the property map, found ')'");
  EXPECT_EQ(ErrorOf("MATCH (a)"),
            "1:10: expected RETURN (or WHERE, AS OF, DURING, KNOWN AT, or ',' and another pattern), found the end of "
            "the query");
  EXPECT_EQ(ErrorOf("MATCH (a) WHERE RETURN a"), "1:17: expected an expression, found 'RETURN'");
  EXPECT_EQ(ErrorOf("MATCH (a) WHERE a.name = RETURN a"), "1:26: expected an expression, found 'RETURN'");
  EXPECT_EQ(ErrorOf("MATCH (a) WHERE a. = 1 RETURN a"), "1:20: expected a property name after '.', found '='");
  EXPECT_EQ(ErrorOf("MATCH (a) WHERE a.name STARTS 'x' RETURN a"),
            "1:31: expected WITH after STARTS, found the string 'x'");
  EXPECT_EQ(ErrorOf("MATCH (a) WHERE a.x IS 1 RETURN a"), "1:24: expected NULL or NOT NULL after IS, found '1'");
  EXPECT_EQ(ErrorOf("MATCH (a) WHERE (a.x = 1 RETURN a"), "1:26: expected ')' to close the parenthesis, found 'RETURN'");
  EXPECT_EQ(ErrorOf("MATCH (a) WHERE a.x IN [1, 2 RETURN a"), "1:30: expected ']' to close the list, found 'RETURN'");
  EXPECT_EQ(ErrorOf("MATCH (a) RETURN count(a"), "1:25: expected ')' to close the call of count(), found the end "
                                                  "of the query");
  EXPECT_EQ(ErrorOf("MATCH (a) RETURN a AS"), "1:22: expected a column name after AS, found the end of the query");
  EXPECT_EQ(ErrorOf("MATCH (a) RETURN a ORDER a"), "1:26: expected BY, found 'a'");
  EXPECT_EQ(ErrorOf("MATCH (a) RETURN a x"), "1:20: expected ORDER BY, SKIP, LIMIT or the end of the query, found 'x'");
  EXPECT_EQ(ErrorOf("MATCH (a) RETURN a ORDER BY a.id x"),
            "1:34: expected SKIP, LIMIT or the end of the query, found 'x'");
  EXPECT_EQ(ErrorOf("MATCH (a) RETURN a SKIP 1 LIMIT 2 x"), "1:35: expected the end of the query, found 'x'");
  EXPECT_EQ(ErrorOf("MATCH (a) RETURN a; x"), "1:21: expected the end of the query after ';', found 'x'");
  EXPECT_EQ(ErrorOf("MATCH (a) WHERE a.x = 1 y RETURN a"),
            "1:25: expected RETURN (or AS OF, DURING, or KNOWN AT), found 'y'");
  EXPECT_EQ(ErrorOf("MATCH (a) AS OF '2024' y RETURN a"), "1:24: expected RETURN (or DURING or KNOWN AT), found 'y'");
}

// A clause out of place names the clause it must come before (or after) and the whole order;
// tests/golden/query/tiny.test has a case for every pair.
TEST(Parse, MisplacedClausesSayTheOrder) {
  constexpr std::string_view kOrder =
      ": clauses go MATCH, WHERE, AS OF, DURING and KNOWN AT (in any order), RETURN, ORDER BY, SKIP, LIMIT";
  auto with_order = [&](std::string_view message) { return std::string(message) + std::string(kOrder); };
  EXPECT_EQ(ErrorOf("MATCH (a) AS OF '2023' WHERE a.id = 'x' RETURN a"),
            with_order("1:24: WHERE must come before AS OF"));
  EXPECT_EQ(ErrorOf("MATCH (a) RETURN a LIMIT 1 SKIP 2"), with_order("1:28: SKIP must come before LIMIT"));
  EXPECT_EQ(ErrorOf("MATCH (a) ORDER BY a.id RETURN a"), with_order("1:11: ORDER BY must come after RETURN"));
  EXPECT_EQ(ErrorOf("MATCH (a) RETURN a AS OF '2024'"), with_order("1:20: AS OF must come before RETURN"));
  EXPECT_EQ(ErrorOf("MATCH (a)\n  RETURN a\n  known at '2024'"), with_order("3:3: KNOWN AT must come before RETURN"));
  EXPECT_EQ(ErrorOf("MATCH (a) AS OF '2024' AS OF '2025' RETURN a"), with_order("1:24: AS OF may appear once"));
  EXPECT_EQ(ErrorOf("MATCH (a) KNOWN AT '2024' KNOWN AT '2025' RETURN a"),
            with_order("1:27: KNOWN AT may appear once"));
  EXPECT_EQ(ErrorOf("MATCH (a) WHERE a.x = 1 WHERE a.y = 2 RETURN a"),
            with_order("1:25: WHERE may appear once (join conditions with AND)"));
  EXPECT_EQ(ErrorOf("MATCH (a) DURING 2024 WHERE a.x = 1 RETURN a"), with_order("1:23: WHERE must come before DURING"));
  EXPECT_EQ(ErrorOf("MATCH (a) RETURN a DURING 2024"), with_order("1:20: DURING must come before RETURN"));
  EXPECT_EQ(ErrorOf("MATCH (a) DURING 2024 KNOWN AT 2025 DURING 2023 RETURN a"),
            with_order("1:37: DURING may appear once"));
  // The time clauses, in any order.
  EXPECT_TRUE(Parse("MATCH (a) KNOWN AT '2025' AS OF '2024' RETURN a").ok());
  EXPECT_TRUE(Parse("MATCH (a) AS OF '2024' KNOWN AT '2025' RETURN a").ok());
  EXPECT_TRUE(Parse("MATCH (a) KNOWN AT 2025 DURING 2024 .. 2025 AS OF 2024-06 RETURN a").ok());
}

// The text of the date a time clause holds, when it is a literal string.
std::string DateText(const ExprPtr& date) {
  if (date == nullptr) return "(none)";
  const auto* literal = std::get_if<Literal>(&date->node);
  if (literal == nullptr) return "(not a literal)";
  const auto* text = std::get_if<std::string>(&literal->value.data);
  return text != nullptr ? *text : "(not a string)";
}

TEST(Parse, BareDatesAfterTimeClausesAreTheQuotedText) {
  for (std::string_view date : {"2023-12-31", "2025-09", "2024", "2024-Q3", "2024-H1", "2020s", "2025-09-04T15:20",
                                "2025-09-04T15:20:05Z", "2025-09-04T15:20+08:00"}) {
    SCOPED_TRACE(date);
    absl::StatusOr<Query> bare = Parse(std::string("MATCH (a) AS OF ") + std::string(date) + " KNOWN AT " +
                                       std::string(date) + " RETURN a");
    ASSERT_TRUE(bare.ok()) << bare.status().message();
    EXPECT_EQ(DateText(bare->as_of), date);
    EXPECT_EQ(DateText(bare->known_at), date);
    absl::StatusOr<Query> quoted = Parse(std::string("MATCH (a) AS OF '") + std::string(date) + "' KNOWN AT '" +
                                         std::string(date) + "' RETURN a");
    ASSERT_TRUE(quoted.ok());
    EXPECT_EQ(Format(*bare), Format(*quoted));
  }
  // Keywords ignore case; the date keeps its place for later errors.
  absl::StatusOr<Query> lower = Parse("match (a) as of 2024-Q3 return a");
  ASSERT_TRUE(lower.ok());
  EXPECT_EQ(DateText(lower->as_of), "2024-Q3");
  EXPECT_EQ(lower->as_of->column, 17);
  // Anywhere else digits and '-' are arithmetic, and other dates keep working.
  absl::StatusOr<Query> arithmetic = Parse("MATCH (a) WHERE a.x = 2023-12-31 RETURN 2023-12-31");
  ASSERT_TRUE(arithmetic.ok());
  EXPECT_TRUE(std::holds_alternative<Operation>(arithmetic->returns[0].expression->node));
  EXPECT_EQ(DateText(Parse("MATCH (a) AS OF '2023-12-31' RETURN a")->as_of), "2023-12-31");
  EXPECT_TRUE(std::holds_alternative<Parameter>(Parse("MATCH (a) AS OF $day RETURN a")->as_of->node));
  EXPECT_TRUE(std::holds_alternative<FunctionCall>(Parse("MATCH (a) KNOWN AT date('2025') RETURN a")->known_at->node));
}

TEST(Parse, MalformedBareDatesSayWhere) {
  constexpr std::string_view kForms =
      "': expected YYYY, YYYYs, YYYY-Hn, YYYY-Qn, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM], optionally "
      "after 'early ', 'mid ', 'late ', 'start of ' or 'end of ', or FYYYYY[-Qn|-Hn]";
  EXPECT_EQ(ErrorOf("MATCH (a) AS OF 2023-13-45 RETURN a"),
            "1:17: AS OF needs a date: malformed time '2023-13-45" + std::string(kForms));
  EXPECT_EQ(ErrorOf("MATCH (a) KNOWN AT 2024-Q5 RETURN a"),
            "1:20: KNOWN AT needs a date: malformed time '2024-Q5" + std::string(kForms));
  EXPECT_EQ(ErrorOf("MATCH (a) AS OF 2024-02-30 RETURN a"),
            "1:17: AS OF needs a date: malformed time '2024-02-30" + std::string(kForms));
}

// DURING start .. end: either end may be left open, one period stands for both ends, and the
// ends are written as AS OF's date is (bare, quoted, a parameter, date(...)).
TEST(Parse, DuringTakesAWindow) {
  absl::StatusOr<Query> both = Parse("MATCH (a) DURING 2024-01 .. 2024-06-30 RETURN a");
  ASSERT_TRUE(both.ok()) << both.status().message();
  EXPECT_TRUE(both->during);
  EXPECT_EQ(DateText(both->during_start), "2024-01");
  EXPECT_EQ(DateText(both->during_end), "2024-06-30");
  EXPECT_EQ(both->during_end->column, 29);
  EXPECT_FALSE(both->include_undated);

  absl::StatusOr<Query> open_end = Parse("MATCH (a) DURING 2024..  INCLUDE UNDATED RETURN a");
  ASSERT_TRUE(open_end.ok()) << open_end.status().message();
  EXPECT_EQ(DateText(open_end->during_start), "2024");
  EXPECT_EQ(open_end->during_end, nullptr);
  EXPECT_TRUE(open_end->include_undated);

  absl::StatusOr<Query> open_start = Parse("match (a) during ..2025-Q2 return a");
  ASSERT_TRUE(open_start.ok()) << open_start.status().message();
  EXPECT_EQ(open_start->during_start, nullptr);
  EXPECT_EQ(DateText(open_start->during_end), "2025-Q2");

  absl::StatusOr<Query> period = Parse("MATCH (a) DURING 2024-H1 KNOWN AT 2025 RETURN a");
  ASSERT_TRUE(period.ok()) << period.status().message();
  EXPECT_EQ(period->during_start, period->during_end);
  EXPECT_EQ(DateText(period->during_start), "2024-H1");

  absl::StatusOr<Query> open_before_return = Parse("MATCH (a) DURING $from .. RETURN a");
  ASSERT_TRUE(open_before_return.ok()) << open_before_return.status().message();
  EXPECT_TRUE(std::holds_alternative<Parameter>(open_before_return->during_start->node));
  EXPECT_EQ(open_before_return->during_end, nullptr);

  // After a parameter or a call too, a bare end is one date, not arithmetic.
  absl::StatusOr<Query> mixed = Parse("MATCH (a) DURING date('2024') .. 2024-12-31 RETURN a");
  ASSERT_TRUE(mixed.ok()) << mixed.status().message();
  EXPECT_TRUE(std::holds_alternative<FunctionCall>(mixed->during_start->node));
  EXPECT_EQ(DateText(mixed->during_end), "2024-12-31");
  // A hop range's '..' stays a hop range, and its bounds numbers.
  EXPECT_TRUE(Parse("MATCH (a)-[*1..2]->(b) DURING 2024 .. 2025 RETURN b").ok());

  // Both with AS OF: INCLUDE UNDATED after either, once.
  absl::StatusOr<Query> with_as_of = Parse("MATCH (a) AS OF 2024-06 DURING 2024 INCLUDE UNDATED RETURN a");
  ASSERT_TRUE(with_as_of.ok()) << with_as_of.status().message();
  EXPECT_TRUE(with_as_of->include_undated);
  EXPECT_EQ(ErrorOf("MATCH (a) AS OF 2024 INCLUDE UNDATED DURING 2024 INCLUDE UNDATED RETURN a"),
            "1:50: INCLUDE UNDATED may appear once: it applies to AS OF and DURING both");
}

TEST(Parse, MalformedWindowsSayWhere) {
  EXPECT_EQ(ErrorOf("MATCH (a) DURING .. RETURN a"),
            "1:21: DURING needs a start, an end or both (DURING 2024 .., DURING .. 2025-06-30, DURING 2024-01 .. "
            "2024-06), found 'RETURN'");
  EXPECT_EQ(ErrorOf("MATCH (a) DURING RETURN a"), "1:18: expected an expression, found 'RETURN'");
  EXPECT_EQ(ErrorOf("MATCH (a) DURING 2024 .. 2024-13 RETURN a"),
            "1:26: DURING needs a date: malformed time '2024-13': expected YYYY, YYYYs, YYYY-Hn, YYYY-Qn, YYYY-MM, "
            "YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM], optionally after 'early ', 'mid ', 'late ', 'start of ' or "
            "'end of ', or FYYYYY[-Qn|-Hn]");
  EXPECT_EQ(ErrorOf("MATCH (a) DURING 2024 .. 2025 .. 2026 RETURN a"),
            "1:31: expected RETURN (or AS OF or KNOWN AT), found '..'");
  EXPECT_EQ(ErrorOf("MATCH (a) DURING 2024 INCLUDE DATED RETURN a"),
            "1:31: expected UNDATED after DURING ... INCLUDE, found 'DATED'");
  // DURING is reserved: a variable of that name is quoted.
  EXPECT_EQ(ErrorOf("MATCH (during) RETURN during"), "1:23: expected an expression, found 'during'");
  EXPECT_TRUE(Parse("MATCH (`during`) RETURN `during`").ok());
}

TEST(Parse, EveryKindOfLexicalError) {
  EXPECT_EQ(ErrorOf("MATCH (a) WHERE a.name = 'x RETURN a"), "1:26: unterminated string");
  EXPECT_EQ(ErrorOf("MATCH (a) WHERE a.name = 'x\\q' RETURN a"), "1:26: unknown escape '\\q' in string");
  EXPECT_EQ(ErrorOf("MATCH (a) WHERE a.x = 12abc RETURN a"), "1:23: malformed number '12a…'");
  EXPECT_EQ(ErrorOf("MATCH (a) WHERE a.x = 1e RETURN a"), "1:23: malformed number: expected digits after the exponent");
  EXPECT_EQ(ErrorOf("MATCH (a) WHERE a.x = 99999999999999999999 RETURN a"),
            "1:23: integer 99999999999999999999 is too large");
  EXPECT_EQ(ErrorOf("MATCH (a) WHERE a.x = $ RETURN a"), "1:23: expected a parameter name after '$'");
  EXPECT_EQ(ErrorOf("MATCH (`a) RETURN a"), "1:8: unterminated `quoted name`");
  EXPECT_EQ(ErrorOf("MATCH (a) WHERE a.x # 1 RETURN a"), "1:21: unexpected character '#'");
}

TEST(Parse, PlacesCountCharactersAndLines) {
  EXPECT_EQ(ErrorOf("MATCH (a)\n  WHERE a.name = 'Pékin' AND\n  RETURN a"), "3:3: expected an expression, found 'RETURN'");
  EXPECT_EQ(ErrorOf("MATCH (a) WHERE a.name = 'é' ! RETURN a"), "1:30: unexpected character '!'");
}

TEST(Parse, KeywordsIgnoreCaseAndCommentsAreSkipped) {
  absl::StatusOr<Query> query = Parse(
      "match (o:Organization)-[r:develops]->(c) // who builds what\n"
      "where r.modality <> 'opinion' return distinct o.name as who order by who desc skip 1 limit 2;");
  ASSERT_TRUE(query.ok()) << query.status().message();
  EXPECT_TRUE(query->distinct);
  EXPECT_EQ(query->returns[0].alias, "who");
  EXPECT_TRUE(query->order_by[0].descending);
}

TEST(Parse, DefaultColumnNamesAreTheExpressionText) {
  absl::StatusOr<Query> query = Parse("MATCH (a)-[r]->(b) RETURN a.name, count(*), type(r), coalesce(b.name, 'x')");
  ASSERT_TRUE(query.ok());
  EXPECT_EQ(query->returns[0].alias, "a.name");
  EXPECT_EQ(query->returns[1].alias, "count(*)");
  EXPECT_EQ(query->returns[2].alias, "type(r)");
  EXPECT_EQ(query->returns[3].alias, "coalesce(b.name, 'x')");
}

TEST(Parse, FormatReadsBack) {
  const char* text =
      "MATCH (a:Company|Country {id: 'org/x'})<-[r:develops|uses *1..3 {modality: 'claim'}]-(b), (b)-[]-(c) "
      "WHERE NOT (a.name STARTS WITH 'A' OR b.x IS NULL) AND r.confidence >= -0.5 AND b.y IN [1, 2.5, $p] "
      "AS OF '2024' KNOWN AT date('2025-09') RETURN DISTINCT a.name AS n, count(DISTINCT b) AS c "
      "ORDER BY n DESC SKIP 1 LIMIT 10";
  for (std::string window : {"", " DURING 2024-Q1 .. $to INCLUDE UNDATED", " DURING 2024..", " DURING ..2024",
                             " DURING date('2024')"}) {
    std::string with_window = text;
    with_window.insert(with_window.find(" KNOWN AT"), window);
    SCOPED_TRACE(with_window);
    absl::StatusOr<Query> query = Parse(with_window);
    ASSERT_TRUE(query.ok()) << query.status().message();
    std::string formatted = Format(*query);
    absl::StatusOr<Query> again = Parse(formatted);
    ASSERT_TRUE(again.ok()) << formatted << ": " << again.status().message();
    EXPECT_EQ(Format(*again), formatted);
    EXPECT_EQ(again->during, !window.empty());
  }
}

TEST(Builder, MakesTheSameTreeAsTheText) {
  using namespace build;
  Query built = Builder()
                    .Match(Path(Node("o", {"Organization"})).Out("r", {"develops"}, Node("c", {"Chip"})))
                    .Where(Prop("r", "modality") == Lit("reported"))
                    .Where(Prop("c", "name").StartsWith(Lit("H")))
                    .Return(Prop("o", "name"), "developer")
                    .Return(CountAll(), "chips")
                    .OrderBy(Var("developer"))
                    .Limit(5)
                    .Build();
  absl::StatusOr<Query> parsed = Parse(
      "MATCH (o:Organization)-[r:develops]->(c:Chip) WHERE r.modality = 'reported' AND c.name STARTS WITH 'H' "
      "RETURN o.name AS developer, count(*) AS chips ORDER BY developer LIMIT 5");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(Format(built), Format(*parsed));

  Graph graph = testing::LoadTiny();
  absl::StatusOr<Result> from_builder = Execute(View(graph), built);
  absl::StatusOr<Result> from_text = Execute(View(graph), *parsed);
  ASSERT_TRUE(from_builder.ok() && from_text.ok());
  EXPECT_EQ(from_builder->rows, from_text->rows);
  ASSERT_EQ(from_builder->rows.size(), 1u);
  EXPECT_EQ(ToText(from_builder->rows[0][0]), "Nvidia");
  EXPECT_EQ(ToText(from_builder->rows[0][1]), "1");
}

TEST(Builder, VariableLengthAndTimeClauses) {
  using namespace build;
  Query built = Builder()
                    .Match(Path(Node("a", {}, {{"id", Lit("org/deepseek")}})).Any("p", {}, Node("b")).Hops(1, 2))
                    .AsOf(Lit("2025-12-31"), /*include_undated=*/true)
                    .Distinct()
                    .Return(Prop("b", "id"))
                    .Build();
  absl::StatusOr<Query> parsed = Parse(Format(built));
  ASSERT_TRUE(parsed.ok()) << Format(built);
  EXPECT_EQ(Format(*parsed), Format(built));
  Graph graph = testing::LoadTiny();
  // r1, Alibaba and China (the last two through undated statements of the letter, known by then);
  // DeepSeek is not reached again (a path uses a statement once).
  EXPECT_EQ(Execute(View(graph), built)->rows.size(), 3u);
}

TEST(Builder, DuringWithAnOpenEnd) {
  using namespace build;
  Query built = Builder()
                    .Match(Path(Node("x")).Out("r", {}, Node("y")))
                    .During(Lit("2025-05"), std::nullopt)
                    .Return(Prop("r", "id"))
                    .Build();
  absl::StatusOr<Query> parsed = Parse("MATCH (x)-[r]->(y) DURING '2025-05' .. RETURN r.id");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(Format(built), Format(*parsed));
  Graph graph = testing::LoadTiny();
  absl::StatusOr<Result> result = Execute(View(graph), built);
  ASSERT_TRUE(result.ok()) << result.status().message();
  ASSERT_EQ(result->rows.size(), 1u);  // st/2, valid from 2022 on
  EXPECT_EQ(ToText(result->rows[0][0]), "st/2");
}

TEST(Results, RenderAsTableCsvAndJson) {
  Graph graph = testing::LoadTiny();
  absl::StatusOr<Result> result = query::Run(View(graph),
                                      "MATCH (c:Company)-[s:revenue]->(v) RETURN c, v, s.valid AS `valid time`, "
                                      "c.name + ', \"Inc\"' AS label ORDER BY v.amount LIMIT 1");
  ASSERT_TRUE(result.ok()) << result.status().message();
  // The table is for people, CSV for programs: the same value, readable or with its plain amount.
  EXPECT_EQ(ToTable(*result),
            "c            v                 valid time  label\n"
            "-----------  ----------------  ----------  --------------------\n"
            "org/alibaba  34.7 billion USD  2025-Q2     Alibaba Group, \"Inc\"\n"
            "(1 row)\n");
  EXPECT_EQ(ToCsv(*result), "c,v,valid time,label\r\norg/alibaba,34700000000 USD,2025-Q2,\"Alibaba Group, \"\"Inc\"\"\"\r\n");
  EXPECT_EQ(ToJson(*result),
            "[{\"c\":{\"id\":\"org/alibaba\",\"name\":\"Alibaba Group\",\"type\":\"Company\"},"
            "\"v\":{\"amount\":34700000000.0,\"unit\":\"USD\",\"bound\":\"exact\"},\"valid time\":\"2025-Q2\","
            "\"label\":\"Alibaba Group, \\\"Inc\\\"\"}]\n");
}

TEST(Results, ShowQuantitiesReadablyInTablesAndPlainlyInCsv) {
  Graph graph = testing::LoadTiny();
  absl::StatusOr<Result> result =
      query::Run(View(graph),
                 "MATCH (x)-[s:users|revenue]->(v) WHERE s.id <> 'st/3' RETURN s.id, v ORDER BY s.id");
  ASSERT_TRUE(result.ok()) << result.status().message();
  ASSERT_EQ(result->rows.size(), 2u);
  EXPECT_EQ(ToText(result->rows[0][1]), "≈ 250 billion CNY (240–260 billion)");
  EXPECT_EQ(ToText(result->rows[1][1]), "≥ 97 million users");
  EXPECT_EQ(ToCsv(*result), "s.id,v\r\nst/11,≈ 250000000000 CNY\r\nst/5,≥ 97000000 users\r\n");
  // Lists of values read the same way.
  EXPECT_EQ(ToText(Value{List{result->rows[1][1], Value{int64_t{3}}}}), "[≥ 97 million users, 3]");
}

}  // namespace
}  // namespace aikg::query
