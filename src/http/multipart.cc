#include "http/multipart.h"

#include <algorithm>
#include <cctype>

namespace spse::http {
namespace {

constexpr size_t kMaxHeaderBlock = 8 * 1024;

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The value of `param` in a header like `form-data; name="x"; filename="y"`.
bool Param(std::string_view header, std::string_view param, std::string& out) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t semi = header.find(';', pos);
    // Quoted values may hold ';': skip over quotes.
    size_t q = header.find('"', pos);
    if (q != std::string_view::npos && q < semi) {
      size_t close = header.find('"', q + 1);
      while (close != std::string_view::npos && header[close - 1] == '\\') {
        close = header.find('"', close + 1);
      }
      if (close == std::string_view::npos) return false;
      semi = header.find(';', close);
    }
    std::string_view item = Trim(header.substr(pos, semi == std::string_view::npos ? std::string_view::npos : semi - pos));
    const size_t eq = item.find('=');
    if (eq != std::string_view::npos && Lower(Trim(item.substr(0, eq))) == param) {
      std::string_view v = Trim(item.substr(eq + 1));
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') {
        v = v.substr(1, v.size() - 2);
        out.clear();
        for (size_t i = 0; i < v.size(); ++i) {
          if (v[i] == '\\' && i + 1 < v.size()) ++i;
          out += v[i];
        }
      } else {
        out = std::string(v);
      }
      return true;
    }
    if (semi == std::string_view::npos) break;
    pos = semi + 1;
  }
  return false;
}

}  // namespace

StatusOr<std::string> MultipartParser::BoundaryOf(std::string_view content_type) {
  if (Lower(content_type.substr(0, 19)) != "multipart/form-data") {
    return InvalidArgument("http.multipart_invalid", "not multipart/form-data");
  }
  std::string boundary;
  if (!Param(content_type, "boundary", boundary) || boundary.empty() || boundary.size() > 70) {
    return InvalidArgument("http.multipart_invalid", "bad boundary");
  }
  return boundary;
}

MultipartParser::MultipartParser(std::string_view boundary, Callbacks callbacks)
    : delimiter_("\r\n--" + std::string(boundary)), cb_(std::move(callbacks)) {
  // The first delimiter has no preceding CRLF; pretend it had one.
  buf_ = "\r\n";
}

Status MultipartParser::ParseHeaders(std::string_view block) {
  PartHeaders h;
  bool disposition = false;
  while (!block.empty()) {
    const size_t eol = block.find("\r\n");
    std::string_view line = block.substr(0, eol);
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) return InvalidArgument("http.multipart_invalid", "header");
    const std::string name = Lower(Trim(line.substr(0, colon)));
    const std::string_view value = Trim(line.substr(colon + 1));
    if (name == "content-disposition") {
      if (Lower(value.substr(0, 9)) != "form-data") {
        return InvalidArgument("http.multipart_invalid", "disposition");
      }
      disposition = Param(value, "name", h.name);
      h.has_filename = Param(value, "filename", h.filename);
    } else if (name == "content-type") {
      h.content_type = std::string(value);
    }
    if (eol == std::string_view::npos) break;
    block.remove_prefix(eol + 2);
  }
  if (!disposition || h.name.empty()) return InvalidArgument("http.multipart_invalid", "no name");
  return cb_.begin(h);
}

Status MultipartParser::PassDelimiter(size_t after) {
  if (buf_.compare(after, 2, "--") == 0) {
    state_ = State::kDone;
  } else if (buf_.compare(after, 2, "\r\n") == 0) {
    state_ = State::kHeaders;
  } else {
    return InvalidArgument("http.multipart_invalid", "delimiter");
  }
  buf_.erase(0, after + 2);
  return OkStatus();
}

Status MultipartParser::Step(bool& progressed) {
  progressed = false;
  switch (state_) {
    case State::kPreamble: {
      const size_t at = buf_.find(delimiter_);
      if (at == std::string::npos) {
        // Keep only what could still begin a delimiter.
        if (buf_.size() > delimiter_.size()) buf_.erase(0, buf_.size() - delimiter_.size());
        return OkStatus();
      }
      const size_t after = at + delimiter_.size();
      if (buf_.size() < after + 2) return OkStatus();
      progressed = true;
      return PassDelimiter(after);
    }
    case State::kHeaders: {
      const size_t end = buf_.find("\r\n\r\n");
      if (end == std::string::npos) {
        if (buf_.size() > kMaxHeaderBlock) return InvalidArgument("http.multipart_invalid", "headers");
        return OkStatus();
      }
      SPSE_RETURN_IF_ERROR(ParseHeaders(std::string_view(buf_).substr(0, end)));
      buf_.erase(0, end + 4);
      state_ = State::kBody;
      progressed = true;
      return OkStatus();
    }
    case State::kBody: {
      const size_t at = buf_.find(delimiter_);
      if (at == std::string::npos) {
        // Everything but a possible delimiter prefix at the end is data.
        if (buf_.size() > delimiter_.size()) {
          const size_t n = buf_.size() - delimiter_.size();
          SPSE_RETURN_IF_ERROR(cb_.data(std::string_view(buf_).substr(0, n)));
          buf_.erase(0, n);
        }
        return OkStatus();
      }
      const size_t after = at + delimiter_.size();
      if (buf_.size() < after + 2) return OkStatus();
      if (at > 0) SPSE_RETURN_IF_ERROR(cb_.data(std::string_view(buf_).substr(0, at)));
      SPSE_RETURN_IF_ERROR(cb_.end());
      progressed = true;
      return PassDelimiter(after);
    }
    case State::kDone:
      buf_.clear();  // the epilogue is ignored
      return OkStatus();
  }
  return OkStatus();
}

Status MultipartParser::Feed(std::string_view chunk) {
  buf_.append(chunk);
  bool progressed = true;
  while (progressed) SPSE_RETURN_IF_ERROR(Step(progressed));
  return OkStatus();
}

Status MultipartParser::Finish() const {
  if (state_ != State::kDone) return InvalidArgument("http.multipart_invalid", "truncated");
  return OkStatus();
}

}  // namespace spse::http
