// Resumable uploads (the tus 1.0 protocol, see src/http/tus.h): what the
// protocol layer asks of the use case that owns the uploads, and the staging
// area where unfinished uploads wait on disk.
//
// The protocol layer knows bytes and offsets; the owner knows who may write
// which upload, how long and of which SHA-256 it must be, and what a
// finished upload means (a bid file, for sealed bids). The owner is told of
// an upload only once all its bytes are durable in the blob store.
#ifndef SPSE_APP_RESUMABLE_UPLOAD_H_
#define SPSE_APP_RESUMABLE_UPLOAD_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "app/actor.h"
#include "app/ports.h"
#include "base/status.h"

namespace spse::app {

// One upload as the owner declared it.
struct ResumableUpload {
  std::string id;            // the token in the upload's URL (unguessable)
  std::uint64_t length = 0;  // the Upload-Length the bytes must reach
  std::string sha256;        // lowercase hex SHA-256 the bytes must have
};

class ResumableUploadOwner {
 public:
  virtual ~ResumableUploadOwner() = default;
  // tus creation (POST): an upload from the client's decoded Upload-Metadata
  // and Upload-Length. Reasons are the owner's ("upload.*", "bid.*", ...).
  virtual StatusOr<ResumableUpload> CreateUpload(
      const Actor& actor, std::uint64_t length,
      const std::map<std::string, std::string>& metadata) = 0;
  // HEAD and PATCH: the upload, when `actor` may write it and it is still
  // open. "upload.not_found" (also for someone else's upload),
  // "upload.closed" when it can no longer take bytes (done, deadline, ...).
  virtual StatusOr<ResumableUpload> FindUpload(const Actor& actor, std::string_view id) = 0;
  // The last PATCH: every byte is in the blob store, fsynced, as `blob`.
  // The owner checks the size and hash against the declared ones and the
  // deadline by its own clock, and records the result in one transaction.
  virtual Status CompleteUpload(const Actor& actor, std::string_view id, const BlobInfo& blob) = 0;
  // tus termination (DELETE): the client gives the upload up.
  virtual Status CancelUpload(const Actor& actor, std::string_view id) = 0;
};

}  // namespace spse::app

#endif  // SPSE_APP_RESUMABLE_UPLOAD_H_
