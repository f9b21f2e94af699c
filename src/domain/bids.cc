#include "domain/bids.h"

#include <algorithm>
#include <cstdio>
#include <set>

namespace spse::domain {

std::string_view EnvelopeName(Envelope e) {
  switch (e) {
    case Envelope::kSingle: return "tunggal";
    case Envelope::kTechnical: return "teknis";
    case Envelope::kPrice: return "harga";
  }
  return "tunggal";
}

std::optional<Envelope> ParseEnvelope(std::string_view s) {
  for (Envelope e : {Envelope::kSingle, Envelope::kTechnical, Envelope::kPrice}) {
    if (EnvelopeName(e) == s) return e;
  }
  return std::nullopt;
}

std::vector<Envelope> EnvelopesFor(const ProcedureSpec& p) {
  if (p.envelope == "dua_file" || p.envelope == "dua_tahap") {
    return {Envelope::kTechnical, Envelope::kPrice};
  }
  return {Envelope::kSingle};
}

bool CarriesPrice(Envelope e) { return e != Envelope::kTechnical; }

std::string_view BidStatusName(BidStatus s) {
  switch (s) {
    case BidStatus::kUploading: return "uploading";
    case BidStatus::kSubmitted: return "submitted";
    case BidStatus::kSuperseded: return "superseded";
    case BidStatus::kWithdrawn: return "withdrawn";
    case BidStatus::kAbandoned: return "abandoned";
    case BidStatus::kRefused: return "refused";
  }
  return "uploading";
}

std::optional<BidStatus> ParseBidStatus(std::string_view s) {
  for (BidStatus b : {BidStatus::kUploading, BidStatus::kSubmitted, BidStatus::kSuperseded,
                      BidStatus::kWithdrawn, BidStatus::kAbandoned, BidStatus::kRefused}) {
    if (BidStatusName(b) == s) return b;
  }
  return std::nullopt;
}

std::optional<size_t> BidStage(const ProcedureSpec& p) {
  for (size_t i = 0; i < p.stages.size(); ++i) {
    if (p.stages[i].code == "upload_penawaran") return i;
  }
  return std::nullopt;
}

std::optional<Micros> BidDeadline(const Tender& t, const ProcedureSpec& p) {
  const auto stage = BidStage(p);
  if (!stage || *stage >= t.schedule.size()) return std::nullopt;
  return t.schedule[*stage].end;
}

Status CheckBidWindow(const Tender& t, const ProcedureSpec& p, Micros now) {
  if (t.status != TenderStatus::kRunning) return FailedPrecondition("tender.not_running");
  const auto stage = BidStage(p);
  if (!stage || *stage >= t.schedule.size()) return FailedPrecondition("bid.no_stage");
  const StagePeriod& period = t.schedule[*stage];
  if (now < period.start) return FailedPrecondition("bid.not_open");
  if (now >= period.end) return FailedPrecondition("bid.deadline_passed");
  return OkStatus();
}

Status CheckMaySetTenderKey(const Tender& t, const ProcedureSpec& p, Micros now) {
  if (t.status != TenderStatus::kDraft && t.status != TenderStatus::kRunning) {
    return FailedPrecondition("tender.not_running");
  }
  const auto stage = BidStage(p);
  if (!stage || *stage >= t.schedule.size()) return FailedPrecondition("bid.no_stage");
  if (t.status == TenderStatus::kRunning && now >= t.schedule[*stage].start) {
    return FailedPrecondition("key.too_late");
  }
  return OkStatus();
}

Status CheckThreshold(int k, int n) {
  const int least = n >= 2 ? 2 : 1;
  if (n < 1 || k < least || k > n) return InvalidArgument("key.threshold_invalid");
  return OkStatus();
}

int DefaultThreshold(int n) { return n / 2 + 1; }

bool IsBase64Url(std::string_view s, size_t bytes) {
  const size_t want = (bytes * 4 + 2) / 3;
  if (s.size() != want) return false;
  for (char c : s) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  // The unused low bits of the last character must be zero (one encoding only).
  const size_t spare = want * 6 - bytes * 8;
  if (spare > 0) {
    const char c = s.back();
    int v = 0;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else v = c == '-' ? 62 : 63;
    if ((v & ((1 << spare) - 1)) != 0) return false;
  }
  return true;
}

std::optional<std::string> DecodeBase64Url(std::string_view s) {
  if (s.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(s.size() * 3 / 4);
  unsigned acc = 0;
  int bits = 0;
  for (char c : s) {
    int v = -1;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '-') v = 62;
    else if (c == '_') v = 63;
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  if ((acc & ((1u << bits) - 1)) != 0) return std::nullopt;  // one encoding only
  return out;
}

bool IsSha256Hex(std::string_view s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

namespace {

bool CleanFileName(std::string_view name) {
  if (name.empty() || name.size() > 200) return false;
  if (name == "." || name == "..") return false;
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == ':' || c == '"') return false;
  }
  return true;
}

}  // namespace

Status CheckManifest(Envelope e, const std::vector<BidFile>& files) {
  if (files.empty()) return InvalidArgument("bid.files_required");
  if (files.size() > static_cast<size_t>(kMaxBidFiles)) {
    return InvalidArgument("bid.too_many_files");
  }
  std::set<std::string> names;
  int price_forms = 0;
  for (const BidFile& f : files) {
    if (!CleanFileName(f.name)) return InvalidArgument("bid.file_name_invalid", f.name);
    if (!names.insert(f.name).second) return InvalidArgument("bid.file_name_repeated", f.name);
    if (f.size < kMinSealedSize || f.size > kMaxSealedFileSize) {
      return InvalidArgument("bid.file_size_invalid", f.name);
    }
    if (!IsSha256Hex(f.sha256)) return InvalidArgument("bid.sha256_invalid", f.name);
    if (f.price_form) ++price_forms;
  }
  if (CarriesPrice(e) && price_forms != 1) {
    return InvalidArgument(price_forms == 0 ? "bid.price_form_required"
                                            : "bid.price_form_misplaced");
  }
  if (!CarriesPrice(e) && price_forms != 0) return InvalidArgument("bid.price_form_misplaced");
  return OkStatus();
}

std::string JsonQuote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
  return out;
}

std::string ReceiptText(const ReceiptFacts& f) {
  std::string out = "{\"v\":1,\"kind\":\"spse-bid-receipt\"";
  out += ",\"lpse\":" + JsonQuote(f.lpse);
  out += ",\"tender\":" + JsonQuote(f.tender_code);
  out += ",\"package\":" + JsonQuote(f.package_name);
  out += ",\"vendor\":{\"id\":" + std::to_string(f.vendor_user_id) +
         ",\"name\":" + JsonQuote(f.company_name) + "}";
  out += ",\"bid\":" + std::to_string(f.bid_id);
  out += ",\"envelope\":" + JsonQuote(EnvelopeName(f.envelope));
  out += ",\"files\":[";
  for (size_t i = 0; i < f.files.size(); ++i) {
    const BidFile& file = f.files[i];
    if (i > 0) out += ',';
    out += "{\"name\":" + JsonQuote(file.name) + ",\"size\":" + std::to_string(file.size) +
           ",\"sha256\":" + JsonQuote(file.sha256) +
           (file.price_form ? ",\"price_form\":true}" : "}");
  }
  out += "]";
  out += ",\"received_at\":" + std::to_string(f.received_at);
  out += ",\"received_at_text\":" + JsonQuote(f.received_at_text);
  out += "}";
  return out;
}

Status CheckMayOpen(const Tender& t, const ProcedureSpec& p, Envelope e, Micros now,
                    bool technical_done) {
  if (t.status != TenderStatus::kRunning) return FailedPrecondition("tender.not_running");
  const auto deadline = BidDeadline(t, p);
  if (!deadline) return FailedPrecondition("bid.no_stage");
  if (now < *deadline) return FailedPrecondition("opening.before_deadline");
  if (e == Envelope::kPrice && !technical_done) {
    return FailedPrecondition("opening.technical_first");
  }
  return OkStatus();
}

bool TechnicalResultsRecorded(const std::vector<Bid>& bids,
                              const std::vector<std::pair<std::int64_t, bool>>& results) {
  bool any = false;
  for (const Bid& b : bids) {
    if (b.status != BidStatus::kSubmitted || b.envelope != Envelope::kTechnical) continue;
    const bool recorded = std::any_of(results.begin(), results.end(),
                                      [&](const auto& r) { return r.first == b.id; });
    if (!recorded) return false;
    any = true;
  }
  return any;
}

Status CheckPriceForm(const PriceForm& f) {
  if (f.price_rupiah <= 0 || f.price_rupiah > 999'999'999'999'999) {
    return InvalidArgument("price_form.invalid", "price");
  }
  if (f.notes.size() > 4000 || f.items.size() > 500) {
    return InvalidArgument("price_form.invalid", "too long");
  }
  for (const PricedLine& l : f.items) {
    if (l.description.empty() || l.description.size() > 500 || l.unit.size() > 50 ||
        l.quantity <= 0 || l.unit_price_rupiah < 0 || !PricedLineTotal(l)) {
      return InvalidArgument("price_form.invalid", "line");
    }
  }
  return OkStatus();
}

std::optional<std::int64_t> PricedLineTotal(const PricedLine& line) {
  if (line.quantity < 0 || line.unit_price_rupiah < 0) return std::nullopt;
  if (line.unit_price_rupiah != 0 &&
      line.quantity > (std::int64_t{1} << 62) / line.unit_price_rupiah) {
    return std::nullopt;
  }
  return (line.quantity * line.unit_price_rupiah + 50) / 100;
}

}  // namespace spse::domain
