#include "storage/upload_staging.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>

#include "crypto/crypto.h"
#include "storage/blob_store.h"
#include "testing/status_matchers.h"

namespace spse::storage {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Each test gets a data folder of its own: uploads/ beside blobs/, as serve
// lays them out.
class UploadStagingTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_OK(crypto::Init()); }

  void SetUp() override {
    std::random_device random;
    data_ = fs::path(::testing::TempDir()) /
            ("spse-uploads-" + std::to_string(random()) + std::to_string(random()));
    ASSERT_OK_AND_ASSIGN(staging_, UploadStaging::Open(data_ / "uploads"));
    ASSERT_OK_AND_ASSIGN(blobs_, BlobStore::Open(data_ / "blobs"));
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(data_, ec);
  }

  fs::path data_;
  std::unique_ptr<UploadStaging> staging_;
  std::unique_ptr<BlobStore> blobs_;
};

TEST(UploadId, OnlyTheTokenAlphabetUpToItsLengthIsAnId) {
  EXPECT_TRUE(app::IsValidUploadId("abcXYZ019-_"));
  EXPECT_TRUE(app::IsValidUploadId(std::string(app::kMaxUploadIdLength, 'a')));
  EXPECT_FALSE(app::IsValidUploadId(""));
  EXPECT_FALSE(app::IsValidUploadId(std::string(app::kMaxUploadIdLength + 1, 'a')));
  for (const char* bad : {"..", "../x", "a/b", "a b", "a.part", "a%2f", "a\\b", "é"}) {
    EXPECT_FALSE(app::IsValidUploadId(bad)) << bad;
  }
}

TEST_F(UploadStagingTest, AnUploadNeverWrittenIsAtOffsetZero) {
  ASSERT_OK_AND_ASSIGN(std::uint64_t offset, staging_->Offset("fresh"));
  EXPECT_EQ(offset, 0u);
  ASSERT_OK_AND_ASSIGN(auto held, staging_->Hold("fresh"));
  EXPECT_EQ(held->offset(), 0u);
}

TEST_F(UploadStagingTest, AppendsMoveTheOffset) {
  ASSERT_OK_AND_ASSIGN(auto held, staging_->Hold("up1"));
  ASSERT_OK(held->Append("hello "));
  ASSERT_OK(held->Append("world"));
  EXPECT_EQ(held->offset(), 11u);
  ASSERT_OK_AND_ASSIGN(std::uint64_t offset, staging_->Offset("up1"));
  EXPECT_EQ(offset, 11u);
}

TEST_F(UploadStagingTest, IdsThatAreNotTokensNameNoFile) {
  for (const char* bad : {"../escape", "", "a/b", "x y"}) {
    EXPECT_THAT(staging_->Hold(bad), StatusIs(Code::kInvalidArgument, "upload.id_invalid")) << bad;
    EXPECT_THAT(staging_->Offset(bad), StatusIs(Code::kInvalidArgument, "upload.id_invalid"));
    EXPECT_THAT(staging_->Remove(bad), StatusIs(Code::kInvalidArgument, "upload.id_invalid"));
  }
  EXPECT_FALSE(fs::exists(data_ / "escape.part"));
}

TEST_F(UploadStagingTest, OneRequestAtATimeHoldsAnUpload) {
  ASSERT_OK_AND_ASSIGN(auto first, staging_->Hold("up1"));
  EXPECT_THAT(staging_->Hold("up1"), StatusIs(Code::kFailedPrecondition, "upload.busy"));
  // Another process sharing the folder is refused the same way.
  ASSERT_OK_AND_ASSIGN(auto other, UploadStaging::Open(data_ / "uploads"));
  EXPECT_THAT(other->Hold("up1"), StatusIs(Code::kFailedPrecondition, "upload.busy"));
  EXPECT_OK(staging_->Hold("up2").status());
  first.reset();
  EXPECT_OK(staging_->Hold("up1").status());
}

TEST_F(UploadStagingTest, AfterACrashAnUploadResumesWhereItsBytesEnd) {
  {
    ASSERT_OK_AND_ASSIGN(auto held, staging_->Hold("up1"));
    ASSERT_OK(held->Append("0123456789"));
    // Never sealed, never closed in order: the process dies here.
  }
  staging_.reset();
  ASSERT_OK_AND_ASSIGN(auto restarted, UploadStaging::Open(data_ / "uploads"));
  ASSERT_OK_AND_ASSIGN(std::uint64_t offset, restarted->Offset("up1"));
  EXPECT_EQ(offset, 10u);
  ASSERT_OK_AND_ASSIGN(auto held, restarted->Hold("up1"));
  EXPECT_EQ(held->offset(), 10u);
  ASSERT_OK(held->Append("abc"));
  ASSERT_OK_AND_ASSIGN(std::string file, held->Seal());
  EXPECT_EQ(ReadFile(file), "0123456789abc");
}

TEST_F(UploadStagingTest, RemoveForgetsTheBytesAndIsIdempotent) {
  {
    ASSERT_OK_AND_ASSIGN(auto held, staging_->Hold("up1"));
    ASSERT_OK(held->Append("abc"));
  }
  ASSERT_OK(staging_->Remove("up1"));
  ASSERT_OK_AND_ASSIGN(std::uint64_t offset, staging_->Offset("up1"));
  EXPECT_EQ(offset, 0u);
  EXPECT_OK(staging_->Remove("up1"));
}

TEST_F(UploadStagingTest, ASealedUploadIsAdoptedIntoTheBlobStoreUnderItsSha256) {
  ASSERT_OK_AND_ASSIGN(auto held, staging_->Hold("up1"));
  ASSERT_OK(held->Append("ab"));
  ASSERT_OK(held->Append("c"));
  ASSERT_OK_AND_ASSIGN(std::string file, held->Seal());
  ASSERT_OK_AND_ASSIGN(const BlobRef blob, blobs_->Adopt(file));
  EXPECT_EQ(blob.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(blob.size, 3u);
  ASSERT_OK_AND_ASSIGN(std::string stored, blobs_->Read(blob.sha256));
  EXPECT_EQ(stored, "abc");
  // The staged file stays until the upload's owner has the blob.
  EXPECT_TRUE(fs::exists(file));
  ASSERT_OK(staging_->Remove("up1"));
  ASSERT_OK_AND_ASSIGN(stored, blobs_->Read(blob.sha256));
  EXPECT_EQ(stored, "abc");
}

TEST_F(UploadStagingTest, AdoptingTheSameBytesAgainGivesTheSameBlob) {
  ASSERT_OK_AND_ASSIGN(auto held, staging_->Hold("up1"));
  ASSERT_OK(held->Append("abc"));
  ASSERT_OK_AND_ASSIGN(std::string file, held->Seal());
  ASSERT_OK_AND_ASSIGN(const BlobRef first, blobs_->Adopt(file));
  // A crash after the link and before the owner's record: the retry adopts again.
  ASSERT_OK_AND_ASSIGN(const BlobRef again, blobs_->Adopt(file));
  EXPECT_EQ(again.sha256, first.sha256);
  EXPECT_EQ(again.size, first.size);
}

TEST_F(UploadStagingTest, AdoptingAFileThatIsGoneIsNotFound) {
  EXPECT_THAT(blobs_->Adopt((data_ / "uploads" / "nothing.part").string()),
              StatusIs(Code::kNotFound, "blob.not_found"));
}

TEST_F(UploadStagingTest, AnEmptyUploadIsTheEmptyBlob) {
  ASSERT_OK_AND_ASSIGN(auto held, staging_->Hold("empty"));
  ASSERT_OK_AND_ASSIGN(std::string file, held->Seal());
  ASSERT_OK_AND_ASSIGN(const BlobRef blob, blobs_->Adopt(file));
  EXPECT_EQ(blob.sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(blob.size, 0u);
}

}  // namespace
}  // namespace spse::storage
