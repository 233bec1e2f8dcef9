#!/usr/bin/env bash
# The browser tests drive Debian's Chromium; install it when missing (root only, as on CI).
set -euo pipefail
command -v chromium >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ]; then
  echo "installing Debian's chromium for the browser tests…" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "could not install chromium: browser tests will be skipped" >&2
else
  echo "chromium is not installed (sudo apt-get install chromium): browser tests will be skipped" >&2
fi
