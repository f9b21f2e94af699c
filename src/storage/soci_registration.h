// The SOCI repositories of registration (Pasal 21): confirmation links,
// vendors and account documents. Each works on the transaction's session.
#ifndef SPSE_STORAGE_SOCI_REGISTRATION_H_
#define SPSE_STORAGE_SOCI_REGISTRATION_H_

#include <memory>

#include "app/ports.h"

namespace soci {
class session;
}  // namespace soci

namespace spse::storage {

std::unique_ptr<app::RegistrationRepo> NewRegistrationRepo(soci::session& sql);
std::unique_ptr<app::VendorRepo> NewVendorRepo(soci::session& sql);
std::unique_ptr<app::AccountDocumentRepo> NewAccountDocumentRepo(soci::session& sql);

}  // namespace spse::storage

#endif  // SPSE_STORAGE_SOCI_REGISTRATION_H_
