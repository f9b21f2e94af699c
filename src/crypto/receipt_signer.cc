#include "crypto/receipt_signer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "crypto/bid_crypto.h"

namespace spse::crypto {

namespace fs = std::filesystem;

namespace {

constexpr size_t kSecretKeySize = 64;
constexpr size_t kSeedSize = 32;

Status IoError(std::string_view op, const fs::path& path) {
  return Unavailable("signer.io_error",
                     std::string(op) + " " + path.string() + ": " + std::strerror(errno));
}

// Reads the whole of a small file; `exists` false when there is none.
StatusOr<std::string> ReadKeyFile(const fs::path& path, bool& exists) {
  exists = false;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return std::string();
    return IoError("open", path);
  }
  exists = true;
  std::string bytes;
  char buf[256];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      Wipe(bytes);
      return IoError("read", path);
    }
    if (n == 0) break;
    bytes.append(buf, static_cast<size_t>(n));
    if (bytes.size() > kSecretKeySize) break;
  }
  std::memset(buf, 0, sizeof buf);
  ::close(fd);
  return bytes;
}

Status WriteAll(int fd, std::string_view bytes, const fs::path& path) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return IoError("write", path);
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return OkStatus();
}

// Writes `secret_key` to a fresh temporary file and links it in at `path`.
// False (without error) when another process linked its key first.
StatusOr<bool> CreateKeyFile(const fs::path& path, std::string_view secret_key) {
  std::string temp = path.string() + ".tmp-XXXXXX";
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return IoError("create", temp);
  auto fail = [&](Status s) {
    ::close(fd);
    ::unlink(temp.c_str());
    return s;
  };
  if (::fchmod(fd, 0600) != 0) return fail(IoError("chmod", temp));
  Status written = WriteAll(fd, secret_key, temp);
  if (!written.ok()) return fail(written);
  if (::fsync(fd) != 0) return fail(IoError("fsync", temp));
  ::close(fd);
  // link(), unlike rename(), never replaces a key another process made.
  const int linked = ::link(temp.c_str(), path.c_str());
  const int link_errno = errno;
  ::unlink(temp.c_str());
  if (linked != 0) {
    if (link_errno == EEXIST) return false;
    errno = link_errno;
    return IoError("link", path);
  }
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0) return IoError("open dir", dir);
  const int synced = ::fsync(dir_fd);
  ::close(dir_fd);
  if (synced != 0) return IoError("fsync dir", dir);
  return true;
}

StatusOr<std::string> CheckKey(std::string bytes, const fs::path& path) {
  if (bytes.size() != kSecretKeySize) {
    Wipe(bytes);
    return InvalidArgument("signer.key_size",
                           path.string() + " is not a 64-byte Ed25519 secret key");
  }
  auto keys = SignKeyPairFromSeed(std::string_view(bytes).substr(0, kSeedSize));
  const bool matches = keys.ok() && keys->secret_key == bytes;
  if (keys.ok()) Wipe(keys->secret_key);
  if (!matches) {
    Wipe(bytes);
    return InvalidArgument("signer.key_format",
                           path.string() + ": the public half does not belong to the seed");
  }
  return bytes;
}

}  // namespace

StatusOr<std::unique_ptr<ReceiptSigner>> ReceiptSigner::LoadOrCreate(const fs::path& path) {
  bool exists = false;
  SPSE_ASSIGN_OR_RETURN(std::string bytes, ReadKeyFile(path, exists));
  if (!exists) {
    SigningKeys fresh = SignKeyPair();
    auto created = CreateKeyFile(path, fresh.secret_key);
    if (!created.ok()) {
      Wipe(fresh.secret_key);
      return created.status();
    }
    if (*created)
      return std::unique_ptr<ReceiptSigner>(new ReceiptSigner(std::move(fresh.secret_key)));
    Wipe(fresh.secret_key);
    SPSE_ASSIGN_OR_RETURN(bytes, ReadKeyFile(path, exists));
  }
  SPSE_ASSIGN_OR_RETURN(std::string key, CheckKey(std::move(bytes), path));
  return std::unique_ptr<ReceiptSigner>(new ReceiptSigner(std::move(key)));
}

ReceiptSigner::ReceiptSigner(std::string secret_key) : secret_key_(std::move(secret_key)) {}

ReceiptSigner::~ReceiptSigner() { Wipe(secret_key_); }

std::string ReceiptSigner::Sign(std::string_view text) {
  return ToBase64(SignDetached(text, secret_key_));
}

std::string ReceiptSigner::PublicKey() const {
  return ToBase64(std::string_view(secret_key_).substr(kSeedSize));
}

}  // namespace spse::crypto
