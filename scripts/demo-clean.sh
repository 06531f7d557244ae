#!/usr/bin/env bash
# Remove what `npm run demo` left: the canonicals' stacks (of either demo recipe), their volumes,
# secrets and configs, and the work dir.
set -euo pipefail
work="${1:-/var/tmp/cc-warm-demo}"
for stack in warm-ledger_demo_ccw_local warm-demo_demo_ccw_local; do
  docker stack rm "$stack" >/dev/null 2>&1 || true
  for _ in $(seq 1 60); do
    [ -z "$(docker ps -aq --filter "label=com.docker.stack.namespace=$stack")" ] && break
    sleep 1
  done
  ids=$(docker volume ls -q --filter "label=com.docker.stack.namespace=$stack"); [ -n "$ids" ] && docker volume rm $ids >/dev/null
  ids=$(docker secret ls -q --filter "label=cc-warm.stack=$stack"); [ -n "$ids" ] && docker secret rm $ids >/dev/null
  ids=$(docker config ls -q --filter "label=com.docker.stack.namespace=$stack"); [ -n "$ids" ] && docker config rm $ids >/dev/null
  echo "removed $stack" >&2
done
rm -rf "$work"
echo "removed $work" >&2
