/**
 * Schedules: cron expressions (the config's `sweep.schedule`) converted to systemd
 * `OnCalendar` values for the NixOS module's timers, and described in words.
 * @module
 */
export { cronToOnCalendar } from "./on-calendar.ts";
export type { CronToOnCalendarOptions } from "./on-calendar.ts";
export { describeSchedule } from "./describe.ts";
export type { DescribeScheduleOptions } from "./describe.ts";
export { parseCron } from "./parse-cron.ts";
export { CRON_MACROS, expandCronMacro } from "./macros.ts";
export type { CronSchedule } from "./parse-cron.ts";
export { CRON_FIELDS, expandCronField } from "./cron-fields.ts";
export type { CronFieldSpec } from "./cron-fields.ts";
export { renderCalendarValues, renderWeekdays } from "./render.ts";
