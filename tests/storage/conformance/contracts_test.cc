// ContractRepo through Store/Tx on both databases: SPPBJ letters and
// contract versions round-trip every field, per tender, in order; an SPPBJ
// is stored once per award decision and a contract version once per SPPBJ;
// migration 0023's triggers make both tables append-only in the database
// itself (KTR-04: a correction is a new version, never an edit).
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <memory>
#include <string>
#include <vector>

#include "domain/contract.h"
#include "storage/conformance/builders.h"
#include "storage/conformance/raw_session.h"
#include "storage/conformance/test_database.h"
#include "storage/database.h"
#include "storage/dialect.h"
#include "testing/status_matchers.h"

namespace spse::storage::conformance {
namespace {

using domain::Contract;
using domain::Sppbj;
using ::testing::HasSubstr;

struct World {
  std::int64_t tender = 0, other_tender = 0, ppk = 0, vendor = 0;
  std::int64_t decision = 0, second_decision = 0, other_decision = 0;
};

StatusOr<std::int64_t> NewTender(app::Tx& tx) {
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
  return tx.tenders().Insert(t);
}

World NewWorld() {
  auto w = InWriteTx([&](app::Tx& tx) -> StatusOr<World> {
    World out;
    SPSE_ASSIGN_OR_RETURN(out.tender, NewTender(tx));
    SPSE_ASSIGN_OR_RETURN(out.other_tender, NewTender(tx));
    SPSE_ASSIGN_OR_RETURN(out.ppk, tx.users().Insert(UserBuilder().Roles({domain::Role::kPpk}).Build()));
    SPSE_ASSIGN_OR_RETURN(out.vendor, tx.users().Insert(UserBuilder().Roles({domain::Role::kPenyedia}).Build()));
    domain::AwardDecision d;
    d.tender_id = out.tender;
    d.winner_vendor_id = out.vendor;
    d.price_rupiah = 1'150'000'000;
    d.decided_by = out.ppk;
    d.minutes_number = "BA-HP/1";
    SPSE_ASSIGN_OR_RETURN(out.decision, tx.evaluation().InsertDecision(d));
    SPSE_ASSIGN_OR_RETURN(out.second_decision, tx.evaluation().InsertDecision(d));
    d.tender_id = out.other_tender;
    SPSE_ASSIGN_OR_RETURN(out.other_decision, tx.evaluation().InsertDecision(d));
    return out;
  });
  EXPECT_TRUE(w.ok()) << w.status().ToString();
  return w.ok() ? *w : World{};
}

Sppbj ASppbj(const World& w, std::int64_t tender, std::int64_t decision, const std::string& number) {
  Sppbj s;
  s.tender_id = tender;
  s.decision_id = decision;
  s.vendor_id = w.vendor;
  s.number = number;
  s.issued_at = 1'770'000'000'000'000;
  s.price_rupiah = 1'150'000'000;
  s.issued_by = w.ppk;
  s.pdf_sha256 = std::string(64, 'a');
  s.pdf_size = 48'213;
  return s;
}

Contract AContract(const World& w, std::int64_t sppbj, int version) {
  Contract c;
  c.tender_id = w.tender;
  c.sppbj_id = sppbj;
  c.version = version;
  c.number = "640/12/KONTRAK/433.101/2026 — revisi " + std::to_string(version);
  c.signed_on = "2026-03-12";
  c.value_rupiah = 1'100'000'000 + version;
  c.duration_days = 180;
  c.ppk_name = "Ir. Moh. Hasan, M.T.";
  c.ppk_nip = "19780312 200501 1 004";
  c.vendor_signatory = "Abdul Rahman";
  c.vendor_position = "Direktur Utama";
  c.recorded_by = w.ppk;
  c.at = 1'770'000'100'000'000 + version;
  c.reason = version > 1 ? "Salah ketik nilai kontrak" : "";
  c.pdf_sha256 = std::string(64, static_cast<char>('a' + version));
  c.pdf_size = 30'000 + static_cast<std::uint64_t>(version);
  return c;
}

TEST(Contracts, AnSppbjRoundTripsEveryFieldOncePerDecision) {
  const World w = NewWorld();
  const Sppbj s = ASppbj(w, w.tender, w.decision, "SPPBJ/TDR-000001/1");
  ASSERT_OK_AND_ASSIGN(std::int64_t id, InWriteTx([&](app::Tx& tx) { return tx.contracts().InsertSppbj(s); }));
  EXPECT_THAT(InWriteTx([&](app::Tx& tx) {
                return tx.contracts().InsertSppbj(ASppbj(w, w.tender, w.decision, "again"));
              }).status(),
              StatusIs(Code::kAlreadyExists, "contract.sppbj_exists"));
  // A later decision of the same tender (after a re-evaluation) gets its own.
  ASSERT_OK_AND_ASSIGN(std::int64_t second, InWriteTx([&](app::Tx& tx) {
                         return tx.contracts().InsertSppbj(
                             ASppbj(w, w.tender, w.second_decision, "SPPBJ/TDR-000001/2"));
                       }));
  ASSERT_OK(InWriteTx([&](app::Tx& tx) {
              return tx.contracts().InsertSppbj(
                  ASppbj(w, w.other_tender, w.other_decision, "elsewhere"));
            }).status());

  ASSERT_OK_AND_ASSIGN(auto all, InReadTx([&](app::Tx& tx) { return tx.contracts().SppbjsOf(w.tender); }));
  ASSERT_EQ(all.size(), 2u);
  const Sppbj& got = all[0];
  EXPECT_EQ(got.id, id);
  EXPECT_EQ(got.tender_id, w.tender);
  EXPECT_EQ(got.decision_id, w.decision);
  EXPECT_EQ(got.vendor_id, w.vendor);
  EXPECT_EQ(got.number, "SPPBJ/TDR-000001/1");
  EXPECT_EQ(got.issued_at, s.issued_at);
  EXPECT_EQ(got.price_rupiah, 1'150'000'000);
  EXPECT_EQ(got.issued_by, w.ppk);
  EXPECT_EQ(got.pdf_sha256, s.pdf_sha256);
  EXPECT_EQ(got.pdf_size, 48'213u);
  EXPECT_EQ(all[1].id, second);
}

TEST(Contracts, ContractVersionsRoundTripEveryFieldInVersionOrder) {
  const World w = NewWorld();
  ASSERT_OK_AND_ASSIGN(std::int64_t sppbj, InWriteTx([&](app::Tx& tx) {
                         return tx.contracts().InsertSppbj(ASppbj(w, w.tender, w.decision, "S/1"));
                       }));
  // Stored out of order on purpose: listed by version.
  ASSERT_OK(InWriteTx([&](app::Tx& tx) -> Status {
    SPSE_RETURN_IF_ERROR(tx.contracts().InsertContract(AContract(w, sppbj, 1)).status());
    return tx.contracts().InsertContract(AContract(w, sppbj, 2)).status();
  }));
  EXPECT_THAT(InWriteTx([&](app::Tx& tx) { return tx.contracts().InsertContract(AContract(w, sppbj, 2)); }).status(),
              StatusIs(Code::kAlreadyExists, "contract.version_exists"));
  ASSERT_OK_AND_ASSIGN(auto all, InReadTx([&](app::Tx& tx) { return tx.contracts().ContractsOf(w.tender); }));
  ASSERT_EQ(all.size(), 2u);
  for (int v = 1; v <= 2; ++v) {
    SCOPED_TRACE(v);
    const Contract want = AContract(w, sppbj, v);
    const Contract& got = all[static_cast<size_t>(v - 1)];
    EXPECT_GT(got.id, 0);
    EXPECT_EQ(got.tender_id, w.tender);
    EXPECT_EQ(got.sppbj_id, sppbj);
    EXPECT_EQ(got.version, v);
    EXPECT_EQ(got.number, want.number);
    EXPECT_EQ(got.signed_on, "2026-03-12");
    EXPECT_EQ(got.value_rupiah, want.value_rupiah);
    EXPECT_EQ(got.duration_days, 180);
    EXPECT_EQ(got.ppk_name, "Ir. Moh. Hasan, M.T.");
    EXPECT_EQ(got.ppk_nip, "19780312 200501 1 004");
    EXPECT_EQ(got.vendor_signatory, "Abdul Rahman");
    EXPECT_EQ(got.vendor_position, "Direktur Utama");
    EXPECT_EQ(got.recorded_by, w.ppk);
    EXPECT_EQ(got.at, want.at);
    EXPECT_EQ(got.reason, want.reason);
    EXPECT_EQ(got.pdf_sha256, want.pdf_sha256);
    EXPECT_EQ(got.pdf_size, want.pdf_size);
  }
  ASSERT_OK_AND_ASSIGN(auto other, InReadTx([&](app::Tx& tx) { return tx.contracts().ContractsOf(w.other_tender); }));
  EXPECT_TRUE(other.empty());
}

// --- Append-only, in the database itself ---

class ContractTablesAreAppendOnly : public ::testing::Test {
 protected:
  void SetUp() override {
    w_ = NewWorld();
    ASSERT_OK(InWriteTx([&](app::Tx& tx) -> Status {
      SPSE_ASSIGN_OR_RETURN(sppbj_, tx.contracts().InsertSppbj(ASppbj(w_, w_.tender, w_.decision, "S/1")));
      SPSE_ASSIGN_OR_RETURN(contract_, tx.contracts().InsertContract(AContract(w_, sppbj_, 1)));
      return OkStatus();
    }));
  }

  void ExpectUnchanged() {
    ASSERT_OK_AND_ASSIGN(auto letters, InReadTx([&](app::Tx& tx) { return tx.contracts().SppbjsOf(w_.tender); }));
    ASSERT_EQ(letters.size(), 1u);
    EXPECT_EQ(letters[0].number, "S/1");
    ASSERT_OK_AND_ASSIGN(auto contracts, InReadTx([&](app::Tx& tx) { return tx.contracts().ContractsOf(w_.tender); }));
    ASSERT_EQ(contracts.size(), 1u);
    EXPECT_EQ(contracts[0].value_rupiah, 1'100'000'001);
  }

  World w_;
  std::int64_t sppbj_ = 0, contract_ = 0;
};

TEST_F(ContractTablesAreAppendOnly, TheDatabaseRefusesToChangeARow) {
  EXPECT_THAT(TryInRolledBackTx("UPDATE sppbj_letters SET number = 'rewritten' WHERE id = " +
                                std::to_string(sppbj_)),
              HasSubstr("sppbj_letters is append-only"));
  EXPECT_THAT(TryInRolledBackTx("UPDATE contracts SET value_rupiah = 1 WHERE id = " +
                                std::to_string(contract_)),
              HasSubstr("contracts is append-only"));
  ExpectUnchanged();
}

TEST_F(ContractTablesAreAppendOnly, TheDatabaseRefusesToDeleteOrEmpty) {
  const bool pg = TheStore().dialect() == "postgresql";
  for (const std::string table : {"contracts", "sppbj_letters"}) {
    SCOPED_TRACE(table);
    EXPECT_THAT(TryInRolledBackTx("DELETE FROM " + table + " WHERE id > 0"),
                HasSubstr(table + " is append-only"));
    // SQLite has no TRUNCATE: an unqualified DELETE is how it empties a table.
    EXPECT_THAT(TryInRolledBackTx(pg ? "TRUNCATE " + table + " CASCADE" : "DELETE FROM " + table),
                HasSubstr("is append-only"));
  }
  ExpectUnchanged();
}

}  // namespace
}  // namespace spse::storage::conformance
