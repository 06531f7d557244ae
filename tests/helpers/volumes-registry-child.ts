// Child process for the registry tests (run with `deno run -A`):
//   write <stateDir> <n>          rewrite registry.json n times with a large, changing registry
//   quick <stateDir> <recipe> <n> record n quick runs (read-modify-write under the registry lock)
import { recordQuickRun, writeRegistry } from "../../lib/canonical/mod.ts";
import type { Registry } from "../../lib/canonical/mod.ts";

const [mode, stateDir, a, b] = process.argv.slice(2);
if (mode === "write") {
  for (let i = 0; i < Number(a); i++) {
    const reg: Registry = { version: 1, canonicals: {} };
    for (let r = 0; r < 300; r++) {
      const recipe = `r${r}`;
      reg.canonicals[recipe] = { recipe, knownGoodCommit: `c${i}`, manifestDigest: "a".repeat(64), promotedAt: new Date().toISOString(), dirty: i % 2 === 0, quickRuns: i };
    }
    await writeRegistry(stateDir as string, reg);
  }
} else if (mode === "quick") {
  for (let i = 0; i < Number(b); i++) await recordQuickRun(stateDir as string, a as string, { verdict: "pass" });
} else {
  throw new Error(`unknown mode ${mode}`);
}
