import { describe, expect, it } from "vitest";
import { humanRenderer } from "../../lib/cli/render/human.ts";
import { jsonlSink } from "../../lib/cli/render/jsonl.ts";
import { defineGraph, defineTask, runGraph } from "../../mod.ts";

async function render(live: boolean, color: boolean): Promise<string> {
  let out = "";
  const r = humanRenderer({ write: (t) => (out += t), live, color });
  const a = defineTask({ id: "copy", run: (c) => { c.progress(512, 1024, "bytes"); c.log("half way"); } });
  const b = defineTask({ id: "boom", needs: [a], run: () => { throw new Error("it broke"); } });
  const c = defineTask({ id: "after", needs: [b], run: () => {} });
  const d = defineTask({ id: "cleanup", needs: [c], rule: "always", run: () => {} });
  await runGraph(defineGraph({ id: "demo", tasks: [a, b, c, d] }), {}, { onEvent: r.sink });
  r.close();
  return out;
}

describe("the human renderer", () => {
  it("plain mode: one timestamped line per event, no ANSI when colour is off (NO_COLOR)", async () => {
    const out = await render(false, false);
    expect(out).not.toMatch(/\x1b\[/);
    expect(out).toMatch(/^\d\d:\d\d:\d\d demo run [0-9a-f]{8} · 4 tasks$/m);
    expect(out).toMatch(/^\d\d:\d\d:\d\d … copy: 512 B \/ 1.0 KiB 50%$/m);
    expect(out).toMatch(/^\d\d:\d\d:\d\d · copy: half way$/m);
    expect(out).toMatch(/^\d\d:\d\d:\d\d ✖ boom( \S+)?: it broke$/m);
    expect(out).toMatch(/^\d\d:\d\d:\d\d ↷ after skipped \(upstream-failed\)$/m);
    expect(out).toMatch(/^\d\d:\d\d:\d\d ✔ cleanup/m);
  });

  it("live mode redraws the running block with cursor moves and colours when on", async () => {
    const out = await render(true, true);
    expect(out).toMatch(/\x1b\[31m✖\x1b\[39m boom/);
    expect(out).toContain("\x1b[32m✔\x1b[39m cleanup");
  });

  it("the JSON Lines sink writes one parseable object per line", () => {
    const lines: string[] = [];
    const sink = jsonlSink((l) => lines.push(l));
    sink({ type: "log", ts: "2026-01-01T00:00:00.000Z", runId: "r", level: "info", message: "a\nb" });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith("\n")).toBe(true);
    expect(JSON.parse(lines[0]!)).toMatchObject({ type: "log", message: "a\nb" });
  });
});
