// The server's receipt key: made once, 0600, kept across restarts, and a
// damaged key file stops the server rather than being replaced.
#include "crypto/receipt_signer.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "crypto/bid_crypto.h"
#include "crypto/crypto.h"

namespace spse::crypto {
namespace {

namespace fs = std::filesystem;

class ReceiptSignerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(Init().ok()); }
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("spse-signer-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void WriteKeyFile(const std::string& bytes) { std::ofstream(path(), std::ios::binary) << bytes; }
  fs::path path() const { return dir_ / "receipt.key"; }
  fs::path dir_;
};

TEST_F(ReceiptSignerTest, TheFirstStartMakesAPrivateKeyFileAndLaterStartsReuseIt) {
  auto first = ReceiptSigner::LoadOrCreate(path());
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  struct stat st {};
  ASSERT_EQ(::stat(path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(st.st_size, 64);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1)
      << "no temporary file is left behind";

  auto again = ReceiptSigner::LoadOrCreate(path());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)->PublicKey(), (*first)->PublicKey());
}

TEST_F(ReceiptSignerTest, SignaturesVerifyUnderThePublishedKey) {
  auto signer = ReceiptSigner::LoadOrCreate(path());
  ASSERT_TRUE(signer.ok());
  app::SignerPort& port = **signer;
  const std::string text = R"({"v":1,"tender_code":"10012345000","vendor_id":42})";
  const std::string signature = *FromBase64(port.Sign(text), "t");
  const std::string key = *FromBase64(port.PublicKey(), "t");
  EXPECT_TRUE(VerifyDetached(signature, text, key));
  EXPECT_FALSE(VerifyDetached(signature, text + " ", key));
  const std::string file = R"({"v":1,"receipt":)" + nlohmann::json(text).dump() +
                           R"(,"signature":")" + port.Sign(text) + R"(","public_key":")" +
                           port.PublicKey() + "\"}";
  EXPECT_TRUE(VerifyReceiptFile(file, key).ok());
}

TEST_F(ReceiptSignerTest, AKeyFileOfAnotherSizeIsRefused) {
  WriteKeyFile(std::string(32, 'k'));
  EXPECT_EQ(ReceiptSigner::LoadOrCreate(path()).status().reason(), "signer.key_size");
  WriteKeyFile("");
  EXPECT_EQ(ReceiptSigner::LoadOrCreate(path()).status().reason(), "signer.key_size");
}

TEST_F(ReceiptSignerTest, AKeyFileWhosePublicHalfIsNotItsSeedsIsRefused) {
  std::string secret = SignKeyPair().secret_key;
  secret[40] = static_cast<char>(secret[40] ^ 1);
  WriteKeyFile(secret);
  EXPECT_EQ(ReceiptSigner::LoadOrCreate(path()).status().reason(), "signer.key_format");
}

TEST_F(ReceiptSignerTest, AFolderThatDoesNotExistIsAnIoError) {
  EXPECT_EQ(ReceiptSigner::LoadOrCreate(dir_ / "missing" / "receipt.key").status().reason(),
            "signer.io_error");
}

}  // namespace
}  // namespace spse::crypto
