# Sourced by scripts/test.sh (and by its self-test, tests/e2e/testsh.test.mjs): reading the runners' logs into the
# summary.

# count LOG: prints "PASSED FAILED SKIPPED REASONED" from each runner's own closing lines, and only those:
# - cargo's (and the wasm runner's) "test result: ok. N passed; M failed; K ignored; …", alone on its line;
# - node's TAP summary: the block "# tests N", "# suites N", "# pass N", "# fail N", "# cancelled N", "# skipped N",
#   "# todo N", lines in that order (a cancelled test counts as failed); node prints one, at the end of its run, so
#   only the last whole block counts. A lone "# pass N" elsewhere is what a test printed (node's TAP turns a test's
#   output into "# …" lines), and is not counted;
# - the closing line "N passed, M failed" of a script that prints one (scripts/size.sh), alone on its line.
# What cargo shows of a failing test's own output (from "---- NAME stdout ----" to the list after "failures:") is
# the test's text, not a runner's: nothing in it counts.
# A skipped test has a written reason when cargo prints "ignored, REASON" (#[ignore = "REASON"]) or TAP prints
# "# SKIP REASON" / "# TODO REASON" (on "ok" or "not ok" lines: a failing todo is reported as "not ok … # TODO").
count() {
  awk '
    /^---- .+ (stdout|stderr|output) ----$/ { captured = 1; next }
    captured && /^failures:$/ { captured = 0 }
    captured { next }
    /^test result: (ok|FAILED)\. [0-9]+ passed; [0-9]+ failed; [0-9]+ ignored;/ { p += $4; f += $6; s += $8 }
    /^[0-9]+ passed, [0-9]+ failed$/ { p += $1; f += $3 }
    # The TAP summary: "# tests" opens it, then each line must follow in order; any other line ends it.
    /^# tests [0-9]+$/ { block = 1; next }
    block == 1 && /^# suites [0-9]+$/ { block = 2; next }
    block == 2 && /^# pass [0-9]+$/ { bp = $3; block = 3; next }
    block == 3 && /^# fail [0-9]+$/ { bf = $3; block = 4; next }
    block == 4 && /^# cancelled [0-9]+$/ { bc = $3; block = 5; next }
    block == 5 && /^# skipped [0-9]+$/ { bs = $3; block = 6; next }
    block == 6 && /^# todo [0-9]+$/ { tap = 1; tp = bp; tf = bf + bc; ts = bs + $3; block = 0; next }
    { block = 0 }
    /^test .* \.\.\. ignored, ./ { r++ }
    /^ *(not )?ok [0-9]+ .*# (SKIP|TODO) +[^ ]/ { r++ }
    END {
      if (tap) { p += tp; f += tf; s += ts }
      print p + 0, f + 0, s + 0, r + 0
    }' "$1"
}

# minimum ID [FILE]: the fewest tests layer ID must run, from FILE (tests/minimums): a line "ID N" ("#" starts a
# comment line). 1 when ID has no line; "invalid" when a line for ID has no whole number, or when ID has two lines, so the run fails instead of
# guessing.
minimum() {
  awk -v id="$1" '
    /^#/ { next }
    $1 == id { n++; value = $2; if ($2 !~ /^[0-9]+$/ || NF != 2) bad = 1 }
    END { if (bad || n > 1) print "invalid"; else if (n) print value; else print 1 }' "${2:-tests/minimums}"
}

# summarize ID LOG [MINIMUMS]: prints layer ID's line of the summary from its LOG, adds what is wrong to the array
# `problems` (fewer tests than its minimum, a skipped test without a written reason, a bad minimum), and adds its
# counts to `total_passed` and `total_failed`.
summarize() {
  local id=$1 passed failed skipped reasoned min
  read -r passed failed skipped reasoned < <(count "$2")
  min=$(minimum "$id" "${3:-tests/minimums}")
  if [[ $min =~ ^[0-9]+$ ]]; then
    printf '%-8s %4d passed, %d failed, %d skipped (minimum %d)\n' "$id:" "$passed" "$failed" "$skipped" "$min"
    [ "$passed" -ge "$min" ] || problems+=("$id: ran $passed tests, fewer than the minimum of $min in tests/minimums")
  else
    printf '%-8s %4d passed, %d failed, %d skipped (minimum %s)\n' "$id:" "$passed" "$failed" "$skipped" "$min"
    problems+=("$id: tests/minimums must have one line \"$id N\" with a whole number N")
  fi
  [ "$skipped" -le "$reasoned" ] || problems+=("$id: $((skipped - reasoned)) skipped without a written reason")
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
}
