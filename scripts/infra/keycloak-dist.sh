#!/usr/bin/env bash
# Fetch the Keycloak server distribution from Maven Central (or ~/.m2) and unpack it into
# $CCW_CACHE/keycloak-$KEYCLOAK_VERSION. Idempotent: does nothing when already unpacked.
# Says what it fetches and unpacks (stderr); the unpacked path is $CCW_CACHE/keycloak-$KEYCLOAK_VERSION.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

dest="$CCW_CACHE/keycloak-$KEYCLOAK_VERSION"
[ -f "$dest/.complete" ] && exit 0
lock keycloak-dist
[ -f "$dest/.complete" ] && exit 0

m2="${MAVEN_REPO:-$HOME/.m2/repository}"
group=${KEYCLOAK_DIST_ARTIFACT%%:*} artifact=${KEYCLOAK_DIST_ARTIFACT##*:}
zip="$m2/${group//.//}/$artifact/$KEYCLOAK_VERSION/$artifact-$KEYCLOAK_VERSION.zip"
if [ ! -f "$zip" ]; then
  need_cmd mvn maven
  step "downloading the Keycloak $KEYCLOAK_VERSION distribution (mvn, ~200 MB)"
  quiet "mvn dependency:get" timeout 600 mvn -q -B "-Dmaven.repo.local=$m2" dependency:get \
    "-Dartifact=$KEYCLOAK_DIST_ARTIFACT:$KEYCLOAK_VERSION:zip" -Dtransitive=false
  [ -f "$zip" ] || die "mvn did not leave $zip"
  step_done
fi

need_cmd unzip unzip
mkdir -p "$CCW_CACHE"
# Unpack beside the destination, then rename: a half-unpacked tree is never taken for complete.
tmp=$(mktemp -d "$CCW_CACHE/.keycloak-unpack.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
step "unpacking Keycloak $KEYCLOAK_VERSION into $dest"
quiet "unzip $zip" unzip -q "$zip" -d "$tmp"
[ -x "$tmp/keycloak-$KEYCLOAK_VERSION/bin/kc.sh" ] || die "unexpected layout in $zip"
touch "$tmp/keycloak-$KEYCLOAK_VERSION/.complete"
rm -rf "$dest"
mv "$tmp/keycloak-$KEYCLOAK_VERSION" "$dest"
step_done
