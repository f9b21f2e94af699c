#include "crypto/bid_crypto.h"

#include <sodium.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "domain/shamir.h"

namespace spse::crypto {

namespace {

using Stream = crypto_secretstream_xchacha20poly1305_state;
static_assert(sizeof(Stream) <= 64);
static_assert(crypto_secretstream_xchacha20poly1305_ABYTES == kSealedChunkOverhead);
static_assert(crypto_secretstream_xchacha20poly1305_HEADERBYTES == 24);
static_assert(crypto_secretstream_xchacha20poly1305_KEYBYTES == 32);
static_assert(crypto_box_SEALBYTES + 32 == 80);
static_assert(crypto_box_PUBLICKEYBYTES == kBoxKeySize && crypto_box_SECRETKEYBYTES == kBoxKeySize);

constexpr size_t kSealedKeyOffset = 8;
constexpr size_t kSealedKeySize = crypto_box_SEALBYTES + 32;
constexpr size_t kStreamHeaderOffset = kSealedKeyOffset + kSealedKeySize;
constexpr size_t kCipherChunkSize = kSealedChunkSize + kSealedChunkOverhead;
constexpr size_t kSaltSize = crypto_pwhash_SALTBYTES;
constexpr int kWrapVersion = 1;

// The wrapped-key costs an opener accepts: enough for any sane setting,
// bounded so a crafted file cannot ask for gigabytes or hours.
constexpr unsigned long long kMaxOps = 10;
constexpr size_t kMinMem = 8u << 10;
constexpr size_t kMaxMem = 1u << 30;

Stream* AsStream(unsigned char* storage) { return reinterpret_cast<Stream*>(storage); }

unsigned char* Bytes(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }
const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

Status SealError(std::string reason, std::string message) {
  return InvalidArgument(std::move(reason), std::move(message));
}

// A string of secret bytes wiped when it goes out of scope.
struct ScopedSecret {
  std::string bytes;
  explicit ScopedSecret(size_t size) : bytes(size, '\0') {}
  ~ScopedSecret() { Wipe(bytes); }
  ScopedSecret(const ScopedSecret&) = delete;
  ScopedSecret& operator=(const ScopedSecret&) = delete;
};

// The JSON value of `key` when it is a string, else nullptr.
const std::string* StringField(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return nullptr;
  return it->get_ptr<const std::string*>();
}

bool IntegerField(const nlohmann::json& j, const char* key, std::int64_t& out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return false;
  out = it->get<std::int64_t>();
  return true;
}

// The base64 field `key` of `j`, decoded, of exactly `size` bytes.
StatusOr<std::string> BytesField(const nlohmann::json& j, const char* key, size_t size,
                                 std::string_view reason) {
  const std::string* text = StringField(j, key);
  if (text == nullptr) return InvalidArgument(std::string(reason), std::string(key) + " missing");
  SPSE_ASSIGN_OR_RETURN(std::string bytes, FromBase64(*text, reason));
  if (size != 0 && bytes.size() != size) {
    return InvalidArgument(std::string(reason), std::string(key) + " has the wrong length");
  }
  return bytes;
}

void RandomFill(std::uint8_t* out, size_t size) { randombytes_buf(out, size); }

}  // namespace

void Wipe(std::string& secret) {
  if (!secret.empty()) sodium_memzero(secret.data(), secret.size());
  secret.clear();
}

std::string ToBase64(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(), Bytes(bytes), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

StatusOr<std::string> FromBase64(std::string_view text, std::string_view reason) {
  std::string out(text.size() * 3 / 4 + 1, '\0');
  size_t size = 0;
  const char* end = nullptr;
  if (sodium_base642bin(Bytes(out), out.size(), text.data(), text.size(), nullptr, &size, &end,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      end != text.data() + text.size()) {
    return InvalidArgument(std::string(reason), "not unpadded URL-safe base64");
  }
  out.resize(size);
  return out;
}

// ------------------------------------------------------------ SealedFileWriter

SealedFileWriter::SealedFileWriter(std::string_view tender_public_key)
    : public_key_(tender_public_key) {}

SealedFileWriter::~SealedFileWriter() {
  Wipe(pending_);
  sodium_memzero(state_, sizeof state_);
}

StatusOr<std::string> SealedFileWriter::Header() {
  if (stage_ != Stage::kNew) return FailedPrecondition("seal.state", "Header() called twice");
  if (public_key_.size() != crypto_box_PUBLICKEYBYTES) {
    return SealError("seal.public_key", "the tender public key is not 32 bytes");
  }
  ScopedSecret file_key(crypto_secretstream_xchacha20poly1305_KEYBYTES);
  crypto_secretstream_xchacha20poly1305_keygen(Bytes(file_key.bytes));
  std::string header(kSealedFileHeaderSize, '\0');
  std::copy(kSealedFileMagic.begin(), kSealedFileMagic.end(), header.begin());
  if (crypto_box_seal(Bytes(header) + kSealedKeyOffset, Bytes(file_key.bytes),
                      file_key.bytes.size(), Bytes(public_key_)) != 0) {
    return SealError("seal.public_key", "the tender public key is not a usable X25519 key");
  }
  crypto_secretstream_xchacha20poly1305_init_push(
      AsStream(state_), Bytes(header) + kStreamHeaderOffset, Bytes(file_key.bytes));
  stage_ = Stage::kOpen;
  return header;
}

std::string SealedFileWriter::EncryptChunk(std::string_view plaintext, bool final) {
  std::string out(plaintext.size() + kSealedChunkOverhead, '\0');
  crypto_secretstream_xchacha20poly1305_push(
      AsStream(state_), Bytes(out), nullptr, Bytes(plaintext), plaintext.size(), nullptr, 0,
      final ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
            : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
  return out;
}

StatusOr<std::string> SealedFileWriter::Push(std::string_view data, bool last) {
  if (stage_ != Stage::kOpen) {
    return FailedPrecondition("seal.state", stage_ == Stage::kNew ? "Push() before Header()"
                                                                  : "Push() after the last chunk");
  }
  std::string out;
  // A full chunk waits until more data comes: only the last chunk is FINAL,
  // so a file of exactly 64 KiB is one FINAL chunk, not a MESSAGE and an
  // empty FINAL.
  size_t used = 0;
  if (!pending_.empty()) {
    const size_t take = std::min(data.size(), kSealedChunkSize - pending_.size());
    pending_.append(data.substr(0, take));
    used = take;
    if (pending_.size() == kSealedChunkSize && used < data.size()) {
      out += EncryptChunk(pending_, false);
      Wipe(pending_);
    }
  }
  while (data.size() - used > kSealedChunkSize) {
    out += EncryptChunk(data.substr(used, kSealedChunkSize), false);
    used += kSealedChunkSize;
  }
  pending_.append(data.substr(used));
  if (last) {
    out += EncryptChunk(pending_, true);
    Wipe(pending_);
    sodium_memzero(state_, sizeof state_);
    stage_ = Stage::kDone;
  }
  return out;
}

// ------------------------------------------------------------ SealedFileReader

SealedFileReader::SealedFileReader(std::string_view tender_secret_key)
    : secret_key_(tender_secret_key) {}

SealedFileReader::~SealedFileReader() {
  Wipe(secret_key_);
  sodium_memzero(state_, sizeof state_);
}

Status SealedFileReader::Fail(Status s) {
  error_ = s;
  Wipe(pending_);
  return s;
}

Status SealedFileReader::OpenHeader() {
  const std::string_view header(pending_.data(), kSealedFileHeaderSize);
  if (header.substr(0, kSealedFileMagic.size()) != kSealedFileMagic) {
    return SealError("seal.format", "not a sealed file (magic)");
  }
  if (secret_key_.size() != crypto_box_SECRETKEYBYTES) {
    return SealError("seal.key", "the tender secret key is not 32 bytes");
  }
  unsigned char public_key[crypto_box_PUBLICKEYBYTES];
  crypto_scalarmult_base(public_key, Bytes(secret_key_));
  ScopedSecret file_key(crypto_secretstream_xchacha20poly1305_KEYBYTES);
  if (crypto_box_seal_open(Bytes(file_key.bytes), Bytes(header) + kSealedKeyOffset, kSealedKeySize,
                           public_key, Bytes(secret_key_)) != 0) {
    return SealError("seal.key", "the file key does not open with this tender key");
  }
  if (crypto_secretstream_xchacha20poly1305_init_pull(
          AsStream(state_), Bytes(header) + kStreamHeaderOffset, Bytes(file_key.bytes)) != 0) {
    return SealError("seal.chunk", "bad stream header");
  }
  pending_.erase(0, kSealedFileHeaderSize);
  header_done_ = true;
  return OkStatus();
}

StatusOr<std::string> SealedFileReader::DecryptChunk(std::string_view ciphertext) {
  std::string plain(ciphertext.size() - kSealedChunkOverhead, '\0');
  unsigned char tag = 0;
  if (crypto_secretstream_xchacha20poly1305_pull(AsStream(state_), Bytes(plain), nullptr, &tag,
                                                 Bytes(ciphertext), ciphertext.size(), nullptr,
                                                 0) != 0) {
    Wipe(plain);
    return SealError("seal.chunk", "a chunk failed authentication");
  }
  if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
    final_seen_ = true;
  } else if (tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE) {
    Wipe(plain);
    return SealError("seal.chunk", "a chunk has an unknown tag");
  }
  return plain;
}

StatusOr<std::string> SealedFileReader::Feed(std::string_view bytes) {
  if (!error_.ok()) return error_;
  if (final_seen_ && !bytes.empty()) {
    return Fail(SealError("seal.trailing", "bytes after the final chunk"));
  }
  pending_.append(bytes);
  if (!header_done_) {
    if (pending_.size() < kSealedFileHeaderSize) return std::string();
    Status opened = OpenHeader();
    if (!opened.ok()) return Fail(opened);
  }
  std::string out;
  size_t used = 0;
  // Every chunk but the last is full, and the last is at most full: a full
  // chunk's worth of bytes is always one whole chunk.
  while (!final_seen_ && pending_.size() - used >= kCipherChunkSize) {
    auto plain = DecryptChunk(std::string_view(pending_).substr(used, kCipherChunkSize));
    if (!plain.ok()) {
      Wipe(out);
      return Fail(plain.status());
    }
    out += *plain;
    Wipe(*plain);
    used += kCipherChunkSize;
  }
  pending_.erase(0, used);
  if (final_seen_ && !pending_.empty()) {
    Wipe(out);
    return Fail(SealError("seal.trailing", "bytes after the final chunk"));
  }
  return out;
}

StatusOr<std::string> SealedFileReader::Finish() {
  if (!error_.ok()) return error_;
  if (!header_done_) return Fail(SealError("seal.format", "shorter than a sealed file's header"));
  if (final_seen_) return std::string();
  if (pending_.size() < kSealedChunkOverhead) {
    return Fail(SealError("seal.truncated", "the file ends before its final chunk"));
  }
  auto plain = DecryptChunk(pending_);
  if (!plain.ok()) return Fail(plain.status());
  Wipe(pending_);
  if (!final_seen_) {
    Wipe(*plain);
    return Fail(SealError("seal.truncated", "the file ends before its final chunk"));
  }
  return plain;
}

StatusOr<std::string> SealFile(std::string_view tender_public_key, std::string_view plaintext) {
  SealedFileWriter writer(tender_public_key);
  SPSE_ASSIGN_OR_RETURN(std::string out, writer.Header());
  SPSE_ASSIGN_OR_RETURN(std::string body, writer.Push(plaintext, true));
  out += body;
  return out;
}

StatusOr<std::string> OpenFile(std::string_view tender_secret_key, std::string_view sealed) {
  SealedFileReader reader(tender_secret_key);
  SPSE_ASSIGN_OR_RETURN(std::string out, reader.Feed(sealed));
  auto rest = reader.Finish();
  if (!rest.ok()) {
    Wipe(out);
    return rest.status();
  }
  out += *rest;
  return out;
}

// ------------------------------------------------------------ personal keys

BoxKeyPair GenerateBoxKeyPair() {
  BoxKeyPair pair{std::string(crypto_box_PUBLICKEYBYTES, '\0'),
                  std::string(crypto_box_SECRETKEYBYTES, '\0')};
  crypto_box_keypair(Bytes(pair.public_key), Bytes(pair.secret_key));
  return pair;
}

StatusOr<std::string> BoxPublicKey(std::string_view secret_key) {
  if (secret_key.size() != crypto_box_SECRETKEYBYTES) {
    return InvalidArgument("key.format", "an X25519 secret key is 32 bytes");
  }
  std::string public_key(crypto_box_PUBLICKEYBYTES, '\0');
  crypto_scalarmult_base(Bytes(public_key), Bytes(secret_key));
  return public_key;
}

StatusOr<std::string> PassphraseKey(std::string_view passphrase, std::string_view salt,
                                    const KdfCost& cost) {
  if (salt.size() != kSaltSize) return InvalidArgument("key.format", "the salt is not 16 bytes");
  if (cost.ops < crypto_pwhash_OPSLIMIT_MIN || cost.ops > kMaxOps || cost.mem < kMinMem ||
      cost.mem > kMaxMem) {
    return InvalidArgument("key.format", "argon2id cost out of range");
  }
  std::string key(crypto_secretbox_KEYBYTES, '\0');
  if (crypto_pwhash(Bytes(key), key.size(), passphrase.data(), passphrase.size(), Bytes(salt),
                    cost.ops, cost.mem, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return ResourceExhausted("crypto.out_of_memory", "argon2id could not allocate");
  }
  return key;
}

StatusOr<std::string> WrapSecretKey(std::string_view secret_key, std::string_view passphrase,
                                    const KdfCost& cost) {
  if (secret_key.size() != crypto_box_SECRETKEYBYTES) {
    return InvalidArgument("key.format", "an X25519 secret key is 32 bytes");
  }
  std::string salt(kSaltSize, '\0');
  randombytes_buf(salt.data(), salt.size());
  std::string nonce(crypto_secretbox_NONCEBYTES, '\0');
  randombytes_buf(nonce.data(), nonce.size());
  SPSE_ASSIGN_OR_RETURN(std::string key, PassphraseKey(passphrase, salt, cost));
  std::string box(secret_key.size() + crypto_secretbox_MACBYTES, '\0');
  crypto_secretbox_easy(Bytes(box), Bytes(secret_key), secret_key.size(), Bytes(nonce), Bytes(key));
  Wipe(key);
  nlohmann::ordered_json j;
  j["v"] = kWrapVersion;
  j["kdf"] = "argon2id13";
  j["ops"] = cost.ops;
  j["mem"] = cost.mem;
  j["salt"] = ToBase64(salt);
  j["nonce"] = ToBase64(nonce);
  j["box"] = ToBase64(box);
  return j.dump();
}

StatusOr<std::string> UnwrapSecretKey(std::string_view wrapped_json, std::string_view passphrase) {
  const auto j = nlohmann::json::parse(wrapped_json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return InvalidArgument("key.format", "not a JSON object");
  std::int64_t version = 0, ops = 0, mem = 0;
  const std::string* kdf = StringField(j, "kdf");
  if (!IntegerField(j, "v", version) || version != kWrapVersion || kdf == nullptr ||
      *kdf != "argon2id13" || !IntegerField(j, "ops", ops) || !IntegerField(j, "mem", mem) ||
      ops <= 0 || mem <= 0) {
    return InvalidArgument("key.format", "not a version 1 argon2id13 wrapped key");
  }
  SPSE_ASSIGN_OR_RETURN(std::string salt, BytesField(j, "salt", kSaltSize, "key.format"));
  SPSE_ASSIGN_OR_RETURN(std::string nonce,
                        BytesField(j, "nonce", crypto_secretbox_NONCEBYTES, "key.format"));
  SPSE_ASSIGN_OR_RETURN(
      std::string box,
      BytesField(j, "box", crypto_box_SECRETKEYBYTES + crypto_secretbox_MACBYTES, "key.format"));
  SPSE_ASSIGN_OR_RETURN(std::string key, PassphraseKey(passphrase, salt,
                                                       {static_cast<unsigned long long>(ops),
                                                        static_cast<size_t>(mem)}));
  std::string secret_key(crypto_box_SECRETKEYBYTES, '\0');
  const int opened = crypto_secretbox_open_easy(Bytes(secret_key), Bytes(box), box.size(),
                                                Bytes(nonce), Bytes(key));
  Wipe(key);
  if (opened != 0) {
    Wipe(secret_key);
    return InvalidArgument("key.passphrase", "the passphrase does not open this key");
  }
  return secret_key;
}

// ------------------------------------------------------------ tender keys

StatusOr<std::vector<TenderMember>> ParseTenderMembers(std::string_view json) {
  const auto j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_array()) return InvalidArgument("key.format", "not a JSON array");
  std::vector<TenderMember> members;
  for (const auto& item : j) {
    TenderMember m;
    if (!item.is_object() || !IntegerField(item, "user_id", m.user_id)) {
      return InvalidArgument("key.format", "a member without an integer user_id");
    }
    SPSE_ASSIGN_OR_RETURN(m.public_key,
                          BytesField(item, "public_key", crypto_box_PUBLICKEYBYTES, "key.format"));
    members.push_back(std::move(m));
  }
  return members;
}

StatusOr<TenderKeyBundle> MakeTenderKeyBundle(const std::vector<TenderMember>& members,
                                              int threshold) {
  const int n = static_cast<int>(members.size());
  // A single key holder (a Pejabat Pengadaan) holds the whole key: k = n = 1.
  const int least = n >= 2 ? 2 : 1;
  if (!(threshold >= least && n >= threshold && n <= 255)) {
    return InvalidArgument("shamir.threshold_invalid", "need 2 <= k <= n <= 255, or k = n = 1");
  }
  std::set<std::int64_t> ids;
  for (const TenderMember& m : members) {
    if (m.public_key.size() != crypto_box_PUBLICKEYBYTES) {
      return InvalidArgument(
          "key.format", "member " + std::to_string(m.user_id) + ": the public key is not 32 bytes");
    }
    if (!ids.insert(m.user_id).second) {
      return InvalidArgument("key.format", "user " + std::to_string(m.user_id) + " twice");
    }
  }
  TenderKeyBundle bundle;
  BoxKeyPair pair = GenerateBoxKeyPair();
  bundle.public_key = pair.public_key;
  bundle.secret_key = std::move(pair.secret_key);
  auto shares = domain::SplitSecret(bundle.secret_key, n, threshold, RandomFill);
  if (!shares.ok()) return shares.status();
  nlohmann::ordered_json sealed = nlohmann::ordered_json::array();
  Status failed;
  for (int i = 0; i < n && failed.ok(); ++i) {
    domain::SecretShare& share = (*shares)[static_cast<size_t>(i)];
    ScopedSecret plain(kShareSize);
    plain.bytes[0] = static_cast<char>(share.x);
    std::copy(share.y.begin(), share.y.end(), plain.bytes.begin() + 1);
    Wipe(share.y);
    std::string box(kShareSize + crypto_box_SEALBYTES, '\0');
    const TenderMember& m = members[static_cast<size_t>(i)];
    if (crypto_box_seal(Bytes(box), Bytes(plain.bytes), plain.bytes.size(), Bytes(m.public_key)) !=
        0) {
      failed = InvalidArgument("key.format", "member " + std::to_string(m.user_id) +
                                                 ": the public key is not a usable X25519 key");
      break;
    }
    sealed.push_back({{"user_id", m.user_id}, {"x", share.x}, {"sealed_share", ToBase64(box)}});
  }
  for (domain::SecretShare& share : *shares) Wipe(share.y);
  if (!failed.ok()) {
    Wipe(bundle.secret_key);
    return failed;
  }
  nlohmann::ordered_json j;
  j["v"] = 1;
  j["public_key"] = ToBase64(bundle.public_key);
  j["threshold"] = threshold;
  j["shares"] = std::move(sealed);
  bundle.json = j.dump();
  return bundle;
}

StatusOr<std::string> OpenShare(std::string_view sealed_share_b64,
                                std::string_view member_secret_key) {
  SPSE_ASSIGN_OR_RETURN(std::string box, FromBase64(sealed_share_b64, "key.share"));
  if (box.size() != kShareSize + crypto_box_SEALBYTES) {
    return InvalidArgument("key.share", "a sealed share is 81 bytes");
  }
  SPSE_ASSIGN_OR_RETURN(std::string public_key, BoxPublicKey(member_secret_key));
  std::string share(kShareSize, '\0');
  if (crypto_box_seal_open(Bytes(share), Bytes(box), box.size(), Bytes(public_key),
                           Bytes(member_secret_key)) != 0) {
    return InvalidArgument("key.share", "the share does not open with this member's key");
  }
  return share;
}

StatusOr<std::string> RebuildTenderSecret(const std::vector<std::string>& shares,
                                          std::string_view expected_public_key) {
  std::vector<domain::SecretShare> parts;
  for (const std::string& s : shares) {
    if (s.size() != kShareSize) return InvalidArgument("key.share", "a share is 33 bytes");
    parts.push_back({static_cast<std::uint8_t>(s[0]), s.substr(1)});
  }
  auto secret = domain::CombineShares(parts);
  for (domain::SecretShare& part : parts) Wipe(part.y);
  if (!secret.ok()) return secret.status();
  auto public_key = BoxPublicKey(*secret);
  if (!public_key.ok() || expected_public_key.size() != crypto_box_PUBLICKEYBYTES ||
      sodium_memcmp(public_key->data(), expected_public_key.data(), crypto_box_PUBLICKEYBYTES) !=
          0) {
    Wipe(*secret);
    return InvalidArgument("key.mismatch", "the shares rebuild another key than the tender's");
  }
  return secret;
}

// ------------------------------------------------------------ signatures

SigningKeys SignKeyPair() {
  SigningKeys keys{std::string(crypto_sign_PUBLICKEYBYTES, '\0'),
                   std::string(crypto_sign_SECRETKEYBYTES, '\0')};
  crypto_sign_keypair(Bytes(keys.public_key), Bytes(keys.secret_key));
  return keys;
}

StatusOr<SigningKeys> SignKeyPairFromSeed(std::string_view seed) {
  if (seed.size() != crypto_sign_SEEDBYTES) {
    return InvalidArgument("key.format", "an Ed25519 seed is 32 bytes");
  }
  SigningKeys keys{std::string(crypto_sign_PUBLICKEYBYTES, '\0'),
                   std::string(crypto_sign_SECRETKEYBYTES, '\0')};
  crypto_sign_seed_keypair(Bytes(keys.public_key), Bytes(keys.secret_key), Bytes(seed));
  return keys;
}

std::string SignDetached(std::string_view message, std::string_view secret_key) {
  std::string signature(crypto_sign_BYTES, '\0');
  crypto_sign_detached(Bytes(signature), nullptr, Bytes(message), message.size(),
                       Bytes(secret_key));
  return signature;
}

bool VerifyDetached(std::string_view signature, std::string_view message,
                    std::string_view public_key) {
  return signature.size() == crypto_sign_BYTES && public_key.size() == crypto_sign_PUBLICKEYBYTES &&
         crypto_sign_verify_detached(Bytes(signature), Bytes(message), message.size(),
                                     Bytes(public_key)) == 0;
}

StatusOr<std::string> VerifyReceiptFile(std::string_view json,
                                        std::string_view expected_public_key) {
  const auto j = nlohmann::json::parse(json, nullptr, false);
  std::int64_t version = 0;
  if (j.is_discarded() || !j.is_object() || !IntegerField(j, "v", version) || version != 1) {
    return InvalidArgument("receipt.format", "not a version 1 receipt file");
  }
  const std::string* receipt = StringField(j, "receipt");
  if (receipt == nullptr) return InvalidArgument("receipt.format", "receipt missing");
  SPSE_ASSIGN_OR_RETURN(std::string signature,
                        BytesField(j, "signature", crypto_sign_BYTES, "receipt.format"));
  SPSE_ASSIGN_OR_RETURN(std::string public_key,
                        BytesField(j, "public_key", crypto_sign_PUBLICKEYBYTES, "receipt.format"));
  if (!expected_public_key.empty() && expected_public_key != public_key) {
    return InvalidArgument("receipt.key_mismatch", "signed with another key than the expected one");
  }
  if (!VerifyDetached(signature, *receipt, public_key)) {
    return InvalidArgument("receipt.signature", "the signature does not hold for this receipt");
  }
  return *receipt;
}

// ------------------------------------------------------------ price form

namespace {

// A whole number of rupiah: digits only (a string), or a JSON integer.
std::optional<std::int64_t> Rupiah(const nlohmann::json& v) {
  if (v.is_number_integer()) {
    const auto n = v.get<std::int64_t>();
    return n >= 0 ? std::optional<std::int64_t>(n) : std::nullopt;
  }
  if (!v.is_string()) return std::nullopt;
  const auto& s = v.get_ref<const std::string&>();
  if (s.empty() || s.size() > 15 || s.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::stoll(s);
}

// A quantity in hundredths: "4000", "12.5", "0.25" (two decimals at most), or a JSON integer.
std::optional<std::int64_t> Hundredths(const nlohmann::json& v) {
  if (v.is_number_integer()) {
    const auto n = v.get<std::int64_t>();
    if (n < 0 || n > 1'000'000'000'000) return std::nullopt;
    return n * 100;
  }
  if (!v.is_string()) return std::nullopt;
  const auto& s = v.get_ref<const std::string&>();
  const auto dot = s.find('.');
  const std::string whole = s.substr(0, dot);
  const std::string frac = dot == std::string::npos ? "" : s.substr(dot + 1);
  if (whole.empty() || whole.size() > 12 || frac.size() > 2 ||
      (dot != std::string::npos && frac.empty()) ||
      whole.find_first_not_of("0123456789") != std::string::npos ||
      frac.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  std::int64_t out = std::stoll(whole) * 100;
  if (!frac.empty()) out += std::stoll(frac) * (frac.size() == 1 ? 10 : 1);
  return out;
}

}  // namespace

StatusOr<domain::PriceForm> ParsePriceForm(std::string_view json) {
  const Status invalid = InvalidArgument("price_form.invalid");
  if (json.size() > 256 * 1024) return invalid;
  const auto doc = nlohmann::json::parse(json, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return invalid;
  if (!doc.contains("v") || doc["v"] != 1) return invalid;
  if (doc.contains("currency") && doc["currency"] != "IDR") return invalid;
  domain::PriceForm form;
  const auto price = doc.contains("price") ? Rupiah(doc["price"]) : std::nullopt;
  if (!price) return invalid;
  form.price_rupiah = *price;
  if (doc.contains("notes")) {
    if (!doc["notes"].is_string()) return invalid;
    form.notes = doc["notes"].get<std::string>();
  }
  if (doc.contains("items")) {
    if (!doc["items"].is_array()) return invalid;
    for (const auto& item : doc["items"]) {
      if (!item.is_object() || !item.contains("description") || !item["description"].is_string()) {
        return invalid;
      }
      domain::PricedLine line;
      line.description = item["description"].get<std::string>();
      if (item.contains("unit")) {
        if (!item["unit"].is_string()) return invalid;
        line.unit = item["unit"].get<std::string>();
      }
      const auto quantity = item.contains("quantity") ? Hundredths(item["quantity"]) : std::nullopt;
      const auto unit_price = item.contains("unit_price") ? Rupiah(item["unit_price"]) : std::nullopt;
      if (!quantity || !unit_price) return invalid;
      line.quantity = *quantity;
      line.unit_price_rupiah = *unit_price;
      form.items.push_back(std::move(line));
    }
  }
  SPSE_RETURN_IF_ERROR(domain::CheckPriceForm(form));
  return form;
}

}  // namespace spse::crypto
