// Child process for runtime tests (run with `deno run -A`): one volumes operation on a plain
// directory. Usage: volumes-op-child.ts snapshot|restore|verify <stateDir> <recipe> <mountpoint> [commit]
// The directory is not a docker volume, so the docker mount check is replaced by a no-op.
import { restoreSnapshot, snapshotVolumes, verifySnapshot, verifyVolumesAgainstManifest } from "../../lib/volumes/mod.ts";

const [op, stateDir, recipe, mountpoint, commit = "c1"] = process.argv.slice(2) as [string, string, string, string, string?];
const vols = [{ name: "ccw-test-volumes-op_data", mountpoint }];
const opts = { stateDir, recipe, stack: "ccw-test-volumes-op", mountCheck: async () => {} };
const res = op === "snapshot" ? await snapshotVolumes(vols, { ...opts, commit })
  : op === "restore" ? await restoreSnapshot(vols, opts)
  : { store: await verifySnapshot(stateDir, recipe), live: await verifyVolumesAgainstManifest(vols, opts) };
console.log(JSON.stringify(res));
