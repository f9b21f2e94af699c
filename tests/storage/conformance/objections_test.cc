// ObjectionRepo through Store/Tx on both databases: objections round-trip
// every field with their attachments in order, per tender; one per vendor
// and decision; an answer, an appeal and an appeal answer are written once
// each and come back with their objection. Migration 0022's triggers make
// every table append-only in the database itself.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <memory>
#include <string>
#include <vector>

#include "domain/objection.h"
#include "storage/conformance/builders.h"
#include "storage/conformance/raw_session.h"
#include "storage/conformance/test_database.h"
#include "storage/database.h"
#include "storage/dialect.h"
#include "testing/status_matchers.h"

namespace spse::storage::conformance {
namespace {

using domain::Appeal;
using domain::AppealAnswer;
using domain::Attachment;
using domain::Consequence;
using domain::Objection;
using domain::ObjectionAnswer;
using ::testing::HasSubstr;

struct World {
  std::int64_t tender = 0, decision = 0, chair = 0, pa = 0, vendor_a = 0, vendor_b = 0;
};

World NewWorld() {
  auto w = InWriteTx([&](app::Tx& tx) -> StatusOr<World> {
    World out;
    SPSE_ASSIGN_OR_RETURN(std::int64_t package, InsertTenderPackage(tx, "konstruksi"));
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
    SPSE_ASSIGN_OR_RETURN(out.pa, tx.users().Insert(UserBuilder().Roles({domain::Role::kPaKpa}).Build()));
    SPSE_ASSIGN_OR_RETURN(out.vendor_a, tx.users().Insert(UserBuilder().Roles({domain::Role::kPenyedia}).Build()));
    SPSE_ASSIGN_OR_RETURN(out.vendor_b, tx.users().Insert(UserBuilder().Roles({domain::Role::kPenyedia}).Build()));
    domain::AwardDecision d;
    d.tender_id = out.tender;
    d.winner_vendor_id = out.vendor_b;
    d.decided_by = out.chair;
    d.minutes_number = "BA-HP/1";
    SPSE_ASSIGN_OR_RETURN(out.decision, tx.evaluation().InsertDecision(d));
    return out;
  });
  EXPECT_TRUE(w.ok()) << w.status().ToString();
  return w.ok() ? *w : World{};
}

Objection AnObjection(const World& w, std::int64_t vendor) {
  Objection o;
  o.tender_id = w.tender;
  o.decision_id = w.decision;
  o.vendor_id = vendor;
  o.filed_at = 1'700'000'000'000'000;
  o.reasons = "Koreksi aritmatik “keliru” — harga satuan baris 2";
  o.attachments = {Attachment{std::string(64, 'a'), "bukti-1.pdf", "application/pdf", 1234},
                   Attachment{std::string(64, 'b'), "bukti (2).pdf", "application/pdf", 99}};
  return o;
}

TEST(Objections, AnObjectionRoundTripsWithItsAttachmentsInOrderPerTender) {
  World w = NewWorld();
  World other = NewWorld();
  Objection a = AnObjection(w, w.vendor_a);
  Objection bare = AnObjection(w, w.vendor_b);
  bare.attachments.clear();
  std::int64_t first = 0, second = 0;
  ASSERT_OK(InWriteTx([&](app::Tx& tx) -> Status {
    SPSE_ASSIGN_OR_RETURN(first, tx.objections().Insert(a));
    SPSE_ASSIGN_OR_RETURN(second, tx.objections().Insert(bare));
    return tx.objections().Insert(AnObjection(other, other.vendor_a)).status();
  }));
  ASSERT_OK_AND_ASSIGN(const auto all,
                       InReadTx([&](app::Tx& tx) { return tx.objections().OfTender(w.tender); }));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, first);
  EXPECT_EQ(all[0].tender_id, w.tender);
  EXPECT_EQ(all[0].decision_id, w.decision);
  EXPECT_EQ(all[0].vendor_id, w.vendor_a);
  EXPECT_EQ(all[0].filed_at, 1'700'000'000'000'000);
  EXPECT_EQ(all[0].reasons, a.reasons);
  ASSERT_EQ(all[0].attachments.size(), 2u);
  EXPECT_EQ(all[0].attachments[0].sha256, std::string(64, 'a'));
  EXPECT_EQ(all[0].attachments[0].filename, "bukti-1.pdf");
  EXPECT_EQ(all[0].attachments[0].content_type, "application/pdf");
  EXPECT_EQ(all[0].attachments[0].size, 1234u);
  EXPECT_EQ(all[0].attachments[1].filename, "bukti (2).pdf");
  EXPECT_FALSE(all[0].answer.has_value());
  EXPECT_FALSE(all[0].appeal.has_value());
  EXPECT_EQ(all[1].id, second);
  EXPECT_TRUE(all[1].attachments.empty());
  ASSERT_OK_AND_ASSIGN(const auto none, InReadTx([&](app::Tx& tx) {
                         return tx.objections().OfTender(other.tender + 1000000);
                       }));
  EXPECT_TRUE(none.empty());
}

TEST(Objections, OneObjectionPerVendorAndDecision) {
  World w = NewWorld();
  ASSERT_OK(InWriteTx([&](app::Tx& tx) -> Status {
    SPSE_RETURN_IF_ERROR(tx.objections().Insert(AnObjection(w, w.vendor_a)).status());
    // The refusal leaves the transaction usable.
    EXPECT_THAT(tx.objections().Insert(AnObjection(w, w.vendor_a)).status(),
                StatusIs(Code::kAlreadyExists, "objection.already_filed"));
    return tx.objections().Insert(AnObjection(w, w.vendor_b)).status();
  }));
  ASSERT_OK_AND_ASSIGN(const auto all,
                       InReadTx([&](app::Tx& tx) { return tx.objections().OfTender(w.tender); }));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].attachments.size(), 2u);
}

TEST(Objections, AnswerAppealAndAppealAnswerAreWrittenOnceEach) {
  World w = NewWorld();
  ASSERT_OK_AND_ASSIGN(const std::int64_t id, InWriteTx([&](app::Tx& tx) {
                         return tx.objections().Insert(AnObjection(w, w.vendor_a));
                       }));
  ObjectionAnswer answer{id, false, "Sanggah tidak beralasan.", Consequence::kNone, w.chair, 5, true};
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.objections().Answer(answer); }));
  Appeal appeal;
  appeal.objection_id = id;
  appeal.vendor_id = w.vendor_a;
  appeal.filed_at = 6;
  appeal.reasons = "Banding";
  appeal.guarantee = {"Bank Jatim", "JSB/01", 12'000'000, 9'000'000'000'000'000};
  std::int64_t appeal_id = 0;
  ASSERT_OK(InWriteTx([&](app::Tx& tx) -> Status {
    ObjectionAnswer again = answer;
    again.upheld = true;
    EXPECT_THAT(tx.objections().Answer(again), StatusIs(Code::kAlreadyExists, "objection.already_answered"));
    SPSE_ASSIGN_OR_RETURN(appeal_id, tx.objections().InsertAppeal(appeal));
    EXPECT_THAT(tx.objections().InsertAppeal(appeal).status(),
                StatusIs(Code::kAlreadyExists, "appeal.already_filed"));
    return OkStatus();
  }));
  AppealAnswer verdict{appeal_id, true, "Banding diterima.", Consequence::kFail, w.pa, 7};
  ASSERT_OK(InWriteTx([&](app::Tx& tx) -> Status {
    SPSE_RETURN_IF_ERROR(tx.objections().AnswerAppeal(verdict));
    EXPECT_THAT(tx.objections().AnswerAppeal(verdict),
                StatusIs(Code::kAlreadyExists, "appeal.already_answered"));
    return OkStatus();
  }));
  ASSERT_OK_AND_ASSIGN(const auto all,
                       InReadTx([&](app::Tx& tx) { return tx.objections().OfTender(w.tender); }));
  ASSERT_EQ(all.size(), 1u);
  ASSERT_TRUE(all[0].answer.has_value());
  EXPECT_EQ(all[0].answer->objection_id, id);
  EXPECT_FALSE(all[0].answer->upheld);
  EXPECT_EQ(all[0].answer->text, "Sanggah tidak beralasan.");
  EXPECT_EQ(all[0].answer->consequence, Consequence::kNone);
  EXPECT_EQ(all[0].answer->answered_by, w.chair);
  EXPECT_EQ(all[0].answer->at, 5);
  EXPECT_TRUE(all[0].answer->late);
  ASSERT_TRUE(all[0].appeal.has_value());
  EXPECT_EQ(all[0].appeal->id, appeal_id);
  EXPECT_EQ(all[0].appeal->vendor_id, w.vendor_a);
  EXPECT_EQ(all[0].appeal->filed_at, 6);
  EXPECT_EQ(all[0].appeal->reasons, "Banding");
  EXPECT_EQ(all[0].appeal->guarantee.issuer, "Bank Jatim");
  EXPECT_EQ(all[0].appeal->guarantee.number, "JSB/01");
  EXPECT_EQ(all[0].appeal->guarantee.amount_rupiah, 12'000'000);
  EXPECT_EQ(all[0].appeal->guarantee.valid_until, 9'000'000'000'000'000);
  ASSERT_TRUE(all[0].appeal_answer.has_value());
  EXPECT_EQ(all[0].appeal_answer->appeal_id, appeal_id);
  EXPECT_TRUE(all[0].appeal_answer->upheld);
  EXPECT_EQ(all[0].appeal_answer->consequence, Consequence::kFail);
  EXPECT_EQ(all[0].appeal_answer->answered_by, w.pa);
  EXPECT_EQ(all[0].appeal_answer->at, 7);
}

// --- Append-only, in the database itself ---

TEST(ObjectionTablesAreAppendOnly, TheDatabaseRefusesToChangeDeleteOrEmptyARow) {
  World w = NewWorld();
  std::int64_t id = 0, appeal = 0;
  ASSERT_OK(InWriteTx([&](app::Tx& tx) -> Status {
    SPSE_ASSIGN_OR_RETURN(id, tx.objections().Insert(AnObjection(w, w.vendor_a)));
    SPSE_RETURN_IF_ERROR(tx.objections().Answer(
        ObjectionAnswer{id, false, "the original", Consequence::kNone, w.chair, 5, false}));
    Appeal a;
    a.objection_id = id;
    a.vendor_id = w.vendor_a;
    a.reasons = "the original";
    a.guarantee = {"Bank", "1", 1, 1};
    SPSE_ASSIGN_OR_RETURN(appeal, tx.objections().InsertAppeal(a));
    return tx.objections().AnswerAppeal(
        AppealAnswer{appeal, false, "the original", Consequence::kNone, w.pa, 6});
  }));
  struct Table {
    std::string name, key, column;
    std::int64_t id;
  };
  const Table tables[] = {
      {"objections", "id", "reasons", id},
      {"objection_attachments", "objection_id", "filename", id},
      {"objection_answers", "objection_id", "answer", id},
      {"appeals", "id", "reasons", appeal},
      {"appeal_answers", "appeal_id", "answer", appeal},
  };
  for (const Table& t : tables) {
    SCOPED_TRACE(t.name);
    const std::string where = " WHERE " + t.key + " = " + std::to_string(t.id);
    EXPECT_THAT(TryInRolledBackTx("UPDATE " + t.name + " SET " + t.column + " = 'rewritten'" + where),
                HasSubstr(t.name + " is append-only"));
    EXPECT_THAT(TryInRolledBackTx("DELETE FROM " + t.name + where),
                HasSubstr(t.name + " is append-only"));
    const std::string empty = TheStore().dialect() == "postgresql" ? "TRUNCATE " + t.name + " CASCADE"
                                                                   : "DELETE FROM " + t.name;
    EXPECT_THAT(TryInRolledBackTx(empty), HasSubstr("is append-only"));
  }
  ASSERT_OK_AND_ASSIGN(const auto all,
                       InReadTx([&](app::Tx& tx) { return tx.objections().OfTender(w.tender); }));
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].reasons, AnObjection(w, w.vendor_a).reasons);
  EXPECT_EQ(all[0].attachments.size(), 2u);
  EXPECT_EQ(all[0].answer->text, "the original");
  EXPECT_EQ(all[0].appeal->reasons, "the original");
  EXPECT_EQ(all[0].appeal_answer->text, "the original");
}

}  // namespace
}  // namespace spse::storage::conformance
