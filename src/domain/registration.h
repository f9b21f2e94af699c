// Registration and verification of SPSE users (Pasal 9(2-3), 21): the
// account's verification status and its legal transitions, the documents an
// applicant submits, and a vendor's registered identity with its NPWP.
#ifndef SPSE_DOMAIN_REGISTRATION_H_
#define SPSE_DOMAIN_REGISTRATION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"

namespace spse::domain {

// Where an account stands with the Verifikator. Accounts created by the
// operator (CLI, demo data) and every account older than registration are
// verified; a self-registered vendor starts as a draft; a non-vendor account
// made by Admin Sistem starts submitted (its assignment letter attached).
enum class AccountStatus { kVerified, kDraft, kSubmitted, kRejected };
std::string_view AccountStatusCode(AccountStatus s);  // "verified", "draft", "submitted", "rejected"
std::optional<AccountStatus> ParseAccountStatus(std::string_view code);

struct AccountVerification {
  AccountStatus status = AccountStatus::kVerified;
  std::string rejection_note;  // the Verifikator's reason, shown to the applicant
  std::optional<Micros> submitted_at;
  std::optional<Micros> decided_at;
  std::optional<std::int64_t> decided_by;
};

enum class VerificationEvent { kSubmit, kApprove, kReject };

// The state machine: draft -> submitted (submit), rejected -> submitted
// (submit), submitted -> verified (approve), submitted -> rejected (reject).
// Anything else is kFailedPrecondition "registration.illegal_transition".
StatusOr<AccountStatus> NextStatus(AccountStatus from, VerificationEvent event);
// Whether the applicant may still change data and documents.
bool ApplicationEditable(AccountStatus s);

// The documents of Pasal 21(1): a vendor's KTP, akta pendirian (and the
// latest akta perubahan), NPWP and business licence; a non-vendor user's
// assignment letter (surat tugas / SK).
enum class DocumentKind { kKtp, kAktaPendirian, kAktaPerubahan, kNpwp, kIzinUsaha, kSuratTugas };
std::string_view DocumentKindCode(DocumentKind k);
std::optional<DocumentKind> ParseDocumentKind(std::string_view code);
// The kinds a vendor uploads, in the order the forms show them.
const std::vector<DocumentKind>& VendorDocumentKinds();
// What a submission needs: KTP, akta pendirian, NPWP, izin usaha for a
// vendor; the surat tugas for anyone else.
std::vector<DocumentKind> RequiredDocuments(bool vendor);
// Licence types of an izin usaha: SIUP (trade, non-construction consulting),
// IUJK (construction), NIB (the single business number that replaced them).
bool ValidLicenceType(std::string_view type);

// Largest accepted document.
inline constexpr std::uint64_t kMaxDocumentBytes = 5u << 20;

struct AccountDocument {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  DocumentKind kind = DocumentKind::kKtp;
  std::string licence_type;  // with kIzinUsaha: "SIUP", "IUJK" or "NIB"
  std::string sha256;
  std::string filename;      // made safe (SafeFilename)
  std::string content_type;  // sniffed from the bytes
  std::uint64_t size = 0;
  Micros uploaded_at = 0;
  std::int64_t uploaded_by = 0;
  bool original_seen = false;  // the Verifikator saw the original
  std::optional<std::int64_t> superseded_by;  // a newer upload replaced it
  bool current() const { return !superseded_by; }
};
// Reasons: "document.kind_invalid" (a vendor uploads vendor kinds, others the
// surat tugas), "document.licence_type_invalid", "document.type_invalid"
// (content not PDF/PNG/JPEG), "document.too_large", "document.empty".
Status ValidateDocument(const AccountDocument& d, bool vendor);
// The kinds `required` has no current document for.
std::vector<DocumentKind> MissingDocuments(const std::vector<DocumentKind>& required,
                                           const std::vector<AccountDocument>& docs);

// NPWP: 15 digits, written bare or as 99.999.999.9-999.999, or the 16-digit
// form (NIK-based, since 2024). Returns the digits. Reasons:
// "vendor.npwp_required", "vendor.npwp_format" (other characters, or
// separators not where the 15-digit format puts them), "vendor.npwp_length".
StatusOr<std::string> NormalizeNpwp(std::string_view input);
// 99.999.999.9-999.999 for 15 digits; 16 digits as they are.
std::string FormatNpwp(std::string_view digits);
// For the public list: the formatted NPWP with all but the first two and last
// three digits hidden ("01.***.***.*-***.000"). A vendor's NPWP may be its
// owner's personal number (perorangan, or a NIK), so the portal shows only
// enough to tell vendors apart.
std::string MaskNpwp(std::string_view digits);

// A plausible email address: one '@' with a dotted domain after it, no
// spaces or header-breaking characters, at most 254 bytes.
bool EmailLooksValid(std::string_view email);

// Forms of business a vendor registers as.
const std::vector<std::string_view>& BusinessForms();  // "PT", "CV", ...

// A vendor's registered identity (one per vendor account).
struct Vendor {
  std::int64_t user_id = 0;
  std::string company_name;
  std::string business_form;
  std::string npwp;  // digits only (NormalizeNpwp)
  std::string address;
  std::string regency;   // kabupaten/kota
  std::string province;
  std::string phone;
  std::string company_email;
  std::string responsible_name;      // penanggung jawab
  std::string responsible_position;
  std::string responsible_nik;       // 16 digits
  Micros created_at = 0;
  Micros updated_at = 0;
};
// Reasons: "vendor.company_required", "vendor.form_invalid", NormalizeNpwp's,
// "vendor.address_required", "vendor.regency_required",
// "vendor.province_required", "vendor.phone_invalid", "vendor.email_invalid",
// "vendor.responsible_required", "vendor.position_required", "vendor.nik_invalid".
// REQUIRES: npwp already normalized, or it fails NormalizeNpwp's checks.
Status ValidateVendor(const Vendor& v);

}  // namespace spse::domain

#endif  // SPSE_DOMAIN_REGISTRATION_H_
