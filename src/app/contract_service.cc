#include "app/contract_service.h"

#include <algorithm>

#include "app/inbox_service.h"
#include "app/stored_file.h"
#include "base/civil.h"
#include "base/money.h"
#include "domain/objection.h"
#include "domain/permission.h"
#include "domain/planning.h"
#include "domain/registration.h"

namespace spse::app {

using domain::Contract;
using domain::Permission;
using domain::Sppbj;

namespace {

std::string Rupiah(std::int64_t r) { return Money::FromRupiah(r).Format(); }

// "2026-03-12" -> "12 Maret 2026".
std::string DateText(std::string_view date, const Zone& zone, Lang lang) {
  if (!IsCivilDate(date)) return std::string(date);
  return FormatDate(FromLocal(date, 12 * 60, zone.offset_minutes), zone, lang);
}

std::string FileName(std::string_view number) {
  std::string out(number);
  for (char& c : out) {
    if (c == '/' || c == '\\' || c == ' ' || c == '"') c = '-';
  }
  return out + ".pdf";
}

Contract FromInput(const ContractInput& in) {
  Contract c;
  c.number = in.number;
  c.signed_on = in.signed_on;
  c.value_rupiah = in.value_rupiah;
  c.duration_days = in.duration_days;
  c.ppk_name = in.ppk_name;
  c.ppk_nip = in.ppk_nip;
  c.vendor_signatory = in.vendor_signatory;
  c.vendor_position = in.vendor_position;
  c.reason = in.reason;
  return c;
}

}  // namespace

struct ContractService::Loaded {
  LoadedTender l;
  ContractView v;
};

StatusOr<ContractService::Loaded> ContractService::Load(Tx& tx, const Actor& actor,
                                                        std::int64_t tender_id) {
  if (!actor.who.signed_in()) return Unauthenticated("auth.required");
  Loaded ld;
  SPSE_ASSIGN_OR_RETURN(ld.l, LoadTender(tx, actor, catalogue_, tender_id));
  const domain::Package& pkg = ld.l.package;
  ContractView& v = ld.v;
  const Micros now = clock_.Now();
  v.is_ppk = domain::CheckPackagePpk(
                 {actor.who.user_id, domain::Authorize(actor.who, Permission::kManagePackages).ok()},
                 pkg)
                 .ok();
  const bool auditor = domain::Authorize(actor.who, Permission::kViewAudit).ok();

  SPSE_ASSIGN_OR_RETURN(auto decisions, tx.evaluation().DecisionsOf(tender_id));
  for (const auto& d : decisions) {
    if (!d.revoked_at) v.decision = d;
  }
  const bool winner = v.decision && v.decision->announced_at && v.decision->winner_vendor_id &&
                      *v.decision->winner_vendor_id == actor.who.user_id;
  if (!v.is_ppk && !ld.l.runs && !auditor && !winner) return NotFound("tender.not_found");

  v.method = catalogue_.FindEvaluation(ld.l.tender.evaluation);
  if (v.method == nullptr) return Internal("evaluation.method_missing", ld.l.tender.evaluation);
  v.package_name = pkg.name;
  v.package_code = pkg.code;
  v.contract_type = pkg.contract_type;
  SPSE_ASSIGN_OR_RETURN(v.hps, domain::HpsTotal(pkg.hps));
  std::vector<domain::RupItem> items;
  for (std::int64_t id : pkg.rup_ids) {
    SPSE_ASSIGN_OR_RETURN(auto item, tx.rup().FindById(id));
    if (item) items.push_back(*item);
  }
  v.pagu = domain::TotalPagu(items);
  SPSE_ASSIGN_OR_RETURN(auto ppk, tx.users().FindById(pkg.ppk_id));
  v.ppk_name = ppk ? ppk->full_name : std::string();

  SPSE_ASSIGN_OR_RETURN(auto letters, tx.contracts().SppbjsOf(tender_id));
  if (v.decision) {
    for (const auto& r : v.decision->results) {
      if (r.winner) v.winner_name = r.company_name;
    }
    if (v.decision->winner_vendor_id) {
      SPSE_ASSIGN_OR_RETURN(auto vendor, tx.vendors().FindByUser(*v.decision->winner_vendor_id));
      if (vendor) v.winner_npwp = vendor->npwp;
    }
    for (const auto& s : letters) {
      if (s.decision_id == v.decision->id) v.sppbj = s;
    }
  }
  if (v.sppbj) {
    SPSE_ASSIGN_OR_RETURN(auto all, tx.contracts().ContractsOf(tender_id));
    for (auto& c : all) {
      if (c.sppbj_id == v.sppbj->id) v.contracts.push_back(std::move(c));
    }
  }
  // Seleksi negotiates with the winner after the award: the SPPBJ waits for
  // that negotiation and takes its price.
  const auto& stages = ld.l.procedure->stages;
  const bool negotiates_after =
      ld.l.procedure->award_stage != "klarifikasi_negosiasi" &&
      std::any_of(stages.begin(), stages.end(),
                  [](const auto& st) { return st.code == "klarifikasi_negosiasi"; });
  if (negotiates_after && v.decision && v.decision->winner_vendor_id) {
    SPSE_ASSIGN_OR_RETURN(auto negotiations, tx.evaluation().NegotiationsOf(tender_id));
    for (const auto& n : negotiations) {
      if (n.vendor_id == *v.decision->winner_vendor_id && n.at >= v.decision->decided_at) {
        v.negotiated_rupiah = n.agreed_rupiah;
      }
    }
  }
  v.limits.award_price_rupiah =
      v.sppbj ? v.sppbj->price_rupiah
              : (v.decision ? v.negotiated_rupiah.value_or(v.decision->price_rupiah) : 0);
  v.limits.hps = v.hps;
  v.limits.pagu = v.pagu;
  v.limits.kind = v.method->kind;
  auto number = domain::SppbjNumber("", ld.l.tender.code, static_cast<int>(letters.size()) + 1);
  if (number.ok()) v.suggested_number = *number;

  const Status ppk_only = v.is_ppk ? OkStatus() : PermissionDenied("contract.ppk_only");
  domain::SppbjFacts facts;
  facts.tender = &ld.l.tender;
  facts.procedure = ld.l.procedure;
  facts.decision = v.decision ? &*v.decision : nullptr;
  facts.sppbj_issued = v.sppbj.has_value();
  // SGH-05: an unanswered objection, an open appeal period or an unanswered
  // appeal holds the SPPBJ back.
  {
    const std::string type = items.empty() ? std::string() : items.front().procurement_type;
    SPSE_ASSIGN_OR_RETURN(auto objections, tx.objections().OfTender(tender_id));
    facts.objection_pending =
        std::any_of(objections.begin(), objections.end(), [&](const domain::Objection& o) {
          return domain::ObjectionPending(*ld.l.procedure, type, o, now);
        });
  }
  facts.negotiation_pending = negotiates_after && !v.negotiated_rupiah;
  facts.now = now;
  v.may_issue = !ppk_only.ok() ? ppk_only : domain::CheckSppbj(facts);
  if (!ppk_only.ok()) {
    v.may_record = ppk_only;
  } else if (!v.sppbj) {
    v.may_record = FailedPrecondition("contract.no_sppbj");
  } else if (!v.contracts.empty()) {
    v.may_record = AlreadyExists("contract.exists");
  } else if (ld.l.tender.status != domain::TenderStatus::kRunning) {
    v.may_record = FailedPrecondition("tender.not_running");
  }
  if (!ppk_only.ok()) {
    v.may_correct = ppk_only;
  } else if (v.contracts.empty()) {
    v.may_correct = FailedPrecondition("contract.not_recorded");
  }
  v.tender = ld.l.tender;
  return ld;
}

StatusOr<ContractView> ContractService::View(const Actor& actor, std::int64_t tender_id) {
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(Loaded ld, Load(*tx, actor, tender_id));
  return std::move(ld.v);
}

StatusOr<std::int64_t> ContractService::IssueSppbj(const Actor& actor, std::int64_t tender_id,
                                                   std::string_view typed_number) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManagePackages));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(Loaded ld, Load(*tx, actor, tender_id));
  ContractView& v = ld.v;
  SPSE_RETURN_IF_ERROR(v.may_issue);
  SPSE_ASSIGN_OR_RETURN(auto letters, tx->contracts().SppbjsOf(tender_id));
  const Micros now = clock_.Now();
  Sppbj s;
  s.tender_id = tender_id;
  s.decision_id = v.decision->id;
  s.vendor_id = *v.decision->winner_vendor_id;
  SPSE_ASSIGN_OR_RETURN(s.number, domain::SppbjNumber(typed_number, ld.l.tender.code,
                                                      static_cast<int>(letters.size()) + 1));
  s.issued_at = now;
  s.price_rupiah = v.negotiated_rupiah.value_or(v.decision->price_rupiah);
  s.issued_by = actor.who.user_id;

  SPSE_ASSIGN_OR_RETURN(auto vendor, tx->vendors().FindByUser(s.vendor_id));
  const std::string address = vendor ? vendor->address : std::string("-");
  const std::string today = FormatDate(now, config_.zone, Lang::kId);
  PrintedDocument doc;
  doc.issuer = config_.lpse_name;
  doc.title = "SURAT PENUNJUKAN PENYEDIA BARANG/JASA";
  doc.subtitle = "Nomor: " + s.number;
  doc.sections.push_back(PrintedSection{
      "A. Paket",
      {{"Kode tender", ld.l.tender.code},
       {"Kode paket", ld.l.package.code},
       {"Nama paket", ld.l.package.name},
       {"Metode", domain::MethodText(*ld.l.procedure, ld.l.tender.evaluation)},
       {"Jenis kontrak", std::string(domain::ContractTypeName(ld.l.package.contract_type))},
       {"Nilai HPS", v.hps.Format()}},
      {}});
  doc.sections.push_back(PrintedSection{
      "B. Penyedia",
      {{"Nama perusahaan", v.winner_name},
       {"NPWP", v.winner_npwp.empty() ? "-" : domain::FormatNpwp(v.winner_npwp)},
       {"Alamat", address}},
      {}});
  doc.sections.push_back(PrintedSection{
      "C. Penunjukan",
      {{"Harga", Rupiah(s.price_rupiah)},
       {"Berita Acara Hasil Pemilihan", v.decision->minutes_number},
       {"Tanggal penetapan", FormatDate(v.decision->decided_at, config_.zone, Lang::kId)}},
      {"Berdasarkan Berita Acara Hasil Pemilihan Nomor " + v.decision->minutes_number +
           ", dengan ini kami menunjuk " + v.winner_name +
           " sebagai penyedia untuk melaksanakan pekerjaan " + ld.l.package.name +
           " dengan harga " + Rupiah(s.price_rupiah) + ".",
       "Saudara diminta menandatangani kontrak setelah surat penunjukan ini diterbitkan. "
       "Kegagalan menandatangani kontrak tanpa alasan yang dapat diterima dikenakan sanksi "
       "sesuai ketentuan."}});
  doc.signatures.push_back(
      PrintedSignature{"Pejabat Pembuat Komitmen, " + today, v.ppk_name, ""});
  SPSE_ASSIGN_OR_RETURN(BlobInfo blob, StorePrinted(printer_, blobs_, doc));
  s.pdf_sha256 = blob.sha256;
  s.pdf_size = blob.size;
  SPSE_ASSIGN_OR_RETURN(s.id, tx->contracts().InsertSppbj(s));
  SPSE_RETURN_IF_ERROR(WriteAudit(
      *tx, clock_, actor, "contract.sppbj_issued", "tender", std::to_string(tender_id),
      ld.l.tender.code + ": SPPBJ " + s.number + " kepada " + v.winner_name + " " +
          Rupiah(s.price_rupiah) + " (" + v.decision->minutes_number + "; sha256 " +
          s.pdf_sha256 + ")"));
  SPSE_ASSIGN_OR_RETURN(auto user, tx->users().FindById(s.vendor_id));
  if (user && user->active) {
    SPSE_RETURN_IF_ERROR(Notify(
        *tx, composer_, clock_, *user, "contract_sppbj",
        {{"name", user->full_name},
         {"code", ld.l.tender.code},
         {"package", ld.l.package.name},
         {"number", s.number},
         {"price", Rupiah(s.price_rupiah)},
         {"link", config_.base_url + "/tender/" + std::to_string(tender_id) + "/kontrak"}}));
  }
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return s.id;
}

StatusOr<std::int64_t> ContractService::RecordContract(const Actor& actor, std::int64_t tender_id,
                                                       const ContractInput& in) {
  return Record(actor, tender_id, in, false);
}

StatusOr<std::int64_t> ContractService::CorrectContract(const Actor& actor, std::int64_t tender_id,
                                                        const ContractInput& in) {
  return Record(actor, tender_id, in, true);
}

StatusOr<std::int64_t> ContractService::Record(const Actor& actor, std::int64_t tender_id,
                                               const ContractInput& in, bool correction) {
  SPSE_RETURN_IF_ERROR(domain::Authorize(actor.who, Permission::kManagePackages));
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(Loaded ld, Load(*tx, actor, tender_id));
  ContractView& v = ld.v;
  SPSE_RETURN_IF_ERROR(correction ? v.may_correct : v.may_record);
  const Micros now = clock_.Now();
  Contract c = FromInput(in);
  c.tender_id = tender_id;
  c.sppbj_id = v.sppbj->id;
  c.version = correction ? v.contracts.back().version + 1 : 1;
  if (!correction) c.reason.clear();
  c.recorded_by = actor.who.user_id;
  c.at = now;
  SPSE_RETURN_IF_ERROR(
      domain::CheckContract(c, *v.sppbj, v.limits, now, config_.zone.offset_minutes));

  PrintedDocument doc;
  doc.issuer = config_.lpse_name;
  doc.title = "RINGKASAN KONTRAK";
  doc.subtitle = "Nomor: " + c.number + (c.version > 1 ? " (versi " + std::to_string(c.version) + ")" : "");
  doc.sections.push_back(PrintedSection{
      "A. Paket",
      {{"Kode tender", ld.l.tender.code},
       {"Nama paket", ld.l.package.name},
       {"Jenis kontrak", std::string(domain::ContractTypeName(ld.l.package.contract_type))},
       {"SPPBJ", v.sppbj->number},
       {"Harga penetapan", Rupiah(v.sppbj->price_rupiah)}},
      {}});
  doc.sections.push_back(PrintedSection{
      "B. Kontrak",
      {{"Nomor kontrak", c.number},
       {"Tanggal penandatanganan", DateText(c.signed_on, config_.zone, Lang::kId)},
       {"Nilai kontrak", Rupiah(c.value_rupiah)},
       {"Jangka waktu pelaksanaan", std::to_string(c.duration_days) + " hari kalender"},
       {"Penyedia", v.winner_name},
       {"NPWP", v.winner_npwp.empty() ? "-" : domain::FormatNpwp(v.winner_npwp)}},
      {}});
  if (c.version > 1) {
    doc.sections.push_back(PrintedSection{
        "C. Koreksi",
        {{"Versi", std::to_string(c.version)},
         {"Menggantikan versi", std::to_string(c.version - 1)}},
        {"Alasan koreksi: " + c.reason}});
  }
  doc.signatures.push_back(
      PrintedSignature{"Pejabat Pembuat Komitmen", c.ppk_name, "NIP " + c.ppk_nip});
  doc.signatures.push_back(
      PrintedSignature{"Penyedia: " + v.winner_name, c.vendor_signatory, c.vendor_position});
  SPSE_ASSIGN_OR_RETURN(BlobInfo blob, StorePrinted(printer_, blobs_, doc));
  c.pdf_sha256 = blob.sha256;
  c.pdf_size = blob.size;
  SPSE_ASSIGN_OR_RETURN(c.id, tx->contracts().InsertContract(c));

  const std::string what = "kontrak " + c.number + " tanggal " + c.signed_on + ", nilai " +
                           Rupiah(c.value_rupiah) + ", " + std::to_string(c.duration_days) +
                           " hari; PPK " + c.ppk_name + " (NIP " + c.ppk_nip + "), penyedia " +
                           c.vendor_signatory + " (" + c.vendor_position + ")";
  if (correction) {
    SPSE_RETURN_IF_ERROR(WriteAudit(
        *tx, clock_, actor, "contract.corrected", "tender", std::to_string(tender_id),
        ld.l.tender.code + ": versi " + std::to_string(c.version) + " mengoreksi versi " +
            std::to_string(c.version - 1) + ": " + what + "; alasan: " + c.reason));
  } else {
    SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "contract.recorded", "tender",
                                    std::to_string(tender_id), ld.l.tender.code + ": " + what));
    // KTR-04: the contract finishes the tender.
    SPSE_ASSIGN_OR_RETURN(ld.l.tender.status, domain::NextTenderStatus(
                                                  ld.l.tender.status, domain::TenderEvent::kFinish));
    SPSE_RETURN_IF_ERROR(tx->tenders().Update(ld.l.tender));
    SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock_, actor, "tender.finish", "tender",
                                    std::to_string(tender_id),
                                    ld.l.tender.code + " selesai: kontrak " + c.number));
  }
  SPSE_ASSIGN_OR_RETURN(auto user, tx->users().FindById(v.sppbj->vendor_id));
  if (user && user->active) {
    SPSE_RETURN_IF_ERROR(Notify(
        *tx, composer_, clock_, *user, correction ? "contract_corrected" : "contract_recorded",
        {{"name", user->full_name},
         {"code", ld.l.tender.code},
         {"package", ld.l.package.name},
         {"number", c.number},
         {"signed_on", DateText(c.signed_on, config_.zone, Lang::kId)},
         {"signed_on_en", DateText(c.signed_on, config_.zone, Lang::kEn)},
         {"value", Rupiah(c.value_rupiah)},
         {"days", std::to_string(c.duration_days)},
         {"version", std::to_string(c.version)},
         {"reason", c.reason.empty() ? "-" : c.reason},
         {"link", config_.base_url + "/tender/" + std::to_string(tender_id) + "/kontrak"}}));
  }
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return c.id;
}

StatusOr<std::vector<PackageTender>> ContractService::TendersOfPackage(const Actor& actor,
                                                                      std::int64_t package_id) {
  std::vector<PackageTender> out;
  if (!domain::Authorize(actor.who, Permission::kManagePackages).ok()) return out;
  SPSE_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kRead));
  SPSE_ASSIGN_OR_RETURN(auto pkg, tx->packages().FindById(package_id));
  if (!pkg || !domain::CheckPackagePpk({actor.who.user_id, true}, *pkg).ok()) return out;
  SPSE_ASSIGN_OR_RETURN(auto tenders, tx->tenders().ForPackage(package_id));
  for (const auto& t : tenders) {
    if (t.status == domain::TenderStatus::kDraft) continue;
    out.push_back(PackageTender{t.id, t.code, t.status});
  }
  return out;
}

StatusOr<ContractService::File> ContractService::SppbjPdf(const Actor& actor,
                                                          std::int64_t tender_id) {
  SPSE_ASSIGN_OR_RETURN(ContractView v, View(actor, tender_id));
  if (!v.sppbj) return NotFound("contract.not_found");
  File f;
  SPSE_ASSIGN_OR_RETURN(f.path, blobs_.FileOf(v.sppbj->pdf_sha256));
  f.filename = FileName(v.sppbj->number);
  return f;
}

StatusOr<ContractService::File> ContractService::ContractPdf(const Actor& actor,
                                                             std::int64_t tender_id, int version) {
  SPSE_ASSIGN_OR_RETURN(ContractView v, View(actor, tender_id));
  for (const auto& c : v.contracts) {
    if (c.version != version) continue;
    File f;
    SPSE_ASSIGN_OR_RETURN(f.path, blobs_.FileOf(c.pdf_sha256));
    f.filename = FileName("Kontrak " + c.number + " v" + std::to_string(c.version));
    return f;
  }
  return NotFound("contract.not_found");
}

}  // namespace spse::app
