#!/usr/bin/env bash
# The test command (`npm test`): build, type checks on Node and Deno, unit tests, then the
# integration suite against the real swarm and the real Keycloak (brought up by scripts/infra),
# then the Python client's pytest suite. Prints a closing "N passed, N failed, N skipped" line
# that counts both.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .cache
step() { printf '\n==> %s\n' "$*" >&2; }

step "build (tsup)"
npx --no-install tsup >/dev/null

step "typecheck (tsc)"
npx --no-install tsc -p tsconfig.json

step "deno check + publish --dry-run"
DENO=node_modules/.bin/deno
"$DENO" check mod.ts cli.ts
"$DENO" publish --dry-run --allow-dirty >.cache/deno-publish.log 2>&1 || { cat .cache/deno-publish.log; exit 1; }

step "tests (unit + integration)"
status=0
npx --no-install vitest run --reporter=default --reporter=json --outputFile=.cache/vitest.json "$@" || status=$?

# The Python client (examples/python) against the real CLI and swarm, after the integration
# suite brought the infrastructure up; only on a full run (arguments narrow vitest to a part).
rm -f .cache/pytest.xml
if [ "$#" -eq 0 ]; then
  step "tests (Python client, pytest)"
  if ! python3 -m pytest --version >/dev/null 2>&1; then
    echo "pytest is needed for the Python client's tests (python3 -m pip install pytest)" >&2
    status=1
  else
    # Types are checked where mypy is installed (it is not a dependency of the project).
    if python3 -m mypy --version >/dev/null 2>&1; then python3 -m mypy --strict --cache-dir .cache/mypy examples/python || status=1; fi
    pytest_status=0
    PYTHONDONTWRITEBYTECODE=1 python3 -m pytest examples/python -q -p no:cacheprovider --junitxml=.cache/pytest.xml || pytest_status=$?
    # 5 = no tests collected: a suite that silently vanished is a failure, not a pass.
    if [ "$pytest_status" -ne 0 ]; then
      [ "$pytest_status" -eq 5 ] && echo "pytest collected no tests in examples/python" >&2
      status=1
    fi
  fi
else
  echo "pytest: not run (arguments given to vitest: a partial run)" >&2
fi

node -e '
  const fs = require("fs");
  const r = JSON.parse(fs.readFileSync(".cache/vitest.json", "utf8"));
  let passed = r.numPassedTests, failed = r.numFailedTests, skipped = r.numPendingTests + r.numTodoTests;
  if (fs.existsSync(".cache/pytest.xml")) {
    const xml = fs.readFileSync(".cache/pytest.xml", "utf8");
    const n = (k) => [...xml.matchAll(new RegExp(`<testsuite [^>]*\\b${k}="(\\d+)"`, "g"))].reduce((a, m) => a + Number(m[1]), 0);
    const bad = n("failures") + n("errors");
    passed += n("tests") - bad - n("skipped"); failed += bad; skipped += n("skipped");
  }
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  if (process.env.CI && skipped > 0) { console.error("CI: skipped tests are failures here"); process.exit(1); }
' || status=1
exit "$status"
