#include "app/actor.h"

namespace spse::app {

Status WriteAudit(Tx& tx, const Clock& clock, const Actor& actor, std::string_view action,
                  std::string_view object_type, std::string_view object_id,
                  std::string_view summary) {
  domain::AuditEntry e;
  e.at = clock.Now();
  e.actor_id = actor.who.user_id;
  e.actor_name = actor.who.signed_in() ? actor.who.username : "-";
  e.actor_role = actor.who.roles.ToCodes();
  e.action = action;
  e.object_type = object_type;
  e.object_id = object_id;
  e.summary = summary;
  e.client_addr = actor.client_addr;
  return tx.audit().Append(e).status();
}

}  // namespace spse::app
