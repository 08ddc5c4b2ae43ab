#!/usr/bin/env bash
# The browser for the console's end-to-end tests: Debian's Chromium (Playwright cannot download its own here).
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  echo "› installing Debian's chromium"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
