// An owner of resumable uploads for end-to-end tests of the tus protocol
// (tests/e2e/http/tus.test.mjs), apart from the use case that owns uploads
// for real: when the environment sets SPSE_TEST_UPLOADS=1, any signed-in
// account may upload, the bytes must match the size and the "sha256"
// metadata declared at creation, and the uploads are remembered only in
// this process's memory. The server says so loudly at start; production
// never sets it.
#ifndef SPSE_CLI_TEST_UPLOAD_OWNER_H_
#define SPSE_CLI_TEST_UPLOAD_OWNER_H_

#include <cstdlib>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "app/ports.h"
#include "app/resumable_upload.h"

namespace spse::cli {

class TestUploadOwner final : public app::ResumableUploadOwner {
 public:
  explicit TestUploadOwner(app::CryptoPort& crypto) : crypto_(crypto) {}

  static bool Enabled() {
    const char* v = std::getenv("SPSE_TEST_UPLOADS");
    return v != nullptr && std::string_view(v) == "1";
  }

  // Metadata "sha256": the lowercase hex digest the bytes must have.
  StatusOr<app::ResumableUpload> CreateUpload(
      const app::Actor& actor, std::uint64_t length,
      const std::map<std::string, std::string>& metadata) override {
    app::ResumableUpload u;
    u.id = crypto_.RandomToken(24);
    u.length = length;
    if (auto it = metadata.find("sha256"); it != metadata.end()) u.sha256 = it->second;
    std::lock_guard lock(mu_);
    uploads_[u.id] = Entry{u, actor.who.user_id, false};
    return u;
  }

  StatusOr<app::ResumableUpload> FindUpload(const app::Actor& actor, std::string_view id) override {
    std::lock_guard lock(mu_);
    auto it = uploads_.find(std::string(id));
    if (it == uploads_.end() || it->second.user_id != actor.who.user_id) {
      return NotFound("upload.not_found");
    }
    if (it->second.done) return FailedPrecondition("upload.closed");
    return it->second.upload;
  }

  Status CompleteUpload(const app::Actor& actor, std::string_view id,
                        const app::BlobInfo& blob) override {
    SPSE_ASSIGN_OR_RETURN(app::ResumableUpload u, FindUpload(actor, id));
    if (blob.size != u.length) return InvalidArgument("upload.size_mismatch");
    if (!u.sha256.empty() && blob.sha256 != u.sha256) {
      return InvalidArgument("upload.hash_mismatch");
    }
    std::lock_guard lock(mu_);
    uploads_[std::string(id)].done = true;
    return OkStatus();
  }

  Status CancelUpload(const app::Actor& actor, std::string_view id) override {
    SPSE_RETURN_IF_ERROR(FindUpload(actor, id).status());
    std::lock_guard lock(mu_);
    uploads_.erase(std::string(id));
    return OkStatus();
  }

 private:
  struct Entry {
    app::ResumableUpload upload;
    std::int64_t user_id = 0;
    bool done = false;
  };
  app::CryptoPort& crypto_;
  std::mutex mu_;
  std::map<std::string, Entry> uploads_;
};

}  // namespace spse::cli

#endif  // SPSE_CLI_TEST_UPLOAD_OWNER_H_
