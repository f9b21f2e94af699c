#include "app/second_factor.h"

#include "domain/second_factor.h"

namespace spse::app {
namespace {

std::int64_t UnixSeconds(Micros t) { return t / kMicrosPerSecond; }

}  // namespace

SecondFactor::SecondFactor(CryptoPort& crypto, TotpPort& totp, std::string_view server_secret)
    : crypto_(crypto),
      totp_(totp),
      // One key per purpose, so that no sealed or hashed value of one kind
      // can stand in for another.
      secret_key_(crypto.Hmac(server_secret, "totp-secret:v1")),
      enrolment_key_(crypto.Hmac(server_secret, "totp-enrolment:v1")),
      recovery_key_(crypto.Hmac(server_secret, "totp-recovery:v1")) {}

std::optional<std::int64_t> SecondFactor::MatchStep(std::string_view secret,
                                                    std::string_view typed, Micros now) {
  const std::string code = domain::NormalizeCode(typed);
  if (!domain::IsTotpCode(code)) return std::nullopt;
  return totp_.Match(secret, UnixSeconds(now), domain::kTotpStepSeconds, domain::kTotpWindow, code);
}

StatusOr<SecondFactor::Method> SecondFactor::Spend(Tx& tx, std::int64_t user_id,
                                                   std::string_view typed, Micros now) {
  SPSE_ASSIGN_OR_RETURN(const std::optional<TotpCredential> credential,
                        tx.second_factor().Find(user_id));
  if (!credential) return FailedPrecondition("totp.not_enabled");
  const std::string code = domain::NormalizeCode(typed);
  if (domain::IsTotpCode(code)) {
    const std::optional<std::string> secret = OpenSecret(credential->secret_sealed);
    if (!secret) return Internal("totp.secret_unreadable", "user " + std::to_string(user_id));
    const std::optional<std::int64_t> step = MatchStep(*secret, code, now);
    if (!step) return Unauthenticated("auth.otp_invalid");
    if (*step <= credential->last_step) return Unauthenticated("auth.otp_reused");
    Status advanced = tx.second_factor().AdvanceStep(user_id, *step);
    if (advanced.code() == Code::kFailedPrecondition) return Unauthenticated("auth.otp_reused");
    SPSE_RETURN_IF_ERROR(advanced);
    return Method::kAuthenticator;
  }
  if (domain::IsRecoveryCode(code)) {
    Status used = tx.second_factor().UseRecoveryCode(user_id, RecoveryHash(user_id, code), now);
    if (used.code() == Code::kFailedPrecondition) return Unauthenticated("auth.otp_invalid");
    SPSE_RETURN_IF_ERROR(used);
    return Method::kRecoveryCode;
  }
  return Unauthenticated("auth.otp_invalid");
}

std::string SecondFactor::SealSecret(std::string_view raw_secret) {
  return crypto_.Seal(secret_key_, raw_secret);
}

std::optional<std::string> SecondFactor::OpenSecret(std::string_view sealed) {
  return crypto_.Open(secret_key_, sealed);
}

std::string SecondFactor::SealEnrolment(std::int64_t user_id, Micros issued_at,
                                        std::string_view raw_secret) {
  return crypto_.Seal(enrolment_key_, std::to_string(user_id) + "\n" +
                                          std::to_string(issued_at) + "\n" +
                                          std::string(raw_secret));
}

std::optional<std::string> SecondFactor::OpenEnrolment(std::string_view token,
                                                       std::int64_t user_id, Micros now) {
  if (token.empty() || token.size() > 512) return std::nullopt;
  const std::optional<std::string> plain = crypto_.Open(enrolment_key_, token);
  if (!plain) return std::nullopt;
  const size_t a = plain->find('\n');
  const size_t b = a == std::string::npos ? a : plain->find('\n', a + 1);
  if (b == std::string::npos) return std::nullopt;
  if (plain->substr(0, a) != std::to_string(user_id)) return std::nullopt;
  Micros issued = 0;
  try {
    issued = std::stoll(plain->substr(a + 1, b - a - 1));
  } catch (const std::exception&) {
    return std::nullopt;
  }
  if (now < issued || now - issued >= domain::kEnrolmentTtl) return std::nullopt;
  std::string secret = plain->substr(b + 1);
  if (secret.size() != static_cast<size_t>(domain::kTotpSecretBytes)) return std::nullopt;
  return secret;
}

SecondFactor::RecoveryCodes SecondFactor::NewRecoveryCodes(std::int64_t user_id) {
  RecoveryCodes out;
  for (int i = 0; i < domain::kRecoveryCodeCount; ++i) {
    // 10 random bytes are exactly 16 base32 characters: 80 bits.
    const std::string code = totp_.Base32(crypto_.RandomBytes(domain::kRecoveryCodeChars * 5 / 8));
    out.shown.push_back(domain::FormatRecoveryCode(code));
    out.hashes.push_back(RecoveryHash(user_id, code));
  }
  return out;
}

std::string SecondFactor::RecoveryHash(std::int64_t user_id, std::string_view normalized) {
  return crypto_.Hmac(recovery_key_, std::to_string(user_id) + ":" + std::string(normalized));
}

}  // namespace spse::app
