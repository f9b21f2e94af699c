#include "storage/blob_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

#include "crypto/crypto.h"

namespace spse::storage {
namespace fs = std::filesystem;

namespace {

Status ErrnoStatus(std::string_view op, const fs::path& path) {
  return Unavailable("blob.io_error", std::string(op) + " " + path.string() + ": " +
                                          std::strerror(errno));
}

bool ValidName(std::string_view hex) {
  return hex.size() == 64 && std::all_of(hex.begin(), hex.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

Status FsyncDir(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus("open dir", dir);
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return ErrnoStatus("fsync dir", dir);
  return OkStatus();
}

}  // namespace

struct BlobWriter::State {
  fs::path root;
  fs::path temp;
  int fd = -1;
  std::uint64_t size = 0;
  std::uint64_t max_bytes = 0;
  crypto::Sha256 hash;
  bool committed = false;
};

BlobWriter::BlobWriter(std::unique_ptr<State> state) : state_(std::move(state)) {}

BlobWriter::~BlobWriter() {
  if (state_->fd >= 0) ::close(state_->fd);
  if (!state_->committed) {
    std::error_code ec;
    fs::remove(state_->temp, ec);
  }
}

Status BlobWriter::Append(std::string_view bytes) {
  if (state_->fd < 0) return FailedPrecondition("blob.closed");
  if (bytes.size() > state_->max_bytes - state_->size) return InvalidArgument("blob.too_large");
  const char* p = bytes.data();
  size_t left = bytes.size();
  while (left > 0) {
    const ssize_t n = ::write(state_->fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus("write", state_->temp);
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  state_->hash.Update(bytes.data(), bytes.size());
  state_->size += bytes.size();
  return OkStatus();
}

StatusOr<BlobRef> BlobWriter::Commit() {
  if (state_->fd < 0) return FailedPrecondition("blob.closed");
  if (::fsync(state_->fd) != 0) return ErrnoStatus("fsync", state_->temp);
  ::close(state_->fd);
  state_->fd = -1;
  BlobRef ref{state_->hash.FinishHex(), state_->size};
  const fs::path dir = state_->root / ref.sha256.substr(0, 2);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Unavailable("blob.io_error", ec.message());
  const fs::path final_path = dir / ref.sha256;
  if (::rename(state_->temp.c_str(), final_path.c_str()) != 0) {
    return ErrnoStatus("rename", final_path);
  }
  state_->committed = true;
  SPSE_RETURN_IF_ERROR(FsyncDir(dir));
  SPSE_RETURN_IF_ERROR(FsyncDir(state_->root));
  return ref;
}

StatusOr<std::unique_ptr<BlobStore>> BlobStore::Open(const fs::path& root) {
  std::error_code ec;
  fs::create_directories(root / "tmp", ec);
  if (ec) return Unavailable("blob.io_error", root.string() + ": " + ec.message());
  return std::unique_ptr<BlobStore>(new BlobStore(root));
}

StatusOr<std::unique_ptr<BlobWriter>> BlobStore::NewWriter(std::uint64_t max_bytes) {
  auto state = std::make_unique<BlobWriter::State>();
  state->root = root_;
  state->max_bytes = max_bytes;
  state->temp = root_ / "tmp" / ("upload-" + crypto::RandomToken(12));
  state->fd = ::open(state->temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (state->fd < 0) return ErrnoStatus("create", state->temp);
  return std::unique_ptr<BlobWriter>(new BlobWriter(std::move(state)));
}

StatusOr<BlobRef> BlobStore::Put(std::string_view bytes) {
  SPSE_ASSIGN_OR_RETURN(auto writer, NewWriter(bytes.size()));
  SPSE_RETURN_IF_ERROR(writer->Append(bytes));
  return writer->Commit();
}

bool BlobStore::Contains(std::string_view sha256) const {
  if (!ValidName(sha256)) return false;
  std::error_code ec;
  return fs::is_regular_file(root_ / sha256.substr(0, 2) / sha256, ec);
}

StatusOr<fs::path> BlobStore::PathOf(std::string_view sha256) const {
  if (!ValidName(sha256)) return InvalidArgument("blob.name_invalid");
  fs::path p = root_ / sha256.substr(0, 2) / sha256;
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) return NotFound("blob.not_found");
  return p;
}

StatusOr<std::string> BlobStore::Read(std::string_view sha256) const {
  SPSE_ASSIGN_OR_RETURN(fs::path p, PathOf(sha256));
  std::ifstream in(p, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  if (!in.good() && !in.eof()) return Unavailable("blob.io_error", p.string());
  return out.str();
}

StatusOr<std::unique_ptr<app::BlobSink>> BlobStore::NewSink(std::uint64_t max_bytes) {
  SPSE_ASSIGN_OR_RETURN(auto writer, NewWriter(max_bytes));
  return std::unique_ptr<app::BlobSink>(std::move(writer));
}

StatusOr<BlobRef> BlobStore::Adopt(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return NotFound("blob.not_found", path);
    return ErrnoStatus("open", path);
  }
  crypto::Sha256 hash;
  std::uint64_t size = 0;
  std::vector<char> buf(64 * 1024);
  Status read_status = OkStatus();
  for (;;) {
    const ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      read_status = ErrnoStatus("read", path);
      break;
    }
    if (n == 0) break;
    hash.Update(buf.data(), static_cast<size_t>(n));
    size += static_cast<std::uint64_t>(n);
  }
  // The bytes must be on disk before any name points at them.
  if (read_status.ok() && ::fsync(fd) != 0) read_status = ErrnoStatus("fsync", path);
  ::close(fd);
  SPSE_RETURN_IF_ERROR(read_status);

  BlobRef ref{hash.FinishHex(), size};
  const fs::path dir = root_ / ref.sha256.substr(0, 2);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Unavailable("blob.io_error", ec.message());
  const fs::path final_path = dir / ref.sha256;
  if (::link(path.c_str(), final_path.c_str()) != 0) {
    if (errno == EXDEV) return CopyIn(path, ref);
    // The same bytes are in the store already (adopted before a crash, or
    // another upload of the same content).
    if (errno != EEXIST) return ErrnoStatus("link", final_path);
  }
  SPSE_RETURN_IF_ERROR(FsyncDir(dir));
  SPSE_RETURN_IF_ERROR(FsyncDir(root_));
  return ref;
}

StatusOr<BlobRef> BlobStore::CopyIn(const std::string& path, const BlobRef& expected) {
  SPSE_ASSIGN_OR_RETURN(auto writer, NewWriter(expected.size));
  std::ifstream in(path, std::ios::binary);
  if (!in) return ErrnoStatus("open", path);
  std::vector<char> buf(64 * 1024);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    const auto n = static_cast<size_t>(in.gcount());
    if (n > 0) SPSE_RETURN_IF_ERROR(writer->Append(std::string_view(buf.data(), n)));
  }
  if (in.bad()) return Unavailable("blob.io_error", "read " + path);
  SPSE_ASSIGN_OR_RETURN(BlobRef ref, writer->Commit());
  if (ref.sha256 != expected.sha256) {
    return Unavailable("blob.io_error", path + " changed while it was adopted");
  }
  return ref;
}

StatusOr<std::string> BlobStore::FileOf(std::string_view sha256) const {
  SPSE_ASSIGN_OR_RETURN(fs::path p, PathOf(sha256));
  return p.string();
}

Status BlobStore::Remove(std::string_view sha256) {
  if (!ValidName(sha256)) return InvalidArgument("blob.name_invalid");
  const fs::path dir = root_ / sha256.substr(0, 2);
  std::error_code ec;
  const bool removed = fs::remove(dir / sha256, ec);
  if (ec) return Unavailable("blob.io_error", "remove " + (dir / sha256).string() + ": " + ec.message());
  if (!removed) return OkStatus();
  return FsyncDir(dir);
}

}  // namespace spse::storage
