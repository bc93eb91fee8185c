#include "aikg/text.h"

#include "gtest/gtest.h"

namespace aikg {
namespace {

TEST(FoldForLookup, IgnoresCaseAndAccents) {
  EXPECT_EQ(FoldForLookup("Pékin"), "pekin");
  EXPECT_EQ(FoldForLookup("PÉKIN"), "pekin");
  EXPECT_EQ(FoldForLookup("États-Unis"), "etats-unis");
  EXPECT_EQ(FoldForLookup("DeepSeek"), FoldForLookup("DEEPSEEK"));
  EXPECT_EQ(FoldForLookup("Straße"), "strasse");
}

TEST(FoldForLookup, KeepsCjkAndFoldsWidth) {
  EXPECT_EQ(FoldForLookup("文心一言"), "文心一言");
  EXPECT_EQ(FoldForLookup("ＤｅｅｐＳｅｅｋ"), "deepseek");
}

TEST(FoldForLookup, CollapsesWhiteSpace) { EXPECT_EQ(FoldForLookup("  Ernie \t Bot "), "ernie bot"); }

TEST(FoldForLookup, FallsBackOnInvalidUtf8) { EXPECT_EQ(FoldForLookup("AB\xff"), "ab\xff"); }

}  // namespace
}  // namespace aikg
