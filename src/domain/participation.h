// Taking part in a tender (issue 4, items 6 and 7): a verified vendor joins
// by accepting the Pakta Integritas, then downloads the documents; during a
// Pemberian Penjelasan stage participants ask and the Pokja answers, and
// once that stage has ended the Pokja issues its Berita Acara. The rules
// here are listed in docs/rules.md (PRT-*, ANW-*).
#ifndef SPSE_DOMAIN_PARTICIPATION_H_
#define SPSE_DOMAIN_PARTICIPATION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/procedure.h"
#include "domain/tender.h"

namespace spse::domain {

// A vendor in a tender, from the moment it accepted the pact.
struct Participant {
  std::int64_t tender_id = 0;
  std::int64_t vendor_user_id = 0;
  std::string company_name;  // read with the row; not stored twice
  Micros joined_at = 0;
  std::string pact_sha256;  // of the exact Pakta Integritas text accepted
  std::string client_addr;
};

// A question of the Pemberian Penjelasan and its answer. Who asked is kept
// for the audit and never shown to anyone else (ANW-02).
struct TenderQuestion {
  std::int64_t id = 0;
  std::int64_t tender_id = 0;
  std::string stage;  // the penjelasan stage it was asked in
  std::int64_t asked_by = 0;
  Micros asked_at = 0;
  std::string question;
  std::string answer;  // empty until answered
  std::int64_t answered_by = 0;
  std::optional<Micros> answered_at;
};

// A Berita Acara the Pokja issued (the PDF is kept as a blob, fixed once issued).
struct TenderMinutes {
  std::int64_t id = 0;
  std::int64_t tender_id = 0;
  std::string kind;   // "penjelasan"
  std::string stage;  // the stage it records
  std::string number;  // "BA-PP/TDR-000042/1"
  Micros issued_at = 0;
  std::int64_t issued_by = 0;
  std::string blob_sha256;
  std::uint64_t size = 0;
};

// The stage a vendor may join until the end of: the registration stage of
// a Tender Cepat (pendaftaran), or the first stage in which vendors hand
// something in (kirim_kualifikasi, upload_penawaran), else the last stage. nullopt for an empty schedule.
std::optional<size_t> JoinDeadlineStage(const ProcedureSpec& p);

// PRT-01: a vendor joins a running tender from its publication until the end
// of JoinDeadlineStage. Reasons: "tender.not_running", "participation.closed".
Status CheckMayJoin(const Tender& t, const ProcedureSpec& p, Micros now);

// Whether stage `code` is a Pemberian Penjelasan (penjelasan, penjelasan_kualifikasi).
bool IsExplanationStage(std::string_view code);

// ANW-01: questions are asked, and answered, only while a penjelasan stage
// runs. Returns that stage's index. Reasons: "tender.not_running",
// "aanwijzing.not_open".
StatusOr<size_t> OpenExplanationStage(const Tender& t, const ProcedureSpec& p, Micros now);

// ANW-03: the Berita Acara of penjelasan stage `stage` is issued only after
// that stage has ended. Reasons: "aanwijzing.stage_unknown",
// "aanwijzing.not_ended".
Status CheckMayIssueMinutes(const Tender& t, std::string_view stage, Micros now);

// A question or an answer: trimmed, 5 to 4000 characters (bytes of UTF-8).
// Reasons: "aanwijzing.text_required", "aanwijzing.text_too_long".
StatusOr<std::string> CleanQandaText(std::string_view text);

// The Pakta Integritas the vendor accepts, naming the company, its person
// responsible and the tender (the wording of the standard pact of the
// tender documents).
std::string PaktaIntegritasText(std::string_view company, std::string_view responsible,
                                std::string_view position, std::string_view tender_code,
                                std::string_view package_name);

}  // namespace spse::domain

#endif  // SPSE_DOMAIN_PARTICIPATION_H_
