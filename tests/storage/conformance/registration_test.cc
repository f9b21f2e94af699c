// The registration repositories through Store/Tx, on every backend:
// confirmation links, the verification columns of users, vendors with their
// unique NPWP, account documents with their history, the queue, expiry.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <string>

#include "storage/conformance/builders.h"
#include "storage/conformance/test_database.h"
#include "testing/status_matchers.h"

namespace spse::storage::conformance {
namespace {

using domain::AccountDocument;
using domain::AccountStatus;
using domain::DocumentKind;
using domain::Role;

// An NPWP no other test or run uses: 15 digits.
std::string UniqueNpwp() {
  const auto h = std::hash<std::string>{}(Unique("npwp")) % 1'000'000'000'000'000ULL;
  std::string digits = std::to_string(h);
  return std::string(15 - digits.size(), '1') + digits;
}

domain::Vendor AVendorOf(std::int64_t user_id, const std::string& npwp) {
  domain::Vendor v;
  v.user_id = user_id;
  v.company_name = "CV " + Unique("v");
  v.business_form = "CV";
  v.npwp = npwp;
  v.address = "Jl. Raya Kamal 1";
  v.regency = "Kabupaten Bangkalan";
  v.province = "Jawa Timur";
  v.phone = "031-3095100";
  v.company_email = "kantor@vendor.test";
  v.responsible_name = "Ahmad";
  v.responsible_position = "Direktur";
  v.responsible_nik = "3526031508880005";
  v.created_at = kJan2026;
  v.updated_at = kJan2026;
  return v;
}

AccountDocument ADocumentOf(std::int64_t user_id, DocumentKind kind, const std::string& sha) {
  AccountDocument d;
  d.user_id = user_id;
  d.kind = kind;
  d.licence_type = kind == DocumentKind::kIzinUsaha ? "NIB" : "";
  d.sha256 = sha;
  d.filename = "dokumen.pdf";
  d.content_type = "application/pdf";
  d.size = 1234;
  d.uploaded_at = kJan2026;
  d.uploaded_by = user_id;
  return d;
}

// A unique 64-hex "digest".
std::string UniqueSha() {
  std::string s = Unique("");
  std::string out;
  for (char c : s) out += "0123456789abcdef"[static_cast<unsigned char>(c) % 16];
  return (out + std::string(64, 'a')).substr(0, 64);
}

StatusOr<std::int64_t> InsertVendorAccount(AccountStatus status, Micros created_at) {
  domain::User u = AUser().Roles(domain::RoleSet{Role::kPenyedia}).Build();
  u.created_at = created_at;
  u.verification.status = status;
  return Insert(u);
}

StatusOr<domain::User> FindUser(std::int64_t id) {
  return InReadTx([&](app::Tx& tx) -> StatusOr<domain::User> {
    SPSE_ASSIGN_OR_RETURN(auto u, tx.users().FindById(id));
    if (!u) return NotFound("user.not_found");
    return *u;
  });
}

TEST(RegistrationRequests, ALinkIsFoundByItsHashAndUsedOnce) {
  app::RegistrationRequest r;
  r.token_hash = Unique("hash");
  r.email = Unique("a") + "@mail.test";
  r.created_at = kJan2026;
  r.expires_at = kJan2026 + kMicrosPerDay;
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.registrations().InsertRequest(r); }));
  ASSERT_OK_AND_ASSIGN(auto found, InReadTx([&](app::Tx& tx) { return tx.registrations().FindRequest(r.token_hash); }));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->email, r.email);
  EXPECT_EQ(found->expires_at, kJan2026 + kMicrosPerDay);
  EXPECT_FALSE(found->used_at.has_value());
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.registrations().MarkRequestUsed(r.token_hash, kJan2026 + 5); }));
  EXPECT_THAT(InWriteTx([&](app::Tx& tx) { return tx.registrations().MarkRequestUsed(r.token_hash, kJan2026 + 6); }),
              StatusIs(Code::kFailedPrecondition, "registration.link_invalid"));
  ASSERT_OK_AND_ASSIGN(auto used, InReadTx([&](app::Tx& tx) { return tx.registrations().FindRequest(r.token_hash); }));
  ASSERT_TRUE(used->used_at.has_value());
  EXPECT_EQ(*used->used_at, kJan2026 + 5);
}

TEST(RegistrationRequests, EmailInUseIgnoresCase) {
  const std::string email = Unique("Budi") + "@Mail.Test";
  ASSERT_OK(Insert(AUser().Email(email).Build()).status());
  std::string lowered = email;
  std::transform(lowered.begin(), lowered.end(), lowered.begin(), ::tolower);
  ASSERT_OK_AND_ASSIGN(bool used, InReadTx([&](app::Tx& tx) { return tx.registrations().EmailInUse(lowered); }));
  EXPECT_TRUE(used);
  ASSERT_OK_AND_ASSIGN(bool unused, InReadTx([&](app::Tx& tx) { return tx.registrations().EmailInUse(Unique("x") + "@mail.test"); }));
  EXPECT_FALSE(unused);
}

TEST(UserVerification, EveryColumnRoundTripsAndExistingAccountsAreVerified) {
  ASSERT_OK_AND_ASSIGN(std::int64_t plain, Insert(AUser().Build()));
  ASSERT_OK_AND_ASSIGN(domain::User u, FindUser(plain));
  EXPECT_EQ(u.verification.status, AccountStatus::kVerified);
  EXPECT_FALSE(u.verification.submitted_at.has_value());

  u.verification.status = AccountStatus::kRejected;
  u.verification.rejection_note = "KTP tidak terbaca";
  u.verification.submitted_at = kJan2026 + 1;
  u.verification.decided_at = kJan2026 + 2;
  u.verification.decided_by = 77;
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.users().Update(u); }));
  ASSERT_OK_AND_ASSIGN(domain::User back, FindUser(plain));
  EXPECT_EQ(back.verification.status, AccountStatus::kRejected);
  EXPECT_EQ(back.verification.rejection_note, "KTP tidak terbaca");
  EXPECT_EQ(back.verification.submitted_at, kJan2026 + 1);
  EXPECT_EQ(back.verification.decided_at, kJan2026 + 2);
  EXPECT_EQ(back.verification.decided_by, 77);
}

TEST(Vendors, InsertFindUpdateAndTheNpwpIsUnique) {
  ASSERT_OK_AND_ASSIGN(std::int64_t a, InsertVendorAccount(AccountStatus::kDraft, kJan2026));
  ASSERT_OK_AND_ASSIGN(std::int64_t b, InsertVendorAccount(AccountStatus::kDraft, kJan2026));
  const std::string npwp = UniqueNpwp();
  domain::Vendor va = AVendorOf(a, npwp);
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.vendors().Insert(va); }));
  EXPECT_THAT(InWriteTx([&](app::Tx& tx) { return tx.vendors().Insert(AVendorOf(b, npwp)); }),
              StatusIs(Code::kAlreadyExists, "vendor.npwp_taken"));
  domain::Vendor vb = AVendorOf(b, UniqueNpwp());
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.vendors().Insert(vb); }));
  vb.npwp = npwp;
  EXPECT_THAT(InWriteTx([&](app::Tx& tx) { return tx.vendors().Update(vb); }),
              StatusIs(Code::kAlreadyExists, "vendor.npwp_taken"));

  va.address = "Jl. Baru 2";
  va.updated_at = kJan2026 + 9;
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.vendors().Update(va); }));
  ASSERT_OK_AND_ASSIGN(auto found, InReadTx([&](app::Tx& tx) { return tx.vendors().FindByUser(a); }));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->company_name, va.company_name);
  EXPECT_EQ(found->npwp, npwp);
  EXPECT_EQ(found->address, "Jl. Baru 2");
  EXPECT_EQ(found->responsible_nik, "3526031508880005");
  EXPECT_EQ(found->created_at, kJan2026);
  EXPECT_EQ(found->updated_at, kJan2026 + 9);
}

TEST(AccountDocuments, HistoryOriginalsAndBlobReferences) {
  ASSERT_OK_AND_ASSIGN(std::int64_t user, InsertVendorAccount(AccountStatus::kDraft, kJan2026));
  const std::string sha = UniqueSha();
  ASSERT_OK_AND_ASSIGN(std::int64_t first, InWriteTx([&](app::Tx& tx) {
    return tx.documents().Insert(ADocumentOf(user, DocumentKind::kIzinUsaha, sha));
  }));
  ASSERT_OK_AND_ASSIGN(std::int64_t second, InWriteTx([&](app::Tx& tx) {
    return tx.documents().Insert(ADocumentOf(user, DocumentKind::kIzinUsaha, sha));
  }));
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.documents().Supersede(first, second); }));
  EXPECT_THAT(InWriteTx([&](app::Tx& tx) { return tx.documents().Supersede(first, second); }),
              StatusIs(Code::kNotFound, "document.not_found"));
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.documents().SetOriginalSeen(second, true); }));
  ASSERT_OK_AND_ASSIGN(auto docs, InReadTx([&](app::Tx& tx) { return tx.documents().ForUser(user); }));
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].id, first);
  EXPECT_EQ(docs[0].superseded_by, second);
  EXPECT_FALSE(docs[0].original_seen);
  EXPECT_TRUE(docs[1].current());
  EXPECT_TRUE(docs[1].original_seen);
  EXPECT_EQ(docs[1].licence_type, "NIB");
  EXPECT_EQ(docs[1].size, 1234u);
  ASSERT_OK_AND_ASSIGN(auto one, InReadTx([&](app::Tx& tx) { return tx.documents().Find(second); }));
  ASSERT_TRUE(one.has_value());
  EXPECT_EQ(one->sha256, sha);
  ASSERT_OK_AND_ASSIGN(std::int64_t refs, InReadTx([&](app::Tx& tx) { return tx.documents().CountBlobReferences(sha); }));
  EXPECT_EQ(refs, 2);

  // Deleting the account takes its documents (and vendor row) with it.
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.vendors().Insert(AVendorOf(user, UniqueNpwp())); }));
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.registrations().DeleteAccount(user); }));
  ASSERT_OK_AND_ASSIGN(std::int64_t after, InReadTx([&](app::Tx& tx) { return tx.documents().CountBlobReferences(sha); }));
  EXPECT_EQ(after, 0);
  ASSERT_OK_AND_ASSIGN(auto vendor, InReadTx([&](app::Tx& tx) { return tx.vendors().FindByUser(user); }));
  EXPECT_FALSE(vendor.has_value());
  EXPECT_THAT(InWriteTx([&](app::Tx& tx) { return tx.registrations().DeleteAccount(user); }),
              StatusIs(Code::kNotFound, "user.not_found"));
}

TEST(RegistrationQueue, SubmittedOldestFirst) {
  const Micros epoch = UniqueEpoch();
  std::vector<std::int64_t> ids;
  for (Micros offset : {3, 1, 2}) {
    ASSERT_OK_AND_ASSIGN(std::int64_t id, InsertVendorAccount(AccountStatus::kDraft, kJan2026));
    ASSERT_OK_AND_ASSIGN(domain::User u, FindUser(id));
    u.verification.status = AccountStatus::kSubmitted;
    u.verification.submitted_at = epoch + offset;
    ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.users().Update(u); }));
    ids.push_back(id);
  }
  ASSERT_OK_AND_ASSIGN(std::int64_t draft, InsertVendorAccount(AccountStatus::kDraft, kJan2026));
  ASSERT_OK_AND_ASSIGN(auto queue, InReadTx([&](app::Tx& tx) { return tx.registrations().Submitted(1'000'000); }));
  std::vector<std::int64_t> mine;
  for (std::int64_t id : queue) {
    if (std::find(ids.begin(), ids.end(), id) != ids.end()) mine.push_back(id);
  }
  EXPECT_EQ(mine, (std::vector<std::int64_t>{ids[1], ids[2], ids[0]}));
  EXPECT_EQ(std::find(queue.begin(), queue.end(), draft), queue.end());
}

TEST(RegistrationExpiry, StaleMeansOldUnverifiedVendorsNotOnTheBlacklist) {
  const Micros cutoff = UniqueEpoch();
  ASSERT_OK_AND_ASSIGN(std::int64_t old_draft, InsertVendorAccount(AccountStatus::kDraft, cutoff - 1));
  ASSERT_OK_AND_ASSIGN(std::int64_t old_rejected, InsertVendorAccount(AccountStatus::kRejected, cutoff - 1));
  ASSERT_OK_AND_ASSIGN(std::int64_t young, InsertVendorAccount(AccountStatus::kDraft, cutoff));
  ASSERT_OK_AND_ASSIGN(std::int64_t verified, InsertVendorAccount(AccountStatus::kVerified, cutoff - 1));
  domain::User staff = AUser().Roles(domain::RoleSet{Role::kAuditor}).Build();
  staff.created_at = cutoff - 1;
  staff.verification.status = AccountStatus::kSubmitted;
  ASSERT_OK_AND_ASSIGN(std::int64_t non_vendor, Insert(staff));
  ASSERT_OK_AND_ASSIGN(std::int64_t blacklisted, InsertVendorAccount(AccountStatus::kDraft, cutoff - 1));
  domain::BlacklistEntry e;
  e.user_id = blacklisted;
  e.vendor_name = "CV Hitam";
  e.sk_number = "SK 1";
  e.violation = "Pelanggaran";
  e.starts_at = kJan2026;
  ASSERT_OK(InWriteTx([&](app::Tx& tx) { return tx.blacklist().Insert(e); }).status());

  ASSERT_OK_AND_ASSIGN(auto stale, InReadTx([&](app::Tx& tx) { return tx.registrations().Stale(cutoff, 1'000'000); }));
  auto has = [&](std::int64_t id) { return std::find(stale.begin(), stale.end(), id) != stale.end(); };
  EXPECT_TRUE(has(old_draft));
  EXPECT_TRUE(has(old_rejected));
  EXPECT_FALSE(has(young));
  EXPECT_FALSE(has(verified));
  EXPECT_FALSE(has(non_vendor)) << "only self-registered vendors expire";
  EXPECT_FALSE(has(blacklisted));
}

}  // namespace
}  // namespace spse::storage::conformance
