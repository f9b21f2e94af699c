#include "cli/seal_commands.h"

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "crypto/bid_crypto.h"
#include "crypto/crypto.h"

namespace spse::cli {

namespace {

namespace fs = std::filesystem;

// Exit codes: 1 when the cryptography says no (a file that does not open, a
// receipt that does not verify), 2 when the command could not do its work.
constexpr int kRefused = 1;
constexpr int kFailed = 2;
constexpr size_t kIoBlock = 1u << 20;

int Report(const Status& s, int code) {
  std::cerr << "spse: " << s.reason() << ": " << s.message() << "\n";
  return code;
}

Status IoError(std::string_view op, const std::string& path) {
  return Unavailable("io.error", std::string(op) + " " + path + ": " + std::strerror(errno));
}

StatusOr<std::string> ReadSmallFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("open", path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return IoError("read", path);
  return text;
}

std::string Trimmed(std::string text) {
  const auto space = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
  while (!text.empty() && space(text.back())) text.pop_back();
  size_t start = 0;
  while (start < text.size() && space(text[start])) ++start;
  return text.substr(start);
}

// The tender public key from --public-key, or from --public-key-file holding
// its base64 text or a tender key bundle.
StatusOr<std::string> TenderPublicKey(const SealOptions& o) {
  std::string text = o.public_key;
  if (text.empty()) {
    SPSE_ASSIGN_OR_RETURN(std::string file, ReadSmallFile(o.public_key_file));
    text = Trimmed(std::move(file));
    if (!text.empty() && text.front() == '{') {
      const auto j = nlohmann::json::parse(text, nullptr, false);
      if (j.is_discarded() || !j.is_object() || !j.contains("public_key") ||
          !j["public_key"].is_string()) {
        return InvalidArgument("seal.public_key", o.public_key_file + ": no public_key");
      }
      text = j["public_key"].get<std::string>();
    }
  }
  SPSE_ASSIGN_OR_RETURN(std::string key, crypto::FromBase64(text, "seal.public_key"));
  if (key.size() != crypto::kBoxKeySize) {
    return InvalidArgument("seal.public_key", "the tender public key is not 32 bytes");
  }
  return key;
}

// Streams `input` through `step` into a temporary file that becomes
// `output` only when `finish` succeeds: nothing half-done is left behind.
struct Piped {
  std::uint64_t size = 0;
  std::string sha256;
};
template <typename Step, typename Finish>
StatusOr<Piped> Pipe(const std::string& input, const std::string& output, Step step,
                     Finish finish) {
  std::ifstream in(input, std::ios::binary);
  if (!in) return IoError("open", input);
  const std::string temp = output + ".partial";
  std::ofstream out(temp, std::ios::binary | std::ios::trunc);
  if (!out) return IoError("create", temp);
  crypto::Sha256 hash;
  Piped piped;
  auto write = [&](const std::string& bytes) {
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    hash.Update(bytes.data(), bytes.size());
    piped.size += bytes.size();
  };
  auto abandon = [&](Status s) {
    out.close();
    std::error_code ec;
    fs::remove(temp, ec);
    return s;
  };
  std::string block(kIoBlock, '\0');
  while (in) {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    const auto got = static_cast<size_t>(in.gcount());
    if (in.bad()) return abandon(IoError("read", input));
    auto produced = step(std::string_view(block.data(), got), in.peek() == EOF);
    if (!produced.ok()) return abandon(produced.status());
    write(*produced);
    crypto::Wipe(*produced);
    if (in.peek() == EOF) break;
  }
  auto last = finish();
  if (!last.ok()) return abandon(last.status());
  write(*last);
  crypto::Wipe(*last);
  crypto::Wipe(block);
  out.flush();
  if (!out) return abandon(IoError("write", temp));
  out.close();
  std::error_code ec;
  fs::rename(temp, output, ec);
  if (ec) return abandon(Unavailable("io.error", "rename " + temp + ": " + ec.message()));
  piped.sha256 = hash.FinishHex();
  return piped;
}

Status InitCrypto() { return crypto::Init(); }

}  // namespace

void SealArgs(CLI::App& app, SealOptions& o) {
  auto* key = app.add_option("--public-key", o.public_key, "The tender's public key (base64)");
  auto* key_file = app.add_option("--public-key-file", o.public_key_file,
                                  "A file with the tender's public key (base64) or its key bundle");
  key->excludes(key_file);
  app.add_option("input", o.input, "The file to seal")->required();
  app.add_option("output", o.output, "Where to write the sealed file")->required();
}

int RunSeal(SealOptions& o) {
  if (Status s = InitCrypto(); !s.ok()) return Report(s, kFailed);
  if (o.public_key.empty() && o.public_key_file.empty()) {
    return Report(InvalidArgument("usage", "give --public-key or --public-key-file"), kFailed);
  }
  auto key = TenderPublicKey(o);
  if (!key.ok()) return Report(key.status(), kFailed);
  crypto::SealedFileWriter writer(*key);
  auto header = writer.Header();
  if (!header.ok()) return Report(header.status(), kFailed);
  bool header_written = false;
  auto piped = Pipe(
      o.input, o.output,
      [&](std::string_view block, bool last) -> StatusOr<std::string> {
        SPSE_ASSIGN_OR_RETURN(std::string body, writer.Push(block, last));
        if (header_written) return body;
        header_written = true;
        return *header + body;
      },
      [] { return StatusOr<std::string>(std::string()); });
  if (!piped.ok()) return Report(piped.status(), kFailed);
  std::cout << "Sealed " << o.input << " into " << o.output << "\n"
            << "size: " << piped->size << "\n"
            << "sha256: " << piped->sha256 << "\n";
  return 0;
}

void OpenSealedArgs(CLI::App& app, SealOptions& o) {
  app.add_option("--secret-key-file", o.secret_key_file,
                 "A file with the tender's secret key (base64), once rebuilt from k shares")
      ->required();
  app.add_option("input", o.input, "The sealed file")->required();
  app.add_option("output", o.output, "Where to write the plaintext (only if it all opens)")
      ->required();
}

int RunOpenSealed(SealOptions& o) {
  if (Status s = InitCrypto(); !s.ok()) return Report(s, kFailed);
  auto text = ReadSmallFile(o.secret_key_file);
  if (!text.ok()) return Report(text.status(), kFailed);
  auto secret = crypto::FromBase64(Trimmed(std::move(*text)), "seal.key");
  crypto::Wipe(*text);
  if (!secret.ok()) return Report(secret.status(), kFailed);
  crypto::SealedFileReader reader(*secret);
  crypto::Wipe(*secret);
  auto piped = Pipe(
      o.input, o.output, [&](std::string_view block, bool) { return reader.Feed(block); },
      [&] { return reader.Finish(); });
  if (!piped.ok()) {
    return Report(piped.status(),
                  piped.status().code() == Code::kInvalidArgument ? kRefused : kFailed);
  }
  std::cout << "Opened " << o.input << " into " << o.output << "\n"
            << "size: " << piped->size << "\n"
            << "sha256: " << piped->sha256 << "\n";
  return 0;
}

void TenderKeyArgs(CLI::App& app, SealOptions& o) {
  app.add_option("--members", o.members_file,
                 "JSON [{\"user_id\":N,\"public_key\":B64}, ...]: the Pokja, in share order")
      ->required();
  app.add_option("--threshold", o.threshold, "How many members together open the bids (k)")
      ->required();
  app.add_option("--out", o.out_file, "Where to write the tender key bundle (a new file)")
      ->required();
}

int RunTenderKey(SealOptions& o) {
  if (Status s = InitCrypto(); !s.ok()) return Report(s, kFailed);
  if (fs::exists(o.out_file)) {
    return Report(AlreadyExists("io.exists", o.out_file + " exists; not replaced"), kFailed);
  }
  auto text = ReadSmallFile(o.members_file);
  if (!text.ok()) return Report(text.status(), kFailed);
  auto members = crypto::ParseTenderMembers(*text);
  if (!members.ok()) return Report(members.status(), kFailed);
  auto bundle = crypto::MakeTenderKeyBundle(*members, o.threshold);
  if (!bundle.ok()) return Report(bundle.status(), kFailed);
  // The secret key exists only in this process's memory, and not for long.
  crypto::Wipe(bundle->secret_key);
  const std::string temp = o.out_file + ".partial";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << bundle->json << "\n";
    out.flush();
    if (!out) return Report(IoError("write", temp), kFailed);
  }
  std::error_code ec;
  fs::rename(temp, o.out_file, ec);
  if (ec) return Report(Unavailable("io.error", "rename " + temp + ": " + ec.message()), kFailed);
  std::cout << "Wrote " << o.out_file << ": " << members->size() << " shares, any " << o.threshold
            << " open the bids.\n"
            << "public_key: " << crypto::ToBase64(bundle->public_key) << "\n";
  return 0;
}

void VerifyReceiptArgs(CLI::App& app, SealOptions& o) {
  app.add_option("--public-key", o.public_key,
                 "The LPSE's receipt key (base64): the receipt must be signed with it");
  app.add_option("file", o.input, "The receipt file (JSON)")->required();
}

int RunVerifyReceipt(SealOptions& o) {
  if (Status s = InitCrypto(); !s.ok()) return Report(s, kFailed);
  auto text = ReadSmallFile(o.input);
  if (!text.ok()) return Report(text.status(), kFailed);
  std::string expected;
  if (!o.public_key.empty()) {
    auto key = crypto::FromBase64(Trimmed(o.public_key), "receipt.key_mismatch");
    if (!key.ok() || key->size() != 32) {
      return Report(InvalidArgument("usage", "--public-key is not a base64 Ed25519 key"), kFailed);
    }
    expected = *key;
  }
  auto receipt = crypto::VerifyReceiptFile(*text, expected);
  if (!receipt.ok()) {
    std::cout << "invalid\n";
    return Report(receipt.status(), kRefused);
  }
  std::cout << "valid\n";
  return 0;
}

}  // namespace spse::cli
