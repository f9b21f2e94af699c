#include "cli/demo_history.h"

#include <algorithm>

#include "app/auction_service.h"
#include "app/contract_service.h"
#include "app/evaluation_service.h"
#include "app/objection_service.h"
#include "app/opening_service.h"
#include "app/stored_file.h"
#include "base/civil.h"
#include "cli/demo_seal.h"

namespace spse::cli {
namespace {

using app::PublicTender;
using domain::EvalStage;

// The tenders of demo_tenders.cc that are over, and what became of them.
// Awarded to the lowest corrected price after the lowest bidder failed
// administration; that bidder's sanggah rejected; SPPBJ and contract.
constexpr const char* kRoad = "Rekonstruksi Jalan Raya Socah - Kamal";
// Awarded without objection; SPPBJ and contract.
constexpr const char* kMedicine = "Pengadaan Obat dan Bahan Medis Habis Pakai Puskesmas";
// Failed (gagal): every bid above the HPS. Its tender ulang runs now.
constexpr const char* kAmbulance = "Pengadaan Ambulans Puskesmas Keliling";
// Pengadaan Langsung: clarification and negotiation, SPPBJ and contract.
constexpr const char* kStationery = "Pengadaan Alat Tulis Kantor dan Barang Cetakan RSUD";
// Tender Cepat: the reverse auction, decided and announced; SPPBJ and contract.
constexpr const char* kPaving = "Pengadaan Material Paving Block Jalan Lingkungan";

constexpr const char* kProofPlace =
    "Ruang Rapat Bagian Pengadaan Barang/Jasa, Setda Kabupaten Bangkalan, Jl. Soekarno Hatta No. 1";

// One bidder's prices: each HPS line's unit price at `permille` of the
// HPS's (rounded to Rp 100), the stated total off the lines' sum by
// `stated_error` (an arithmetic slip the correction sets right).
struct Offer {
  int permille = 1000;
  std::int64_t stated_error = 0;
};

class History {
 public:
  History(const DemoHistoryServices& s, const demo::SealContext& seal,
          const std::vector<domain::User>& vendors)
      : s_(s),
        seal_(seal),
        vendors_(vendors),
        clock_(seal.clock.Now()),
        opening_(seal.store, seal.crypto, s.opener, seal.blobs, s.printer, clock_, s.catalogue,
                 {seal.config.lpse_name, seal.config.zone}),
        evaluation_(seal.store, seal.blobs, s.printer, s.opener, s.composer, clock_, s.catalogue,
                    {seal.config.lpse_name, seal.config.zone, s.public_url}),
        objections_(seal.store, s.composer, clock_, s.catalogue,
                    [calendar = s.calendar] { return calendar; }, {seal.config.zone, s.public_url}),
        contracts_(seal.store, seal.blobs, s.printer, s.composer, clock_, s.catalogue,
                   {seal.config.lpse_name, seal.config.zone, s.public_url}),
        auction_(seal.store, seal.blobs, s.printer, s.composer, clock_, s.catalogue, hub_,
                 {seal.config.lpse_name, seal.config.zone, s.public_url}) {}

  DemoHistoryReport report;

  // A tender run by the Pokja through award; the first bidder in `offers`
  // fails administration when `fail_first`. Returns the winner (0: none).
  StatusOr<std::int64_t> Award(const PublicTender& t, const demo::KeyHolders& pokja,
                               const std::vector<Offer>& offers, bool fail_first) {
    SPSE_ASSIGN_OR_RETURN(std::string pk, demo::SetTenderKey(seal_.store, seal_.clock, t.tender, pokja, 2));
    SPSE_RETURN_IF_ERROR(SealBids(t, pk, offers));
    SPSE_RETURN_IF_ERROR(At(t.tender, "pembukaan", 30 * kMicrosPerMinute));
    SPSE_RETURN_IF_ERROR(demo::GiveShares(seal_.store, opening_, t.tender.id, pokja, 2).status());
    SPSE_ASSIGN_OR_RETURN(domain::User chair, ChairOf(t.tender, pokja));
    const app::Actor by = demo::ActorOf(chair);
    // A member's own view first, then the Pokja's agreed result.
    const domain::User& member = pokja.users.back().id != chair.id ? pokja.users.back() : pokja.users.front();
    SPSE_RETURN_IF_ERROR(At(t.tender, "evaluasi", 2 * kMicrosPerHour));
    SPSE_RETURN_IF_ERROR(JudgeAll(t.tender, demo::ActorOf(member), false, fail_first ? FirstBidder(t) : 0));
    SPSE_RETURN_IF_ERROR(At(t.tender, "evaluasi", 5 * kMicrosPerHour));
    SPSE_RETURN_IF_ERROR(JudgeAll(t.tender, by, true, fail_first ? FirstBidder(t) : 0));
    SPSE_ASSIGN_OR_RETURN(app::EvaluationView v, evaluation_.View(by, t.tender.id));
    // The ranked bidders (the winner and the reserves) prove their qualification.
    if (Has(t.tender, "pembuktian")) {
      SPSE_RETURN_IF_ERROR(At(t.tender, "pembuktian", 30 * kMicrosPerMinute));
      int n = 0;
      for (const auto& b : v.bidders) {
        if (b.result.rank == 0) continue;
        SPSE_RETURN_IF_ERROR(evaluation_
                                 .InviteProof(by, t.tender.id, b.vendor_id,
                                              clock_.Now() + (2 + 2 * n++) * kMicrosPerHour, kProofPlace,
                                              "Membawa asli dokumen kualifikasi: akta, NIB, SPT "
                                              "tahunan, kontrak pengalaman dan bukti kepemilikan "
                                              "peralatan.")
                                 .status());
      }
      for (const auto& b : v.bidders) {
        if (b.result.rank == 0) continue;
        SPSE_RETURN_IF_ERROR(At(t.tender, "pembuktian", (3 + 2 * b.result.rank) * kMicrosPerHour));
        SPSE_RETURN_IF_ERROR(evaluation_.RecordProof(by, t.tender.id, b.vendor_id, true, ""));
      }
    }
    return Decide(t, by);
  }

  // The chair's decision in the award stage, and its announcement where it
  // is not announced at once.
  StatusOr<std::int64_t> Decide(const PublicTender& t, const app::Actor& by) {
    const domain::ProcedureSpec* p = s_.catalogue.Find(t.tender.procedure_code);
    SPSE_RETURN_IF_ERROR(At(t.tender, p->award_stage, kMicrosPerHour));
    SPSE_RETURN_IF_ERROR(evaluation_.Decide(by, t.tender.id).status());
    SPSE_ASSIGN_OR_RETURN(app::EvaluationView v, evaluation_.View(by, t.tender.id));
    // Announced at once where the award stage is the announcement's, and
    // when the selection failed.
    if (p->announce_stage != p->award_stage && v.outcome.winner_vendor_id) {
      SPSE_RETURN_IF_ERROR(At(t.tender, p->announce_stage, kMicrosPerHour));
      SPSE_RETURN_IF_ERROR(evaluation_.Announce(by, t.tender.id));
    }
    if (v.outcome.winner_vendor_id) {
      ++report.awarded;
    } else {
      ++report.failed;
    }
    return v.outcome.winner_vendor_id.value_or(0);
  }

  // A bidder that lost files a sanggah with a letter attached; the chair
  // rejects it with the reasons.
  Status Objection(const PublicTender& t, const demo::KeyHolders& pokja, const domain::User& objector,
                   const std::string& reasons, const std::string& answer) {
    SPSE_RETURN_IF_ERROR(At(t.tender, "sanggah", 3 * kMicrosPerHour));
    app::PrintedDocument letter;
    letter.issuer = CompanyOf(objector.id);
    letter.title = "SURAT SANGGAH";
    letter.subtitle = t.tender.code + " - " + t.package_name;
    letter.sections.push_back({"Pokok sanggahan", {}, {reasons}});
    letter.signatures.push_back({"Direktur", CompanyOf(objector.id), ""});
    SPSE_ASSIGN_OR_RETURN(app::BlobInfo blob, app::StorePrinted(s_.printer, seal_.blobs, letter));
    domain::Attachment a;
    a.sha256 = blob.sha256;
    a.filename = "Surat Sanggah " + t.tender.code + ".pdf";
    a.content_type = "application/pdf";
    a.size = blob.size;
    SPSE_ASSIGN_OR_RETURN(std::int64_t id,
                          objections_.File(demo::ActorOf(objector), t.tender.id, reasons, {a}));
    ++report.objections;
    SPSE_ASSIGN_OR_RETURN(domain::User chair, ChairOf(t.tender, pokja));
    SPSE_RETURN_IF_ERROR(At(t.tender, "sanggah", 6 * kMicrosPerHour));
    SPSE_RETURN_IF_ERROR(objections_.Answer(demo::ActorOf(chair), t.tender.id, id, false, answer, ""));
    // The SPPBJ waits while a sanggah banding may still come.
    const domain::ProcedureSpec* p = s_.catalogue.Find(t.tender.procedure_code);
    not_before_ = clock_.Now() + p->appeal_days * kMicrosPerDay + kMicrosPerHour;
    return OkStatus();
  }

  // The PPK's SPPBJ and the contract at the award price (or the one
  // negotiated), which finishes the tender.
  Status Contract(const PublicTender& t, int duration_days, const std::string& number) {
    SPSE_ASSIGN_OR_RETURN(domain::User ppk, PpkOf(t.tender));
    const app::Actor by = demo::ActorOf(ppk);
    SPSE_RETURN_IF_ERROR(At(t.tender, Has(t.tender, "sppbj") ? "sppbj" : "kontrak", kMicrosPerHour));
    SPSE_RETURN_IF_ERROR(NotBefore(not_before_));
    SPSE_RETURN_IF_ERROR(contracts_.IssueSppbj(by, t.tender.id, "").status());
    const Micros issued = clock_.Now();
    SPSE_RETURN_IF_ERROR(At(t.tender, "kontrak", 3 * kMicrosPerHour));
    SPSE_RETURN_IF_ERROR(NotBefore(issued + 2 * kMicrosPerHour));
    not_before_ = 0;
    SPSE_ASSIGN_OR_RETURN(app::ContractView v, contracts_.View(by, t.tender.id));
    if (!v.decision || !v.decision->winner_vendor_id) return Internal("demo.no_winner", t.tender.code);
    app::ContractInput in;
    in.number = number;
    in.signed_on = FormatInputDateTime(clock_.Now(), seal_.config.zone).substr(0, 10);
    in.value_rupiah = v.negotiated_rupiah.value_or(v.sppbj ? v.sppbj->price_rupiah : v.decision->price_rupiah);
    in.duration_days = duration_days;
    in.ppk_name = ppk.full_name;
    in.ppk_nip = "19780312 200501 1 004";
    SPSE_ASSIGN_OR_RETURN(auto company, [&]() -> StatusOr<std::optional<domain::Vendor>> {
      SPSE_ASSIGN_OR_RETURN(auto tx, seal_.store.Begin(app::Access::kRead));
      return tx->vendors().FindByUser(*v.decision->winner_vendor_id);
    }());
    if (!company) return Internal("demo.vendor_missing", t.tender.code);
    in.vendor_signatory = company->responsible_name;
    in.vendor_position = company->responsible_position;
    SPSE_RETURN_IF_ERROR(contracts_.RecordContract(by, t.tender.id, in).status());
    ++report.contracts;
    return OkStatus();
  }

  // A Pengadaan Langsung: the Pejabat Pengadaan opens alone, evaluates,
  // negotiates the lowest offer down by `discount_permille`, and decides.
  Status DirectProcurement(const PublicTender& t, const demo::KeyHolders& official,
                           const std::vector<Offer>& offers, int discount_permille) {
    SPSE_ASSIGN_OR_RETURN(std::string pk, demo::SetTenderKey(seal_.store, seal_.clock, t.tender, official, 1));
    SPSE_RETURN_IF_ERROR(SealBids(t, pk, offers));
    SPSE_RETURN_IF_ERROR(At(t.tender, "pembukaan", 30 * kMicrosPerMinute));
    SPSE_RETURN_IF_ERROR(demo::GiveShares(seal_.store, opening_, t.tender.id, official, 1).status());
    const app::Actor by = demo::ActorOf(official.users.front());
    SPSE_RETURN_IF_ERROR(At(t.tender, "evaluasi", 2 * kMicrosPerHour));
    SPSE_RETURN_IF_ERROR(JudgeAll(t.tender, by, true, 0));
    SPSE_ASSIGN_OR_RETURN(app::EvaluationView v, evaluation_.View(by, t.tender.id));
    std::int64_t price = 0;
    for (const auto& b : v.bidders) {
      if (b.result.rank == 1) price = b.result.evaluated_price_rupiah.value_or(0);
    }
    if (price == 0) return Internal("demo.no_candidate", t.tender.code);
    SPSE_RETURN_IF_ERROR(At(t.tender, "klarifikasi_negosiasi", kMicrosPerHour));
    const std::int64_t agreed = price * (1000 - discount_permille) / 1000 / 1000 * 1000;
    SPSE_RETURN_IF_ERROR(evaluation_
                             .RecordNegotiation(by, t.tender.id, agreed,
                                                "Klarifikasi spesifikasi kertas dan formulir sesuai "
                                                "contoh; penyedia menyetujui penurunan harga dengan "
                                                "pengiriman bertahap dua kali.")
                             .status());
    return Decide(t, by).status();
  }

  // A Tender Cepat: the registered vendors bid down in the auction's time
  // box, `rounds` times each (one stops after the first), and the chair
  // decides for the lowest price.
  Status Auction(const PublicTender& t, const demo::KeyHolders& pokja, int rounds) {
    SPSE_ASSIGN_OR_RETURN(auto participants, [&]() -> StatusOr<std::vector<domain::Participant>> {
      SPSE_ASSIGN_OR_RETURN(auto tx, seal_.store.Begin(app::Access::kRead));
      return tx->participation().Participants(t.tender.id);
    }());
    const std::int64_t hps = t.hps.sen() / 100;
    SPSE_RETURN_IF_ERROR(At(t.tender, "penawaran_harga", 10 * kMicrosPerMinute));
    for (int r = 0; r < rounds; ++r) {
      for (size_t i = 0; i < participants.size(); ++i) {
        if (r > 0 && i == participants.size() - 1) continue;  // stays with its first price
        const domain::User* v = VendorById(participants[i].vendor_user_id);
        if (v == nullptr) continue;
        const std::int64_t price = hps * (985 - 9 * static_cast<int>(i) - 14 * r) / 1000 / 1000 * 1000;
        SPSE_RETURN_IF_ERROR(auction_.Bid(demo::ActorOf(*v), t.tender.id, price).status());
        ++report.auction_bids;
        clock_.Advance(4 * kMicrosPerMinute + static_cast<Micros>(i) * 37 * kMicrosPerSecond);
      }
    }
    SPSE_ASSIGN_OR_RETURN(domain::User chair, ChairOf(t.tender, pokja));
    SPSE_RETURN_IF_ERROR(At(t.tender, "penetapan", kMicrosPerHour));
    SPSE_RETURN_IF_ERROR(auction_.Decide(demo::ActorOf(chair), t.tender.id).status());
    ++report.awarded;
    return OkStatus();
  }

  const domain::User* VendorById(std::int64_t id) const {
    for (const auto& v : vendors_) {
      if (v.id == id) return &v;
    }
    return nullptr;
  }

  StatusOr<std::vector<domain::Participant>> Participants(std::int64_t tender_id) {
    SPSE_ASSIGN_OR_RETURN(auto tx, seal_.store.Begin(app::Access::kRead));
    return tx->participation().Participants(tender_id);
  }

 private:
  // Sets the clock `offset` into the working hours of `stage` of `t` (as
  // officers and vendors work), short of its end.
  Status At(const domain::Tender& t, std::string_view stage, Micros offset) {
    const domain::WorkingCalendar& cal = s_.calendar;
    for (const auto& p : t.schedule) {
      if (p.stage != stage) continue;
      const Micros at = cal.NextWorkingTime(cal.NextWorkingTime(p.start) + offset);
      return Set(at < p.end - 30 * kMicrosPerMinute ? at : std::min(p.start + offset, p.end - 30 * kMicrosPerMinute));
    }
    return Internal("demo.stage_missing", t.code + " " + std::string(stage));
  }
  Status NotBefore(Micros at) {
    return at > clock_.Now() ? Set(s_.calendar.NextWorkingTime(at)) : OkStatus();
  }
  // The history stays in the past.
  Status Set(Micros at) {
    if (at >= seal_.clock.Now()) {
      return Internal("demo.history_in_future", FormatInputDateTime(at, seal_.config.zone));
    }
    clock_.Set(at);
    return OkStatus();
  }

  static bool Has(const domain::Tender& t, std::string_view stage) {
    return std::any_of(t.schedule.begin(), t.schedule.end(),
                       [&](const domain::StagePeriod& p) { return p.stage == stage; });
  }

  std::string CompanyOf(std::int64_t vendor_id) {
    auto tx = seal_.store.Begin(app::Access::kRead);
    if (!tx.ok()) return "";
    auto company = (*tx)->vendors().FindByUser(vendor_id);
    return company.ok() && *company ? (*company)->company_name : "";
  }

  StatusOr<domain::User> ChairOf(const domain::Tender& t, const demo::KeyHolders& pokja) {
    if (!t.pokja_group_id) return Internal("demo.pokja_missing", t.code);
    SPSE_ASSIGN_OR_RETURN(auto tx, seal_.store.Begin(app::Access::kRead));
    SPSE_ASSIGN_OR_RETURN(auto group, tx->pokja().FindById(*t.pokja_group_id));
    if (!group) return Internal("demo.pokja_missing", t.code);
    for (const auto& u : pokja.users) {
      if (u.id == group->chair_id) return u;
    }
    return Internal("demo.chair_missing", t.code);
  }

  StatusOr<domain::User> PpkOf(const domain::Tender& t) {
    SPSE_ASSIGN_OR_RETURN(auto tx, seal_.store.Begin(app::Access::kRead));
    SPSE_ASSIGN_OR_RETURN(auto package, tx->packages().FindById(t.package_id));
    if (!package) return Internal("demo.ppk_missing", t.code);
    SPSE_ASSIGN_OR_RETURN(auto ppk, tx->users().FindById(package->ppk_id));
    if (!ppk) return Internal("demo.ppk_missing", t.code);
    return *ppk;
  }

  // The bidder `offers` prices first.
  std::int64_t FirstBidder(const PublicTender& t) {
    auto participants = Participants(t.tender.id);
    return participants.ok() && !participants->empty() ? participants->front().vendor_user_id : 0;
  }

  // Each participant's bid (the i-th priced by offers[i]), received in the
  // last hours before the deadline.
  Status SealBids(const PublicTender& t, const std::string& pk, const std::vector<Offer>& offers) {
    SPSE_ASSIGN_OR_RETURN(auto participants, Participants(t.tender.id));
    SPSE_ASSIGN_OR_RETURN(auto package, [&]() -> StatusOr<std::optional<domain::Package>> {
      SPSE_ASSIGN_OR_RETURN(auto tx, seal_.store.Begin(app::Access::kRead));
      return tx->packages().FindById(t.tender.package_id);
    }());
    if (!package) return Internal("demo.package_missing", t.tender.code);
    const domain::StagePeriod* upload = nullptr;
    for (const auto& s : t.tender.schedule) {
      if (s.stage == "upload_penawaran") upload = &s;
    }
    if (upload == nullptr) return Internal("demo.stage_missing", t.tender.code);
    for (size_t i = 0; i < participants.size() && i < offers.size(); ++i) {
      const domain::User* vendor = VendorById(participants[i].vendor_user_id);
      if (vendor == nullptr) continue;
      std::vector<demo::PricedItem> items;
      std::int64_t total = 0;
      for (const auto& line : package->hps) {
        const std::int64_t unit = (line.unit_price.sen() / 100 * offers[i].permille / 1000 + 50) / 100 * 100;
        items.push_back({line.description, line.unit, line.quantity, unit});
        total += (line.quantity * unit + 50) / 100;
      }
      const int n = static_cast<int>(i) + 1;
      SPSE_RETURN_IF_ERROR(demo::SubmitReceivedBid(
          seal_, t, pk,
          {vendor, participants[i].company_name,
           demo::PriceFormJson(total + offers[i].stated_error, items),
           upload->end - static_cast<Micros>(2 * (offers.size() - i) + 1) * kMicrosPerHour, n}));
    }
    return OkStatus();
  }

  // Judges every bidder on every criterion of the stages the method and
  // procedure ask for; `failing` fails administration on its guarantee.
  Status JudgeAll(const domain::Tender& t, const app::Actor& by, bool agreed, std::int64_t failing) {
    SPSE_ASSIGN_OR_RETURN(app::EvaluationView v, evaluation_.View(by, t.id));
    if (v.method == nullptr) return Internal("demo.method_missing", t.code);
    for (const auto& b : v.bidders) {
      for (EvalStage stage : {EvalStage::kAdministration, EvalStage::kTechnical, EvalStage::kQualification}) {
        if (stage == EvalStage::kQualification && !v.judges_qualification) continue;
        // The guarantee fails (or, in a method without one, the first criterion).
        std::string fail_code;
        if (b.vendor_id == failing && stage == EvalStage::kAdministration) {
          for (const auto& c : v.method->criteria) {
            if (c.stage != stage) continue;
            if (fail_code.empty() || c.code == "adm-jaminan-penawaran") fail_code = c.code;
          }
        }
        std::vector<app::JudgementInput> in;
        for (const auto& c : v.method->criteria) {
          if (c.stage != stage) continue;
          app::JudgementInput j;
          j.criterion = c.code;
          j.pass = c.code != fail_code;
          j.score = 80;
          if (!j.pass) {
            j.reason = "Jaminan penawaran berlaku 14 hari kalender, kurang dari masa berlaku "
                       "penawaran yang disyaratkan (60 hari kalender)";
          }
          in.push_back(j);
        }
        if (in.empty()) continue;
        SPSE_RETURN_IF_ERROR(evaluation_.Judge(by, t.id, b.vendor_id, agreed, in).status());
        if (!fail_code.empty()) break;  // sistem gugur: not judged further
      }
    }
    return OkStatus();
  }

  const DemoHistoryServices& s_;
  const demo::SealContext& seal_;
  const std::vector<domain::User>& vendors_;
  FakeClock clock_;
  Micros not_before_ = 0;  // the SPPBJ's earliest time
  app::AuctionHub hub_;
  app::OpeningService opening_;
  app::EvaluationService evaluation_;
  app::ObjectionService objections_;
  app::ContractService contracts_;
  app::AuctionService auction_;
};

}  // namespace

StatusOr<DemoHistoryReport> LoadDemoHistory(const DemoHistoryServices& services,
                                            const demo::SealContext& seal,
                                            const std::vector<PublicTender>& tenders,
                                            const std::vector<domain::User>& vendors,
                                            const demo::KeyHolders& pokja,
                                            const demo::KeyHolders& official) {
  History h(services, seal, vendors);
  auto find = [&](const char* name) -> const PublicTender* {
    // The earliest tender of the package: a tender ulang comes after it.
    const PublicTender* found = nullptr;
    for (const auto& t : tenders) {
      if (t.package_name == name && (found == nullptr || t.tender.id < found->tender.id)) found = &t;
    }
    if (found != nullptr && found->tender.schedule.back().end > seal.clock.Now()) return nullptr;
    return found;
  };

  if (const PublicTender* t = find(kRoad)) {
    // The lowest bidder fails administration; the second's total has an
    // arithmetic slip; the third is the runner-up.
    SPSE_ASSIGN_OR_RETURN(std::int64_t winner,
                          h.Award(*t, pokja, {{940}, {965, -9'920'000}, {978}, {991}}, true));
    SPSE_ASSIGN_OR_RETURN(auto participants, h.Participants(t->tender.id));
    if (winner != 0 && !participants.empty()) {
      if (const domain::User* objector = h.VendorById(participants.front().vendor_user_id)) {
        SPSE_RETURN_IF_ERROR(h.Objection(
            *t, pokja, *objector,
            "Kami keberatan atas gugurnya penawaran kami pada evaluasi administrasi. Jaminan "
            "penawaran kami diterbitkan oleh bank umum dan sah; masa berlakunya dapat diperpanjang "
            "atas permintaan Pokja. Penawaran kami adalah yang terendah.",
            "Sanggah tidak diterima. Dokumen Pemilihan Bab III mensyaratkan masa berlaku jaminan "
            "penawaran sekurang-kurangnya sama dengan masa berlaku penawaran (60 hari kalender). "
            "Jaminan penawaran penyanggah berlaku 14 hari kalender, sehingga tidak memenuhi syarat "
            "dan tidak dapat diperbaiki setelah batas akhir penawaran."));
      }
      SPSE_RETURN_IF_ERROR(h.Contract(*t, 150, "027/KTR-BM/DPUPR/2026"));
    }
  }
  if (const PublicTender* t = find(kMedicine)) {
    SPSE_ASSIGN_OR_RETURN(std::int64_t winner, h.Award(*t, pokja, {{921}, {948}, {962}, {975}}, false));
    if (winner != 0) SPSE_RETURN_IF_ERROR(h.Contract(*t, 60, "440/KTR-FAR/DINKES/2026"));
  }
  if (const PublicTender* t = find(kAmbulance)) {
    SPSE_RETURN_IF_ERROR(h.Award(*t, pokja, {{1034}, {1058}, {1081}, {1102}}, false).status());
  }
  if (const PublicTender* t = find(kStationery); t != nullptr && !official.users.empty()) {
    SPSE_RETURN_IF_ERROR(h.DirectProcurement(*t, official, {{962}, {987}}, 30));
    SPSE_RETURN_IF_ERROR(h.Contract(*t, 30, "445/SPK-ATK/RSUD/2026"));
  }
  if (const PublicTender* t = find(kPaving)) {
    SPSE_RETURN_IF_ERROR(h.Auction(*t, pokja, 3));
    SPSE_RETURN_IF_ERROR(h.Contract(*t, 45, "602.1/SPK-PAV/DPUPR/2026"));
  }

  // The notices of the past went out at the time: none of them waits in
  // the outbox for a mail relay.
  SPSE_ASSIGN_OR_RETURN(auto tx, seal.store.Begin(app::Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(auto due, tx->outbox().ClaimDue(seal.clock.Now(), 0, 100'000));
  for (const domain::OutgoingMail& m : due) {
    if (m.created_at < seal.clock.Now()) SPSE_RETURN_IF_ERROR(tx->outbox().MarkSent(m.id, m.created_at));
  }
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return h.report;
}

}  // namespace spse::cli
