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

namespace {

// A small reader for the flat JSON object of the price form: string and
// integer values only, every other shape refused.
class FlatJson {
 public:
  explicit FlatJson(std::string_view s) : s_(s) {}

  bool Parse(std::vector<std::pair<std::string, std::string>>& out) {
    Space();
    if (!Eat('{')) return false;
    Space();
    if (Eat('}')) return End();
    while (true) {
      std::string key, value;
      Space();
      if (!String(key)) return false;
      Space();
      if (!Eat(':')) return false;
      Space();
      if (Peek() == '"') {
        if (!String(value)) return false;
      } else if (!Integer(value)) {
        return false;
      }
      out.emplace_back(std::move(key), std::move(value));
      Space();
      if (Eat(',')) continue;
      if (Eat('}')) return End();
      return false;
    }
  }

 private:
  char Peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  bool Eat(char c) {
    if (Peek() != c) return false;
    ++i_;
    return true;
  }
  void Space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) ++i_;
  }
  bool End() {
    Space();
    return i_ == s_.size();
  }
  bool Integer(std::string& out) {
    if (Peek() == '-') out += s_[i_++];
    const size_t start = i_;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') out += s_[i_++];
    return i_ > start && i_ - start <= 18;
  }
  bool String(std::string& out) {
    if (!Eat('"')) return false;
    while (i_ < s_.size()) {
      const char c = s_[i_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (i_ >= s_.size()) return false;
      const char e = s_[i_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'u': {
          if (i_ + 4 > s_.size()) return false;
          unsigned v = 0;
          for (int k = 0; k < 4; ++k) {
            const char h = s_[i_++];
            v <<= 4;
            if (h >= '0' && h <= '9') v |= static_cast<unsigned>(h - '0');
            else if (h >= 'a' && h <= 'f') v |= static_cast<unsigned>(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F') v |= static_cast<unsigned>(h - 'A' + 10);
            else return false;
          }
          if (v >= 0xd800 && v <= 0xdfff) return false;  // no surrogate pairs in a price form
          if (v < 0x80) {
            out += static_cast<char>(v);
          } else if (v < 0x800) {
            out += static_cast<char>(0xc0 | (v >> 6));
            out += static_cast<char>(0x80 | (v & 0x3f));
          } else {
            out += static_cast<char>(0xe0 | (v >> 12));
            out += static_cast<char>(0x80 | ((v >> 6) & 0x3f));
            out += static_cast<char>(0x80 | (v & 0x3f));
          }
          break;
        }
        default: return false;
      }
    }
    return false;
  }

  std::string_view s_;
  size_t i_ = 0;
};

}  // namespace

StatusOr<PriceForm> ParsePriceForm(std::string_view json) {
  if (json.size() > 64 * 1024) return InvalidArgument("price_form.invalid", "too large");
  std::vector<std::pair<std::string, std::string>> fields;
  if (!FlatJson(json).Parse(fields)) return InvalidArgument("price_form.invalid", "not JSON");
  PriceForm out;
  bool has_price = false, v1 = false;
  for (const auto& [k, v] : fields) {
    if (k == "v") {
      v1 = v == "1";
    } else if (k == "price") {
      if (v.empty() || v.size() > 15 || v.find_first_not_of("0123456789") != std::string::npos) {
        return InvalidArgument("price_form.invalid", "price");
      }
      out.price_rupiah = std::stoll(v);
      has_price = out.price_rupiah > 0;
    } else if (k == "currency") {
      if (v != "IDR") return InvalidArgument("price_form.invalid", "currency");
    } else if (k == "notes") {
      out.notes = v.substr(0, 4000);
    }
  }
  if (!v1 || !has_price) return InvalidArgument("price_form.invalid", "price");
  return out;
}

}  // namespace spse::domain
