// The tus 1.0 protocol (core, creation, termination) against an in-memory
// owner, over a real staging area and blob store in a temporary folder.
#include "http/tus.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>

#include "crypto/crypto.h"
#include "storage/blob_store.h"
#include "storage/upload_staging.h"
#include "testing/status_matchers.h"

namespace spse::http {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kAbcSha256 =
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

// Each upload belongs to the user who created it; a finished one is closed.
class FakeOwner final : public app::ResumableUploadOwner {
 public:
  struct Entry {
    app::ResumableUpload upload;
    std::int64_t user_id = 0;
    bool open = true;
    std::optional<app::BlobInfo> blob;
  };

  StatusOr<app::ResumableUpload> CreateUpload(
      const app::Actor& actor, std::uint64_t length,
      const std::map<std::string, std::string>& metadata) override {
    if (length > 1000) return InvalidArgument("bid.file_too_large");
    metadata_ = metadata;
    app::ResumableUpload u;
    u.id = "upload" + std::to_string(++created_) + "_TokenLike-Id";
    u.length = length;
    u.sha256 = next_sha256_;
    entries_[u.id] = Entry{u, actor.who.user_id, true, std::nullopt};
    return u;
  }

  StatusOr<app::ResumableUpload> FindUpload(const app::Actor& actor, std::string_view id) override {
    auto it = entries_.find(std::string(id));
    if (it == entries_.end() || it->second.user_id != actor.who.user_id) {
      return NotFound("upload.not_found");
    }
    if (!it->second.open) return FailedPrecondition("upload.closed");
    return it->second.upload;
  }

  Status CompleteUpload(const app::Actor& actor, std::string_view id,
                        const app::BlobInfo& blob) override {
    ++completions_;
    if (complete_error_) return *complete_error_;
    SPSE_ASSIGN_OR_RETURN(app::ResumableUpload u, FindUpload(actor, id));
    if (blob.size != u.length) return InvalidArgument("upload.size_mismatch");
    if (!u.sha256.empty() && blob.sha256 != u.sha256) {
      return InvalidArgument("upload.hash_mismatch");
    }
    Entry& e = entries_[std::string(id)];
    e.open = false;
    e.blob = blob;
    return OkStatus();
  }

  Status CancelUpload(const app::Actor& actor, std::string_view id) override {
    SPSE_RETURN_IF_ERROR(FindUpload(actor, id).status());
    entries_.erase(std::string(id));
    return OkStatus();
  }

  const Entry* Get(std::string_view id) const {
    auto it = entries_.find(std::string(id));
    return it == entries_.end() ? nullptr : &it->second;
  }

  std::map<std::string, std::string> metadata_;
  std::string next_sha256_;  // the digest the next upload must have ("": any)
  std::optional<Status> complete_error_;
  int completions_ = 0;

 private:
  int created_ = 0;
  std::map<std::string, Entry> entries_;
};

app::Actor Vendor(std::int64_t user_id = 7) {
  app::Actor a;
  a.who.user_id = user_id;
  a.who.username = "cv.madura";
  return a;
}

// A request as tus-js-client sends it: Tus-Resumable plus `headers`.
Request TusRequest(std::string method,
                   std::vector<std::pair<std::string, std::string>> headers = {}) {
  Request req;
  req.method = std::move(method);
  req.headers.emplace_back("tus-resumable", "1.0.0");
  for (auto& h : headers) req.headers.push_back(std::move(h));
  return req;
}

Request PatchRequest(std::uint64_t offset, std::size_t bytes) {
  return TusRequest("PATCH", {{"content-type", "application/offset+octet-stream"},
                              {"upload-offset", std::to_string(offset)},
                              {"content-length", std::to_string(bytes)}});
}

class TusTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_OK(crypto::Init()); }

  void SetUp() override {
    std::random_device random;
    data_ = fs::path(::testing::TempDir()) /
            ("spse-tus-" + std::to_string(random()) + std::to_string(random()));
    ASSERT_OK_AND_ASSIGN(staging_, storage::UploadStaging::Open(data_ / "uploads"));
    ASSERT_OK_AND_ASSIGN(blobs_, storage::BlobStore::Open(data_ / "blobs"));
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(data_, ec);
  }

  TusEndpoint Endpoint() { return TusEndpoint(&owner_, staging_.get(), *blobs_); }

  // Creates an upload of `length` bytes; returns its id.
  std::string Create(std::uint64_t length, std::string_view sha256 = kAbcSha256) {
    owner_.next_sha256_ = std::string(sha256);
    Request req = TusRequest("POST", {{"upload-length", std::to_string(length)}});
    auto created = Endpoint().Create(Vendor(), req);
    EXPECT_OK(created.status());
    if (!created.ok()) return "";
    const std::string location(created->Get("Location"));
    return location.substr(location.rfind('/') + 1);
  }

  // One PATCH: headers, then the body in `pieces`, then the end.
  StatusOr<Response> Patch(std::string_view id, std::uint64_t offset,
                           std::vector<std::string> pieces) {
    std::size_t bytes = 0;
    for (const auto& p : pieces) bytes += p.size();
    Request req = PatchRequest(offset, bytes);
    TusEndpoint endpoint = Endpoint();
    SPSE_ASSIGN_OR_RETURN(auto body, endpoint.BeginPatch(Vendor(), req, id));
    for (const auto& p : pieces) SPSE_RETURN_IF_ERROR(body->Feed(p));
    SPSE_RETURN_IF_ERROR(body->Finish());
    return endpoint.EndPatch(Vendor(), *body);
  }

  fs::path data_;
  FakeOwner owner_;
  std::unique_ptr<storage::UploadStaging> staging_;
  std::unique_ptr<storage::BlobStore> blobs_;
};

// --- Upload-Metadata and numbers -------------------------------------------

TEST(UploadMetadata, PairsOfKeyAndBase64Value) {
  ASSERT_OK_AND_ASSIGN(
      auto m, ParseUploadMetadata("filename d29ybGRfZG9taW5hdGlvbl9wbGFuLnBkZg==,is_confidential"));
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m["filename"], "world_domination_plan.pdf");
  EXPECT_EQ(m["is_confidential"], "");
}

TEST(UploadMetadata, SpacesAroundPairsAndMissingPaddingAreAccepted) {
  ASSERT_OK_AND_ASSIGN(auto m, ParseUploadMetadata(" a YWI , b YWJj"));
  EXPECT_EQ(m["a"], "ab");
  EXPECT_EQ(m["b"], "abc");
  ASSERT_OK_AND_ASSIGN(auto none, ParseUploadMetadata(""));
  EXPECT_TRUE(none.empty());
}

TEST(UploadMetadata, MalformedPairsAreRefused) {
  for (const char* bad : {"a !!!", "a YWJj,a YWJj", ",", "a YW Jj", "a YWJjZ", "a,,b"}) {
    EXPECT_THAT(ParseUploadMetadata(bad),
                StatusIs(Code::kInvalidArgument, "upload.metadata_invalid"))
        << bad;
  }
}

TEST(UploadNumber, OnlyPlainDecimalsAreNumbers) {
  EXPECT_EQ(ParseUploadNumber("0"), 0u);
  EXPECT_EQ(ParseUploadNumber("10485760"), 10485760u);
  for (const char* bad : {"", "-1", "+1", "1e3", "0x10", "12a", "99999999999999999999"}) {
    EXPECT_EQ(ParseUploadNumber(bad), std::nullopt) << bad;
  }
}

// --- OPTIONS and the version -------------------------------------------------

TEST_F(TusTest, OptionsSaysWhatTheServerSupports) {
  ASSERT_OK_AND_ASSIGN(Response r, Endpoint().Options());
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(r.Get("Tus-Resumable"), "1.0.0");
  EXPECT_EQ(r.Get("Tus-Version"), "1.0.0");
  EXPECT_EQ(r.Get("Tus-Extension"), "creation,termination");
  EXPECT_EQ(r.Get("Tus-Max-Size"), std::to_string(kTusMaxSize));
}

TEST_F(TusTest, WithoutAnOwnerEveryRequestFindsNoUpload) {
  TusEndpoint off(nullptr, staging_.get(), *blobs_);
  EXPECT_THAT(off.Options(), StatusIs(Code::kNotFound, "upload.not_found"));
  EXPECT_THAT(off.Create(Vendor(), TusRequest("POST", {{"upload-length", "3"}})),
              StatusIs(Code::kNotFound, "upload.not_found"));
  EXPECT_THAT(off.Head(Vendor(), TusRequest("HEAD"), "abc"),
              StatusIs(Code::kNotFound, "upload.not_found"));
  EXPECT_THAT(off.BeginPatch(Vendor(), PatchRequest(0, 1), "abc"),
              StatusIs(Code::kNotFound, "upload.not_found"));
  EXPECT_THAT(off.Terminate(Vendor(), TusRequest("DELETE"), "abc"),
              StatusIs(Code::kNotFound, "upload.not_found"));
}

TEST_F(TusTest, RequestsWithoutTheSupportedVersionAreRefused) {
  Request req;
  req.method = "POST";
  req.headers = {{"upload-length", "3"}};
  EXPECT_THAT(Endpoint().Create(Vendor(), req),
              StatusIs(Code::kFailedPrecondition, "tus.version_unsupported"));
  req.headers.emplace_back("tus-resumable", "0.2.2");
  EXPECT_THAT(Endpoint().Create(Vendor(), req),
              StatusIs(Code::kFailedPrecondition, "tus.version_unsupported"));
  const Response r = TusError(409, FailedPrecondition("tus.version_unsupported"));
  EXPECT_EQ(r.status, 412);
  EXPECT_EQ(r.Get("Tus-Version"), "1.0.0");
  EXPECT_EQ(r.Get("Tus-Resumable"), "1.0.0");
}

// --- creation ------------------------------------------------------------------

TEST_F(TusTest, CreationAnswers201WithTheUploadsLocation) {
  Request req = TusRequest(
      "POST", {{"upload-length", "3"}, {"upload-metadata", "filename YmlkLnBkZi5zZWFsZWQ="}});
  ASSERT_OK_AND_ASSIGN(Response r, Endpoint().Create(Vendor(), req));
  EXPECT_EQ(r.status, 201);
  EXPECT_EQ(r.Get("Location"), "/api/v1/uploads/upload1_TokenLike-Id");
  EXPECT_EQ(r.Get("Tus-Resumable"), "1.0.0");
  EXPECT_EQ(owner_.metadata_["filename"], "bid.pdf.sealed");
}

TEST_F(TusTest, CreationNeedsAnUploadLengthWithinTheMaximum) {
  EXPECT_THAT(Endpoint().Create(Vendor(), TusRequest("POST")),
              StatusIs(Code::kInvalidArgument, "upload.length_required"));
  EXPECT_THAT(Endpoint().Create(Vendor(), TusRequest("POST", {{"upload-defer-length", "1"}})),
              StatusIs(Code::kInvalidArgument, "upload.length_required"));
  EXPECT_THAT(
      Endpoint().Create(Vendor(),
                        TusRequest("POST", {{"upload-length", std::to_string(kTusMaxSize + 1)}})),
      StatusIs(Code::kResourceExhausted, "upload.too_large"));
  EXPECT_EQ(TusError(429, ResourceExhausted("upload.too_large")).status, 413);
}

TEST_F(TusTest, TheOwnersRefusalIsTheAnswer) {
  EXPECT_THAT(Endpoint().Create(Vendor(), TusRequest("POST", {{"upload-length", "5000"}})),
              StatusIs(Code::kInvalidArgument, "bid.file_too_large"));
  EXPECT_THAT(Endpoint().Create(Vendor(), TusRequest("POST", {{"upload-length", "3"},
                                                              {"upload-metadata", "x !"}})),
              StatusIs(Code::kInvalidArgument, "upload.metadata_invalid"));
}

TEST_F(TusTest, AnEmptyUploadIsCompleteOnCreation) {
  const std::string id = Create(0, "");
  ASSERT_NE(owner_.Get(id), nullptr);
  EXPECT_FALSE(owner_.Get(id)->open);
  EXPECT_EQ(owner_.Get(id)->blob->size, 0u);
}

// --- HEAD ----------------------------------------------------------------------

TEST_F(TusTest, HeadGivesTheOffsetAndLengthUncached) {
  const std::string id = Create(3);
  ASSERT_OK(Patch(id, 0, {"a"}).status());
  ASSERT_OK_AND_ASSIGN(Response r, Endpoint().Head(Vendor(), TusRequest("HEAD"), id));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Get("Upload-Offset"), "1");
  EXPECT_EQ(r.Get("Upload-Length"), "3");
  EXPECT_EQ(r.Get("Cache-Control"), "no-store");
  EXPECT_EQ(r.Get("Tus-Resumable"), "1.0.0");
}

TEST_F(TusTest, SomeoneElsesUploadAndForgedIdsAreNotFound) {
  const std::string id = Create(3);
  EXPECT_THAT(Endpoint().Head(Vendor(99), TusRequest("HEAD"), id),
              StatusIs(Code::kNotFound, "upload.not_found"));
  EXPECT_THAT(Endpoint().Head(Vendor(), TusRequest("HEAD"), "../../blobs"),
              StatusIs(Code::kNotFound, "upload.not_found"));
  EXPECT_THAT(Endpoint().BeginPatch(Vendor(), PatchRequest(0, 1), "a/b"),
              StatusIs(Code::kNotFound, "upload.not_found"));
}

// --- PATCH ---------------------------------------------------------------------

TEST_F(TusTest, PiecesAppendAndTheLastCompletesTheUpload) {
  const std::string id = Create(3);
  ASSERT_OK_AND_ASSIGN(Response first, Patch(id, 0, {"a"}));
  EXPECT_EQ(first.status, 204);
  EXPECT_EQ(first.Get("Upload-Offset"), "1");
  EXPECT_EQ(first.Get("Tus-Resumable"), "1.0.0");
  EXPECT_EQ(owner_.completions_, 0);

  ASSERT_OK_AND_ASSIGN(Response last, Patch(id, 1, {"b", "c"}));
  EXPECT_EQ(last.Get("Upload-Offset"), "3");
  ASSERT_TRUE(owner_.Get(id)->blob.has_value());
  EXPECT_EQ(owner_.Get(id)->blob->sha256, kAbcSha256);
  EXPECT_EQ(owner_.Get(id)->blob->size, 3u);
  ASSERT_OK_AND_ASSIGN(std::string stored, blobs_->Read(kAbcSha256));
  EXPECT_EQ(stored, "abc");
  // The staged copy is gone; the upload no longer takes bytes.
  EXPECT_FALSE(fs::exists(data_ / "uploads" / (id + ".part")));
  EXPECT_THAT(Patch(id, 3, {}), StatusIs(Code::kFailedPrecondition, "upload.closed"));
}

TEST_F(TusTest, AnOffsetOtherThanTheStagedOneIsAConflict) {
  const std::string id = Create(3);
  ASSERT_OK(Patch(id, 0, {"a"}).status());
  EXPECT_THAT(Patch(id, 0, {"a"}), StatusIs(Code::kFailedPrecondition, "upload.offset_mismatch"));
  EXPECT_THAT(Patch(id, 2, {"c"}), StatusIs(Code::kFailedPrecondition, "upload.offset_mismatch"));
  EXPECT_EQ(TusError(409, FailedPrecondition("upload.offset_mismatch")).status, 409);
  ASSERT_OK_AND_ASSIGN(std::uint64_t offset, staging_->Offset(id));
  EXPECT_EQ(offset, 1u);
}

TEST_F(TusTest, PatchNeedsTheOffsetContentTypeAndAnOffset) {
  const std::string id = Create(3);
  Request wrong_type = PatchRequest(0, 1);
  wrong_type.headers[1].second = "application/octet-stream";
  EXPECT_THAT(Endpoint().BeginPatch(Vendor(), wrong_type, id),
              StatusIs(Code::kInvalidArgument, "upload.content_type"));
  EXPECT_EQ(TusError(400, InvalidArgument("upload.content_type")).status, 415);
  Request no_offset = PatchRequest(0, 1);
  no_offset.headers[2].second = "";
  EXPECT_THAT(Endpoint().BeginPatch(Vendor(), no_offset, id),
              StatusIs(Code::kInvalidArgument, "upload.offset_invalid"));
}

TEST_F(TusTest, BytesBeyondTheLengthAreRefused) {
  const std::string id = Create(3);
  // Declared in Content-Length: refused before any byte is read.
  EXPECT_THAT(Endpoint().BeginPatch(Vendor(), PatchRequest(0, 4), id),
              StatusIs(Code::kResourceExhausted, "upload.too_long"));
  // Sent without a length (chunked): the piece that overflows is not kept.
  Request chunked = TusRequest(
      "PATCH", {{"content-type", "application/offset+octet-stream"}, {"upload-offset", "0"}});
  ASSERT_OK_AND_ASSIGN(auto body, Endpoint().BeginPatch(Vendor(), chunked, id));
  ASSERT_OK(body->Feed("ab"));
  EXPECT_THAT(body->Feed("cd"), StatusIs(Code::kResourceExhausted, "upload.too_long"));
  EXPECT_EQ(body->staged().offset(), 2u);
  EXPECT_EQ(TusError(429, ResourceExhausted("upload.too_long")).status, 413);
}

TEST_F(TusTest, TwoRequestsNeverAppendToOneUploadAtOnce) {
  const std::string id = Create(3);
  ASSERT_OK_AND_ASSIGN(auto held, Endpoint().BeginPatch(Vendor(), PatchRequest(0, 1), id));
  EXPECT_THAT(Endpoint().BeginPatch(Vendor(), PatchRequest(0, 1), id),
              StatusIs(Code::kFailedPrecondition, "upload.busy"));
  EXPECT_EQ(TusError(409, FailedPrecondition("upload.busy")).status, 423);
}

TEST_F(TusTest, AnUploadResumesAfterTheServerRestarts) {
  const std::string id = Create(3);
  ASSERT_OK(Patch(id, 0, {"ab"}).status());
  // A new process: a new staging object over the same folder.
  ASSERT_OK_AND_ASSIGN(staging_, storage::UploadStaging::Open(data_ / "uploads"));
  ASSERT_OK_AND_ASSIGN(Response head, Endpoint().Head(Vendor(), TusRequest("HEAD"), id));
  EXPECT_EQ(head.Get("Upload-Offset"), "2");
  ASSERT_OK(Patch(id, 2, {"c"}).status());
  EXPECT_FALSE(owner_.Get(id)->open);
}

TEST_F(TusTest, TheOwnersRefusalOfTheFinishedBytesIsTheLastPatchsAnswer) {
  const std::string id = Create(3, std::string(64, 'f'));
  EXPECT_THAT(Patch(id, 0, {"abc"}), StatusIs(Code::kInvalidArgument, "upload.hash_mismatch"));
  EXPECT_TRUE(owner_.Get(id)->open);
}

TEST_F(TusTest, HeadCompletesAnUploadWhoseLastByteOutranTheOwnersRecord) {
  const std::string id = Create(3);
  owner_.complete_error_ = Unavailable("db.unavailable");
  EXPECT_THAT(Patch(id, 0, {"abc"}), StatusIs(Code::kUnavailable, "db.unavailable"));
  EXPECT_TRUE(owner_.Get(id)->open);
  owner_.complete_error_.reset();
  // tus-js-client resumes with HEAD; seeing every byte there it stops.
  ASSERT_OK_AND_ASSIGN(Response head, Endpoint().Head(Vendor(), TusRequest("HEAD"), id));
  EXPECT_EQ(head.Get("Upload-Offset"), "3");
  EXPECT_FALSE(owner_.Get(id)->open);
  EXPECT_EQ(owner_.Get(id)->blob->sha256, kAbcSha256);
}

TEST_F(TusTest, AnEmptyPatchAtTheEndCompletesTheUpload) {
  const std::string id = Create(3);
  owner_.complete_error_ = Unavailable("db.unavailable");
  EXPECT_FALSE(Patch(id, 0, {"abc"}).ok());
  owner_.complete_error_.reset();
  ASSERT_OK_AND_ASSIGN(Response r, Patch(id, 3, {}));
  EXPECT_EQ(r.Get("Upload-Offset"), "3");
  EXPECT_FALSE(owner_.Get(id)->open);
}

// --- termination -----------------------------------------------------------------

TEST_F(TusTest, DeleteCancelsTheUploadAndForgetsItsBytes) {
  const std::string id = Create(3);
  ASSERT_OK(Patch(id, 0, {"a"}).status());
  ASSERT_OK_AND_ASSIGN(Response r, Endpoint().Terminate(Vendor(), TusRequest("DELETE"), id));
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(r.Get("Tus-Resumable"), "1.0.0");
  EXPECT_EQ(owner_.Get(id), nullptr);
  EXPECT_FALSE(fs::exists(data_ / "uploads" / (id + ".part")));
  EXPECT_THAT(Endpoint().Terminate(Vendor(), TusRequest("DELETE"), id),
              StatusIs(Code::kNotFound, "upload.not_found"));
}

// --- errors ----------------------------------------------------------------------

TEST(TusErrors, AreTheApisJsonErrorWithTusResumable) {
  const Response r = TusError(404, NotFound("upload.not_found", "never shown"));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.Get("Content-Type"), "application/json");
  EXPECT_EQ(r.body, R"({"error":{"code":"NOT_FOUND","reason":"upload.not_found"}})");
  EXPECT_EQ(r.Get("Tus-Resumable"), "1.0.0");
}

}  // namespace
}  // namespace spse::http
