// A published tender on the shipped catalogue's Harga Terendah Sistem
// Gugur for a harga satuan package (HPS: 4.000 m2 x Rp 300.000 =
// Rp 1.200.000.000), with EvaluationService, its bidders and helpers that
// store bids as the opening leaves them: what the evaluation and objection
// tests start from.
#ifndef SPSE_TESTS_APP_EVALUATION_FIXTURE_H_
#define SPSE_TESTS_APP_EVALUATION_FIXTURE_H_

#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "app/evaluation_service.h"
#include "app/tender_fixture.h"
#include "crypto/envelope_opener.h"
#include "pdf/haru_printer.h"
#include "storage/blob_store.h"

namespace spse::app {

class EvaluationFixture : public TenderFixture {
 protected:
  void SetUp() override {
    TenderFixture::SetUp();
    auto blobs = storage::BlobStore::Open(dir_ / "blobs");
    ASSERT_TRUE(blobs.ok());
    blobs_ = std::move(*blobs);
    evaluation_ = std::make_unique<EvaluationService>(
        *store_, *blobs_, printer_, opener_, *composer_, clock_, catalogue_,
        EvaluationConfig{"LPSE Kabupaten Bangkalan", kWib, kPublicUrl});
    maju_ = Vendor("cv.maju", "CV Maju Jaya");
    rival_ = Vendor("pt.rival", "PT Rival Konstruksi");
    ketiga_ = Vendor("cv.ketiga", "CV Ketiga Abadi");
    tender_ = ReadyDraft();
    ASSERT_OK(service_->Publish(chair_, tender_));
    ASSERT_OK_AND_ASSIGN(TenderView v, service_->Get(chair_, tender_));
    schedule_ = v.tender.schedule;
    method_ = catalogue_.FindEvaluation("harga_terendah_gugur");
    ASSERT_NE(method_, nullptr);
  }

  // A bid as it stands after the opening: submitted at `at` into the bid
  // stage, its price form opened with one priced line for the HPS's.
  void Bid(const Actor& who, std::int64_t stated, const std::string& quantity,
           std::int64_t unit_price, Micros into) {
    ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Access::kWrite));
    ASSERT_OK_AND_ASSIGN(auto tender, tx->tenders().FindById(tender_));
    ASSERT_TRUE(tender.has_value());
    const domain::ProcedureSpec* procedure = catalogue_.Find(tender->procedure_code);
    ASSERT_NE(procedure, nullptr);
    if (procedure->invitation_only) {  // INV-01: only invited vendors joined
      domain::TenderInvitation inv;
      inv.tender_id = tender_;
      inv.vendor_id = who.who.user_id;
      inv.invited_by = tender->official_id.value_or(tender->created_by);
      inv.invited_at = schedule_.front().start;
      ASSERT_OK(tx->auction().Invite(inv).status());
    }
    domain::Participant p;
    p.tender_id = tender_;
    p.vendor_user_id = who.who.user_id;
    p.joined_at = schedule_.front().start;
    p.pact_sha256 = crypto_.Sha256Hex("pakta");
    ASSERT_OK(tx->participation().Join(p));
    domain::Bid b;
    b.tender_id = tender_;
    b.vendor_user_id = who.who.user_id;
    b.envelope = domain::Envelope::kSingle;
    b.created_at = schedule_[Stage("upload_penawaran")].start + into;
    domain::BidFile f;
    f.name = "penawaran-harga.json";
    f.price_form = true;
    f.size = 400;
    f.sha256 = crypto_.Sha256Hex(who.who.username);
    f.upload_id = "u-" + who.who.username;
    b.files = {f};
    ASSERT_OK_AND_ASSIGN(std::int64_t id, tx->bids().InsertBid(b));
    ASSERT_OK(tx->bids().SubmitBid(id, b.created_at, "{}", "sig"));
    const std::string form = R"({"v":1,"price":")" + std::to_string(stated) +
                             R"(","currency":"IDR","items":[{"description":"Lapis AC-WC","unit":"m2","quantity":")" +
                             quantity + R"(","unit_price":")" + std::to_string(unit_price) + R"("}]})";
    ASSERT_OK(tx->bids().RecordPrice(domain::BidPrice{id, stated, "", form}));
    ASSERT_OK(tx->Commit());
  }

  void Open() {
    ASSERT_OK_AND_ASSIGN(auto tx, store_->Begin(Access::kWrite));
    domain::EnvelopeOpening o;
    o.tender_id = tender_;
    o.envelope = domain::Envelope::kSingle;
    o.opened_at = clock_.Now();
    o.opened_by = chair_.who.user_id;
    o.holders = std::to_string(chair_.who.user_id);
    o.minutes_number = "BA-PB/x/TUNGGAL";
    o.minutes_sha256 = crypto_.Sha256Hex("ba");
    o.minutes_size = 1;
    ASSERT_OK(tx->bids().InsertOpening(o));
    ASSERT_OK(tx->Commit());
  }

  // The three bids of the worked example, opened at the pembukaan.
  //   CV Maju Jaya  states Rp 1.100.000.000 but prices 4.000 m2 at
  //                 Rp 290.000: corrected Rp 1.160.000.000;
  //   PT Rival      states Rp 1.150.000.000 = 4.000 m2 x Rp 287.500;
  //   CV Ketiga     states Rp 1.050.000.000 = 3.500 m2 x Rp 300.000, the
  //                 HPS quantity counts: corrected Rp 1.200.000.000.
  void ThreeBidsOpened() {
    At("upload_penawaran");
    Bid(maju_, 1'100'000'000, "4000", 290'000, kMicrosPerHour);
    Bid(rival_, 1'150'000'000, "4000", 287'500, 2 * kMicrosPerHour);
    Bid(ketiga_, 1'050'000'000, "3500", 300'000, 3 * kMicrosPerHour);
    At("pembukaan");
    Open();
    At("evaluasi");
  }

  // Every criterion of `stage` passes (the first one fails when `fail_first`).
  std::vector<JudgementInput> Criteria(domain::EvalStage stage, bool fail_first = false) {
    std::vector<JudgementInput> out;
    for (const auto& c : method_->criteria) {
      if (c.stage != stage) continue;
      JudgementInput in;
      in.criterion = c.code;
      in.pass = !(fail_first && out.empty());
      if (!in.pass) in.reason = "Surat penawaran tidak ditandatangani";
      out.push_back(in);
    }
    return out;
  }

  void AgreeAll(const Actor& vendor, bool fail_admin = false) {
    for (domain::EvalStage s : {domain::EvalStage::kAdministration, domain::EvalStage::kTechnical, domain::EvalStage::kQualification}) {
      auto in = Criteria(s, fail_admin && s == domain::EvalStage::kAdministration);
      if (in.empty()) continue;
      ASSERT_OK(evaluation_->Judge(chair_, tender_, vendor.who.user_id, true, in).status());
    }
  }

  const BidderEvaluation& Of(const EvaluationView& v, const Actor& vendor) {
    for (const auto& b : v.bidders) {
      if (b.vendor_id == vendor.who.user_id) return b;
    }
    ADD_FAILURE() << "no bidder " << vendor.who.username;
    return v.bidders.front();
  }

  std::string PdfText(const std::string& path) {
    const std::string out = (dir_ / "ba.txt").string();
    const std::string cmd = "pdftotext -layout '" + path + "' '" + out + "' 2>/dev/null";
    if (std::system(cmd.c_str()) != 0) return "";
    std::ifstream in(out);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  crypto::SodiumEnvelopeOpener opener_;
  pdf::HaruPrinter printer_;
  std::unique_ptr<storage::BlobStore> blobs_;
  std::unique_ptr<EvaluationService> evaluation_;
  const domain::EvaluationSpec* method_ = nullptr;
  Actor maju_, rival_, ketiga_;
  std::int64_t tender_ = 0;
};

}  // namespace spse::app

#endif  // SPSE_TESTS_APP_EVALUATION_FIXTURE_H_
