#!/bin/sh
# PID 1 of local/ccw-postgres: on the first start (an empty data directory, i.e. a fresh volume)
# run initdb with the superuser password from $POSTGRES_PASSWORD_FILE, then exec postgres itself.
# SIGTERM (what `docker stop` sends; `docker import` cannot set STOPSIGNAL) is passed on as
# SIGINT, postgres's fast shutdown (SIGTERM would be its smart shutdown, which waits for every
# client to disconnect): `docker stack rm` takes about a second and leaves a cleanly shut down
# data directory — what a snapshot taken undeployed needs.
#   ccw-postgres-entrypoint [postgres flags...]       (default: postgres -c listen_addresses=*)
#   ccw-postgres-entrypoint <command> [args...]       (anything not starting with "-": run it)
set -eu
case "${1:--}" in -*) ;; *) exec "$@" ;; esac
: "${PGDATA:=/var/lib/postgresql/data}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  user=${POSTGRES_USER:-postgres}
  pwfile=${POSTGRES_PASSWORD_FILE:-}
  [ -n "$pwfile" ] && [ -s "$pwfile" ] || { echo "ccw-postgres: POSTGRES_PASSWORD_FILE must name a non-empty file for the first start" >&2; exit 2; }
  echo "ccw-postgres: initialising $PGDATA (user $user)" >&2
  initdb --pgdata="$PGDATA" --username="$user" --pwfile="$pwfile" --encoding=UTF8 --locale=C \
    --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  # Other containers on the stack's network connect with the password.
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  if [ -n "${POSTGRES_DB:-}" ] && [ "$POSTGRES_DB" != postgres ]; then
    postgres --single -D "$PGDATA" -j postgres >/dev/null <<SQL
CREATE DATABASE "$POSTGRES_DB" OWNER "$user";
SQL
  fi
fi
postgres -c listen_addresses='*' "$@" &
pid=$!
trap 'kill -INT "$pid" 2>/dev/null' TERM INT
# wait returns early when a trapped signal arrives: wait again for postgres to finish.
rc=0
wait "$pid" || rc=$?
while kill -0 "$pid" 2>/dev/null; do wait "$pid" || rc=$?; done
exit "$rc"
