// Evaluation of the opened bids and the award (issue 6, items 1-3, 8;
// Pasal 4(1)c): each Pokja member's judgement of every requirement and the
// agreed result, arithmetic correction of the priced bill of quantities,
// the ranking by the tender's evaluation method (catalogue data, see
// EvaluationSpec in procedure.h), the qualification proof, and the award
// decision with its frozen results. Rules EVL-* in docs/rules.md.
//
// Nothing recorded is changed: every judgement, proof result and decision
// is a new entry, and the latest one counts; earlier ones stay visible.
#ifndef SPSE_DOMAIN_EVALUATION_H_
#define SPSE_DOMAIN_EVALUATION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/money.h"
#include "base/status.h"
#include "domain/bids.h"
#include "domain/planning.h"
#include "domain/procedure.h"

namespace spse::domain {

// --- Judgements ---

// One judgement of one criterion for one bidder: a Pokja member's own view,
// or (member_id 0) the agreed result the chair records for the Pokja.
struct Judgement {
  std::int64_t id = 0;  // set when stored; orders the judgements
  std::int64_t tender_id = 0;
  std::int64_t vendor_id = 0;  // the bidder (user id of the vendor account)
  std::string criterion;       // Criterion::code
  std::int64_t member_id = 0;  // 0: the agreed result
  bool pass = false;           // pass/fail criteria (true for scored and amount ones)
  int score = 0;               // scored technical criteria: 0..100
  std::int64_t amount_rupiah = 0;  // amount criteria
  std::string reason;          // why it fails (required then) or a note
  std::int64_t recorded_by = 0;
  Micros at = 0;
};

// EVL-02: a judgement names a criterion of the method; a failing pass/fail
// judgement gives its reason; a scored criterion takes a score 0..100 and
// no failing mark; an amount criterion an amount within +/- 10^15 rupiah.
// Reasons: "evaluation.criterion_unknown", "evaluation.reason_required",
// "evaluation.score_invalid", "evaluation.amount_invalid",
// "evaluation.too_long" (reason over 1000 characters).
Status CheckJudgement(const EvaluationSpec& method, const Judgement& j);

// The judgements that count: the latest (highest id) per (vendor,
// criterion, member), in id order.
std::vector<Judgement> CurrentJudgements(const std::vector<Judgement>& all);

// --- Arithmetic correction (koreksi aritmatik) ---

struct LineCorrection {
  int position = 0;  // the HPS line's index
  std::string description;
  std::string unit;
  std::int64_t hps_quantity = 0;  // hundredths
  std::optional<std::int64_t> offered_quantity;  // as priced; nullopt: the line has no price
  std::int64_t unit_price_rupiah = 0;            // the vendor's (0 when missing)
  std::int64_t hps_unit_price_rupiah = 0;        // the HPS's, rounded half up to the rupiah
  std::int64_t offered_total_rupiah = 0;  // offered quantity x unit price (what the vendor's line says)
  std::int64_t total_rupiah = 0;          // HPS quantity x unit price, rounded half up
  bool quantity_adjusted = false;  // the vendor's quantity differed: the HPS quantity counts
  bool missing = false;  // no price: the work counts as included in the other lines' prices
  bool unbalanced = false;  // unit price above 110% of the HPS's (harga satuan timpang): to clarify
};

struct PriceCorrection {
  std::int64_t stated_rupiah = 0;     // the price the vendor wrote
  std::int64_t corrected_rupiah = 0;  // the price that counts
  bool recomputed = false;            // the lines were recomputed (harga satuan, gabungan)
  std::vector<LineCorrection> lines;  // one per HPS line, when recomputed
  std::vector<std::string> extra_lines;  // priced lines not in the HPS: left out
};

// EVL-03 (koreksi aritmatik): for harga_satuan and gabungan contracts whose
// price form has priced lines, the price is recomputed from the HPS: each
// HPS line's quantity times the vendor's unit price for it (a line is
// matched by its position when the description agrees, else by
// description, ignoring case and surrounding spaces), rounded half up;
// unpriced lines count 0; lines not in the HPS are left out. The corrected
// price may be lower or higher than the stated one. Other contracts, and
// forms without lines, keep the stated price. Reason: "evaluation.overflow".
StatusOr<PriceCorrection> CorrectPrice(const PriceForm& form, const std::vector<HpsLine>& hps,
                                       std::string_view contract_type);

// --- Ranking ---

enum class StageOutcome {
  kPending,       // a judgement it needs is not in yet
  kPassed,
  kFailed,
  kNotEvaluated,  // not needed: failed earlier, or past the qualified ranks
};
std::string_view StageOutcomeWord(StageOutcome s);  // "menunggu", "lulus", "gugur", "tidak_dievaluasi"

// What is known of one bidder when the ranking is computed.
struct BidderFacts {
  std::int64_t vendor_id = 0;
  std::string company_name;
  Micros submitted_at = 0;  // when its counting bid (the one with the price) was complete
  // The price, corrected; nullopt when the price envelope is not opened
  // (dua file, or it could not be opened).
  std::optional<PriceCorrection> price;
  std::vector<Judgement> agreed;  // its current agreed judgements (member_id 0)
  // The qualification proof (pembuktian kualifikasi): nullopt until recorded.
  std::optional<bool> proof_passed;
  std::string proof_reason;
};

struct EvaluationContext {
  const EvaluationSpec* method = nullptr;
  Money hps;
  Money pagu;
  // Pascakualifikasi: qualification is judged after the ranking, for the
  // best ranked; otherwise (prakualifikasi, and methods without one) the
  // qualification criteria are not judged here.
  bool post_qualification = true;
  // The winner needs a passed qualification proof (tender, seleksi).
  bool needs_proof = true;
};

struct BidderResult {
  std::int64_t vendor_id = 0;
  std::string company_name;
  StageOutcome administration = StageOutcome::kPending;
  StageOutcome technical = StageOutcome::kPending;
  StageOutcome price = StageOutcome::kPending;
  StageOutcome qualification = StageOutcome::kNotEvaluated;
  StageOutcome proof = StageOutcome::kNotEvaluated;
  // The reasons it failed, "administrasi: <reason>" per failing criterion
  // (or "harga: evaluation.above_hps"), joined with "; ".
  std::string fail_reason;
  std::optional<std::int64_t> stated_price_rupiah;
  std::optional<std::int64_t> corrected_price_rupiah;
  // The value the price is ranked on: corrected plus life-cycle amounts.
  std::optional<std::int64_t> evaluated_price_rupiah;
  // Scores in hundredths of a point (0..10000).
  std::optional<std::int64_t> technical_score;
  std::optional<std::int64_t> price_score;  // kCombined
  std::optional<std::int64_t> total_score;  // kCombined
  bool below_80_percent_hps = false;  // kewajaran harga: to clarify, not a failure
  int rank = 0;              // 1.. among the bidders that passed admin, technical and price; 0 none
  std::string tie_break;     // the TieBreak word that ordered it after an equal bidder, if any
  bool winner = false;
  int reserve = 0;           // 1, 2: pemenang cadangan
};

struct EvaluationOutcome {
  std::vector<BidderResult> bidders;  // ranked first, by rank; then the others by company name
  // Every judgement needed to name a winner (or to know there is none) is in.
  bool complete = false;
  std::optional<std::int64_t> winner_vendor_id;
  // Complete without a winner: why the selection fails (gagal):
  // "evaluation.no_bids", "evaluation.all_above_hps", "evaluation.none_passed".
  std::string failure;
};

// EVL-04..EVL-10: the stages in order, each only for bidders that passed
// the one before (sistem gugur): administration, technical (pass/fail, or
// the weighted score against the pass mark), price (corrected price above
// the HPS fails where the method says so; above the pagu for kQuality and
// kBudgetCeiling; a bid without an opened price fails), then ranking by the
// method:
//   kLowestPrice, kThreshold: lowest evaluated price first;
//   kLifeCycle: lowest corrected price + amount criteria first;
//   kCombined: price score = lowest evaluated price / price x 100, total =
//     technical weight x technical score + (100 - weight) x price score,
//     highest total first (hundredths, rounded half up);
//   kQuality, kBudgetCeiling: highest technical score first;
// equal values ordered by the method's tie breaks, then by vendor id.
// Pascakualifikasi: going down the ranking, qualification (and the proof,
// when needed) is judged until `qualified_ranks` bidders passed; the first
// to pass both is the winner, the next ones the reserves.
EvaluationOutcome Evaluate(const EvaluationContext& ctx, const std::vector<BidderFacts>& bidders);

// --- Qualification proof (pembuktian kualifikasi) ---

struct ProofInvitation {
  std::int64_t id = 0;
  std::int64_t tender_id = 0;
  std::int64_t vendor_id = 0;
  Micros at = 0;         // when to come
  std::string place;
  std::string notes;     // what to bring
  std::int64_t invited_by = 0;
  Micros invited_at = 0;
};
// EVL-11: the time is in the future and within the tender's pembuktian
// stage when it has one; a place is given. Reasons:
// "evaluation.proof_time_invalid", "evaluation.place_required", "evaluation.too_long".
Status CheckProofInvitation(const ProofInvitation& inv, const Tender& t, const ProcedureSpec& p,
                            Micros now);

struct ProofResult {
  std::int64_t id = 0;
  std::int64_t tender_id = 0;
  std::int64_t vendor_id = 0;
  bool passed = false;
  std::string reason;  // required when it failed
  std::int64_t recorded_by = 0;
  Micros at = 0;
};

// --- Award (penetapan and pengumuman pemenang) ---

// The Pokja's decision, with the results as they stood, frozen: the
// results page and the Berita Acara Hasil Pemilihan show this, not a new
// computation. A later decision (after a re-evaluation) is a new one.
struct AwardDecision {
  std::int64_t id = 0;
  std::int64_t tender_id = 0;
  std::optional<std::int64_t> winner_vendor_id;  // nullopt: the selection failed
  std::int64_t price_rupiah = 0;                 // the winner's evaluated price
  std::string failure;                           // EvaluationOutcome::failure when no winner
  std::vector<BidderResult> results;
  std::int64_t decided_by = 0;
  Micros decided_at = 0;
  std::string minutes_number;  // BA Hasil Pemilihan
  std::string minutes_sha256;
  std::uint64_t minutes_size = 0;
  std::optional<Micros> announced_at;  // pengumuman pemenang
  std::int64_t announced_by = 0;
  std::optional<Micros> revoked_at;    // set aside (re-evaluation after a sanggah)
  std::int64_t revoked_by = 0;
  std::string revoked_reason;
};

// --- Klarifikasi teknis dan negosiasi (non-tender, seleksi) ---

// The clarification and price negotiation with the candidate, with its
// Berita Acara Negosiasi. A later one (a correction) is a new entry.
struct Negotiation {
  std::int64_t id = 0;
  std::int64_t tender_id = 0;
  std::int64_t vendor_id = 0;
  std::int64_t offered_rupiah = 0;  // the evaluated price negotiated from
  std::int64_t agreed_rupiah = 0;   // the price agreed
  std::string notes;                // what was clarified and agreed
  std::int64_t recorded_by = 0;
  Micros at = 0;
  std::string minutes_number;  // BA Negosiasi
  std::string minutes_sha256;
  std::uint64_t minutes_size = 0;
};

// NEG-01: a negotiation is held while the procedure's
// "klarifikasi_negosiasi" stage runs; it never raises the price: the agreed
// price is positive and at most the offered (evaluated) price and the HPS;
// what was clarified and agreed is written down (1..5000 characters).
// Reasons: CheckStageWindow's, "negotiation.price_invalid",
// "negotiation.above_offer", "negotiation.above_hps", "negotiation.notes_required",
// "evaluation.too_long".
Status CheckNegotiation(const Negotiation& n, const Tender& t, const ProcedureSpec& p, Money hps,
                        Micros now);

// The stage a step belongs to: the stage of `p` with code `stage` (for a
// decision "penetapan", for the announcement "pengumuman_pemenang"; a
// procedure that decides and announces in one stage uses "penetapan" for
// both). EVL-12: the step is taken only while its stage runs, start <= now
// < end. Reasons: "tender.not_running", "evaluation.no_stage",
// "evaluation.stage_not_started", "evaluation.stage_over".
Status CheckStageWindow(const Tender& t, const ProcedureSpec& p, std::string_view stage, Micros now);

}  // namespace spse::domain

#endif  // SPSE_DOMAIN_EVALUATION_H_
