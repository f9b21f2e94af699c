#include "app/auth_service.h"

#include <algorithm>

#include "app/login_guard.h"
#include "domain/password_policy.h"
#include "domain/second_factor.h"

namespace spse::app {
namespace {

// Holds one of the bounded argon2id slots for its lifetime.
class SlotGuard {
 public:
  explicit SlotGuard(std::counting_semaphore<64>& s) : s_(s) { s_.acquire(); }
  ~SlotGuard() { s_.release(); }
  SlotGuard(const SlotGuard&) = delete;
  SlotGuard& operator=(const SlotGuard&) = delete;

 private:
  std::counting_semaphore<64>& s_;
};

LoginOutcome Failed(Status status) {
  LoginOutcome out;
  out.status = std::move(status);
  return out;
}

domain::Principal PrincipalOf(const User& u) {
  domain::Principal p;
  p.user_id = u.id;
  p.username = u.username;
  p.full_name = u.full_name;
  p.roles = u.roles;
  p.agency_id = u.agency_id;
  p.verified = u.verification.status == domain::AccountStatus::kVerified;
  return p;
}

}  // namespace

AuthService::AuthService(Store& store, CryptoPort& crypto, TotpPort& totp, const Clock& clock,
                         AuthConfig config, std::string secret, int max_parallel_hashes)
    : store_(store), crypto_(crypto), clock_(clock), config_(config), secret_(std::move(secret)),
      hash_slots_(std::make_unique<std::counting_semaphore<64>>(
          std::clamp(max_parallel_hashes, 1, 64))),
      second_factor_(crypto, totp, secret_) {
  // Verifying unknown usernames against this keeps their timing like a real one's.
  auto dummy = HashPassword(crypto_.RandomToken(16));
  if (dummy.ok()) dummy_hash_ = *dummy;
}

StatusOr<std::string> AuthService::HashPassword(std::string_view password) {
  SlotGuard slot(*hash_slots_);
  return crypto_.HashPassword(password);
}

bool AuthService::VerifyPassword(std::string_view phc, std::string_view password) {
  SlotGuard slot(*hash_slots_);
  return crypto_.VerifyPassword(phc, password);
}

std::string AuthService::DeviceToken(std::int64_t user_id) {
  return crypto_.Hmac(secret_, "device:" + std::to_string(user_id));
}

std::string AuthService::SessionHash(std::string_view token) { return crypto_.Sha256Hex(token); }

bool AuthService::KnownDevice(std::string_view device_token, std::int64_t user_id) {
  return !device_token.empty() && crypto_.ConstantTimeEquals(device_token, DeviceToken(user_id));
}

std::optional<LoginOutcome> AuthService::RefuseIfBarred(Tx& tx, const Actor& actor,
                                                        const User& user, Micros now) {
  LoginOutcome out;
  if (!user.active) {
    Status s = WriteAudit(tx, clock_, actor, "auth.login_refused", "user", std::to_string(user.id),
                          "account disabled");
    if (s.ok()) s = tx.Commit();
    out.status = s.ok() ? PermissionDenied("auth.account_disabled") : s;
    out.deactivation_reason = user.deactivation_reason;
    return out;
  }
  // A vendor on the Daftar Hitam cannot act, and is told why (Pasal 9(4)).
  auto entries = tx.blacklist().ForUser(user.id);
  if (!entries.ok()) return Failed(entries.status());
  for (const auto& e : *entries) {
    if (!domain::InForce(e, now)) continue;
    Status s = WriteAudit(tx, clock_, actor, "auth.login_refused", "user", std::to_string(user.id),
                          "on the Daftar Hitam, SK " + e.sk_number);
    if (s.ok()) s = tx.Commit();
    out.status = s.ok() ? PermissionDenied("auth.blacklisted") : s;
    out.blacklist = e;
    return out;
  }
  return std::nullopt;
}

Status AuthService::OpenSession(Tx& tx, const User& user, std::string_view client_addr,
                                std::string_view user_agent, Micros now, LoginOutcome& out) {
  SessionRecord session;
  out.session_token = crypto_.RandomToken(16);  // 128 bits
  session.id_hash = SessionHash(out.session_token);
  session.user_id = user.id;
  session.created_at = now;
  session.last_seen_at = now;
  session.client_addr = client_addr;
  session.user_agent = user_agent.substr(0, 256);
  out.principal = PrincipalOf(user);
  out.must_change_password = user.must_change_password;
  out.device_token = DeviceToken(user.id);
  return tx.sessions().Insert(session);
}

LoginOutcome AuthService::Login(const LoginRequest& req) {
  LoginOutcome out;
  const Micros now = clock_.Now();
  const GuessKeys keys = KeysFor(req.username, req.client_addr);

  // 1. Check the throttle and count this attempt as a failure in one write
  //    transaction, before the expensive verification: parallel guesses
  //    queue on the write lock and each sees the ones before it. A success
  //    takes the count back afterwards.
  std::optional<User> user;
  {
    auto tx = store_.Begin(Access::kWrite);
    if (!tx.ok()) return Failed(tx.status());
    auto found = (*tx)->users().FindByUsername(req.username);
    if (!found.ok()) return Failed(found.status());
    user = std::move(*found);
    auto wait = CountGuess(**tx, keys, now, user && KnownDevice(req.device_token, user->id));
    if (!wait.ok()) return Failed(wait.status());
    if (*wait > 0) {
      out.status = ResourceExhausted("auth.throttled");
      out.retry_after = *wait;
      return out;
    }
    if (Status s = (*tx)->Commit(); !s.ok()) return Failed(s);
  }

  // 2. Verify (always spend the argon2id cost, even for unknown names).
  const bool password_ok = user ? VerifyPassword(user->password_hash, req.password)
                                : (VerifyPassword(dummy_hash_, req.password) && false);

  auto tx_or = store_.Begin(Access::kWrite);
  if (!tx_or.ok()) return Failed(tx_or.status());
  Tx& tx = **tx_or;
  Actor actor;
  actor.client_addr = req.client_addr;
  if (user) actor.who = PrincipalOf(*user);

  if (!password_ok) {
    Status s = WriteAudit(tx, clock_, actor, "auth.login_failed", "user",
                          user ? std::to_string(user->id) : "-",
                          "sign-in failed for '" + req.username.substr(0, 64) + "'");
    if (s.ok()) s = tx.Commit();
    out.status = s.ok() ? Unauthenticated("auth.bad_credentials") : s;
    return out;
  }
  if (auto refused = RefuseIfBarred(tx, actor, *user, now)) return *refused;

  auto credential = tx.second_factor().Find(user->id);
  if (!credential.ok()) return Failed(credential.status());
  Status s = TakeBackGuess(tx, keys);
  if (*credential) {
    // 3a. The password alone opens no session: a challenge waits for the code.
    LoginChallenge challenge;
    out.challenge_token = crypto_.RandomToken(16);
    challenge.token_hash = crypto_.Sha256Hex(out.challenge_token);
    challenge.user_id = user->id;
    challenge.created_at = now;
    challenge.expires_at = now + domain::kSecondFactorChallengeTtl;
    challenge.client_addr = req.client_addr;
    challenge.user_agent = req.user_agent.substr(0, 256);
    if (s.ok()) s = tx.login_challenges().Insert(challenge);
    if (s.ok()) {
      s = WriteAudit(tx, clock_, actor, "auth.second_factor_pending", "user",
                     std::to_string(user->id), "password accepted; waiting for the second factor");
    }
    if (s.ok()) s = tx.Commit();
    if (!s.ok()) return Failed(s);
    return out;
  }
  // 3b. Signed in.
  if (s.ok()) s = OpenSession(tx, *user, req.client_addr, req.user_agent, now, out);
  if (s.ok()) {
    s = WriteAudit(tx, clock_, actor, "auth.login", "user", std::to_string(user->id), "signed in");
  }
  if (s.ok()) s = tx.Commit();
  if (!s.ok()) return Failed(s);
  out.must_enrol_second_factor = domain::RequiresSecondFactor(user->roles);
  return out;
}

LoginOutcome AuthService::CompleteSecondFactor(const SecondFactorRequest& req) {
  const Micros now = clock_.Now();
  if (req.challenge_token.empty() || req.challenge_token.size() > 64) {
    return Failed(FailedPrecondition("auth.second_factor_expired"));
  }
  const std::string hash = crypto_.Sha256Hex(req.challenge_token);
  auto tx_or = store_.Begin(Access::kWrite);
  if (!tx_or.ok()) return Failed(tx_or.status());
  Tx& tx = **tx_or;
  auto challenge = tx.login_challenges().Find(hash);
  if (!challenge.ok()) return Failed(challenge.status());
  std::optional<User> user;
  if (*challenge && (*challenge)->expires_at > now) {
    auto found = tx.users().FindById((*challenge)->user_id);
    if (!found.ok()) return Failed(found.status());
    user = std::move(*found);
  }
  // Gone for good: expired, or the account was removed meanwhile.
  auto expired = [&]() {
    Status s = *challenge ? tx.login_challenges().Delete(hash) : OkStatus();
    if (s.ok()) s = tx.Commit();
    return Failed(s.ok() ? FailedPrecondition("auth.second_factor_expired") : s);
  };
  if (!user) return expired();

  Actor actor{PrincipalOf(*user), req.client_addr};
  const GuessKeys keys = KeysFor(user->username, req.client_addr);
  auto wait = CountGuess(tx, keys, now, KnownDevice(req.device_token, user->id));
  if (!wait.ok()) return Failed(wait.status());
  if (*wait > 0) {
    LoginOutcome out;
    out.status = ResourceExhausted("auth.throttled");
    out.retry_after = *wait;
    return out;
  }
  if (auto refused = RefuseIfBarred(tx, actor, *user, now)) return *refused;

  auto method = second_factor_.Spend(tx, user->id, req.code, now);
  if (!method.ok() && method.status().reason() == "totp.not_enabled") {
    return expired();  // reset by Admin Sistem meanwhile: sign in again and enrol
  }
  if (!method.ok() && method.status().code() == Code::kUnauthenticated) {
    Status s = WriteAudit(tx, clock_, actor, "auth.otp_failed", "user", std::to_string(user->id),
                          method.status().reason() == "auth.otp_reused"
                              ? "second-factor code already used"
                              : "wrong second-factor code");
    if (s.ok()) s = tx.Commit();
    return Failed(s.ok() ? method.status() : s);
  }
  if (!method.ok()) return Failed(method.status());

  LoginOutcome out;
  std::string how = "signed in with the authenticator app";
  Status s = OkStatus();
  if (*method == SecondFactor::Method::kRecoveryCode) {
    auto left = tx.second_factor().CountUnusedRecoveryCodes(user->id);
    s = left.status();
    if (s.ok()) how = "signed in with a recovery code; " + std::to_string(*left) + " left";
  }
  if (s.ok()) s = tx.login_challenges().Delete(hash);
  if (s.ok()) s = TakeBackGuess(tx, keys);
  if (s.ok()) s = OpenSession(tx, *user, req.client_addr, req.user_agent, now, out);
  if (s.ok()) {
    s = WriteAudit(tx, clock_, actor, "auth.login", "user", std::to_string(user->id), how);
  }
  if (s.ok()) s = tx.Commit();
  if (!s.ok()) return Failed(s);
  return out;
}

Status AuthService::Sweep() {
  const Micros now = clock_.Now();
  const Micros forget =
      std::max(domain::kAccountThrottle.forget_after, domain::kAddressThrottle.forget_after);
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_RETURN_IF_ERROR(tx->sessions().DeleteOlderThan(now - config_.absolute_timeout,
                                                      now - config_.idle_timeout));
  SPSE_RETURN_IF_ERROR(tx->throttle().DeleteOlderThan(now - forget));
  SPSE_RETURN_IF_ERROR(tx->login_challenges().DeleteExpired(now));
  return tx->Commit();
}

Status AuthService::Logout(std::string_view session_token, const std::string& client_addr) {
  if (session_token.empty()) return OkStatus();
  const std::string hash = SessionHash(session_token);
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(auto session, tx->sessions().Find(hash));
  if (!session) return OkStatus();
  SPSE_RETURN_IF_ERROR(tx->sessions().Delete(hash));
  Actor actor;
  actor.client_addr = client_addr;
  SPSE_ASSIGN_OR_RETURN(auto user, tx->users().FindById(session->user_id));
  if (user) actor.who = PrincipalOf(*user);
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "auth.logout", "user",
                                  std::to_string(session->user_id), "signed out"));
  return tx->Commit();
}

StatusOr<std::optional<SessionView>> AuthService::Resolve(std::string_view session_token) {
  if (session_token.empty() || session_token.size() > 64) return std::optional<SessionView>();
  const std::string hash = SessionHash(session_token);
  const Micros now = clock_.Now();
  std::optional<SessionRecord> session;
  std::optional<User> user;
  bool blacklisted = false;
  bool must_enrol = false;
  {
    SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
    SPSE_ASSIGN_OR_RETURN(session, tx->sessions().Find(hash));
    if (!session) return std::optional<SessionView>();
    SPSE_ASSIGN_OR_RETURN(user, tx->users().FindById(session->user_id));
    // A vendor whose Daftar Hitam sanction has come into force cannot act,
    // even in a session opened before (Pasal 9(4)).
    if (user && user->roles.Has(domain::Role::kPenyedia)) {
      SPSE_ASSIGN_OR_RETURN(auto entries, tx->blacklist().ForUser(user->id));
      for (const auto& e : entries) blacklisted = blacklisted || domain::InForce(e, now);
    }
    if (user && domain::RequiresSecondFactor(user->roles)) {
      SPSE_ASSIGN_OR_RETURN(auto credential, tx->second_factor().Find(user->id));
      must_enrol = !credential;
    }
  }
  const bool expired = now - session->last_seen_at >= config_.idle_timeout ||
                       now - session->created_at >= config_.absolute_timeout;
  if (expired || !user || !user->active || blacklisted) {
    SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
    SPSE_RETURN_IF_ERROR(tx->sessions().Delete(hash));
    SPSE_RETURN_IF_ERROR(tx->Commit());
    return std::optional<SessionView>();
  }
  if (now - session->last_seen_at >= config_.touch_interval) {
    SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
    SPSE_RETURN_IF_ERROR(tx->sessions().Touch(hash, now));
    SPSE_RETURN_IF_ERROR(tx->Commit());
  }
  SessionView view;
  view.principal = PrincipalOf(*user);
  view.must_change_password = user->must_change_password;
  view.must_enrol_second_factor = must_enrol;
  view.id_hash = hash;
  return std::optional<SessionView>(std::move(view));
}

Status AuthService::ChangePassword(const Actor& actor, std::string_view session_token,
                                   std::string_view current, std::string_view next) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, domain::Permission::kSignedIn));
  std::optional<User> user;
  {
    SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
    SPSE_ASSIGN_OR_RETURN(user, tx->users().FindById(actor.who.user_id));
  }
  if (!user) return NotFound("user.not_found");
  if (!VerifyPassword(user->password_hash, current)) {
    return InvalidArgument("password.current_wrong");
  }
  SPSE_RETURN_IF_ERROR(domain::CheckNewPassword(next, user->username));
  if (next == current) return InvalidArgument("password.unchanged");
  SPSE_ASSIGN_OR_RETURN(std::string hash, HashPassword(next));

  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(user, tx->users().FindById(actor.who.user_id));
  if (!user) return NotFound("user.not_found");
  user->password_hash = hash;
  user->must_change_password = false;
  SPSE_RETURN_IF_ERROR(tx->users().Update(*user));
  // ASVS 3.3.3: a new password ends every other session of the account.
  SPSE_RETURN_IF_ERROR(tx->sessions().DeleteForUser(user->id, SessionHash(session_token)));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "auth.password_changed", "user",
                                  std::to_string(user->id),
                                  "password changed; other sessions ended"));
  return tx->Commit();
}

}  // namespace spse::app
