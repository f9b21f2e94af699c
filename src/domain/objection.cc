#include "domain/objection.h"

#include <algorithm>

#include "domain/registration.h"

namespace spse::domain {
namespace {

// __extension__: the type is a GCC/Clang extension.
__extension__ typedef __int128 Wide;

bool Blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

const StagePeriod* SanggahPeriod(const Tender& t, const ProcedureSpec& p) {
  for (size_t i = 0; i < p.stages.size() && i < t.schedule.size(); ++i) {
    if (p.stages[i].code == "sanggah") return &t.schedule[i];
  }
  return nullptr;
}

}  // namespace

std::string_view ConsequenceWord(Consequence c) {
  switch (c) {
    case Consequence::kNone: return "";
    case Consequence::kReEvaluation: return "evaluasi_ulang";
    case Consequence::kFail: return "gagal";
  }
  return "";
}

std::optional<Consequence> ParseConsequence(std::string_view word) {
  if (word.empty()) return Consequence::kNone;
  if (word == "evaluasi_ulang") return Consequence::kReEvaluation;
  if (word == "gagal") return Consequence::kFail;
  return std::nullopt;
}

Status CheckObjection(const Tender& t, const ProcedureSpec& p, const AwardDecision* decision,
                      const std::vector<Objection>& earlier, const Objection& o, Micros now) {
  if (t.status != TenderStatus::kRunning) return FailedPrecondition("tender.not_running");
  const StagePeriod* period = SanggahPeriod(t, p);
  if (period == nullptr) return FailedPrecondition("objection.no_stage");
  if (now < period->start) return FailedPrecondition("objection.period_not_started");
  if (now >= period->end) return FailedPrecondition("objection.period_over");
  if (decision == nullptr || decision->revoked_at || !decision->announced_at ||
      decision->id != o.decision_id) {
    return FailedPrecondition("objection.not_announced");
  }
  const bool bidder = std::any_of(decision->results.begin(), decision->results.end(),
                                  [&](const BidderResult& r) { return r.vendor_id == o.vendor_id; });
  if (!bidder) return PermissionDenied("objection.not_bidder");
  for (const Objection& e : earlier) {
    if (e.decision_id == o.decision_id && e.vendor_id == o.vendor_id) {
      return AlreadyExists("objection.already_filed");
    }
  }
  if (Blank(o.reasons)) return InvalidArgument("objection.reasons_required");
  if (o.reasons.size() > kMaxObjectionText) return InvalidArgument("objection.too_long");
  if (o.attachments.size() > kMaxObjectionAttachments) {
    return InvalidArgument("objection.too_many_attachments");
  }
  for (const Attachment& a : o.attachments) {
    if (a.content_type != "application/pdf" || a.size == 0 || a.size > kMaxDocumentBytes) {
      return InvalidArgument("objection.attachment_invalid", a.filename);
    }
  }
  return OkStatus();
}

std::optional<Micros> AnswerDeadline(const Tender& t, const ProcedureSpec& p,
                                     const WorkingCalendar& cal) {
  const StagePeriod* period = SanggahPeriod(t, p);
  if (period == nullptr) return std::nullopt;
  return cal.AddWorkingDays(period->end, p.objection_answer_working_days);
}

Status CheckAnswer(bool upheld, std::string_view text, Consequence consequence) {
  if (Blank(text)) return InvalidArgument("objection.answer_required");
  if (text.size() > kMaxObjectionText) return InvalidArgument("objection.too_long");
  if (upheld && consequence == Consequence::kNone) {
    return InvalidArgument("objection.consequence_required");
  }
  if (!upheld && consequence != Consequence::kNone) {
    return InvalidArgument("objection.consequence_invalid");
  }
  return OkStatus();
}

bool AppealAllowed(const ProcedureSpec& p, std::string_view procurement_type) {
  return std::find(p.appeal_types.begin(), p.appeal_types.end(), procurement_type) !=
         p.appeal_types.end();
}

std::int64_t MinimumGuaranteeRupiah(const ProcedureSpec& p, Money hps) {
  // hps sen x permille / (1000 x 100), rounded up.
  const Wide num = Wide{hps.sen()} * p.appeal_guarantee_permille;
  const Wide den = Wide{1000} * 100;
  return static_cast<std::int64_t>((num + den - 1) / den);
}

Status CheckAppeal(const ProcedureSpec& p, std::string_view procurement_type, const Objection& o,
                   const Appeal& a, Money hps, Micros now) {
  if (!AppealAllowed(p, procurement_type)) {
    return FailedPrecondition("appeal.not_allowed", std::string(procurement_type));
  }
  if (a.vendor_id != o.vendor_id) return PermissionDenied("appeal.not_objector");
  if (!o.answer || o.answer->upheld) return FailedPrecondition("appeal.not_rejected");
  if (o.appeal) return AlreadyExists("appeal.already_filed");
  if (now >= o.answer->at + p.appeal_days * kMicrosPerDay) {
    return FailedPrecondition("appeal.period_over");
  }
  if (Blank(a.reasons)) return InvalidArgument("appeal.reasons_required");
  if (a.reasons.size() > kMaxObjectionText) return InvalidArgument("appeal.too_long");
  if (Blank(a.guarantee.issuer) || Blank(a.guarantee.number) || a.guarantee.issuer.size() > 200 ||
      a.guarantee.number.size() > 100) {
    return InvalidArgument("appeal.guarantee_required");
  }
  const std::int64_t least = MinimumGuaranteeRupiah(p, hps);
  if (a.guarantee.amount_rupiah < least) {
    return InvalidArgument("appeal.guarantee_too_low", std::to_string(least));
  }
  if (a.guarantee.valid_until <= now) return InvalidArgument("appeal.guarantee_expired");
  return OkStatus();
}

bool ObjectionPending(const ProcedureSpec& p, std::string_view procurement_type, const Objection& o,
                      Micros now) {
  if (!o.answer) return true;
  if (o.appeal) return !o.appeal_answer;
  if (o.answer->upheld) return false;
  return AppealAllowed(p, procurement_type) && now < o.answer->at + p.appeal_days * kMicrosPerDay;
}

}  // namespace spse::domain
