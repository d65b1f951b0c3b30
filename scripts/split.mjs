// Splits the release build into modules (issue 11): the first download holds what the list needs; the pages
// (src/views/customer/pages.rs), the list's actions (src/views/list/work.rs), the notices' parts
// (src/views/shell/notices.rs) and the store's rarer work (src/views/shell/store.rs) come in modules of their own
// (split points declared with src/views/lazy.rs's `split!`), fetched the first time they are used (or when the
// browser is idle after the list has painted).
//
// Run from scripts/postbuild.mjs when the build has split points (Cargo feature `split`, which index.html asks Trunk
// for). Trunk's own wasm-bindgen output cannot be split: wasm-split-cli needs the linker's relocations, so it reads
// cargo's output (built with `-C link-args=--emit-relocs`, .cargo/config.toml) and the steps after it are done here,
// as cargo-leptos does them for `--split`:
//   cargo's wasm → wasm-split-cli → the main module, the split modules and their loader (__wasm_split.js)
//   main module  → wasm-bindgen --keep-lld-exports → wasm-opt -Os → customer-accounts_bg.wasm + customer-accounts.js
//   split modules → wasm-opt -Os
// Everything is made in a temporary folder and only then copied over Trunk's pair, so a failure leaves no mix.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { mustFind, StepError } from './must.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const NAME = 'customer-accounts';
/** The import module the split points name until wasm-split-cli replaces it (wasm_split_macros). */
export const PLACEHOLDER = '__wasm_split_placeholder__';
/** The loader the main module imports the split modules through. */
export const LINK = '__wasm_split.js';
/** A split module's file name: wasm-split-cli's name and the build's hash (`split_ca_add-0123456789.wasm`). */
export const MODULE = /^(chunk_\d+|split_\w+)-[0-9a-f]{10}\.wasm$/;

/**
 * How __wasm_split.js instantiates a module, once split.mjs has rewritten it (postbuild.mjs reads it back for the
 * offline file): each module's fetcher is FETCHER, which calls HELPER once, to stream when the server sends
 * application/wasm, else to instantiate from the bytes, as boot.js and the glue do.
 */
// Written without indentation: split.mjs strips the loader's, and postbuild.mjs looks for this text exactly.
export const HELPER = `function fetchModule(file) {
const src = fetch(new URL(file, import.meta.url));
src.catch(() => {});
return async (imports) => {
try {
return await WebAssembly.instantiateStreaming(src.then((r) => r.clone()), imports);
} catch (streaming) {
const response = await src;
if (!response.ok) throw streaming;
return WebAssembly.instantiate(await response.arrayBuffer(), imports);
}
};
}
`;
export const FETCHER = (file) => `() => fetchModule("./${file}")`;

function fail(message) {
  throw new StepError(`split: ${message}`);
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

/**
 * Whether the build in `dir` has split points (its glue still imports the placeholder module). A question, not a
 * match that must succeed: a build without the feature `split` has nothing to split. Were wasm_split_macros to name
 * the placeholder differently (scripts/check-versions.sh pins its version), the glue would keep an import of it, at
 * which postbuild.mjs stops, naming it.
 */
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
    // wasm-opt for each module on its own (a debug build is for reading), with -Os rather than Trunk's -Oz: -Os
    // inlines more, so the wasm is 20 KB larger raw but its code repeats more and compresses better: measured on the
    // same code, 0.8 KB less brotli in the first view (147,891 -> 147,124 B) and 0.6 KB less in the split modules.
    // One more change: a function with a single caller is inlined into it only when small (40, in Binaryen's measure),
    // not whatever its size. V8 never swaps a running wasm call for its optimised code, so work inlined into a
    // function called once (the app's first render, `Store::load_rows`) ran in baseline code for a whole load, and
    // that function was then compiled again, optimised, for nothing. With the limit, the load's per-group work
    // stays a function of its own, optimised after a few groups. Measured: cold load at 50,000 about 20-35 ms
    // sooner (alternating A/B, 15 loads each, twice), and 0.9 KB less brotli (any limit from 10 to 100 gave the same).
    // --low-memory-unused: the first 1 KiB of memory is never used (Rust's wasm32 layout puts the stack below 1 MiB,
    // growing down from it, and the data and heap above), so wasm-opt may fold a constant added to an address into
    // the load's offset: 0.7 KB less brotli in the first view.
    const opt = (file, out) =>
      profile === 'debug'
        ? null
        : run(tool('wasm-opt'), ['-Os', '--one-caller-inline-max-function-size', '40', '--low-memory-unused', '--strip-debug', '--strip-producers', '--enable-bulk-memory',
          '--enable-nontrapping-float-to-int', file, '-o', out]);
    opt(join(bound, `${NAME}_bg.wasm`), join(bound, `${NAME}_bg.wasm`));
    const modules = (await readdir(parts)).filter((f) => f.endsWith('.wasm') && f !== `${NAME}.wasm`);
    if (!modules.length) fail('wasm-split-cli made no split modules');
    const glue = await readFile(join(bound, `${NAME}.js`), 'utf8');
    if (glue.includes(PLACEHOLDER)) fail('the main module still imports the placeholder');
    let link = await readFile(join(parts, LINK), 'utf8');
    for (const module of modules) opt(join(parts, module), join(parts, module));
    // The modules' names carry the build's hash: a page still open from an earlier deployment can never load a
    // module of a later one (it would run against another memory layout); it gets a 404, and says so.
    const hash = createHash('sha256');
    for (const file of [join(bound, `${NAME}_bg.wasm`), ...modules.map((m) => join(parts, m))]) {
      hash.update(await readFile(file));
    }
    const tag = hash.digest('hex').slice(0, 10);
    const named = modules.map((m) => [m, m.replace(/\.wasm$/, `-${tag}.wasm`)]);
    // Each fetcher becomes FETCHER (streaming with a fallback for other Content-Types; wasm-split-cli's only
    // streams, and wraps it in debugWrap in a debug build).
    const fetcher = /\(\) => \{\s*const src = fetch\(new URL\("\.\/([\w.]+\.wasm)", import\.meta\.url\)\);\s*src\.catch\(\(\) => \{\}\);\s*return async \(imports\) => (?:debugWrap)?\(WebAssembly\.instantiateStreaming\(src, imports\)\);\s*\}\n/g;
    const renamed = new Map(named);
    let count = 0;
    link = link.replace(fetcher, (_, file) => {
      count++;
      if (!renamed.has(file)) fail(`${LINK} loads ${file}, which wasm-split-cli did not write`);
      return FETCHER(renamed.get(file));
    });
    if (count !== modules.length || /instantiateStreaming\(src, imports\)/.test(link)) {
      fail(`${LINK} loads its modules in a way split.mjs does not know: ${count} of its ${modules.length} modules' fetchers match ${fetcher}`);
    }
    // The helper goes after the loader's import line (its first).
    const firstLine = mustFind(link, /^import [^\n]*\n/, {
      step: 'split', file: LINK, why: 'an import as its first line, after which the fetchers\' helper goes',
    })[0].length;
    link = link.slice(0, firstLine) + HELPER + link.slice(firstLine);
    // Comments and indentation out, line breaks kept, as shrink.mjs does to the glue (no template literal here). Matches
    // that may find nothing: they tidy whatever comments and spaces there are, and rely on no text being there.
    if (link.includes('`')) fail(`${LINK} has a template literal, which stripping its lines could change`);
    link = `${link
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('//'))
      .join('\n')}\n`;
    // Old split modules of an earlier build go, so dist/ holds only what this build loads.
    for (const old of await readdir(dir)) {
      if (MODULE.test(old) || /^(chunk_\d+|split_\w+)\.wasm$/.test(old)) await rm(join(dir, old));
    }
    await writeFile(join(parts, LINK), link);
    const written = [];
    for (const [from, name] of [
      [join(bound, `${NAME}_bg.wasm`), `${NAME}_bg.wasm`],
      [join(bound, `${NAME}.js`), `${NAME}.js`],
      [join(parts, LINK), LINK],
      ...named.map(([m, to]) => [join(parts, m), to]),
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
