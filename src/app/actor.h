// Who performs a use case, from where; and the audit entry every state
// change writes in its own transaction.
#ifndef SPSE_APP_ACTOR_H_
#define SPSE_APP_ACTOR_H_

#include <string>
#include <string_view>

#include "app/ports.h"
#include "base/clock.h"
#include "domain/permission.h"

namespace spse::app {

struct Actor {
  domain::Principal who;
  std::string client_addr;
};

// Appends one audit entry through `tx` (so it commits with the change).
Status WriteAudit(Tx& tx, const Clock& clock, const Actor& actor, std::string_view action,
                  std::string_view object_type, std::string_view object_id,
                  std::string_view summary);

}  // namespace spse::app

#endif  // SPSE_APP_ACTOR_H_
