#include "crypto/envelope_opener.h"

#include <fstream>
#include <vector>

#include "crypto/bid_crypto.h"
#include "crypto/crypto.h"

namespace spse::crypto {

StatusOr<std::string> SodiumEnvelopeOpener::PublicKeyOf(std::string_view secret_key) {
  SPSE_ASSIGN_OR_RETURN(std::string pk, BoxPublicKey(secret_key));
  return ToBase64(pk);
}

StatusOr<domain::PriceForm> SodiumEnvelopeOpener::ReadPriceForm(std::string_view json) {
  return ParsePriceForm(json);
}

app::SealedOpenResult SodiumEnvelopeOpener::OpenSealed(std::string_view secret_key,
                                                       const std::string& path,
                                                       std::unique_ptr<app::BlobSink> sink,
                                                       std::size_t keep_up_to) {
  app::SealedOpenResult out;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    out.status = NotFound("blob.not_found", path);
    Sha256 empty;
    out.ciphertext_sha256 = empty.FinishHex();
    return out;
  }
  Sha256 hash;
  SealedFileReader reader(secret_key);
  std::vector<char> buf(64 * 1024);
  Status failed;
  std::string small;
  bool small_ok = keep_up_to > 0;
  auto keep = [&](const std::string& plain) {
    if (!small_ok) return;
    if (small.size() + plain.size() > keep_up_to) {
      small_ok = false;
      small.clear();
      return;
    }
    small += plain;
  };
  // Every byte is hashed, also after a failure: the Berita Acara names the
  // hash of what storage holds.
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    const std::streamsize got = in.gcount();
    if (got <= 0) break;
    const std::string_view piece(buf.data(), static_cast<size_t>(got));
    hash.Update(piece.data(), piece.size());
    out.ciphertext_size += piece.size();
    if (!failed.ok()) continue;
    auto plain = reader.Feed(piece);
    if (!plain.ok()) {
      failed = plain.status();
      continue;
    }
    if (!plain->empty()) {
      keep(*plain);
      Status appended = sink->Append(*plain);
      Wipe(*plain);
      if (!appended.ok()) failed = appended;
    }
  }
  if (in.bad() && failed.ok()) failed = Unavailable("upload.io_error", path);
  out.ciphertext_sha256 = hash.FinishHex();
  if (failed.ok()) {
    auto last = reader.Finish();
    if (!last.ok()) {
      failed = last.status();
    } else if (!last->empty()) {
      keep(*last);
      failed = sink->Append(*last);
      Wipe(*last);
    }
  }
  if (!failed.ok()) {
    out.status = failed;
    return out;  // the sink is dropped uncommitted: nothing stays behind
  }
  auto info = sink->Commit();
  if (!info.ok()) {
    out.status = info.status();
    return out;
  }
  out.plaintext = *info;
  if (small_ok) out.small = std::move(small);
  return out;
}

}  // namespace spse::crypto
