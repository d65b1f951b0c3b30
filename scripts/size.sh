#!/usr/bin/env bash
# Prints the release build's sizes: raw, gzip -9 and brotli -q 11 (Node's zlib), per file and for the first view
# (what a browser downloads to show the list: index.html, boot.js, the JS glue, the wasm and the CSS), then the split
# modules fetched after the list has painted (scripts/split.mjs).
# With --check, it then fails when the first view passes the budget in tests/size-budget, naming the files that grew.
set -euo pipefail
CHECK=${1:-}
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO"
if ! ls dist/*.wasm >/dev/null 2>&1; then
  trunk build --release
fi
CHECK="$CHECK" node --input-type=module - <<'NODE'
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import zlib from 'node:zlib';
import { MODULE } from './scripts/split.mjs';
// __wasm_split.js (a split build): the glue imports it as it starts.
const first = ['index.html', 'boot.js', 'customer-accounts.js', '__wasm_split.js', 'customer-accounts_bg.wasm', 'main.css'];
// After the first view too: the standalone page's update.js, service worker and manifest (docs/offline.md).
const others = ['embed.js', 'update.js', 'service-worker.js', 'manifest.webmanifest', 'customer-accounts-offline.html'];
const row = (name, raw, gz, br) =>
  console.log(`${name.padEnd(36)} ${String(raw).padStart(10)} ${String(gz).padStart(10)} ${String(br).padStart(10)}`);
const sizes = (file) => {
  const data = readFileSync(`dist/${file}`);
  return [
    data.length,
    zlib.gzipSync(data, { level: 9 }).length,
    zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  ];
};
row('file', 'raw', 'gzip -9', 'brotli 11');
const total = [0, 0, 0];
for (const file of first.filter((f) => existsSync(`dist/${f}`))) {
  const s = sizes(file);
  s.forEach((v, i) => (total[i] += v));
  row(file, ...s);
}
row('first view (the files above)', ...total);
// A split build (scripts/split.mjs): the modules of the pages and actions, fetched after the list has painted.
const later = readdirSync('dist').filter((f) => MODULE.test(f)).sort();
const after = [0, 0, 0];
for (const file of later) {
  const s = sizes(file);
  s.forEach((v, i) => (after[i] += v));
  row(file, ...s);
}
if (later.length) row('after the first view (the files above)', ...after);
for (const file of others.filter((f) => existsSync(`dist/${f}`))) row(file, ...sizes(file));

if (process.env.CHECK === '--check') {
  // tests/size-budget: "budget N", then "FILE BYTES" as recorded when the budget was set.
  const lines = readFileSync('tests/size-budget', 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  const record = Object.fromEntries(lines.map((l) => l.trim().split(/\s+/)).map(([k, v]) => [k, Number(v)]));
  const budget = record.budget;
  const brotli = total[2];
  if (!Number.isFinite(budget)) {
    console.log('FAILED: tests/size-budget has no "budget N" line');
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  if (brotli > budget) {
    console.log(`FAILED: the first view is ${brotli} B brotli, over the budget of ${budget} B (tests/size-budget)`);
    for (const file of first.filter((f) => existsSync(`dist/${f}`))) {
      const now = sizes(file)[2];
      const was = record[file] ?? 0;
      if (now > was) console.log(`  ${file} grew: ${was} -> ${now} B brotli (+${now - was})`);
    }
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  console.log(`size: the first view is ${brotli} B brotli, within the budget of ${budget} B (${budget - brotli} B to spare)`);
  console.log('1 passed, 0 failed');
}
NODE
