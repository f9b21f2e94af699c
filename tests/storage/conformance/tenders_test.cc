// TenderRepo through Store/Tx: a tender with its stages round-trips, codes
// are given, updates replace the schedule and its change counts, packages
// list their tenders, schedule changes are kept in order.
#include <gtest/gtest.h>

#include "storage/conformance/builders.h"
#include "storage/conformance/test_database.h"
#include "testing/status_matchers.h"

namespace spse::storage::conformance {
namespace {

using domain::Tender;
using domain::TenderStatus;

// A published RUP item in a package of a fresh agency; the package's id.
std::int64_t NewPackage() {
  auto id = InWriteTx(
      [](app::Tx& tx) { return InsertTenderPackage(tx, "konstruksi", "Rehabilitasi Jalan " + Unique("ruas")); });
  EXPECT_TRUE(id.ok()) << id.status().ToString();
  return id.ok() ? *id : 0;
}

Tender ATender(std::int64_t package, Micros t) {
  Tender x;
  x.package_id = package;
  x.procedure_code = "tender-pasca-satu-file";
  x.evaluation = "harga_terendah_gugur";
  x.created_by = 1;
  x.created_at = t;
  x.schedule = {{"pengumuman", t, t + 5 * kMicrosPerDay}, {"download_dokumen", t, t + 9 * kMicrosPerDay}};
  x.changes = {0, 0};
  return x;
}

TEST(Tenders, ATenderRoundTripsWithItsStagesAndGetsACode) {
  const Micros t = UniqueEpoch();
  const std::int64_t package = NewPackage();
  ASSERT_OK_AND_ASSIGN(std::int64_t id,
                       InWriteTx([&](app::Tx& tx) { return tx.tenders().Insert(ATender(package, t)); }));
  ASSERT_OK_AND_ASSIGN(auto found, InReadTx([&](app::Tx& tx) { return tx.tenders().FindById(id); }));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->code.rfind("TDR-", 0), 0u) << found->code;
  EXPECT_EQ(found->status, TenderStatus::kDraft);
  EXPECT_FALSE(found->published_at.has_value());
  EXPECT_FALSE(found->pokja_group_id.has_value());
  ASSERT_EQ(found->schedule.size(), 2u);
  EXPECT_EQ(found->schedule[1].stage, "download_dokumen");
  EXPECT_EQ(found->schedule[1].end, t + 9 * kMicrosPerDay);
  EXPECT_EQ(found->changes, (std::vector<int>{0, 0}));
  ASSERT_OK_AND_ASSIGN(auto missing, InReadTx([&](app::Tx& tx) { return tx.tenders().FindById(id + 100000); }));
  EXPECT_FALSE(missing.has_value());
}

TEST(Tenders, AnUpdateReplacesStatusScheduleAndChangeCounts) {
  const Micros t = UniqueEpoch();
  const std::int64_t package = NewPackage();
  Tender x = ATender(package, t);
  ASSERT_OK_AND_ASSIGN(x.id, InWriteTx([&](app::Tx& tx) { return tx.tenders().Insert(x); }));
  x.status = TenderStatus::kRunning;
  x.published_at = t + 10;
  x.published_by = 7;
  x.schedule[1].end += kMicrosPerDay;
  x.changes = {0, 1};
  ASSERT_OK(InWriteTx([&](app::Tx& tx) -> StatusOr<int> {
              SPSE_RETURN_IF_ERROR(tx.tenders().Update(x));
              return 0;
            }).status());
  ASSERT_OK_AND_ASSIGN(auto found, InReadTx([&](app::Tx& tx) { return tx.tenders().FindById(x.id); }));
  EXPECT_EQ(found->status, TenderStatus::kRunning);
  EXPECT_EQ(found->published_at, t + 10);
  EXPECT_EQ(found->published_by, 7);
  EXPECT_EQ(found->schedule[1].end, t + 10 * kMicrosPerDay);
  EXPECT_EQ(found->changes, (std::vector<int>{0, 1}));
}

TEST(Tenders, APackageListsItsTendersAndChangesAreKeptInOrder) {
  const Micros t = UniqueEpoch();
  const std::int64_t package = NewPackage();
  Tender first = ATender(package, t);
  first.status = TenderStatus::kFailed;
  ASSERT_OK_AND_ASSIGN(first.id, InWriteTx([&](app::Tx& tx) { return tx.tenders().Insert(first); }));
  Tender again = ATender(package, t + 1);
  again.previous_tender_id = first.id;
  ASSERT_OK_AND_ASSIGN(again.id, InWriteTx([&](app::Tx& tx) { return tx.tenders().Insert(again); }));
  ASSERT_OK_AND_ASSIGN(auto list, InReadTx([&](app::Tx& tx) { return tx.tenders().ForPackage(package); }));
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].status, TenderStatus::kFailed);
  EXPECT_EQ(list[1].previous_tender_id, first.id);

  for (int i = 0; i < 2; ++i) {
    domain::ScheduleChangeRecord c;
    c.tender_id = again.id;
    c.at = t + 100 + i;
    c.by_id = 3;
    c.by_name = "pokja1";
    c.reason = i == 0 ? "Adendum dokumen — ✓" : "Libur nasional";
    c.summary = "Upload Dokumen Penawaran";
    ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.tenders().AddChange(c); }).status());
  }
  ASSERT_OK_AND_ASSIGN(auto changes, InReadTx([&](app::Tx& tx) { return tx.tenders().Changes(again.id); }));
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].reason, "Adendum dokumen — ✓");
  EXPECT_EQ(changes[1].at, t + 101);
}

TEST(Tenders, ThePublicSearchListsPublishedTendersOnly) {
  const Micros t = UniqueEpoch();
  const std::int64_t package = NewPackage();
  Tender draft = ATender(package, t);
  ASSERT_OK_AND_ASSIGN(draft.id, InWriteTx([&](app::Tx& tx) { return tx.tenders().Insert(draft); }));
  ASSERT_OK_AND_ASSIGN(auto stored, InReadTx([&](app::Tx& tx) { return tx.tenders().FindById(draft.id); }));
  app::TenderFilter by_code;
  by_code.text = stored->code;
  ASSERT_OK_AND_ASSIGN(auto none, InReadTx([&](app::Tx& tx) { return tx.tenders().SearchPublic(by_code); }));
  EXPECT_TRUE(none.empty()) << "a draft is never listed";

  Tender published = *stored;
  published.status = TenderStatus::kRunning;
  published.published_at = t + 5;
  ASSERT_OK(InWriteTx([&](app::Tx& tx) -> StatusOr<int> {
              SPSE_RETURN_IF_ERROR(tx.tenders().Update(published));
              return 0;
            }).status());
  for (std::string text : {stored->code, std::string("JALAN"), std::string("rehabilitasi jalan")}) {
    app::TenderFilter f;
    f.text = text;
    f.procurement_type = "konstruksi";
    f.fiscal_year = 2027;
    f.limit = 500;
    ASSERT_OK_AND_ASSIGN(auto found, InReadTx([&](app::Tx& tx) { return tx.tenders().SearchPublic(f); }));
    bool listed = false;
    for (const auto& x : found) listed = listed || x.tender.id == draft.id;
    EXPECT_TRUE(listed) << text;
    ASSERT_OK_AND_ASSIGN(auto n, InReadTx([&](app::Tx& tx) { return tx.tenders().CountPublic(f); }));
    EXPECT_GE(n, 1) << text;
  }
  app::TenderFilter other;
  other.text = stored->code;
  other.procurement_type = "barang";
  ASSERT_OK_AND_ASSIGN(auto wrong_type, InReadTx([&](app::Tx& tx) { return tx.tenders().SearchPublic(other); }));
  EXPECT_TRUE(wrong_type.empty());
  other.procurement_type = "";
  other.text = "%" + stored->code + "_";
  ASSERT_OK_AND_ASSIGN(auto wildcard, InReadTx([&](app::Tx& tx) { return tx.tenders().SearchPublic(other); }));
  ASSERT_EQ(wildcard.size(), 1u) << "% and _ are no wildcards, only separators";
  EXPECT_EQ(wildcard[0].tender.id, draft.id);
}

// ParticipationRepo: vendors join once, questions get one answer, and a
// Berita Acara is issued once per stage.
TEST(Participation, AVendorJoinsOnceAndTheListNamesItsCompany) {
  const Micros t = UniqueEpoch();
  const std::int64_t package = NewPackage();
  ASSERT_OK_AND_ASSIGN(std::int64_t tender,
                       InWriteTx([&](app::Tx& tx) { return tx.tenders().Insert(ATender(package, t)); }));
  ASSERT_OK_AND_ASSIGN(std::int64_t vendor, Insert(UserBuilder().Roles({domain::Role::kPenyedia}).Build()));
  ASSERT_OK(InWriteTx([&](app::Tx& tx) -> StatusOr<int> {
              domain::Vendor v;
              v.user_id = vendor;
              v.company_name = "CV Maju Jaya " + Unique("v");
              v.npwp = std::to_string(200000000000000 + vendor);
              SPSE_RETURN_IF_ERROR(tx.vendors().Insert(v));
              return 0;
            }).status());
  domain::Participant p;
  p.tender_id = tender;
  p.vendor_user_id = vendor;
  p.joined_at = t + 5;
  p.pact_sha256 = std::string(64, 'a');
  p.client_addr = "10.0.0.9";
  ASSERT_OK(InWriteTx([&](app::Tx& tx) -> StatusOr<int> {
              SPSE_RETURN_IF_ERROR(tx.participation().Join(p));
              return 0;
            }).status());
  EXPECT_THAT(InWriteTx([&](app::Tx& tx) -> StatusOr<int> {
                SPSE_RETURN_IF_ERROR(tx.participation().Join(p));
                return 0;
              }).status(),
              StatusIs(Code::kAlreadyExists, "participation.already_joined"));
  ASSERT_OK_AND_ASSIGN(auto list, InReadTx([&](app::Tx& tx) { return tx.participation().Participants(tender); }));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].company_name.rfind("CV Maju Jaya ", 0), 0u);
  EXPECT_EQ(list[0].pact_sha256, std::string(64, 'a'));
  EXPECT_EQ(list[0].joined_at, t + 5);
  ASSERT_OK_AND_ASSIGN(auto n, InReadTx([&](app::Tx& tx) { return tx.participation().CountParticipants(tender); }));
  EXPECT_EQ(n, 1);
  ASSERT_OK_AND_ASSIGN(auto mine, InReadTx([&](app::Tx& tx) { return tx.participation().TendersOf(vendor); }));
  EXPECT_EQ(mine, std::vector<std::int64_t>{tender});
  ASSERT_OK_AND_ASSIGN(auto none, InReadTx([&](app::Tx& tx) { return tx.participation().Find(tender, vendor + 100000); }));
  EXPECT_FALSE(none.has_value());

  domain::TenderQuestion q;
  q.tender_id = tender;
  q.stage = "penjelasan";
  q.asked_by = vendor;
  q.asked_at = t + 10;
  q.question = "Apakah spesifikasi aspal boleh setara? — ✓";
  ASSERT_OK_AND_ASSIGN(std::int64_t qid, InWriteTx([&](app::Tx& tx) { return tx.participation().AddQuestion(q); }));
  auto answer = [&](const char* text) {
    return InWriteTx([&](app::Tx& tx) -> StatusOr<int> {
             SPSE_RETURN_IF_ERROR(tx.participation().Answer(qid, text, 1, t + 20));
             return 0;
           }).status();
  };
  ASSERT_OK(answer("Boleh, setara SNI."));
  EXPECT_THAT(answer("Tidak boleh."), StatusIs(Code::kFailedPrecondition, "aanwijzing.already_answered"));
  EXPECT_THAT(InWriteTx([&](app::Tx& tx) -> StatusOr<int> {
                SPSE_RETURN_IF_ERROR(tx.participation().Answer(qid + 100000, "x", 1, t));
                return 0;
              }).status(),
              StatusIs(Code::kNotFound, "aanwijzing.question_not_found"));
  ASSERT_OK_AND_ASSIGN(auto qs, InReadTx([&](app::Tx& tx) { return tx.participation().Questions(tender); }));
  ASSERT_EQ(qs.size(), 1u);
  EXPECT_EQ(qs[0].question, "Apakah spesifikasi aspal boleh setara? — ✓");
  EXPECT_EQ(qs[0].answer, "Boleh, setara SNI.");
  EXPECT_EQ(qs[0].answered_at, t + 20);
  EXPECT_EQ(qs[0].asked_by, vendor);

  domain::TenderMinutes m;
  m.tender_id = tender;
  m.kind = "penjelasan";
  m.stage = "penjelasan";
  m.number = "BA-PP/X/1";
  m.issued_at = t + 30;
  m.issued_by = vendor;
  m.blob_sha256 = std::string(64, 'b');
  m.size = 1234;
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.participation().AddMinutes(m); }).status());
  EXPECT_THAT(InWriteTx([&](app::Tx& tx) { return tx.participation().AddMinutes(m); }).status(),
              StatusIs(Code::kAlreadyExists, "minutes.already_issued"));
  ASSERT_OK_AND_ASSIGN(auto ms, InReadTx([&](app::Tx& tx) { return tx.participation().Minutes(tender); }));
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].size, 1234u);
  ASSERT_OK_AND_ASSIGN(auto refs, InReadTx([&](app::Tx& tx) { return tx.documents().CountBlobReferences(std::string(64, 'b')); }));
  EXPECT_EQ(refs, 1) << "a Berita Acara keeps its PDF from being removed";
}

}  // namespace
}  // namespace spse::storage::conformance
