// The September 2025 newsletter on China's AI race (datasets/china-ai-2025-09.json): it
// validates, and its named claims are found through the library with the right value, unit,
// bound, valid time (as precise as the text, no more), modality, source and group members.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "aikg/aikg.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_support.h"

namespace aikg {
namespace {

using ::testing::Contains;
using ::testing::UnorderedElementsAreArray;

constexpr char kNewsletter[] = "src/newsletter-2025-09";
constexpr char kReuters[] = "src/reuters-2025-09-04";
constexpr char kDeepSeekPost[] = "src/deepseek-2025-08-21";
constexpr char kGlobeEye[] = "src/globe-eye-news-2025-09-02";
constexpr char kBloomberg[] = "src/bloomberg-deepseek-agent";

class Newsletter : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    graph_ = new Graph();
    absl::Status status = LoadJsonFiles(*graph_, {testing::Dataset("china-ai-2025-09.json")});
    ASSERT_TRUE(status.ok()) << status.message();
  }
  static void TearDownTestSuite() { delete graph_; }

  static Statement Claim(std::string_view id) {
    std::optional<Statement> statement = graph_->FindStatement(id);
    EXPECT_TRUE(statement.has_value()) << "no statement " << id;
    return *statement;
  }
  static std::vector<std::string> SourceIds(const Statement& statement) {
    std::vector<std::string> ids;
    for (const Citation& citation : statement.citations()) ids.emplace_back(graph_->source(citation.source).id());
    return ids;
  }

  static Graph* graph_;
};
Graph* Newsletter::graph_ = nullptr;

TEST_F(Newsletter, LoadsWithItsOntology) {
  EXPECT_EQ(graph_->schema()->name(), "ai-industry");
  EXPECT_GE(graph_->statement_count(), 150u);
  EXPECT_GE(graph_->entity_count(), 60u);
  EXPECT_EQ(graph_->source_count(), 5u);
}

// A measured claim: subject, metric, amount, unit, bound, valid time, modality, first source.
struct Measure {
  std::string id, subject, predicate;
  double amount;
  std::string unit;
  Bound bound;
  std::string valid;  // ValidTime::ToString(): "2025-Q2", "2022..2025-09", "" when undated
  Modality modality;
  std::string source;
};

// Times follow the text: a relayed post's day for the news it reports; the quarter a result
// covers; the issue's month (2025-09) for what the newsletter says in the present tense; an
// interval ending at the issue ("..2025-09") for what has come about by then; an interval
// starting at a dated event for what followed it.
TEST_F(Newsletter, MeasuredClaims) {
  const Measure claims[] = {
      {"st/alibaba-cloud-revenue-growth", "org/alibaba-cloud", "segment_revenue_growth", 26, "percent", Bound::kExact,
       "2025-Q2", Modality::kReported, kNewsletter},
      {"st/alibaba-revenue", "org/alibaba", "revenue", 34.7e9, "USD", Bound::kExact, "2025-Q2", Modality::kReported,
       kNewsletter},
      {"st/alibaba-revenue-growth", "org/alibaba", "revenue_growth", 2, "percent", Bound::kExact, "2025-Q2",
       Modality::kReported, kNewsletter},
      {"st/alibaba-share-price-hong-kong", "org/alibaba", "share_price_change", 19, "percent", Bound::kExact,
       "2025-09", Modality::kReported, kNewsletter},
      {"st/deepseek-users", "org/deepseek", "users", 97e6, "users", Bound::kAtLeast, "2025-09", Modality::kReported,
       kNewsletter},
      {"st/deepseek-early-adopters", "org/deepseek", "users", 1000, "users", Bound::kAtLeast, "..2025-09",
       Modality::kReported, kNewsletter},
      {"st/chinese-approved-models-early-2024", "gov/chinese-regulators", "approved_models_count", 117, "models",
       Bound::kExact, "early 2024", Modality::kReported, kNewsletter},
      {"st/ernie-bot-registrations", "product/ernie-bot", "registered_users", 430e6, "registrations", Bound::kExact,
       "2025-09", Modality::kClaim, kNewsletter},
      {"st/ernie-bot-daily-api-calls", "product/ernie-bot", "daily_api_calls", 1.5e9, "calls", Bound::kAbout,
       "2025-09", Modality::kClaim, kNewsletter},
      {"st/chatgpt-weekly-active-users-2025", "product/chatgpt", "weekly_active_users", 700e6, "users", Bound::kExact,
       "2025", Modality::kReported, kNewsletter},
      {"st/chatgpt-monthly-visits-2025", "product/chatgpt", "monthly_visits", 5.7e9, "visits", Bound::kExact, "2025",
       Modality::kReported, kNewsletter},
      {"st/china-ai-chips-domestic-share-2023", "market/china-ai-chip-market", "domestic_supplier_market_share", 17,
       "percent", Bound::kAbout, "2023", Modality::kReported, kNewsletter},
      {"st/china-ai-chips-domestic-share-2027", "market/china-ai-chip-market", "domestic_supplier_market_share", 50,
       "percent", Bound::kAtLeast, "2027", Modality::kForecast, kNewsletter},
      {"st/alibaba-investment-pledge", "org/alibaba", "investment_pledge", 53e9, "USD", Bound::kExact, "..2025-09",
       Modality::kReported, kNewsletter},
      {"st/china-internet-users", "country/china", "internet_users", 1e9, "users", Bound::kAbout, "2025-09",
       Modality::kReported, kNewsletter},
      {"st/china-ai-public-funding", "market/china-ai-market", "public_funding_received", 2e9, "USD", Bound::kAtLeast,
       "2022..2025-09", Modality::kReported, kNewsletter},
      {"st/china-ai-education-youngest-age", "program/china-ai-education", "youngest_covered_age", 6, "years",
       Bound::kAtMost, "2025-09-02..", Modality::kReported, kGlobeEye},
  };
  for (const Measure& expected : claims) {
    SCOPED_TRACE(expected.id);
    Statement claim = Claim(expected.id);
    EXPECT_EQ(claim.subject().id(), expected.subject);
    EXPECT_EQ(claim.predicate_name(), expected.predicate);
    ASSERT_TRUE(claim.quantity().has_value());
    EXPECT_EQ(claim.quantity()->amount, expected.amount);
    EXPECT_EQ(claim.quantity()->unit, expected.unit);
    EXPECT_EQ(claim.quantity()->bound, expected.bound);
    EXPECT_EQ(claim.valid().ToString(), expected.valid);
    EXPECT_EQ(claim.modality(), expected.modality);
    EXPECT_EQ(SourceIds(claim).front(), expected.source);
  }
}

// A relation between two entities.
struct Relation {
  std::string id, subject, predicate, object;
  std::string valid;
  Modality modality;
  std::string source;
};

TEST_F(Newsletter, RelationClaims) {
  const Relation claims[] = {
      {"st/us-export-controls-2022-a100", "policy/us-export-controls-2022", "restricts_export_of", "chip/nvidia-a100",
       "2022..", Modality::kReported, kNewsletter},
      {"st/us-export-controls-2022-h100", "policy/us-export-controls-2022", "restricts_export_of", "chip/nvidia-h100",
       "2022..", Modality::kReported, kNewsletter},
      {"st/us-export-controls-2022-target-china", "policy/us-export-controls-2022", "targets", "country/china",
       "2022..", Modality::kReported, kNewsletter},
      {"st/usa-enacts-export-controls-2022", "country/usa", "enacts", "policy/us-export-controls-2022", "2022",
       Modality::kReported, kNewsletter},
      {"st/usa-enacts-tech-sanctions", "country/usa", "enacts", "policy/us-tech-sanctions", "..2025-09",
       Modality::kReported, kNewsletter},
      {"st/us-sanctions-target-chinese-tech", "policy/us-tech-sanctions", "targets", "grp/chinese-tech-firms",
       "..2025-09", Modality::kReported, kNewsletter},
      {"st/chinese-government-invests-in-ai", "gov/chinese-government", "invests_in", "market/china-ai-market",
       "2022..", Modality::kReported, kNewsletter},
      {"st/br100-claims-parity-with-h100", "chip/biren-br100", "claims_parity_with", "chip/nvidia-h100", "2022",
       Modality::kClaim, kNewsletter},
      {"st/siyuan-590-inspired-by-a100", "chip/cambricon-siyuan-590", "inspired_by", "chip/nvidia-a100", "",
       Modality::kReported, kNewsletter},
      {"st/deepseek-develops-v3.1", "org/deepseek", "develops", "model/deepseek-v3.1", "2025-08-21",
       Modality::kReported, kDeepSeekPost},
      {"st/deepseek-develops-agent", "org/deepseek", "develops", "product/deepseek-agent", "end of 2025",
       Modality::kPlan, kBloomberg},
      {"st/deepseek-v3.1-faster-than-r1-0528", "model/deepseek-v3.1", "outperforms", "model/deepseek-r1-0528",
       "2025-08-21..", Modality::kClaim, kDeepSeekPost},
      {"st/deepseek-agent-competes-with-openai", "product/deepseek-agent", "competes_with", "org/openai",
       "end of 2025..", Modality::kForecast, kNewsletter},
      {"st/deepseek-agent-competes-with-chatgpt-agent-mode", "product/deepseek-agent", "competes_with",
       "product/chatgpt-agent-mode", "end of 2025..", Modality::kForecast, kNewsletter},
      {"st/alibaba-wants-nvidia-chips", "org/alibaba", "wants_to_buy", "chip/nvidia-ai-chips", "2025-09-04",
       Modality::kReported, kReuters},
      {"st/regulators-discourage-nvidia-purchases", "gov/chinese-regulators", "discourages_purchase_of",
       "chip/nvidia-ai-chips", "2025-09-04", Modality::kReported, kReuters},
      {"st/alibaba-develops-ai-processor", "org/alibaba", "develops", "chip/alibaba-ai-processor", "2025-09",
       Modality::kReported, kNewsletter},
      {"st/alibaba-targets-asia", "org/alibaba", "targets", "place/asia", "2025-09", Modality::kOpinion, kNewsletter},
      {"st/china-enacts-ai-education", "country/china", "enacts", "program/china-ai-education", "2025-09-02",
       Modality::kReported, kGlobeEye},
      {"st/longgang-deploys-deepseek-r1", "place/longgang", "deploys", "model/deepseek-r1", "..2025-09",
       Modality::kReported, kNewsletter},
      {"st/deepseek-r1-hosted-on-ascend-servers", "model/deepseek-r1", "hosted_on", "product/huawei-ascend-servers",
       "..2025-09", Modality::kReported, kNewsletter},
      {"st/kunshan-trials-domestic-ai", "place/kunshan", "trials", "model/chinese-domestic-ai", "2025-09",
       Modality::kReported, kNewsletter},
      {"st/mate-60-pro-uses-kirin", "product/huawei-mate-60-pro", "uses", "chip/huawei-kirin", "",
       Modality::kReported, kNewsletter},
      {"st/huawei-leads-china-ai-chips", "org/huawei", "leads_market", "market/china-ai-chip-market", "2025-09",
       Modality::kReported, kNewsletter},
      {"st/chip-startups-depend-on-state-orders", "grp/chinese-ai-chip-startups", "depends_on",
       "gov/chinese-government", "2025-09", Modality::kReported, kNewsletter},
      {"st/chip-startups-compete-with-nvidia", "grp/chinese-ai-chip-startups", "competes_with", "org/nvidia",
       "2025-09", Modality::kReported, kNewsletter},
      {"st/nvidia-ahead-of-chinese-suppliers", "org/nvidia", "ahead_of", "grp/chinese-ai-chip-suppliers", "2025-09",
       Modality::kOpinion, kNewsletter},
      {"st/chatgpt-restricted-in-china", "policy/china-chatgpt-restrictions", "restricts_access_to",
       "product/chatgpt", "..2025-09", Modality::kReported, kNewsletter},
      {"st/baidu-develops-ernie-bot", "org/baidu", "develops", "product/ernie-bot", "", Modality::kReported,
       kNewsletter},
  };
  for (const Relation& expected : claims) {
    SCOPED_TRACE(expected.id);
    Statement claim = Claim(expected.id);
    EXPECT_EQ(claim.subject().id(), expected.subject);
    EXPECT_EQ(claim.predicate_name(), expected.predicate);
    ASSERT_TRUE(claim.object().has_value());
    EXPECT_EQ(claim.object()->id(), expected.object);
    EXPECT_EQ(claim.valid().ToString(), expected.valid);
    EXPECT_EQ(claim.modality(), expected.modality);
    EXPECT_EQ(SourceIds(claim).front(), expected.source);
  }
}

// A claim whose value is a text, a date or a truth value.
struct ValueClaim {
  std::string id;
  std::string valid;
  Modality modality;
  std::string source;
};

// Modalities as docs/datasets.md defines them: an aim the newsletter attributes to an actor
// without quoting it is its own analysis (opinion); a plan is an intention the actor announced
// (DeepSeek's agent, as Bloomberg reports it); what the newsletter expects to happen is a forecast.
TEST_F(Newsletter, ValueClaims) {
  const ValueClaim claims[] = {
      {"st/china-advancing-in-ai", "2025-09", Modality::kOpinion, kNewsletter},
      {"st/alibaba-ai-infrastructure-push", "2025-09", Modality::kReported, kNewsletter},
      {"st/alibaba-ai-processor-announced", "2025-09", Modality::kReported, kNewsletter},
      {"st/alibaba-goal-asian-alternative", "2025-09", Modality::kOpinion, kNewsletter},
      {"st/china-west-tensions", "2025-09", Modality::kOpinion, kNewsletter},
      {"st/deepseek-v3.1-release-date", "2025-08-21", Modality::kReported, kDeepSeekPost},
      {"st/deepseek-v3.1-hybrid-inference", "2025-08-21..", Modality::kClaim, kDeepSeekPost},
      {"st/deepseek-agent-release-target", "end of 2025", Modality::kPlan, kBloomberg},
      {"st/deepseek-agent-multistep-tasks", "end of 2025..", Modality::kPlan, kBloomberg},
      {"st/deepseek-agent-lower-cost", "end of 2025..", Modality::kForecast, kNewsletter},
      {"st/deepseek-agent-could-democratize-automation", "end of 2025..", Modality::kForecast, kNewsletter},
      {"st/china-ai-education-mandatory", "2025-09-02..", Modality::kReported, kGlobeEye},
      {"st/us-sanctions-stimulated-china", "..2025-09", Modality::kOpinion, kNewsletter},
      {"st/us-sanctions-goal", "..2025-09", Modality::kOpinion, kNewsletter},
      {"st/chinese-government-goal-self-reliance", "2022..", Modality::kOpinion, kNewsletter},
      {"st/china-initiative-fund-champions", "2022..", Modality::kReported, kNewsletter},
      {"st/chinese-startups-approach-works", "2025-09", Modality::kOpinion, kNewsletter},
      {"st/br100-announced", "2022", Modality::kReported, kNewsletter},
      {"st/mate-60-pro-announced", "2023", Modality::kReported, kNewsletter},
      {"st/siyuan-590-release-date", "2024", Modality::kReported, kNewsletter},
      {"st/china-semiconductor-ecosystem-grew", "..2025-09", Modality::kReported, kNewsletter},
      {"st/chip-startups-fragile", "2025-09", Modality::kOpinion, kNewsletter},
      {"st/chip-startups-loss-making", "2025-09", Modality::kReported, kNewsletter},
      {"st/china-foundries-limited", "2025-09", Modality::kReported, kNewsletter},
      {"st/china-goal-reduce-dependence", "2025-09", Modality::kOpinion, kNewsletter},
      {"st/qwen-open-source", "2025-09", Modality::kReported, kNewsletter},
      {"st/deepseek-most-emblematic", "2025-09", Modality::kOpinion, kNewsletter},
      {"st/chinese-public-adopted-domestic-ai", "..2025-09", Modality::kReported, kNewsletter},
      {"st/chinese-ai-weaker-in-english", "2025-09", Modality::kReported, kNewsletter},
      {"st/chinese-ai-exports-hampered", "2025-09", Modality::kOpinion, kNewsletter},
      {"st/chinese-ai-companies-distrusted", "2025-09", Modality::kReported, kNewsletter},
      {"st/chinese-government-goal-global-leaders", "2025-09", Modality::kOpinion, kNewsletter},
      {"st/china-serious-assets", "2025-09", Modality::kOpinion, kNewsletter},
  };
  for (const ValueClaim& expected : claims) {
    SCOPED_TRACE(expected.id);
    Statement claim = Claim(expected.id);
    EXPECT_FALSE(claim.object().has_value());
    EXPECT_EQ(claim.valid().ToString(), expected.valid);
    EXPECT_EQ(claim.modality(), expected.modality);
    EXPECT_EQ(SourceIds(claim).front(), expected.source);
  }
}

TEST_F(Newsletter, PlansAreOnlyWhatAnActorAnnounced) {
  // The only intentions the text sources to the actor are DeepSeek's, through Bloomberg; the
  // ambitions it lends Alibaba, China and Beijing are its own reading.
  for (StatementIndex i = 0; i < graph_->statement_count(); ++i) {
    Statement statement = graph_->statement(i);
    if (statement.modality() != Modality::kPlan) continue;
    EXPECT_EQ(SourceIds(statement).front(), kBloomberg) << statement.id();
  }
}

TEST_F(Newsletter, AlibabaResultsCoverTheQuarterEndedJune30) {
  for (std::string_view id : {"st/alibaba-revenue", "st/alibaba-revenue-growth", "st/alibaba-cloud-revenue-growth"}) {
    SCOPED_TRACE(id);
    Statement result = Claim(id);
    EXPECT_EQ(result.period(), TimePoint::Quarter(2025, 2));
    EXPECT_EQ(result.period().last_day(), absl::CivilDay(2025, 6, 30));
    EXPECT_EQ(result.valid(), ValidTime::At(TimePoint::Quarter(2025, 2)));
  }
  // So an annual figure for the fiscal year Alibaba closed on 31 March 2025 meets it in no
  // conflict; it would have, had the quarter been written as the year 2025.
  Graph graph;
  ASSERT_TRUE(LoadJsonFiles(graph, {testing::Dataset("china-ai-2025-09.json")}).ok());
  constexpr char kAnnual[] = R"({"format": "aikg-graph/1", "schema": "ai-industry.schema.json",
    "sources": [{"id": "src/annual-report", "kind": "report", "published": "2025-05"}],
    "statements": [{"id": "st/alibaba-revenue-fy2025", "subject": "org/alibaba", "predicate": "revenue",
      "value": {"amount": 130000000000, "unit": "USD"}, "valid": {"from": "2024-04", "to": "2025-03"},
      "modality": "reported", "sources": [{"source": "src/annual-report"}]}]})";
  absl::Status loaded = LoadJsonString(graph, kAnnual, "annual.json", AIKG_DATASETS_DIR);
  ASSERT_TRUE(loaded.ok()) << loaded.message();
  EXPECT_TRUE(Conflicts(View(graph)).empty());
}

TEST_F(Newsletter, EveryFigureIsDated) {
  // A figure without a time would drop out of every as-of query; each one the newsletter gives
  // is placed in time (the issue's month when it speaks in the present tense).
  for (StatementIndex i = 0; i < graph_->statement_count(); ++i) {
    Statement statement = graph_->statement(i);
    if (statement.quantity().has_value()) EXPECT_TRUE(statement.valid().is_set()) << statement.id();
  }
}

TEST_F(Newsletter, GroupsListEveryMemberTheTextNames) {
  std::map<std::string, std::vector<std::string>> members;
  for (StatementIndex i = 0; i < graph_->statement_count(); ++i) {
    Statement statement = graph_->statement(i);
    if (statement.predicate_name() != "member_of") continue;
    members[std::string(statement.object()->id())].emplace_back(statement.subject().id());
  }
  EXPECT_THAT(members["grp/chinese-tech-firms"], UnorderedElementsAreArray({"org/alibaba", "org/bytedance"}));
  EXPECT_THAT(members["grp/chinese-ai-companies"],
              UnorderedElementsAreArray({"org/baidu", "org/alibaba", "org/deepseek"}));
  EXPECT_THAT(members["grp/chinese-ai-chip-startups"],
              UnorderedElementsAreArray({"org/biren", "org/cambricon", "org/moore-threads"}));
  EXPECT_THAT(members["grp/chinese-ai-chip-suppliers"],
              UnorderedElementsAreArray({"org/huawei", "org/biren", "org/cambricon", "org/moore-threads",
                                         "grp/chinese-ai-chip-startups"}));
}

TEST_F(Newsletter, DatesAndTruthValues) {
  EXPECT_EQ(Claim("st/deepseek-v3.1-release-date").date(), TimePoint::Day(2025, 8, 21));
  EXPECT_EQ(SourceIds(Claim("st/deepseek-v3.1-release-date")).front(), kDeepSeekPost);
  EXPECT_EQ(Claim("st/deepseek-agent-release-target").date()->ToString(), "end of 2025");
  EXPECT_EQ(Claim("st/deepseek-agent-release-target").modality(), Modality::kPlan);
  EXPECT_EQ(Claim("st/br100-announced").date(), TimePoint::Year(2022));
  EXPECT_EQ(Claim("st/siyuan-590-release-date").date(), TimePoint::Year(2024));
  EXPECT_EQ(Claim("st/mate-60-pro-announced").date(), TimePoint::Year(2023));
  EXPECT_EQ(Claim("st/qwen-open-source").boolean(), true);
  EXPECT_EQ(Claim("st/china-ai-education-mandatory").boolean(), true);
  EXPECT_EQ(SourceIds(Claim("st/china-ai-education-mandatory")).front(), kGlobeEye);
  EXPECT_EQ(Claim("st/smic-lacks-leading-edge-nodes").boolean(), false);
}

TEST_F(Newsletter, TimesKeepOnlyThePrecisionTheTextSupports) {
  TimePoint approvals = Claim("st/chinese-approved-models-early-2024").valid().from;
  EXPECT_EQ(approvals.precision(), Precision::kYear);
  EXPECT_EQ(approvals.part(), PeriodPart::kEarly);
  EXPECT_EQ(approvals.last_day(), absl::CivilDay(2024, 4, 30));
  EXPECT_EQ(Claim("st/us-export-controls-2022-h100").valid().from.precision(), Precision::kYear);
  EXPECT_EQ(Claim("st/deepseek-develops-agent").valid().from.part(), PeriodPart::kEnd);
  // No statement claims a day unless its source gives one.
  for (StatementIndex i = 0; i < graph_->statement_count(); ++i) {
    Statement statement = graph_->statement(i);
    if (statement.valid().from.precision() != Precision::kDay) continue;
    bool dated_source = false;
    for (const Citation& citation : statement.citations()) {
      Precision published = graph_->source(citation.source).published().precision();
      dated_source = dated_source || published == Precision::kMinute || published == Precision::kDay;
    }
    EXPECT_TRUE(dated_source) << statement.id() << " is dated to the day without a dated source";
  }
}

TEST_F(Newsletter, DifferentAudienceMetricsStayDifferent) {
  std::set<std::string> predicates;
  for (std::string_view id : {"st/ernie-bot-registrations", "st/deepseek-users", "st/chatgpt-weekly-active-users-2025",
                              "st/chatgpt-monthly-visits-2025", "st/ernie-bot-daily-api-calls",
                              "st/china-internet-users"}) {
    predicates.emplace(Claim(id).predicate_name());
  }
  EXPECT_EQ(predicates, (std::set<std::string>{"registered_users", "users", "weekly_active_users", "monthly_visits",
                                               "daily_api_calls", "internet_users"}));
  const Schema& schema = *graph_->schema();
  EXPECT_NE(schema.unit(*schema.FindUnit("registrations")).name, schema.unit(*schema.FindUnit("users")).name);
  // Users, weekly actives and internet users share the unit 'users': only the metric tells
  // them apart, and series of different metrics are not lined up.
  View view(*graph_);
  EXPECT_FALSE(CompareSeries(view, {{"org/deepseek", "users"}, {"product/chatgpt", "weekly_active_users"}}).ok());
  EXPECT_FALSE(CompareSeries(view, {{"org/deepseek", "users"}, {"country/china", "internet_users"}}).ok());
}

TEST_F(Newsletter, RelayedSourcesPointToTheNewsletter) {
  for (std::string_view id : {kReuters, kDeepSeekPost, kGlobeEye, kBloomberg}) {
    SCOPED_TRACE(id);
    std::optional<Source> source = graph_->FindSource(id);
    ASSERT_TRUE(source.has_value());
    ASSERT_TRUE(source->via().has_value());
    EXPECT_EQ(source->via()->id(), kNewsletter);
  }
  Source newsletter = *graph_->FindSource(kNewsletter);
  EXPECT_EQ(newsletter.kind(), SourceKind::kNewsletter);
  EXPECT_EQ(newsletter.language(), "fr");
  // The issue of September 2025 relays a post of 2025-09-04, so it came out that day or later;
  // `published` is one time value, and the month is the tightest one that holds that span.
  EXPECT_EQ(newsletter.published().ToString(), "2025-09");
  EXPECT_EQ(graph_->FindSource(kReuters)->published().ToString(), "2025-09-04T15:20");
  for (std::string_view id : {kReuters, kDeepSeekPost, kGlobeEye}) {
    EXPECT_LE(graph_->FindSource(id)->published().first_day(), newsletter.published().last_day()) << id;
  }
  // Links as printed.
  EXPECT_EQ(graph_->FindSource(kReuters)->url(), "reut.rs/45OamLx");
}

TEST_F(Newsletter, EntitiesAreFoundByTheirNamesInEveryLanguage) {
  auto first_id = [](const std::vector<Entity>& found) { return found.empty() ? "" : std::string(found[0].id()); };
  EXPECT_EQ(first_id(graph_->FindByName("阿里巴巴")), "org/alibaba");
  EXPECT_EQ(first_id(graph_->FindByName("百度")), "org/baidu");
  EXPECT_EQ(first_id(graph_->FindByName("文心一言")), "product/ernie-bot");
  EXPECT_EQ(first_id(graph_->FindByName("deepseek")), "org/deepseek");
  EXPECT_EQ(first_id(graph_->FindByName("Etats-Unis")), "country/usa");
  EXPECT_EQ(first_id(graph_->FindByName("Chine")), "country/china");
}

TEST_F(Newsletter, EveryStatementIsSourcedAndLocated) {
  for (StatementIndex i = 0; i < graph_->statement_count(); ++i) {
    Statement statement = graph_->statement(i);
    ASSERT_FALSE(statement.citations().empty()) << statement.id();
    for (const Citation& citation : statement.citations()) {
      EXPECT_FALSE(citation.locator.empty()) << statement.id() << " cites a source without a locator";
    }
  }
}

TEST_F(Newsletter, FileIsInCanonicalLayout) {
  absl::StatusOr<std::string> saved = ToJsonString(*graph_, AIKG_DATASETS_DIR);
  ASSERT_TRUE(saved.ok());
  EXPECT_EQ(*saved, testing::ReadFile(testing::Dataset("china-ai-2025-09.json")))
      << "run: build/tools/aikg/aikg convert datasets/china-ai-2025-09.json -o datasets/china-ai-2025-09.json";
}

}  // namespace
}  // namespace aikg
