// Judgements, the qualification proof and award decisions, over SOCI. Every
// table is append-only (migration 0021's triggers): nothing here updates.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/evaluation.h"
#include "storage/soci_repos.h"

namespace spse::storage {
namespace {

using domain::AwardDecision;
using domain::BidderResult;
using domain::Judgement;
using domain::ProofInvitation;
using domain::ProofResult;
using domain::StageOutcome;

// The stored word of a stage outcome (the same words as
// domain::StageOutcomeWord; kept here so the schema does not move with it).
std::string OutcomeText(StageOutcome s) {
  switch (s) {
    case StageOutcome::kPending:
      return "menunggu";
    case StageOutcome::kPassed:
      return "lulus";
    case StageOutcome::kFailed:
      return "gugur";
    case StageOutcome::kNotEvaluated:
      return "tidak_dievaluasi";
  }
  return "menunggu";
}

StageOutcome OutcomeOf(const std::string& word) {
  if (word == "lulus") return StageOutcome::kPassed;
  if (word == "gugur") return StageOutcome::kFailed;
  if (word == "tidak_dievaluasi") return StageOutcome::kNotEvaluated;
  return StageOutcome::kPending;
}

// A nullable BIGINT to bind: the value (0 when absent) and its indicator.
struct NullableInt {
  explicit NullableInt(const std::optional<std::int64_t>& v)
      : value(v.value_or(0)), ind(v ? soci::i_ok : soci::i_null) {}
  long long value;
  soci::indicator ind;
};

std::optional<std::int64_t> Maybe(long long v, soci::indicator ind) {
  if (ind != soci::i_ok) return std::nullopt;
  return static_cast<std::int64_t>(v);
}

class SociEvaluation final : public app::EvaluationRepo {
 public:
  explicit SociEvaluation(soci::session& sql) : sql_(sql) {}

  StatusOr<std::int64_t> InsertJudgement(const Judgement& j) override {
    return Guard("evaluation.insert_judgement", [&]() -> StatusOr<std::int64_t> {
      long long id = 0, tender = j.tender_id, vendor = j.vendor_id, member = j.member_id,
                amount = j.amount_rupiah, by = j.recorded_by, at = j.at;
      int pass = j.pass ? 1 : 0, score = j.score;
      sql_ << "INSERT INTO evaluation_judgements (tender_id, vendor_id, criterion, member_id, "
              "pass, score, amount_rupiah, reason, recorded_by, at) VALUES (:t, :v, :c, :m, :p, "
              ":s, :a, :r, :by, :at) RETURNING id",
          soci::use(tender, "t"), soci::use(vendor, "v"), soci::use(j.criterion, "c"),
          soci::use(member, "m"), soci::use(pass, "p"), soci::use(score, "s"),
          soci::use(amount, "a"), soci::use(j.reason, "r"), soci::use(by, "by"),
          soci::use(at, "at"), soci::into(id);
      return static_cast<std::int64_t>(id);
    });
  }

  StatusOr<std::vector<Judgement>> JudgementsOf(std::int64_t tender_id) override {
    return Guard("evaluation.judgements", [&]() -> StatusOr<std::vector<Judgement>> {
      std::vector<Judgement> out;
      Judgement j;
      long long tender = tender_id, id = 0, vendor = 0, member = 0, amount = 0, by = 0, at = 0;
      int pass = 0, score = 0;
      soci::statement st =
          (sql_.prepare << "SELECT id, vendor_id, criterion, member_id, pass, score, "
                           "amount_rupiah, reason, recorded_by, at FROM evaluation_judgements "
                           "WHERE tender_id = :t ORDER BY id",
           soci::use(tender, "t"), soci::into(id), soci::into(vendor), soci::into(j.criterion),
           soci::into(member), soci::into(pass), soci::into(score), soci::into(amount),
           soci::into(j.reason), soci::into(by), soci::into(at));
      st.execute();
      while (st.fetch()) {
        Judgement row = j;
        row.id = id;
        row.tender_id = tender_id;
        row.vendor_id = vendor;
        row.member_id = member;
        row.pass = pass != 0;
        row.score = score;
        row.amount_rupiah = amount;
        row.recorded_by = by;
        row.at = at;
        out.push_back(std::move(row));
      }
      return out;
    });
  }

  StatusOr<std::int64_t> InsertProofInvitation(const ProofInvitation& inv) override {
    return Guard("evaluation.insert_proof_invitation", [&]() -> StatusOr<std::int64_t> {
      long long id = 0, tender = inv.tender_id, vendor = inv.vendor_id, at = inv.at,
                by = inv.invited_by, invited = inv.invited_at;
      sql_ << "INSERT INTO proof_invitations (tender_id, vendor_id, at, place, notes, invited_by, "
              "invited_at) VALUES (:t, :v, :at, :p, :n, :by, :ia) RETURNING id",
          soci::use(tender, "t"), soci::use(vendor, "v"), soci::use(at, "at"),
          soci::use(inv.place, "p"), soci::use(inv.notes, "n"), soci::use(by, "by"),
          soci::use(invited, "ia"), soci::into(id);
      return static_cast<std::int64_t>(id);
    });
  }

  StatusOr<std::vector<ProofInvitation>> ProofInvitationsOf(std::int64_t tender_id) override {
    return Guard("evaluation.proof_invitations", [&]() -> StatusOr<std::vector<ProofInvitation>> {
      std::vector<ProofInvitation> out;
      ProofInvitation inv;
      long long tender = tender_id, id = 0, vendor = 0, at = 0, by = 0, invited = 0;
      soci::statement st =
          (sql_.prepare << "SELECT id, vendor_id, at, place, notes, invited_by, invited_at "
                           "FROM proof_invitations WHERE tender_id = :t ORDER BY id",
           soci::use(tender, "t"), soci::into(id), soci::into(vendor), soci::into(at),
           soci::into(inv.place), soci::into(inv.notes), soci::into(by), soci::into(invited));
      st.execute();
      while (st.fetch()) {
        ProofInvitation row = inv;
        row.id = id;
        row.tender_id = tender_id;
        row.vendor_id = vendor;
        row.at = at;
        row.invited_by = by;
        row.invited_at = invited;
        out.push_back(std::move(row));
      }
      return out;
    });
  }

  StatusOr<std::int64_t> InsertProofResult(const ProofResult& r) override {
    return Guard("evaluation.insert_proof_result", [&]() -> StatusOr<std::int64_t> {
      long long id = 0, tender = r.tender_id, vendor = r.vendor_id, by = r.recorded_by, at = r.at;
      int passed = r.passed ? 1 : 0;
      sql_ << "INSERT INTO proof_results (tender_id, vendor_id, passed, reason, recorded_by, at) "
              "VALUES (:t, :v, :p, :r, :by, :at) RETURNING id",
          soci::use(tender, "t"), soci::use(vendor, "v"), soci::use(passed, "p"),
          soci::use(r.reason, "r"), soci::use(by, "by"), soci::use(at, "at"), soci::into(id);
      return static_cast<std::int64_t>(id);
    });
  }

  StatusOr<std::vector<ProofResult>> ProofResultsOf(std::int64_t tender_id) override {
    return Guard("evaluation.proof_results", [&]() -> StatusOr<std::vector<ProofResult>> {
      std::vector<ProofResult> out;
      ProofResult r;
      long long tender = tender_id, id = 0, vendor = 0, by = 0, at = 0;
      int passed = 0;
      soci::statement st =
          (sql_.prepare << "SELECT id, vendor_id, passed, reason, recorded_by, at "
                           "FROM proof_results WHERE tender_id = :t ORDER BY id",
           soci::use(tender, "t"), soci::into(id), soci::into(vendor), soci::into(passed),
           soci::into(r.reason), soci::into(by), soci::into(at));
      st.execute();
      while (st.fetch()) {
        ProofResult row = r;
        row.id = id;
        row.tender_id = tender_id;
        row.vendor_id = vendor;
        row.passed = passed != 0;
        row.recorded_by = by;
        row.at = at;
        out.push_back(std::move(row));
      }
      return out;
    });
  }

  StatusOr<std::int64_t> InsertNegotiation(const domain::Negotiation& n) override {
    return Guard("evaluation.insert_negotiation", [&]() -> StatusOr<std::int64_t> {
      long long id = 0, tender = n.tender_id, vendor = n.vendor_id, offered = n.offered_rupiah,
                agreed = n.agreed_rupiah, by = n.recorded_by, at = n.at,
                size = static_cast<long long>(n.minutes_size);
      sql_ << "INSERT INTO negotiations (tender_id, vendor_id, offered_rupiah, agreed_rupiah, "
              "notes, recorded_by, at, minutes_number, minutes_sha256, minutes_size) VALUES "
              "(:t, :v, :o, :a, :n, :by, :at, :mn, :ms, :sz) RETURNING id",
          soci::use(tender, "t"), soci::use(vendor, "v"), soci::use(offered, "o"),
          soci::use(agreed, "a"), soci::use(n.notes, "n"), soci::use(by, "by"),
          soci::use(at, "at"), soci::use(n.minutes_number, "mn"),
          soci::use(n.minutes_sha256, "ms"), soci::use(size, "sz"), soci::into(id);
      return static_cast<std::int64_t>(id);
    });
  }

  StatusOr<std::vector<domain::Negotiation>> NegotiationsOf(std::int64_t tender_id) override {
    return Guard("evaluation.negotiations", [&]() -> StatusOr<std::vector<domain::Negotiation>> {
      std::vector<domain::Negotiation> out;
      domain::Negotiation n;
      long long tender = tender_id, id = 0, vendor = 0, offered = 0, agreed = 0, by = 0, at = 0,
                size = 0;
      soci::statement st =
          (sql_.prepare << "SELECT id, vendor_id, offered_rupiah, agreed_rupiah, notes, "
                           "recorded_by, at, minutes_number, minutes_sha256, minutes_size "
                           "FROM negotiations WHERE tender_id = :t ORDER BY id",
           soci::use(tender, "t"), soci::into(id), soci::into(vendor), soci::into(offered),
           soci::into(agreed), soci::into(n.notes), soci::into(by), soci::into(at),
           soci::into(n.minutes_number), soci::into(n.minutes_sha256), soci::into(size));
      st.execute();
      while (st.fetch()) {
        domain::Negotiation row = n;
        row.id = id;
        row.tender_id = tender_id;
        row.vendor_id = vendor;
        row.offered_rupiah = offered;
        row.agreed_rupiah = agreed;
        row.recorded_by = by;
        row.at = at;
        row.minutes_size = static_cast<std::uint64_t>(size);
        out.push_back(std::move(row));
      }
      return out;
    });
  }

  StatusOr<std::int64_t> InsertDecision(const AwardDecision& d) override {
    return Guard("evaluation.insert_decision", [&]() -> StatusOr<std::int64_t> {
      long long id = 0, tender = d.tender_id, price = d.price_rupiah, by = d.decided_by,
                at = d.decided_at, size = static_cast<long long>(d.minutes_size);
      NullableInt winner(d.winner_vendor_id);
      sql_ << "INSERT INTO award_decisions (tender_id, winner_vendor_id, price_rupiah, failure, "
              "decided_by, decided_at, minutes_number, minutes_sha256, minutes_size) VALUES "
              "(:t, :w, :p, :f, :by, :at, :mn, :ms, :sz) RETURNING id",
          soci::use(tender, "t"), soci::use(winner.value, winner.ind, "w"),
          soci::use(price, "p"), soci::use(d.failure, "f"), soci::use(by, "by"),
          soci::use(at, "at"), soci::use(d.minutes_number, "mn"),
          soci::use(d.minutes_sha256, "ms"), soci::use(size, "sz"), soci::into(id);
      int position = 0;
      for (const BidderResult& r : d.results) {
        long long vendor = r.vendor_id;
        const std::string administration = OutcomeText(r.administration),
                          technical = OutcomeText(r.technical), price_stage = OutcomeText(r.price),
                          qualification = OutcomeText(r.qualification),
                          proof = OutcomeText(r.proof);
        NullableInt stated(r.stated_price_rupiah), corrected(r.corrected_price_rupiah),
            evaluated(r.evaluated_price_rupiah), technical_score(r.technical_score),
            price_score(r.price_score), total_score(r.total_score);
        int below = r.below_80_percent_hps ? 1 : 0, rank = r.rank, winner_flag = r.winner ? 1 : 0,
            reserve = r.reserve;
        sql_ << "INSERT INTO award_results (decision_id, position, vendor_id, company_name, "
                "administration, technical, price, qualification, proof, fail_reason, "
                "stated_price_rupiah, corrected_price_rupiah, evaluated_price_rupiah, "
                "technical_score, price_score, total_score, below_80_percent_hps, rank, "
                "tie_break, winner, reserve) VALUES (:d, :pos, :v, :cn, :ad, :te, :pr, :qu, :pf, "
                ":fr, :sp, :cp, :ep, :ts, :ps, :tt, :b8, :rk, :tb, :wn, :rs)",
            soci::use(id, "d"), soci::use(position, "pos"), soci::use(vendor, "v"),
            soci::use(r.company_name, "cn"), soci::use(administration, "ad"),
            soci::use(technical, "te"), soci::use(price_stage, "pr"),
            soci::use(qualification, "qu"), soci::use(proof, "pf"),
            soci::use(r.fail_reason, "fr"), soci::use(stated.value, stated.ind, "sp"),
            soci::use(corrected.value, corrected.ind, "cp"),
            soci::use(evaluated.value, evaluated.ind, "ep"),
            soci::use(technical_score.value, technical_score.ind, "ts"),
            soci::use(price_score.value, price_score.ind, "ps"),
            soci::use(total_score.value, total_score.ind, "tt"), soci::use(below, "b8"),
            soci::use(rank, "rk"), soci::use(r.tie_break, "tb"), soci::use(winner_flag, "wn"),
            soci::use(reserve, "rs");
        ++position;
      }
      return static_cast<std::int64_t>(id);
    });
  }

  StatusOr<std::vector<AwardDecision>> DecisionsOf(std::int64_t tender_id) override {
    return Guard("evaluation.decisions", [&]() -> StatusOr<std::vector<AwardDecision>> {
      std::vector<AwardDecision> out;
      {
        AwardDecision d;
        long long tender = tender_id, id = 0, winner = 0, price = 0, by = 0, at = 0, size = 0,
                  announced_at = 0, announced_by = 0, revoked_at = 0, revoked_by = 0;
        std::string revoked_reason;
        soci::indicator winner_ind = soci::i_null, announced_at_ind = soci::i_null,
                        announced_by_ind = soci::i_null, revoked_at_ind = soci::i_null,
                        revoked_by_ind = soci::i_null, reason_ind = soci::i_null;
        soci::statement st =
            (sql_.prepare << "SELECT d.id, d.winner_vendor_id, d.price_rupiah, d.failure, "
                             "d.decided_by, d.decided_at, d.minutes_number, d.minutes_sha256, "
                             "d.minutes_size, a.announced_at, a.announced_by, r.revoked_at, "
                             "r.revoked_by, r.reason FROM award_decisions d "
                             "LEFT JOIN award_announcements a ON a.decision_id = d.id "
                             "LEFT JOIN award_revocations r ON r.decision_id = d.id "
                             "WHERE d.tender_id = :t ORDER BY d.id",
             soci::use(tender, "t"), soci::into(id), soci::into(winner, winner_ind),
             soci::into(price), soci::into(d.failure), soci::into(by), soci::into(at),
             soci::into(d.minutes_number), soci::into(d.minutes_sha256), soci::into(size),
             soci::into(announced_at, announced_at_ind), soci::into(announced_by, announced_by_ind),
             soci::into(revoked_at, revoked_at_ind), soci::into(revoked_by, revoked_by_ind),
             soci::into(revoked_reason, reason_ind));
        st.execute();
        while (st.fetch()) {
          AwardDecision row = d;
          row.id = id;
          row.tender_id = tender_id;
          row.winner_vendor_id = Maybe(winner, winner_ind);
          row.price_rupiah = price;
          row.decided_by = by;
          row.decided_at = at;
          row.minutes_size = static_cast<std::uint64_t>(size);
          row.announced_at = Maybe(announced_at, announced_at_ind);
          row.announced_by = announced_by_ind == soci::i_ok ? announced_by : 0;
          row.revoked_at = Maybe(revoked_at, revoked_at_ind);
          row.revoked_by = revoked_by_ind == soci::i_ok ? revoked_by : 0;
          row.revoked_reason = reason_ind == soci::i_ok ? revoked_reason : "";
          out.push_back(std::move(row));
        }
      }
      for (AwardDecision& d : out) d.results = ResultsOf(d.id);
      return out;
    });
  }

  Status Announce(std::int64_t decision_id, Micros at, std::int64_t by) override {
    return Guard("evaluation.announce", [&]() -> Status {
      long long decision = decision_id, when = at, who = by;
      soci::statement st =
          (sql_.prepare << "INSERT INTO award_announcements (decision_id, announced_at, "
                           "announced_by) VALUES (:d, :at, :by) "
                           "ON CONFLICT (decision_id) DO NOTHING",
           soci::use(decision, "d"), soci::use(when, "at"), soci::use(who, "by"));
      st.execute(true);
      if (st.get_affected_rows() == 0) return AlreadyExists("evaluation.already_announced");
      return OkStatus();
    });
  }

  Status Revoke(std::int64_t decision_id, Micros at, std::int64_t by,
                std::string_view reason) override {
    return Guard("evaluation.revoke", [&]() -> Status {
      long long decision = decision_id, when = at, who = by;
      const std::string why(reason);
      soci::statement st =
          (sql_.prepare << "INSERT INTO award_revocations (decision_id, revoked_at, revoked_by, "
                           "reason) VALUES (:d, :at, :by, :r) "
                           "ON CONFLICT (decision_id) DO NOTHING",
           soci::use(decision, "d"), soci::use(when, "at"), soci::use(who, "by"),
           soci::use(why, "r"));
      st.execute(true);
      if (st.get_affected_rows() == 0) return AlreadyExists("evaluation.already_revoked");
      return OkStatus();
    });
  }

 private:
  // The decision's results, in their stored order.
  std::vector<BidderResult> ResultsOf(std::int64_t decision_id) {
    std::vector<BidderResult> out;
    BidderResult r;
    long long decision = decision_id, vendor = 0, stated = 0, corrected = 0, evaluated = 0,
              technical_score = 0, price_score = 0, total_score = 0;
    soci::indicator stated_ind = soci::i_null, corrected_ind = soci::i_null,
                    evaluated_ind = soci::i_null, technical_score_ind = soci::i_null,
                    price_score_ind = soci::i_null, total_score_ind = soci::i_null;
    std::string administration, technical, price, qualification, proof;
    int below = 0, rank = 0, winner = 0, reserve = 0;
    soci::statement st =
        (sql_.prepare << "SELECT vendor_id, company_name, administration, technical, price, "
                         "qualification, proof, fail_reason, stated_price_rupiah, "
                         "corrected_price_rupiah, evaluated_price_rupiah, technical_score, "
                         "price_score, total_score, below_80_percent_hps, rank, tie_break, "
                         "winner, reserve FROM award_results WHERE decision_id = :d "
                         "ORDER BY position",
         soci::use(decision, "d"), soci::into(vendor), soci::into(r.company_name),
         soci::into(administration), soci::into(technical), soci::into(price),
         soci::into(qualification), soci::into(proof), soci::into(r.fail_reason),
         soci::into(stated, stated_ind), soci::into(corrected, corrected_ind),
         soci::into(evaluated, evaluated_ind), soci::into(technical_score, technical_score_ind),
         soci::into(price_score, price_score_ind), soci::into(total_score, total_score_ind),
         soci::into(below), soci::into(rank), soci::into(r.tie_break), soci::into(winner),
         soci::into(reserve));
    st.execute();
    while (st.fetch()) {
      BidderResult row = r;
      row.vendor_id = vendor;
      row.administration = OutcomeOf(administration);
      row.technical = OutcomeOf(technical);
      row.price = OutcomeOf(price);
      row.qualification = OutcomeOf(qualification);
      row.proof = OutcomeOf(proof);
      row.stated_price_rupiah = Maybe(stated, stated_ind);
      row.corrected_price_rupiah = Maybe(corrected, corrected_ind);
      row.evaluated_price_rupiah = Maybe(evaluated, evaluated_ind);
      row.technical_score = Maybe(technical_score, technical_score_ind);
      row.price_score = Maybe(price_score, price_score_ind);
      row.total_score = Maybe(total_score, total_score_ind);
      row.below_80_percent_hps = below != 0;
      row.rank = rank;
      row.winner = winner != 0;
      row.reserve = reserve;
      out.push_back(std::move(row));
    }
    return out;
  }

  soci::session& sql_;
};

}  // namespace

std::unique_ptr<app::EvaluationRepo> NewEvaluationRepo(soci::session& sql) {
  return std::make_unique<SociEvaluation>(sql);
}

}  // namespace spse::storage
