#!/usr/bin/env bash
# Build local/ccw-postgres:$POSTGRES_MAJOR from Debian's PostgreSQL packages: the server and
# client binaries the recipes use, the libraries `ldd` lists for them, the server's share/ and
# extension modules (without the LLVM JIT), time zone data and busybox, imported with
# `docker import`. Runs as the user postgres (uid 999); the data directory ships empty and owned
# by it, so a fresh named volume mounted there inherits that ownership.
# About 85 MB; builds in 3-5 s on the 2-core test machines (the packages are installed first
# when missing; Debian's package also sets up its own default cluster, which the image ignores).
#   image-postgres.sh [--force]
# Skipped when the image exists and was built from the same inputs (label cc-warm.inputs).
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

pg=/usr/lib/postgresql/$POSTGRES_MAJOR
# The binaries a recipe needs: the server, initdb, the health probe, the client and dumps.
bins=(postgres initdb pg_ctl pg_isready psql pg_dump pg_dumpall pg_restore)
[ -x "$pg/bin/postgres" ] && [ -x "$pg/bin/psql" ] || apt_install "postgresql-$POSTGRES_MAJOR" "postgresql-client-$POSTGRES_MAJOR"
[ -x /bin/busybox ] || apt_install busybox-static
pkg_version=$(dpkg-query -W -f '${Version}' "postgresql-$POSTGRES_MAJOR")
digest=$( { echo "$pkg_version"; cat "${BASH_SOURCE[0]}" "$INFRA_DIR/postgres-entrypoint.sh" "$INFRA_DIR/versions.env" /bin/busybox; \
  declare -f add_busybox add_libs import_rootfs; } | sha256sum | cut -c1-16)
[ "${1:-}" != --force ] && image_current "$POSTGRES_IMAGE" "$digest" && exit 0
lock images
# Another run may have built it while this one waited for the lock.
[ "${1:-}" != --force ] && image_current "$POSTGRES_IMAGE" "$digest" && exit 0
step "building the image $POSTGRES_IMAGE (postgresql-$POSTGRES_MAJOR $pkg_version)"

mkdir -p "$CCW_CACHE"
root=$(mktemp -d "$CCW_CACHE/.rootfs-postgres.XXXXXX")
trap 'rm -rf "$root"' EXIT
add_busybox "$root"
printf 'postgres:x:999:999:PostgreSQL:/var/lib/postgresql:/bin/sh\n' >>"$root/etc/passwd"
printf 'postgres:x:999:\n' >>"$root/etc/group"
mkdir -p "$root$pg/bin" "$root$pg/lib" "$root/usr/share/postgresql" "$root/usr/local/bin"
for b in "${bins[@]}"; do cp "$pg/bin/$b" "$root$pg/bin/"; ln -s "$pg/bin/$b" "$root/usr/bin/$b"; done
# Extension modules (plpgsql, text search dictionaries, encoding conversions: initdb loads them);
# not llvmjit.so and its bitcode, which would pull in libLLVM (~100 MB) for an optional JIT.
find "$pg/lib" -maxdepth 1 -name '*.so' ! -name 'llvmjit*' -exec cp {} "$root$pg/lib/" \;
cp -a "/usr/share/postgresql/$POSTGRES_MAJOR" "$root/usr/share/postgresql/"
rm -rf "$root/usr/share/postgresql/$POSTGRES_MAJOR/man"
# Built --with-system-tzdata: the server reads zone files from /usr/share/zoneinfo.
mkdir -p "$root/usr/share"
cp -a /usr/share/zoneinfo "$root/usr/share/"
add_libs "$root" "$root$pg"/bin/* "$root$pg"/lib/*.so
install -m 755 "$INFRA_DIR/postgres-entrypoint.sh" "$root/usr/local/bin/ccw-postgres-entrypoint"
# The data directory and the socket directory belong to postgres; 0700 as postgres demands.
mkdir -p "$root/var/lib/postgresql/data" "$root/run/postgresql"
# Debian's server and clients look for the socket in /var/run/postgresql.
mkdir -p "$root/var" && ln -s /run "$root/var/run"
chown -R 999:999 "$root/var/lib/postgresql" "$root/run/postgresql"
chmod 700 "$root/var/lib/postgresql/data"
chmod 2775 "$root/run/postgresql"

import_rootfs "$root" "$POSTGRES_IMAGE" \
  --change "LABEL cc-warm.inputs=$digest" \
  --change "LABEL cc-warm.postgres-version=$pkg_version" \
  --change "ENV PATH=$pg/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --change 'ENV PGDATA=/var/lib/postgresql/data' \
  --change 'ENV TZ=UTC' \
  --change 'USER 999:999' \
  --change 'EXPOSE 5432' \
  --change 'ENTRYPOINT ["/usr/local/bin/ccw-postgres-entrypoint"]' \
  --change 'HEALTHCHECK --interval=1s --timeout=3s --start-period=60s --retries=3 CMD pg_isready -q -U "${POSTGRES_USER:-postgres}" -d "${POSTGRES_DB:-postgres}"'
step_done
