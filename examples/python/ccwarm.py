"""How the cc-ci orchestrator (Python) drives cc-warm: a subprocess, JSON Lines on stdout, exit codes.

    from ccwarm import CcWarm
    warm = CcWarm(config="/etc/cc-warm/config.json")
    outcome = warm.quick("lasuite-docs", ref="refs/pull/12/head", timeout=3600)
    if outcome.fallback_to_cold:
        run_cold(...)                 # no canonical / no warm Keycloak: the cold lane, as before
    elif outcome.passed:
        label(pr, "quick: PASS")      # every result carries its mode
    ...

Events stream while the run goes (`on_event`); the last line is the result object. Human text
goes to stderr and is passed through. `timeout` is a deadline for the whole run, also while
events stream: on expiry cc-warm gets SIGTERM (it cancels and still runs its teardown: undeploy,
restore, delete realm, unlock), gets `teardown_grace` seconds to finish, then SIGKILL; then
`TimedOut` is raised. A stdout line that is not JSON (a wrapper script's chatter) is handed to
`on_stray_line` (default: a warning) and kept in `Outcome.stray_lines`; it never ends the run.
The standard library only.
"""
from __future__ import annotations

import json
import os
import queue
import shlex
import signal
import subprocess
import sys
import threading
import time
import warnings
from dataclasses import dataclass, field
from typing import IO, Any, Callable, Iterable, Mapping, Optional

# The CLI contract's exit codes (README "Exit codes").
PASSED, VERDICT_FAILED, BAD_INPUT, INFRA_ERROR, FALLBACK_TO_COLD, CANCELLED = 0, 1, 2, 3, 4, 5

Event = dict[str, Any]


class CcWarmError(Exception):
    """cc-warm could not do its job: bad input/config (exit 2), infrastructure (exit 3), or worse."""

    def __init__(self, exit_code: Optional[int], result: Mapping[str, Any], reason: Optional[str] = None):
        self.exit_code = exit_code
        self.result: dict[str, Any] = dict(result)
        error = result.get("error") or {}
        errors = result.get("errors") or []
        reason = reason or error.get("message") or result.get("reason") or "; ".join(str(e.get("message", "")) for e in errors)
        super().__init__(f"cc-warm exited {exit_code}: {reason or 'no reason given'}")


class BadInput(CcWarmError):
    """Exit 2: the arguments or the config were rejected before anything was done."""


class NeedsHuman(CcWarmError):
    """Exit 3: an infrastructure error — including a failed rollback. Page someone."""


class TimedOut(CcWarmError):
    """The run outlived its `timeout`: cc-warm was cancelled (SIGTERM; teardown ran if it exited in time)."""


class StrayOutput(UserWarning):
    """A stdout line that is not JSON (cc-warm itself prints only JSON Lines with --json)."""


@dataclass(frozen=True)
class Outcome:
    """A finished run: the exit code and the result object's fields the orchestrator acts on."""

    exit_code: int
    mode: str
    verdict: str
    recipe: Optional[str]
    ref: Optional[str]
    rolled_back: bool
    reason: Optional[str]
    duration_ms: Optional[int]
    result: dict[str, Any]
    events: list[Event] = field(default_factory=list)
    stray_lines: list[str] = field(default_factory=list)

    @classmethod
    def from_result(cls, exit_code: int, result: Mapping[str, Any], events: list[Event], stray_lines: list[str]) -> "Outcome":
        return cls(
            exit_code=exit_code,
            mode=str(result.get("mode", "")),
            verdict=str(result.get("verdict", "")),
            recipe=result.get("recipe"),
            ref=result.get("ref"),
            rolled_back=bool(result.get("rolledBack", False)),
            reason=result.get("reason"),
            duration_ms=result.get("durationMs"),
            result=dict(result),
            events=events,
            stray_lines=stray_lines,
        )

    @property
    def passed(self) -> bool:
        return self.exit_code == PASSED

    @property
    def failed(self) -> bool:
        """The PR's verdict is FAIL and cc-warm cleaned up (rolled back) by itself."""
        return self.exit_code == VERDICT_FAILED

    @property
    def fallback_to_cold(self) -> bool:
        return self.exit_code == FALLBACK_TO_COLD

    @property
    def cancelled(self) -> bool:
        return self.exit_code == CANCELLED


def _warn_stray(line: str) -> None:
    warnings.warn(f"cc-warm stdout: not JSON, ignored: {line[:200]!r}", StrayOutput, stacklevel=3)


def _pump(stream: IO[str], lines: "queue.Queue[Optional[str]]") -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)


class CcWarm:
    """Runs `cc-warm <graph> key=value … --json` and reads its JSON Lines."""

    def __init__(self, config: Optional[str] = None, command: Optional[Iterable[str]] = None, env: Optional[Mapping[str, str]] = None, teardown_grace: float = 600.0):
        self.command: list[str] = list(command) if command else shlex.split(os.environ.get("CC_WARM_BIN", "cc-warm"))
        self.config = config
        self.env: dict[str, str] = dict(env or {})
        self.teardown_grace = teardown_grace

    def run(
        self,
        graph: str,
        params: Mapping[str, Any],
        on_event: Optional[Callable[[Event], None]] = None,
        timeout: Optional[float] = None,
        on_stray_line: Callable[[str], None] = _warn_stray,
    ) -> Outcome:
        args = [*self.command, graph, *(f"{k}={v}" for k, v in params.items() if v is not None), "--json"]
        if self.config:
            args += ["--config", self.config]
        events: list[Event] = []
        stray: list[str] = []
        lines: "queue.Queue[Optional[str]]" = queue.Queue()
        with subprocess.Popen(args, stdout=subprocess.PIPE, stderr=None, text=True, env={**os.environ, **self.env}) as proc:
            assert proc.stdout is not None
            threading.Thread(target=_pump, args=(proc.stdout, lines), daemon=True).start()
            deadline = None if timeout is None else time.monotonic() + timeout
            timed_out = False
            while True:
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    if timed_out:  # teardown grace over too
                        proc.kill()
                        break
                    timed_out = True
                    proc.send_signal(signal.SIGTERM)  # cc-warm cancels and runs its teardown
                    deadline = time.monotonic() + self.teardown_grace
                    continue
                try:
                    raw = lines.get(timeout=left)
                except queue.Empty:
                    continue
                if raw is None:
                    break
                self._line(raw.strip(), events, stray, on_event, on_stray_line)
            code = proc.wait()
        result = events[-1] if events and events[-1].get("type") == "result" else {}
        if timed_out:
            raise TimedOut(code, result, f"timed out after {timeout} s; cancelled (exit {code})")
        if code == BAD_INPUT:
            raise BadInput(code, result)
        if code == INFRA_ERROR:
            raise NeedsHuman(code, result)
        if code not in (PASSED, VERDICT_FAILED, FALLBACK_TO_COLD, CANCELLED):
            raise CcWarmError(code, result)
        return Outcome.from_result(code, result, events, stray)

    @staticmethod
    def _line(line: str, events: list[Event], stray: list[str], on_event: Optional[Callable[[Event], None]], on_stray_line: Callable[[str], None]) -> None:
        if not line:
            return
        try:
            event = json.loads(line)
        except ValueError:
            event = None
        if not isinstance(event, dict):
            stray.append(line)
            on_stray_line(line)
            return
        events.append(event)
        if on_event and event.get("type") != "result":
            on_event(event)

    def quick(self, recipe: str, ref: Optional[str] = None, **kw: Any) -> Outcome:
        return self.run("quick", {"recipe": recipe, "ref": ref}, **kw)

    def promote(self, recipe: str, verdict: str, mode: str, ref: Optional[str] = None, **kw: Any) -> Outcome:
        return self.run("promote", {"recipe": recipe, "verdict": verdict, "mode": mode, "ref": ref}, **kw)

    def realm_create(self, parent: str, run: str, **kw: Any) -> Outcome:
        return self.run("realm-create", {"parent": parent, "run": run}, **kw)


def main(argv: list[str]) -> int:
    """`python3 ccwarm.py quick recipe=demo ref=v2 [--config FILE]`: what the orchestrator does with each outcome."""
    config = None
    if "--config" in argv:
        i = argv.index("--config")
        config = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    graph, *pairs = argv
    params = dict(p.split("=", 1) for p in pairs)
    warm = CcWarm(config=config)

    def show(e: Event) -> None:
        if e.get("type") == "task-end":
            print(f"  {e['task']}: {e['state']}", file=sys.stderr)

    try:
        outcome = warm.run(graph, params, on_event=show)
    except BadInput as e:
        print(f"rejected: {e}", file=sys.stderr)
        return 2
    except NeedsHuman as e:
        print(f"needs a human: {e}", file=sys.stderr)
        return 3
    if outcome.fallback_to_cold:
        print(f"fallback: run the cold lane ({outcome.reason})")
    else:
        print(f"{outcome.mode or graph}: {outcome.verdict} (exit {outcome.exit_code})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
