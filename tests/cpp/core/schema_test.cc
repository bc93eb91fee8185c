#include "aikg/schema.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_support.h"

namespace aikg {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;

TEST(Schema, LoadsTypesUnitsAndPredicates) {
  absl::StatusOr<Schema> schema = Schema::LoadFile(testing::TestData("tiny.schema.json"));
  ASSERT_TRUE(schema.ok()) << schema.status().message();
  EXPECT_EQ(schema->name(), "tiny");
  EXPECT_EQ(schema->version(), "1.0.0");
  EXPECT_EQ(schema->path(), std::filesystem::path(testing::TestData("tiny.schema.json")).lexically_normal());
  EXPECT_EQ(schema->types().size(), 5u);
  EXPECT_EQ(schema->units().size(), 4u);

  TypeId company = *schema->FindType("Company");
  TypeId organization = *schema->FindType("Organization");
  TypeId country = *schema->FindType("Country");
  EXPECT_TRUE(schema->IsA(company, organization));
  EXPECT_TRUE(schema->IsA(company, company));
  EXPECT_FALSE(schema->IsA(organization, company));
  EXPECT_FALSE(schema->IsA(country, organization));

  const Predicate& revenue = schema->predicate(*schema->FindPredicate("revenue"));
  EXPECT_EQ(revenue.range_kind, RangeKind::kQuantity);
  EXPECT_TRUE(schema->AllowsUnit(*schema->FindPredicate("revenue"), *schema->FindUnit("CNY")));
  EXPECT_FALSE(schema->AllowsUnit(*schema->FindPredicate("revenue"), *schema->FindUnit("percent")));
  EXPECT_EQ(schema->unit(*schema->FindUnit("USD")).dimension, "currency");
  EXPECT_TRUE(schema->predicate(*schema->FindPredicate("competes_with")).symmetric);
  EXPECT_EQ(schema->predicate(*schema->FindPredicate("slogan")).domain.size(), 0u);
  EXPECT_FALSE(schema->FindType("company").has_value());  // names are case-sensitive
}

TEST(Schema, AttributesAreInherited) {
  absl::StatusOr<Schema> schema = Schema::LoadFile(testing::TestData("tiny.schema.json"));
  ASSERT_TRUE(schema.ok());
  TypeId company = *schema->FindType("Company");
  ASSERT_NE(schema->FindAttribute(company, "founded"), nullptr);
  EXPECT_EQ(schema->FindAttribute(company, "founded")->kind, AttributeKind::kDate);
  EXPECT_EQ(schema->FindAttribute(company, "ticker")->kind, AttributeKind::kText);
  EXPECT_EQ(schema->FindAttribute(*schema->FindType("Organization"), "ticker"), nullptr);
}

TEST(Schema, ReportsEveryProblemWithItsPlace) {
  const std::string text = R"({
  "format": "aikg-schema/1",
  "name": "broken",
  "entity_types": [
    {"name": "A", "parent": "B"},
    {"name": "B", "parent": "A"},
    {"name": "C", "parent": "Nowhere"},
    {"name": "C"},
    {"name": "D", "attributes": {"size": "huge"}}
  ],
  "units": [{"name": "USD"}],
  "predicates": [
    {"name": "p", "range": "quantity"},
    {"name": "q", "range": "quantity", "units": ["EUR"]},
    {"name": "r", "domain": ["Z"], "range": ["A"]},
    {"name": "s", "range": "colour"},
    {"name": "t", "range": ["A"], "units": ["USD"]},
    {"name": "t", "range": "text", "extra": 1}
  ]
})";
  std::vector<Diagnostic> problems;
  absl::StatusOr<Schema> schema = Schema::LoadString(text, "broken.json", &problems);
  ASSERT_FALSE(schema.ok());
  EXPECT_EQ(schema.status().code(), absl::StatusCode::kInvalidArgument);
  std::vector<std::string> lines;
  for (const Diagnostic& problem : problems) lines.push_back(problem.Format());
  EXPECT_THAT(lines, ::testing::UnorderedElementsAre(
                         "broken.json:9:42: attribute kind must be one of text, number, integer, boolean, date "
                         "(at /entity_types/4/attributes/size)",
                         "broken.json:8:14: duplicate entity type 'C' (at /entity_types/3/name)",
                         "broken.json:7:29: unknown parent type 'Nowhere' (at /entity_types/2/parent)",
                         // One report per cycle: breaking it at A ends B's walk.
                         "broken.json:5:29: type 'A' is its own ancestor (at /entity_types/0/parent)",
                         "broken.json:11:14: missing required member 'dimension' (at /units/0/dimension)",
                         "broken.json:13:28: quantity predicate 'p' needs its allowed 'units' (at /predicates/0/range)",
                         "broken.json:14:50: unknown unit 'EUR' (at /predicates/1/units/0)",
                         "broken.json:15:30: unknown entity type 'Z' (at /predicates/2/domain/0)",
                         "broken.json:16:28: range must be a list of entity types or one of quantity, text, date, "
                         "boolean (at /predicates/3/range)",
                         "broken.json:17:35: only quantity predicates take 'units' (at /predicates/4/units)",
                         "broken.json:18:36: unknown member 'extra' (at /predicates/5/extra)",
                         "broken.json:18:14: duplicate predicate 't' (at /predicates/5/name)"));
  EXPECT_THAT(std::string(schema.status().message()), HasSubstr("broken.json:14:50: unknown unit 'EUR'"));
}

TEST(Schema, RejectsUnknownFormatAndBadJson) {
  std::vector<Diagnostic> problems;
  EXPECT_FALSE(Schema::LoadString(R"({"format": "aikg-schema/9", "name": "x", "entity_types": []})", "s.json",
                                  &problems)
                   .ok());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].Format(),
            "s.json:1:12: unsupported schema format 'aikg-schema/9' (expected 'aikg-schema/1') (at /format)");

  problems.clear();
  EXPECT_FALSE(Schema::LoadString("{\"format\": ", "s.json", &problems).ok());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0].message, HasSubstr("invalid JSON"));
  EXPECT_EQ(problems[0].line, 1);

  problems.clear();
  EXPECT_FALSE(Schema::LoadFile("/nonexistent/schema.json", &problems).ok());
  EXPECT_THAT(problems, ElementsAre(Field(&Diagnostic::message, "cannot read the file")));
}

TEST(Schema, RejectsGrowthOfCycles) {
  const char* text = R"({"format": "aikg-schema/1", "name": "x", "entity_types": [{"name": "A"}],
  "units": [{"name": "percent", "dimension": "ratio"}],
  "predicates": [
    {"name": "g1", "range": "quantity", "units": ["percent"], "growth_of": "g2"},
    {"name": "g2", "range": "quantity", "units": ["percent"], "growth_of": "g1"},
    {"name": "self", "range": "quantity", "units": ["percent"], "growth_of": "self"},
    {"name": "rate", "range": "quantity", "units": ["percent"], "growth_of": "g3"},
    {"name": "g3", "range": "quantity", "units": ["percent"]}
  ]
})";
  std::vector<Diagnostic> problems;
  EXPECT_FALSE(Schema::LoadString(text, "s.json", &problems).ok());
  std::vector<std::string> lines;
  for (const Diagnostic& problem : problems) lines.push_back(problem.Format());
  EXPECT_THAT(lines, ElementsAre("s.json:4:76: growth_of makes a cycle: g1 → g2 → g1 (at /predicates/0/growth_of)",
                                 "s.json:5:76: growth_of makes a cycle: g2 → g1 → g2 (at /predicates/1/growth_of)",
                                 "s.json:6:78: growth_of makes a cycle: self → self (at /predicates/2/growth_of)"));
}

}  // namespace
}  // namespace aikg
