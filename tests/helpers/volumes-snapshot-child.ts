// Child process for the crash-safety test (run with `deno run -A`): snapshot one plain directory.
// Usage: volumes-snapshot-child.ts <stateDir> <recipe> <mountpoint> <commit>
// The directory is not a docker volume, so the docker mount check is replaced by a no-op.
import { snapshotVolumes } from "../../lib/volumes/mod.ts";

const [stateDir, recipe, mountpoint, commit] = process.argv.slice(2) as [string, string, string, string];
const res = await snapshotVolumes([{ name: "ccw-test-volumes-crash_data", mountpoint }], {
  stateDir, recipe, commit, stack: "ccw-test-volumes-crash", mountCheck: async () => {},
});
console.log(JSON.stringify(res));
