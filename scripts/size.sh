#!/usr/bin/env bash
# Prints the release build's sizes: raw and gzip -9, per file and in all.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO"
if ! ls dist/*.wasm >/dev/null 2>&1; then
  trunk build --release
fi
printf '%-48s %10s %10s\n' "file" "raw" "gzip -9"
total_raw=0
total_gz=0
for f in dist/*.wasm dist/*.js dist/*.css dist/index.html; do
  [ -f "$f" ] || continue
  raw=$(wc -c <"$f")
  gz=$(gzip -9c "$f" | wc -c)
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
  printf '%-48s %10d %10d\n' "$f" "$raw" "$gz"
done
printf '%-48s %10d %10d\n' "total" "$total_raw" "$total_gz"
