// Who the client is when SPSE runs behind a reverse proxy (nginx with TLS,
// as docs/deploy.md recommends): the proxy's X-Forwarded-For names it, but only
// a trusted proxy may say so, or any visitor could pick the address that
// login throttling and the audit trail record.
#ifndef SPSE_HTTP_FORWARDED_H_
#define SPSE_HTTP_FORWARDED_H_

#include <string>
#include <string_view>
#include <vector>

namespace spse::http {

// The client's address: `peer` itself unless `peer` is one of `trusted`;
// then the right-most address of X-Forwarded-For that is not a trusted
// proxy (addresses further left were written by the client and prove
// nothing). Malformed entries stop the walk at the last good address.
std::string ClientAddress(std::string_view peer, std::string_view x_forwarded_for,
                          const std::vector<std::string>& trusted);

// Splits "10.0.0.1, 10.0.0.2" into addresses; empty entries are dropped.
std::vector<std::string> ParseAddressList(std::string_view list);

}  // namespace spse::http

#endif  // SPSE_HTTP_FORWARDED_H_
