#!/usr/bin/env bash
# Remove what `npm run demo` left: the canonical's stack, volumes, secrets and configs, and the work dir.
set -euo pipefail
work="${1:-/var/tmp/cc-warm-demo}"
stack="warm-demo_demo_ccw_local"
docker stack rm "$stack" >/dev/null 2>&1 || true
for _ in $(seq 1 60); do
  [ -z "$(docker ps -aq --filter "label=com.docker.stack.namespace=$stack")" ] && break
  sleep 1
done
ids=$(docker volume ls -q --filter "label=com.docker.stack.namespace=$stack"); [ -n "$ids" ] && docker volume rm $ids >/dev/null
ids=$(docker secret ls -q --filter "label=cc-warm.stack=$stack"); [ -n "$ids" ] && docker secret rm $ids >/dev/null
ids=$(docker config ls -q --filter "label=com.docker.stack.namespace=$stack"); [ -n "$ids" ] && docker config rm $ids >/dev/null
rm -rf "$work"
echo "removed $stack and $work" >&2
