"""How the cc-ci orchestrator (Python) drives cc-warm: a subprocess, JSON Lines on stdout, exit codes.

    from ccwarm import CcWarm
    warm = CcWarm(config="/etc/cc-warm/config.json")
    outcome = warm.quick("lasuite-docs", ref="refs/pull/12/head")
    if outcome.fallback_to_cold:
        run_cold(...)                 # no canonical / no warm Keycloak: the cold lane, as before
    elif outcome.passed:
        label(pr, "quick: PASS")      # every result carries its mode
    ...

Events stream while the run goes (`on_event`), the last line is the result object. Human text
goes to stderr and is passed through. The standard library only.
"""
from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from typing import Callable, Iterable

# The CLI contract's exit codes (README "Exit codes").
PASSED, VERDICT_FAILED, BAD_INPUT, INFRA_ERROR, FALLBACK_TO_COLD, CANCELLED = 0, 1, 2, 3, 4, 5


class CcWarmError(Exception):
    """cc-warm could not do its job: bad input/config (exit 2) or infrastructure (exit 3)."""

    def __init__(self, exit_code: int, result: dict):
        self.exit_code = exit_code
        self.result = result
        error = result.get("error") or {}
        reason = error.get("message") or result.get("reason") or "; ".join(e.get("message", "") for e in result.get("errors", []))
        super().__init__(f"cc-warm exited {exit_code}: {reason or 'no reason given'}")


class BadInput(CcWarmError):
    """Exit 2: the arguments or the config were rejected before anything was done."""


class NeedsHuman(CcWarmError):
    """Exit 3: an infrastructure error — including a failed rollback. Page someone."""


@dataclass
class Outcome:
    exit_code: int
    result: dict
    events: list = field(default_factory=list)

    @property
    def mode(self) -> str:
        return self.result.get("mode", "")

    @property
    def verdict(self) -> str:
        return self.result.get("verdict", "")

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


class CcWarm:
    """Runs `cc-warm <graph> key=value … --json` and reads its JSON Lines."""

    def __init__(self, config: str | None = None, command: Iterable[str] | None = None, env: dict | None = None):
        self.command = list(command) if command else shlex.split(os.environ.get("CC_WARM_BIN", "cc-warm"))
        self.config = config
        self.env = env

    def run(self, graph: str, params: dict, on_event: Callable[[dict], None] | None = None, timeout: float | None = None) -> Outcome:
        args = [*self.command, graph, *(f"{k}={v}" for k, v in params.items() if v is not None), "--json"]
        if self.config:
            args += ["--config", self.config]
        env = {**os.environ, **(self.env or {})}
        events: list = []
        with subprocess.Popen(args, stdout=subprocess.PIPE, stderr=None, text=True, env=env) as proc:
            assert proc.stdout is not None
            for line in proc.stdout:
                line = line.strip()
                if not line:
                    continue
                event = json.loads(line)  # stdout carries only JSON Lines
                events.append(event)
                if on_event and event.get("type") != "result":
                    on_event(event)
            code = proc.wait(timeout=timeout)
        result = events[-1] if events and events[-1].get("type") == "result" else {}
        if code == BAD_INPUT:
            raise BadInput(code, result)
        if code == INFRA_ERROR:
            raise NeedsHuman(code, result)
        if code not in (PASSED, VERDICT_FAILED, FALLBACK_TO_COLD, CANCELLED):
            raise CcWarmError(code, result)
        return Outcome(code, result, events)

    def quick(self, recipe: str, ref: str | None = None, **kw) -> Outcome:
        return self.run("quick", {"recipe": recipe, "ref": ref}, **kw)

    def promote(self, recipe: str, verdict: str, mode: str, ref: str | None = None, **kw) -> Outcome:
        return self.run("promote", {"recipe": recipe, "verdict": verdict, "mode": mode, "ref": ref}, **kw)

    def realm_create(self, parent: str, run: str, **kw) -> Outcome:
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
    try:
        outcome = warm.run(graph, params, on_event=lambda e: e.get("type") == "task-end" and print(f"  {e['task']}: {e['state']}", file=sys.stderr))
    except BadInput as e:
        print(f"rejected: {e}", file=sys.stderr)
        return 2
    except NeedsHuman as e:
        print(f"needs a human: {e}", file=sys.stderr)
        return 3
    if outcome.fallback_to_cold:
        print(f"fallback: run the cold lane ({outcome.result.get('reason')})")
    else:
        print(f"{outcome.mode or graph}: {outcome.verdict} (exit {outcome.exit_code})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
