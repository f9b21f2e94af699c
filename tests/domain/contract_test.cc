// The SPPBJ and contract rules (domain/contract.h, KTR-* in docs/rules.md):
// who issues and records, when the SPPBJ may follow the award, and the
// contract's dates, value ceilings (award price, HPS, or pagu for the
// quality-based methods), duration, signatories and corrections.
#include "domain/contract.h"

#include <gtest/gtest.h>

#include "base/civil.h"
#include "testing/status_matchers.h"

namespace spse::domain {
namespace {

constexpr int kWibOffset = 7 * 60;

// 2026-03-10 09:00 WIB.
const Micros kSppbjAt = FromLocal("2026-03-10", 9 * 60, kWibOffset);

ProcedureSpec Procedure(std::vector<std::string> stages) {
  ProcedureSpec p;
  p.code = "uji";
  for (auto& code : stages) {
    StageSpec s;
    s.code = std::move(code);
    p.stages.push_back(std::move(s));
  }
  return p;
}

// A running tender whose stages each last a day from 2026-03-01 00:00 WIB.
Tender Running(const ProcedureSpec& p) {
  Tender t;
  t.id = 7;
  t.code = "TDR-000007";
  t.status = TenderStatus::kRunning;
  Micros at = FromLocal("2026-03-01", 0, kWibOffset);
  for (const auto& s : p.stages) {
    t.schedule.push_back(StagePeriod{s.code, at, at + kMicrosPerDay});
    at += kMicrosPerDay;
  }
  return t;
}

AwardDecision Announced() {
  AwardDecision d;
  d.id = 3;
  d.tender_id = 7;
  d.winner_vendor_id = 40;
  d.price_rupiah = 1'150'000'000;
  d.announced_at = FromLocal("2026-03-04", 10 * 60, kWibOffset);
  return d;
}

// --- KTR-01: who, and when, issues the SPPBJ ---

TEST(ContractRules, KTR_01_OnlyThePackagesPpkIssuesAndRecords) {
  Package pkg;
  pkg.ppk_id = 12;
  EXPECT_OK(CheckPackagePpk({12, true}, pkg));
  // The package's PPK id but without the PPK role (a Pokja account), or a PPK
  // of another package: refused.
  EXPECT_THAT(CheckPackagePpk({12, false}, pkg), StatusIs(Code::kPermissionDenied, "contract.ppk_only"));
  EXPECT_THAT(CheckPackagePpk({13, true}, pkg), StatusIs(Code::kPermissionDenied, "contract.ppk_only"));
  EXPECT_THAT(CheckPackagePpk({0, true}, Package{}), StatusIs(Code::kPermissionDenied, "contract.ppk_only"));
}

class SppbjTest : public ::testing::Test {
 protected:
  ProcedureSpec proc_ = Procedure({"penetapan", "pengumuman_pemenang", "sanggah", "sppbj", "kontrak"});
  Tender tender_ = Running(proc_);
  AwardDecision decision_ = Announced();
  // The sanggah stage is the third: it ends 2026-03-04 00:00 WIB.
  Micros sanggah_end_ = tender_.schedule[2].end;

  SppbjFacts Facts(Micros now) {
    SppbjFacts f;
    f.tender = &tender_;
    f.procedure = &proc_;
    f.decision = &decision_;
    f.now = now;
    return f;
  }
};

TEST_F(SppbjTest, KTR_01_OnlyAfterTheSanggahStageEnded) {
  EXPECT_THAT(CheckSppbj(Facts(sanggah_end_ - 1)),
              StatusIs(Code::kFailedPrecondition, "contract.objection_period"));
  EXPECT_OK(CheckSppbj(Facts(sanggah_end_)));
}

TEST_F(SppbjTest, KTR_01_WithoutASanggahStageAfterThePenetapanStage) {
  proc_ = Procedure({"evaluasi", "penetapan", "kontrak"});
  tender_ = Running(proc_);
  EXPECT_EQ(SppbjAfterStage(proc_), "penetapan");
  EXPECT_THAT(CheckSppbj(Facts(tender_.schedule[1].end - 1)),
              StatusIs(Code::kFailedPrecondition, "contract.objection_period"));
  EXPECT_OK(CheckSppbj(Facts(tender_.schedule[1].end)));
  EXPECT_EQ(SppbjAfterStage(Procedure({"evaluasi", "kontrak"})), "");
}

TEST_F(SppbjTest, KTR_01_OnlyForAnAnnouncedUnrevokedDecisionWithAWinner) {
  SppbjFacts f = Facts(sanggah_end_);
  f.decision = nullptr;
  EXPECT_THAT(CheckSppbj(f), StatusIs(Code::kFailedPrecondition, "contract.no_decision"));
  f = Facts(sanggah_end_);
  decision_.revoked_at = sanggah_end_ - 5;
  EXPECT_THAT(CheckSppbj(f), StatusIs(Code::kFailedPrecondition, "contract.no_decision"));
  decision_ = Announced();
  decision_.announced_at.reset();
  EXPECT_THAT(CheckSppbj(f), StatusIs(Code::kFailedPrecondition, "contract.not_announced"));
  decision_ = Announced();
  decision_.winner_vendor_id.reset();
  EXPECT_THAT(CheckSppbj(f), StatusIs(Code::kFailedPrecondition, "contract.no_winner"));
}

TEST_F(SppbjTest, KTR_01_OncePerDecisionAndNotWhileAnObjectionIsPending) {
  SppbjFacts f = Facts(sanggah_end_);
  f.sppbj_issued = true;
  EXPECT_THAT(CheckSppbj(f), StatusIs(Code::kAlreadyExists, "contract.sppbj_exists"));
  f = Facts(sanggah_end_);
  f.objection_pending = true;
  EXPECT_THAT(CheckSppbj(f), StatusIs(Code::kFailedPrecondition, "contract.objection_pending"));
  // A seleksi negotiates with the winner after the award: the SPPBJ waits for it.
  f = Facts(sanggah_end_);
  f.negotiation_pending = true;
  EXPECT_THAT(CheckSppbj(f), StatusIs(Code::kFailedPrecondition, "contract.negotiation_pending"));
  tender_.status = TenderStatus::kDone;
  EXPECT_THAT(CheckSppbj(Facts(sanggah_end_)), StatusIs(Code::kFailedPrecondition, "tender.not_running"));
}

TEST(ContractRules, KTR_01_TheNumberIsGeneratedUnlessThePpkTypesOne) {
  EXPECT_EQ(*SppbjNumber("", "TDR-000007", 1), "SPPBJ/TDR-000007/1");
  EXPECT_EQ(*SppbjNumber("  ", "TDR-000007", 2), "SPPBJ/TDR-000007/2");
  EXPECT_EQ(*SppbjNumber(" 027/15/SPPBJ/433.101/2026 ", "TDR-000007", 1), "027/15/SPPBJ/433.101/2026");
  EXPECT_OK(SppbjNumber(std::string(100, 'x'), "TDR-000007", 1).status());
  EXPECT_THAT(SppbjNumber(std::string(101, 'x'), "TDR-000007", 1).status(),
              StatusIs(Code::kInvalidArgument, "contract.too_long"));
}

// --- KTR-02..KTR-04: the contract record ---

class ContractTest : public ::testing::Test {
 protected:
  Sppbj sppbj_;
  ContractLimits limits_;
  Contract c_;
  // 2026-03-20 15:00 WIB.
  Micros now_ = FromLocal("2026-03-20", 15 * 60, kWibOffset);

  void SetUp() override {
    sppbj_.id = 1;
    sppbj_.issued_at = kSppbjAt;
    sppbj_.price_rupiah = 1'150'000'000;
    limits_.award_price_rupiah = 1'150'000'000;
    limits_.hps = Money::FromRupiah(1'200'000'000);
    limits_.pagu = Money::FromRupiah(1'500'000'000);
    limits_.kind = EvaluationKind::kLowestPrice;
    c_.sppbj_id = 1;
    c_.version = 1;
    c_.number = "640/12/KONTRAK/433.101/2026";
    c_.signed_on = "2026-03-12";
    c_.value_rupiah = 1'150'000'000;
    c_.duration_days = 180;
    c_.ppk_name = "Ir. Moh. Hasan";
    c_.ppk_nip = "19780312 200501 1 004";
    c_.vendor_signatory = "Abdul Rahman";
    c_.vendor_position = "Direktur";
  }
  Status Check() { return CheckContract(c_, sppbj_, limits_, now_, kWibOffset); }
};

TEST_F(ContractTest, KTR_02_SignedNotBeforeTheSppbjDateAndNotInTheFuture) {
  EXPECT_OK(Check());
  c_.signed_on = "2026-03-10";  // the SPPBJ's own date
  EXPECT_OK(Check());
  c_.signed_on = "2026-03-09";
  EXPECT_THAT(Check(), StatusIs(Code::kInvalidArgument, "contract.date_before_sppbj"));
  c_.signed_on = "2026-03-20";  // today
  EXPECT_OK(Check());
  c_.signed_on = "2026-03-21";
  EXPECT_THAT(Check(), StatusIs(Code::kInvalidArgument, "contract.date_future"));
  c_.signed_on = "2026-02-30";
  EXPECT_THAT(Check(), StatusIs(Code::kInvalidArgument, "contract.date_invalid"));
  c_.signed_on = "12-03-2026";
  EXPECT_THAT(Check(), StatusIs(Code::kInvalidArgument, "contract.date_invalid"));
}

TEST_F(ContractTest, KTR_02_TheDatesAreTheLpseZones) {
  // 2026-03-20 23:30 UTC is already 2026-03-21 in WIB: today there.
  now_ = FromLocal("2026-03-21", 6 * 60 + 30, kWibOffset);
  c_.signed_on = "2026-03-21";
  EXPECT_OK(Check());
}

TEST_F(ContractTest, KTR_03_TheValueMayEqualTheAwardPriceButNotExceedIt) {
  c_.value_rupiah = 1'150'000'000;
  EXPECT_OK(Check());
  c_.value_rupiah = 1'150'000'001;
  EXPECT_THAT(Check(), StatusIs(Code::kInvalidArgument, "contract.above_award"));
  // Negotiation may lower it.
  c_.value_rupiah = 1'100'000'000;
  EXPECT_OK(Check());
  c_.value_rupiah = 0;
  EXPECT_THAT(Check(), StatusIs(Code::kInvalidArgument, "contract.value_invalid"));
  c_.value_rupiah = -1;
  EXPECT_THAT(Check(), StatusIs(Code::kInvalidArgument, "contract.value_invalid"));
}

TEST_F(ContractTest, KTR_03_NotAboveTheHps) {
  // An award price above the HPS (it cannot come from a price method that
  // fails such bids, but the contract still checks).
  limits_.award_price_rupiah = 1'300'000'000;
  c_.value_rupiah = 1'200'000'000;
  EXPECT_OK(Check());
  c_.value_rupiah = 1'200'000'001;
  EXPECT_THAT(Check(), StatusIs(Code::kInvalidArgument, "contract.above_hps"));
}

TEST_F(ContractTest, KTR_03_TheQualityMethodsAreBoundByThePaguInstead) {
  limits_.award_price_rupiah = 1'600'000'000;
  for (EvaluationKind kind : {EvaluationKind::kQuality, EvaluationKind::kBudgetCeiling}) {
    limits_.kind = kind;
    c_.value_rupiah = 1'400'000'000;  // above the HPS, within the pagu
    EXPECT_OK(Check());
    c_.value_rupiah = 1'500'000'000;
    EXPECT_OK(Check());
    c_.value_rupiah = 1'500'000'001;
    EXPECT_THAT(Check(), StatusIs(Code::kInvalidArgument, "contract.above_pagu"));
  }
  limits_.kind = EvaluationKind::kCombined;
  c_.value_rupiah = 1'400'000'000;
  EXPECT_THAT(Check(), StatusIs(Code::kInvalidArgument, "contract.above_hps"));
}

TEST_F(ContractTest, KTR_03_DurationFromOneDayToTenYears) {
  c_.duration_days = 1;
  EXPECT_OK(Check());
  c_.duration_days = 3650;
  EXPECT_OK(Check());
  c_.duration_days = 0;
  EXPECT_THAT(Check(), StatusIs(Code::kInvalidArgument, "contract.duration_invalid"));
  c_.duration_days = 3651;
  EXPECT_THAT(Check(), StatusIs(Code::kInvalidArgument, "contract.duration_invalid"));
}

TEST_F(ContractTest, KTR_03_NumberAndSignatoriesAreRequired) {
  c_.number = " ";
  EXPECT_THAT(Check(), StatusIs(Code::kInvalidArgument, "contract.number_required"));
  c_.number = std::string(100, '9');
  EXPECT_OK(Check());
  c_.number = std::string(101, '9');
  EXPECT_THAT(Check(), StatusIs(Code::kInvalidArgument, "contract.too_long"));
  c_.number = "640/12/KONTRAK/433.101/2026";
  for (std::string Contract::*field : {&Contract::ppk_name, &Contract::ppk_nip,
                                       &Contract::vendor_signatory, &Contract::vendor_position}) {
    Contract saved = c_;
    c_.*field = "";
    EXPECT_THAT(Check(), StatusIs(Code::kInvalidArgument, "contract.signatory_required"));
    c_ = saved;
  }
  c_.ppk_nip = "1978031220050110";  // 16 digits
  EXPECT_THAT(Check(), StatusIs(Code::kInvalidArgument, "contract.nip_invalid"));
  c_.ppk_nip = "19780312200501100A";
  EXPECT_THAT(Check(), StatusIs(Code::kInvalidArgument, "contract.nip_invalid"));
  c_.ppk_nip = "197803122005011004";
  EXPECT_OK(Check());
}

TEST_F(ContractTest, KTR_04_ACorrectionGivesItsReason) {
  c_.version = 2;
  EXPECT_THAT(Check(), StatusIs(Code::kInvalidArgument, "contract.reason_required"));
  c_.reason = "   ";
  EXPECT_THAT(Check(), StatusIs(Code::kInvalidArgument, "contract.reason_required"));
  c_.reason = std::string(1001, 'x');
  EXPECT_THAT(Check(), StatusIs(Code::kInvalidArgument, "contract.too_long"));
  c_.reason = "Salah ketik nomor kontrak";
  EXPECT_OK(Check());
  // The first version needs none.
  c_.version = 1;
  c_.reason.clear();
  EXPECT_OK(Check());
}

}  // namespace
}  // namespace spse::domain
