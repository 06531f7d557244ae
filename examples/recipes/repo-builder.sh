# Sourced (not run) by the recipes' make-repo.sh scripts: the part every builder of a test
# recipe repository shares. Usage:
#   source ".../repo-builder.sh"
#   repo_begin <dest> <ref>...   # exits 0 if <dest> already has every ref (idempotent), fails if
#                                # it exists without them, else makes an empty work dir $tmp
#   g <git args>                 # git in $tmp as cc-warm, unsigned
#   repo_finish                  # move $tmp into place as <dest> (all or nothing)

repo_begin() {
  repo_dest="${1:?repo_begin: <dest> missing}"
  shift
  if [ -d "$repo_dest/.git" ]; then
    local r
    for r in "$@"; do
      git -C "$repo_dest" rev-parse -q --verify "$r" >/dev/null || { echo "make-repo.sh: $repo_dest exists but lacks $r" >&2; exit 1; }
    done
    exit 0
  fi
  mkdir -p "$(dirname "$repo_dest")"
  # Built beside the destination and renamed into place: a killed build never leaves half a repo.
  tmp="$(mktemp -d "$(dirname "$repo_dest")/.make-repo-XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  chmod 755 "$tmp"
}

g() { git -C "$tmp" -c user.name=cc-warm -c user.email=cc-warm@localhost -c commit.gpgsign=false "$@"; }

repo_finish() {
  mv "$tmp" "$repo_dest"
  trap - EXIT
}
