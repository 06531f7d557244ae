#!/usr/bin/env bash
# Make <dest> a git repository of the ledger recipe with its releases and one open pull request:
#   1.0.0+15                  the ledger: seeds accounts and entries (schema 1)
#   1.1.0+15                  migration 2: categories and account balances (schema 2); main ends here
#   pr-broken-migration       a branch off 1.0.0 whose migration 2 adds a constraint the existing
#                             data violates: it fails half-way, after committing its first steps
# The files here are the 1.1.0 state; 1.0.0 drops migration 2 from ledger.sh.
# Idempotent: an existing repository that already has these refs is left as it is.
set -euo pipefail
dest="${1:?usage: make-repo.sh <dest>}"
src="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
refs=(refs/tags/1.0.0+15 refs/tags/1.1.0+15 refs/heads/pr-broken-migration)

source "$src/../repo-builder.sh"
repo_begin "$dest" "${refs[@]}"
for f in compose.yml .env.sample abra.sh ledger.sh README.md; do cp -p "$src/$f" "$tmp/"; done
# release <schema> <recipe version> <entrypoint config version>: the lines that differ per release.
release() {
  sed -i -e "s/^\(      - LEDGER_SCHEMA=\).*/\1$1/" -e "s/\(coop-cloud\.\${STACK_NAME}\.version=\)[^\"]*/\1$2/" "$tmp/compose.yml"
  sed -i "s/^export LEDGER_ENTRYPOINT_VERSION=.*/export LEDGER_ENTRYPOINT_VERSION=$3/" "$tmp/abra.sh"
  grep -q "LEDGER_SCHEMA=$1\$" "$tmp/compose.yml" && grep -q "version=$2\"" "$tmp/compose.yml" && grep -q "VERSION=$3\$" "$tmp/abra.sh"
}

g init -q -b main
sed -i '/^# >>> migration 2/,/^# <<< migration 2/d' "$tmp/ledger.sh"
! grep -q migration_2 "$tmp/ledger.sh"
release 1 1.0.0+15 v1
g add -A && g commit -q -m "ledger 1.0.0: accounts and entries, seeded on first start" && g tag 1.0.0+15

cp -p "$src/ledger.sh" "$tmp/ledger.sh"
release 2 1.1.0+15 v2
g add -A && g commit -q -m "ledger 1.1.0: migration 2 adds categories and account balances" && g tag 1.1.0+15

g checkout -q -b pr-broken-migration 1.0.0+15
cp -p "$src/ledger.sh" "$tmp/ledger.sh"
sed -i 's/CHECK (amount_cents <> 0)/CHECK (amount_cents > 0)/' "$tmp/ledger.sh"
grep -q 'CHECK (amount_cents > 0)' "$tmp/ledger.sh"
release 2 1.1.0+15 v2
g add -A && g commit -q -m "migration 2: amounts must be positive (refunds are negative: fails half-way)"
g checkout -q main

repo_finish
