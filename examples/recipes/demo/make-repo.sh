#!/usr/bin/env bash
# Make <dest> a git repository of the demo recipe with tags v1, v2 and broken (each a commit
# that changes APP_VERSION in compose.yml); see ../make-release-repo.sh.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec bash "$here/../make-release-repo.sh" "$here" "${1:?usage: make-repo.sh <dest>}" 's/^\(      - APP_VERSION=\).*/\1@V@/'
