#!/usr/bin/env bash
# The browser end-to-end tests drive Debian's chromium with playwright-core (no browser download).
# Installs it on Debian/Ubuntu when we are root and it is missing; otherwise says what to do.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "Installing Chromium for the browser tests (chromium)…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
  exit 0
fi
echo "Carepool's browser tests need Chromium at /usr/bin/chromium." >&2
echo "Install it, e.g.: sudo apt-get install chromium" >&2
exit 1
