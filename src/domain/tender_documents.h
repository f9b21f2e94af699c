// What a tender asks of vendors and hands them (issue 4, items 4, 6, 8): the
// qualification requirements (persyaratan kualifikasi) and the Dokumen
// Pemilihan with its companion files, each versioned per kind; once the
// tender is published every change is an addendum (Adendum 1, 2, ...) with
// its reason, allowed only until the bids are in. Rules DOC-* and ADD-* of
// docs/rules.md.
#ifndef SPSE_DOMAIN_TENDER_DOCUMENTS_H_
#define SPSE_DOMAIN_TENDER_DOCUMENTS_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/procedure.h"
#include "domain/tender.h"

namespace spse::domain {

// dokumen_pemilihan, kak, spesifikasi, gambar, rancangan_kontrak, lainnya.
std::span<const std::string_view> TenderDocumentKinds();
// The name a notice or an addendum summary gives a document kind:
// "dokumen_pemilihan" -> "Dokumen Pemilihan".
std::string_view TenderDocumentName(std::string_view kind);
// izin_usaha, pengalaman, kemampuan_keuangan, tenaga_ahli, peralatan, lainnya.
std::span<const std::string_view> RequirementKinds();

// One qualification requirement, as the announcement lists it.
struct Requirement {
  std::string kind;  // RequirementKinds()
  std::string text;
  bool operator==(const Requirement&) const = default;
};

// One version of one document of a tender. Versions count per (tender, kind).
struct TenderDocument {
  std::int64_t id = 0;
  std::int64_t tender_id = 0;
  std::string kind;  // TenderDocumentKinds()
  int version = 0;   // 1, 2, ...; set when stored
  int addendum = 0;  // the addendum that issued it; 0 before publication
  std::string sha256;
  std::string filename;
  std::string content_type;
  std::uint64_t size = 0;
  Micros uploaded_at = 0;
  std::int64_t uploaded_by = 0;
};

// A change made after publication, public with its reason.
struct TenderAddendum {
  std::int64_t id = 0;
  std::int64_t tender_id = 0;
  int number = 0;  // 1, 2, ... per tender; set when stored
  Micros issued_at = 0;
  std::int64_t issued_by = 0;
  std::string reason;
  std::string summary;  // what changed: "Dokumen Pemilihan versi 2", "Persyaratan kualifikasi"
};

// One download of a document version, for the Pokja's log.
struct DocumentDownload {
  std::int64_t id = 0;
  std::int64_t tender_id = 0;
  std::int64_t document_id = 0;
  std::int64_t user_id = 0;
  std::string username;  // read with the row
  Micros at = 0;
  std::string client_addr;
};

// The requirements proposed for a new tender from the package's procurement
// type (barang, konstruksi, ...) and business qualification (kecil,
// non_kecil): the Pokja edits them before publishing.
std::vector<Requirement> DefaultRequirements(std::string_view procurement_type,
                                             std::string_view qualification);

// DOC-02: a list the Pokja saves: each text trimmed, blank rows dropped, at
// most 30 rows of at most 2000 bytes. Reasons: "requirement.kind_invalid",
// "requirement.text_too_long", "requirement.too_many", "requirement.required"
// (nothing left).
StatusOr<std::vector<Requirement>> CleanRequirements(std::vector<Requirement> list);

// ADD-01: an addendum's reason, trimmed, 5 to 2000 bytes: "addendum.reason_required".
StatusOr<std::string> CleanAddendumReason(std::string_view reason);

// ADD-02: a published tender changes its documents or requirements only
// while it runs and before the end of JoinDeadlineStage (the bids are in
// then). Reasons: "tender.not_running", "addendum.closed".
Status CheckMayIssueAddendum(const Tender& t, const ProcedureSpec& p, Micros now);

// DOC-01: publication needs a Dokumen Pemilihan: "tender.document_required".
Status CheckDocumentsForPublication(const std::vector<TenderDocument>& docs);

// The versions of `docs` (every version of every kind) a reader other than
// the Pokja sees once the tender is published: each kind's last version set
// before publication and every version an addendum issued. Draft versions
// replaced before publication are the Pokja's alone (DOC-02).
std::vector<TenderDocument> PublishedVersions(const std::vector<TenderDocument>& docs);

}  // namespace spse::domain

#endif  // SPSE_DOMAIN_TENDER_DOCUMENTS_H_
