// Setting a tender up from a package on the shipped catalogue (issue 4,
// item 4): which procedures fit, the method text the announcement shows,
// who publishes, and the states a tender goes through.
#include "domain/tender.h"

#include <gtest/gtest.h>

#include "catalog/catalogue_loader.h"
#include "testing/status_matchers.h"

namespace spse::domain {
namespace {

const Catalogue& Shipped() {
  static const Catalogue c = [] {
    auto loaded = catalog::LoadCatalogue(std::string(SPSE_SOURCE_DIR) + "/web/catalogue/procedures.toml");
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return loaded.ok() ? *loaded : Catalogue();
  }();
  return c;
}

TEST(Tender, TheMethodTextIsWhatTheAnnouncementShows) {
  const ProcedureSpec* p = Shipped().Find("tender-pasca-satu-file");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(MethodText(*p, "harga_terendah_gugur"),
            "Tender - Pascakualifikasi Satu File - Harga Terendah Sistem Gugur");
  const ProcedureSpec* s = Shipped().Find("seleksi-pra-dua-file");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(MethodText(*s, "kualitas_biaya"), "Seleksi - Prakualifikasi Dua File - Kualitas dan Biaya");
}

TEST(Tender, OnlyProceduresOfThePlannedMethodAndTypeFitAPackage) {
  std::vector<std::string> codes;
  for (const auto* p : FittingProcedures(Shipped(), {"konstruksi", "tender"})) codes.push_back(p->code);
  EXPECT_EQ(codes, (std::vector<std::string>{"tender-pasca-satu-file", "tender-pra-dua-file"}));
  codes.clear();
  for (const auto* p : FittingProcedures(Shipped(), {"konsultansi", "seleksi"})) codes.push_back(p->code);
  EXPECT_EQ(codes, std::vector<std::string>{"seleksi-pra-dua-file"});
  EXPECT_TRUE(FittingProcedures(Shipped(), {"konsultansi", "tender"}).empty())
      << "consultancy is selected by Seleksi, not Tender";

  const ProcedureSpec& pasca = *Shipped().Find("tender-pasca-satu-file");
  EXPECT_OK(CheckProcedureFits(pasca, "harga_terendah_gugur", {"barang", "tender"}));
  EXPECT_THAT(CheckProcedureFits(pasca, "harga_terendah_gugur", {"barang", "pengadaan_langsung"}),
              StatusIs(Code::kFailedPrecondition, "tender.method_mismatch"));
  EXPECT_THAT(CheckProcedureFits(pasca, "harga_terendah_gugur", {"konsultansi", "tender"}),
              StatusIs(Code::kFailedPrecondition, "tender.type_not_allowed"));
  // Pascakualifikasi satu file evaluates by lowest price, pass/fail only.
  EXPECT_THAT(CheckProcedureFits(pasca, "sistem_nilai", {"barang", "tender"}),
              StatusIs(Code::kInvalidArgument, "tender.evaluation_not_allowed"));
}

TEST(Tender, OnlyThePokjaChairPublishes) {
  EXPECT_OK(CheckMayPublish(7, 7));
  EXPECT_THAT(CheckMayPublish(8, 7), StatusIs(Code::kPermissionDenied, "tender.chair_required"));
}

std::optional<TenderStatus> Next(TenderStatus from, TenderEvent e) {
  auto r = NextTenderStatus(from, e);
  return r.ok() ? std::optional<TenderStatus>(*r) : std::nullopt;
}

TEST(Tender, StatesFollowTheLifecycle) {
  EXPECT_EQ(Next(TenderStatus::kDraft, TenderEvent::kPublish), TenderStatus::kRunning);
  EXPECT_EQ(Next(TenderStatus::kRunning, TenderEvent::kCancel), TenderStatus::kCancelled);
  EXPECT_EQ(Next(TenderStatus::kRunning, TenderEvent::kFail), TenderStatus::kFailed);
  EXPECT_EQ(Next(TenderStatus::kRunning, TenderEvent::kFinish), TenderStatus::kDone);
  for (TenderStatus end : {TenderStatus::kDone, TenderStatus::kCancelled, TenderStatus::kFailed}) {
    for (TenderEvent e : {TenderEvent::kPublish, TenderEvent::kFinish, TenderEvent::kCancel, TenderEvent::kFail}) {
      EXPECT_THAT(NextTenderStatus(end, e), StatusIs(Code::kFailedPrecondition, "tender.illegal_transition"));
    }
  }
  EXPECT_THAT(NextTenderStatus(TenderStatus::kDraft, TenderEvent::kCancel),
              StatusIs(Code::kFailedPrecondition, "tender.illegal_transition"));
  for (TenderStatus s : {TenderStatus::kDraft, TenderStatus::kRunning, TenderStatus::kDone,
                         TenderStatus::kCancelled, TenderStatus::kFailed}) {
    EXPECT_EQ(ParseTenderStatus(TenderStatusCode(s)), s);
  }
}

}  // namespace
}  // namespace spse::domain
