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

layer native "native: cargo test" cargo test
layer browser "browser: cargo test --target wasm32-unknown-unknown" cargo test --target wasm32-unknown-unknown
layer e2e "end-to-end: node --test tests/e2e" e2e
layer size "size: the first view against tests/size-budget" bash scripts/size.sh --check

# Counts from each runner's own lines: cargo's "test result: … N passed; M failed; K ignored" (the wasm runner
# prints the same), node's TAP "# pass N", "# fail N", "# skipped N", "# todo N". A skipped test has a written
# reason when cargo prints "ignored, REASON" (#[ignore = "REASON"]) or TAP prints "# SKIP REASON" / "# TODO REASON".
count() {
  awk '
    /^test result:/ {
      for (i = 1; i <= NF; i++) {
        if ($(i+1) ~ /^passed;/) p += $i
        if ($(i+1) ~ /^failed;/) f += $i
        if ($(i+1) ~ /^ignored;/) s += $i
      }
    }
    /^[0-9]+ passed, [0-9]+ failed$/ { p += $1; f += $3 }
    /^# pass [0-9]+$/ { p += $NF }
    /^# fail [0-9]+$/ { f += $NF }
    /^# (skipped|todo) [0-9]+$/ { s += $NF }
    /^test .* \.\.\. ignored, ./ { r++ }
    /^ *ok [0-9]+ .*# (SKIP|TODO) +[^ ]/ { r++ }
    END { print p + 0, f + 0, s + 0, r + 0 }' "$1"
}

minimum() {
  awk -v id="$1" '$1 == id { print $2; found = 1 } END { if (!found) print 1 }' tests/minimums
}

printf '\n=== summary ===\n'
total_passed=0
total_failed=0
for id in "${names[@]}"; do
  read -r passed failed skipped reasoned < <(count "$logs/$id")
  min=$(minimum "$id")
  printf '%-8s %4d passed, %d failed, %d skipped (minimum %d)\n' "$id:" "$passed" "$failed" "$skipped" "$min"
  [ "$passed" -ge "$min" ] || problems+=("$id: ran $passed tests, fewer than the minimum of $min in tests/minimums")
  [ "$skipped" -le "$reasoned" ] || problems+=("$id: $((skipped - reasoned)) skipped without a written reason")
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
done
for problem in "${problems[@]}"; do
  echo "FAILED $problem"
done
if [ "${#problems[@]}" -gt 0 ] && [ "$total_failed" -eq 0 ]; then
  total_failed=${#problems[@]} # a layer that failed before its runner counted anything still counts
fi
echo "$total_passed passed, $total_failed failed"
[ "${#problems[@]}" -eq 0 ]
