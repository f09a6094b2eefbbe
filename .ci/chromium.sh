#!/usr/bin/env bash
# Install Debian's Chromium and ChromeDriver for the report's browser tests
# (tests/report/test_browser.py), when missing.
#
# Usage:  eval "$(bash .ci/chromium.sh)"
# Prints `export ROOTCAUSE_TEST_CHROMIUM=... ROOTCAUSE_TEST_CHROMEDRIVER=...` on stdout
# (everything else on stderr). Idempotent; needs no stdin (CI=true, root or sudo -n).
set -euo pipefail

log() { echo "chromium.sh: $*" >&2; }

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  log "installing Debian's chromium and chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo -n"; else SUDO=""; fi
  $SUDO apt-get update -qq >&2
  $SUDO apt-get install -y -qq chromium chromium-driver >&2
fi

echo "export ROOTCAUSE_TEST_CHROMIUM=$(command -v chromium) ROOTCAUSE_TEST_CHROMEDRIVER=$(command -v chromedriver)"
