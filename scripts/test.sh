#!/usr/bin/env bash
# Runs every test layer: native cargo test, browser tests (wasm-bindgen-test in headless Chromium), and end-to-end
# tests of the release build. Goes on after a failing layer, and fails when any layer failed.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$REPO/scripts/setup.sh" || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
cd "$REPO"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
failures=()
layer() {
  local name=$1
  shift
  printf '\n=== %s ===\n' "$name"
  "$@" 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || failures+=("$name")
}

e2e() {
  trunk build --release && bash scripts/size.sh && (cd tests/e2e && node --test --test-concurrency=1)
}

layer "native: cargo test" cargo test
layer "browser: cargo test --target wasm32-unknown-unknown" cargo test --target wasm32-unknown-unknown
layer "end-to-end: node --test tests/e2e" e2e

# Tests counted from each runner's own closing lines: cargo's "test result: … N passed; M failed" and node's
# "# pass N" / "# fail N".
read -r passed failed < <(awk '
  /^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed;/) p += $i; if ($(i+1) ~ /^failed;/) f += $i } }
  /^(ℹ|#) pass [0-9]+$/ { p += $NF }
  /^(ℹ|#) fail [0-9]+$/ { f += $NF }
  END { print p + 0, f + 0 }' "$log")
printf '\n=== summary ===\n'
for name in "${failures[@]}"; do
  echo "layer failed: $name"
done
if [ "${#failures[@]}" -gt 0 ] && [ "$failed" -eq 0 ]; then
  failed=${#failures[@]} # a layer that failed before its runner counted anything still counts
fi
echo "$passed passed, $failed failed"
[ "${#failures[@]}" -eq 0 ]
