#include "app/auction_service.h"
#include "app/stored_file.h"

#include <algorithm>

#include "base/money.h"
#include "domain/permission.h"
#include "domain/planning.h"

namespace spse::app {

using domain::AuctionBid;
using domain::AuctionStanding;
using domain::AwardDecision;
using domain::Permission;
using domain::StageOutcome;

namespace {

constexpr std::string_view kMethod = "tender_cepat";

std::string Rupiah(std::int64_t r) { return Money::FromRupiah(r).Format(); }

Status CheckInForce(Tx& tx, std::int64_t user_id, Micros now) {
  SPSE_ASSIGN_OR_RETURN(auto user, tx.users().FindById(user_id));
  if (!user || !user->active) return PermissionDenied("auth.account_disabled");
  SPSE_ASSIGN_OR_RETURN(auto entries, tx.blacklist().ForUser(user_id));
  for (const auto& e : entries) {
    if (domain::InForce(e, now)) return PermissionDenied("auth.blacklisted", e.sk_number);
  }
  return OkStatus();
}

}  // namespace

struct AuctionService::Loaded {
  LoadedTender l;
  std::int64_t chair_id = 0;
  bool auditor = false;
  bool invited = false;
};

StatusOr<AuctionService::Loaded> AuctionService::Load(Tx& tx, const Actor& actor,
                                                      std::int64_t tender_id) {
  if (!actor.who.signed_in()) return Unauthenticated("auth.required");
  Loaded ld;
  SPSE_ASSIGN_OR_RETURN(ld.l, LoadTender(tx, actor, catalogue_, tender_id));
  if (ld.l.procedure->method != kMethod) return NotFound("tender.not_found");
  ld.auditor = domain::Authorize(actor.who, Permission::kViewAudit).ok();
  if (domain::Authorize(actor.who, Permission::kJoinTenders).ok()) {
    SPSE_ASSIGN_OR_RETURN(ld.invited, tx.auction().IsInvited(tender_id, actor.who.user_id));
  }
  if (!ld.l.runs && !ld.auditor && !ld.invited) return NotFound("tender.not_found");
  if (ld.l.package.pokja_group_id) {
    SPSE_ASSIGN_OR_RETURN(auto group, tx.pokja().FindById(*ld.l.package.pokja_group_id));
    if (group) ld.chair_id = group->chair_id;
  } else if (ld.l.package.official_id) {
    ld.chair_id = *ld.l.package.official_id;
  }
  return ld;
}

void AuctionService::Publish(const domain::Tender& t, const domain::ProcedureSpec& p,
                             const std::vector<AuctionBid>& bids) {
  AuctionSnapshot s;
  s.version = bids.size();
  const auto period = domain::AuctionPeriod(t, p);
  s.closes_at = period ? period->end : 0;
  s.ranking = domain::RankAuction(bids);
  hub_.Publish(t.id, std::move(s));
}

StatusOr<AuctionView> AuctionService::View(const Actor& actor, std::int64_t tender_id) {
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(Loaded ld, Load(*tx, actor, tender_id));
  const domain::ProcedureSpec& proc = *ld.l.procedure;
  const Micros now = clock_.Now();
  AuctionView v;
  v.procedure = &proc;
  v.package_name = ld.l.package.name;
  SPSE_ASSIGN_OR_RETURN(v.hps, domain::HpsTotal(ld.l.package.hps));
  v.now = now;
  v.period = domain::AuctionPeriod(ld.l.tender, proc);
  v.min_decrement_permille = proc.auction_min_decrement_permille;
  v.runs = ld.l.runs;
  v.is_chair = ld.l.runs && ld.chair_id == actor.who.user_id;
  v.auditor = ld.auditor;
  v.vendor = ld.invited;
  SPSE_ASSIGN_OR_RETURN(auto bids, tx->auction().BidsOf(tender_id));
  v.version = bids.size();
  const std::vector<AuctionStanding> ranking = domain::RankAuction(bids);
  if (v.vendor) {
    SPSE_ASSIGN_OR_RETURN(auto joined, tx->participation().Find(tender_id, actor.who.user_id));
    v.joined = joined.has_value();
    std::optional<std::int64_t> previous;
    for (const AuctionBid& b : bids) {
      if (b.vendor_id != actor.who.user_id) continue;
      v.own_bids.push_back(b);
      previous = previous ? std::min(*previous, b.price_rupiah) : b.price_rupiah;
    }
    v.anonymous = domain::AnonymousRanking(ranking, actor.who.user_id);
    v.highest_acceptable =
        domain::HighestAcceptable(v.hps, previous, proc.auction_min_decrement_permille);
    v.may_bid = domain::CheckAuctionOpen(ld.l.tender, proc, now);
    if (v.may_bid.ok()) v.may_bid = domain::CheckBidder(true, v.joined);
  } else {
    v.may_bid = PermissionDenied("auction.not_invited");
  }
  if (v.runs || v.auditor) {
    v.ranking = ranking;
    SPSE_ASSIGN_OR_RETURN(v.invitations, tx->auction().InvitationsOf(tender_id));
  }
  SPSE_ASSIGN_OR_RETURN(auto decisions, tx->evaluation().DecisionsOf(tender_id));
  for (const auto& d : decisions) {
    if (!d.revoked_at) v.decision = d;
  }
  if (!v.runs) {
    v.may_invite = PermissionDenied("tender.not_found");
  } else {
    v.may_invite = domain::CheckMayInvite(ld.l.tender, proc, now);
  }
  if (v.may_invite.ok()) {
    SPSE_ASSIGN_OR_RETURN(v.candidates,
                          ListInviteCandidates(*tx, now, config_.zone, v.invitations));
  }
  if (!v.is_chair) {
    v.may_decide = PermissionDenied("evaluation.chair_only");
  } else if (v.decision) {
    v.may_decide = FailedPrecondition("evaluation.decided");
  } else if (v.period && now < v.period->end) {
    v.may_decide = FailedPrecondition("auction.not_closed");
  } else {
    v.may_decide = domain::CheckStageWindow(ld.l.tender, proc, "penetapan", now);
  }
  v.tender = std::move(ld.l.tender);
  return v;
}

StatusOr<AuctionBidResult> AuctionService::Bid(const Actor& actor, std::int64_t tender_id,
                                               std::int64_t price_rupiah) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kJoinTenders));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(Loaded ld, Load(*tx, actor, tender_id));
  // Every check below sees the bids and the time as they stand once no
  // other bid on this tender is in flight.
  SPSE_RETURN_IF_ERROR(tx->auction().LockTender(tender_id));
  const Micros now = clock_.Now();
  SPSE_RETURN_IF_ERROR(domain::CheckAuctionOpen(ld.l.tender, *ld.l.procedure, now));
  SPSE_ASSIGN_OR_RETURN(auto joined, tx->participation().Find(tender_id, actor.who.user_id));
  SPSE_RETURN_IF_ERROR(domain::CheckBidder(ld.invited, joined.has_value()));
  SPSE_RETURN_IF_ERROR(CheckInForce(*tx, actor.who.user_id, now));
  SPSE_ASSIGN_OR_RETURN(Money hps, domain::HpsTotal(ld.l.package.hps));
  SPSE_ASSIGN_OR_RETURN(auto bids, tx->auction().BidsOf(tender_id));
  std::optional<std::int64_t> previous;
  for (const AuctionBid& b : bids) {
    if (b.vendor_id != actor.who.user_id) continue;
    previous = previous ? std::min(*previous, b.price_rupiah) : b.price_rupiah;
  }
  SPSE_RETURN_IF_ERROR(domain::CheckAuctionPrice(price_rupiah, hps, previous,
                                                 ld.l.procedure->auction_min_decrement_permille));
  AuctionBid b;
  b.tender_id = tender_id;
  b.vendor_id = actor.who.user_id;
  b.price_rupiah = price_rupiah;
  b.at = now;
  SPSE_ASSIGN_OR_RETURN(b.id, tx->auction().InsertBid(b));
  SPSE_ASSIGN_OR_RETURN(auto company, tx->vendors().FindByUser(actor.who.user_id));
  b.company_name = company ? company->company_name : actor.who.username;
  bids.push_back(b);
  const auto ranking = domain::RankAuction(bids);
  AuctionBidResult r;
  r.bid_id = b.id;
  r.price_rupiah = price_rupiah;
  for (const auto& s : ranking) {
    if (s.vendor_id == actor.who.user_id) r.rank = s.rank;
  }
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "auction.bid", "tender",
                                  std::to_string(tender_id),
                                  ld.l.tender.code + ": penawaran harga #" + std::to_string(b.id) +
                                      " " + Rupiah(price_rupiah) + ", peringkat " +
                                      std::to_string(r.rank)));
  SPSE_RETURN_IF_ERROR(tx->Commit());
  Publish(ld.l.tender, *ld.l.procedure, bids);
  return r;
}

StatusOr<AuctionStreamAccess> AuctionService::OpenStream(const Actor& actor,
                                                         std::int64_t tender_id) {
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(Loaded ld, Load(*tx, actor, tender_id));
  AuctionStreamAccess a;
  a.tender_id = tender_id;
  if (!ld.l.runs && !ld.auditor) a.viewer = actor.who.user_id;
  SPSE_ASSIGN_OR_RETURN(auto bids, tx->auction().BidsOf(tender_id));
  Publish(ld.l.tender, *ld.l.procedure, bids);
  return a;
}

StatusOr<std::int64_t> AuctionService::Decide(const Actor& actor, std::int64_t tender_id) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kRunSelections));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(Loaded ld, Load(*tx, actor, tender_id));
  if (!ld.l.runs) return NotFound("tender.not_found");
  if (ld.chair_id != actor.who.user_id) return PermissionDenied("evaluation.chair_only");
  SPSE_RETURN_IF_ERROR(tx->auction().LockTender(tender_id));
  const domain::ProcedureSpec& proc = *ld.l.procedure;
  const Micros now = clock_.Now();
  const auto period = domain::AuctionPeriod(ld.l.tender, proc);
  if (period && now < period->end) return FailedPrecondition("auction.not_closed");
  SPSE_RETURN_IF_ERROR(domain::CheckStageWindow(ld.l.tender, proc, "penetapan", now));
  SPSE_ASSIGN_OR_RETURN(auto decisions, tx->evaluation().DecisionsOf(tender_id));
  for (const auto& d : decisions) {
    if (!d.revoked_at) return FailedPrecondition("evaluation.decided");
  }
  SPSE_ASSIGN_OR_RETURN(Money hps, domain::HpsTotal(ld.l.package.hps));
  SPSE_ASSIGN_OR_RETURN(auto bids, tx->auction().BidsOf(tender_id));
  const std::vector<AuctionStanding> ranking = domain::RankAuction(bids);
  SPSE_ASSIGN_OR_RETURN(auto participants, tx->participation().Participants(tender_id));

  AwardDecision d;
  d.tender_id = tender_id;
  d.decided_by = actor.who.user_id;
  d.decided_at = now;
  d.minutes_number = "BA-HP/" + ld.l.tender.code + "/" + std::to_string(decisions.size() + 1);
  std::string winner_name;
  for (size_t i = 0; i < ranking.size(); ++i) {
    const AuctionStanding& s = ranking[i];
    domain::BidderResult r;
    r.vendor_id = s.vendor_id;
    r.company_name = s.company_name;
    r.administration = StageOutcome::kNotEvaluated;
    r.technical = StageOutcome::kNotEvaluated;
    r.price = StageOutcome::kPassed;
    r.stated_price_rupiah = s.price_rupiah;
    r.corrected_price_rupiah = s.price_rupiah;
    r.evaluated_price_rupiah = s.price_rupiah;
    r.rank = s.rank;
    if (i > 0 && ranking[i - 1].price_rupiah == s.price_rupiah) {
      r.tie_break = std::string(domain::TieBreakWord(domain::TieBreak::kEarlierSubmission));
    }
    r.winner = s.rank == 1;
    if (r.winner) {
      d.winner_vendor_id = s.vendor_id;
      d.price_rupiah = s.price_rupiah;
      winner_name = s.company_name;
    }
    d.results.push_back(std::move(r));
  }
  // Participants that sent no price: listed after the ranked ones.
  for (const auto& p : participants) {
    const bool ranked = std::any_of(ranking.begin(), ranking.end(),
                                    [&](const auto& s) { return s.vendor_id == p.vendor_user_id; });
    if (ranked) continue;
    domain::BidderResult r;
    r.vendor_id = p.vendor_user_id;
    r.company_name = p.company_name;
    r.administration = StageOutcome::kNotEvaluated;
    r.technical = StageOutcome::kNotEvaluated;
    r.price = StageOutcome::kNotEvaluated;
    r.fail_reason = "harga: evaluation.no_auction_bid";
    d.results.push_back(std::move(r));
  }
  if (!d.winner_vendor_id) d.failure = "evaluation.no_bids";

  // The Berita Acara Hasil Pemilihan (Lelang Terbalik).
  PrintedDocument doc;
  doc.issuer = config_.lpse_name;
  doc.title = "BERITA ACARA HASIL PEMILIHAN (LELANG TERBALIK)";
  doc.subtitle = "Nomor: " + d.minutes_number;
  doc.sections.push_back(PrintedSection{
      "A. Paket",
      {{"Kode tender", ld.l.tender.code},
       {"Nama paket", ld.l.package.name},
       {"Metode", domain::MethodText(proc, ld.l.tender.evaluation)},
       {"Nilai HPS", hps.Format()},
       {"Penawaran harga",
        period ? FormatDateTime(period->start, config_.zone, Lang::kId) + " s.d. " +
                     FormatDateTime(period->end, config_.zone, Lang::kId)
               : "-"},
       {"Jumlah peserta", std::to_string(participants.size())},
       {"Jumlah penawaran harga", std::to_string(bids.size())},
       {"Tanggal penetapan", FormatDateTime(now, config_.zone, Lang::kId)}},
      {}});
  PrintedSection list;
  list.heading = "B. Peringkat Penawaran Harga";
  for (const AuctionStanding& s : ranking) {
    list.rows.push_back({std::to_string(s.rank) + ". " + s.company_name,
                         Rupiah(s.price_rupiah) + " (" + std::to_string(s.bids) +
                             " kali penawaran, terakhir " +
                             FormatDateTime(s.at, config_.zone, Lang::kId) + ")"});
  }
  for (const auto& r : d.results) {
    if (r.rank == 0) list.rows.push_back({"- " + r.company_name, "tidak menyampaikan penawaran harga"});
  }
  if (list.rows.empty()) list.paragraphs.push_back("Tidak ada peserta.");
  doc.sections.push_back(std::move(list));
  if (d.winner_vendor_id) {
    doc.sections.push_back(PrintedSection{
        "C. Penetapan",
        {{"Pemenang", winner_name}, {"Harga", Rupiah(d.price_rupiah)}},
        {"Pokja Pemilihan menetapkan penawar dengan harga terendah pada penawaran harga secara "
         "elektronik (e-reverse auction) sebagai pemenang. Tender Cepat tidak melalui evaluasi "
         "administrasi, teknis dan kualifikasi, dan tidak ada masa sanggah."}});
  } else {
    doc.sections.push_back(PrintedSection{
        "C. Penetapan", {}, {"Pemilihan dinyatakan GAGAL: tidak ada penawaran harga yang masuk."}});
  }
  if (ld.l.package.pokja_group_id) {
    SPSE_ASSIGN_OR_RETURN(auto group, tx->pokja().FindById(*ld.l.package.pokja_group_id));
    if (group) {
      std::vector<std::int64_t> ids{group->chair_id};
      for (auto id : group->member_ids) {
        if (id != group->chair_id) ids.push_back(id);
      }
      for (auto id : ids) {
        SPSE_ASSIGN_OR_RETURN(auto u, tx->users().FindById(id));
        doc.signatures.push_back(PrintedSignature{
            id == group->chair_id ? "Ketua Pokja Pemilihan" : "Anggota Pokja Pemilihan",
            u ? u->full_name : std::to_string(id), ""});
      }
    }
  }
  SPSE_ASSIGN_OR_RETURN(BlobInfo blob, StorePrinted(printer_, blobs_, doc));
  d.minutes_sha256 = blob.sha256;
  d.minutes_size = blob.size;
  SPSE_ASSIGN_OR_RETURN(d.id, tx->evaluation().InsertDecision(d));
  // Tender Cepat decides and announces in one stage, and has no sanggah.
  SPSE_RETURN_IF_ERROR(tx->evaluation().Announce(d.id, now, actor.who.user_id));
  const std::string result =
      d.winner_vendor_id ? "pemenang " + winner_name + " " + Rupiah(d.price_rupiah)
                         : "gagal, tidak ada penawaran harga";
  SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "auction.decided", "tender",
                                  std::to_string(tender_id),
                                  ld.l.tender.code + ": " + result + "; " + d.minutes_number +
                                      " (sha256 " + d.minutes_sha256 + "), diumumkan"));
  if (!d.winner_vendor_id) {
    SPSE_ASSIGN_OR_RETURN(ld.l.tender.status, domain::NextTenderStatus(
                                                  ld.l.tender.status, domain::TenderEvent::kFail));
    ld.l.tender.end_reason = "Lelang terbalik: tidak ada penawaran harga";
    SPSE_RETURN_IF_ERROR(tx->tenders().Update(ld.l.tender));
    SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "tender.fail", "tender",
                                    std::to_string(tender_id),
                                    ld.l.tender.code + " gagal: " + ld.l.tender.end_reason));
  }
  const std::string price = Rupiah(d.price_rupiah);
  SPSE_RETURN_IF_ERROR(NotifyParticipants(
      *tx, composer_, clock_, ld.l.tender, ld.l.package.name, "evaluation_announced",
      {{"result", d.winner_vendor_id ? "Pemenang: " + winner_name + ", harga " + price
                                     : "Tender dinyatakan gagal: tidak ada penawaran harga"},
       {"result_en", d.winner_vendor_id ? "Winner: " + winner_name + ", price " + price
                                        : "The selection failed: no price was bid"},
       {"link", config_.base_url + "/tender/" + std::to_string(tender_id) + "/hasil"}}));
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return d.id;
}

}  // namespace spse::app
