# Versions of configs: bump one when its file changes (Swarm configs are immutable).
export LEDGER_ENTRYPOINT_VERSION=v2
