# shellcheck shell=bash
# Shared helpers for scripts/infra. Sourced, never run. Quiet unless something fails or slow
# work really happens: `step`/`step_done` announce work and its duration (only on the path that
# does it, so a re-run on a ready machine prints nothing); `log` prints only with CCW_VERBOSE=1;
# `die` always prints.
set -euo pipefail
INFRA_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=versions.env
. "$INFRA_DIR/versions.env"
CCW_CACHE=${CCW_CACHE:-/var/cache/cc-warm}
# Overridable so a second, throwaway instance can run beside the shared one.
KEYCLOAK_PROCESS_HTTP_PORT=${CCW_KEYCLOAK_HTTP_PORT:-$KEYCLOAK_PROCESS_HTTP_PORT}
KEYCLOAK_PROCESS_MANAGEMENT_PORT=${CCW_KEYCLOAK_MANAGEMENT_PORT:-$KEYCLOAK_PROCESS_MANAGEMENT_PORT}
export DEBIAN_FRONTEND=noninteractive

log() { if [ "${CCW_VERBOSE:-0}" = 1 ]; then echo "[infra] $*" >&2; fi; }
die() { echo "[infra] error: $*" >&2; exit 1; }

# step <what>: "==> what …" on stderr as slow work starts; step_done: "==> what: done in N s".
# An aside in parentheses at the end of <what> (a hint, a log path) is only on the first line.
# Steps nest (apt inside a download); call them only where work happens, never on a check.
CCW_STEP_NAMES=() CCW_STEP_STARTS=()
step() {
  CCW_STEP_NAMES+=("$1")
  CCW_STEP_STARTS+=("$SECONDS")
  echo "==> $1 …" >&2
}
step_done() {
  local i=$((${#CCW_STEP_NAMES[@]} - 1))
  [ "$i" -ge 0 ] || return 0
  # The done line drops the start line's "(…)" aside: "==> building the image X: done in 83 s".
  echo "==> ${CCW_STEP_NAMES[$i]%% (*}: done in $((SECONDS - CCW_STEP_STARTS[i])) s" >&2
  unset "CCW_STEP_NAMES[$i]" "CCW_STEP_STARTS[$i]"
}

# quiet <name> cmd...: run cmd with its output captured; on failure print the tail and die.
quiet() {
  local name=$1 out rc=0
  shift
  out=$(mktemp)
  "$@" >"$out" 2>&1 || rc=$?
  if [ "$rc" != 0 ]; then
    tail -n 30 "$out" >&2
    rm -f "$out"
    die "$name failed (exit $rc)"
  fi
  if [ "${CCW_VERBOSE:-0}" = 1 ]; then cat "$out" >&2; fi
  rm -f "$out"
}

# wait_for <seconds> <what> cmd...: poll cmd every 0.2 s until it succeeds; 1 on timeout.
wait_for() {
  local secs=$1 what=$2 deadline
  shift 2
  deadline=$(($(date +%s) + secs))
  until "$@" >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "[infra] timed out after ${secs}s waiting for $what" >&2
      return 1
    fi
    sleep 0.2
  done
}

# lock <name>: serialise concurrent runs (several test runs may call these scripts at once) on
# $CCW_CACHE/.lock-<name>, held on fd 9 until the script exits. Daemons started while holding it
# must close fd 9 (`9>&-`) or they would hold the lock for their whole life.
lock() {
  mkdir -p "$CCW_CACHE"
  exec 9>"$CCW_CACHE/.lock-$1"
  flock -w "${CCW_LOCK_TIMEOUT:-1800}" 9 || die "timed out waiting for the $1 lock"
}

docker_answers() { timeout 10 docker info >/dev/null 2>&1; }

# http_ok <url>: true when the URL answers 2xx.
http_ok() {
  if command -v curl >/dev/null; then curl -fs -o /dev/null --max-time 5 "$1" 2>/dev/null
  else wget -q -O /dev/null -T 5 "$1" 2>/dev/null; fi
}

# apt_install pkg...: install missing Debian packages; `apt-get update` at most once per run.
apt_install() {
  step "installing $* (Debian packages)"
  if [ -z "${CCW_APT_UPDATED:-}" ]; then
    quiet "apt-get update" apt-get update -qq
    CCW_APT_UPDATED=1
  fi
  quiet "apt-get install $*" apt-get install -y -qq --no-install-recommends "$@"
  step_done
}

# need_cmd <command> <package>: install the package when the command is missing.
need_cmd() { command -v "$1" >/dev/null || apt_install "$2"; }

# find_java_home: CCW_JAVA_HOME, then Temurin 25, then any JDK 25/21, then Debian's 17 (installed if needed).
find_java_home() {
  local c
  for c in "${CCW_JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*-25-* /usr/lib/jvm/*-21-* \
    /usr/lib/jvm/java-17-openjdk-amd64; do
    if [ -n "$c" ] && [ -x "$c/bin/java" ]; then echo "$c"; return 0; fi
  done
  apt_install openjdk-17-jre-headless >&2
  echo /usr/lib/jvm/java-17-openjdk-amd64
}

# keycloak_java_opts <java_home> <cds-archive>: JVM flags for Keycloak. C1 only (a test server
# does not need C2's peak speed) and an application class-data archive created on first exit
# (JDK 19+) cut startup CPU by more than half (measured 22 s -> 9 s). The add-opens silences an
# IllegalAccessError jboss-threads throws at shutdown on JDK 24+.
keycloak_java_opts() {
  local major opts="-XX:TieredStopAtLevel=1 --add-opens=java.base/java.lang=ALL-UNNAMED"
  major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null)
  if [ "${major:-0}" -ge 19 ]; then
    # -Xlog:cds=off: the archive dump lists every class it skips as a warning.
    opts="$opts -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$2 -Xlog:cds=off"
  fi
  echo "$opts"
}

# inputs_digest file...: short digest of what an image is built from: the files' contents (not
# their paths: every fresh clone lives elsewhere) and the helper functions that build images
# (not all of lib.sh, so an unrelated edit does not cost a Keycloak image rebuild).
inputs_digest() {
  { cat "$@"; declare -f add_busybox add_libs import_rootfs keycloak_java_opts; } | sha256sum | cut -c1-16
}

# image_current <tag> <digest>: true when the image exists and was built from these inputs.
image_current() {
  [ "$(docker image inspect -f '{{index .Config.Labels "cc-warm.inputs"}}' "$1" 2>/dev/null)" = "$2" ]
}

# add_busybox <root>: busybox with every applet linked, /tmp, and minimal /etc files.
add_busybox() {
  local root=$1 applet
  mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,tmp,etc,root,proc,sys,dev,run}
  chmod 1777 "$root/tmp"
  cp /bin/busybox "$root/bin/busybox"
  for applet in $(/bin/busybox --list-full); do
    [ -e "$root/$applet" ] || [ -L "$root/$applet" ] || ln -s /bin/busybox "$root/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
}

# import_rootfs <root> <tag> [docker import flags...]: tar the tree (numeric owners) into an image.
# A failed tar would still leave docker an (empty) image: remove it, so a retry rebuilds.
import_rootfs() {
  local root=$1 tag=$2 out
  shift 2
  out=$(mktemp)
  if ! tar --numeric-owner -C "$root" -c . 2>"$out" | docker import "$@" - "$tag" >>"$out" 2>&1; then
    docker image rm -f "$tag" >/dev/null 2>&1 || true
    tail -n 20 "$out" >&2
    rm -f "$out"
    die "building $tag failed"
  fi
  rm -f "$out"
}

# add_libs <root> file...: copy into <root> every shared library `ldd` lists for the files
# (plus glibc's NSS modules, loaded at run time), at the same paths.
add_libs() {
  local root=$1 lib
  shift
  for lib in $( (ldd "$@" 2>/dev/null || true) | grep -o '/[^ ]*\.so[^ ]*' | grep -v "^$root/" | sort -u) \
    /lib/x86_64-linux-gnu/libnss_files.so.2 /lib/x86_64-linux-gnu/libnss_dns.so.2; do
    [ -e "$lib" ] && cp -L --parents "$lib" "$root/"
  done
}
