// Invitation-only procedures (INV-* in docs/rules.md): Tender Cepat, and the
// non-tender methods Pengadaan Langsung and Penunjukan Langsung, take only
// the vendors their Pokja or Pejabat Pengadaan invited. Which procedures
// invite, how many vendors at most and until which stage is catalogue data
// (ProcedureSpec::invitation_only, max_invitees, invitation_until); the
// rules below read it and name no method.
//
// Invitations are only appended: none is changed or withdrawn.
#ifndef SPSE_DOMAIN_INVITATION_H_
#define SPSE_DOMAIN_INVITATION_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "base/clock.h"
#include "base/status.h"
#include "domain/procedure.h"
#include "domain/tender.h"

namespace spse::domain {

// An invitation of one vendor to one tender.
struct TenderInvitation {
  std::int64_t id = 0;
  std::int64_t tender_id = 0;
  std::int64_t vendor_id = 0;   // the vendor's user id
  std::string company_name;     // read with the row; not stored twice
  std::int64_t invited_by = 0;
  Micros invited_at = 0;
};

// What is known of a vendor account when it is invited.
struct InviteeFacts {
  bool vendor = false;      // holds the Penyedia role and has company data
  bool active = false;
  bool verified = false;    // AccountStatus::kVerified
  bool blacklisted = false; // a Daftar Hitam entry in force
  size_t expired_licences = 0;  // ExpiredLicences of its latest data penyedia
  size_t licences = 0;          // izin_usaha rows
};

// RA-05 (and INV-02 for every invitation-only procedure): only qualified
// vendors are invited: a vendor account that is active and verified, on no
// Daftar Hitam entry in force, with at least one business licence and none
// expired. Reasons: "auction.not_vendor", "auth.account_disabled",
// "auction.not_verified", "auth.blacklisted", "auction.no_licence",
// "auction.licence_expired".
Status CheckInvitee(const InviteeFacts& f);

// The stage at whose end invitations close: the procedure's
// invitation_until, else the stage joining closes with (JoinDeadlineStage).
// nullopt for an empty procedure.
std::optional<size_t> InvitationDeadlineStage(const ProcedureSpec& p);

// INV-02: invitations are sent while an invitation-only tender runs, from
// its publication until the end of InvitationDeadlineStage. Reasons:
// "invitation.not_required" (the procedure takes every vendor),
// "tender.not_running", "invitation.closed".
Status CheckMayInvite(const Tender& t, const ProcedureSpec& p, Micros now);

// INV-03: a procedure with max_invitees > 0 takes no more invitations once
// that many stand (`standing`). Reason: "invitation.limit_reached".
Status CheckInvitationRoom(const ProcedureSpec& p, size_t standing);

// INV-01: an invitation-only procedure takes only invited vendors: they
// alone join (accept the Pakta Integritas) and so send an offer. Reason:
// "invitation.not_invited".
Status CheckInvited(const ProcedureSpec& p, bool invited);

}  // namespace spse::domain

#endif  // SPSE_DOMAIN_INVITATION_H_
