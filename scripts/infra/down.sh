#!/usr/bin/env bash
# Tear down what tests leave behind: stop the Keycloak process, remove every `ccw-test-*` stack,
# service, container, volume, secret, config and network. Idempotent.
#   down.sh [--all] [--prefix <p>]
# --all also leaves the swarm and stops dockerd. --prefix narrows what is removed (default ccw-test-).
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

all=0 prefix=ccw-test-
while [ $# -gt 0 ]; do
  case "$1" in
    --all) all=1 ;;
    --prefix) prefix=${2:?}; shift ;;
    *) die "usage: $0 [--all] [--prefix <p>]" ;;
  esac
  shift
done
case "$prefix" in ccw-test-*) ;; *) die "--prefix must start with ccw-test-" ;; esac

bash "$INFRA_DIR/keycloak-process.sh" stop
docker_answers || exit 0

# names <docker ls command...>: the listed names that start with the prefix.
names() { "$@" 2>/dev/null | awk -v p="$prefix" 'index($0, p) == 1' || true; }
containers_left() { [ -n "$(names docker ps -a --format '{{.Names}}')" ]; }

for s in $(names docker stack ls --format '{{.Name}}'); do quiet "docker stack rm $s" docker stack rm "$s"; done
# A stack's services may still be listed while it goes: tolerate "not found", check at the end.
for s in $(names docker service ls --format '{{.Name}}'); do docker service rm "$s" >/dev/null 2>&1 || true; done
# Volumes stay busy until the tasks' containers are gone.
no_containers_left() { ! containers_left; }
wait_for 60 "test containers to go" no_containers_left || true
for c in $(names docker ps -a --format '{{.Names}}'); do docker rm -f "$c" >/dev/null 2>&1 || true; done
for v in $(names docker volume ls --format '{{.Name}}'); do quiet "docker volume rm $v" docker volume rm "$v"; done
for s in $(names docker secret ls --format '{{.Name}}'); do quiet "docker secret rm $s" docker secret rm "$s"; done
for c in $(names docker config ls --format '{{.Name}}'); do quiet "docker config rm $c" docker config rm "$c"; done
for n in $(names docker network ls --format '{{.Name}}'); do docker network rm "$n" >/dev/null 2>&1 || true; done
containers_left && die "containers named $prefix* remain"
[ -z "$(names docker service ls --format '{{.Name}}')" ] || die "services named $prefix* remain"

if [ "$all" = 1 ]; then
  [ "$(docker info --format '{{.Swarm.LocalNodeState}}')" = inactive ] || quiet "docker swarm leave" docker swarm leave --force
  pid=$(cat /var/run/docker.pid 2>/dev/null || true)
  if [ -n "$pid" ]; then
    kill -TERM "$pid"
    wait_for 60 "dockerd to stop" bash -c "! kill -0 $pid" || die "dockerd ($pid) did not stop"
  fi
fi
