#!/usr/bin/env bash
# Build local/ccw-busybox:1 from Debian's busybox-static: a tiny image for test stacks.
#   image-busybox.sh [--force]
# Skipped when the image exists and was built from the same inputs (label cc-warm.inputs).
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

digest=$(inputs_digest "${BASH_SOURCE[0]}" "$INFRA_DIR/versions.env" /bin/busybox)
[ "${1:-}" != --force ] && image_current "$BUSYBOX_IMAGE" "$digest" && exit 0
[ -x /bin/busybox ] || apt_install busybox-static
lock images
# Another run may have built it while this one waited for the lock.
[ "${1:-}" != --force ] && image_current "$BUSYBOX_IMAGE" "$digest" && exit 0
step "building the image $BUSYBOX_IMAGE"

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
add_busybox "$root"
mkdir -p "$root/var/www"

# PID 1 that exits on SIGTERM at once: a shell that ignores it holds `docker stack rm` for the
# 10 s stop grace period. `sleep & wait` lets the trap run without waiting out the sleep.
import_rootfs "$root" "$BUSYBOX_IMAGE" \
  --change "LABEL cc-warm.inputs=$digest" \
  --change 'ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["sh", "-c", "trap \"exit 0\" TERM INT; while :; do sleep 1 & wait $!; done"]'
step_done
