// Shrinks the release build after wasm-bindgen and wasm-opt (issue 11), in place, in the directory given:
//
// - drops wasm-streams' exports (IntoUnderlyingSource, IntoUnderlyingSink, IntoUnderlyingByteSource) and their
//   classes in the JS glue: leptos brings the crate in through server_fn, and a client-side app never makes a stream
//   for a server, so nothing calls them; wasm-opt then removes the code only they reached;
// - gives every import and export of the wasm a short name (wasm-bindgen's carry a module path and a hash), in the
//   wasm and in the glue alike;
// - drops the glue's comments and indentation (its template literals each fit on one line, which is checked), and
//   the wasm's custom sections (producers, target features: only tools read them).
//
// The glue's own exports (default init, start, mount, MountedApp) keep their names: boot.js and embed.js use them.
// In a split build (scripts/split.mjs) the loader of the split modules keeps its names too: the main module's imports
// from __wasm_split.js, and the exports that the split modules import (memory, the function table, shared globals).
// Anything unexpected (a name used elsewhere in the glue, a section it can't read) stops the build with a message
// rather than writing a half-patched pair.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { mustFind, mustReplace, StepError } from './must.mjs';
import { LINK } from './split.mjs';

const DROPPED = /^(__wbg_)?intounderlying(bytesource|sink|source)_/;
const GLUE_CLASSES = ['IntoUnderlyingByteSource', 'IntoUnderlyingSink', 'IntoUnderlyingSource'];

function fail(message) {
  throw new StepError(`shrink: ${message}`);
}

/** Where a text match reads from, for mustFind / mustReplace's message. */
const GLUE = { step: 'shrink', file: 'customer-accounts.js' };

function readU32(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    if (byte === undefined) fail('the wasm ends inside a number');
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (!(byte & 0x80)) return [value, at];
  }
}

function u32(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return out;
}

function name(text) {
  const bytes = Buffer.from(text, 'utf8');
  return [...u32(bytes.length), ...bytes];
}

function readName(bytes, at) {
  const [length, start] = readU32(bytes, at);
  return [bytes.subarray(start, start + length).toString('utf8'), start + length];
}

/** The byte length of an import's description after its kind byte (function, table, memory, global, tag). */
function descriptionEnd(bytes, kind, at) {
  const limits = (at) => {
    const flags = bytes[at];
    let [, next] = readU32(bytes, at + 1);
    if (flags & 1) [, next] = readU32(bytes, next);
    return next;
  };
  switch (kind) {
    case 0: return readU32(bytes, at)[1];
    case 1: return limits(at + 1);
    case 2: return limits(at);
    case 3: return at + 2;
    case 4: return readU32(bytes, at + 1)[1];
    default: return fail(`an import of unknown kind ${kind}`);
  }
}

/** A module's sections, as [id, payload]. */
function sectionsOf(wasm) {
  if (wasm.readUInt32LE(0) !== 0x6d736100) fail('not a wasm module');
  const sections = [];
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, start] = readU32(wasm, at + 1);
    sections.push([id, wasm.subarray(start, start + size)]);
    at = start + size;
  }
  return sections;
}

/** binaryen's wasm-opt from npm (tests/e2e), as Trunk uses it; never another one found first on PATH (Debian's 108
 * writes modules that fail to load). */
function wasmOpt() {
  const npm = join(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'e2e', 'node_modules', '.bin', 'wasm-opt');
  return existsSync(npm) ? npm : 'wasm-opt';
}

/** Short, valid JS property names: $0 … $z, $10 … */
const short = (n) => `$${n.toString(36)}`;

export async function shrink(dir) {
  const wasmPath = join(dir, 'customer-accounts_bg.wasm');
  const gluePath = join(dir, 'customer-accounts.js');
  const wasm = await readFile(wasmPath);
  let glue = await readFile(gluePath, 'utf8');
  // The exports that the split modules import, as __wasm_split.js hands them over: `const { a, b, } = initSync(…)`.
  const linkPath = join(dir, LINK);
  const shared = new Set();
  if (existsSync(linkPath)) {
    const link = await readFile(linkPath, 'utf8');
    const names = mustFind(link, /const \{([^}]*)\} = initSync\(/, {
      step: 'shrink', file: LINK, why: 'the exports it hands the split modules, which must keep their names',
    });
    for (const n of names[1].split(',').map((n) => n.trim()).filter(Boolean)) shared.add(n);
  }

  // Only the import (2) and export (7) sections are rewritten; the rest is copied.
  const sections = sectionsOf(wasm);

  const importNames = new Map(); // old field name → new
  let importModule = null;
  const exportNames = new Map();
  const keptNames = [];
  const dropped = [];
  const rewritten = sections.map(([id, payload]) => {
    if (id === 2) {
      const [count, first] = readU32(payload, 0);
      const out = [...u32(count)];
      let at = first;
      for (let i = 0; i < count; i++) {
        const [module, afterModule] = readName(payload, at);
        const [field, afterField] = readName(payload, afterModule);
        const kind = payload[afterField];
        const end = descriptionEnd(payload, kind, afterField + 1);
        if (module === `./${LINK}`) {
          out.push(...payload.subarray(at, end));
          at = end;
          continue;
        }
        if (importModule !== null && module !== importModule) fail(`imports from two modules (${importModule}, ${module})`);
        importModule = module;
        const renamed = short(importNames.size);
        importNames.set(field, renamed);
        out.push(...name('a'), ...name(renamed), ...payload.subarray(afterField, end));
        at = end;
      }
      return [id, Buffer.from(out)];
    }
    if (id === 7) {
      const [count, first] = readU32(payload, 0);
      const kept = [];
      let at = first;
      for (let i = 0; i < count; i++) {
        const [field, afterField] = readName(payload, at);
        const kind = payload[afterField];
        const [, end] = readU32(payload, afterField + 1);
        if (DROPPED.test(field)) {
          dropped.push(field);
        } else if (shared.has(field)) {
          kept.push(...payload.subarray(at, end));
          keptNames.push(field);
        } else {
          const renamed = short(exportNames.size);
          exportNames.set(field, renamed);
          kept.push(...name(renamed), ...payload.subarray(afterField, end));
        }
        at = end;
      }
      return [id, Buffer.from([...u32(exportNames.size + keptNames.length), ...kept])];
    }
    return [id, payload];
  });
  if (importNames.size === 0 || exportNames.size === 0) fail('no imports or no exports found');
  if (keptNames.length !== shared.size) fail(`the main module lacks exports that ${LINK} hands over`);

  // The glue: wasm-streams' classes out, then every import and export by its new name.
  for (const cls of GLUE_CLASSES) {
    const why = `wasm-streams' class ${cls}, to remove`;
    const start = mustFind(glue, `export class ${cls} {`, { ...GLUE, why });
    const endMark = `if (Symbol.dispose) ${cls}.prototype[Symbol.dispose] = ${cls}.prototype.free;\n`;
    const end = mustFind(glue.slice(start), endMark, { ...GLUE, why: `the end of ${why}` }) + start;
    glue = glue.slice(0, start) + glue.slice(end + endMark.length);
    glue = mustReplace(glue, new RegExp(`const ${cls}Finalization = [^;]*;\\n`), '', { ...GLUE, why });
  }
  glue = mustReplace(glue, /const __wbindgen_enum_ReadableStreamType = [^;]*;\n/, '', {
    ...GLUE, why: "the enum only wasm-streams' classes use, to remove",
  });
  if (/IntoUnderlying|ReadableStreamType/.test(glue)) fail('wasm-streams is still named in the glue');
  for (const field of dropped) {
    if (new RegExp(`\\bwasm\\.${field}\\b`).test(glue)) fail(`the glue still calls ${field}`);
  }
  for (const [field, renamed] of exportNames) {
    // Replacements by function: the new names start with `$`, which a replacement string would read as a pattern.
    // May find nothing, legitimately: not every export is used by the glue. Today five are not: the linker's `main`,
    // `__data_end` and `__heap_base` (kept by split.mjs's --keep-lld-exports) and wasm-bindgen's `__abort_handler`
    // and `__instance_terminated`. Renaming those in the wasm alone is harmless; what would break, an export reached
    // otherwise than as `wasm.name`, is checked just below.
    glue = glue.replace(new RegExp(`\\bwasm\\.${field.replace(/\$/g, '\\$')}\\b`, 'g'), () => `wasm.${renamed}`);
  }
  // An export reached any other way than `wasm.name` (wasm["name"], a destructuring) would break at run time.
  if (/\bwasm\s*\[/.test(glue) || /\}\s*=\s*wasm\b/.test(glue)) fail('the glue reaches an export other than as wasm.name');
  for (const [field, renamed] of importNames) {
    const key = new RegExp(`(\\n\\s+)${field.replace(/\$/g, '\\$')}: function\\(`, 'g');
    const found = glue.match(key)?.length ?? 0;
    if (found !== 1) fail(`customer-accounts.js matches ${key} ${found} times, not once (the import ${field}'s definition)`);
    glue = glue.replace(key, (_, indent) => `${indent}${renamed}: function(`);
    if (glue.includes(field)) fail(`the import ${field} is named elsewhere in the glue`);
  }
  // Comments and indentation out, line breaks kept (so automatic semicolons stay where they were). Matches that may
  // find nothing: they tidy whatever comments and spaces there are, and rely on no text being there.
  glue = glue
    .replace(/\/\*\*[\s\S]*?\*\//g, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('//'))
    .join('\n') + '\n';
  // A template literal spanning lines would have lost its indentation: every line has its backquotes in pairs.
  for (const line of glue.split('\n')) {
    if ((line.match(/`/g)?.length ?? 0) % 2) fail(`a template literal may span lines at: ${line.slice(0, 80)}`);
  }
  const moduleKey = new RegExp(`(["'])${importModule.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\1:`, 'g');
  const keys = glue.match(moduleKey)?.length ?? 0;
  if (keys !== 1) fail(`customer-accounts.js matches ${moduleKey} ${keys} times, not once (the key of the import module ${importModule})`);
  glue = glue.replace(moduleKey, () => '"a":');

  // Both files are written beside the originals and put in place together, so a failure leaves the pair as it was.
  const newWasm = `${wasmPath}.shrink`;
  const newGlue = `${gluePath}.shrink.mjs`;
  try {
    const out = [wasm.subarray(0, 8)];
    for (const [id, payload] of rewritten) out.push(Buffer.from([id, ...u32(payload.length)]), payload);
    await writeFile(newWasm, Buffer.concat(out));
    // What only the dropped exports reached goes now; nothing else is optimised again (a second -Oz made it larger
    // once compressed). wasm-opt reads the features from the target_features section.
    execFileSync(wasmOpt(), [newWasm, '-o', newWasm, '--remove-unused-module-elements'], { stdio: 'inherit' });
    // Then the custom sections go.
    const optimised = await readFile(newWasm);
    const stripped = [optimised.subarray(0, 8)];
    for (const [id, payload] of sectionsOf(optimised)) {
      if (id !== 0) stripped.push(Buffer.from([id, ...u32(payload.length)]), payload);
    }
    await writeFile(newWasm, Buffer.concat(stripped));
    // The glue must still be a module that parses (checked as .mjs: dist/ has no package.json saying "module").
    await writeFile(newGlue, glue);
    execFileSync(process.execPath, ['--check', newGlue], { stdio: 'inherit' });
    await rename(newWasm, wasmPath);
    await rename(newGlue, gluePath);
  } finally {
    await rm(newWasm, { force: true });
    await rm(newGlue, { force: true });
  }
  return { dropped: dropped.length, imports: importNames.size, exports: exportNames.size, shared: keptNames.length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await shrink(process.argv[2] ?? 'dist');
  console.log(`shrink: ${JSON.stringify(result)}`);
}
