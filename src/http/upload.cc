#include "http/upload.h"

namespace spse::http {

UploadReader::UploadReader(app::BlobPort& blobs, Request& req, UploadLimits limits,
                           std::function<bool(std::string_view)> csrf_ok)
    : blobs_(blobs), req_(req), limits_(limits), csrf_ok_(std::move(csrf_ok)) {}

UploadReader::~UploadReader() = default;

Status UploadReader::Start(std::string_view content_type) {
  SPSE_ASSIGN_OR_RETURN(std::string boundary, MultipartParser::BoundaryOf(content_type));
  MultipartParser::Callbacks cb;
  cb.begin = [this](const PartHeaders& h) { return Begin(h); };
  cb.data = [this](std::string_view b) { return Data(b); };
  cb.end = [this] { return End(); };
  parser_ = std::make_unique<MultipartParser>(boundary, std::move(cb));
  return OkStatus();
}

Status UploadReader::Begin(const PartHeaders& h) {
  part_ = h;
  field_value_.clear();
  head_.clear();
  skip_ = false;
  if (!csrf_checked_ && h.name != "_csrf") return PermissionDenied("http.csrf");
  if (!h.has_filename) return OkStatus();
  if (h.filename.empty()) {
    skip_ = true;  // a file input left empty
    return OkStatus();
  }
  if (static_cast<int>(req_.files.size()) >= limits_.max_files) {
    return InvalidArgument("http.too_many_files");
  }
  SPSE_ASSIGN_OR_RETURN(sink_, blobs_.NewSink(limits_.max_file_bytes));
  return OkStatus();
}

Status UploadReader::Data(std::string_view bytes) {
  if (skip_) return OkStatus();
  if (sink_) {
    if (head_.size() < 16) head_.append(bytes.substr(0, 16 - head_.size()));
    return sink_->Append(bytes);
  }
  field_bytes_ += bytes.size();
  if (field_bytes_ > limits_.max_field_bytes) return ResourceExhausted("http.body_too_large");
  field_value_.append(bytes);
  return OkStatus();
}

Status UploadReader::End() {
  if (skip_) return OkStatus();
  if (sink_) {
    SPSE_ASSIGN_OR_RETURN(app::BlobInfo blob, sink_->Commit());
    sink_.reset();
    req_.files.push_back(UploadedFile{part_.name, part_.filename, part_.content_type, blob, head_});
    return OkStatus();
  }
  if (!csrf_checked_) {
    if (!csrf_ok_(field_value_)) return PermissionDenied("http.csrf");
    csrf_checked_ = true;
  }
  req_.form.Add(part_.name, std::move(field_value_));
  field_value_.clear();
  return OkStatus();
}

Status UploadReader::Feed(std::string_view chunk) { return parser_->Feed(chunk); }

Status UploadReader::Finish() { return parser_->Finish(); }

}  // namespace spse::http
