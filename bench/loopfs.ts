/**
 * A loop-mounted xfs (reflink=1) scratch filesystem for the reflink benchmark: a sparse image
 * under the scratch dir, mounted, and always unmounted and removed by `dispose`.
 * @module
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { scratchDir, sh } from "./util.ts";

/**
 * Make and mount an xfs of `sizeGiB` (sparse image) and return its mountpoint.
 *
 * @example
 * ```ts
 * const fs = await mountXfs(3); try { … fs.mnt … } finally { await fs.dispose(); }
 * ```
 */
export async function mountXfs(sizeGiB: number): Promise<{ mnt: string; dispose: () => Promise<void> }> {
  const tmp = scratchDir("xfs");
  const [img, mnt] = [join(tmp.dir, "xfs.img"), join(tmp.dir, "mnt")];
  mkdirSync(mnt);
  try {
    await sh("truncate", ["-s", `${sizeGiB}G`, img]);
    await sh("mkfs.xfs", ["-q", "-m", "reflink=1", img]);
    await sh("mount", ["-o", "loop", img, mnt]);
  } catch (err) {
    tmp.dispose();
    throw err;
  }
  return {
    mnt,
    dispose: async () => {
      await sh("umount", [mnt]).catch(() => {});
      tmp.dispose();
    },
  };
}
