// The offline tools of sealed bids (docs/sealed-bids.md): `spse seal`,
// `spse open-sealed`, `spse tender-key` and `spse verify-receipt`. None of
// them opens the database or the configuration.
#ifndef SPSE_CLI_SEAL_COMMANDS_H_
#define SPSE_CLI_SEAL_COMMANDS_H_

#include <string>

namespace CLI {
class App;
}

namespace spse::cli {

struct SealOptions {
  std::string public_key;       // base64
  std::string public_key_file;  // base64 text, or a tender key bundle
  std::string secret_key_file;  // base64 text
  std::string members_file;
  std::string out_file;
  std::string input;
  std::string output;
  int threshold = 0;
};

void SealArgs(CLI::App& app, SealOptions& o);
int RunSeal(SealOptions& o);

void OpenSealedArgs(CLI::App& app, SealOptions& o);
int RunOpenSealed(SealOptions& o);

void TenderKeyArgs(CLI::App& app, SealOptions& o);
int RunTenderKey(SealOptions& o);

void VerifyReceiptArgs(CLI::App& app, SealOptions& o);
int RunVerifyReceipt(SealOptions& o);

}  // namespace spse::cli

#endif  // SPSE_CLI_SEAL_COMMANDS_H_
