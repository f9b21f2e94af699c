// Admin Sistem's work (Pasal 8, 21(1)b): agencies as data, and the
// non-vendor accounts attached to them.
#ifndef SPSE_APP_ADMIN_SERVICE_H_
#define SPSE_APP_ADMIN_SERVICE_H_

#include <string>
#include <vector>

#include "app/actor.h"
#include "app/auth_service.h"
#include "app/ports.h"

namespace spse::app {

struct NewUser {
  std::string username;
  std::string full_name;
  std::string email;
  domain::RoleSet roles;
  std::optional<std::int64_t> agency_id;
  // Empty: a random temporary password is generated and must be changed at
  // first sign-in.
  std::string password;
  // The assignment letter (surat tugas / SK) of Pasal 21(1)b, already in the
  // blob store: the account waits for the Verifikator. Required when a
  // signed-in Admin Sistem creates the account; the operator (CLI, demo
  // data: a system principal) creates verified accounts without one.
  std::optional<domain::Attachment> letter;
};

struct CreatedUser {
  std::int64_t id = 0;
  std::string temporary_password;  // set when one was generated; shown once
};

class AdminService {
 public:
  AdminService(Store& store, AuthService& auth, CryptoPort& crypto, const Clock& clock)
      : store_(store), auth_(auth), crypto_(crypto), clock_(clock) {}

  StatusOr<std::vector<Agency>> ListAgencies(const Actor& actor);
  StatusOr<Agency> GetAgency(const Actor& actor, std::int64_t id);
  // Reasons: ValidateAgency's, "agency.code_taken", "agency.parent_not_found"
  // (the parent must be an SKPD).
  StatusOr<std::int64_t> CreateAgency(const Actor& actor, Agency agency);
  Status UpdateAgency(const Actor& actor, const Agency& agency);

  StatusOr<std::vector<User>> ListUsers(const Actor& actor, const UserFilter& filter);
  StatusOr<User> GetUser(const Actor& actor, std::int64_t id);
  // Reasons: ValidateUser's (Pasal 14(3) included), "user.username_taken",
  // "agency.not_found", "password.*", "registration.letter_required",
  // ValidateDocument's (for the letter).
  StatusOr<CreatedUser> CreateUser(const Actor& actor, const NewUser& user);
  // A new assignment letter for an account the Verifikator has not verified
  // yet; a rejected account goes back to the Verifikator. Reasons:
  // ValidateDocument's, "user.not_found", "registration.locked" (verified,
  // or a vendor: vendors keep their own application).
  Status ReplaceLetter(const Actor& actor, std::int64_t id, const domain::Attachment& letter);
  // The account's documents (its assignment letters, newest last).
  StatusOr<std::vector<domain::AccountDocument>> Documents(const Actor& actor, std::int64_t id);
  // Replaces roles and agency. Same rules as CreateUser.
  Status UpdateUserRoles(const Actor& actor, std::int64_t id, const domain::RoleSet& roles,
                         std::optional<std::int64_t> agency_id);
  // Disabling ends the account's sessions at once (ASVS 5.0 7.4.2).
  Status SetUserActive(const Actor& actor, std::int64_t id, bool active);
  // A new random temporary password, to be changed at next sign-in; ends sessions.
  StatusOr<std::string> ResetPassword(const Actor& actor, std::int64_t id);

  // Pokja Pemilihan committees (issue 3, item 3). Reasons: ValidatePokjaGroup's,
  // "pokja.name_taken", "agency.not_found", "pokja.member_not_pokja" (every
  // member is an active account holding the Pokja role), "pokja.not_found".
  StatusOr<std::vector<domain::PokjaGroup>> ListPokja(const Actor& actor);
  StatusOr<domain::PokjaGroup> GetPokja(const Actor& actor, std::int64_t id);
  StatusOr<std::int64_t> CreatePokja(const Actor& actor, domain::PokjaGroup group);
  Status UpdatePokja(const Actor& actor, const domain::PokjaGroup& group);

 private:
  Status CheckAgency(Tx& tx, const std::optional<std::int64_t>& agency_id);
  // Validates the group and its members; returns "name (user, user*, ...)" for the audit.
  StatusOr<std::string> CheckPokja(Tx& tx, const domain::PokjaGroup& group);

  Store& store_;
  AuthService& auth_;
  CryptoPort& crypto_;
  const Clock& clock_;
};

}  // namespace spse::app

#endif  // SPSE_APP_ADMIN_SERVICE_H_
