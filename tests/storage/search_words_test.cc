// The words of the public tender search: what is indexed and what is looked
// for are cut the same way, and no word can be read as a query operator.
#include "storage/search_words.h"

#include <gtest/gtest.h>

namespace spse::storage {
namespace {

using Words = std::vector<std::string>;

TEST(SearchWords, AreRunsOfLettersAndDigitsInLowerCase) {
  EXPECT_EQ(SearchWords("Jembatan  TDR-000123, Jl.Raya/2027", 8),
            (Words{"jembatan", "tdr", "000123", "jl", "raya", "2027"}));
  EXPECT_EQ(SearchWords("\"a\" OR b* NEAR(c) -d 'e' %f_ \\g", 8),
            (Words{"a", "or", "b", "near", "c", "d", "e", "f"}));
  EXPECT_EQ(SearchWords("", 8), Words{});
  EXPECT_EQ(SearchWords("a b c", 2), (Words{"a", "b"}));
}

TEST(SearchWords, KeepLettersBeyondAsciiAndDropSymbolsAndBrokenUtf8) {
  EXPECT_EQ(SearchWords("Café—Ünïcødé € 100 😀 日本", 8),
            (Words{"café", "Ünïcødé", "100", "日本"}));
  EXPECT_EQ(SearchWords(std::string("ab\xff\xfe" "cd\xc3", 7), 8), (Words{"ab", "cd"}));
  EXPECT_EQ(SearchWords(std::string("a\0b", 3), 8), (Words{"a", "b"}));
}

TEST(SearchBody, JoinsTheWordsOfEveryPart) {
  EXPECT_EQ(SearchBody({"TDR-000001", "Jembatan Besi", "", "Desa Arosbaya."}),
            "tdr 000001 jembatan besi desa arosbaya");
}

TEST(SearchQueries, QuoteEveryWordAsAPrefix) {
  EXPECT_EQ(Fts5AllPrefixes({"jemb", "or"}), "\"jemb\"* \"or\"*");
  EXPECT_EQ(Fts5AllPrefixes({"a\"b"}), "\"a\"\"b\"*");
  EXPECT_EQ(TsQueryAllPrefixes({"jemb", "or"}), "'jemb':* & 'or':*");
  EXPECT_EQ(TsQueryAllPrefixes({"a'b\\"}), "'a\\'b\\\\':*");
}

}  // namespace
}  // namespace spse::storage
