#!/usr/bin/env bash
# Builds the release and serves it on http://127.0.0.1:8080/ (Trunk.toml), rebuilding on changes.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
# Only what building and serving need: no browser, driver or fonts (those are for scripts/test.sh).
bash "$REPO/scripts/setup.sh" --build-only
cd "$REPO"
exec trunk serve --release
