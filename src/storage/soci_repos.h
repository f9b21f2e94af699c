// Repositories implemented in their own files, for SociTx to hold. Only the
// storage library includes this header.
#ifndef SPSE_STORAGE_SOCI_REPOS_H_
#define SPSE_STORAGE_SOCI_REPOS_H_

#include <soci/soci.h>

#include <memory>
#include <string>
#include <string_view>

#include "app/ports.h"
#include "storage/soci_guard.h"

namespace spse::storage {

std::unique_ptr<app::VendorDataRepo> NewVendorDataRepo(soci::session& sql);
std::unique_ptr<app::CalendarRepo> NewCalendarRepo(soci::session& sql);
std::unique_ptr<app::TenderRepo> NewTenderRepo(soci::session& sql);
std::unique_ptr<app::ParticipationRepo> NewParticipationRepo(soci::session& sql);
std::unique_ptr<app::StageEventRepo> NewStageEventRepo(soci::session& sql);
std::unique_ptr<app::TenderDocumentRepo> NewTenderDocumentRepo(soci::session& sql);
std::unique_ptr<app::RupRepo> NewRupRepo(soci::session& sql);
std::unique_ptr<app::PackageRepo> NewPackageRepo(soci::session& sql);
std::unique_ptr<app::BidRepo> NewBidRepo(soci::session& sql);
std::unique_ptr<app::EvaluationRepo> NewEvaluationRepo(soci::session& sql);
std::unique_ptr<app::ContractRepo> NewContractRepo(soci::session& sql);
std::unique_ptr<app::AuctionRepo> NewAuctionRepo(soci::session& sql);
std::unique_ptr<app::ObjectionRepo> NewObjectionRepo(soci::session& sql);

}  // namespace spse::storage

#endif  // SPSE_STORAGE_SOCI_REPOS_H_
