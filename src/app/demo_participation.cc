// Demo vendors taking part in the demo tenders: each published tender has
// its qualification requirements and a Dokumen Pemilihan (a generated PDF);
// verified vendors joined with the Pakta Integritas and downloaded it;
// questions (some answered) in the tenders whose
// Pemberian Penjelasan has begun, and the Berita Acara of those whose
// penjelasan has ended, issued by the Pokja through ParticipationService as
// in real use. So the penjelasan pages, "Tender Saya" and the participant
// counts look like a working LPSE's.
#include <algorithm>

#include "app/actor.h"
#include "app/demo_data.h"
#include "app/participation_service.h"
#include "app/stored_file.h"
#include "domain/planning.h"
#include "domain/tender_documents.h"

namespace spse::app {
namespace {

constexpr const char* kLoadedKey = "demo.participation_loaded";

// Verified, active demo vendors with their company data.
constexpr const char* kVendors[] = {"cv.madura", "cv.sumber", "cv.kamal", "ud.tanjung"};

struct DemoQuestion {
  const char* question;
  const char* answer;
};

constexpr DemoQuestion kQuestions[] = {
    {"Apakah pengalaman pekerjaan sejenis dapat dibuktikan dengan kontrak dari pemberi kerja "
     "swasta, atau harus instansi pemerintah?",
     "Dapat dari pemberi kerja pemerintah maupun swasta, dibuktikan dengan kontrak dan berita "
     "acara serah terima pekerjaan."},
    {"Apakah peninjauan lapangan dijadwalkan bersama, atau peserta dapat meninjau lokasi "
     "sendiri?",
     "Peserta dapat meninjau lokasi sendiri pada jam kerja; koordinasi dengan PPK melalui "
     "nomor yang tercantum dalam Dokumen Pemilihan."},
    {"Mohon konfirmasi: apakah jaminan penawaran diperlukan untuk paket ini?",
     nullptr},
};

}  // namespace

namespace {

// The Dokumen Pemilihan of a demo tender: its facts and requirements.
PrintedDocument DemoSelectionDocument(const domain::Tender& t, const domain::Package& p,
                                      const std::vector<domain::Requirement>& requirements) {
  PrintedDocument doc;
  doc.issuer = "LPSE Kabupaten Bangkalan";
  doc.title = "DOKUMEN PEMILIHAN";
  doc.subtitle = t.code + " - " + p.name;
  PrintedSection head{"BAB I. Umum", {{"Kode tender", t.code}, {"Nama paket", p.name},
                                      {"Jenis kontrak", std::string(domain::ContractTypeName(p.contract_type))},
                                      {"Kualifikasi usaha", p.qualification}}, {}};
  doc.sections.push_back(std::move(head));
  PrintedSection req{"BAB II. Persyaratan Kualifikasi", {}, {}};
  for (const auto& r : requirements) req.paragraphs.push_back("- " + r.text);
  doc.sections.push_back(std::move(req));
  doc.sections.push_back(PrintedSection{
      "BAB III. Instruksi kepada Peserta",
      {},
      {"Penawaran disampaikan secara elektronik melalui SPSE sesuai jadwal tahapan pada halaman "
       "tender. Penjelasan dalam Berita Acara Pemberian Penjelasan menjadi bagian dari dokumen "
       "ini."}});
  doc.signatures.push_back(PrintedSignature{"Pokja Pemilihan", "Pokja Pemilihan 1 Tahun 2026", ""});
  return doc;
}

}  // namespace

StatusOr<int> LoadDemoParticipation(Store& store, ParticipationService& participation,
                                    CryptoPort& crypto, BlobPort& blobs, DocumentPrinter& printer,
                                    const Clock& clock) {
  const Actor system{SystemPrincipal("system:demo"), "local"};
  const Micros now = clock.Now();
  std::vector<std::pair<std::int64_t, std::string>> to_issue;  // tender, penjelasan stage
  Actor pokja;
  int joined = 0;
  {
    SPSE_ASSIGN_OR_RETURN(auto tx, store.Begin(Access::kWrite));
    SPSE_ASSIGN_OR_RETURN(auto loaded, tx->settings().Get(kLoadedKey));
    if (loaded) return 0;
    SPSE_ASSIGN_OR_RETURN(auto member, tx->users().FindByUsername("pokja2"));
    if (!member) return Internal("demo.user_missing", "pokja2");
    pokja.who.user_id = member->id;
    pokja.who.username = member->username;
    pokja.who.full_name = member->full_name;
    pokja.who.roles = member->roles;
    pokja.client_addr = "local";

    std::vector<domain::User> vendors;
    for (const char* username : kVendors) {
      SPSE_ASSIGN_OR_RETURN(auto u, tx->users().FindByUsername(username));
      if (u && u->active) vendors.push_back(*u);
    }
    TenderFilter published;
    published.limit = 100;
    published.running_only = true;
    SPSE_ASSIGN_OR_RETURN(auto found, tx->tenders().SearchPublic(published));
    std::vector<domain::Tender> tenders;
    for (auto& row : found) tenders.push_back(std::move(row.tender));
    std::sort(tenders.begin(), tenders.end(),
              [](const domain::Tender& a, const domain::Tender& b) { return a.id < b.id; });
    size_t n = 0;
    for (const domain::Tender& t : tenders) {
      if (t.status != domain::TenderStatus::kRunning || !t.published_at) continue;
      SPSE_ASSIGN_OR_RETURN(auto package, tx->packages().FindById(t.package_id));
      if (!package) continue;
      // Requirements and the Dokumen Pemilihan, set up before publication.
      SPSE_ASSIGN_OR_RETURN(auto items, tx->rup().FindById(package->rup_ids.front()));
      const auto requirements = domain::DefaultRequirements(
          items ? items->procurement_type : "barang", package->qualification);
      SPSE_RETURN_IF_ERROR(tx->tender_documents().ReplaceRequirements(t.id, requirements));
      SPSE_ASSIGN_OR_RETURN(
          BlobInfo blob, StorePrinted(printer, blobs, DemoSelectionDocument(t, *package, requirements)));
      domain::TenderDocument document;
      document.tender_id = t.id;
      document.kind = "dokumen_pemilihan";
      document.sha256 = blob.sha256;
      document.filename = "Dokumen Pemilihan " + t.code + ".pdf";
      document.content_type = "application/pdf";
      document.size = blob.size;
      document.uploaded_at = *t.published_at - kMicrosPerHour;
      document.uploaded_by = t.created_by;
      SPSE_ASSIGN_OR_RETURN(std::int64_t document_id, tx->tender_documents().AddDocument(document));
      // An invitation-only procedure takes only invited vendors (INV-01):
      // its Pokja or Pejabat Pengadaan invited every demo vendor at
      // publication, or as many as the catalogue allows (those who join).
      const domain::ProcedureSpec* procedure = participation.catalogue().Find(t.procedure_code);
      const bool invitation_only = procedure != nullptr && procedure->invitation_only;
      const size_t cap = invitation_only && procedure->max_invitees > 0
                             ? static_cast<size_t>(procedure->max_invitees)
                             : vendors.size();
      // Two to four vendors per tender (no more than are invited), a day
      // apart after publication; in the tenders that are over, which the
      // demo history carries through evaluation and award, every one the
      // Pokja invites or lets in, and two for a Pejabat Pengadaan.
      const size_t first = ++n;
      size_t count = std::min(2 + (first - 1) % 3, cap);
      if (t.schedule.back().end <= now) count = t.official_id ? std::min<size_t>(2, cap) : cap;
      if (invitation_only) {
        for (size_t i = 0; i < cap && i < vendors.size(); ++i) {
          domain::TenderInvitation inv;
          inv.tender_id = t.id;
          inv.vendor_id = vendors[(first + i) % vendors.size()].id;
          inv.invited_by = t.official_id.value_or(pokja.who.user_id);
          inv.invited_at = std::min(now, *t.published_at);
          SPSE_RETURN_IF_ERROR(tx->auction().Invite(inv).status());
        }
      }
      for (size_t i = 0; i < count && i < vendors.size(); ++i) {
        const domain::User& v = vendors[(first + i) % vendors.size()];
        SPSE_ASSIGN_OR_RETURN(auto company, tx->vendors().FindByUser(v.id));
        if (!company) continue;
        domain::Participant p;
        p.tender_id = t.id;
        p.vendor_user_id = v.id;
        p.joined_at = std::min(now, *t.published_at + static_cast<Micros>(i + 1) * kMicrosPerDay);
        p.pact_sha256 = crypto.Sha256Hex(domain::PaktaIntegritasText(
            company->company_name, company->responsible_name, company->responsible_position, t.code,
            package->name));
        p.client_addr = "local";
        SPSE_RETURN_IF_ERROR(tx->participation().Join(p));
        domain::DocumentDownload download;
        download.tender_id = t.id;
        download.document_id = document_id;
        download.user_id = v.id;
        download.at = std::min(now, p.joined_at + 10 * kMicrosPerMinute);
        download.client_addr = "local";
        SPSE_RETURN_IF_ERROR(tx->tender_documents().LogDownload(download));
        SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock, system, "tender.join", "tender",
                                        std::to_string(t.id),
                                        "demo: " + company->company_name + " " + t.code));
        ++joined;
      }
      // Questions once the penjelasan has begun; answers as the Pokja gave them.
      for (const auto& stage : t.schedule) {
        if (!domain::IsExplanationStage(stage.stage) || now < stage.start) continue;
        const bool ended = now >= stage.end;
        for (size_t q = 0; q < std::size(kQuestions); ++q) {
          const Micros asked = stage.start + static_cast<Micros>(q + 1) * kMicrosPerHour;
          if (asked >= std::min(now, stage.end)) break;
          domain::TenderQuestion question;
          question.tender_id = t.id;
          question.stage = stage.stage;
          question.asked_by = vendors[q % vendors.size()].id;
          question.asked_at = asked;
          question.question = kQuestions[q].question;
          SPSE_ASSIGN_OR_RETURN(std::int64_t id, tx->participation().AddQuestion(question));
          SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock, system, "aanwijzing.ask", "tender",
                                          std::to_string(t.id), "demo: pertanyaan #" + std::to_string(id)));
          const Micros answered = asked + kMicrosPerHour;
          if (kQuestions[q].answer == nullptr || answered >= std::min(now, stage.end)) continue;
          SPSE_RETURN_IF_ERROR(
              tx->participation().Answer(id, kQuestions[q].answer, member->id, answered));
          SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock, system, "aanwijzing.answer", "tender",
                                          std::to_string(t.id), "demo: jawaban #" + std::to_string(id)));
        }
        if (ended && t.pokja_group_id) to_issue.emplace_back(t.id, stage.stage);
      }
    }
    SPSE_RETURN_IF_ERROR(tx->settings().Put(kLoadedKey, std::to_string(now)));
    SPSE_RETURN_IF_ERROR(tx->Commit());
  }
  // The Berita Acara of every penjelasan that has ended, as the Pokja issues it.
  for (const auto& [tender, stage] : to_issue) {
    SPSE_RETURN_IF_ERROR(participation.IssueMinutes(pokja, tender, stage).status());
  }
  return joined;
}

}  // namespace spse::app
