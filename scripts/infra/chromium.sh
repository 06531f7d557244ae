#!/usr/bin/env bash
# Make sure Debian's headless-capable Chromium is installed (for the report page's browser test).
# Idempotent: a machine that has /usr/bin/chromium only checks it runs. Prints the binary's path.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CHROMIUM=${CCW_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
  lock chromium
  if [ ! -x "$CHROMIUM" ]; then
    # fonts-dejavu-core: text in screenshots renders with a real font, not boxes.
    apt_install chromium fonts-dejavu-core
  fi
fi
"$CHROMIUM" --version >/dev/null 2>&1 || die "$CHROMIUM does not run"
echo "$CHROMIUM"
