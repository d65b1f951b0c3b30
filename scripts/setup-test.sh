#!/usr/bin/env bash
# The test part of scripts/setup.sh: installs whatever is missing to run the tests beyond building (Debian's Chromium
# and ChromeDriver, the CJK fonts). Quick when everything is there; safe to run again.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

step() { printf '[setup] %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v chromium >/dev/null || ! [ -x /usr/bin/chromedriver ]; then
  step "installing Chromium and ChromeDriver from Debian"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver
fi

if ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
  # Chinese text in the screenshots and layout checks renders in a real CJK font, not as boxes.
  step "installing fonts-noto-cjk from Debian (a 57 MB download)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-noto-cjk
fi

step "test tools ready: $(chromium --version 2>/dev/null | head -n 1)"
