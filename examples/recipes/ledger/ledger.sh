#!/bin/sh
# The ledger app. On start: wait for the database, apply the migrations up to LEDGER_SCHEMA
# (1 creates and seeds the ledger; 2 adds categories and account balances), each recorded in
# schema_version, then serve /healthy on :8080 while the database answers at that schema.
# A failed migration exits non-zero: Swarm restarts the task, and the app never gets healthy.
# SIGTERM ends it at once.
set -u
trap 'exit 0' TERM INT
HEALTH=/run/ledger
mkdir -p "$HEALTH/www"
rm -f "$HEALTH/www/healthy"
PGPASSWORD=$(cat /run/secrets/db_password)
export PGPASSWORD
# Only warnings and errors from the server (not "already exists, skipping" notices).
export PGOPTIONS="-c client_min_messages=warning"

pause() { sleep "$1" & wait $!; }
say() { echo "ledger: $*"; }
# psql runs in the background and is waited for, so SIGTERM ends a long migration at once
# (the server rolls back the statement in flight when the connection drops).
sql() {
  cat >"$HEALTH/step.sql"
  psql -X -q -v ON_ERROR_STOP=1 "$@" -f "$HEALTH/step.sql" &
  wait $!
}
value() {
  psql -X -A -t -v ON_ERROR_STOP=1 -c "$1" &
  wait $!
}

# 1: the ledger and a first start's worth of data — accounts, LEDGER_SEED_ROWS entries (one in
# ten a refund, so negative), the indexes the app queries by, statistics. One transaction.
migration_1() {
  sql --single-transaction <<SQL
CREATE TABLE accounts (
  id integer PRIMARY KEY,
  name text NOT NULL,
  opened_at timestamptz NOT NULL
);
INSERT INTO accounts
  SELECT g, 'account-' || g, timestamptz '2020-01-01 00:00:00+00' + g * interval '1 hour'
  FROM generate_series(1, 20000) g;
CREATE TABLE entries (
  id bigint PRIMARY KEY,
  account_id integer NOT NULL REFERENCES accounts,
  amount_cents bigint NOT NULL,
  memo text NOT NULL,
  booked_at timestamptz NOT NULL
);
INSERT INTO entries
  SELECT g,
         1 + (g * 7919) % 20000,
         (1 + (g * 104729) % 100000) * CASE WHEN g % 10 = 0 THEN -1 ELSE 1 END,
         (ARRAY['rent', 'salary', 'groceries', 'refund', 'transfer', 'utilities'])[1 + g % 6] || ' ' || md5(g::text),
         timestamptz '2020-01-01 00:00:00+00' + g * interval '17 seconds'
  FROM generate_series(1::bigint, ${LEDGER_SEED_ROWS:-800000}) g;
CREATE INDEX entries_account_id ON entries (account_id);
CREATE INDEX entries_booked_at ON entries (booked_at);
ANALYZE accounts, entries;
INSERT INTO schema_version (version, description) VALUES (1, 'ledger: accounts and entries');
SQL
}

# >>> migration 2 (release 1.1.0)
# 2: categories from the memo's first word, and each account's balance (the data transformed).
# Statements commit one by one, as many migration tools run them.
migration_2() {
  sql <<SQL
CREATE TABLE IF NOT EXISTS categories (id serial PRIMARY KEY, name text UNIQUE NOT NULL);
INSERT INTO categories (name)
  SELECT DISTINCT split_part(memo, ' ', 1) FROM entries ORDER BY 1 ON CONFLICT DO NOTHING;
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS balance_cents bigint NOT NULL DEFAULT 0;
UPDATE accounts a SET balance_cents = s.total
  FROM (SELECT account_id, sum(amount_cents) AS total FROM entries GROUP BY account_id) s
  WHERE s.account_id = a.id;
ALTER TABLE entries DROP CONSTRAINT IF EXISTS entries_amount_not_zero;
ALTER TABLE entries ADD CONSTRAINT entries_amount_not_zero CHECK (amount_cents <> 0);
INSERT INTO schema_version (version, description) VALUES (2, 'categories and account balances');
SQL
}
# <<< migration 2

say "waiting for the database"
until pg_isready -q; do pause 0.2; done
until value "SELECT 1" >/dev/null 2>&1; do pause 0.2; done
value "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())" >/dev/null || exit 1
current=$(value "SELECT coalesce(max(version), 0) FROM schema_version") || exit 1
target=${LEDGER_SCHEMA:-1}
if [ "$current" -gt "$target" ]; then
  say "the database is at schema $current, newer than this release's $target: refusing to start" >&2
  exit 1
fi
v=$current
while [ "$v" -lt "$target" ]; do
  v=$((v + 1))
  say "applying migration $v"
  started=$(date +%s)
  command -v "migration_$v" >/dev/null || { say "this release has no migration $v" >&2; exit 1; }
  "migration_$v" || { say "migration $v failed" >&2; exit 1; }
  say "migration $v done in $(($(date +%s) - started)) s"
done

say "ready: schema $target, $(value "SELECT count(*) FROM entries") entries"
# Healthy while the database answers at the release's schema.
httpd -p 8080 -h "$HEALTH/www"
while :; do
  if status=$(value "SELECT 'schema=' || max(version) FROM schema_version" 2>/dev/null) && [ "$status" = "schema=$target" ]; then
    echo "$status" >"$HEALTH/www/healthy.new" && mv "$HEALTH/www/healthy.new" "$HEALTH/www/healthy"
  else
    rm -f "$HEALTH/www/healthy"
  fi
  pause 5
done
