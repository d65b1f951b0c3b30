// Trunk post_build hook: shrinks the wasm and its glue (shrink.mjs), tidies index.html and writes customer-accounts-offline.html next to the build, one self-contained file
// (styles, script and wasm inlined) that works when opened straight from disk (file://) with no network.
//
// Module scripts and fetch() don't work from file:// in Chromium, so nothing may be loaded: the wasm-bindgen glue
// is inlined as module code and the wasm is handed to it as bytes decoded from base64.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mustFind, mustReplace, StepError } from './must.mjs';
import { writeServiceWorker } from './service-worker.mjs';
import { shrink } from './shrink.mjs';
import { FETCHER, HELPER, hasSplitPoints, LINK, split } from './split.mjs';

// A step that stops on text it did not find (must.mjs, split.mjs, shrink.mjs) says so in one line, without a stack.
process.on('uncaughtException', (error) => {
  console.error(error instanceof StepError ? error.message : error);
  process.exit(1);
});

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) {
  console.error('postbuild: no TRUNK_STAGING_DIR (run by Trunk) and no directory argument');
  process.exit(1);
}

// First the wasm and its glue get smaller (scripts/shrink.mjs); the offline file is made of what is served.
// Release builds only: a debug build is for reading, names and all.
if (await hasSplitPoints(dir)) {
  console.log(`postbuild: split into ${(await split(dir)).join(', ')}`);
}
if (process.env.TRUNK_PROFILE !== 'debug') {
  const shrunk = await shrink(dir);
  console.log(`postbuild: shrink ${JSON.stringify(shrunk)}`);
}

const [glue, wasm, css] = await Promise.all([
  readFile(join(dir, 'customer-accounts.js'), 'utf8'),
  readFile(join(dir, 'customer-accounts_bg.wasm')),
  readFile(join(dir, 'main.css'), 'utf8'),
]);

// The element's stylesheet (embed.js links it in its shadow root): main.css with every length in rem written as
// calc(N*var(--rem)). Inside a shadow root rem is the host page's root size, which a portal may set to 62.5% or
// force to 2px; --rem is the app's own (main.css). A media query keeps rem: there it is the browser's default size,
// whatever any page sets. The standalone page keeps main.css as it is, so its first download does not pay for this.
const ELEMENT_CSS = 'element.css';
let lengths = 0;
const elementCss = css.replace(/(@media[^{]*)|(?<![\w.-])(-?\d*\.?\d+)rem\b/g, (match, media, length) => {
  if (media !== undefined) return media;
  lengths += 1;
  return `calc(${length}*var(--rem))`;
});
if (lengths === 0 || !/--rem:/.test(css)) {
  console.error(`postbuild: main.css has no lengths in rem, or no --rem, to write ${ELEMENT_CSS} from`);
  process.exit(1);
}
await writeFile(join(dir, ELEMENT_CSS), elementCss);

// Text that would end the inline element early (or open an HTML comment inside a script) must not be there.
for (const [name, text, bad] of [
  ['customer-accounts.js', glue, /<\/script|<!--/i],
  ['main.css', css, /<\/style/i],
]) {
  if (bad.test(text)) {
    console.error(`postbuild: ${name} contains ${bad}, which can't be inlined as is`);
    process.exit(1);
  }
}

// A split build: the loader of the split modules goes inline before the glue, the modules as base64 in it, and the
// two stop importing each other (the loader takes the glue's initSync from the same script).
let loader = '';
let inlineGlue = glue;
if (existsSync(join(dir, LINK))) {
  let link = await readFile(join(dir, LINK), 'utf8');
  const where = { step: 'postbuild', file: LINK };
  link = mustReplace(link, /^import \{ initSync \} from "\.\/customer-accounts\.js";\n/m, '', {
    ...where, why: 'its import of the glue\'s initSync, which the inline loader takes from the same script',
  });
  const modules = {};
  // Each module's fetcher, exactly as split.mjs wrote it (FETCHER), names its file; the helper they call (HELPER)
  // instantiates from the inlined bytes instead.
  const fetched = /"\.\/([\w.-]+\.wasm)"/g;
  mustFind(link, fetched, { ...where, why: 'the file names of the split modules it loads' });
  for (const [, file] of link.matchAll(fetched)) {
    if (!link.includes(FETCHER(file))) {
      console.error(`postbuild: ${LINK} loads ${file} in a way this script does not inline`);
      process.exit(1);
    }
    modules[file] = true;
  }
  if (!link.includes(HELPER)) {
    console.error(`postbuild: ${LINK} has no fetchModule helper as split.mjs writes it`);
    process.exit(1);
  }
  link = link.replace(HELPER, () => `function fetchModule(file) {
return async (imports) => WebAssembly.instantiate(splitBytes(file.slice(2)), imports);
}
`);
  if (/fetch\(|import\.meta/.test(link)) {
    console.error(`postbuild: ${LINK} fetches a module in a way this script does not inline`);
    process.exit(1);
  }
  const exported = [...link.matchAll(/^export const (\w+) =/gm)].map((m) => m[1]);
  link = mustReplace(link, /^export const /gm, 'const ', { ...where, why: 'the loaders it exports to the glue' });
  const bytes = {};
  for (const file of Object.keys(modules)) bytes[file] = (await readFile(join(dir, file))).toString('base64');
  loader = `const splitModules = ${JSON.stringify(bytes)};
const splitBytes = (file) => Uint8Array.from(atob(splitModules[file]), (c) => c.charCodeAt(0));
${link}
const splitLoader = { ${exported.join(', ')} };
`;
  inlineGlue = mustReplace(glue, /^import \* as (\w+) from "\.\/__wasm_split\.js";?$/gm, (_, name) => `const ${name} = splitLoader;`, {
    step: 'postbuild', file: 'customer-accounts.js', why: `its import of ${LINK}, which becomes the inline loader`,
  });
}
const otherImport = inlineGlue.match(/^\s*import\s.*$/m);
if (otherImport) {
  console.error(`postbuild: the wasm-bindgen glue imports other files (snippets); they would need inlining too: ${otherImport[0].trim()}`);
  process.exit(1);
}

// The note boot.js and embed.js give a page without Web Locks, for an offline file someone serves over plain http.
const NO_LOCKS_NOTE = (await readFile(join(dirname(fileURLToPath(import.meta.url)), '..', 'js', 'boot.js'), 'utf8')).match(/^\s*(if \(!navigator\.locks\) console\.info\(.*\);)$/m)?.[1];
if (!NO_LOCKS_NOTE) {
  console.error('postbuild: js/boot.js no longer holds the note for pages without Web Locks');
  process.exit(1);
}

const html = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Customer Accounts</title>
    <link rel="icon" href="data:," />
    <style>
${css}
    </style>
  </head>
  <body>
    <script type="module">
${loader}${inlineGlue}
const wasmBase64 = "${wasm.toString('base64')}";
${NO_LOCKS_NOTE}
try {
  const bytes = Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0));
  await __wbg_init({ module_or_path: bytes });
  start();
} catch (error) {
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent = 'Customer Accounts could not start: ' + error;
  document.body.append(message);
  throw error;
}
    </script>
  </body>
</html>
`;

// With inject_scripts = false Trunk leaves its own rust link in index.html: a link to nothing, so take it out. A
// release build's index.html was minified by Trunk before this hook (Trunk.toml: minify = "on_release"), where the
// link reads `<link data-bin=customer-accounts … rel=rust>` amid the rest; a debug build's, `<link data-trunk
// rel="rust" …>` on a line of its own. One of the two must be there.
// The blank lines Trunk leaves where its other links were go too: a tidying that may find none.
const indexPath = join(dir, 'index.html');
const index = await readFile(indexPath, 'utf8');
const rustLink = /<link [^>]*\brel=("rust"|rust)[^>]*>\n?/;
const withoutRust = mustReplace(index, rustLink, '', { step: 'postbuild', file: 'index.html', why: "Trunk's rust link" });
await writeFile(indexPath, withoutRust.replace(/\n(\s*\n)+/g, '\n'));

const out = join(dir, 'customer-accounts-offline.html');
await writeFile(out, html);
console.log(`postbuild: wrote ${out} (${html.length} characters)`);

// Last, the scripts a browser fetches are minified (terser, from tests/e2e's npm packages: comments and spaces out,
// local names shortened): 1.7 KB of brotli less in the first view. Exported and imported names stay as they are,
// which boot.js, embed.js and the split loader rely on. The offline file above was made from the readable glue,
// whose exact text it checks; js/ keeps the commented sources.
if (process.env.TRUNK_PROFILE !== 'debug') {
  const require = createRequire(join(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'e2e', 'package.json'));
  const { minify } = require('terser');
  const sizes = {};
  // [file, whether it is an ES module]: boot.js is a classic script.
  for (const [file, module] of [
    ['customer-accounts.js', true],
    [LINK, true],
    ['boot.js', false],
    ['embed.js', true],
    ['update.js', true],
  ]) {
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    const code = await readFile(path, 'utf8');
    const { code: small } = await minify(code, { module, ecma: 2020, compress: true, mangle: true });
    if (!small) {
      console.error(`postbuild: terser gave nothing for ${file}`);
      process.exit(1);
    }
    await writeFile(path, small);
    sizes[file] = `${code.length} -> ${small.length}`;
  }
  console.log(`postbuild: minified ${JSON.stringify(sizes)}`);
}

// Very last, when every file has its final bytes: the standalone page's service worker, which lists them with their
// digests (scripts/service-worker.mjs).
const { version, files } = await writeServiceWorker(dir);
console.log(`postbuild: wrote service-worker.js for build ${version} (${Object.keys(files).length} files)`);
