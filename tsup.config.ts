import { defineConfig } from "tsup";

// One ESM bundle per entry for Node 20; deno.json serves the .ts sources directly.
export default defineConfig({
  entry: { mod: "mod.ts", cli: "cli.ts" },
  format: ["esm"],
  target: "node20",
  platform: "node",
  dts: { entry: { mod: "mod.ts" } },
  clean: true,
  sourcemap: false,
  splitting: true,
  banner: ({ format }) => (format === "esm" ? {} : {}),
});
