// The staging area of resumable uploads: ROOT/<id>.part holds the bytes of
// upload <id> received so far, appended as they arrive and fsynced only when
// the upload is complete (then BlobPort::Adopt takes the file into the blob
// store). The file's length is the upload's offset, so a restarted process
// resumes every upload where its bytes end.
//
// A request holds an upload through an exclusive flock on its file: two
// requests (threads, or processes sharing the folder) never append to one
// upload at once.
#ifndef SPSE_STORAGE_UPLOAD_STAGING_H_
#define SPSE_STORAGE_UPLOAD_STAGING_H_

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "app/resumable_upload.h"
#include "base/status.h"

namespace spse::storage {

class UploadStaging final : public app::UploadStagingPort {
 public:
  // Creates ROOT when missing.
  static StatusOr<std::unique_ptr<UploadStaging>> Open(const std::filesystem::path& root);

  StatusOr<std::unique_ptr<app::StagedUpload>> Hold(std::string_view id) override;
  StatusOr<std::uint64_t> Offset(std::string_view id) override;
  Status Remove(std::string_view id) override;

 private:
  explicit UploadStaging(std::filesystem::path root) : root_(std::move(root)) {}
  std::filesystem::path FileOf(std::string_view id) const;
  std::filesystem::path root_;
};

}  // namespace spse::storage

#endif  // SPSE_STORAGE_UPLOAD_STAGING_H_
