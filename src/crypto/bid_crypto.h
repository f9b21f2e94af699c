// The cryptography of sealed bids (docs/sealed-bids.md): files sealed to a
// tender's X25519 key, Pokja members' personal keys wrapped under a
// passphrase, the tender's secret key split among the Pokja with Shamir
// sharing, and Ed25519 receipts. The browser's web/static/js/sealing.mjs
// makes and reads the same bytes; tests/testdata/bid_crypto_vectors.json
// holds the known answers both sides check.
//
// Keys and signatures are raw bytes in std::string unless a name says B64
// (libsodium's URL-safe base64 without padding, as in the JSON layouts).
// Every function REQUIRES crypto::Init() to have run. Errors carry the
// stable reasons the browser code uses too ("seal.*", "key.*", "receipt.*").
#ifndef SPSE_CRYPTO_BID_CRYPTO_H_
#define SPSE_CRYPTO_BID_CRYPTO_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/bids.h"

namespace spse::crypto {

inline constexpr std::string_view kSealedFileMagic = "SPSESF01";
// Magic, the sealed file key, the secretstream header.
inline constexpr size_t kSealedFileHeaderSize = 8 + 80 + 24;
inline constexpr size_t kSealedChunkSize = 65536;
// A ciphertext chunk is its plaintext plus this many bytes (tag and MAC).
inline constexpr size_t kSealedChunkOverhead = 17;
inline constexpr size_t kBoxKeySize = 32;
inline constexpr size_t kShareSize = 33;  // x, then the 32 y bytes

// Overwrites `secret` with zeros (in a way the compiler keeps) and empties it.
void Wipe(std::string& secret);

// URL-safe base64 without padding, and back; the decoder refuses anything
// else (padding, '+', '/', whitespace) with InvalidArgument `reason`.
std::string ToBase64(std::string_view bytes);
StatusOr<std::string> FromBase64(std::string_view text, std::string_view reason);

// ------------------------------------------------------------ sealed files

// Seals a file to a tender's public key, streaming: Header() first, then
// Push() any number of times with pieces of any size, the last with
// last = true. The output is Header() followed by every Push() result.
// Holds at most one 64 KiB chunk of plaintext. Not thread-safe.
class SealedFileWriter {
 public:
  explicit SealedFileWriter(std::string_view tender_public_key);
  ~SealedFileWriter();
  SealedFileWriter(const SealedFileWriter&) = delete;
  SealedFileWriter& operator=(const SealedFileWriter&) = delete;

  // The 112 header bytes, with a fresh random file key sealed inside.
  // InvalidArgument "seal.public_key" when the key is not a usable X25519
  // public key; FailedPrecondition "seal.state" when called twice.
  StatusOr<std::string> Header();
  // The ciphertext of every chunk `data` completes; with `last`, also the
  // final chunk. FailedPrecondition "seal.state" before Header() or after
  // the last push.
  StatusOr<std::string> Push(std::string_view data, bool last);

 private:
  enum class Stage { kNew, kOpen, kDone };
  std::string EncryptChunk(std::string_view plaintext, bool final);

  std::string public_key_;
  std::string pending_;  // plaintext not yet in a chunk
  Stage stage_ = Stage::kNew;
  alignas(16) unsigned char state_[64];  // crypto_secretstream_xchacha20poly1305_state
};

// Opens a sealed file with the tender's secret key, streaming: Feed() the
// bytes in pieces of any size, then Finish(). Plaintext comes out only once
// its chunk has authenticated, but a caller must still discard everything
// unless Finish() succeeds (a truncated file yields a prefix). After an
// error every call returns that error. Not thread-safe.
//
// Reasons (all InvalidArgument): "seal.format" (shorter than the header or
// wrong magic), "seal.key" (the file key does not open with this secret
// key), "seal.chunk" (a chunk fails authentication or has an unknown tag),
// "seal.truncated" (the input ends before a FINAL chunk), "seal.trailing"
// (bytes after the FINAL chunk). Only a full-size chunk has a visible end:
// bytes after a shorter FINAL chunk are read as part of it, and so fail as
// "seal.chunk"; likewise a file cut inside a chunk.
class SealedFileReader {
 public:
  explicit SealedFileReader(std::string_view tender_secret_key);
  ~SealedFileReader();
  SealedFileReader(const SealedFileReader&) = delete;
  SealedFileReader& operator=(const SealedFileReader&) = delete;

  // The plaintext of the chunks `bytes` completes.
  StatusOr<std::string> Feed(std::string_view bytes);
  // The plaintext of the last chunk, once the input has ended; fails unless
  // the file ended with its FINAL chunk.
  StatusOr<std::string> Finish();

 private:
  Status OpenHeader();
  StatusOr<std::string> DecryptChunk(std::string_view ciphertext);
  Status Fail(Status s);

  std::string secret_key_;
  std::string pending_;  // ciphertext not yet decrypted
  bool header_done_ = false;
  bool final_seen_ = false;
  Status error_;
  alignas(16) unsigned char state_[64];
};

// The whole of a file sealed, and opened, in one go.
StatusOr<std::string> SealFile(std::string_view tender_public_key, std::string_view plaintext);
StatusOr<std::string> OpenFile(std::string_view tender_secret_key, std::string_view sealed);

// ------------------------------------------------------------ personal keys

struct BoxKeyPair {
  std::string public_key;  // 32 bytes
  std::string secret_key;  // 32 bytes
};

// A fresh X25519 pair (crypto_box_keypair).
BoxKeyPair GenerateBoxKeyPair();
// The X25519 public key of a 32-byte secret key; InvalidArgument
// "key.format" for another size.
StatusOr<std::string> BoxPublicKey(std::string_view secret_key);

// The argon2id cost of a wrapped key. The defaults are the pinned ones.
struct KdfCost {
  unsigned long long ops = 3;
  size_t mem = 64u << 20;
};

// crypto_pwhash(32, passphrase, salt (16 bytes), ops, mem, ARGON2ID13).
// InvalidArgument "key.format" for a bad salt or cost; ResourceExhausted
// "crypto.out_of_memory" when the memory cannot be had.
StatusOr<std::string> PassphraseKey(std::string_view passphrase, std::string_view salt,
                                    const KdfCost& cost);

// The JSON text that keeps a personal secret key under a passphrase:
// {"v":1,"kdf":"argon2id13","ops":..,"mem":..,"salt":B64,"nonce":B64,"box":B64}.
// Costs one argon2id run (~0.3 s, 64 MiB at the default cost).
StatusOr<std::string> WrapSecretKey(std::string_view secret_key, std::string_view passphrase,
                                    const KdfCost& cost = {});
// The secret key inside `wrapped_json`. InvalidArgument "key.format" for a
// malformed text (or a cost outside 1..10 passes, 8 KiB..1 GiB), and
// "key.passphrase" when the passphrase does not open it.
StatusOr<std::string> UnwrapSecretKey(std::string_view wrapped_json, std::string_view passphrase);

// ------------------------------------------------------------ tender keys

struct TenderMember {
  std::int64_t user_id = 0;
  std::string public_key;  // 32 bytes
};

// [{"user_id":N,"public_key":B64}, ...], in order. InvalidArgument
// "key.format" when malformed.
StatusOr<std::vector<TenderMember>> ParseTenderMembers(std::string_view json);

struct TenderKeyBundle {
  std::string json;        // {"v":1,"public_key":B64,"threshold":k,"shares":[...]}
  std::string public_key;  // 32 bytes
  std::string secret_key;  // 32 bytes; the caller wipes it (Wipe) once done
};

// A fresh tender key pair whose secret key is split k of n among `members`
// (n = members.size()): member i gets the share with x = i + 1, sealed to
// their public key. Reasons: "shamir.threshold_invalid" (unless
// 2 <= k <= n <= 255), "key.format" (a member's key is not 32 bytes or not
// a usable X25519 key, or user ids repeat).
StatusOr<TenderKeyBundle> MakeTenderKeyBundle(const std::vector<TenderMember>& members,
                                              int threshold);

// The 33 share bytes in a bundle's sealed_share, opened with the member's
// secret key. InvalidArgument "key.share" when it does not open.
StatusOr<std::string> OpenShare(std::string_view sealed_share_b64,
                                std::string_view member_secret_key);

// The tender secret key from k or more opened shares (33 bytes each), checked
// against the bundle's public key. Reasons: "key.share" (a share is not 33
// bytes), the shamir.* reasons of CombineShares, "key.mismatch" (the shares
// rebuild another key: too few, or from another bundle).
StatusOr<std::string> RebuildTenderSecret(const std::vector<std::string>& shares,
                                          std::string_view expected_public_key);

// ------------------------------------------------------------ signatures

struct SigningKeys {
  std::string public_key;  // 32 bytes
  std::string secret_key;  // 64 bytes: the seed, then the public key
};

// A fresh Ed25519 pair.
SigningKeys SignKeyPair();
// The Ed25519 pair of a 32-byte seed; InvalidArgument "key.format" else.
StatusOr<SigningKeys> SignKeyPairFromSeed(std::string_view seed);
// The 64-byte detached signature. REQUIRES: secret_key is 64 bytes.
std::string SignDetached(std::string_view message, std::string_view secret_key);
// True when `signature` is `public_key`'s signature of exactly `message`.
bool VerifyDetached(std::string_view signature, std::string_view message,
                    std::string_view public_key);

// The receipt text of a receipt file
// {"v":1,"receipt":TEXT,"signature":B64,"public_key":B64} whose signature
// holds. With a non-empty `expected_public_key` (32 bytes), the file's key
// must be that one. Reasons (InvalidArgument): "receipt.format",
// "receipt.key_mismatch", "receipt.signature".
StatusOr<std::string> VerifyReceiptFile(std::string_view json,
                                        std::string_view expected_public_key);

// ------------------------------------------------------------ price form

// The price form's JSON (docs/sealed-bids.md §5):
// {"v":1,"price":"<rupiah>","currency":"IDR","notes":"...",
//  "items":[{"description","unit","quantity":"<decimal, 2 places at most>",
//            "unit_price":"<rupiah>"}]}; integers may also be JSON numbers.
// InvalidArgument "price_form.invalid" for any other shape, and for what
// domain::CheckPriceForm refuses.
StatusOr<domain::PriceForm> ParsePriceForm(std::string_view json);

}  // namespace spse::crypto

#endif  // SPSE_CRYPTO_BID_CRYPTO_H_
