#!/usr/bin/env bash
# The build part of scripts/setup.sh: installs whatever is missing to build and serve the release (the wasm target,
# Trunk, wasm-bindgen-cli, wasm-split-cli, and tests/e2e's npm packages for wasm-opt and terser), then checks that the
# versions agree. No browser, driver or font. Quick when everything is there; safe to run again.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
source "$REPO/scripts/versions.sh"
cd "$REPO"

# The CLI must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

step() { printf '[setup] %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  step "installing trunk $TRUNK_VERSION (about 7 minutes)"
  # --locked: Trunk's own lock file; 0.22 needs a newer rustc than this machine's.
  CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install --locked "trunk@$TRUNK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes)"
  # Not --locked: its lock file asks for a crate version the registry no longer has.
  cargo install --force "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
fi

# Splits the release build into modules (scripts/split.mjs).
# (grep without -q: an early exit would end `cargo install --list` with SIGPIPE, which pipefail counts as failure.)
if ! command -v wasm-split-cli >/dev/null ||
  ! cargo install --list | grep -x "wasm_split_cli_support v$WASM_SPLIT_VERSION:" >/dev/null; then
  step "installing wasm-split-cli $WASM_SPLIT_VERSION (about 3 minutes)"
  cargo install --locked --force wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
fi

E2E="$REPO/tests/e2e"
if [ ! -d "$E2E/node_modules" ] || [ "$E2E/package-lock.json" -nt "$E2E/node_modules/.package-lock.json" ]; then
  # One npm ci for the build tools (binaryen, terser) and the test libraries (playwright-core, axe-core): a few
  # seconds, and no browser is downloaded (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD, scripts/env.sh).
  step "installing the npm packages in tests/e2e (binaryen, terser, playwright-core, axe-core)"
  (cd "$E2E" && npm ci --no-audit --no-fund --loglevel=error)
fi

# Last, everything installed and locked must agree (one sentence naming the mismatch otherwise).
bash "$REPO/scripts/check-versions.sh"

step "build tools ready: $(trunk --version), $(wasm-bindgen --version), wasm-split-cli $WASM_SPLIT_VERSION, $(wasm-opt --version | head -n 1)"
