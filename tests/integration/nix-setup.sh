#!/usr/bin/env bash
# Idempotent: make `nix-instantiate` usable for the nix-* integration tests on a fresh Debian
# machine. Installs Debian's nix-bin when missing (needs root + apt), then checks that
# evaluation works without a nix daemon. Prints the NIX_* environment to use as KEY=VALUE lines
# on stdout (the test reads them); everything else goes to stderr.
set -euo pipefail

log() { echo "nix-setup: $*" >&2; }

if ! command -v nix-instantiate >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then
    log "nix-instantiate is missing and we are not root: install Debian's nix-bin first"
    exit 1
  fi
  log "installing nix-bin"
  export DEBIAN_FRONTEND=noninteractive
  timeout 300 apt-get update -qq -o DPkg::Lock::Timeout=300 >&2
  # Wait for a dpkg lock held by another setup step instead of failing at once.
  timeout 600 apt-get install -y -qq -o DPkg::Lock::Timeout=300 --no-install-recommends nix-bin >&2
fi

# Without a daemon, nix wants to open its store database. As root the default store
# (/nix/store, /nix/var/nix) is created on first use; for anyone else, or when /nix is not
# writable, point the state, store log and cache at a private, writable directory.
# --readonly-mode is not enough alone: it still reads the database if one exists.
state="${CC_WARM_NIX_STATE:-${TMPDIR:-/tmp}/cc-warm-nix-state}"
mkdir -p "$state/var" "$state/log" "$state/cache"
export NIX_STATE_DIR="$state/var" NIX_LOG_DIR="$state/log" XDG_CACHE_HOME="$state/cache"
# No daemon and no nixbld group on a plain Debian host: evaluate as ourselves, without the
# build-users group (otherwise every call warns that the group does not exist).
export NIX_CONFIG="build-users-group = "

# Prove evaluation works before the tests rely on it.
out="$(timeout 60 nix-instantiate --readonly-mode --eval --strict --json -E '{ a = 1 + 1; }')" || {
  log "nix-instantiate cannot evaluate: $out"
  exit 1
}
if [ "$out" != '{"a":2}' ]; then
  log "unexpected evaluation result: $out"
  exit 1
fi

echo "NIX_STATE_DIR=$NIX_STATE_DIR"
echo "NIX_LOG_DIR=$NIX_LOG_DIR"
echo "XDG_CACHE_HOME=$XDG_CACHE_HOME"
echo "NIX_CONFIG=$NIX_CONFIG"
