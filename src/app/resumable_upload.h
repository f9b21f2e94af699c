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

// Upload ids travel in URLs and name staging files: 1 to kMaxUploadIdLength
// characters of the unpadded base64url alphabet (what CryptoPort::RandomToken
// gives). Owners must make ids of this form; everything else is refused.
inline constexpr std::size_t kMaxUploadIdLength = 64;
inline bool IsValidUploadId(std::string_view id) {
  if (id.empty() || id.size() > kMaxUploadIdLength) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

// One upload's staged bytes, held for appending: while this lives no other
// request can hold the same upload. Not thread-safe.
class StagedUpload {
 public:
  virtual ~StagedUpload() = default;
  // The bytes staged so far. After a process crash this is still every byte
  // written; after a power cut, what the file system kept (never garbage).
  virtual std::uint64_t offset() const = 0;
  // Appends at the end ("upload.io_error"); not yet fsynced. On failure the
  // offset is the file's true length again, whatever was half written.
  virtual Status Append(std::string_view bytes) = 0;
  // Makes every byte durable (fsync) and returns the file's path, to hand to
  // BlobPort::Adopt. Appending after this is a caller's error.
  virtual StatusOr<std::string> Seal() = 0;
};

// Where unfinished uploads wait on disk, one file per upload id (implemented
// by storage::UploadStaging). Thread-safe; also safe between processes that
// share the folder (the hold is a file lock).
class UploadStagingPort {
 public:
  virtual ~UploadStagingPort() = default;
  // Holds the upload for appending; an upload never written starts empty.
  // "upload.id_invalid", "upload.busy" (another request holds it),
  // "upload.io_error".
  virtual StatusOr<std::unique_ptr<StagedUpload>> Hold(std::string_view id) = 0;
  // The bytes staged so far, without holding the upload (0 when none).
  virtual StatusOr<std::uint64_t> Offset(std::string_view id) = 0;
  // Forgets the upload's bytes; OK when there are none.
  virtual Status Remove(std::string_view id) = 0;
};

}  // namespace spse::app

#endif  // SPSE_APP_RESUMABLE_UPLOAD_H_
