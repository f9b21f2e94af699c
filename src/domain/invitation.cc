#include "domain/invitation.h"

#include "domain/participation.h"

namespace spse::domain {

Status CheckInvitee(const InviteeFacts& f) {
  if (!f.vendor) return FailedPrecondition("auction.not_vendor");
  if (!f.active) return FailedPrecondition("auth.account_disabled");
  if (!f.verified) return FailedPrecondition("auction.not_verified");
  if (f.blacklisted) return FailedPrecondition("auth.blacklisted");
  if (f.licences == 0) return FailedPrecondition("auction.no_licence");
  if (f.expired_licences > 0) return FailedPrecondition("auction.licence_expired");
  return OkStatus();
}

std::optional<size_t> InvitationDeadlineStage(const ProcedureSpec& p) {
  if (!p.invitation_until.empty()) {
    for (size_t i = 0; i < p.stages.size(); ++i) {
      if (p.stages[i].code == p.invitation_until) return i;
    }
  }
  return JoinDeadlineStage(p);
}

Status CheckMayInvite(const Tender& t, const ProcedureSpec& p, Micros now) {
  if (!p.invitation_only) return FailedPrecondition("invitation.not_required");
  if (t.status != TenderStatus::kRunning) return FailedPrecondition("tender.not_running");
  const auto last = InvitationDeadlineStage(p);
  if (!last || *last >= t.schedule.size() || now >= t.schedule[*last].end) {
    return FailedPrecondition("invitation.closed");
  }
  return OkStatus();
}

Status CheckInvitationRoom(const ProcedureSpec& p, size_t standing) {
  if (p.max_invitees > 0 && standing >= static_cast<size_t>(p.max_invitees)) {
    return FailedPrecondition("invitation.limit_reached", std::to_string(p.max_invitees));
  }
  return OkStatus();
}

Status CheckInvited(const ProcedureSpec& p, bool invited) {
  if (p.invitation_only && !invited) return PermissionDenied("invitation.not_invited");
  return OkStatus();
}

}  // namespace spse::domain
