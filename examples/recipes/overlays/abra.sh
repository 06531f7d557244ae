# Versions of configs: bump one when its file changes (Swarm configs are immutable).
export ENTRYPOINT_VERSION=v1
export APP_CONF_VERSION=v1
