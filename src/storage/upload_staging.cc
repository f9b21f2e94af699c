#include "storage/upload_staging.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace spse::storage {
namespace fs = std::filesystem;

namespace {

Status ErrnoStatus(std::string_view op, const fs::path& path) {
  return Unavailable("upload.io_error",
                     std::string(op) + " " + path.string() + ": " + std::strerror(errno));
}

class StagedFile final : public app::StagedUpload {
 public:
  StagedFile(fs::path path, int fd, std::uint64_t offset)
      : path_(std::move(path)), fd_(fd), offset_(offset) {}
  // Closing the descriptor releases the flock.
  ~StagedFile() override { ::close(fd_); }
  StagedFile(const StagedFile&) = delete;
  StagedFile& operator=(const StagedFile&) = delete;

  std::uint64_t offset() const override { return offset_; }

  Status Append(std::string_view bytes) override {
    const char* p = bytes.data();
    size_t left = bytes.size();
    while (left > 0) {
      const ssize_t n = ::write(fd_, p, left);
      if (n < 0) {
        if (errno == EINTR) continue;
        Status failed = ErrnoStatus("write", path_);
        Resync();
        return failed;
      }
      p += n;
      left -= static_cast<size_t>(n);
      offset_ += static_cast<std::uint64_t>(n);
    }
    return OkStatus();
  }

  StatusOr<std::string> Seal() override {
    if (::fsync(fd_) != 0) return ErrnoStatus("fsync", path_);
    return path_.string();
  }

 private:
  // After a failed write the file may hold part of it: its length is the truth.
  void Resync() {
    struct stat st {};
    if (::fstat(fd_, &st) == 0) offset_ = static_cast<std::uint64_t>(st.st_size);
  }

  fs::path path_;
  int fd_;
  std::uint64_t offset_;
};

}  // namespace

StatusOr<std::unique_ptr<UploadStaging>> UploadStaging::Open(const fs::path& root) {
  std::error_code ec;
  fs::create_directories(root, ec);
  if (ec) return Unavailable("upload.io_error", root.string() + ": " + ec.message());
  return std::unique_ptr<UploadStaging>(new UploadStaging(root));
}

fs::path UploadStaging::FileOf(std::string_view id) const {
  return root_ / (std::string(id) + ".part");
}

StatusOr<std::unique_ptr<app::StagedUpload>> UploadStaging::Hold(std::string_view id) {
  if (!app::IsValidUploadId(id)) return InvalidArgument("upload.id_invalid");
  const fs::path path = FileOf(id);
  // O_APPEND: every write lands at the end, wherever the descriptor was.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
  if (fd < 0) return ErrnoStatus("open", path);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const bool busy = errno == EWOULDBLOCK;
    Status failed = busy ? FailedPrecondition("upload.busy") : ErrnoStatus("flock", path);
    ::close(fd);
    return failed;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    Status failed = ErrnoStatus("fstat", path);
    ::close(fd);
    return failed;
  }
  return std::unique_ptr<app::StagedUpload>(
      new StagedFile(path, fd, static_cast<std::uint64_t>(st.st_size)));
}

StatusOr<std::uint64_t> UploadStaging::Offset(std::string_view id) {
  if (!app::IsValidUploadId(id)) return InvalidArgument("upload.id_invalid");
  const fs::path path = FileOf(id);
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return std::uint64_t{0};
    return ErrnoStatus("stat", path);
  }
  return static_cast<std::uint64_t>(st.st_size);
}

Status UploadStaging::Remove(std::string_view id) {
  if (!app::IsValidUploadId(id)) return InvalidArgument("upload.id_invalid");
  const fs::path path = FileOf(id);
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) return ErrnoStatus("unlink", path);
  return OkStatus();
}

}  // namespace spse::storage
