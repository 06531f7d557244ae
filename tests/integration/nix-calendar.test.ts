// Every OnCalendar value cronToOnCalendar produces is checked against the real
// `systemd-analyze calendar`: it must parse, come back in the same normalised form, and fire at
// the times cron would (a hand-worked table, then random expressions against a brute-force
// cron matcher that implements Vixie cron's day-of-month/day-of-week rule).
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import { runCommand } from "../../lib/exec/mod.ts";
import { cronToOnCalendar, parseCron } from "../../lib/schedule/mod.ts";
import type { CronSchedule } from "../../lib/schedule/mod.ts";

interface Cases {
  valid: { cron: string; onCalendar: string; next?: string[] }[];
}
const cases: Cases = JSON.parse(readFileSync(new URL("../../nix/tests/calendar-cases.json", import.meta.url), "utf8"));
const BASE = "2025-01-01 00:00:00 UTC";

/** systemd's normalised form and the next `iterations` elapses ("YYYY-MM-DD HH:MM", UTC). */
async function analyze(spec: string, iterations: number): Promise<{ normalized: string; next: string[] }> {
  const res = await runCommand("systemd-analyze", ["calendar", `--iterations=${iterations}`, `--base-time=${BASE}`, spec], {
    env: { TZ: "UTC" },
    timeoutMs: 20_000,
  });
  if (res.failed) throw new Error(`systemd-analyze rejected ${JSON.stringify(spec)}: ${res.stderr || res.stdout}`);
  const normalized = /Normalized form: (.*)$/m.exec(res.stdout)?.[1] ?? "";
  const next = [...res.stdout.matchAll(/(?:Next elapse|Iter\. #\d+): \w+ (\d{4}-\d\d-\d\d \d\d:\d\d):00 UTC$/gm)].map((m) => m[1]!);
  return { normalized, next };
}

beforeAll(async () => {
  const res = await runCommand("systemd-analyze", ["--version"]);
  const version = Number(/systemd (\d+)/.exec(res.stdout)?.[1]);
  // --base-time arrived in systemd 252 (Debian 12 ships 252).
  if (!(version >= 252)) throw new Error(`need systemd-analyze >= 252 for --base-time, found: ${res.stdout || res.stderr}`);
});

describe("the conversion table against systemd-analyze", () => {
  test.each(cases.valid)("$cron → $onCalendar is what systemd normalises it to", async ({ cron, onCalendar }) => {
    const got = cronToOnCalendar(cron);
    expect(got).toBe(onCalendar);
    expect((await analyze(got, 1)).normalized).toBe(onCalendar);
  });

  test.each(cases.valid.filter((c) => c.next))("$cron fires when cron would", async ({ cron, next }) => {
    const got = await analyze(cronToOnCalendar(cron), next!.length);
    expect(got.next).toEqual(next);
    // The brute-force matcher agrees with the hand-worked times too.
    expect(cronNext(parseCron(cron), next!.length)).toEqual(next);
  });
});

/** Vixie cron: days match by AND when either day field starts with `*`, by OR otherwise. */
function cronNext(s: CronSchedule, count: number): string[] {
  const out: string[] = [];
  const day = new Date(Date.UTC(2025, 0, 1));
  for (let i = 0; i < 366 * 12 && out.length < count; i++, day.setUTCDate(day.getUTCDate() + 1)) {
    if (!s.month.includes(day.getUTCMonth() + 1)) continue;
    const dom = s.dayOfMonth.includes(day.getUTCDate());
    const dow = s.dayOfWeek.includes(day.getUTCDay());
    if (!(s.dayOfMonthStar || s.dayOfWeekStar ? dom && dow : dom || dow)) continue;
    for (const h of s.hour) {
      for (const m of s.minute) {
        if (i === 0 && h === 0 && m === 0) continue; // strictly after the base time
        if (out.length < count) out.push(`${day.toISOString().slice(0, 10)} ${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);
      }
    }
  }
  return out;
}

const item = (min: number, max: number): fc.Arbitrary<string> =>
  fc.oneof(
    fc.integer({ min, max }).map(String),
    fc.tuple(fc.integer({ min, max }), fc.integer({ min, max })).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
    fc.tuple(fc.integer({ min, max }), fc.integer({ min, max }), fc.integer({ min: 1, max: 7 })).map(([a, b, st]) => `${Math.min(a, b)}-${Math.max(a, b)}/${st}`),
    fc.integer({ min: 2, max: 15 }).map((st) => `*/${st}`),
    fc.tuple(fc.integer({ min, max }), fc.integer({ min: 1, max: 9 })).map(([a, st]) => `${a}/${st}`),
  );
const field = (min: number, max: number, star = 0.3): fc.Arbitrary<string> =>
  fc.oneof({ weight: Math.round(star * 10), arbitrary: fc.constant("*") }, { weight: 7, arbitrary: fc.array(item(min, max), { minLength: 1, maxLength: 3 }).map((xs) => xs.join(",")) });

test("random cron expressions fire at the same times under systemd as under cron", async () => {
  const cronArb = fc
    .tuple(field(0, 59), field(0, 23), field(1, 31, 0.6), field(1, 12, 0.7), field(0, 7, 0.6))
    .map((f) => f.join(" "))
    .filter((cron) => !(/^\d/.test(cron.split(" ")[2]!) && /^\d/.test(cron.split(" ")[4]!)));
  let checked = 0;
  await fc.assert(
    fc.asyncProperty(cronArb, async (cron) => {
      const expected = cronNext(parseCron(cron), 6);
      const got = await analyze(cronToOnCalendar(cron), 6);
      // Schedules that never fire within 12 years (e.g. Feb 30) are "never" to systemd too.
      expect(got.next.slice(0, expected.length)).toEqual(expected);
      checked++;
    }),
    { numRuns: 250, seed: 20250101 },
  );
  expect(checked).toBe(250);
});
