import type { EventSink, RunEvent } from "../../runner/types.ts";
import { formatBytes, formatDuration, makeStyle, type Style } from "./style.ts";

/** Options for {@linkcode humanRenderer}. */
export interface HumanRendererOptions {
  /** Where text goes (stderr in the CLI). */
  write: (text: string) => void;
  /** Live view (a redrawn block of running tasks) instead of plain lines. */
  live: boolean;
  /** ANSI colours (off with NO_COLOR). */
  color: boolean;
}

/** A renderer: an event sink plus `close()` to stop the live redraw. */
export interface HumanRenderer {
  sink: EventSink;
  close(): void;
}

const SPIN = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/**
 * Render run events for people: plain timestamped lines, or on a TTY a live block of running
 * tasks (with progress) under the finished ones.
 *
 * @example
 * ```ts
 * const r = humanRenderer({ write: (t) => process.stderr.write(t), live: process.stderr.isTTY, color: true });
 * await runGraph(graph, params, { onEvent: r.sink }); r.close();
 * ```
 */
export function humanRenderer(options: HumanRendererOptions): HumanRenderer {
  const s = makeStyle(options.color);
  const running = new Map<string, { since: number; note: string }>();
  const lastProgress = new Map<string, number>();
  let drawn = 0;
  let frame = 0;
  const clear = () => {
    if (drawn) options.write(`\x1b[${drawn}A\x1b[J`);
    drawn = 0;
  };
  const draw = () => {
    if (!options.live) return;
    const lines = [...running].map(([id, r]) =>
      `${s.yellow(SPIN[frame % SPIN.length]!)} ${id} ${s.dim(formatDuration(Date.now() - r.since))}${r.note ? " " + s.dim(r.note) : ""}`
    );
    if (lines.length) options.write(lines.join("\n") + "\n");
    drawn = lines.length;
  };
  const print = (line: string) => {
    if (options.live) clear();
    options.write(line + "\n");
    if (options.live) draw();
  };
  const timer = options.live ? setInterval(() => (frame++, clear(), draw()), 120) : undefined;
  (timer as { unref?: () => void } | undefined)?.unref?.();

  const sink: EventSink = (e: RunEvent) => {
    const stamp = options.live ? "" : s.dim(e.ts.slice(11, 19)) + " ";
    switch (e.type) {
      case "run-start":
        return print(`${stamp}${s.bold(e.graph)} ${s.dim(`run ${e.runId.slice(0, 8)} · ${e.tasks.length} tasks`)}`);
      case "task-start":
        running.set(e.task, { since: Date.now(), note: e.attempt > 1 ? `attempt ${e.attempt}` : "" });
        return options.live ? (clear(), draw()) : print(`${stamp}▶ ${e.task}${e.attempt > 1 ? ` (attempt ${e.attempt})` : ""}`);
      case "task-retry":
        return print(`${stamp}${s.yellow("↻")} ${e.task} failed (${e.error.message}); retrying in ${formatDuration(e.delayMs)}`);
      case "task-end":
        running.delete(e.task);
        return print(`${stamp}${endLine(s, e)}`);
      case "log": {
        const mark = e.level === "error" ? s.red("!") : e.level === "warn" ? s.yellow("!") : s.dim("·");
        return print(`${stamp}${mark} ${e.task ? s.dim(e.task + ": ") : ""}${e.message}`);
      }
      case "progress":
        return progress(e);
      case "run-end":
        if (timer) clearInterval(timer);
        if (options.live) clear();
        return;
    }
  };
  const progress = (e: Extract<RunEvent, { type: "progress" }>) => {
    const note = describeProgress(e);
    const r = running.get(e.task);
    if (r) r.note = note;
    if (options.live) return;
    // Plain mode: at most one line per task every 2 s, plus completion.
    const now = Date.now();
    if (e.total === undefined || e.done < e.total) {
      if (now - (lastProgress.get(e.task) ?? 0) < 2000) return;
    }
    lastProgress.set(e.task, now);
    print(`${s.dim(e.ts.slice(11, 19))} … ${e.task}: ${note}`);
  };
  return {
    sink,
    close: () => {
      if (timer) clearInterval(timer);
      if (options.live) clear();
    },
  };
}

function describeProgress(e: Extract<RunEvent, { type: "progress" }>): string {
  const fmt = (n: number) => (e.unit === "bytes" ? formatBytes(n) : `${n}${e.unit ? " " + e.unit : ""}`);
  const pct = e.total ? ` ${Math.floor((e.done / e.total) * 100)}%` : "";
  return `${fmt(e.done)}${e.total !== undefined ? " / " + fmt(e.total) : ""}${pct}${e.message ? " " + e.message : ""}`;
}

function endLine(s: Style, e: Extract<RunEvent, { type: "task-end" }>): string {
  const took = e.durationMs ? " " + s.dim(formatDuration(e.durationMs)) : "";
  switch (e.state) {
    case "succeeded":
      return `${s.green("✔")} ${e.task}${took}`;
    case "failed":
      return `${s.red("✖")} ${e.task}${took}: ${e.error?.message ?? "failed"}`;
    case "cancelled":
      return `${s.yellow("⊘")} ${e.task} cancelled${took}`;
    default:
      return s.dim(`↷ ${e.task} skipped (${e.skipReason ?? "not run"})`);
  }
}
