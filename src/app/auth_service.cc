#include "app/auth_service.h"

#include <algorithm>

#include "domain/login_throttle.h"
#include "domain/password_policy.h"

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

std::string AccountKey(std::string_view username) { return "user:" + std::string(username); }
std::string AddressKey(std::string_view addr) { return "addr:" + std::string(addr); }

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

AuthService::AuthService(Store& store, CryptoPort& crypto, const Clock& clock, AuthConfig config,
                         std::string secret, int max_parallel_hashes)
    : store_(store), crypto_(crypto), clock_(clock), config_(config), secret_(std::move(secret)),
      hash_slots_(std::make_unique<std::counting_semaphore<64>>(
          std::clamp(max_parallel_hashes, 1, 64))) {
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

LoginOutcome AuthService::Login(const LoginRequest& req) {
  LoginOutcome out;
  const Micros now = clock_.Now();
  const std::string account_key = AccountKey(req.username);
  const std::string address_key = AddressKey(req.client_addr);

  // 1. Check the throttle and count this attempt as a failure in one write
  //    transaction, before the expensive verification: parallel guesses
  //    queue on the write lock and each sees the ones before it. A success
  //    clears the count afterwards.
  std::optional<User> user;
  {
    auto tx = store_.Begin(Access::kWrite);
    if (!tx.ok()) return Failed(tx.status());
    auto found = (*tx)->users().FindByUsername(req.username);
    if (!found.ok()) return Failed(found.status());
    user = std::move(*found);
    auto by_addr = (*tx)->throttle().Get(address_key);
    auto by_account = (*tx)->throttle().Get(account_key);
    if (!by_addr.ok()) return Failed(by_addr.status());
    if (!by_account.ok()) return Failed(by_account.status());
    const bool known_device = user && !req.device_token.empty() &&
                              crypto_.ConstantTimeEquals(req.device_token, DeviceToken(user->id));
    // A device that signed in to this very account before is its owner's:
    // neither a flood on the account nor one from a shared address (an
    // office behind one NAT) holds it back.
    Micros next = 0;
    if (!known_device) {
      next = std::max(domain::NextAttemptAt(*by_addr, domain::kAddressThrottle),
                      domain::NextAttemptAt(*by_account, domain::kAccountThrottle));
    }
    if (next > now) {
      out.status = ResourceExhausted("auth.throttled");
      out.retry_after = next - now;
      return out;
    }
    for (Status s : {(*tx)->throttle().Put(account_key, domain::AfterFailure(*by_account, now,
                                                                            domain::kAccountThrottle)),
                     (*tx)->throttle().Put(address_key, domain::AfterFailure(*by_addr, now,
                                                                            domain::kAddressThrottle))}) {
      if (!s.ok()) return Failed(s);
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

  if (!user->active) {
    Status s = WriteAudit(tx, clock_, actor, "auth.login_refused", "user", std::to_string(user->id),
                          "account disabled");
    if (s.ok()) s = tx.Commit();
    out.status = s.ok() ? PermissionDenied("auth.account_disabled") : s;
    out.deactivation_reason = user->deactivation_reason;
    return out;
  }
  // A vendor on the Daftar Hitam cannot act, and is told why (Pasal 9(4)).
  {
    auto entries = tx.blacklist().ForUser(user->id);
    if (!entries.ok()) return Failed(entries.status());
    for (const auto& e : *entries) {
      if (!domain::InForce(e, now)) continue;
      Status s = WriteAudit(tx, clock_, actor, "auth.login_refused", "user",
                            std::to_string(user->id), "on the Daftar Hitam, SK " + e.sk_number);
      if (s.ok()) s = tx.Commit();
      out.status = s.ok() ? PermissionDenied("auth.blacklisted") : s;
      out.blacklist = e;
      return out;
    }
  }

  SessionRecord session;
  out.session_token = crypto_.RandomToken(16);  // 128 bits
  session.id_hash = SessionHash(out.session_token);
  session.user_id = user->id;
  session.created_at = now;
  session.last_seen_at = now;
  session.client_addr = req.client_addr;
  session.user_agent = req.user_agent.substr(0, 256);
  // Failure counts are kept (they fade after an hour): clearing them at each
  // of the owner's sign-ins would hand an attacker fresh free guesses. Only
  // this attempt, counted in advance, is taken back.
  Status s = tx.sessions().Insert(session);
  for (const std::string& key : {account_key, address_key}) {
    if (!s.ok()) break;
    auto record = tx.throttle().Get(key);
    s = record.status();
    if (s.ok() && record->failures > 0) {
      domain::FailureRecord r = *record;
      r.failures -= 1;
      s = tx.throttle().Put(key, r);
    }
  }
  if (s.ok()) {
    s = WriteAudit(tx, clock_, actor, "auth.login", "user", std::to_string(user->id), "signed in");
  }
  if (s.ok()) s = tx.Commit();
  if (!s.ok()) return Failed(s);
  out.principal = actor.who;
  out.must_change_password = user->must_change_password;
  out.device_token = DeviceToken(user->id);
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
