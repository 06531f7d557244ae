import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createRealm, deleteRealm, realmName } from "../../lib/keycloak/mod.ts";
import { jwtPayload, makeAdmin, startKeycloak, testLabel, userToken } from "./keycloak-helpers.ts";

const operator = makeAdmin();
const lifespan = z.looseObject({ accessTokenLifespan: z.number() });
let original: number | undefined;

beforeAll(async () => {
  await startKeycloak();
  original = (await operator.request("GET", "/admin/realms/master", { schema: lifespan })).data!.accessTokenLifespan;
  await operator.request("PUT", "/admin/realms/master", { body: { accessTokenLifespan: 10 } });
});
afterAll(async () => {
  if (original !== undefined) await operator.request("PUT", "/admin/realms/master", { body: { accessTokenLifespan: original } });
});

describe("a run longer than the admin token's lifespan", () => {
  it("keeps working across several 10 s tokens, and recovers from a revoked session", async () => {
    const tokens: string[] = [];
    const lines: string[] = [];
    const admin = makeAdmin({ onSecret: (s) => (s.startsWith("ey") ? tokens.push(s) : undefined), log: (l) => lines.push(l) });
    const label = testLabel();
    const name = realmName("ccwtok", `${label}.ci.local`);
    const creds = await createRealm(admin, name, { appDomain: `${label}.ci.local` });
    try {
      const first = jwtPayload(tokens[0]!);
      expect(Number(first.exp) - Number(first.iat)).toBe(10);
      const deadline = Date.now() + 25_000;
      while (Date.now() < deadline) {
        const res = await admin.request("GET", `/admin/realms/${name}/users`, { query: { username: "ci-user", exact: true } });
        expect(res.status).toBe(200);
        await new Promise((r) => setTimeout(r, 2_000));
      }
      // 25 s of calls with 10 s tokens: renewed before expiry, so no call ever saw a 401.
      expect(new Set(tokens.filter((t) => t.split(".").length === 3 && jwtPayload(t).typ === "Bearer")).size).toBeGreaterThanOrEqual(3);
      expect(lines.filter((l) => l.includes("-> 401"))).toEqual([]);

      // Revoke every admin session: the cached token is now refused; one 401, then a new token.
      const { data: users } = await operator.request("GET", "/admin/realms/master/users", { query: { username: "admin", exact: true }, schema: z.array(z.looseObject({ id: z.string() })) });
      await operator.request("POST", `/admin/realms/master/users/${users![0]!.id}/logout`);
      const after = await admin.request("GET", `/admin/realms/${name}`);
      expect(after.status).toBe(200);
      expect(lines.filter((l) => l.includes("-> 401"))).toHaveLength(1);
      expect((await userToken(creds)).status).toBe(200);
    } finally {
      expect((await deleteRealm(admin, name)).deleted).toBe(true);
    }
  });
});
