#!/usr/bin/env bash
# Make <dest> a git repository of the overlays recipe with tags v1, v2 and broken (each a commit
# that changes APP_VERSION in the x-environment anchor of compose.yml). main ends at v2; broken sits on its own branch.
# Idempotent: an existing repository that already has the three tags is left as it is.
set -euo pipefail
dest="${1:?usage: make-repo.sh <dest>}"
src="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [ -d "$dest/.git" ]; then
  for t in v1 v2 broken; do
    git -C "$dest" rev-parse -q --verify "refs/tags/$t" >/dev/null || { echo "make-repo.sh: $dest exists but lacks tag $t" >&2; exit 1; }
  done
  exit 0
fi

mkdir -p "$(dirname "$dest")"
tmp="$(mktemp -d "$(dirname "$dest")/.make-repo-XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
cp -pR "$src/." "$tmp/"
rm -f "$tmp/make-repo.sh"
g() { git -C "$tmp" -c user.name=cc-warm -c user.email=cc-warm@localhost -c commit.gpgsign=false "$@"; }
version() { sed -i "s/^\(  APP_VERSION: \).*/\1\"$1\"/" "$tmp/compose.yml"; grep -q "APP_VERSION: \"$1\"\$" "$tmp/compose.yml"; }

g init -q -b main
version 1
g add -A && g commit -q -m "overlays v1: seed 50 records and an upload, schema 1" && g tag v1
version 2
g add -A && g commit -q -m "overlays v2: migrate records to schema 2" && g tag v2
g checkout -q -b broken-release
version broken
g add -A && g commit -q -m "overlays broken: damages its data and never gets healthy" && g tag broken
g checkout -q main

mkdir -p "$(dirname "$dest")"
mv "$tmp" "$dest"
trap - EXIT
