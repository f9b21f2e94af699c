// The starting point of the sealed-bid load checks (issue 5): bench/rush.sh
// and tests/e2e/crash/bids_crash.test.mjs. Migrates the database, then
// writes through the storage layer:
//
//   - a Pokja group of three with personal keys, and a published satu-file
//     tender of theirs whose bid stage (upload_penawaran) runs now and ends
//     --deadline-in seconds from now; its tender key, 2 of 3, is set;
//   - N verified, active vendor accounts with their company data, every
//     one joined to the tender and signed in (a session each).
//
//   spse_bid_fixture --database URL --data-dir DIR --vendors N
//                    [--deadline-in SECONDS] [--out FILE] [--secret-out FILE]
//                    [--web-dir DIR] [--base-url URL]
//
// The server signs CSRF tokens with the secret kept in the database
// (setting "server_secret"), made here when missing exactly as `spse serve`
// makes it, so a server started on the same database accepts the cookies
// and tokens written to --out (JSON: tender id and public key, and per
// vendor its cookie and CSRF token). --secret-out receives the tender's
// secret key (base64url), which only the checks have: a real tender's is
// never whole anywhere.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/ports.h"
#include "catalog/catalogue_loader.h"
#include "crypto/bid_crypto.h"
#include "crypto/crypto.h"
#include "crypto/sodium_port.h"
#include "domain/procedure.h"
#include "storage/database.h"

namespace spse::bench {
namespace {

using app::Access;

struct Options {
  std::string database;
  std::string data_dir;
  int vendors = 0;
  long deadline_in = 3600;  // seconds
  std::string out;
  std::string secret_out;
  std::string web_dir = SPSE_SOURCE_WEB_DIR;
  std::string base_url = "http://127.0.0.1:8080";
};

[[noreturn]] void Die(const Status& s, std::string_view what) {
  std::fprintf(stderr, "bid_fixture: %.*s: %s\n", static_cast<int>(what.size()), what.data(),
               s.ToString().c_str());
  std::exit(1);
}

template <typename T>
T Check(StatusOr<T> v, std::string_view what) {
  if (!v.ok()) Die(v.status(), what);
  return std::move(*v);
}

void Check(const Status& s, std::string_view what) {
  if (!s.ok()) Die(s, what);
}

[[noreturn]] void Usage() {
  std::fprintf(stderr,
               "usage: spse_bid_fixture --database URL --data-dir DIR --vendors N\n"
               "       [--deadline-in SECONDS] [--out FILE] [--secret-out FILE]\n"
               "       [--web-dir DIR] [--base-url URL]\n");
  std::exit(2);
}

Options Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (i + 1 >= argc) Usage();
    const std::string value = argv[++i];
    if (flag == "--database") o.database = value;
    else if (flag == "--data-dir") o.data_dir = value;
    else if (flag == "--vendors") o.vendors = std::atoi(value.c_str());
    else if (flag == "--deadline-in") o.deadline_in = std::atol(value.c_str());
    else if (flag == "--out") o.out = value;
    else if (flag == "--secret-out") o.secret_out = value;
    else if (flag == "--web-dir") o.web_dir = value;
    else if (flag == "--base-url") o.base_url = value;
    else Usage();
  }
  if (o.data_dir.empty() || o.vendors < 1 || o.deadline_in < 1) Usage();
  if (o.database.empty()) o.database = "sqlite://" + o.data_dir + "/spse.db";
  if (o.out.empty()) o.out = o.data_dir + "/bid-fixture.json";
  if (o.secret_out.empty()) o.secret_out = o.data_dir + "/tender-secret.key";
  return o;
}

Micros Now() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// As `spse serve` does on its first start: the server's secret lives in the database.
std::string EnsureSecret(app::Store& store, app::CryptoPort& crypto) {
  auto tx = Check(store.Begin(Access::kWrite), "begin");
  if (auto secret = Check(tx->settings().Get("server_secret"), "secret")) return *secret;
  const std::string fresh = crypto.RandomToken(32);
  Check(tx->settings().Put("server_secret", fresh), "secret");
  Check(tx->Commit(), "commit");
  return fresh;
}

domain::User Account(const std::string& username, const std::string& name, domain::Role role,
                     std::optional<std::int64_t> agency, Micros now) {
  domain::User u;
  u.username = username;
  u.full_name = name;
  u.email = username + "@rush.example";
  u.roles = domain::RoleSet{role};
  u.agency_id = agency;
  u.notify_email = false;
  // Nobody signs in with a password: sessions are made below.
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  u.created_at = now;
  u.verification.decided_at = now;
  return u;
}

// The procedure's proposed schedule moved so that the bid stage runs from a
// minute ago until `bid_end`; the stages before it are over, those after it
// keep their distances to it.
domain::Schedule PlaceSchedule(const domain::ProcedureSpec& p, Micros now, Micros bid_end) {
  domain::Schedule s = domain::ProposeSchedule(p, now, domain::WorkingCalendar{});
  size_t bid = s.size();
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i].stage == "upload_penawaran") bid = i;
  }
  if (bid == s.size()) Die(Internal("fixture.no_bid_stage", p.code), "schedule");
  const Micros before = (now - kMicrosPerMinute) - s[bid].start;
  const Micros after = bid_end - s[bid].end;
  for (size_t i = 0; i < s.size(); ++i) {
    const Micros shift = i < bid ? before : i == bid ? 0 : after;
    s[i].start += shift;
    s[i].end += shift;
  }
  s[bid].start = now - kMicrosPerMinute;
  s[bid].end = bid_end;
  return s;
}

int Run(const Options& o) {
  Check(crypto::Init(), "crypto");
  std::error_code ec;
  std::filesystem::create_directories(o.data_dir, ec);
  if (ec) Die(Unavailable("fixture.data_dir", ec.message()), o.data_dir);
  Check(storage::Migrate(o.database), "migrate");
  auto store = Check(storage::OpenStore(o.database, {1}), "open");
  crypto::SodiumCrypto crypto;
  const std::string secret = EnsureSecret(*store, crypto);
  const domain::Catalogue catalogue =
      Check(catalog::LoadCatalogue(o.web_dir + "/catalogue/procedures.toml"), "catalogue");
  const domain::ProcedureSpec* procedure = catalogue.Find("tender-pasca-satu-file");
  if (!procedure) Die(NotFound("fixture.procedure"), "catalogue");

  const Micros now = Now();
  const Micros bid_end = now + o.deadline_in * kMicrosPerSecond;
  const std::string run = std::to_string(now / kMicrosPerSecond % 1'000'000'000);
  auto tx = Check(store->Begin(Access::kWrite), "begin");

  domain::Agency agency;
  agency.code = "RUSH-" + run;
  agency.name = "Bagian Pengadaan Barang/Jasa (uji beban " + run + ")";
  const std::int64_t agency_id = Check(tx->agencies().Insert(agency), "agency");

  std::vector<std::int64_t> members;
  for (int i = 1; i <= 3; ++i) {
    members.push_back(Check(tx->users().Insert(Account("rush" + run + ".pokja" + std::to_string(i),
                                                       "Pokja Uji " + std::to_string(i),
                                                       domain::Role::kPokja, agency_id, now)),
                            "pokja"));
  }
  domain::PokjaGroup group;
  group.name = "Pokja Uji Beban " + run;
  group.agency_id = agency_id;
  group.chair_id = members[0];
  group.member_ids = members;
  group.created_at = now;
  const std::int64_t group_id = Check(tx->pokja().Insert(group), "pokja group");

  domain::RupItem item;
  item.agency_id = agency_id;
  item.name = "Pembangunan Jembatan Beton Desa Telang (uji beban " + run + ")";
  item.fiscal_year = 2026;
  item.pagu = Money::FromRupiah(2'500'000'000);
  item.funding = "APBD";
  item.procurement_type = "konstruksi";
  item.method = "tender";
  item.selection_from = 1;
  item.selection_to = 2;
  item.work_from = 3;
  item.work_to = 9;
  item.location = "Kec. Kamal";
  item.description = "Uji beban penawaran";
  item.status = domain::RupStatus::kPublished;
  item.created_by = members[0];
  item.created_at = item.updated_at = now - 30 * kMicrosPerDay;
  item.published_at = item.created_at;
  const std::int64_t rup = Check(tx->rup().Insert(item), "rup");

  domain::Package pkg;
  pkg.agency_id = agency_id;
  pkg.ppk_id = members[0];
  pkg.name = item.name;
  pkg.rup_ids = {rup};
  pkg.contract_type = "harga_satuan";
  pkg.qualification = "kecil";
  pkg.hps = {{"Beton K-300", "m3", 120000, Money::FromRupiah(1'500'000)}};
  pkg.status = domain::PackageStatus::kAssigned;
  pkg.pokja_group_id = group_id;
  pkg.created_at = pkg.updated_at = now - 20 * kMicrosPerDay;
  pkg.assigned_at = now - 19 * kMicrosPerDay;
  const std::int64_t package_id = Check(tx->packages().Insert(pkg, item.fiscal_year), "package");

  domain::Tender t;
  t.package_id = package_id;
  t.procedure_code = procedure->code;
  t.evaluation = "harga_terendah_gugur";
  t.pokja_group_id = group_id;
  t.created_by = members[0];
  t.created_at = now - 15 * kMicrosPerDay;
  t.schedule = PlaceSchedule(*procedure, now, bid_end);
  t.changes.assign(t.schedule.size(), 0);
  t.id = Check(tx->tenders().Insert(t), "tender");
  t = *Check(tx->tenders().FindById(t.id), "tender");
  t.status = domain::TenderStatus::kRunning;
  t.published_at = now - 14 * kMicrosPerDay;
  t.published_by = members[0];
  Check(tx->tenders().Update(t), "publish");

  // Each member's personal key, then the tender key shared 2 of 3 among them.
  std::vector<crypto::TenderMember> holders;
  std::vector<std::int64_t> member_key_ids;
  for (std::int64_t m : members) {
    crypto::BoxKeyPair pair = crypto::GenerateBoxKeyPair();
    domain::MemberKey k;
    k.user_id = m;
    k.public_key = crypto::ToBase64(pair.public_key);
    k.wrapped_secret = Check(crypto::WrapSecretKey(pair.secret_key, "kunci uji beban", {1, 8192}),
                             "wrap");
    k.created_at = now;
    member_key_ids.push_back(Check(tx->bids().ReplaceMemberKey(k), "member key"));
    holders.push_back({m, pair.public_key});
  }
  crypto::TenderKeyBundle bundle = Check(crypto::MakeTenderKeyBundle(holders, 2), "tender key");
  domain::TenderKey key;
  key.tender_id = t.id;
  key.envelope = domain::Envelope::kSingle;
  key.public_key = crypto::ToBase64(bundle.public_key);
  key.threshold = 2;
  key.created_by = members[0];
  key.created_at = now;
  const auto bundle_json = nlohmann::json::parse(bundle.json);
  for (const auto& s : bundle_json.at("shares")) {
    domain::KeyShare share;
    share.user_id = s.at("user_id").get<std::int64_t>();
    share.x = s.at("x").get<int>();
    share.member_key_id = member_key_ids.at(static_cast<size_t>(share.x - 1));
    share.sealed_share = s.at("sealed_share").get<std::string>();
    key.shares.push_back(std::move(share));
  }
  Check(tx->bids().InsertTenderKey(key), "tender key");

  // The vendors, joined and signed in.
  nlohmann::json vendors = nlohmann::json::array();
  for (int i = 0; i < o.vendors; ++i) {
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "%04d", i + 1);
    const std::string username = "rush" + run + ".v" + suffix;
    const std::int64_t user_id = Check(
        tx->users().Insert(Account(username, "Direktur CV Uji " + std::string(suffix),
                                   domain::Role::kPenyedia, std::nullopt, now)),
        "vendor account");
    domain::Vendor v;
    v.user_id = user_id;
    v.company_name = "CV Uji Beban " + std::string(suffix);
    v.business_form = "CV";
    v.npwp = std::to_string(310'000'000'000'000LL + user_id);
    v.address = "Jl. Halim Perdana Kusuma " + std::to_string(i + 1);
    v.regency = "Kabupaten Bangkalan";
    v.province = "Jawa Timur";
    v.phone = "031-3095111";
    v.company_email = username + "@rush.example";
    v.responsible_name = "Moh. Hasan";
    v.responsible_position = "Direktur";
    v.responsible_nik = "3526011203780001";
    v.created_at = v.updated_at = now;
    Check(tx->vendors().Insert(v), "vendor");
    domain::Participant p;
    p.tender_id = t.id;
    p.vendor_user_id = user_id;
    p.joined_at = now;
    p.pact_sha256 = crypto.Sha256Hex("pakta integritas");
    p.client_addr = "127.0.0.1";
    Check(tx->participation().Join(p), "join");

    const std::string token = crypto.RandomToken(16);
    app::SessionRecord session;
    session.id_hash = crypto.Sha256Hex(token);
    session.user_id = user_id;
    session.created_at = session.last_seen_at = now;
    session.client_addr = "127.0.0.1";
    session.user_agent = "spse_bid_fixture";
    Check(tx->sessions().Insert(session), "session");
    vendors.push_back({{"username", username},
                       {"user_id", user_id},
                       {"cookie", "spse_session=" + token},
                       {"csrf", crypto.Hmac(secret, "csrf:s:" + session.id_hash)}});
  }
  Check(tx->Commit(), "commit");

  nlohmann::json out = {
      {"base_url", o.base_url},
      {"declare_url", "/api/v1/tenders/" + std::to_string(t.id) + "/bids"},
      {"tender_id", t.id},
      {"tender_code", t.code},
      {"tender_public_key", key.public_key},
      {"secret_key_file", o.secret_out},
      {"bids_close_at_ms", bid_end / 1000},
      {"vendors", vendors},
  };
  {
    std::ofstream f(o.out);
    f << out.dump(1) << "\n";
    if (!f) Die(Unavailable("fixture.write", o.out), "output");
  }
  {
    std::ofstream f(o.secret_out);
    f << crypto::ToBase64(bundle.secret_key) << "\n";
    if (!f) Die(Unavailable("fixture.write", o.secret_out), "secret key");
  }
  crypto::Wipe(bundle.secret_key);
  std::fprintf(stderr, "bid_fixture: tender %lld (%s), %d vendors, bids close in %ld s -> %s\n",
               static_cast<long long>(t.id), t.code.c_str(), o.vendors, o.deadline_in,
               o.out.c_str());
  return 0;
}

}  // namespace
}  // namespace spse::bench

int main(int argc, char** argv) { return spse::bench::Run(spse::bench::Parse(argc, argv)); }
