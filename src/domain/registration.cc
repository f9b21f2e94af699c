#include "domain/registration.h"

#include <algorithm>

namespace spse::domain {
namespace {

bool Blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

bool AllDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

bool EmailLooksValid(std::string_view email) {
  const size_t at = email.find('@');
  return at != std::string_view::npos && at > 0 && email.find('.', at) != std::string_view::npos &&
         email.find('@', at + 1) == std::string_view::npos && email.size() <= 254 &&
         email.find_first_of(" \t\r\n<>,;\"") == std::string_view::npos;
}

std::string_view AccountStatusCode(AccountStatus s) {
  switch (s) {
    case AccountStatus::kVerified: return "verified";
    case AccountStatus::kDraft: return "draft";
    case AccountStatus::kSubmitted: return "submitted";
    case AccountStatus::kRejected: return "rejected";
  }
  return "";
}

std::optional<AccountStatus> ParseAccountStatus(std::string_view code) {
  for (AccountStatus s : {AccountStatus::kVerified, AccountStatus::kDraft, AccountStatus::kSubmitted,
                          AccountStatus::kRejected}) {
    if (AccountStatusCode(s) == code) return s;
  }
  return std::nullopt;
}

StatusOr<AccountStatus> NextStatus(AccountStatus from, VerificationEvent event) {
  switch (event) {
    case VerificationEvent::kSubmit:
      if (from == AccountStatus::kDraft || from == AccountStatus::kRejected) {
        return AccountStatus::kSubmitted;
      }
      break;
    case VerificationEvent::kApprove:
      if (from == AccountStatus::kSubmitted) return AccountStatus::kVerified;
      break;
    case VerificationEvent::kReject:
      if (from == AccountStatus::kSubmitted) return AccountStatus::kRejected;
      break;
  }
  return FailedPrecondition("registration.illegal_transition",
                            std::string(AccountStatusCode(from)));
}

bool ApplicationEditable(AccountStatus s) {
  return s == AccountStatus::kDraft || s == AccountStatus::kRejected;
}

std::string_view DocumentKindCode(DocumentKind k) {
  switch (k) {
    case DocumentKind::kKtp: return "ktp";
    case DocumentKind::kAktaPendirian: return "akta_pendirian";
    case DocumentKind::kAktaPerubahan: return "akta_perubahan";
    case DocumentKind::kNpwp: return "npwp";
    case DocumentKind::kIzinUsaha: return "izin_usaha";
    case DocumentKind::kSuratTugas: return "surat_tugas";
  }
  return "";
}

std::optional<DocumentKind> ParseDocumentKind(std::string_view code) {
  for (DocumentKind k : {DocumentKind::kKtp, DocumentKind::kAktaPendirian,
                         DocumentKind::kAktaPerubahan, DocumentKind::kNpwp,
                         DocumentKind::kIzinUsaha, DocumentKind::kSuratTugas}) {
    if (DocumentKindCode(k) == code) return k;
  }
  return std::nullopt;
}

const std::vector<DocumentKind>& VendorDocumentKinds() {
  static const std::vector<DocumentKind> kinds = {
      DocumentKind::kKtp, DocumentKind::kAktaPendirian, DocumentKind::kAktaPerubahan,
      DocumentKind::kNpwp, DocumentKind::kIzinUsaha};
  return kinds;
}

std::vector<DocumentKind> RequiredDocuments(bool vendor) {
  if (!vendor) return {DocumentKind::kSuratTugas};
  return {DocumentKind::kKtp, DocumentKind::kAktaPendirian, DocumentKind::kNpwp,
          DocumentKind::kIzinUsaha};
}

bool ValidLicenceType(std::string_view type) {
  return type == "SIUP" || type == "IUJK" || type == "NIB";
}

Status ValidateDocument(const AccountDocument& d, bool vendor) {
  const bool vendor_kind = d.kind != DocumentKind::kSuratTugas;
  if (vendor != vendor_kind) return InvalidArgument("document.kind_invalid");
  if (d.kind == DocumentKind::kIzinUsaha) {
    if (!ValidLicenceType(d.licence_type)) return InvalidArgument("document.licence_type_invalid");
  } else if (!d.licence_type.empty()) {
    return InvalidArgument("document.licence_type_invalid");
  }
  if (d.size == 0) return InvalidArgument("document.empty");
  if (d.size > kMaxDocumentBytes) return InvalidArgument("document.too_large");
  if (d.content_type != "application/pdf" && d.content_type != "image/png" &&
      d.content_type != "image/jpeg") {
    return InvalidArgument("document.type_invalid");
  }
  return OkStatus();
}

std::vector<DocumentKind> MissingDocuments(const std::vector<DocumentKind>& required,
                                           const std::vector<AccountDocument>& docs) {
  std::vector<DocumentKind> missing;
  for (DocumentKind k : required) {
    const bool present = std::any_of(docs.begin(), docs.end(), [k](const AccountDocument& d) {
      return d.kind == k && d.current();
    });
    if (!present) missing.push_back(k);
  }
  return missing;
}

StatusOr<std::string> NormalizeNpwp(std::string_view input) {
  const size_t b = input.find_first_not_of(" \t");
  if (b == std::string_view::npos) return InvalidArgument("vendor.npwp_required");
  input = input.substr(b, input.find_last_not_of(" \t") - b + 1);
  std::string digits;
  bool separators = false;
  for (char c : input) {
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c == '.' || c == '-') {
      separators = true;
    } else {
      return InvalidArgument("vendor.npwp_format");
    }
  }
  if (separators) {
    // Only the 15-digit number is written with separators: 99.999.999.9-999.999.
    static constexpr std::string_view kPattern = "99.999.999.9-999.999";
    if (input.size() != kPattern.size()) {
      return digits.size() == 15 ? InvalidArgument("vendor.npwp_format")
                                 : InvalidArgument("vendor.npwp_length");
    }
    for (size_t i = 0; i < kPattern.size(); ++i) {
      const bool want_digit = kPattern[i] == '9';
      const bool is_digit = input[i] >= '0' && input[i] <= '9';
      if (want_digit != is_digit || (!want_digit && input[i] != kPattern[i])) {
        return InvalidArgument("vendor.npwp_format");
      }
    }
  }
  if (digits.size() != 15 && digits.size() != 16) return InvalidArgument("vendor.npwp_length");
  if (digits.find_first_not_of('0') == std::string::npos) return InvalidArgument("vendor.npwp_format");
  return digits;
}

std::string FormatNpwp(std::string_view d) {
  if (d.size() != 15) return std::string(d);
  std::string out;
  out.append(d.substr(0, 2)).append(".").append(d.substr(2, 3)).append(".");
  out.append(d.substr(5, 3)).append(".").append(d.substr(8, 1)).append("-");
  out.append(d.substr(9, 3)).append(".").append(d.substr(12, 3));
  return out;
}

std::string MaskNpwp(std::string_view digits) {
  if (digits.size() < 6) return std::string(digits.size(), '*');
  std::string masked(digits);
  for (size_t i = 2; i + 3 < masked.size(); ++i) masked[i] = '*';
  return FormatNpwp(masked);
}

const std::vector<std::string_view>& BusinessForms() {
  static const std::vector<std::string_view> forms = {"PT", "CV", "Firma", "Koperasi",
                                                      "UD", "Perorangan", "Persekutuan Perdata"};
  return forms;
}

Status ValidateVendor(const Vendor& v) {
  if (Blank(v.company_name) || v.company_name.size() > 200) {
    return InvalidArgument("vendor.company_required");
  }
  const auto& forms = BusinessForms();
  if (std::find(forms.begin(), forms.end(), v.business_form) == forms.end()) {
    return InvalidArgument("vendor.form_invalid");
  }
  SPSE_ASSIGN_OR_RETURN(std::string npwp, NormalizeNpwp(v.npwp));
  if (npwp != v.npwp) return InvalidArgument("vendor.npwp_format");
  if (Blank(v.address) || v.address.size() > 500) return InvalidArgument("vendor.address_required");
  if (Blank(v.regency) || v.regency.size() > 100) return InvalidArgument("vendor.regency_required");
  if (Blank(v.province) || v.province.size() > 100) return InvalidArgument("vendor.province_required");
  std::string phone_digits;
  for (char c : v.phone) {
    if (c >= '0' && c <= '9') phone_digits += c;
    else if (c != ' ' && c != '-' && c != '+' && c != '(' && c != ')') {
      return InvalidArgument("vendor.phone_invalid");
    }
  }
  if (phone_digits.size() < 6 || phone_digits.size() > 15) return InvalidArgument("vendor.phone_invalid");
  if (!EmailLooksValid(v.company_email)) return InvalidArgument("vendor.email_invalid");
  if (Blank(v.responsible_name) || v.responsible_name.size() > 200) {
    return InvalidArgument("vendor.responsible_required");
  }
  if (Blank(v.responsible_position) || v.responsible_position.size() > 100) {
    return InvalidArgument("vendor.position_required");
  }
  if (v.responsible_nik.size() != 16 || !AllDigits(v.responsible_nik)) {
    return InvalidArgument("vendor.nik_invalid");
  }
  return OkStatus();
}

}  // namespace spse::domain
