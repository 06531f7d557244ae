"""Runs the Python client against the real cc-warm CLI (CC_WARM_BIN), as the orchestrator would.

Needs CC_WARM_TEST_CONFIG: a config file whose recipe `demo` is enrolled but has no canonical.
Exits non-zero on the first failed check; prints `N passed, 0 failed`.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from ccwarm import BadInput, CcWarm, FALLBACK_TO_COLD  # noqa: E402

config = os.environ["CC_WARM_TEST_CONFIG"]
warm = CcWarm(config=config)
passed = 0


def check(name, cond, detail=""):
    global passed
    if not cond:
        print(f"FAIL {name}: {detail}", file=sys.stderr)
        print(f"{passed} passed, 1 failed")
        sys.exit(1)
    passed += 1


# A quick request for a recipe without a canonical: the fallback result, so the orchestrator runs cold.
seen = []
outcome = warm.quick("demo", ref="v2", on_event=seen.append)
check("fallback exit code", outcome.exit_code == FALLBACK_TO_COLD, outcome.exit_code)
check("fallback flag", outcome.fallback_to_cold and outcome.result.get("fallback") is True, outcome.result)
check("fallback labels its mode", outcome.mode == "cold" and outcome.result.get("recipe") == "demo", outcome.result)

# Bad input is rejected before any side effect, naming the key.
try:
    warm.quick("demo", ref="../../etc")
    check("bad ref rejected", False, "no exception")
except BadInput as e:
    check("bad ref rejected", e.exit_code == 2 and "ref" in str(e), str(e))

# A real graph with events: the result carries per-task states and timings.
outcome = warm.run("selftest", {"sleep": 50}, on_event=seen.append)
check("selftest passed", outcome.passed and outcome.result.get("tasks", {}).get("teardown") == "succeeded", outcome.result)
check("events streamed", any(e.get("type") == "task-end" for e in seen), len(seen))
check("timings present", "work" in outcome.result.get("timings", {}), outcome.result.get("timings"))

print(f"{passed} passed, 0 failed")
