#include "domain/records.h"

#include <algorithm>

namespace spse::domain {
namespace {

bool Blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

}  // namespace

std::string_view AgencyKindCode(AgencyKind kind) {
  switch (kind) {
    case AgencyKind::kSkpd: return "skpd";
    case AgencyKind::kSatker: return "satker";
    case AgencyKind::kInstitution: return "institusi";
  }
  return "";
}

std::optional<AgencyKind> ParseAgencyKind(std::string_view code) {
  for (AgencyKind k : {AgencyKind::kSkpd, AgencyKind::kSatker, AgencyKind::kInstitution}) {
    if (AgencyKindCode(k) == code) return k;
  }
  return std::nullopt;
}

Status ValidateAgency(const Agency& agency) {
  const bool code_ok =
      !agency.code.empty() && agency.code.size() <= 32 &&
      std::all_of(agency.code.begin(), agency.code.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      });
  if (!code_ok) return InvalidArgument("agency.code_invalid");
  if (Blank(agency.name) || agency.name.size() > 200) return InvalidArgument("agency.name_required");
  if (agency.kind == AgencyKind::kSatker && !agency.parent_id) {
    return InvalidArgument("agency.parent_required");
  }
  if (agency.kind != AgencyKind::kSatker && agency.parent_id) {
    return InvalidArgument("agency.parent_forbidden");
  }
  return OkStatus();
}

Status ValidateUser(const User& user) {
  const bool name_ok =
      user.username.size() >= 3 && user.username.size() <= 32 &&
      std::all_of(user.username.begin(), user.username.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
      });
  if (!name_ok) return InvalidArgument("user.username_invalid");
  if (Blank(user.full_name) || user.full_name.size() > 200) return InvalidArgument("user.name_required");
  const size_t at = user.email.find('@');
  if (at == std::string::npos || at == 0 || user.email.find('.', at) == std::string::npos ||
      user.email.size() > 254 || user.email.find_first_of(" \r\n<>,;") != std::string::npos) {
    return InvalidArgument("user.email_invalid");
  }
  SPSE_RETURN_IF_ERROR(ValidateRoleSet(user.roles));
  for (Role r : user.roles.ToVector()) {
    if (NeedsAgency(r) && !user.agency_id) return InvalidArgument("user.agency_required");
  }
  return OkStatus();
}

std::string_view SniffDocumentType(std::string_view head) {
  if (head.substr(0, 5) == "%PDF-") return "application/pdf";
  if (head.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return "image/png";
  if (head.substr(0, 3) == std::string_view("\xff\xd8\xff", 3)) return "image/jpeg";
  return "";
}

std::string SafeFilename(std::string_view name) {
  // Browsers may send a full path; keep the last component.
  const size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string out;
  for (unsigned char c : name) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == ' ' || c == '.' || c == '-' || c == '_' || c == '(' || c == ')';
    out += keep ? static_cast<char>(c) : '_';
    if (out.size() >= 100) break;
  }
  while (!out.empty() && (out.front() == '.' || out.front() == ' ')) out.erase(0, 1);
  while (!out.empty() && (out.back() == '.' || out.back() == ' ')) out.pop_back();
  return out.empty() ? "lampiran" : out;
}

std::string_view AnnouncementKindCode(AnnouncementKind kind) {
  switch (kind) {
    case AnnouncementKind::kNews: return "berita";
    case AnnouncementKind::kMaintenance: return "pemeliharaan";
    case AnnouncementKind::kProblem: return "gangguan";
  }
  return "";
}

std::optional<AnnouncementKind> ParseAnnouncementKind(std::string_view code) {
  for (AnnouncementKind k :
       {AnnouncementKind::kNews, AnnouncementKind::kMaintenance, AnnouncementKind::kProblem}) {
    if (AnnouncementKindCode(k) == code) return k;
  }
  return std::nullopt;
}

Status ValidateAnnouncement(const Announcement& a) {
  if (Blank(a.title)) return InvalidArgument("announcement.title_required");
  if (Blank(a.body)) return InvalidArgument("announcement.body_required");
  if (a.title.size() > 200 || a.body.size() > 20000) return InvalidArgument("announcement.too_long");
  if (a.ends_at && *a.ends_at <= a.starts_at) return InvalidArgument("announcement.ends_before_start");
  return OkStatus();
}

bool IsActive(const Announcement& a, Micros now) {
  return a.starts_at <= now && (!a.ends_at || now < *a.ends_at);
}

bool ShowsBanner(const Announcement& a, Micros now) {
  return a.kind != AnnouncementKind::kNews && IsActive(a, now);
}

std::string_view DeactivationSourceCode(DeactivationSource s) {
  return s == DeactivationSource::kTermsBreach ? "pelanggaran" : "permintaan_daftar_hitam";
}

std::optional<DeactivationSource> ParseDeactivationSource(std::string_view code) {
  if (code == "pelanggaran") return DeactivationSource::kTermsBreach;
  if (code == "permintaan_daftar_hitam") return DeactivationSource::kBlacklistRequest;
  return std::nullopt;
}

Status ValidateDeactivation(const Deactivation& d) {
  if (Blank(d.reason) || d.reason.size() > 1000) return InvalidArgument("deactivation.reason_required");
  if (d.source == DeactivationSource::kBlacklistRequest && (Blank(d.letter) || d.letter.size() > 200)) {
    return InvalidArgument("deactivation.letter_required");
  }
  return OkStatus();
}

Status ValidateBlacklistEntry(const BlacklistEntry& e) {
  if (Blank(e.sk_number) || e.sk_number.size() > 200) return InvalidArgument("blacklist.sk_required");
  if (Blank(e.violation) || e.violation.size() > 2000) {
    return InvalidArgument("blacklist.violation_required");
  }
  if (e.ends_at && *e.ends_at <= e.starts_at) return InvalidArgument("blacklist.ends_before_start");
  return OkStatus();
}

bool InForce(const BlacklistEntry& e, Micros now) {
  return e.starts_at <= now && (!e.ends_at || now < *e.ends_at);
}

Status ValidatePokjaGroup(const PokjaGroup& group) {
  if (Blank(group.name) || group.name.size() > 200) return InvalidArgument("pokja.name_required");
  std::vector<std::int64_t> members = group.member_ids;
  std::sort(members.begin(), members.end());
  if (std::adjacent_find(members.begin(), members.end()) != members.end()) {
    return InvalidArgument("pokja.duplicate_member");
  }
  if (members.size() < 3) return InvalidArgument("pokja.too_few_members");
  if (members.size() % 2 == 0) return InvalidArgument("pokja.even_members");
  if (!std::binary_search(members.begin(), members.end(), group.chair_id)) {
    return InvalidArgument("pokja.chair_not_member");
  }
  return OkStatus();
}

Micros MailRetryDelay(int attempts) {
  const int exponent = std::clamp(attempts - 1, 0, 20);
  return std::min<Micros>(kMicrosPerMinute << exponent, kMicrosPerHour);
}

}  // namespace spse::domain
