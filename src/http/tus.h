// Resumable uploads over the tus 1.0 protocol (https://tus.io/protocols/
// resumable-upload): the core protocol plus the creation and termination
// extensions, as tus-js-client speaks them.
//
//   OPTIONS /api/v1/uploads[/{id}]  what the server supports
//   POST    /api/v1/uploads         creation: 201 + Location
//   HEAD    /api/v1/uploads/{id}    the offset to resume from
//   PATCH   /api/v1/uploads/{id}    bytes at Upload-Offset, streamed to disk
//   DELETE  /api/v1/uploads/{id}    termination
//
// The bytes go to the staging area (app::UploadStagingPort) as they arrive;
// when the offset reaches the length they are fsynced, adopted into the blob
// store and only then handed to the owner (app::ResumableUploadOwner), which
// decides who may upload what and what a finished upload means. Every
// response carries Tus-Resumable; errors are the API's JSON errors, with
// the statuses the protocol prescribes (409 offset, 412 version, 413 size,
// 415 content type).
#ifndef SPSE_HTTP_TUS_H_
#define SPSE_HTTP_TUS_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "app/resumable_upload.h"
#include "http/message.h"

namespace spse::http {

struct Context;

inline constexpr std::string_view kTusVersion = "1.0.0";
inline constexpr std::string_view kUploadsPath = "/api/v1/uploads";
// The largest upload the server takes (Tus-Max-Size); owners may set less.
inline constexpr std::uint64_t kTusMaxSize = std::uint64_t{256} << 20;

// Upload-Metadata: comma-separated "key base64value" pairs (the value may be
// absent: empty). Keys are unique, non-empty, printable ASCII without spaces
// or commas. "upload.metadata_invalid".
StatusOr<std::map<std::string, std::string>> ParseUploadMetadata(std::string_view header);
// A non-negative decimal header value (Upload-Length, Upload-Offset);
// nullopt when it is not exactly one.
std::optional<std::uint64_t> ParseUploadNumber(std::string_view value);

// A PATCH between its headers and the end of its body: the upload, held for
// appending, takes each piece of the body as it arrives.
class TusPatchBody final : public BodyReader {
 public:
  TusPatchBody(app::ResumableUpload upload, std::unique_ptr<app::StagedUpload> staged)
      : upload_(std::move(upload)), staged_(std::move(staged)) {}
  // "upload.too_long" for bytes beyond Upload-Length (none of that piece is
  // kept), "upload.io_error".
  Status Feed(std::string_view chunk) override;
  Status Finish() override { return OkStatus(); }

  const app::ResumableUpload& upload() const { return upload_; }
  app::StagedUpload& staged() { return *staged_; }

 private:
  app::ResumableUpload upload_;
  std::unique_ptr<app::StagedUpload> staged_;
};

// The protocol over an owner, the staging area and the blob store: no Site,
// no sockets, so tests drive it directly. Cheap to make per request.
class TusEndpoint {
 public:
  // While `owner` or `staging` is null every request answers 404
  // "upload.not_found".
  TusEndpoint(app::ResumableUploadOwner* owner, app::UploadStagingPort* staging,
              app::BlobPort& blobs)
      : owner_(owner), staging_(staging), blobs_(blobs) {}

  StatusOr<Response> Options() const;
  // POST. "tus.version_unsupported", "upload.length_required",
  // "upload.too_large", "upload.metadata_invalid", the owner's reasons.
  StatusOr<Response> Create(const app::Actor& actor, const Request& req);
  // HEAD. An upload whose bytes are all staged but which the owner still
  // holds open (a crash between the last byte and the owner's record) is
  // completed here, so the client's next HEAD finishes it.
  StatusOr<Response> Head(const app::Actor& actor, const Request& req, std::string_view id);
  // PATCH before its body: checks the headers against the upload and holds
  // it. "upload.content_type", "upload.offset_invalid",
  // "upload.offset_mismatch", "upload.too_long", "upload.busy".
  StatusOr<std::unique_ptr<TusPatchBody>> BeginPatch(const app::Actor& actor, const Request& req,
                                                     std::string_view id);
  // PATCH after its body: 204 with the new offset; when that is the length,
  // the upload is completed first and the owner's refusal is the answer.
  StatusOr<Response> EndPatch(const app::Actor& actor, TusPatchBody& body);
  // DELETE: the owner cancels, the staged bytes go.
  StatusOr<Response> Terminate(const app::Actor& actor, const Request& req, std::string_view id);

 private:
  Status Enabled() const;
  // Every byte is staged: fsync, adopt into the blob store, tell the owner,
  // forget the staged file.
  Status Complete(const app::Actor& actor, const app::ResumableUpload& upload,
                  app::StagedUpload& staged);

  app::ResumableUploadOwner* owner_;
  app::UploadStagingPort* staging_;
  app::BlobPort& blobs_;
};

// The route handlers (routes.cc) over TusEndpoint.
StatusOr<Response> TusOptions(Context& ctx);
StatusOr<Response> TusCreate(Context& ctx);
StatusOr<Response> TusHead(Context& ctx);
StatusOr<std::unique_ptr<BodyReader>> TusOpenPatch(Context& ctx);
StatusOr<Response> TusPatch(Context& ctx);
StatusOr<Response> TusTerminate(Context& ctx);
// Route::error_response of the upload routes: the API's JSON error with the
// protocol's status for its own reasons, and Tus-Resumable.
Response TusError(int status, const Status& why);

}  // namespace spse::http

#endif  // SPSE_HTTP_TUS_H_
