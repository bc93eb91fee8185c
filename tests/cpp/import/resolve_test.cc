#include "aikg/resolve.h"

#include "aikg/aikg.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_support.h"

namespace aikg {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;
using testing::LoadTiny;

TEST(NameResolver, FindsByIdIdentifierNameAndAlias) {
  Graph graph = LoadTiny();
  ChangeSet tagged;
  tagged.entities.push_back({"model/qwen", "AIModel", "Qwen", "", {}, {{"wikidata", std::string_view("Q123")}}});
  ASSERT_TRUE(graph.Apply(tagged).ok());
  NameResolver resolver(graph);
  EXPECT_EQ(resolver.Resolve("org/alibaba")->id(), "org/alibaba");
  EXPECT_EQ(resolver.Resolve("Q123")->id(), "model/qwen");
  EXPECT_EQ(resolver.Resolve("alibaba group")->id(), "org/alibaba");
  EXPECT_EQ(resolver.Resolve("阿里巴巴")->id(), "org/alibaba");
  EXPECT_EQ(resolver.Resolve("ＤｅｅｐＳｅｅｋ")->id(), "org/deepseek");
  EXPECT_EQ(resolver.Resolve("etats-unis")->id(), "country/us");
  EXPECT_EQ(resolver.Candidates("Alibaba")[0].how, ResolvedBy::kAlias);
  EXPECT_EQ(resolver.Candidates("Q123")[0].how, ResolvedBy::kIdentifier);
}

TEST(NameResolver, NamesBeatAliases) {
  Graph graph = LoadTiny();
  ChangeSet other;
  other.entities.push_back({"org/other", "Company", "Other", "", {{"DeepSeek", "en"}}, {}});
  ASSERT_TRUE(graph.Apply(other).ok());
  EXPECT_EQ(NameResolver(graph).Resolve("deepseek")->id(), "org/deepseek");
}

TEST(NameResolver, AmbiguousAndUnknownNamesSayWhatToDo) {
  Graph graph = LoadTiny();
  ChangeSet twins;
  twins.entities.push_back({"org/meta", "Company", "Meta", "", {}, {}});
  twins.entities.push_back({"org/meta-ai", "Organization", "Meta", "", {}, {}});
  twins.entities.push_back({"place/longgang", "Country", "Longgang District", "", {}, {}});
  ASSERT_TRUE(graph.Apply(twins).ok());
  NameResolver resolver(graph);
  absl::StatusOr<Entity> meta = resolver.Resolve("meta");
  EXPECT_EQ(meta.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(meta.status().message(),
            "'meta' is ambiguous: 2 entities have this name: 'Meta' (org/meta), 'Meta' (org/meta-ai); use an id");
  absl::StatusOr<Entity> longgang = resolver.Resolve("Longgang");
  EXPECT_EQ(longgang.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(longgang.status().message(), "no entity is called 'Longgang'; nearest: 'Longgang District' (place/longgang)");
  EXPECT_THAT(std::string(resolver.Resolve("deepsek").status().message()), HasSubstr("nearest: 'DeepSeek' (org/deepseek)"));
  EXPECT_EQ(resolver.Resolve("zzzzzz").status().message(), "no entity is called 'zzzzzz'");
}

TEST(NameResolver, TypeNarrowsTheCandidates) {
  Graph graph = LoadTiny();
  ChangeSet twins;
  twins.entities.push_back({"org/meta", "Company", "Meta", "", {}, {}});
  twins.entities.push_back({"country/meta", "Country", "Meta", "", {}, {}});
  ASSERT_TRUE(graph.Apply(twins).ok());
  NameResolver resolver(graph);
  EXPECT_EQ(resolver.Resolve("Meta", graph.schema()->FindType("Country"))->id(), "country/meta");
  EXPECT_EQ(resolver.Resolve("Meta", graph.schema()->FindType("Organization"))->id(), "org/meta");
  EXPECT_THAT(resolver.Candidates("Meta"), SizeIs(2));
}

}  // namespace
}  // namespace aikg
