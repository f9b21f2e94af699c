#include "domain/planning.h"

#include <algorithm>
#include <array>

namespace spse::domain {
namespace {

constexpr std::array<std::string_view, 5> kFunding = {"APBD", "APBN", "BLUD", "PHLN", "Lainnya"};
constexpr std::array<std::string_view, 5> kTypes = {"barang", "konstruksi", "konsultansi",
                                                    "konsultansi_perorangan", "jasa_lainnya"};
constexpr std::array<std::string_view, 7> kMethods = {
    "tender", "seleksi", "tender_cepat", "pengadaan_langsung", "penunjukan_langsung",
    "e_purchasing", "swakelola"};
constexpr std::array<std::string_view, 5> kContracts = {"lumsum", "harga_satuan", "gabungan",
                                                        "terima_jadi", "kontrak_payung"};
// Names as in web/i18n (plan.contract.*), for documents printed in Indonesian.
constexpr std::array<std::string_view, 5> kContractNames = {
    "Lumsum", "Harga Satuan", "Gabungan Lumsum dan Harga Satuan", "Terima Jadi (Turnkey)", "Kontrak Payung"};
constexpr std::array<std::string_view, 2> kQualifications = {"kecil", "non_kecil"};
constexpr std::array<std::string_view, 4> kDocumentKinds = {"kak", "spesifikasi",
                                                            "rancangan_kontrak", "lainnya"};

constexpr size_t kMaxName = 300;
constexpr size_t kMaxText = 2000;
constexpr size_t kMaxShort = 200;
constexpr std::int64_t kMaxQuantity = 1'000'000'000LL * 100;
constexpr size_t kMaxHpsLines = 200;

template <size_t N>
bool OneOf(const std::array<std::string_view, N>& list, std::string_view v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

bool Blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

bool ValidMonth(int m) { return m >= 1 && m <= 12; }

}  // namespace

std::span<const std::string_view> FundingSources() { return kFunding; }
std::span<const std::string_view> ProcurementTypes() { return kTypes; }
std::span<const std::string_view> ProcurementMethods() { return kMethods; }
std::span<const std::string_view> ContractTypes() { return kContracts; }

std::string_view ContractTypeName(std::string_view code) {
  for (size_t i = 0; i < kContracts.size(); ++i) {
    if (kContracts[i] == code) return kContractNames[i];
  }
  return code;
}
std::span<const std::string_view> Qualifications() { return kQualifications; }
std::span<const std::string_view> PackageDocumentKinds() { return kDocumentKinds; }

Assignee AssigneeFor(std::string_view method) {
  if (method == "tender" || method == "seleksi" || method == "tender_cepat") return Assignee::kPokja;
  if (method == "pengadaan_langsung" || method == "penunjukan_langsung") {
    return Assignee::kPejabatPengadaan;
  }
  return Assignee::kNone;
}

std::string_view RupStatusCode(RupStatus s) {
  switch (s) {
    case RupStatus::kDraft: return "draft";
    case RupStatus::kPublished: return "diumumkan";
    case RupStatus::kCancelled: return "dibatalkan";
  }
  return "";
}

std::optional<RupStatus> ParseRupStatus(std::string_view code) {
  for (RupStatus s : {RupStatus::kDraft, RupStatus::kPublished, RupStatus::kCancelled}) {
    if (RupStatusCode(s) == code) return s;
  }
  return std::nullopt;
}

Status ValidateRupItem(const RupItem& item) {
  if (Blank(item.name)) return InvalidArgument("rup.name_required", "name");
  if (item.name.size() > kMaxName) return InvalidArgument("rup.too_long", "name");
  if (item.fiscal_year < 2000 || item.fiscal_year > 2100) {
    return InvalidArgument("rup.year_invalid", "fiscal_year");
  }
  if (item.pagu.sen() <= 0) return InvalidArgument("rup.pagu_invalid", "pagu");  // RUP-01
  if (!OneOf(kFunding, item.funding)) return InvalidArgument("rup.funding_invalid", "funding");
  if (!OneOf(kTypes, item.procurement_type)) {
    return InvalidArgument("rup.type_invalid", "procurement_type");
  }
  if (!OneOf(kMethods, item.method)) return InvalidArgument("rup.method_invalid", "method");
  // RUP-02: each period is a month range inside the fiscal year, and the
  // work does not start before the selection does.
  if (!ValidMonth(item.selection_from)) return InvalidArgument("rup.month_invalid", "selection_from");
  if (!ValidMonth(item.selection_to)) return InvalidArgument("rup.month_invalid", "selection_to");
  if (!ValidMonth(item.work_from)) return InvalidArgument("rup.month_invalid", "work_from");
  if (!ValidMonth(item.work_to)) return InvalidArgument("rup.month_invalid", "work_to");
  if (item.selection_to < item.selection_from) {
    return InvalidArgument("rup.schedule_order", "selection_to");
  }
  if (item.work_to < item.work_from) return InvalidArgument("rup.schedule_order", "work_to");
  if (item.work_from < item.selection_from) {
    return InvalidArgument("rup.schedule_order", "work_from");
  }
  // RUP-03: Seleksi is for consultancy only; Tender and Tender Cepat never are.
  const bool consultancy =
      item.procurement_type == "konsultansi" || item.procurement_type == "konsultansi_perorangan";
  if ((item.method == "seleksi" && !consultancy) ||
      ((item.method == "tender" || item.method == "tender_cepat") && consultancy)) {
    return InvalidArgument("rup.method_type_mismatch", "method");
  }
  if (Blank(item.location)) return InvalidArgument("rup.location_required", "location");
  if (item.location.size() > kMaxShort) return InvalidArgument("rup.too_long", "location");
  if (item.description.size() > kMaxText) return InvalidArgument("rup.too_long", "description");
  return OkStatus();
}

Status CheckRupEdit(const RupItem& item) {
  if (item.status != RupStatus::kDraft) return FailedPrecondition("rup.not_draft");
  return OkStatus();
}

Status CheckRupPublish(const RupItem& item) {
  SPSE_RETURN_IF_ERROR(CheckRupEdit(item));
  return ValidateRupItem(item);
}

Status CheckRupCancel(const RupItem& item, std::string_view reason) {
  if (item.status != RupStatus::kPublished) return FailedPrecondition("rup.not_published");
  if (Blank(reason)) return InvalidArgument("rup.reason_required", "reason");
  if (reason.size() > kMaxText) return InvalidArgument("rup.too_long", "reason");
  return OkStatus();
}

std::optional<std::int64_t> ParseQuantity(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  std::int64_t whole = 0, frac = 0;
  int frac_digits = 0;
  bool in_frac = false, any = false;
  for (char c : text) {
    if ((c == ',' || c == '.') && !in_frac) {
      in_frac = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    any = true;
    if (in_frac) {
      if (++frac_digits > 2) return std::nullopt;
      frac = frac * 10 + (c - '0');
    } else {
      if (whole > kMaxQuantity) return std::nullopt;
      whole = whole * 10 + (c - '0');
    }
  }
  if (!any) return std::nullopt;
  if (frac_digits == 1) frac *= 10;
  if (whole > kMaxQuantity / 100) return std::nullopt;
  const std::int64_t q = whole * 100 + frac;
  if (q <= 0 || q > kMaxQuantity) return std::nullopt;
  return q;
}

std::string FormatQuantity(std::int64_t hundredths) {
  std::string out = std::to_string(hundredths / 100);
  const std::int64_t frac = hundredths % 100;
  if (frac != 0) {
    out += ',';
    out += static_cast<char>('0' + frac / 10);
    if (frac % 10 != 0) out += static_cast<char>('0' + frac % 10);
  }
  return out;
}

std::optional<Money> LineTotal(const HpsLine& line) {
  std::int64_t product = 0;
  if (__builtin_mul_overflow(line.quantity, line.unit_price.sen(), &product)) return std::nullopt;
  if (product < 0) return std::nullopt;
  // Hundredths of a unit times sen: divide by 100, rounding half up.
  return Money::FromSen(product / 100 + (product % 100 >= 50 ? 1 : 0));
}

Status ValidateHpsLine(const HpsLine& line) {
  if (Blank(line.description)) return InvalidArgument("hps.description_required", "description");
  if (line.description.size() > kMaxName) return InvalidArgument("hps.too_long", "description");
  if (Blank(line.unit)) return InvalidArgument("hps.unit_required", "unit");
  if (line.unit.size() > 40) return InvalidArgument("hps.too_long", "unit");
  if (line.quantity <= 0 || line.quantity > kMaxQuantity) {
    return InvalidArgument("hps.quantity_invalid", "quantity");
  }
  if (line.unit_price.sen() <= 0) return InvalidArgument("hps.price_invalid", "unit_price");
  if (!LineTotal(line)) return InvalidArgument("hps.line_too_large", "unit_price");
  return OkStatus();
}

StatusOr<Money> HpsTotal(const std::vector<HpsLine>& lines) {
  std::int64_t sum = 0;
  for (const HpsLine& l : lines) {
    auto t = LineTotal(l);
    if (!t || __builtin_add_overflow(sum, t->sen(), &sum)) return InvalidArgument("hps.too_large");
  }
  return Money::FromSen(sum);
}

Status CheckHpsWithinPagu(Money hps, Money pagu) {
  if (hps > pagu) {
    return FailedPrecondition("paket.hps_above_pagu", hps.Format() + " > " + pagu.Format());
  }
  return OkStatus();
}

std::string_view PackageStatusCode(PackageStatus s) {
  return s == PackageStatus::kDraft ? "draft" : "diserahkan";
}

std::optional<PackageStatus> ParsePackageStatus(std::string_view code) {
  if (code == "draft") return PackageStatus::kDraft;
  if (code == "diserahkan") return PackageStatus::kAssigned;
  return std::nullopt;
}

Status ValidatePackage(const Package& p) {
  if (Blank(p.name)) return InvalidArgument("paket.name_required", "name");
  if (p.name.size() > kMaxName) return InvalidArgument("paket.too_long", "name");
  if (p.rup_ids.empty()) return InvalidArgument("paket.rup_required", "rup");
  if (!OneOf(kContracts, p.contract_type)) {
    return InvalidArgument("paket.contract_type_invalid", "contract_type");
  }
  if (!OneOf(kQualifications, p.qualification)) {
    return InvalidArgument("paket.qualification_invalid", "qualification");
  }
  if (p.hps.size() > kMaxHpsLines) return InvalidArgument("hps.too_many_lines");
  return OkStatus();
}

Status CheckPackageItems(const std::vector<RupItem>& items) {
  if (items.empty()) return InvalidArgument("paket.rup_required", "rup");
  for (const RupItem& it : items) {
    if (it.status != RupStatus::kPublished) {
      return FailedPrecondition("paket.rup_not_published", it.code);
    }
    if (it.fiscal_year != items.front().fiscal_year) {
      return InvalidArgument("paket.rup_mixed_year", it.code);
    }
    if (it.method != items.front().method) {
      return InvalidArgument("paket.rup_mixed_method", it.code);
    }
  }
  return OkStatus();
}

std::string PackageMethod(const std::vector<RupItem>& items) {
  return items.empty() ? std::string() : items.front().method;
}

Money TotalPagu(const std::vector<RupItem>& items) {
  std::int64_t sum = 0;
  for (const RupItem& it : items) sum += it.pagu.sen();
  return Money::FromSen(sum);
}

Status CheckAssignment(const Package& p, std::string_view method, bool has_kak, Assignee chosen) {
  if (p.status != PackageStatus::kDraft) return FailedPrecondition("paket.not_draft");
  const Assignee needed = AssigneeFor(method);
  if (needed == Assignee::kNone) return FailedPrecondition("paket.method_not_procured", std::string(method));
  if (p.hps.empty()) return FailedPrecondition("paket.hps_required");
  if (!has_kak) return FailedPrecondition("paket.kak_required");
  if (chosen != needed) return InvalidArgument("paket.assignee_wrong_kind", std::string(method));
  return OkStatus();
}

}  // namespace spse::domain
