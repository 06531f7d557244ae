#!/usr/bin/env bash
# Bring up what the integration tests run against: dockerd + single-node swarm + `proxy`
# network, the local images, the Keycloak distribution, and Keycloak as a loopback process.
#   up.sh [--no-keycloak] [--force-images]
# Idempotent and quiet; a re-run on a ready machine only checks (well under a second).
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

keycloak=1 force=()
for arg in "$@"; do
  case "$arg" in
    --no-keycloak) keycloak=0 ;;
    --force-images) force=(--force) ;;
    *) die "usage: $0 [--no-keycloak] [--force-images]" ;;
  esac
done

bash "$INFRA_DIR/docker.sh"
# The reflink test and benchmark loop-mount an xfs image.
need_cmd mkfs.xfs xfsprogs
bash "$INFRA_DIR/keycloak-dist.sh"
# The Keycloak process starts while the images build: other work waits on it, not on the images.
kc_pid=
if [ "$keycloak" = 1 ]; then
  bash "$INFRA_DIR/keycloak-process.sh" start &
  kc_pid=$!
fi
images_rc=0
{ bash "$INFRA_DIR/image-busybox.sh" "${force[@]}" && bash "$INFRA_DIR/image-postgres.sh" "${force[@]}" \
  && bash "$INFRA_DIR/image-keycloak.sh" "${force[@]}"; } || images_rc=$?
kc_rc=0
[ -z "$kc_pid" ] || wait "$kc_pid" || kc_rc=$?
[ "$images_rc" = 0 ] || die "building the images failed"
[ "$kc_rc" = 0 ] || die "starting the Keycloak process failed"
