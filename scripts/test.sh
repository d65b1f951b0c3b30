#!/usr/bin/env bash
# Runs every test layer: native cargo test, browser tests (wasm-bindgen-test in headless Chromium), and end-to-end
# tests of the release build. Goes on after a failing layer, and fails when any layer failed, ran fewer tests than
# its minimum in tests/minimums, or skipped a test without a written reason.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$REPO/scripts/setup.sh" || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
cd "$REPO"

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
problems=()
names=()

# layer ID TITLE COMMAND…: runs the command, keeps its output in $logs/ID.
layer() {
  local id=$1 title=$2
  shift 2
  names+=("$id")
  printf '\n=== %s ===\n' "$title"
  "$@" 2>&1 | tee "$logs/$id"
  [ "${PIPESTATUS[0]}" -eq 0 ] || problems+=("$id: the runner failed")
}

e2e() {
  trunk build --release && bash scripts/size.sh && (cd tests/e2e && node --test --test-reporter=tap --test-concurrency=1)
}

# The property tests run the cases they declare (#![proptest_config(ProptestConfig::with_cases(N))]) or proptest's
# default of 256, whatever the environment says. proptest reads PROPTEST_* variables over every config, explicit
# ones included (contextualize_config), so PROPTEST_CASES=1 would run one case each; PROPTEST_MAX_DEFAULT_SIZE_RANGE
# shrinks what they generate, PROPTEST_DISABLE_FAILURE_PERSISTENCE skips the cases kept in proptest-regressions/, a
# fixed PROPTEST_RNG_SEED replays the same cases every run. None of that may lower a full run, so every PROPTEST_*
# goes except the ones that only change how a failure is shrunk or reported.
for var in $(compgen -e | grep '^PROPTEST_' || true); do
  case "$var" in
    PROPTEST_MAX_SHRINK_ITERS | PROPTEST_MAX_SHRINK_TIME | PROPTEST_VERBOSE) ;;
    *)
      echo "[test] ignoring $var=${!var}: the property tests run the cases they declare"
      unset "$var"
      ;;
  esac
done

layer native "native: cargo test" cargo test
layer browser "browser: cargo test --target wasm32-unknown-unknown" cargo test --target wasm32-unknown-unknown
layer e2e "end-to-end: node --test tests/e2e" e2e
# The Partner Center contract double and the example proxy, on their own (node built-ins only).
layer contract "Partner Center double and proxy: node --test" \
  node --test --test-reporter=tap --test-concurrency=1 tests/partner-center/ examples/partner-center-proxy/
layer size "size: the first view against tests/size-budget" bash scripts/size.sh --check

# count, minimum and summarize: scripts/count.sh (tested by tests/e2e/testsh.test.mjs).
source "$REPO/scripts/count.sh"

printf '\n=== summary ===\n'
total_passed=0
total_failed=0
for id in "${names[@]}"; do
  summarize "$id" "$logs/$id"
done
for problem in "${problems[@]}"; do
  echo "FAILED $problem"
done
if [ "${#problems[@]}" -gt 0 ] && [ "$total_failed" -eq 0 ]; then
  total_failed=${#problems[@]} # a layer that failed before its runner counted anything still counts
fi
echo "$total_passed passed, $total_failed failed"
[ "${#problems[@]}" -eq 0 ]
