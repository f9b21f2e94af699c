// EvaluationRepo through Store/Tx on both databases: judgements, proof
// invitations and proof results round-trip every field in id order, per
// tender; award decisions keep their frozen results in order (absent prices
// and scores stay absent, distinct from 0), are listed oldest first, and are
// announced and revoked once each. Migration 0021's triggers make every
// table append-only in the database itself.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <memory>
#include <string>
#include <vector>

#include "domain/evaluation.h"
#include "storage/conformance/builders.h"
#include "storage/conformance/raw_session.h"
#include "storage/conformance/test_database.h"
#include "storage/database.h"
#include "storage/dialect.h"
#include "testing/status_matchers.h"

namespace spse::storage::conformance {
namespace {

using domain::AwardDecision;
using domain::BidderResult;
using domain::Judgement;
using domain::ProofInvitation;
using domain::ProofResult;
using domain::StageOutcome;
using ::testing::HasSubstr;

struct World {
  std::int64_t tender = 0, chair = 0, member = 0, vendor_a = 0, vendor_b = 0;
};

World NewWorld() {
  auto w = InWriteTx([&](app::Tx& tx) -> StatusOr<World> {
    World out;
    SPSE_ASSIGN_OR_RETURN(std::int64_t package, InsertTenderPackage(tx, "barang"));
    domain::Tender t;
    t.package_id = package;
    t.procedure_code = "tender-pasca-satu-file";
    t.evaluation = "harga_terendah_gugur";
    t.status = domain::TenderStatus::kRunning;
    t.created_by = 1;
    t.created_at = UniqueEpoch();
    t.schedule = {{"pengumuman", t.created_at, t.created_at + kMicrosPerDay}};
    t.changes = {0};
    SPSE_ASSIGN_OR_RETURN(out.tender, tx.tenders().Insert(t));
    SPSE_ASSIGN_OR_RETURN(out.chair, tx.users().Insert(UserBuilder().Roles({domain::Role::kPokja}).Build()));
    SPSE_ASSIGN_OR_RETURN(out.member, tx.users().Insert(UserBuilder().Roles({domain::Role::kPokja}).Build()));
    SPSE_ASSIGN_OR_RETURN(out.vendor_a, tx.users().Insert(UserBuilder().Roles({domain::Role::kPenyedia}).Build()));
    SPSE_ASSIGN_OR_RETURN(out.vendor_b, tx.users().Insert(UserBuilder().Roles({domain::Role::kPenyedia}).Build()));
    return out;
  });
  EXPECT_TRUE(w.ok()) << w.status().ToString();
  return w.ok() ? *w : World{};
}

Judgement AJudgement(const World& w, std::int64_t member, const std::string& criterion) {
  Judgement j;
  j.tender_id = w.tender;
  j.vendor_id = w.vendor_a;
  j.criterion = criterion;
  j.member_id = member;
  j.pass = true;
  j.recorded_by = w.chair;
  j.at = 1'700'000'000'000'000;
  return j;
}

// A result with every field set away from its default.
BidderResult AFullResult(std::int64_t vendor) {
  BidderResult r;
  r.vendor_id = vendor;
  r.company_name = "CV Maju Jaya — Cabang Sumenep";
  r.administration = StageOutcome::kPassed;
  r.technical = StageOutcome::kFailed;
  r.price = StageOutcome::kPending;
  r.qualification = StageOutcome::kNotEvaluated;
  r.proof = StageOutcome::kPassed;
  r.fail_reason = "teknis: metode pelaksanaan tidak memadai; harga: evaluation.above_hps";
  r.stated_price_rupiah = 9'000'000'000'123;  // past 32 bits
  r.corrected_price_rupiah = 8'999'999'999'999;
  r.evaluated_price_rupiah = 9'100'000'000'000;
  r.technical_score = 8750;
  r.price_score = 10000;
  r.total_score = 9125;
  r.below_80_percent_hps = true;
  r.rank = 2;
  r.tie_break = "skor_teknis";
  r.winner = true;
  r.reserve = 1;
  return r;
}

TEST(Evaluation, JudgementsRoundTripInIdOrderPerTender) {
  World w = NewWorld();
  World other = NewWorld();
  Judgement agreed = AJudgement(w, 0, "administrasi.surat_penawaran");
  agreed.pass = false;
  agreed.reason = "Surat penawaran tidak ditandatangani — direktur “utama”";
  agreed.amount_rupiah = -1'000'000'000'000'000;  // amounts may be negative
  Judgement scored = AJudgement(w, w.member, "teknis.metode");
  scored.vendor_id = w.vendor_b;
  scored.score = 87;
  scored.amount_rupiah = 0;
  scored.reason = "";
  scored.at = agreed.at + 5;
  Judgement elsewhere = AJudgement(other, 0, "administrasi.surat_penawaran");
  std::int64_t first = 0, second = 0;
  ASSERT_OK(InWriteTx([&](app::Tx& tx) -> Status {
    SPSE_ASSIGN_OR_RETURN(first, tx.evaluation().InsertJudgement(agreed));
    SPSE_RETURN_IF_ERROR(tx.evaluation().InsertJudgement(elsewhere).status());
    SPSE_ASSIGN_OR_RETURN(second, tx.evaluation().InsertJudgement(scored));
    return OkStatus();
  }));
  EXPECT_LT(first, second);
  ASSERT_OK_AND_ASSIGN(const std::vector<Judgement> all,
                       InReadTx([&](app::Tx& tx) { return tx.evaluation().JudgementsOf(w.tender); }));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, first);
  EXPECT_EQ(all[0].tender_id, w.tender);
  EXPECT_EQ(all[0].vendor_id, w.vendor_a);
  EXPECT_EQ(all[0].criterion, "administrasi.surat_penawaran");
  EXPECT_EQ(all[0].member_id, 0);
  EXPECT_FALSE(all[0].pass);
  EXPECT_EQ(all[0].score, 0);
  EXPECT_EQ(all[0].amount_rupiah, -1'000'000'000'000'000);
  EXPECT_EQ(all[0].reason, "Surat penawaran tidak ditandatangani — direktur “utama”");
  EXPECT_EQ(all[0].recorded_by, w.chair);
  EXPECT_EQ(all[0].at, 1'700'000'000'000'000);
  EXPECT_EQ(all[1].id, second);
  EXPECT_EQ(all[1].vendor_id, w.vendor_b);
  EXPECT_EQ(all[1].criterion, "teknis.metode");
  EXPECT_EQ(all[1].member_id, w.member);
  EXPECT_TRUE(all[1].pass);
  EXPECT_EQ(all[1].score, 87);
  EXPECT_EQ(all[1].amount_rupiah, 0);
  EXPECT_EQ(all[1].reason, "");
  EXPECT_EQ(all[1].at, 1'700'000'000'000'005);

  ASSERT_OK_AND_ASSIGN(const std::vector<Judgement> theirs,
                       InReadTx([&](app::Tx& tx) { return tx.evaluation().JudgementsOf(other.tender); }));
  ASSERT_EQ(theirs.size(), 1u);
  EXPECT_EQ(theirs[0].tender_id, other.tender);
  ASSERT_OK_AND_ASSIGN(const std::vector<Judgement> none,
                       InReadTx([&](app::Tx& tx) { return tx.evaluation().JudgementsOf(w.tender + 1000000); }));
  EXPECT_TRUE(none.empty());
}

TEST(Evaluation, ALaterJudgementIsANewEntryBesideTheEarlierOne) {
  World w = NewWorld();
  Judgement j = AJudgement(w, w.member, "administrasi.jaminan");
  j.pass = false;
  j.reason = "tidak ada";
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.evaluation().InsertJudgement(j); }));
  j.pass = true;
  j.reason = "";
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.evaluation().InsertJudgement(j); }));
  ASSERT_OK_AND_ASSIGN(const std::vector<Judgement> all,
                       InReadTx([&](app::Tx& tx) { return tx.evaluation().JudgementsOf(w.tender); }));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_FALSE(all[0].pass);
  EXPECT_EQ(all[0].reason, "tidak ada");
  EXPECT_TRUE(all[1].pass);
}

TEST(Evaluation, ProofInvitationsAndResultsRoundTripInIdOrderPerTender) {
  World w = NewWorld();
  World other = NewWorld();
  ProofInvitation inv;
  inv.tender_id = w.tender;
  inv.vendor_id = w.vendor_a;
  inv.at = 1'800'000'000'000'000;
  inv.place = "Ruang Rapat ULP, Jl. Soekarno-Hatta №1, Bangkalan";
  inv.notes = "Asli akta pendirian, NIB, SPT tahunan";
  inv.invited_by = w.chair;
  inv.invited_at = 1'799'000'000'000'000;
  ProofInvitation later = inv;
  later.vendor_id = w.vendor_b;
  later.notes = "";
  later.at = inv.at + 3600;
  ProofInvitation elsewhere = inv;
  elsewhere.tender_id = other.tender;
  ProofResult failed;
  failed.tender_id = w.tender;
  failed.vendor_id = w.vendor_a;
  failed.passed = false;
  failed.reason = "Dokumen asli tidak dapat ditunjukkan — “NIB”";
  failed.recorded_by = w.member;
  failed.at = 1'800'000'000'000'100;
  ProofResult passed = failed;
  passed.vendor_id = w.vendor_b;
  passed.passed = true;
  passed.reason = "";
  passed.at = failed.at + 1;
  ProofResult result_elsewhere = failed;
  result_elsewhere.tender_id = other.tender;
  std::int64_t inv1 = 0, inv2 = 0, res1 = 0, res2 = 0;
  ASSERT_OK(InWriteTx([&](app::Tx& tx) -> Status {
    SPSE_ASSIGN_OR_RETURN(inv1, tx.evaluation().InsertProofInvitation(inv));
    SPSE_RETURN_IF_ERROR(tx.evaluation().InsertProofInvitation(elsewhere).status());
    SPSE_ASSIGN_OR_RETURN(inv2, tx.evaluation().InsertProofInvitation(later));
    SPSE_ASSIGN_OR_RETURN(res1, tx.evaluation().InsertProofResult(failed));
    SPSE_RETURN_IF_ERROR(tx.evaluation().InsertProofResult(result_elsewhere).status());
    SPSE_ASSIGN_OR_RETURN(res2, tx.evaluation().InsertProofResult(passed));
    return OkStatus();
  }));

  ASSERT_OK_AND_ASSIGN(const std::vector<ProofInvitation> invitations,
                       InReadTx([&](app::Tx& tx) { return tx.evaluation().ProofInvitationsOf(w.tender); }));
  ASSERT_EQ(invitations.size(), 2u);
  EXPECT_EQ(invitations[0].id, inv1);
  EXPECT_EQ(invitations[0].tender_id, w.tender);
  EXPECT_EQ(invitations[0].vendor_id, w.vendor_a);
  EXPECT_EQ(invitations[0].at, 1'800'000'000'000'000);
  EXPECT_EQ(invitations[0].place, "Ruang Rapat ULP, Jl. Soekarno-Hatta №1, Bangkalan");
  EXPECT_EQ(invitations[0].notes, "Asli akta pendirian, NIB, SPT tahunan");
  EXPECT_EQ(invitations[0].invited_by, w.chair);
  EXPECT_EQ(invitations[0].invited_at, 1'799'000'000'000'000);
  EXPECT_EQ(invitations[1].id, inv2);
  EXPECT_EQ(invitations[1].vendor_id, w.vendor_b);
  EXPECT_EQ(invitations[1].notes, "");
  EXPECT_EQ(invitations[1].at, 1'800'000'000'003'600);

  ASSERT_OK_AND_ASSIGN(const std::vector<ProofResult> results,
                       InReadTx([&](app::Tx& tx) { return tx.evaluation().ProofResultsOf(w.tender); }));
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].id, res1);
  EXPECT_EQ(results[0].tender_id, w.tender);
  EXPECT_EQ(results[0].vendor_id, w.vendor_a);
  EXPECT_FALSE(results[0].passed);
  EXPECT_EQ(results[0].reason, "Dokumen asli tidak dapat ditunjukkan — “NIB”");
  EXPECT_EQ(results[0].recorded_by, w.member);
  EXPECT_EQ(results[0].at, 1'800'000'000'000'100);
  EXPECT_EQ(results[1].id, res2);
  EXPECT_EQ(results[1].vendor_id, w.vendor_b);
  EXPECT_TRUE(results[1].passed);
  EXPECT_EQ(results[1].reason, "");

  ASSERT_OK_AND_ASSIGN(const auto other_invitations,
                       InReadTx([&](app::Tx& tx) { return tx.evaluation().ProofInvitationsOf(other.tender); }));
  ASSERT_EQ(other_invitations.size(), 1u);
  EXPECT_EQ(other_invitations[0].tender_id, other.tender);
  ASSERT_OK_AND_ASSIGN(const auto other_results,
                       InReadTx([&](app::Tx& tx) { return tx.evaluation().ProofResultsOf(other.tender); }));
  ASSERT_EQ(other_results.size(), 1u);
  EXPECT_EQ(other_results[0].tender_id, other.tender);
  ASSERT_OK_AND_ASSIGN(const auto no_invitations, InReadTx([&](app::Tx& tx) {
                         return tx.evaluation().ProofInvitationsOf(w.tender + 1000000);
                       }));
  EXPECT_TRUE(no_invitations.empty());
  ASSERT_OK_AND_ASSIGN(const auto no_results, InReadTx([&](app::Tx& tx) {
                         return tx.evaluation().ProofResultsOf(w.tender + 1000000);
                       }));
  EXPECT_TRUE(no_results.empty());
}

TEST(Evaluation, ADecisionKeepsItsResultsInOrderWithEveryField) {
  World w = NewWorld();
  AwardDecision d;
  d.tender_id = w.tender;
  d.winner_vendor_id = w.vendor_b;
  d.price_rupiah = 8'999'999'999'999;
  d.decided_by = w.chair;
  d.decided_at = 1'810'000'000'000'000;
  d.minutes_number = "BA-HP/07/Pokja-ULP/2027 — “final”";
  d.minutes_sha256 = std::string(64, 'c');
  d.minutes_size = 5'000'000'123ull;  // past 32 bits
  // Ignored when storing: a new decision is neither announced nor revoked.
  d.announced_at = 5;
  d.announced_by = w.chair;
  d.revoked_at = 6;
  d.revoked_by = w.chair;
  d.revoked_reason = "ignored";
  BidderResult full = AFullResult(w.vendor_b);
  // Every optional number present as 0, every outcome the other way round.
  BidderResult zeros;
  zeros.vendor_id = w.vendor_a;
  zeros.company_name = "PT Sinar Abadi";
  zeros.administration = StageOutcome::kFailed;
  zeros.technical = StageOutcome::kNotEvaluated;
  zeros.price = StageOutcome::kPassed;
  zeros.qualification = StageOutcome::kPending;
  zeros.proof = StageOutcome::kFailed;
  zeros.stated_price_rupiah = 0;
  zeros.corrected_price_rupiah = 0;
  zeros.evaluated_price_rupiah = 0;
  zeros.technical_score = 0;
  zeros.price_score = 0;
  zeros.total_score = 0;
  // Defaults: every optional number absent.
  BidderResult absent;
  absent.vendor_id = w.vendor_a;
  absent.company_name = "";
  // The order is the decision's, not the vendors' or the ranks'.
  d.results = {full, zeros, absent};
  ASSERT_OK_AND_ASSIGN(const std::int64_t id,
                       InWriteTx([&](app::Tx& tx) { return tx.evaluation().InsertDecision(d); }));

  ASSERT_OK_AND_ASSIGN(const std::vector<AwardDecision> all,
                       InReadTx([&](app::Tx& tx) { return tx.evaluation().DecisionsOf(w.tender); }));
  ASSERT_EQ(all.size(), 1u);
  const AwardDecision& got = all[0];
  EXPECT_EQ(got.id, id);
  EXPECT_EQ(got.tender_id, w.tender);
  EXPECT_EQ(got.winner_vendor_id, w.vendor_b);
  EXPECT_EQ(got.price_rupiah, 8'999'999'999'999);
  EXPECT_EQ(got.failure, "");
  EXPECT_EQ(got.decided_by, w.chair);
  EXPECT_EQ(got.decided_at, 1'810'000'000'000'000);
  EXPECT_EQ(got.minutes_number, "BA-HP/07/Pokja-ULP/2027 — “final”");
  EXPECT_EQ(got.minutes_sha256, std::string(64, 'c'));
  EXPECT_EQ(got.minutes_size, 5'000'000'123ull);
  EXPECT_FALSE(got.announced_at.has_value());
  EXPECT_EQ(got.announced_by, 0);
  EXPECT_FALSE(got.revoked_at.has_value());
  EXPECT_EQ(got.revoked_by, 0);
  EXPECT_EQ(got.revoked_reason, "");

  ASSERT_EQ(got.results.size(), 3u);
  const BidderResult& r0 = got.results[0];
  EXPECT_EQ(r0.vendor_id, w.vendor_b);
  EXPECT_EQ(r0.company_name, "CV Maju Jaya — Cabang Sumenep");
  EXPECT_EQ(r0.administration, StageOutcome::kPassed);
  EXPECT_EQ(r0.technical, StageOutcome::kFailed);
  EXPECT_EQ(r0.price, StageOutcome::kPending);
  EXPECT_EQ(r0.qualification, StageOutcome::kNotEvaluated);
  EXPECT_EQ(r0.proof, StageOutcome::kPassed);
  EXPECT_EQ(r0.fail_reason, "teknis: metode pelaksanaan tidak memadai; harga: evaluation.above_hps");
  EXPECT_EQ(r0.stated_price_rupiah, 9'000'000'000'123);
  EXPECT_EQ(r0.corrected_price_rupiah, 8'999'999'999'999);
  EXPECT_EQ(r0.evaluated_price_rupiah, 9'100'000'000'000);
  EXPECT_EQ(r0.technical_score, 8750);
  EXPECT_EQ(r0.price_score, 10000);
  EXPECT_EQ(r0.total_score, 9125);
  EXPECT_TRUE(r0.below_80_percent_hps);
  EXPECT_EQ(r0.rank, 2);
  EXPECT_EQ(r0.tie_break, "skor_teknis");
  EXPECT_TRUE(r0.winner);
  EXPECT_EQ(r0.reserve, 1);

  const BidderResult& r1 = got.results[1];
  EXPECT_EQ(r1.vendor_id, w.vendor_a);
  EXPECT_EQ(r1.company_name, "PT Sinar Abadi");
  EXPECT_EQ(r1.administration, StageOutcome::kFailed);
  EXPECT_EQ(r1.technical, StageOutcome::kNotEvaluated);
  EXPECT_EQ(r1.price, StageOutcome::kPassed);
  EXPECT_EQ(r1.qualification, StageOutcome::kPending);
  EXPECT_EQ(r1.proof, StageOutcome::kFailed);
  EXPECT_EQ(r1.stated_price_rupiah, std::optional<std::int64_t>(0));
  EXPECT_EQ(r1.corrected_price_rupiah, std::optional<std::int64_t>(0));
  EXPECT_EQ(r1.evaluated_price_rupiah, std::optional<std::int64_t>(0));
  EXPECT_EQ(r1.technical_score, std::optional<std::int64_t>(0));
  EXPECT_EQ(r1.price_score, std::optional<std::int64_t>(0));
  EXPECT_EQ(r1.total_score, std::optional<std::int64_t>(0));
  EXPECT_FALSE(r1.below_80_percent_hps);
  EXPECT_EQ(r1.rank, 0);
  EXPECT_EQ(r1.tie_break, "");
  EXPECT_FALSE(r1.winner);
  EXPECT_EQ(r1.reserve, 0);

  const BidderResult& r2 = got.results[2];
  EXPECT_EQ(r2.company_name, "");
  EXPECT_EQ(r2.administration, StageOutcome::kPending);
  EXPECT_EQ(r2.qualification, StageOutcome::kNotEvaluated);
  EXPECT_FALSE(r2.stated_price_rupiah.has_value());
  EXPECT_FALSE(r2.corrected_price_rupiah.has_value());
  EXPECT_FALSE(r2.evaluated_price_rupiah.has_value());
  EXPECT_FALSE(r2.technical_score.has_value());
  EXPECT_FALSE(r2.price_score.has_value());
  EXPECT_FALSE(r2.total_score.has_value());
}

TEST(Evaluation, DecisionsAreListedOldestFirstPerTender) {
  World w = NewWorld();
  World other = NewWorld();
  AwardDecision failed;
  failed.tender_id = w.tender;
  failed.failure = "evaluation.none_passed";
  failed.decided_by = w.chair;
  failed.decided_at = 1'900'000'000'000'000;
  failed.minutes_number = "BA-1";
  failed.minutes_sha256 = std::string(64, 'a');
  failed.minutes_size = 10;
  AwardDecision won = failed;
  won.failure = "";
  won.winner_vendor_id = w.vendor_a;
  won.price_rupiah = 1'000;
  won.decided_at = failed.decided_at - 1;  // the order is the entry's, not the time's
  won.minutes_number = "BA-2";
  won.results = {AFullResult(w.vendor_a)};
  AwardDecision elsewhere = won;
  elsewhere.tender_id = other.tender;
  std::int64_t first = 0, second = 0;
  ASSERT_OK(InWriteTx([&](app::Tx& tx) -> Status {
    SPSE_ASSIGN_OR_RETURN(first, tx.evaluation().InsertDecision(failed));
    SPSE_RETURN_IF_ERROR(tx.evaluation().InsertDecision(elsewhere).status());
    SPSE_ASSIGN_OR_RETURN(second, tx.evaluation().InsertDecision(won));
    return OkStatus();
  }));
  ASSERT_OK_AND_ASSIGN(const std::vector<AwardDecision> all,
                       InReadTx([&](app::Tx& tx) { return tx.evaluation().DecisionsOf(w.tender); }));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, first);
  EXPECT_FALSE(all[0].winner_vendor_id.has_value());
  EXPECT_EQ(all[0].price_rupiah, 0);
  EXPECT_EQ(all[0].failure, "evaluation.none_passed");
  EXPECT_TRUE(all[0].results.empty());
  EXPECT_EQ(all[1].id, second);
  EXPECT_EQ(all[1].winner_vendor_id, w.vendor_a);
  EXPECT_EQ(all[1].minutes_number, "BA-2");
  ASSERT_EQ(all[1].results.size(), 1u);
  EXPECT_EQ(all[1].results[0].vendor_id, w.vendor_a);

  ASSERT_OK_AND_ASSIGN(const std::vector<AwardDecision> theirs,
                       InReadTx([&](app::Tx& tx) { return tx.evaluation().DecisionsOf(other.tender); }));
  ASSERT_EQ(theirs.size(), 1u);
  EXPECT_EQ(theirs[0].tender_id, other.tender);
  ASSERT_EQ(theirs[0].results.size(), 1u);
  ASSERT_OK_AND_ASSIGN(const std::vector<AwardDecision> none, InReadTx([&](app::Tx& tx) {
                         return tx.evaluation().DecisionsOf(w.tender + 1000000);
                       }));
  EXPECT_TRUE(none.empty());
}

TEST(Evaluation, ADecisionIsAnnouncedAndRevokedOnceEach) {
  World w = NewWorld();
  AwardDecision d;
  d.tender_id = w.tender;
  d.winner_vendor_id = w.vendor_a;
  d.price_rupiah = 5'000'000;
  d.decided_by = w.chair;
  d.decided_at = 2'000'000'000'000'000;
  d.minutes_number = "BA-HP/1";
  d.minutes_sha256 = std::string(64, 'd');
  d.minutes_size = 1234;
  d.results = {AFullResult(w.vendor_a)};
  std::int64_t first = 0, second = 0;
  ASSERT_OK(InWriteTx([&](app::Tx& tx) -> Status {
    SPSE_ASSIGN_OR_RETURN(first, tx.evaluation().InsertDecision(d));
    SPSE_ASSIGN_OR_RETURN(second, tx.evaluation().InsertDecision(d));
    return OkStatus();
  }));

  ASSERT_OK(InWriteTx([&](app::Tx& tx) {
    return tx.evaluation().Announce(first, 2'000'000'000'000'100, w.chair);
  }));
  // Once: the second attempt leaves the first intact and the transaction usable.
  ASSERT_OK(InWriteTx([&](app::Tx& tx) -> Status {
    EXPECT_THAT(tx.evaluation().Announce(first, 2'000'000'000'000'200, w.member),
                StatusIs(Code::kAlreadyExists, "evaluation.already_announced"));
    return tx.evaluation().Announce(second, 2'000'000'000'000'300, w.member);
  }));
  ASSERT_OK(InWriteTx([&](app::Tx& tx) {
    return tx.evaluation().Revoke(first, 2'000'000'000'000'400, w.member,
                                  "Sanggah diterima — evaluasi ulang “teknis”");
  }));
  ASSERT_OK(InWriteTx([&](app::Tx& tx) -> Status {
    EXPECT_THAT(tx.evaluation().Revoke(first, 2'000'000'000'000'500, w.chair, "lagi"),
                StatusIs(Code::kAlreadyExists, "evaluation.already_revoked"));
    return tx.evaluation().DecisionsOf(w.tender).status();
  }));

  ASSERT_OK_AND_ASSIGN(const std::vector<AwardDecision> all,
                       InReadTx([&](app::Tx& tx) { return tx.evaluation().DecisionsOf(w.tender); }));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, first);
  EXPECT_EQ(all[0].announced_at, 2'000'000'000'000'100);
  EXPECT_EQ(all[0].announced_by, w.chair);
  EXPECT_EQ(all[0].revoked_at, 2'000'000'000'000'400);
  EXPECT_EQ(all[0].revoked_by, w.member);
  EXPECT_EQ(all[0].revoked_reason, "Sanggah diterima — evaluasi ulang “teknis”");
  ASSERT_EQ(all[0].results.size(), 1u);
  EXPECT_EQ(all[1].id, second);
  EXPECT_EQ(all[1].announced_at, 2'000'000'000'000'300);
  EXPECT_EQ(all[1].announced_by, w.member);
  EXPECT_FALSE(all[1].revoked_at.has_value());
  EXPECT_EQ(all[1].revoked_by, 0);
  EXPECT_EQ(all[1].revoked_reason, "");
  ASSERT_EQ(all[1].results.size(), 1u);

  // A revocation needs no announcement before it.
  ASSERT_OK_AND_ASSIGN(const std::int64_t third,
                       InWriteTx([&](app::Tx& tx) { return tx.evaluation().InsertDecision(d); }));
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.evaluation().Revoke(third, 7, w.chair, ""); }));
  ASSERT_OK_AND_ASSIGN(const std::vector<AwardDecision> after,
                       InReadTx([&](app::Tx& tx) { return tx.evaluation().DecisionsOf(w.tender); }));
  ASSERT_EQ(after.size(), 3u);
  EXPECT_FALSE(after[2].announced_at.has_value());
  EXPECT_EQ(after[2].revoked_at, 7);
  EXPECT_EQ(after[2].revoked_reason, "");
}

TEST(Evaluation, NegotiationsRoundTripEveryFieldInIdOrderPerTender) {
  World w = NewWorld();
  World other = NewWorld();
  domain::Negotiation n;
  n.tender_id = w.tender;
  n.vendor_id = w.vendor_a;
  n.offered_rupiah = 9'000'000'000'123;  // past 32 bits
  n.agreed_rupiah = 8'950'000'000'000;
  n.notes = "Harga satuan “beton K-300” diturunkan; jadwal 120 hari kalender";
  n.recorded_by = w.chair;
  n.at = 1'800'000'000'000'000;
  n.minutes_number = "BA-NG/TDR-000001/1";
  n.minutes_sha256 = std::string(64, 'a');
  n.minutes_size = 5'000'000'000;
  domain::Negotiation correction = n;
  correction.agreed_rupiah = 8'900'000'000'000;
  correction.at = n.at + 1;
  correction.minutes_number = "BA-NG/TDR-000001/2";
  domain::Negotiation elsewhere = n;
  elsewhere.tender_id = other.tender;
  std::int64_t first = 0, second = 0;
  ASSERT_OK(InWriteTx([&](app::Tx& tx) -> Status {
    SPSE_ASSIGN_OR_RETURN(first, tx.evaluation().InsertNegotiation(n));
    SPSE_RETURN_IF_ERROR(tx.evaluation().InsertNegotiation(elsewhere).status());
    SPSE_ASSIGN_OR_RETURN(second, tx.evaluation().InsertNegotiation(correction));
    return OkStatus();
  }));
  ASSERT_OK_AND_ASSIGN(const auto got,
                       InReadTx([&](app::Tx& tx) { return tx.evaluation().NegotiationsOf(w.tender); }));
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].id, first);
  EXPECT_EQ(got[1].id, second);
  EXPECT_EQ(got[0].tender_id, w.tender);
  EXPECT_EQ(got[0].vendor_id, w.vendor_a);
  EXPECT_EQ(got[0].offered_rupiah, 9'000'000'000'123);
  EXPECT_EQ(got[0].agreed_rupiah, 8'950'000'000'000);
  EXPECT_EQ(got[0].notes, n.notes);
  EXPECT_EQ(got[0].recorded_by, w.chair);
  EXPECT_EQ(got[0].at, n.at);
  EXPECT_EQ(got[0].minutes_number, "BA-NG/TDR-000001/1");
  EXPECT_EQ(got[0].minutes_sha256, std::string(64, 'a'));
  EXPECT_EQ(got[0].minutes_size, 5'000'000'000u);
  EXPECT_EQ(got[1].agreed_rupiah, 8'900'000'000'000);
}

// --- Append-only, in the database itself ---

class EvaluationTablesAreAppendOnly : public ::testing::Test {
 protected:
  // One row in every table, each found by `WHERE <key> = <id>`.
  struct Table {
    std::string name, key, column;
    std::int64_t id = 0;
  };

  void SetUp() override {
    w_ = NewWorld();
    AwardDecision d;
    d.tender_id = w_.tender;
    d.decided_by = w_.chair;
    d.failure = "evaluation.no_bids";
    d.minutes_number = "BA-0";
    d.results = {AFullResult(w_.vendor_a)};
    Judgement j = AJudgement(w_, 0, "administrasi.x");
    ProofInvitation inv;
    inv.tender_id = w_.tender;
    inv.vendor_id = w_.vendor_a;
    inv.place = "ULP";
    inv.invited_by = w_.chair;
    ProofResult r;
    r.tender_id = w_.tender;
    r.vendor_id = w_.vendor_a;
    r.passed = true;
    r.recorded_by = w_.chair;
    domain::Negotiation n;
    n.tender_id = w_.tender;
    n.vendor_id = w_.vendor_a;
    n.offered_rupiah = 100;
    n.agreed_rupiah = 90;
    n.notes = "the original";
    n.recorded_by = w_.chair;
    n.minutes_number = "BA-NG-0";
    std::int64_t judgement = 0, invitation = 0, result = 0, negotiation = 0;
    ASSERT_OK(InWriteTx([&](app::Tx& tx) -> Status {
      SPSE_ASSIGN_OR_RETURN(judgement, tx.evaluation().InsertJudgement(j));
      SPSE_ASSIGN_OR_RETURN(negotiation, tx.evaluation().InsertNegotiation(n));
      SPSE_ASSIGN_OR_RETURN(invitation, tx.evaluation().InsertProofInvitation(inv));
      SPSE_ASSIGN_OR_RETURN(result, tx.evaluation().InsertProofResult(r));
      SPSE_ASSIGN_OR_RETURN(decision_, tx.evaluation().InsertDecision(d));
      SPSE_RETURN_IF_ERROR(tx.evaluation().Announce(decision_, 1, w_.chair));
      return tx.evaluation().Revoke(decision_, 2, w_.chair, "the original");
    }));
    tables_ = {
        {"evaluation_judgements", "id", "reason", judgement},
        {"proof_invitations", "id", "place", invitation},
        {"proof_results", "id", "reason", result},
        {"award_decisions", "id", "failure", decision_},
        {"award_results", "decision_id", "company_name", decision_},
        {"award_announcements", "decision_id", "announced_at", decision_},
        {"award_revocations", "decision_id", "reason", decision_},
        {"negotiations", "id", "notes", negotiation},
    };
  }

  // Everything as the ports see it now.
  void ExpectUnchanged() {
    ASSERT_OK_AND_ASSIGN(const auto judgements,
                         InReadTx([&](app::Tx& tx) { return tx.evaluation().JudgementsOf(w_.tender); }));
    ASSERT_EQ(judgements.size(), 1u);
    ASSERT_OK_AND_ASSIGN(const auto invitations, InReadTx([&](app::Tx& tx) {
                           return tx.evaluation().ProofInvitationsOf(w_.tender);
                         }));
    ASSERT_EQ(invitations.size(), 1u);
    EXPECT_EQ(invitations[0].place, "ULP");
    ASSERT_OK_AND_ASSIGN(const auto results,
                         InReadTx([&](app::Tx& tx) { return tx.evaluation().ProofResultsOf(w_.tender); }));
    ASSERT_EQ(results.size(), 1u);
    ASSERT_OK_AND_ASSIGN(const auto decisions,
                         InReadTx([&](app::Tx& tx) { return tx.evaluation().DecisionsOf(w_.tender); }));
    ASSERT_EQ(decisions.size(), 1u);
    EXPECT_EQ(decisions[0].failure, "evaluation.no_bids");
    ASSERT_EQ(decisions[0].results.size(), 1u);
    EXPECT_EQ(decisions[0].results[0].company_name, "CV Maju Jaya — Cabang Sumenep");
    EXPECT_EQ(decisions[0].announced_at, 1);
    EXPECT_EQ(decisions[0].revoked_reason, "the original");
    ASSERT_OK_AND_ASSIGN(const auto negotiations,
                         InReadTx([&](app::Tx& tx) { return tx.evaluation().NegotiationsOf(w_.tender); }));
    ASSERT_EQ(negotiations.size(), 1u);
    EXPECT_EQ(negotiations[0].notes, "the original");
    EXPECT_EQ(negotiations[0].agreed_rupiah, 90);
  }

  World w_;
  std::int64_t decision_ = 0;
  std::vector<Table> tables_;
};

TEST_F(EvaluationTablesAreAppendOnly, TheDatabaseRefusesToChangeARow) {
  for (const Table& t : tables_) {
    SCOPED_TRACE(t.name);
    const std::string value = t.column == "announced_at" ? "99" : "'rewritten'";
    EXPECT_THAT(TryInRolledBackTx("UPDATE " + t.name + " SET " + t.column + " = " + value +
                                  " WHERE " + t.key + " = " + std::to_string(t.id)),
                HasSubstr(t.name + " is append-only"));
  }
  ExpectUnchanged();
}

TEST_F(EvaluationTablesAreAppendOnly, TheDatabaseRefusesToDeleteARow) {
  for (const Table& t : tables_) {
    SCOPED_TRACE(t.name);
    EXPECT_THAT(TryInRolledBackTx("DELETE FROM " + t.name + " WHERE " + t.key + " = " +
                                  std::to_string(t.id)),
                HasSubstr(t.name + " is append-only"));
  }
  ExpectUnchanged();
}

TEST_F(EvaluationTablesAreAppendOnly, TheDatabaseRefusesToEmptyATable) {
  for (const Table& t : tables_) {
    SCOPED_TRACE(t.name);
    // SQLite has no TRUNCATE: an unqualified DELETE is how it empties a table.
    const std::string statement = TheStore().dialect() == "postgresql"
                                      ? "TRUNCATE " + t.name + " CASCADE"
                                      : "DELETE FROM " + t.name;
    EXPECT_THAT(TryInRolledBackTx(statement), HasSubstr("is append-only"));
  }
  ExpectUnchanged();
}

}  // namespace
}  // namespace spse::storage::conformance
