#!/usr/bin/env bash
# Make <dest> a git repository of the recipe in <src> with tags v1, v2 and broken: each a commit
# that sets the recipe's release marker with <sed> (a sed expression in which @V@ stands for the
# version). main ends at v2; broken sits on its own branch. Idempotent: an existing repository
# that already has the three tags is left as it is. Used by the demo and overlays make-repo.sh.
set -euo pipefail
src="${1:?usage: make-release-repo.sh <src> <dest> <sed>}"
dest="${2:?usage: make-release-repo.sh <src> <dest> <sed>}"
expr="${3:?usage: make-release-repo.sh <src> <dest> <sed>}"
name="$(basename "$src")"

source "$(dirname "${BASH_SOURCE[0]}")/repo-builder.sh"
repo_begin "$dest" refs/tags/v1 refs/tags/v2 refs/tags/broken
cp -pR "$src/." "$tmp/"
rm -f "$tmp/make-repo.sh"
release() {
  [ -n "$(sed -n "${expr//@V@/$1}p" "$tmp/compose.yml")" ] || { echo "make-repo.sh: no release marker in $src/compose.yml" >&2; exit 1; }
  sed -i "${expr//@V@/$1}" "$tmp/compose.yml"
  g add -A && g commit -q -m "$name $2" && g tag "$3"
}

g init -q -b main
release 1 "v1: seeds its data, schema 1" v1
release 2 "v2: migrates the data to schema 2" v2
g checkout -q -b broken-release
release broken "broken: damages its data and never gets healthy" broken
g checkout -q main

repo_finish
