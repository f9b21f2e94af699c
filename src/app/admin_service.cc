#include "app/admin_service.h"

#include "domain/password_policy.h"

namespace spse::app {

using domain::Permission;

namespace {

std::string Describe(const Agency& a) {
  return std::string(domain::AgencyKindCode(a.kind)) + " " + a.code + " '" + a.name + "'";
}

// The operator's principals (CLI, demo loader) have negative ids.
bool IsOperator(const Actor& actor) { return actor.who.user_id < 0; }

domain::AccountDocument LetterOf(const Actor& actor, std::int64_t user_id,
                                 const domain::Attachment& letter, Micros now) {
  domain::AccountDocument doc;
  doc.user_id = user_id;
  doc.kind = domain::DocumentKind::kSuratTugas;
  doc.sha256 = letter.sha256;
  doc.filename = letter.filename;
  doc.content_type = letter.content_type;
  doc.size = letter.size;
  doc.uploaded_at = now;
  doc.uploaded_by = actor.who.user_id;
  return doc;
}

}  // namespace

StatusOr<std::vector<Agency>> AdminService::ListAgencies(const Actor& actor) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManageAgencies));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  return tx->agencies().List();
}

StatusOr<Agency> AdminService::GetAgency(const Actor& actor, std::int64_t id) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManageAgencies));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(auto agency, tx->agencies().FindById(id));
  if (!agency) return NotFound("agency.not_found");
  return *agency;
}

StatusOr<std::int64_t> AdminService::CreateAgency(const Actor& actor, Agency agency) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManageAgencies));
  SPSE_RETURN_IF_ERROR(domain::ValidateAgency(agency));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  if (agency.parent_id) {
    SPSE_ASSIGN_OR_RETURN(auto parent, tx->agencies().FindById(*agency.parent_id));
    if (!parent || parent->kind != domain::AgencyKind::kSkpd) {
      return InvalidArgument("agency.parent_not_found");
    }
  }
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, tx->agencies().Insert(agency));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "agency.create", "agency",
                                  std::to_string(id), "created " + Describe(agency)));
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return id;
}

Status AdminService::UpdateAgency(const Actor& actor, const Agency& agency) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManageAgencies));
  SPSE_RETURN_IF_ERROR(domain::ValidateAgency(agency));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(auto before, tx->agencies().FindById(agency.id));
  if (!before) return NotFound("agency.not_found");
  if (agency.parent_id) {
    SPSE_ASSIGN_OR_RETURN(auto parent, tx->agencies().FindById(*agency.parent_id));
    if (!parent || parent->kind != domain::AgencyKind::kSkpd || parent->id == agency.id) {
      return InvalidArgument("agency.parent_not_found");
    }
  }
  SPSE_RETURN_IF_ERROR(tx->agencies().Update(agency));
  std::string summary = "from " + Describe(*before) + " to " + Describe(agency);
  if (before->active != agency.active) summary += agency.active ? "; activated" : "; deactivated";
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "agency.update", "agency",
                                  std::to_string(agency.id), summary));
  return tx->Commit();
}

StatusOr<std::vector<User>> AdminService::ListUsers(const Actor& actor, const UserFilter& filter) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManageUsers));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  return tx->users().List(filter);
}

StatusOr<User> AdminService::GetUser(const Actor& actor, std::int64_t id) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManageUsers));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(auto user, tx->users().FindById(id));
  if (!user) return NotFound("user.not_found");
  return *user;
}

Status AdminService::CheckAgency(Tx& tx, const std::optional<std::int64_t>& agency_id) {
  if (!agency_id) return OkStatus();
  SPSE_ASSIGN_OR_RETURN(auto agency, tx.agencies().FindById(*agency_id));
  if (!agency) return InvalidArgument("agency.not_found");
  return OkStatus();
}

StatusOr<CreatedUser> AdminService::CreateUser(const Actor& actor, const NewUser& input) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManageUsers));
  User user;
  user.username = input.username;
  user.full_name = input.full_name;
  user.email = input.email;
  user.roles = input.roles;
  user.agency_id = input.agency_id;
  user.created_at = clock_.Now();
  SPSE_RETURN_IF_ERROR(domain::ValidateUser(user));
  const bool vendor = user.roles.Has(domain::Role::kPenyedia);
  if (input.letter) {
    SPSE_RETURN_IF_ERROR(domain::ValidateDocument(LetterOf(actor, 0, *input.letter, 0), vendor));
    user.verification.status = domain::AccountStatus::kSubmitted;
    user.verification.submitted_at = user.created_at;
  } else if (!IsOperator(actor)) {
    return InvalidArgument("registration.letter_required");
  }
  CreatedUser created;
  std::string password = input.password;
  if (password.empty()) {
    created.temporary_password = crypto_.RandomToken(12);
    password = created.temporary_password;
    user.must_change_password = true;
  } else {
    SPSE_RETURN_IF_ERROR(domain::CheckNewPassword(password, user.username));
  }
  SPSE_ASSIGN_OR_RETURN(user.password_hash, auth_.HashPassword(password));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_RETURN_IF_ERROR(CheckAgency(*tx, user.agency_id));
  SPSE_ASSIGN_OR_RETURN(created.id, tx->users().Insert(user));
  if (input.letter) {
    SPSE_RETURN_IF_ERROR(
        tx->documents().Insert(LetterOf(actor, created.id, *input.letter, user.created_at)).status());
  }
  SPSE_RETURN_IF_ERROR(WriteAudit(
      *tx, clock_, actor, "user.create", "user", std::to_string(created.id),
      "created '" + user.username + "' with roles " + user.roles.ToCodes() +
          (user.agency_id ? ", agency " + std::to_string(*user.agency_id) : "") +
          (input.letter ? "; assignment letter '" + input.letter->filename +
                              "' sent to the Verifikator"
                        : "; verified by the operator")));
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return created;
}

Status AdminService::UpdateUserRoles(const Actor& actor, std::int64_t id,
                                     const domain::RoleSet& roles,
                                     std::optional<std::int64_t> agency_id) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManageUsers));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(auto user, tx->users().FindById(id));
  if (!user) return NotFound("user.not_found");
  const std::string before = user->roles.ToCodes();
  user->roles = roles;
  user->agency_id = agency_id;
  SPSE_RETURN_IF_ERROR(domain::ValidateUser(*user));
  SPSE_RETURN_IF_ERROR(CheckAgency(*tx, agency_id));
  SPSE_RETURN_IF_ERROR(tx->users().Update(*user));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "user.roles", "user", std::to_string(id),
                                  "roles " + before + " -> " + roles.ToCodes()));
  return tx->Commit();
}

Status AdminService::SetUserActive(const Actor& actor, std::int64_t id, bool active) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManageUsers));
  if (id == actor.who.user_id && !active) return FailedPrecondition("user.cannot_disable_self");
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(auto user, tx->users().FindById(id));
  if (!user) return NotFound("user.not_found");
  if (user->active == active) return OkStatus();
  user->active = active;
  SPSE_RETURN_IF_ERROR(tx->users().Update(*user));
  if (!active) SPSE_RETURN_IF_ERROR(tx->sessions().DeleteForUser(id, ""));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, active ? "user.enable" : "user.disable",
                                  "user", std::to_string(id),
                                  (active ? "enabled '" : "disabled '") + user->username + "'"));
  return tx->Commit();
}

StatusOr<std::string> AdminService::ResetPassword(const Actor& actor, std::int64_t id) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManageUsers));
  const std::string temporary = crypto_.RandomToken(12);
  SPSE_ASSIGN_OR_RETURN(std::string hash, auth_.HashPassword(temporary));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(auto user, tx->users().FindById(id));
  if (!user) return NotFound("user.not_found");
  user->password_hash = hash;
  user->must_change_password = true;
  SPSE_RETURN_IF_ERROR(tx->users().Update(*user));
  SPSE_RETURN_IF_ERROR(tx->sessions().DeleteForUser(id, ""));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "user.reset_password", "user",
                                  std::to_string(id),
                                  "temporary password issued for '" + user->username + "'"));
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return temporary;
}

Status AdminService::ReplaceLetter(const Actor& actor, std::int64_t id,
                                  const domain::Attachment& letter) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManageUsers));
  const Micros now = clock_.Now();
  domain::AccountDocument doc = LetterOf(actor, id, letter, now);
  SPSE_RETURN_IF_ERROR(domain::ValidateDocument(doc, /*vendor=*/false));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(auto user, tx->users().FindById(id));
  if (!user) return NotFound("user.not_found");
  const domain::AccountStatus status = user->verification.status;
  if (user->roles.Has(domain::Role::kPenyedia) || status == domain::AccountStatus::kVerified) {
    return FailedPrecondition("registration.locked");
  }
  SPSE_ASSIGN_OR_RETURN(auto existing, tx->documents().ForUser(id));
  SPSE_ASSIGN_OR_RETURN(std::int64_t doc_id, tx->documents().Insert(doc));
  for (const auto& old : existing) {
    if (old.current() && old.kind == domain::DocumentKind::kSuratTugas) {
      SPSE_RETURN_IF_ERROR(tx->documents().Supersede(old.id, doc_id));
    }
  }
  if (status != domain::AccountStatus::kSubmitted) {
    SPSE_ASSIGN_OR_RETURN(user->verification.status,
                          domain::NextStatus(status, domain::VerificationEvent::kSubmit));
    user->verification.submitted_at = now;
    SPSE_RETURN_IF_ERROR(tx->users().Update(*user));
  }
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "user.letter", "user", std::to_string(id),
                                  "assignment letter '" + letter.filename + "' for '" +
                                      user->username + "' sent to the Verifikator"));
  return tx->Commit();
}

StatusOr<std::vector<domain::AccountDocument>> AdminService::Documents(const Actor& actor,
                                                                       std::int64_t id) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManageUsers));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(auto docs, tx->documents().ForUser(id));
  // Admin Sistem handles the assignment letters only, never a vendor's papers.
  std::erase_if(docs, [](const domain::AccountDocument& d) {
    return d.kind != domain::DocumentKind::kSuratTugas;
  });
  return docs;
}

StatusOr<std::string> AdminService::CheckPokja(Tx& tx, const domain::PokjaGroup& group) {
  SPSE_RETURN_IF_ERROR(domain::ValidatePokjaGroup(group));
  SPSE_ASSIGN_OR_RETURN(auto agency, tx.agencies().FindById(group.agency_id));
  if (!agency) return InvalidArgument("agency.not_found");
  std::string who;
  for (std::int64_t id : group.member_ids) {
    SPSE_ASSIGN_OR_RETURN(auto user, tx.users().FindById(id));
    if (!user || !user->active || !user->roles.Has(domain::Role::kPokja)) {
      return InvalidArgument("pokja.member_not_pokja", std::to_string(id));
    }
    if (!who.empty()) who += ", ";
    who += user->username;
    if (id == group.chair_id) who += " (ketua)";
  }
  return "'" + group.name + "' of " + agency->code + ": " + who;
}

StatusOr<std::vector<domain::PokjaGroup>> AdminService::ListPokja(const Actor& actor) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManageUsers));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  return tx->pokja().List();
}

StatusOr<domain::PokjaGroup> AdminService::GetPokja(const Actor& actor, std::int64_t id) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManageUsers));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(auto group, tx->pokja().FindById(id));
  if (!group) return NotFound("pokja.not_found");
  return *group;
}

StatusOr<std::int64_t> AdminService::CreatePokja(const Actor& actor, domain::PokjaGroup group) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManageUsers));
  group.created_at = clock_.Now();
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(std::string summary, CheckPokja(*tx, group));
  SPSE_ASSIGN_OR_RETURN(std::int64_t id, tx->pokja().Insert(group));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "pokja.create", "pokja", std::to_string(id),
                                  "formed " + summary));
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return id;
}

Status AdminService::UpdatePokja(const Actor& actor, const domain::PokjaGroup& group) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManageUsers));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(auto before, tx->pokja().FindById(group.id));
  if (!before) return NotFound("pokja.not_found");
  // What it was, even if it would no longer pass today's checks.
  std::string before_summary = "'" + before->name + "' (" +
                               std::to_string(before->member_ids.size()) + " members, chair #" +
                               std::to_string(before->chair_id) + ")";
  SPSE_ASSIGN_OR_RETURN(std::string after_summary, CheckPokja(*tx, group));
  SPSE_RETURN_IF_ERROR(tx->pokja().Update(group));
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "pokja.update", "pokja",
                                  std::to_string(group.id),
                                  "from " + before_summary + " to " + after_summary +
                                      (group.active ? "" : "; dissolved")));
  return tx->Commit();
}

}  // namespace spse::app
