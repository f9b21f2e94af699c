// A content-addressed store for uploaded files: each blob is named by the
// SHA-256 of its bytes and written so that a crash never leaves a partial
// blob under its final name (temp file, fsync, rename, fsync the directory).
//
// Layout: ROOT/ab/abcdef... (the full hex digest), ROOT/tmp/ for writes in
// progress. Thread-safe: writers never share files.
#ifndef SPSE_STORAGE_BLOB_STORE_H_
#define SPSE_STORAGE_BLOB_STORE_H_

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "app/ports.h"
#include "base/status.h"

namespace spse::storage {

using BlobRef = app::BlobInfo;

class BlobStore;

// Streams one blob into the store. Destroying a writer that was not
// committed removes its temp file.
class BlobWriter final : public app::BlobSink {
 public:
  ~BlobWriter() override;
  BlobWriter(const BlobWriter&) = delete;
  BlobWriter& operator=(const BlobWriter&) = delete;

  // Fails with "blob.too_large" past the writer's size limit.
  Status Append(std::string_view bytes) override;
  // Makes the blob durable under its content name and returns it.
  StatusOr<BlobRef> Commit() override;

 private:
  friend class BlobStore;
  struct State;
  explicit BlobWriter(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

class BlobStore final : public app::BlobPort {
 public:
  // Creates ROOT and ROOT/tmp when missing.
  static StatusOr<std::unique_ptr<BlobStore>> Open(const std::filesystem::path& root);

  // A writer that refuses to grow beyond `max_bytes`.
  StatusOr<std::unique_ptr<BlobWriter>> NewWriter(std::uint64_t max_bytes);
  // Convenience for small blobs.
  StatusOr<BlobRef> Put(std::string_view bytes);
  bool Contains(std::string_view sha256) const;
  // Where the blob lives; "blob.not_found" / "blob.name_invalid".
  StatusOr<std::filesystem::path> PathOf(std::string_view sha256) const;
  StatusOr<std::string> Read(std::string_view sha256) const;

  // app::BlobPort
  StatusOr<std::unique_ptr<app::BlobSink>> NewSink(std::uint64_t max_bytes) override;
  // Hard-links the file in (same file system), or copies it through a
  // writer when it lives on another one.
  StatusOr<BlobRef> Adopt(const std::string& path) override;
  StatusOr<std::string> FileOf(std::string_view sha256) const override;
  Status Remove(std::string_view sha256) override;

 private:
  explicit BlobStore(std::filesystem::path root) : root_(std::move(root)) {}
  StatusOr<BlobRef> CopyIn(const std::string& path, const BlobRef& expected);
  std::filesystem::path root_;
};

}  // namespace spse::storage

#endif  // SPSE_STORAGE_BLOB_STORE_H_
