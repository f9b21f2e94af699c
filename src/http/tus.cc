#include "http/tus.h"

#include <spdlog/spdlog.h>

#include <array>
#include <charconv>

#include "http/site.h"

namespace spse::http {
namespace {

constexpr std::string_view kTusExtensions = "creation,termination";
constexpr std::string_view kOffsetContentType = "application/offset+octet-stream";

// The standard base64 alphabet (RFC 4648 §4), padding optional.
std::optional<std::string> DecodeBase64(std::string_view in) {
  static constexpr std::array<signed char, 256> kValues = [] {
    std::array<signed char, 256> t{};
    t.fill(-1);
    const std::string_view alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < alphabet.size(); ++i) {
      t[static_cast<unsigned char>(alphabet[i])] = static_cast<signed char>(i);
    }
    return t;
  }();
  while (!in.empty() && in.back() == '=') in.remove_suffix(1);
  if (in.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(in.size() * 3 / 4);
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    const int v = kValues[static_cast<unsigned char>(c)];
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IsMetadataKey(std::string_view key) {
  if (key.empty()) return false;
  for (char c : key) {
    if (c <= ' ' || c > '~' || c == ',') return false;
  }
  return true;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) {
      return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// Every response of the protocol says which version it speaks.
Response TusResponse(int status) {
  Response r;
  r.status = status;
  r.Set("Tus-Resumable", std::string(kTusVersion));
  return r;
}

// tus clients say which version they speak on every request but OPTIONS.
Status CheckVersion(const Request& req) {
  if (req.Header("tus-resumable") != kTusVersion) {
    return FailedPrecondition("tus.version_unsupported");
  }
  return OkStatus();
}

Status CheckId(std::string_view id) {
  // Never a file name from the client: an id that is not one is no upload.
  if (!app::IsValidUploadId(id)) return NotFound("upload.not_found");
  return OkStatus();
}

TusEndpoint EndpointOf(const Context& ctx) {
  Services& s = ctx.site.services();
  return TusEndpoint(s.uploads, s.upload_staging, s.blobs);
}

std::string IdOf(const Context& ctx) {
  auto it = ctx.req.params.find("id");
  return it == ctx.req.params.end() ? std::string() : it->second;
}

}  // namespace

StatusOr<std::map<std::string, std::string>> ParseUploadMetadata(std::string_view header) {
  std::map<std::string, std::string> out;
  if (Trim(header).empty()) return out;
  while (true) {
    const size_t comma = header.find(',');
    const std::string_view pair = Trim(header.substr(0, comma));
    const size_t space = pair.find(' ');
    const std::string_view key = pair.substr(0, space);
    const std::string_view value =
        space == std::string_view::npos ? std::string_view() : Trim(pair.substr(space + 1));
    if (!IsMetadataKey(key) || value.find(' ') != std::string_view::npos) {
      return InvalidArgument("upload.metadata_invalid", "pair '" + std::string(pair) + "'");
    }
    auto decoded = DecodeBase64(value);
    if (!decoded) return InvalidArgument("upload.metadata_invalid", "value of " + std::string(key));
    if (!out.emplace(std::string(key), std::move(*decoded)).second) {
      return InvalidArgument("upload.metadata_invalid", "repeated key " + std::string(key));
    }
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return out;
}

std::optional<std::uint64_t> ParseUploadNumber(std::string_view value) {
  value = Trim(value);
  if (value.empty() || value.size() > 19) return std::nullopt;
  std::uint64_t n = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || end != value.data() + value.size()) return std::nullopt;
  return n;
}

Status TusPatchBody::Feed(std::string_view chunk) {
  if (chunk.size() > upload_.length - staged_->offset()) {
    return ResourceExhausted("upload.too_long");
  }
  return staged_->Append(chunk);
}

Status TusEndpoint::Enabled() const {
  if (owner_ == nullptr || staging_ == nullptr) return NotFound("upload.not_found");
  return OkStatus();
}

StatusOr<Response> TusEndpoint::Options() const {
  SPSE_RETURN_IF_ERROR(Enabled());
  Response r = TusResponse(204);
  r.Set("Tus-Version", std::string(kTusVersion));
  r.Set("Tus-Extension", std::string(kTusExtensions));
  r.Set("Tus-Max-Size", std::to_string(kTusMaxSize));
  return r;
}

StatusOr<Response> TusEndpoint::Create(const app::Actor& actor, const Request& req) {
  SPSE_RETURN_IF_ERROR(Enabled());
  SPSE_RETURN_IF_ERROR(CheckVersion(req));
  // Upload-Defer-Length is an extension this server does not offer.
  const std::optional<std::uint64_t> length = ParseUploadNumber(req.Header("upload-length"));
  if (!length) return InvalidArgument("upload.length_required");
  if (*length > kTusMaxSize) return ResourceExhausted("upload.too_large");
  SPSE_ASSIGN_OR_RETURN(auto metadata, ParseUploadMetadata(req.Header("upload-metadata")));
  SPSE_ASSIGN_OR_RETURN(app::ResumableUpload upload,
                        owner_->CreateUpload(actor, *length, metadata));
  if (!app::IsValidUploadId(upload.id)) {
    return Internal("upload.id_invalid", "the owner made an id outside the token alphabet");
  }
  if (upload.length == 0) {
    // tus clients send no PATCH for an empty file: it is complete now.
    SPSE_ASSIGN_OR_RETURN(auto staged, staging_->Hold(upload.id));
    SPSE_RETURN_IF_ERROR(Complete(actor, upload, *staged));
  }
  Response r = TusResponse(201);
  r.Set("Location", std::string(kUploadsPath) + "/" + upload.id);
  return r;
}

StatusOr<Response> TusEndpoint::Head(const app::Actor& actor, const Request& req,
                                     std::string_view id) {
  SPSE_RETURN_IF_ERROR(Enabled());
  SPSE_RETURN_IF_ERROR(CheckVersion(req));
  SPSE_RETURN_IF_ERROR(CheckId(id));
  SPSE_ASSIGN_OR_RETURN(app::ResumableUpload upload, owner_->FindUpload(actor, id));
  SPSE_ASSIGN_OR_RETURN(std::uint64_t offset, staging_->Offset(upload.id));
  if (offset > upload.length) {
    return Internal("upload.offset_beyond_length", upload.id + ": " + std::to_string(offset));
  }
  if (offset == upload.length) {
    auto staged = staging_->Hold(upload.id);
    // Busy: the request that holds it is completing it.
    if (staged.ok()) {
      SPSE_RETURN_IF_ERROR(Complete(actor, upload, **staged));
    } else if (staged.status().reason() != "upload.busy") {
      return staged.status();
    }
  }
  Response r = TusResponse(200);
  r.Set("Upload-Offset", std::to_string(offset));
  r.Set("Upload-Length", std::to_string(upload.length));
  r.Set("Cache-Control", "no-store");
  return r;
}

StatusOr<std::unique_ptr<TusPatchBody>> TusEndpoint::BeginPatch(const app::Actor& actor,
                                                                const Request& req,
                                                                std::string_view id) {
  SPSE_RETURN_IF_ERROR(Enabled());
  SPSE_RETURN_IF_ERROR(CheckVersion(req));
  SPSE_RETURN_IF_ERROR(CheckId(id));
  const std::string_view type = req.Header("content-type");
  if (!EqualsIgnoreCase(Trim(type.substr(0, type.find(';'))), kOffsetContentType)) {
    return InvalidArgument("upload.content_type");
  }
  const std::optional<std::uint64_t> offset = ParseUploadNumber(req.Header("upload-offset"));
  if (!offset) return InvalidArgument("upload.offset_invalid");
  SPSE_ASSIGN_OR_RETURN(app::ResumableUpload upload, owner_->FindUpload(actor, id));
  SPSE_ASSIGN_OR_RETURN(std::unique_ptr<app::StagedUpload> staged, staging_->Hold(upload.id));
  if (staged->offset() != *offset) {
    return FailedPrecondition("upload.offset_mismatch", "at " + std::to_string(staged->offset()) +
                                                            ", not " + std::to_string(*offset));
  }
  if (staged->offset() > upload.length) {
    return Internal("upload.offset_beyond_length", upload.id);
  }
  const std::string_view declared = req.Header("content-length");
  if (!declared.empty()) {
    const std::optional<std::uint64_t> bytes = ParseUploadNumber(declared);
    if (bytes && *bytes > upload.length - staged->offset()) {
      return ResourceExhausted("upload.too_long");
    }
  }
  return std::make_unique<TusPatchBody>(std::move(upload), std::move(staged));
}

StatusOr<Response> TusEndpoint::EndPatch(const app::Actor& actor, TusPatchBody& body) {
  const std::uint64_t offset = body.staged().offset();
  if (offset == body.upload().length) {
    SPSE_RETURN_IF_ERROR(Complete(actor, body.upload(), body.staged()));
  }
  Response r = TusResponse(204);
  r.Set("Upload-Offset", std::to_string(offset));
  return r;
}

StatusOr<Response> TusEndpoint::Terminate(const app::Actor& actor, const Request& req,
                                          std::string_view id) {
  SPSE_RETURN_IF_ERROR(Enabled());
  SPSE_RETURN_IF_ERROR(CheckVersion(req));
  SPSE_RETURN_IF_ERROR(CheckId(id));
  SPSE_RETURN_IF_ERROR(owner_->CancelUpload(actor, id));
  SPSE_RETURN_IF_ERROR(staging_->Remove(id));
  return TusResponse(204);
}

Status TusEndpoint::Complete(const app::Actor& actor, const app::ResumableUpload& upload,
                             app::StagedUpload& staged) {
  SPSE_ASSIGN_OR_RETURN(std::string file, staged.Seal());
  SPSE_ASSIGN_OR_RETURN(app::BlobInfo blob, blobs_.Adopt(file));
  SPSE_RETURN_IF_ERROR(owner_->CompleteUpload(actor, upload.id, blob));
  // The owner has the blob: the staged copy is only a second name for it.
  if (Status removed = staging_->Remove(upload.id); !removed.ok()) {
    spdlog::warn("staged upload {} not removed: {}", upload.id, removed.ToString());
  }
  return OkStatus();
}

StatusOr<Response> TusOptions(Context& ctx) { return EndpointOf(ctx).Options(); }

StatusOr<Response> TusCreate(Context& ctx) { return EndpointOf(ctx).Create(ctx.actor(), ctx.req); }

StatusOr<Response> TusHead(Context& ctx) {
  return EndpointOf(ctx).Head(ctx.actor(), ctx.req, IdOf(ctx));
}

StatusOr<std::unique_ptr<BodyReader>> TusOpenPatch(Context& ctx) {
  SPSE_ASSIGN_OR_RETURN(auto body, EndpointOf(ctx).BeginPatch(ctx.actor(), ctx.req, IdOf(ctx)));
  return std::unique_ptr<BodyReader>(std::move(body));
}

StatusOr<Response> TusPatch(Context& ctx) {
  TusEndpoint endpoint = EndpointOf(ctx);
  // A PATCH with a body arrives here with the upload already held by the
  // reader its body went into (TusOpenPatch); an empty one holds it now.
  if (ctx.req.body_reader) {
    return endpoint.EndPatch(ctx.actor(), static_cast<TusPatchBody&>(*ctx.req.body_reader));
  }
  SPSE_ASSIGN_OR_RETURN(auto body, endpoint.BeginPatch(ctx.actor(), ctx.req, IdOf(ctx)));
  return endpoint.EndPatch(ctx.actor(), *body);
}

StatusOr<Response> TusTerminate(Context& ctx) {
  return EndpointOf(ctx).Terminate(ctx.actor(), ctx.req, IdOf(ctx));
}

Response TusError(int status, const Status& why) {
  const std::string& reason = why.reason();
  if (reason == "tus.version_unsupported") status = 412;
  if (reason == "upload.too_long" || reason == "upload.too_large" ||
      reason == "http.body_too_large") {
    status = 413;
  }
  if (reason == "upload.content_type") status = 415;
  if (reason == "upload.busy") status = 423;  // tus clients retry it, as tusd answers
  Response r = ApiError(status, why);
  r.Set("Tus-Resumable", std::string(kTusVersion));
  if (status == 412) r.Set("Tus-Version", std::string(kTusVersion));
  return r;
}

}  // namespace spse::http
