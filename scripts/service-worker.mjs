// Writes dist/service-worker.js (js/service-worker.js after a line that sets BUILD) for the build in `dir`: the files
// the standalone page uses, each with its SHA-256, and a version made of them all. Run by scripts/postbuild.mjs last,
// once every file has its final bytes; the e2e tests run it on a changed copy of dist/ to make a "new deployment".
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WORKER = 'service-worker.js';

/**
 * What is not kept: the example host page, the single offline file (the whole build again, inlined) and the worker
 * itself. The element's embed.js and element.css are kept: a host page inside the worker's folder gets the wasm and
 * its glue from the cache, and must get the element's files of the same build.
 */
const NOT_KEPT = new Set([WORKER, 'embed-example.html', 'embed-example.js', 'customer-accounts-offline.html']);

/** Writes the worker; returns its BUILD: { version, files }. */
export async function writeServiceWorker(dir) {
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && !NOT_KEPT.has(entry.name))
    .map((entry) => entry.name)
    .sort();
  if (!names.includes('index.html') || !names.includes('boot.js')) {
    throw new Error(`service-worker: ${dir} has no index.html or boot.js to keep`);
  }
  const files = {};
  const version = createHash('sha256');
  for (const name of names) {
    const bytes = await readFile(join(dir, name));
    const digest = createHash('sha256').update(bytes).digest('base64');
    // index.html is kept unchecked (a portal may edit it; see js/service-worker.js), but a new one is a new version.
    files[name] = name === 'index.html' ? null : digest;
    version.update(`${name} ${digest}\n`);
  }
  // The worker's own code is part of the version: a new worker never fills (or, failing, empties) the cache in use.
  const source = await readFile(join(dirname(fileURLToPath(import.meta.url)), '..', 'js', WORKER), 'utf8');
  version.update(source);
  const build = { version: version.digest('hex').slice(0, 16), files };
  await writeFile(join(dir, WORKER), `const BUILD = ${JSON.stringify(build)};\n${source}`);
  return build;
}
