/**
 * The volume-shaped test tree for the snapshot and restore benchmarks: about 1 GiB in 20,000
 * files (4 large "database" files of 192 MiB, 19,996 small ones of 0.5–38 KiB in 100
 * directories), random (incompressible, hole-free) content from a seeded PRNG layout. Generated
 * once under a cache directory and reused across runs; delete the directory to regenerate.
 * @module
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, open, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** Where the tree is cached (`$CCW_BENCH_CACHE`, default `/var/tmp/ccw-bench`). */
export const TREE_CACHE: string = process.env.CCW_BENCH_CACHE ?? "/var/tmp/ccw-bench";

const SPEC = { version: 1, large: 4, largeMiB: 192, small: 19_996, dirs: 100 } as const;

/** What the cached tree holds. */
export interface BenchTree {
  root: string;
  /** Regular files, relative paths, sorted. */
  files: string[];
  /** The large files among them. */
  large: string[];
  bytes: number;
}

function prng(seed: number): () => number {
  let x = seed >>> 0;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function layout(): { large: string[]; small: { path: string; size: number }[] } {
  const rnd = prng(20_000);
  const large = Array.from({ length: SPEC.large }, (_, i) => `large/db-${i}.dat`);
  const small = Array.from({ length: SPEC.small }, (_, i) => {
    const d = i % SPEC.dirs;
    const r = rnd();
    return { path: `small/d${String(Math.floor(d / 10))}/e${d % 10}/f${String(i).padStart(5, "0")}.bin`, size: 512 + Math.floor(r * r * 38 * 1024) };
  });
  return { large, small };
}

/**
 * The cached tree, generating it first if it is missing or was made by another spec.
 *
 * @example
 * ```ts
 * const tree = await ensureTree(); // { root: "/var/tmp/ccw-bench/tree", files: [...], bytes: 1.07e9 }
 * ```
 */
export async function ensureTree(): Promise<BenchTree> {
  const root = join(TREE_CACHE, "tree");
  const marker = join(TREE_CACHE, "tree.json");
  const { large, small } = layout();
  const files = [...large, ...small.map((s) => s.path)].sort();
  const bytes = SPEC.large * SPEC.largeMiB * 2 ** 20 + small.reduce((n, s) => n + s.size, 0);
  if (existsSync(marker) && readFileSync(marker, "utf8") === JSON.stringify(SPEC)) return { root, files, large, bytes };
  console.error(`  generating the benchmark tree (${(bytes / 2 ** 30).toFixed(2)} GiB, ${files.length} files) under ${root} …`);
  await rm(root, { recursive: true, force: true });
  await mkdir(join(root, "large"), { recursive: true });
  for (const p of large) {
    const fh = await open(join(root, p), "w");
    try {
      for (let i = 0; i < SPEC.largeMiB / 8; i++) await fh.write(randomBytes(8 << 20));
    } finally {
      await fh.close();
    }
  }
  for (const s of small) {
    const dir = join(root, s.path, "..");
    if (!existsSync(dir)) await mkdir(dir, { recursive: true });
    await writeFile(join(root, s.path), randomBytes(s.size));
  }
  await writeFile(marker, JSON.stringify(SPEC));
  return { root, files, large, bytes };
}

/**
 * Change the content (not the size) of 10% of the files under `root` (a copy of the tree): one
 * large file gets 1 MiB rewritten in its middle (a database writing pages), and 1,999 small
 * files their first 4 KiB (or all of it). Returns how many files and bytes were touched.
 *
 * @example
 * ```ts
 * const { files } = await mutateTenPercent(tree, "/var/tmp/ccw-bench-restore-x/live");
 * ```
 */
export async function mutateTenPercent(tree: BenchTree, root: string): Promise<{ files: number; bytes: number }> {
  const smallFiles = tree.files.filter((f) => !tree.large.includes(f));
  const chosen = [{ path: tree.large[0]!, offset: (SPEC.largeMiB / 2) * 2 ** 20, len: 2 ** 20 }];
  const want = Math.round(tree.files.length / 10) - 1;
  const step = smallFiles.length / want;
  for (let i = 0; i < want; i++) chosen.push({ path: smallFiles[Math.floor(i * step)]!, offset: 0, len: 4096 });
  let bytes = 0;
  for (const c of chosen) {
    const fh = await open(join(root, c.path), "r+");
    try {
      const size = (await fh.stat()).size;
      const len = Math.min(c.len, size - c.offset);
      await fh.write(randomBytes(len), 0, len, c.offset);
      bytes += len;
    } finally {
      await fh.close();
    }
  }
  return { files: chosen.length, bytes };
}
