// Invitations to invitation-only tenders (INV-* in docs/rules.md): the
// Pokja of a Tender Cepat, and the Pejabat Pengadaan of a Pengadaan
// Langsung or a Penunjukan Langsung, invite qualified vendors (RA-05), as
// many as the catalogue allows (Penunjukan Langsung: one), until the stage
// the catalogue names closes. The invitee is told by inbox and email. Only
// invited vendors join (ParticipationService::Join), and only those who
// joined send an offer.
//
// Each invitation is appended with its audit entry and its notice in one
// write transaction.
#ifndef SPSE_APP_INVITATION_SERVICE_H_
#define SPSE_APP_INVITATION_SERVICE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/mail_service.h"
#include "app/ports.h"
#include "base/time_format.h"
#include "domain/invitation.h"
#include "domain/procedure.h"
#include "domain/tender.h"

namespace spse::app {

// A vendor account that may be invited, and whether it qualifies (RA-05).
struct InviteCandidate {
  std::int64_t user_id = 0;
  std::string username;
  std::string company_name;
  Status eligible;
  bool invited = false;
};

// The vendor accounts (the first 500 by the user list's order) with
// CheckInvitee's verdict as of `now` (licence dates in `zone`), marking
// those in `invitations`.
StatusOr<std::vector<InviteCandidate>> ListInviteCandidates(
    Tx& tx, Micros now, const Zone& zone,
    const std::vector<domain::TenderInvitation>& invitations);

// The invitation page of one tender, for those who run it.
struct InvitationView {
  domain::Tender tender;
  const domain::ProcedureSpec* procedure = nullptr;
  std::string package_name;
  std::optional<domain::StagePeriod> closes;  // InvitationDeadlineStage's period
  std::vector<domain::TenderInvitation> invitations;  // oldest first
  std::vector<InviteCandidate> candidates;            // while may_invite
  Status may_invite;  // CheckMayInvite's, then CheckInvitationRoom's
};

struct InvitationConfig {
  Zone zone;
  std::string base_url;  // for links in notices
};

class InvitationService {
 public:
  InvitationService(Store& store, MailComposer& composer, const Clock& clock,
                    const domain::Catalogue& catalogue, InvitationConfig config)
      : store_(store), composer_(composer), clock_(clock), catalogue_(catalogue),
        config_(std::move(config)) {}

  // For those who run the tender. "tender.not_found" for anyone else and
  // for a procedure that takes every vendor.
  StatusOr<InvitationView> View(const Actor& actor, std::int64_t tender_id);

  // INV-02..INV-04, RA-05: one who runs the tender invites vendor
  // `vendor_id` (inbox and email); returns the invitation's id. Checked in
  // a write transaction holding the tender's lock, so two invitations of a
  // Penunjukan Langsung cannot both pass. Reasons: "auth.forbidden",
  // "tender.not_found", CheckMayInvite's, "auction.vendor_not_found",
  // CheckInvitee's, "auction.already_invited", CheckInvitationRoom's.
  StatusOr<std::int64_t> Invite(const Actor& actor, std::int64_t tender_id,
                                std::int64_t vendor_id);

 private:
  Store& store_;
  MailComposer& composer_;
  const Clock& clock_;
  const domain::Catalogue& catalogue_;
  InvitationConfig config_;
};

}  // namespace spse::app

#endif  // SPSE_APP_INVITATION_SERVICE_H_
