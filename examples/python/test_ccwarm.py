"""The Python client against the real cc-warm CLI (CC_WARM_BIN, default `node dist/cli.js`), as
the orchestrator calls it: fallback, bad input, events, the timeout while events stream, stray
stdout lines, and a quick PASS and a quick FAIL on the real swarm with the demo recipe (seeded by
`cc-warm promote` under a unique recipe name and CI domain, removed afterwards).

Run by `npm test` (scripts/test.sh) after the integration suite brought the swarm up. With `CI`
set, a missing swarm fails these tests instead of skipping them.
"""
from __future__ import annotations

import os
import secrets
import shlex
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from ccwarm import BadInput, CcWarm, Event, FALLBACK_TO_COLD, Outcome, StrayOutput, TimedOut  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
BIN = shlex.split(os.environ.get("CC_WARM_BIN", f"node {ROOT / 'dist' / 'cli.js'}"))
HEX = secrets.token_hex(3)
RECIPE = f"ccwpy{HEX}"
CI_DOMAIN = f"p{HEX}.ccw.test"
STACK = f"warm-{RECIPE}.{CI_DOMAIN}".replace(".", "_")


def docker(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["docker", *args], capture_output=True, text=True, check=False)


def swarm_ready() -> bool:
    try:
        return docker("info", "--format", "{{.Swarm.LocalNodeState}}").stdout.strip() == "active"
    except FileNotFoundError:
        return False


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("ccw-test-py")
    repo = base / "demo"
    subprocess.run(["bash", str(ROOT / "examples/recipes/demo/make-repo.sh"), str(repo)], check=True)
    path = base / "config.json"
    path.write_text(f'{{"stateDir": "{base / "state"}", "ciDomain": "{CI_DOMAIN}", '
                    f'"recipes": {{"{RECIPE}": {{"source": "{repo}", "convergeTimeoutMinutes": 3}}}}}}')
    return path


@pytest.fixture(scope="module")
def warm(config: Path) -> CcWarm:
    return CcWarm(config=str(config), command=BIN)


def remove_stack() -> None:
    docker("stack", "rm", STACK)
    label = f"label=com.docker.stack.namespace={STACK}"
    for _ in range(120):
        if not docker("ps", "-aq", "--filter", label).stdout.strip():
            break
        time.sleep(1)
    generated = f"label=cc-warm.stack={STACK}"  # secrets cc-warm generated for the stack
    for kind, labels in (("volume", [label]), ("secret", [label, generated]), ("config", [label])):
        ids = [i for lb in labels for i in docker(kind, "ls", "-q", "--filter", lb).stdout.split()]
        if ids:
            docker(kind, "rm", *ids)


@pytest.fixture(scope="module")
def seeded(warm: CcWarm) -> Iterator[Outcome]:
    if not swarm_ready():
        if os.environ.get("CI"):
            pytest.fail("no active Docker swarm (scripts/infra/up.sh): CI needs it")
        pytest.skip("no active Docker swarm (run scripts/infra/up.sh)")
    try:
        outcome = warm.promote(RECIPE, verdict="green", mode="cold", timeout=600)
        assert outcome.passed and outcome.result.get("promotion") == "promoted", outcome.result
        yield outcome
    finally:
        remove_stack()


def test_fallback_without_a_canonical(warm: CcWarm) -> None:
    seen: list[Event] = []
    outcome = warm.quick("ccwpy-not-enrolled", ref="v2", on_event=seen.append)
    assert outcome.exit_code == FALLBACK_TO_COLD and outcome.fallback_to_cold
    assert outcome.result.get("fallback") is True and outcome.mode == "cold"
    assert outcome.recipe == "ccwpy-not-enrolled" and "not enrolled" in (outcome.reason or "")


def test_bad_input_is_rejected_naming_the_key(warm: CcWarm) -> None:
    with pytest.raises(BadInput) as e:
        warm.quick(RECIPE, ref="../../etc")
    assert e.value.exit_code == 2 and "ref" in str(e.value)


def test_events_stream_and_the_result_carries_states_and_timings(warm: CcWarm) -> None:
    seen: list[Event] = []
    outcome = warm.run("selftest", {"sleep": 50}, on_event=seen.append)
    assert outcome.passed and outcome.result["tasks"]["teardown"] == "succeeded"
    assert any(e.get("type") == "task-end" for e in seen)
    assert "work" in outcome.result["timings"] and outcome.duration_ms is not None


def test_the_timeout_fires_while_events_stream_and_teardown_still_runs(warm: CcWarm) -> None:
    seen: list[Event] = []
    started = time.monotonic()
    with pytest.raises(TimedOut) as e:
        warm.run("selftest", {"sleep": 120_000}, on_event=seen.append, timeout=3)
    assert time.monotonic() - started < 60  # not the 120 s the run would take
    assert any(ev.get("type") == "task-start" for ev in seen)
    assert e.value.exit_code == 5 and e.value.result.get("tasks", {}).get("teardown") == "succeeded", e.value.result


def test_a_stray_stdout_line_is_reported_not_fatal(config: Path) -> None:
    wrapped = CcWarm(config=str(config), command=["sh", "-c", 'echo "wrapper: starting cc-warm"; exec "$@"', "sh", *BIN])
    reported: list[str] = []
    outcome = wrapped.run("selftest", {"sleep": 10}, on_stray_line=reported.append)
    assert outcome.passed and reported == ["wrapper: starting cc-warm"] and outcome.stray_lines == reported
    with pytest.warns(StrayOutput, match="wrapper: starting"):
        assert wrapped.run("selftest", {"sleep": 10}).passed


def test_quick_pass_on_the_real_swarm_leaves_the_known_good(warm: CcWarm, seeded: Outcome) -> None:
    outcome = warm.quick(RECIPE, ref="v2", timeout=600)
    assert outcome.passed, outcome.result
    assert (outcome.mode, outcome.verdict, outcome.rolled_back) == ("quick", "passed", False)
    assert outcome.result["canonical"] == seeded.result["canonical"]


def test_quick_fail_on_the_real_swarm_rolls_back(warm: CcWarm, seeded: Outcome) -> None:
    outcome = warm.quick(RECIPE, ref="broken", timeout=600)
    assert outcome.failed, outcome.result
    assert (outcome.mode, outcome.verdict, outcome.rolled_back, outcome.ref) == ("quick", "failed", True, "broken")
    assert outcome.result["canonical"] == seeded.result["canonical"] and outcome.reason
