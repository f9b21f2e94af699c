// Which procedures of the shipped catalogue (web/catalogue/procedures.toml)
// are invitation-only (INV-* in docs/rules.md), and broken invitation fields
// stopping the server saying where.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <map>

#include "catalog/catalogue_loader.h"
#include "testing/status_matchers.h"

namespace spse::catalog {
namespace {

const domain::Catalogue& Shipped() {
  static const domain::Catalogue c = [] {
    auto loaded = LoadCatalogue(std::string(SPSE_SOURCE_DIR) + "/web/catalogue/procedures.toml");
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return loaded.ok() ? *loaded : domain::Catalogue();
  }();
  return c;
}

TEST(InvitationCatalogue, INV_01_TenderCepatAndBothDirectMethodsAreInvitationOnly) {
  struct Expected {
    int max_invitees;
    std::string until;
  };
  const std::map<std::string, Expected> invited = {
      {"tender-cepat", {0, ""}},
      {"pengadaan-langsung", {0, ""}},
      {"penunjukan-langsung", {1, "undangan"}},
  };
  for (const auto& p : Shipped().procedures) {
    auto it = invited.find(p.code);
    if (it == invited.end()) {
      EXPECT_FALSE(p.invitation_only) << p.code;
      continue;
    }
    EXPECT_TRUE(p.invitation_only) << p.code;
    EXPECT_EQ(p.max_invitees, it->second.max_invitees) << p.code;
    EXPECT_EQ(p.invitation_until, it->second.until) << p.code;
  }
  for (const auto& [code, e] : invited) EXPECT_NE(Shipped().Find(code), nullptr) << code;
}

TEST(InvitationCatalogue, INV_03_BrokenInvitationFieldsAreRefusedSayingWhere) {
  const std::string head =
      "[[procedure]]\ncode='x'\nmethod='penunjukan_langsung'\nqualification=''\n"
      "envelope='satu_file'\nname='X'\nname_en='X'\ntypes=['barang']\n"
      "evaluations=['m']\n";
  const std::string stages = "[[procedure.stage]]\ncode='undangan'\nname='U'\nname_en='U'\n";
  const std::string method =
      "[[evaluation]]\ncode='m'\nname='M'\nname_en='M'\nkind='harga_terendah'\n"
      "[[evaluation.criterion]]\ncode='adm'\nstage='administrasi'\ntext='t'\ntext_en='t'\n";
  struct Case {
    std::string fields, where;
  };
  const Case cases[] = {
      {"max_invitees=1\n", "not invitation_only"},
      {"invitation_until='undangan'\n", "not invitation_only"},
      {"invitation_only=true\nmax_invitees=-1\n", "max_invitees"},
      {"invitation_only=true\ninvitation_until='kontrak'\n", "invitation_until kontrak"},
  };
  for (const Case& c : cases) {
    auto got = ParseCatalogue(head + c.fields + stages + method, "uji.toml");
    EXPECT_THAT(got, StatusIs(Code::kInvalidArgument, "catalogue.invitation_invalid")) << c.fields;
    if (!got.ok()) {
      EXPECT_NE(got.status().message().find(c.where), std::string::npos) << got.status().message();
    }
  }
  EXPECT_THAT(ParseCatalogue(head + "invitation_only='ya'\n" + stages + method, "uji.toml"),
              StatusIs(Code::kInvalidArgument, "catalogue.field_invalid"));
  ASSERT_OK_AND_ASSIGN(auto ok, ParseCatalogue(head +
                                                   "invitation_only=true\nmax_invitees=1\n"
                                                   "invitation_until='undangan'\n" +
                                                   stages + method,
                                               "uji.toml"));
  EXPECT_TRUE(ok.procedures.front().invitation_only);
}

TEST(InvitationCatalogue, EveryInvitationRuleIsListedInDocsRules) {
  std::ifstream in(std::string(SPSE_SOURCE_DIR) + "/docs/rules.md");
  ASSERT_TRUE(in) << "docs/rules.md";
  const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (int i = 1; i <= 4; ++i) {
    const std::string id = "INV-0" + std::to_string(i);
    EXPECT_NE(doc.find("| " + id + " |"), std::string::npos) << id;
  }
}

}  // namespace
}  // namespace spse::catalog
