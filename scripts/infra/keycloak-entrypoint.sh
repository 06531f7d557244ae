#!/bin/sh
# Entrypoint of local/ccw-keycloak: kc.sh with the bootstrap admin password taken from a file
# (a docker secret) when it is not in the environment, so it never sits in the service spec.
# Order: $KC_BOOTSTRAP_ADMIN_PASSWORD, then $KC_BOOTSTRAP_ADMIN_PASSWORD_FILE, then
# /run/secrets/admin_password (the Co-op Cloud keycloak recipe's secret name).
file=${KC_BOOTSTRAP_ADMIN_PASSWORD_FILE:-/run/secrets/admin_password}
unset KC_BOOTSTRAP_ADMIN_PASSWORD_FILE
if [ -z "${KC_BOOTSTRAP_ADMIN_PASSWORD:-}" ] && [ -r "$file" ]; then
  KC_BOOTSTRAP_ADMIN_PASSWORD=$(cat "$file") || exit 1
  export KC_BOOTSTRAP_ADMIN_PASSWORD
fi
# Keycloak refuses a bootstrap username without a password: default it only alongside one.
if [ -n "${KC_BOOTSTRAP_ADMIN_PASSWORD:-}" ]; then
  export KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
fi
# kc.sh forwards SIGTERM to java, so as PID 1 it stops promptly.
exec /opt/keycloak/bin/kc.sh "$@"
