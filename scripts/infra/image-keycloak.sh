#!/usr/bin/env bash
# Build local/ccw-keycloak:$KEYCLOAK_VERSION (and :latest): a JDK, the libraries it and bash
# link against, busybox, and the Keycloak distribution, imported with `docker import`; then
# warmed once (Quarkus augmentation for start-dev + a CDS archive), so a fresh container skips both.
#   image-keycloak.sh [--force]
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bash "$INFRA_DIR/keycloak-dist.sh"
java_home=$(find_java_home)
dist="$CCW_CACHE/keycloak-$KEYCLOAK_VERSION"
digest=$(inputs_digest "${BASH_SOURCE[0]}" "$INFRA_DIR/keycloak-entrypoint.sh" "$INFRA_DIR/versions.env" \
  "$java_home/release" "$dist/version.txt" /bin/busybox /bin/bash)
if [ "${1:-}" != --force ] && image_current "$KEYCLOAK_IMAGE" "$digest"; then
  image_current "$KEYCLOAK_IMAGE_LATEST" "$digest" || quiet "docker tag" docker tag "$KEYCLOAK_IMAGE" "$KEYCLOAK_IMAGE_LATEST"
  exit 0
fi
lock images
# Another run may have built it while this one waited for the lock.
[ "${1:-}" != --force ] && image_current "$KEYCLOAK_IMAGE" "$digest" && exit 0
step "building the image $KEYCLOAK_IMAGE (JDK + Keycloak, warmed once: a minute or more)"

mkdir -p "$CCW_CACHE"
root=$(mktemp -d "$CCW_CACHE/.rootfs-keycloak.XXXXXX")
stage="local/ccw-keycloak-stage:$digest" warm="ccw-build-keycloak-$digest"
cleanup() {
  rm -rf "$root"
  docker rm -f "$warm" >/dev/null 2>&1 || true
  docker image rm -f "$stage" >/dev/null 2>&1 || true
}
trap cleanup EXIT

add_busybox "$root"
cp /bin/bash "$root/bin/bash"
mkdir -p "$root/opt/keycloak" "$root/usr/local/bin"
cp -a "$java_home" "$root/opt/java"
rm -rf "$root/opt/java/include" "$root/opt/java/man" "$root/opt/java/jmods" "$root/opt/java/lib/src.zip"
# Absolute links point outside the image (Temurin's cacerts -> /etc/ssl/certs/java/cacerts): copy
# their targets in; Keycloak refuses to start without a system truststore.
while IFS= read -r link; do
  target=$(readlink -f "$link") || true
  [ -f "$target" ] || die "$link points to missing ${target:-?}"
  rm "$link" && cp "$target" "$link"
done < <(find "$root/opt/java" -type l -lname '/*')
add_libs "$root" "$root/opt/java/bin/java" "$root/opt/java/lib/server/libjvm.so" "$root"/opt/java/lib/*.so /bin/bash
tar -C "$dist" --exclude=./data --exclude=./.complete -c . | tar -C "$root/opt/keycloak" -x
install -m 755 "$INFRA_DIR/keycloak-entrypoint.sh" "$root/usr/local/bin/ccw-keycloak-entrypoint"

changes=(
  --change "LABEL cc-warm.inputs=$digest"
  --change 'ENV PATH=/opt/java/bin:/opt/keycloak/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  --change 'ENV JAVA_HOME=/opt/java'
  --change "ENV JAVA_OPTS_APPEND=\"$(keycloak_java_opts "$java_home" /opt/keycloak/cds.jsa)\""
  --change 'WORKDIR /opt/keycloak'
  --change 'EXPOSE 8080 9000'
  --change 'ENTRYPOINT ["/usr/local/bin/ccw-keycloak-entrypoint"]'
  --change 'CMD ["start-dev", "--http-port=8080", "--health-enabled=true"]'
  --change 'HEALTHCHECK --interval=2s --timeout=3s --start-period=300s --retries=3 CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:9000/health/ready"]'
)
import_rootfs "$root" "$stage" "${changes[@]}"
rm -rf "$root"

# Warm-up: start once without network or admin, stop when ready, drop the data it made.
quiet "Keycloak warm-up run" timeout 600 docker run --name "$warm" --network none --entrypoint /bin/sh "$stage" -c '
  /usr/local/bin/ccw-keycloak-entrypoint start-dev --http-port=8080 --health-enabled=true & pid=$!
  until wget -q -O /dev/null http://127.0.0.1:9000/health/ready 2>/dev/null; do kill -0 $pid || exit 1; sleep 0.5; done
  kill -TERM $pid; wait $pid; rm -rf /opt/keycloak/data; test -s /opt/keycloak/cds.jsa'
out=$(mktemp)
if ! docker export "$warm" 2>"$out" | docker import "${changes[@]}" - "$KEYCLOAK_IMAGE" >>"$out" 2>&1; then
  docker image rm -f "$KEYCLOAK_IMAGE" >/dev/null 2>&1 || true
  tail -n 20 "$out" >&2; rm -f "$out"; die "importing the warmed $KEYCLOAK_IMAGE failed"
fi
rm -f "$out"
quiet "docker tag" docker tag "$KEYCLOAK_IMAGE" "$KEYCLOAK_IMAGE_LATEST"
step_done
