// SettingsRepo through Store/Tx.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "storage/conformance/test_database.h"
#include "testing/status_matchers.h"

namespace spse::storage::conformance {
namespace {

StatusOr<std::optional<std::string>> GetSetting(const std::string& key) {
  return InReadTx([&](app::Tx& tx) { return tx.settings().Get(key); });
}

Status PutSetting(const std::string& key, const std::string& value) {
  return InWriteTx([&](app::Tx& tx) { return tx.settings().Put(key, value); });
}

TEST(Settings, AMissingKeyHasNoValue) {
  ASSERT_OK_AND_ASSIGN(const std::optional<std::string> value, GetSetting(Unique("site.")));
  EXPECT_EQ(value, std::nullopt);
}

TEST(Settings, PutStoresAndThenReplacesTheValue) {
  const std::string key = Unique("site.name.");
  ASSERT_OK(PutSetting(key, "LPSE Kabupaten Bangkalan"));
  ASSERT_OK_AND_ASSIGN(const std::optional<std::string> first, GetSetting(key));
  EXPECT_EQ(first, "LPSE Kabupaten Bangkalan");

  ASSERT_OK(PutSetting(key, "LPSE Bangkalan"));
  ASSERT_OK_AND_ASSIGN(const std::optional<std::string> second, GetSetting(key));
  EXPECT_EQ(second, "LPSE Bangkalan");
}

TEST(Settings, KeepsAnEmptyValueAndUnicode) {
  const std::string empty_key = Unique("empty.");
  const std::string unicode_key = Unique("motto.");
  ASSERT_OK(PutSetting(empty_key, ""));
  ASSERT_OK(PutSetting(unicode_key, "Bhinneka Tunggal Ika — café 🇮🇩"));
  ASSERT_OK_AND_ASSIGN(const std::optional<std::string> empty, GetSetting(empty_key));
  EXPECT_EQ(empty, "");
  ASSERT_OK_AND_ASSIGN(const std::optional<std::string> unicode, GetSetting(unicode_key));
  EXPECT_EQ(unicode, "Bhinneka Tunggal Ika — café 🇮🇩");
}

}  // namespace
}  // namespace spse::storage::conformance
