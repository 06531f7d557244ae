import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { InputError } from "../../lib/errors.ts";
import {
  CRON_FIELDS,
  cronToOnCalendar,
  describeSchedule,
  expandCronField,
  parseCron,
  renderCalendarValues,
  renderWeekdays,
} from "../../lib/schedule/mod.ts";

interface Cases {
  valid: { cron: string; onCalendar: string; next?: string[] }[];
  invalid: { cron: string; error: string }[];
}
const cases: Cases = JSON.parse(readFileSync(new URL("../../nix/tests/calendar-cases.json", import.meta.url), "utf8"));

describe("cronToOnCalendar", () => {
  test.each(cases.valid)("$cron → $onCalendar", ({ cron, onCalendar }) => {
    expect(cronToOnCalendar(cron)).toBe(onCalendar);
  });

  test.each(cases.invalid)("refuses $cron ($error)", ({ cron, error }) => {
    const run = () => cronToOnCalendar(cron, { key: "sweep.schedule" });
    expect(run).toThrow(InputError);
    expect(run).toThrow(error);
    try {
      run();
    } catch (e) {
      expect((e as InputError).key).toBe("sweep.schedule");
      expect((e as Error).message.startsWith("sweep.schedule: ")).toBe(true);
    }
  });

  test("the error key defaults to 'schedule'", () => {
    expect(() => cronToOnCalendar("61 * * * *")).toThrow(/^schedule: minute field "61"/);
  });

  test("the OR refusal tells the operator what to do instead", () => {
    expect(() => cronToOnCalendar("0 0 1 * MON")).toThrow(/only when BOTH match\. Restrict only one of them/);
  });
});

describe("parseCron", () => {
  test("expands names, folds 7 into Sunday and records the star flags", () => {
    const s = parseCron("0 9 */2 jan,Mar 5-7");
    expect(s.month).toEqual([1, 3]);
    expect(s.dayOfWeek).toEqual([0, 5, 6]);
    expect(s.dayOfMonth).toEqual(Array.from({ length: 16 }, (_, i) => 1 + 2 * i));
    expect(s.dayOfMonthStar).toBe(true);
    expect(s.dayOfWeekStar).toBe(false);
  });

  test("N/STEP runs from N to the top of the field", () => {
    expect(expandCronField("50/4", CRON_FIELDS[0]!, { key: "k" })).toEqual([50, 54, 58]);
  });

  test("lists are deduplicated and sorted", () => {
    expect(expandCronField("5,1-3,2", CRON_FIELDS[1]!, { key: "k" })).toEqual([1, 2, 3, 5]);
  });
});

describe("rendering", () => {
  test("progressions, runs and singles", () => {
    const minute = { min: 0, max: 59 };
    expect(renderCalendarValues([0, 15, 30, 45], minute)).toBe("00/15");
    expect(renderCalendarValues([3, 8, 13], minute)).toBe("03..13/5");
    expect(renderCalendarValues([3, 8], minute)).toBe("03,08");
    expect(renderCalendarValues([1, 2, 3, 7, 9, 10], minute)).toBe("01..03,07,09,10");
    expect(renderCalendarValues(Array.from({ length: 60 }, (_, i) => i), minute)).toBe("*");
  });

  test("weekdays are Monday first and empty for every day", () => {
    expect(renderWeekdays([0, 6])).toBe("Sat,Sun");
    expect(renderWeekdays([0, 5, 6])).toBe("Fri..Sun");
    expect(renderWeekdays([0, 1, 2, 3, 4, 5, 6])).toBe("");
  });
});

describe("describeSchedule", () => {
  test.each([
    ["0 2 * * *", "At 02:00"],
    ["30 1 * * MON-FRI", "At 01:30, Monday through Friday"],
    ["@weekly", "At 00:00, only on Sunday"],
    ["*/20 * * * *", "Every 20 minutes"],
  ])("%s → %s", (cron, words) => {
    expect(describeSchedule(cron)).toBe(words);
  });

  test("12-hour clock on request", () => {
    expect(describeSchedule("30 14 * * *", { use24HourTimeFormat: false })).toBe("At 02:30 PM");
  });

  test("validates with cc-warm's rules before describing", () => {
    expect(() => describeSchedule("0 0 ? * *", { key: "sweep.schedule" })).toThrow(InputError);
    expect(() => describeSchedule("@reboot")).toThrow(/@reboot is not a calendar schedule/);
  });

  test("describes the OR case that cronToOnCalendar refuses", () => {
    expect(describeSchedule("0 0 1 * MON")).toBe("At 00:00, on day 1 of the month, and on Monday");
  });
});
