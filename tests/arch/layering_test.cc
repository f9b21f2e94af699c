// STYLE.md: "The arrows point inward: domain and app include no HTTP, SQL,
// crypto or PDF headers." base is the innermost layer, domain sits on base,
// app on domain; the adapters (storage, crypto, http, cli, ...) sit outside
// and only they may include the libraries that talk to the world.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace spse {
namespace {

namespace fs = std::filesystem;

const fs::path kSourceDir = fs::path(SPSE_SOURCE_DIR) / "src";

struct Include {
  std::string file;  // relative to the project root
  int line = 0;
  std::string header;
  bool angled = false;  // <...> rather than "..."
};

struct LayerRule {
  std::string layer;                  // folder under src/
  std::set<std::string> may_include;  // folders under src/ this layer may use
};

// Libraries that reach outside the process: servers, databases, crypto,
// templates, serialisation, logging. Matched as a prefix of the header path.
const std::vector<std::string> kOuterLibraries = {"boost/",   "soci/",       "sqlite3",
                                                  "libpq",    "postgresql/", "sodium",
                                                  "kainjow/", "nlohmann/",   "spdlog/",
                                                  "liboath/", "qrencode"};

const std::vector<LayerRule> kRules = {
    {"base", {"base"}},
    {"domain", {"base", "domain"}},
    {"app", {"base", "domain", "app"}},
};

std::string FirstComponent(const std::string& header) { return header.substr(0, header.find('/')); }

// The folders directly under src/: every project header starts with one.
std::set<std::string> ProjectFolders() {
  std::set<std::string> out;
  for (const auto& entry : fs::directory_iterator(kSourceDir)) {
    if (entry.is_directory()) out.insert(entry.path().filename().string());
  }
  return out;
}

bool IsSourceFile(const fs::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".h" || ext == ".hpp" || ext == ".cc" || ext == ".cpp" || ext == ".inc";
}

std::vector<Include> IncludesOf(const fs::path& file) {
  static const std::regex kDirective(R"(^\s*#\s*include\s*([<"])([^>"]+)[>"])");
  std::vector<Include> out;
  std::ifstream in(file);
  std::string text;
  for (int line = 1; std::getline(in, text); ++line) {
    std::smatch m;
    if (std::regex_search(text, m, kDirective)) {
      out.push_back({fs::relative(file, kSourceDir.parent_path()).string(), line, m[2].str(),
                     m[1].str() == "<"});
    }
  }
  return out;
}

std::vector<Include> IncludesUnder(const std::string& layer) {
  std::vector<Include> out;
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(kSourceDir / layer)) {
    if (entry.is_regular_file() && IsSourceFile(entry.path())) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    for (Include& inc : IncludesOf(f)) out.push_back(std::move(inc));
  }
  return out;
}

// Why `inc` breaks `rule`, or "" when it does not.
std::string Violation(const Include& inc, const LayerRule& rule,
                      const std::set<std::string>& project_folders) {
  for (const std::string& library : kOuterLibraries) {
    if (inc.header.rfind(library, 0) == 0) return "the outside library " + library;
  }
  const std::string folder = FirstComponent(inc.header);
  const bool is_project_header =
      inc.header.find('/') != std::string::npos && project_folders.count(folder) > 0;
  if (is_project_header && rule.may_include.count(folder) == 0) {
    return "the outer layer src/" + folder;
  }
  // A quoted header that is not ours is a third-party header in disguise.
  if (!inc.angled && !is_project_header) return "a header outside src/";
  return "";
}

std::string Violations(const LayerRule& rule) {
  const std::set<std::string> folders = ProjectFolders();
  std::string out;
  for (const Include& inc : IncludesUnder(rule.layer)) {
    const std::string why = Violation(inc, rule, folders);
    if (!why.empty()) {
      out += inc.file + ":" + std::to_string(inc.line) + " includes " +
             (inc.angled ? "<" + inc.header + ">" : "\"" + inc.header + "\"") + ", " + why + "\n";
    }
  }
  return out;
}

const LayerRule& RuleFor(const std::string& layer) {
  return *std::find_if(kRules.begin(), kRules.end(),
                       [&](const LayerRule& r) { return r.layer == layer; });
}

TEST(Layering, TheScanReadsTheSourceTree) {
  const std::vector<Include> includes = IncludesUnder("domain");
  const bool sees_role = std::any_of(includes.begin(), includes.end(), [](const Include& inc) {
    return inc.file == "src/domain/permission.h" && inc.header == "domain/role.h" && !inc.angled;
  });
  EXPECT_TRUE(sees_role) << "scanned " << includes.size() << " includes under " << kSourceDir;
  EXPECT_EQ(ProjectFolders().count("http"), 1u);
}

TEST(Layering, TheCheckRefusesEachForbiddenKindOfHeader) {
  const std::set<std::string> folders = ProjectFolders();
  const LayerRule& domain = RuleFor("domain");
  for (const char* header :
       {"boost/asio.hpp", "soci/soci.h", "sqlite3.h", "libpq-fe.h", "sodium.h", "sodium/core.h",
        "kainjow/mustache.hpp", "nlohmann/json.hpp", "spdlog/spdlog.h", "liboath/oath.h",
        "qrencode.h"}) {
    EXPECT_NE(Violation({"f", 1, header, true}, domain, folders), "") << header;
  }
  for (const char* header : {"http/router.h", "storage/database.h", "crypto/crypto.h",
                             "cli/config.h", "app/ports.h", "sqlite3.h"}) {
    EXPECT_NE(Violation({"f", 1, header, false}, domain, folders), "") << header;
  }
  EXPECT_NE(Violation({"f", 1, "domain/role.h", false}, RuleFor("base"), folders), "");
  EXPECT_NE(Violation({"f", 1, "app/ports.h", false}, RuleFor("base"), folders), "");
}

TEST(Layering, TheCheckAllowsInnerLayersAndTheStandardLibrary) {
  const std::set<std::string> folders = ProjectFolders();
  EXPECT_EQ(Violation({"f", 1, "string", true}, RuleFor("domain"), folders), "");
  EXPECT_EQ(Violation({"f", 1, "base/status.h", false}, RuleFor("domain"), folders), "");
  EXPECT_EQ(Violation({"f", 1, "domain/role.h", false}, RuleFor("app"), folders), "");
  EXPECT_EQ(Violation({"f", 1, "app/ports.h", false}, RuleFor("app"), folders), "");
  EXPECT_EQ(Violation({"f", 1, "date/date.h", true}, RuleFor("base"), folders), "");
}

TEST(Layering, BaseIncludesNothingOfTheOuterLayers) { EXPECT_EQ(Violations(RuleFor("base")), ""); }

TEST(Layering, DomainIncludesNoAdapterAndNoOutsideLibrary) {
  EXPECT_EQ(Violations(RuleFor("domain")), "");
}

TEST(Layering, AppIncludesNoAdapterAndNoOutsideLibrary) {
  EXPECT_EQ(Violations(RuleFor("app")), "");
}

// STYLE.md: "src/crypto/ sealing, shares, signatures, password hashing
// (only here: libsodium)": the browser's code and the server agree on bytes
// only while one adapter owns the primitives.
TEST(Layering, OnlyCryptoIncludesLibsodium) {
  std::string out;
  for (const std::string& layer : ProjectFolders()) {
    if (layer == "crypto") continue;
    for (const Include& inc : IncludesUnder(layer)) {
      if (inc.header.rfind("sodium", 0) == 0) {
        out += inc.file + ":" + std::to_string(inc.line) + "\n";
      }
    }
  }
  EXPECT_EQ(out, "");
}

}  // namespace
}  // namespace spse
