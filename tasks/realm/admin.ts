import { warmKeycloakDomain } from "../../lib/canonical/naming.ts";
import type { Config } from "../../lib/config/types.ts";
import { stackNameFromDomain } from "../../lib/deploy/stack-name.ts";
import type { KeycloakAdmin } from "../../lib/keycloak/admin.ts";
import { keycloakAdminFromConfig } from "../../lib/keycloak/config.ts";
import type { TaskContext } from "../../lib/runner/task.ts";

/**
 * The warm Keycloak's admin client for a task: every password, token and generated secret is
 * registered with `ctx.secret` (masked in events); a `docker-secret` password is read from the
 * warm Keycloak's own stack.
 */
export function warmAdmin<P>(ctx: TaskContext<P>, config: Config): KeycloakAdmin {
  return keycloakAdminFromConfig(config, {
    onSecret: (s) => ctx.secret(s),
    stack: stackNameFromDomain(warmKeycloakDomain(config)),
    log: (line) => ctx.log(line, "debug"),
  });
}
