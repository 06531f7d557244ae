#!/usr/bin/env bash
# Make sure Docker Engine runs with an active single-node swarm and the external `proxy` overlay
# network Co-op Cloud recipes expect. Idempotent: accepts a dockerd that is already running.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DOCKERD_LOG=/var/log/cc-warm-dockerd.log

install_packages() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  [ -x /bin/busybox ] || missing+=(busybox-static)
  if [ ${#missing[@]} -gt 0 ]; then
    apt_install "${missing[@]}"
  fi
}

start_dockerd() {
  docker_answers && return 0
  step "starting dockerd (log: $DOCKERD_LOG)"
  # setsid: detached from the caller's process group, so a killed test run leaves it alone.
  # Not via systemd: it is not usable everywhere (containers, CI VMs without systemd).
  setsid nohup dockerd >>"$DOCKERD_LOG" 2>&1 </dev/null 9>&- &
  if ! wait_for 60 "the docker socket" docker_answers; then
    tail -n 30 "$DOCKERD_LOG" >&2 || true
    die "dockerd did not come up"
  fi
  step_done
}

swarm_init() {
  local state
  state=$(docker info --format '{{.Swarm.LocalNodeState}}')
  [ "$state" = active ] && return 0
  step "initialising a single-node swarm (state was $state)"
  quiet "docker swarm init" docker swarm init --advertise-addr 127.0.0.1
  step_done
}

proxy_network() {
  docker network inspect "$PROXY_NETWORK" >/dev/null 2>&1 && return 0
  step "creating the overlay network $PROXY_NETWORK"
  quiet "docker network create $PROXY_NETWORK" \
    docker network create --driver overlay --attachable "$PROXY_NETWORK"
  step_done
}

lock docker
install_packages
start_dockerd
swarm_init
proxy_network
