#!/usr/bin/env bash
# Make <dest> a git repository of the keycloak recipe with one commit + tag per release, on
# main, in this order (each commit adds its release/<version> note):
#   1.0.0+26.5.6  good
#   1.1.0+26.5.6  good upgrade (--proxy-headers=xforwarded)
#   1.2.0+26.5.6  broken: an unknown start flag, Keycloak exits, never healthy
#   1.3.0+26.5.6  fixed; its release note flags a manual migration (a `manual-migration: true` line)
#   2.0.0+26.5.6  major bump (default log level WARN)
# Idempotent: an existing repository that already has every tag is left as it is.
set -euo pipefail
dest="${1:?usage: make-repo.sh <dest>}"
src="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tags=(1.0.0+26.5.6 1.1.0+26.5.6 1.2.0+26.5.6 1.3.0+26.5.6 2.0.0+26.5.6)

source "$src/../repo-builder.sh"
repo_begin "$dest" "${tags[@]/#/refs/tags/}"
cp -p "$src/compose.yml" "$src/.env.sample" "$src/README.md" "$tmp/"
mkdir "$tmp/release"
c="$tmp/compose.yml"
# edit <sed-expr> <grep-pattern-that-must-match-after>: fail loudly if an edit did not apply.
edit() { sed -i "$1" "$c"; grep -qe "$2" "$c" || { echo "make-repo.sh: edit did not apply: $1" >&2; exit 1; }; }
release() {
  local v=$1 msg=$2
  edit "s/coop-cloud\.\${STACK_NAME}\.version=[^\"]*/coop-cloud.\${STACK_NAME}.version=$v/" "version=$v\""
  cp "$src/release/$v" "$tmp/release/$v"
  g add -A && g commit -q -m "$v: $msg" && g tag "$v"
}
flag_after_health() { edit "/--health-enabled=true # release:/a\\      - $1" "- $1\$"; }

g init -q -b main
release 1.0.0+26.5.6 "first release"
flag_after_health --proxy-headers=xforwarded
release 1.1.0+26.5.6 "accept X-Forwarded headers from traefik"
flag_after_health --no-such-option=true
release 1.2.0+26.5.6 "broken on purpose: unknown start flag"
sed -i '/--no-such-option=true/d' "$c"
! grep -q no-such-option "$c"
release 1.3.0+26.5.6 "drop the broken flag; manual migration flagged"
edit "s/KC_LOG_LEVEL=info # release:/KC_LOG_LEVEL=warn # release:/" "KC_LOG_LEVEL=warn"
release 2.0.0+26.5.6 "major: default log level WARN"

repo_finish
