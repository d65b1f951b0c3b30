#!/usr/bin/env bash
# Prints the release build's sizes: raw, gzip -9 and brotli -q 11 (Node's zlib), per file and for the first view
# (what a browser downloads to show the list: index.html, boot.js, the JS glue, the wasm and the CSS).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO"
if ! ls dist/*.wasm >/dev/null 2>&1; then
  trunk build --release
fi
node - <<'NODE'
const { readFileSync, existsSync } = require('node:fs');
const zlib = require('node:zlib');
const first = ['index.html', 'boot.js', 'customer-accounts.js', 'customer-accounts_bg.wasm', 'main.css'];
const others = ['embed.js', 'customer-accounts-offline.html'];
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
for (const file of others.filter((f) => existsSync(`dist/${f}`))) row(file, ...sizes(file));
NODE
