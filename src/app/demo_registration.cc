// Demo data for registration (Pasal 21): the demo vendors' registered
// identities and documents, and applications in every state the Verifikator
// meets: one waiting, one returned for correction, a non-vendor account
// waiting with its assignment letter.
#include <cstdio>

#include "app/actor.h"
#include "app/demo_data.h"
#include "app/stored_file.h"

namespace spse::app {
namespace {

using domain::AccountStatus;
using domain::DocumentKind;
using domain::Role;

struct DemoVendor {
  const char* username;
  const char* company;
  const char* form;
  const char* npwp;
  const char* address;
  const char* regency;
  const char* responsible;
  const char* position;
  const char* nik;
  AccountStatus status;
  const char* rejection;  // for a rejected application
};

constexpr DemoVendor kVendors[] = {
    {"cv.madura", "CV Madura Jaya Konstruksi", "CV", "012345678608000",
     "Jl. Raya Arosbaya No. 12", "Kabupaten Bangkalan", "H. Moh. Rofiq", "Direktur",
     "3526011203780001", AccountStatus::kVerified, nullptr},
    {"cv.sumber", "CV Sumber Rejeki Abadi", "CV", "023456789608000", "Jl. Trunojoyo No. 40",
     "Kabupaten Bangkalan", "Hj. Siti Khotijah", "Direktur", "3526015506820002",
     AccountStatus::kVerified, nullptr},
    {"pt.karya", "PT Bangkalan Karya Mandiri", "PT", "034567890608000",
     "Jl. Soekarno Hatta No. 88", "Kabupaten Bangkalan", "Ir. Bambang Wijaya", "Direktur Utama",
     "3526010101700003", AccountStatus::kVerified, nullptr},
    {"cv.arosbaya", "CV Arosbaya Teknik", "CV", "045678901608000", "Jl. Raya Arosbaya No. 3",
     "Kabupaten Bangkalan", "Abdul Halim", "Direktur", "3526012007850004",
     AccountStatus::kVerified, nullptr},
    {"cv.kamal", "CV Kamal Sejahtera", "CV", "056789012608000", "Jl. Raya Kamal No. 21",
     "Kabupaten Bangkalan", "Ahmad Zainuri", "Direktur", "3526031508880005",
     AccountStatus::kSubmitted, nullptr},
    {"ud.tanjung", "UD Tanjung Bumi", "UD", "3526042303900006", "Jl. Pelabuhan Tanjung Bumi No. 5",
     "Kabupaten Bangkalan", "Mat Rasid", "Pemilik", "3526042303900006", AccountStatus::kRejected,
     "Salinan akta pendirian tidak terbaca; unggah ulang hasil pindaian yang jelas."},
};

// A one-page PDF showing `line` (ASCII), small and valid: what a scanner's
// copy stands in for here.
std::string DemoPdf(const std::string& line) {
  std::string text;
  for (char c : line) {
    if (c == '(' || c == ')' || c == '\\') text += '\\';
    text += c;
  }
  const std::string content = "BT /F1 16 Tf 72 760 Td (" + text + ") Tj ET\n";
  const std::vector<std::string> objects = {
      "<</Type/Catalog/Pages 2 0 R>>",
      "<</Type/Pages/Kids[3 0 R]/Count 1>>",
      "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 4 0 R>>>>"
      "/Contents 5 0 R>>",
      "<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
      "<</Length " + std::to_string(content.size()) + ">>\nstream\n" + content + "endstream",
  };
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    char entry[24];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", off);
    pdf += entry;
  }
  pdf += "trailer\n<</Size " + std::to_string(objects.size() + 1) + "/Root 1 0 R>>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// A 1x1 PNG: a photographed KTP stands in for here. Every demo KTP shares
// this blob, as identical uploads do.
std::string DemoPng() {
  static const unsigned char kPng[] = {
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
      0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f,
      0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x64,
      0x60, 0xf8, 0x5f, 0x0f, 0x00, 0x02, 0x87, 0x01, 0x80, 0xeb, 0x47, 0xba, 0x92, 0x00, 0x00,
      0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
  return std::string(reinterpret_cast<const char*>(kPng), sizeof kPng);
}

StatusOr<domain::AccountDocument> StoreDocument(BlobPort& blobs, std::int64_t user_id,
                                                DocumentKind kind, const std::string& bytes,
                                                const std::string& filename, Micros at) {
  SPSE_ASSIGN_OR_RETURN(BlobInfo blob, StoreBytes(blobs, bytes));
  domain::AccountDocument d;
  d.user_id = user_id;
  d.kind = kind;
  if (kind == DocumentKind::kIzinUsaha) d.licence_type = "NIB";
  d.sha256 = blob.sha256;
  d.filename = filename;
  d.content_type = std::string(domain::SniffDocumentType(bytes));
  d.size = blob.size;
  d.uploaded_at = at;
  d.uploaded_by = user_id;
  return d;
}

}  // namespace

std::vector<DemoLogin> DemoRegistrationLogins() {
  return {{"cv.kamal", "penyedia", "Penyedia (menunggu verifikasi)"},
          {"ud.tanjung", "penyedia", "Penyedia (pendaftaran dikembalikan)"},
          {"ppk.socah", "ppk", "PPK (menunggu verifikasi surat tugas)"}};
}

StatusOr<DemoRegistrationReport> LoadDemoRegistrations(Store& store, AuthService& auth,
                                                       BlobPort& blobs, const Clock& clock) {
  const Micros now = clock.Now();
  const Actor actor{SystemPrincipal("system:demo"), "local"};
  SPSE_ASSIGN_OR_RETURN(std::string hash, auth.HashPassword(kDemoPassword));
  SPSE_ASSIGN_OR_RETURN(auto tx, store.Begin(Access::kWrite));
  SPSE_ASSIGN_OR_RETURN(auto verifikator, tx->users().FindByUsername("verifikator"));
  const std::int64_t verifier_id = verifikator ? verifikator->id : 0;
  DemoRegistrationReport report;
  for (const DemoVendor& d : kVendors) {
    SPSE_ASSIGN_OR_RETURN(auto user, tx->users().FindByUsername(d.username));
    if (!user) {
      // The applications that are not verified yet have no account in kUsers.
      User u;
      u.username = d.username;
      u.full_name = d.company;
      u.email = std::string(d.username) + "@demo.lpse.bangkalankab.go.id";
      u.roles.Add(Role::kPenyedia);
      u.password_hash = hash;
      u.created_at = now - 3 * kMicrosPerDay;
      SPSE_RETURN_IF_ERROR(domain::ValidateUser(u));
      SPSE_ASSIGN_OR_RETURN(u.id, tx->users().Insert(u));
      user = u;
      ++report.accounts_added;
    }
    SPSE_ASSIGN_OR_RETURN(auto existing, tx->vendors().FindByUser(user->id));
    if (existing) continue;
    domain::Vendor v;
    v.user_id = user->id;
    v.company_name = d.company;
    v.business_form = d.form;
    v.npwp = d.npwp;
    v.address = d.address;
    v.regency = d.regency;
    v.province = "Jawa Timur";
    v.phone = "(031) 3095" + std::to_string(100 + report.vendors_added);
    v.company_email = std::string(d.username) + "@demo.lpse.bangkalankab.go.id";
    v.responsible_name = d.responsible;
    v.responsible_position = d.position;
    v.responsible_nik = d.nik;
    v.created_at = user->created_at;
    v.updated_at = now;
    SPSE_RETURN_IF_ERROR(domain::ValidateVendor(v));
    SPSE_RETURN_IF_ERROR(tx->vendors().Insert(v));

    const Micros uploaded = now - 2 * kMicrosPerDay;
    std::vector<domain::AccountDocument> docs;
    SPSE_ASSIGN_OR_RETURN(auto ktp, StoreDocument(blobs, user->id, DocumentKind::kKtp, DemoPng(),
                                                  "ktp-direktur.png", uploaded));
    docs.push_back(ktp);
    for (auto [kind, title, file] :
         {std::tuple{DocumentKind::kAktaPendirian, "Akta Pendirian", "akta-pendirian.pdf"},
          std::tuple{DocumentKind::kNpwp, "NPWP", "npwp.pdf"},
          std::tuple{DocumentKind::kIzinUsaha, "Nomor Induk Berusaha (NIB)", "nib.pdf"}}) {
      SPSE_ASSIGN_OR_RETURN(auto doc, StoreDocument(blobs, user->id, kind,
                                                    DemoPdf(std::string(title) + " - " + d.company),
                                                    file, uploaded));
      docs.push_back(doc);
    }
    for (auto& doc : docs) {
      doc.original_seen = d.status == AccountStatus::kVerified;
      SPSE_RETURN_IF_ERROR(tx->documents().Insert(doc).status());
    }
    if (d.status != AccountStatus::kVerified) {
      user->verification.status = d.status;
      user->verification.submitted_at = now - kMicrosPerDay - report.vendors_added * kMicrosPerHour;
      if (d.rejection) {
        user->verification.rejection_note = d.rejection;
        user->verification.decided_at = now - 6 * kMicrosPerHour;
        user->verification.decided_by = verifier_id;
      }
      SPSE_RETURN_IF_ERROR(tx->users().Update(*user));
    }
    SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock, actor, "registration.create", "user",
                                    std::to_string(user->id),
                                    std::string("demo vendor '") + d.username + "' (" +
                                        std::string(domain::AccountStatusCode(d.status)) + ")"));
    ++report.vendors_added;
  }

  // A PPK account Admin Sistem made with its assignment letter, waiting.
  SPSE_ASSIGN_OR_RETURN(auto ppk, tx->users().FindByUsername("ppk.socah"));
  SPSE_ASSIGN_OR_RETURN(auto dpupr, tx->agencies().FindByCode("DPUPR"));
  if (!ppk && dpupr) {
    User u;
    u.username = "ppk.socah";
    u.full_name = "Moh. Ilyas, S.T.";
    u.email = "ppk.socah@demo.lpse.bangkalankab.go.id";
    u.roles.Add(Role::kPpk);
    u.agency_id = dpupr->id;
    u.password_hash = hash;
    u.created_at = now - kMicrosPerDay;
    u.verification.status = AccountStatus::kSubmitted;
    u.verification.submitted_at = u.created_at;
    SPSE_RETURN_IF_ERROR(domain::ValidateUser(u));
    SPSE_ASSIGN_OR_RETURN(u.id, tx->users().Insert(u));
    SPSE_ASSIGN_OR_RETURN(auto letter,
                          StoreDocument(blobs, u.id, DocumentKind::kSuratTugas,
                                        DemoPdf("Surat Tugas PPK Nomor 800/117/433.110/2026"),
                                        "surat-tugas-ppk.pdf", u.created_at));
    SPSE_RETURN_IF_ERROR(tx->documents().Insert(letter).status());
    SPSE_RETURN_IF_ERROR(WriteAudit(*tx, clock, actor, "user.create", "user", std::to_string(u.id),
                                    "demo account 'ppk.socah' (ppk) with its assignment letter"));
    ++report.accounts_added;
  }
  SPSE_RETURN_IF_ERROR(tx->Commit());
  return report;
}

}  // namespace spse::app
