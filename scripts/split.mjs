// Splits the release build into modules (issue 11): the first download holds what the list needs; the pages in
// src/views/pages.rs and the list's actions in src/views/actions.rs come in modules of their own, fetched the first
// time they are used (or when the browser is idle after the list has painted).
//
// Run from scripts/postbuild.mjs when the build has split points (Cargo feature `split`, which index.html asks Trunk
// for). Trunk's own wasm-bindgen output cannot be split: wasm-split-cli needs the linker's relocations, so it reads
// cargo's output (built with `-C link-args=--emit-relocs`, .cargo/config.toml) and the steps after it are done here,
// as cargo-leptos does them for `--split`:
//   cargo's wasm → wasm-split-cli → the main module, the split modules and their loader (__wasm_split.js)
//   main module  → wasm-bindgen --keep-lld-exports → wasm-opt -Oz → customer-accounts_bg.wasm + customer-accounts.js
//   split modules → wasm-opt -Oz
// Everything is made in a temporary folder and only then copied over Trunk's pair, so a failure leaves no mix.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const NAME = 'customer-accounts';
/** The import module the split points name until wasm-split-cli replaces it (wasm_split_macros). */
export const PLACEHOLDER = '__wasm_split_placeholder__';
/** The loader the main module imports the split modules through. */
export const LINK = '__wasm_split.js';

function fail(message) {
  throw new Error(`split: ${message}`);
}

function tool(name) {
  const npm = join(ROOT, 'tests', 'e2e', 'node_modules', '.bin', name);
  return existsSync(npm) ? npm : name;
}

function run(command, args) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    fail(`${command} ${args.join(' ')} failed:\n${error.stderr || error.message}`);
  }
}

/** cargo's output for the app's binary, as Trunk built it. */
function cargoWasm(profile) {
  const metadata = JSON.parse(run('cargo', ['metadata', '--format-version', '1', '--no-deps', '--offline']));
  const folder = profile === 'debug' ? 'debug' : 'release';
  const path = join(metadata.target_directory, 'wasm32-unknown-unknown', folder, `${NAME}.wasm`);
  if (!existsSync(path)) fail(`no ${path}`);
  return path;
}

/** Whether the build in `dir` has split points (its glue still imports the placeholder module). */
export async function hasSplitPoints(dir) {
  return (await readFile(join(dir, `${NAME}.js`), 'utf8')).includes(PLACEHOLDER);
}

/** Replaces the build in `dir` by its split form; returns the files written. */
export async function split(dir, profile = process.env.TRUNK_PROFILE) {
  const input = cargoWasm(profile);
  const work = await mkdtemp(join(tmpdir(), 'ca-split-'));
  try {
    const parts = join(work, 'parts');
    run('wasm-split-cli', [input, parts, '--out-name', NAME, '--target', 'web']);
    const bound = join(work, 'bound');
    run(tool('wasm-bindgen'), [
      '--target=web', '--no-typescript', '--keep-lld-exports', '--no-demangle',
      `--out-name=${NAME}`, `--out-dir=${bound}`, join(parts, `${NAME}.wasm`),
    ]);
    // The same optimisation as Trunk's data-wasm-opt="z", for each module on its own.
    const opt = (file, out) =>
      run(tool('wasm-opt'), ['-Oz', '--strip-debug', '--strip-producers', '--enable-bulk-memory',
        '--enable-nontrapping-float-to-int', file, '-o', out]);
    opt(join(bound, `${NAME}_bg.wasm`), join(bound, `${NAME}_bg.wasm`));
    const modules = (await readdir(parts)).filter((f) => f.endsWith('.wasm') && f !== `${NAME}.wasm`);
    if (!modules.length) fail('wasm-split-cli made no split modules');
    const glue = await readFile(join(bound, `${NAME}.js`), 'utf8');
    if (glue.includes(PLACEHOLDER)) fail('the main module still imports the placeholder');
    const link = await readFile(join(parts, LINK), 'utf8');
    for (const module of modules) {
      if (!link.includes(`"./${module}"`)) fail(`${LINK} does not load ${module}`);
      opt(join(parts, module), join(parts, module));
    }
    // Old split modules of an earlier build go, so dist/ holds only what this build loads.
    for (const old of await readdir(dir)) {
      if (/^(chunk_\d+|split_\w+)\.wasm$/.test(old)) await rm(join(dir, old));
    }
    const written = [];
    for (const [from, name] of [
      [join(bound, `${NAME}_bg.wasm`), `${NAME}_bg.wasm`],
      [join(bound, `${NAME}.js`), `${NAME}.js`],
      [join(parts, LINK), LINK],
      ...modules.map((m) => [join(parts, m), m]),
    ]) {
      await copyFile(from, join(dir, name));
      written.push(name);
    }
    return written;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`split: ${(await split(process.argv[2] ?? 'dist', 'release')).join(', ')}`);
}
