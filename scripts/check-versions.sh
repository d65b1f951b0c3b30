#!/usr/bin/env bash
# Fails, with one sentence naming the mismatch, when the versions the build relies on disagree:
#   - wasm-bindgen: the crate in Cargo.lock, the `=` pin in Cargo.toml, `[tools] wasm_bindgen` in Trunk.toml and the
#     CLI on PATH (`wasm-bindgen --version`; wasm-bindgen-test-runner comes with it) are one version;
#   - wasm-split: the wasm_split_helpers and wasm_split_macros crates in Cargo.lock are the versions scripts/versions.sh
#     pairs with wasm-split-cli, and the wasm-split-cli installed is WASM_SPLIT_VERSION;
#   - Trunk: `trunk --version` is TRUNK_VERSION.
# Run at the end of scripts/setup-build.sh (the build part of scripts/setup.sh), so before every build and test; takes
# well under a second (no build, no network).
# CHECK_VERSIONS_DIR: read Cargo.toml, Cargo.lock and Trunk.toml from that folder instead (to try edited copies).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
source "$REPO/scripts/versions.sh"
DIR=${CHECK_VERSIONS_DIR:-$REPO}

mismatch() {
  printf 'check-versions: %s\n' "$1" >&2
  exit 1
}

# The versions of crate $1 in Cargo.lock, one per line (more than one when two semver-incompatible ones are linked).
locked() {
  awk -v want="$1" '
    /^\[\[package\]\]/ { name = "" }
    /^name = / { name = $3; gsub(/"/, "", name) }
    /^version = / && name == want { v = $3; gsub(/"/, "", v); print v }
  ' "$DIR/Cargo.lock" | sort -u
}

# The single version of crate $1 in Cargo.lock.
locked_one() {
  local versions
  versions=$(locked "$1")
  [ -n "$versions" ] || mismatch "Cargo.lock has no $1 crate, which the build expects."
  [ "$(wc -l <<<"$versions")" -eq 1 ] ||
    mismatch "Cargo.lock has more than one $1 crate ($(paste -sd, <<<"$versions" | sed 's/,/, /g')), where the build expects exactly one."
  printf '%s' "$versions"
}

# --- wasm-bindgen: Cargo.lock = Cargo.toml's pin = Trunk.toml = the CLI.
bindgen=$(locked_one wasm-bindgen)
pin=$(sed -n 's/^wasm-bindgen = "=\([^"]*\)".*/\1/p' "$DIR/Cargo.toml")
[ -n "$pin" ] ||
  mismatch "Cargo.toml does not pin wasm-bindgen with \`wasm-bindgen = \"=X.Y.Z\"\` (Cargo.lock has $bindgen), so the CLI could drift from the crate."
[ "$pin" = "$bindgen" ] ||
  mismatch "Cargo.toml pins wasm-bindgen =$pin but Cargo.lock has the wasm-bindgen crate at $bindgen."
trunk_bindgen=$(awk '
  /^\[/ { tools = ($0 == "[tools]") }
  tools && /^wasm_bindgen *=/ { v = $0; sub(/^[^"]*"/, "", v); sub(/".*/, "", v); print v }
' "$DIR/Trunk.toml")
[ "$trunk_bindgen" = "$bindgen" ] ||
  mismatch "Trunk.toml's [tools] wasm_bindgen is \"$trunk_bindgen\" but Cargo.lock has the wasm-bindgen crate at $bindgen."
cli=$(command -v wasm-bindgen) ||
  mismatch "there is no wasm-bindgen CLI on PATH, where Cargo.lock needs wasm-bindgen $bindgen (bash scripts/setup.sh installs it)."
cli_version=$(wasm-bindgen --version 2>/dev/null | sed -n 's/^wasm-bindgen \([^ ]*\).*/\1/p') || true
[ "$cli_version" = "$bindgen" ] ||
  mismatch "the wasm-bindgen CLI $cli is ${cli_version:-of no readable version} (wasm-bindgen --version) but Cargo.lock has the wasm-bindgen crate at $bindgen."

# --- wasm-split: the crates leptos pulls in = the versions paired with wasm-split-cli; the CLI installed = the pin.
for pair in "wasm_split_helpers $WASM_SPLIT_HELPERS_VERSION" "wasm_split_macros $WASM_SPLIT_MACROS_VERSION"; do
  read -r crate paired <<<"$pair"
  have=$(locked_one "$crate")
  [ "$have" = "$paired" ] ||
    mismatch "Cargo.lock has $crate $have but wasm-split-cli $WASM_SPLIT_VERSION is known to pair with $crate $paired (scripts/versions.sh)."
done
command -v wasm-split-cli >/dev/null ||
  mismatch "there is no wasm-split-cli on PATH, where scripts/versions.sh pins wasm_split_cli_support $WASM_SPLIT_VERSION (bash scripts/setup.sh installs it)."
split_installed=$(cargo install --list | awk '/^wasm_split_cli_support v/ { v = $2; sub(/^v/, "", v); sub(/:$/, "", v); print v }')
[ "$split_installed" = "$WASM_SPLIT_VERSION" ] ||
  mismatch "the installed wasm-split-cli is wasm_split_cli_support ${split_installed:-(none, per cargo install --list)} but scripts/versions.sh pins $WASM_SPLIT_VERSION."

# --- Trunk.
trunk_version=$(trunk --version 2>/dev/null | sed -n 's/^trunk \([^ ]*\).*/\1/p') || true
[ "$trunk_version" = "$TRUNK_VERSION" ] ||
  mismatch "trunk --version says ${trunk_version:-nothing (no trunk on PATH?)} but scripts/versions.sh pins TRUNK_VERSION=$TRUNK_VERSION."

printf 'check-versions: wasm-bindgen %s (Cargo.lock, Cargo.toml, Trunk.toml, CLI), wasm_split_helpers %s and wasm_split_macros %s with wasm-split-cli %s, trunk %s\n' \
  "$bindgen" "$WASM_SPLIT_HELPERS_VERSION" "$WASM_SPLIT_MACROS_VERSION" "$WASM_SPLIT_VERSION" "$TRUNK_VERSION"
