#!/bin/sh
# The demo app. APP_VERSION 1 seeds /data, 2 migrates it (schema 1 -> 2), "broken" damages it
# and never reports healthy. SIGTERM ends it at once (stack rm does not wait for the grace period).
set -u
trap 'exit 0' TERM INT
D=/data
H=/run/scratch/healthy
rm -f "$H"

pause() { sleep "$1" & wait $!; }

seed() {
  [ "${SEED_SECONDS:-0}" -gt 0 ] && pause "$SEED_SECONDS"
  mkdir -p "$D/records"
  i=1
  while [ "$i" -le 200 ]; do
    echo "id=$i name=record-$i value=$((i * 7)) v=1" > "$D/records/r$i.txt"
    i=$((i + 1))
  done
  echo 1 > "$D/schema"
  echo "seeded at $(date -u +%FT%TZ)" > "$D/SEEDED"
}

migrate() {
  for f in "$D"/records/*.txt; do
    sed 's/ v=1$/ v=2 migrated=yes/' "$f" > "$f.new" && mv "$f.new" "$f"
  done
  echo 2 > "$D/schema"
}

case "${APP_VERSION:-1}" in
  1) [ -f "$D/schema" ] || seed ;;
  2) [ -f "$D/schema" ] || seed
     [ "$(cat "$D/schema")" = 1 ] && migrate ;;
  broken)
     [ -f "$D/schema" ] || seed
     for f in "$D"/records/r1*.txt; do : > "$f"; done
     rm -f "$D"/records/r2*.txt
     echo "broken deploy ran" >&2
     while :; do pause 1; done ;;
  *) echo "unknown APP_VERSION ${APP_VERSION}" >&2; exit 2 ;;
esac

echo "demo ${APP_VERSION} ready: schema=$(cat "$D/schema") records=$(ls "$D/records" | wc -l)"
touch "$H"
while :; do pause 1; done
