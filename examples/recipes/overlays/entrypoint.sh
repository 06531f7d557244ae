#!/bin/sh
# The overlay demo app. APP_VERSION 1 seeds /data and /uploads, 2 migrates (schema 1 -> 2),
# "broken" damages the data and never reports healthy. It checks on every start what the
# recipe's conventions promise: a hex key of 64 hex digits, the golang-templated config, the
# interpolated environment. SIGTERM ends it at once.
set -u
trap 'exit 0' TERM INT
H=/run/scratch/healthy
rm -f "$H"
pause() { sleep "$1" & wait $!; }
die() { echo "overlays: $*" >&2; while :; do pause 1; done; }

key="$(cat "$HEX_KEY_FILE")"
[ "${#key}" = 64 ] || die "hex key has ${#key} characters, want 64"
case "$key" in *[!0-9a-f]*) die "hex key is not hex" ;; esac
grep -q "^domain = $DOMAIN\$" /etc/app.conf || die "templated config lacks the domain"
[ "$SMTP_FROM" = "Overlay Demo <noreply@overlays.example.com>" ] || die "SMTP_FROM=$SMTP_FROM"
[ "$PRICE_NOTE" = 'costs $5' ] || die "PRICE_NOTE=$PRICE_NOTE"

seed() {
  mkdir -p /data/records /uploads
  i=1
  while [ "$i" -le 50 ]; do echo "id=$i v=1" > "/data/records/r$i.txt"; i=$((i + 1)); done
  echo "upload 1" > /uploads/u1.txt
  echo 1 > /data/schema
}

case "${APP_VERSION:-1}" in
  1) [ -f /data/schema ] || seed ;;
  2) [ -f /data/schema ] || seed
     if [ "$(cat /data/schema)" = 1 ]; then
       for f in /data/records/*.txt; do sed 's/ v=1$/ v=2/' "$f" > "$f.new" && mv "$f.new" "$f"; done
       echo 2 > /data/schema
     fi ;;
  broken)
     [ -f /data/schema ] || seed
     rm -f /data/records/r1*.txt /uploads/*
     die "broken release ran" ;;
  *) die "unknown APP_VERSION ${APP_VERSION}" ;;
esac
echo "cache $(date -u +%s)" > /cache/last-start
echo "overlays ${APP_VERSION} ready: schema=$(cat /data/schema) records=$(ls /data/records | wc -l)"
touch "$H"
while :; do pause 1; done
