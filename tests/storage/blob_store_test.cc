#include "storage/blob_store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "crypto/crypto.h"
#include "testing/status_matchers.h"

namespace spse::storage {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kAbcSha256 =
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

// Each test gets a fresh store in a directory of its own, removed afterwards.
class BlobStoreTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_OK(crypto::Init()); }

  void SetUp() override {
    std::random_device random;
    root_ = fs::path(::testing::TempDir()) /
            ("spse-blobs-" + std::to_string(random()) + std::to_string(random()));
    ASSERT_OK_AND_ASSIGN(store_, BlobStore::Open(root_));
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  size_t FilesIn(const fs::path& dir) const {
    size_t n = 0;
    for (const auto& entry : fs::directory_iterator(dir)) n += entry.is_regular_file() ? 1 : 0;
    return n;
  }

  fs::path root_;
  std::unique_ptr<BlobStore> store_;
};

TEST_F(BlobStoreTest, OpenCreatesTheRootAndItsTempFolder) {
  EXPECT_TRUE(fs::is_directory(root_));
  EXPECT_TRUE(fs::is_directory(root_ / "tmp"));
}

TEST_F(BlobStoreTest, PutNamesTheBlobByItsSha256) {
  ASSERT_OK_AND_ASSIGN(const BlobRef ref, store_->Put("abc"));
  EXPECT_EQ(ref.sha256, kAbcSha256);
  EXPECT_EQ(ref.size, 3u);
}

TEST_F(BlobStoreTest, TheBlobLivesUnderTheFirstTwoHexDigits) {
  ASSERT_OK_AND_ASSIGN(const BlobRef ref, store_->Put("abc"));
  const fs::path expected = root_ / "ba" / kAbcSha256;
  EXPECT_TRUE(fs::is_regular_file(expected));
  EXPECT_EQ(fs::file_size(expected), 3u);
  ASSERT_OK_AND_ASSIGN(const fs::path path, store_->PathOf(ref.sha256));
  EXPECT_EQ(path, expected);
  EXPECT_TRUE(store_->Contains(ref.sha256));
}

TEST_F(BlobStoreTest, TheSameContentTwiceIsOneBlob) {
  ASSERT_OK_AND_ASSIGN(const BlobRef first, store_->Put("surat penawaran"));
  ASSERT_OK_AND_ASSIGN(const BlobRef second, store_->Put("surat penawaran"));
  EXPECT_EQ(first.sha256, second.sha256);
  EXPECT_EQ(first.size, second.size);
  EXPECT_EQ(FilesIn(root_ / first.sha256.substr(0, 2)), 1u);
  EXPECT_EQ(FilesIn(root_ / "tmp"), 0u);
}

TEST_F(BlobStoreTest, ReadReturnsTheBytes) {
  const std::string content("PDF\0binary\xff", 11);
  ASSERT_OK_AND_ASSIGN(const BlobRef ref, store_->Put(content));
  ASSERT_OK_AND_ASSIGN(const std::string read, store_->Read(ref.sha256));
  EXPECT_EQ(read, content);
}

TEST_F(BlobStoreTest, StoresAnEmptyBlob) {
  ASSERT_OK_AND_ASSIGN(const BlobRef ref, store_->Put(""));
  EXPECT_EQ(ref.sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(ref.size, 0u);
  ASSERT_OK_AND_ASSIGN(const std::string read, store_->Read(ref.sha256));
  EXPECT_EQ(read, "");
}

TEST_F(BlobStoreTest, AWriterStreamsManyPieces) {
  ASSERT_OK_AND_ASSIGN(auto writer, store_->NewWriter(100));
  ASSERT_OK(writer->Append("a"));
  ASSERT_OK(writer->Append("bc"));
  ASSERT_OK_AND_ASSIGN(const BlobRef ref, writer->Commit());
  EXPECT_EQ(ref.sha256, kAbcSha256);
  EXPECT_EQ(FilesIn(root_ / "tmp"), 0u);
}

TEST_F(BlobStoreTest, AnUncommittedWriterLeavesNothingBehind) {
  {
    ASSERT_OK_AND_ASSIGN(auto writer, store_->NewWriter(100));
    ASSERT_OK(writer->Append("half an upload"));
    EXPECT_EQ(FilesIn(root_ / "tmp"), 1u);
  }
  EXPECT_EQ(FilesIn(root_ / "tmp"), 0u);
  EXPECT_FALSE(store_->Contains(crypto::Sha256Hex("half an upload")));
}

TEST_F(BlobStoreTest, AWriterRefusesToGrowPastItsLimit) {
  ASSERT_OK_AND_ASSIGN(auto writer, store_->NewWriter(10));
  ASSERT_OK(writer->Append("123456"));
  EXPECT_THAT(writer->Append("78901"), StatusIs(Code::kInvalidArgument, "blob.too_large"));
  // The refused piece was not written: the blob can still reach the limit exactly.
  ASSERT_OK(writer->Append("7890"));
  ASSERT_OK_AND_ASSIGN(const BlobRef ref, writer->Commit());
  EXPECT_EQ(ref.size, 10u);
  EXPECT_EQ(ref.sha256, crypto::Sha256Hex("1234567890"));
}

TEST_F(BlobStoreTest, ACommittedWriterTakesNoMoreBytes) {
  ASSERT_OK_AND_ASSIGN(auto writer, store_->NewWriter(10));
  ASSERT_OK(writer->Append("abc"));
  ASSERT_OK(writer->Commit().status());
  EXPECT_THAT(writer->Append("d"), StatusIs(Code::kFailedPrecondition, "blob.closed"));
}

TEST_F(BlobStoreTest, PathOfRefusesNamesThatAreNotAHexDigest) {
  const std::string upper(64, 'A');
  const std::string non_hex(64, 'g');
  for (const std::string& bad :
       {std::string("../x"), std::string("../../etc/passwd"), upper, non_hex,
        std::string(kAbcSha256.substr(0, 63)), std::string(kAbcSha256) + "0",
        "../" + std::string(kAbcSha256.substr(3)), std::string()}) {
    EXPECT_THAT(store_->PathOf(bad), StatusIs(Code::kInvalidArgument, "blob.name_invalid")) << bad;
    EXPECT_THAT(store_->Read(bad), StatusIs(Code::kInvalidArgument, "blob.name_invalid")) << bad;
    EXPECT_FALSE(store_->Contains(bad)) << bad;
  }
}

TEST_F(BlobStoreTest, AnUnknownBlobIsNotFound) {
  EXPECT_THAT(store_->PathOf(kAbcSha256), StatusIs(Code::kNotFound, "blob.not_found"));
  EXPECT_THAT(store_->Read(kAbcSha256), StatusIs(Code::kNotFound, "blob.not_found"));
  EXPECT_FALSE(store_->Contains(kAbcSha256));
}

}  // namespace
}  // namespace spse::storage
