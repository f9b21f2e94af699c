// The letter of award (SPPBJ) and the contract record (issue 6, items 5 and
// 8). After the objection period the package's PPK issues the SPPBJ to the
// winner of the announced award decision (with the PDF "Surat Penunjukan
// Penyedia Barang/Jasa"), then records the contract signed with it (with a
// PDF summary); recording it finishes the tender. A correction is a new
// version with its reason; every version stays visible. Each step is stored
// with its audit entry in one transaction, and the winner is told (inbox
// and email). Rules KTR-* in docs/rules.md.
#ifndef SPSE_APP_CONTRACT_SERVICE_H_
#define SPSE_APP_CONTRACT_SERVICE_H_

#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/ports.h"
#include "app/tender_service.h"
#include "base/time_format.h"
#include "domain/contract.h"

namespace spse::app {

struct ContractConfig {
  std::string lpse_name;
  Zone zone;
  std::string base_url;  // for links in notices
};

struct ContractView {
  domain::Tender tender;
  std::string package_name;
  std::string package_code;
  std::string contract_type;
  const domain::EvaluationSpec* method = nullptr;
  Money hps;
  Money pagu;
  domain::ContractLimits limits;  // the value ceilings (KTR-03)
  std::string ppk_name;           // the package's PPK
  std::optional<domain::AwardDecision> decision;  // the one in force (not revoked)
  std::string winner_name;
  std::string winner_npwp;
  std::optional<domain::Sppbj> sppbj;      // for the decision in force
  // Seleksi negotiates with the winner after the award (NEG-01): the price
  // agreed then, which the SPPBJ takes; nullopt when there is none (yet).
  std::optional<std::int64_t> negotiated_rupiah;
  std::vector<domain::Contract> contracts;  // of that SPPBJ, by version
  bool is_ppk = false;  // the reader is the package's PPK
  Status may_issue;     // OK when the reader may issue the SPPBJ now
  Status may_record;    // ... record the contract (version 1)
  Status may_correct;   // ... record a correction
  std::string suggested_number;  // the SPPBJ number generated when none is typed
};

// What the PPK enters for a contract version.
struct ContractInput {
  std::string number;
  std::string signed_on;  // YYYY-MM-DD
  std::int64_t value_rupiah = 0;
  int duration_days = 0;
  std::string ppk_name;
  std::string ppk_nip;
  std::string vendor_signatory;
  std::string vendor_position;
  std::string reason;  // corrections
};

// One tender of the PPK's package, for the package page's links.
struct PackageTender {
  std::int64_t id = 0;
  std::string code;
  domain::TenderStatus status = domain::TenderStatus::kDraft;
};

class ContractService {
 public:
  ContractService(Store& store, BlobPort& blobs, DocumentPrinter& printer, MailComposer& composer,
                  const Clock& clock, const domain::Catalogue& catalogue, ContractConfig config)
      : store_(store), blobs_(blobs), printer_(printer), composer_(composer), clock_(clock),
        catalogue_(catalogue), config_(std::move(config)) {}

  // For the package's PPK, the tender's Pokja (or official), auditors, and
  // the winner of the decision in force. Others: "tender.not_found".
  StatusOr<ContractView> View(const Actor& actor, std::int64_t tender_id);

  // KTR-01: issues the SPPBJ (the number typed, or "SPPBJ/<code>/<n>").
  // Returns its id. Reasons: "tender.not_found", CheckPackagePpk's,
  // CheckSppbj's, SppbjNumber's, "pdf.error".
  StatusOr<std::int64_t> IssueSppbj(const Actor& actor, std::int64_t tender_id,
                                    std::string_view number);
  // KTR-02..KTR-04: records version 1 of the contract and finishes the
  // tender. Reasons: "contract.no_sppbj", "contract.exists",
  // CheckPackagePpk's, CheckContract's, "tender.illegal_transition".
  StatusOr<std::int64_t> RecordContract(const Actor& actor, std::int64_t tender_id,
                                        const ContractInput& in);
  // KTR-04: records the next version, correcting the one before, with a
  // reason. Reasons: "contract.not_recorded", CheckContract's.
  StatusOr<std::int64_t> CorrectContract(const Actor& actor, std::int64_t tender_id,
                                         const ContractInput& in);

  // The tenders of a package the actor is the PPK of (for links from the
  // package page); empty for anyone else.
  StatusOr<std::vector<PackageTender>> TendersOfPackage(const Actor& actor,
                                                        std::int64_t package_id);

  struct File {
    std::string path;
    std::string filename;
  };
  // The SPPBJ's PDF, for whoever may read the page. "contract.not_found".
  StatusOr<File> SppbjPdf(const Actor& actor, std::int64_t tender_id);
  // A contract version's PDF summary. "contract.not_found".
  StatusOr<File> ContractPdf(const Actor& actor, std::int64_t tender_id, int version);

 private:
  struct Loaded;
  StatusOr<Loaded> Load(Tx& tx, const Actor& actor, std::int64_t tender_id);
  StatusOr<std::int64_t> Record(const Actor& actor, std::int64_t tender_id,
                                const ContractInput& in, bool correction);

  Store& store_;
  BlobPort& blobs_;
  DocumentPrinter& printer_;
  MailComposer& composer_;
  const Clock& clock_;
  const domain::Catalogue& catalogue_;
  ContractConfig config_;
};

}  // namespace spse::app

#endif  // SPSE_APP_CONTRACT_SERVICE_H_
