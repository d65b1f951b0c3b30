#!/usr/bin/env bash
# Installs whatever is missing to build and test the app; quick when everything is there. Safe to run again.
#   bash scripts/setup.sh               everything: the build part, then the test part (scripts/test.sh runs this)
#   bash scripts/setup.sh --build-only  only what building and serving need (scripts/serve.sh runs this)
# The build part (scripts/setup-build.sh) ends by checking that the pinned versions agree (scripts/check-versions.sh);
# the test part (scripts/setup-test.sh) adds Chromium, ChromeDriver and the CJK fonts.
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"

build_only=false
for arg in "$@"; do
  case "$arg" in
    --build-only) build_only=true ;;
    *)
      printf 'setup.sh: unknown option %s (usage: bash scripts/setup.sh [--build-only])\n' "$arg" >&2
      exit 2
      ;;
  esac
done

bash "$here/setup-build.sh"
if [ "$build_only" = false ]; then
  bash "$here/setup-test.sh"
fi
