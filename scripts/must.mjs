// The post-build scripts (split.mjs, shrink.mjs, postbuild.mjs) rewrite text that other tools wrote: wasm-bindgen's
// JS glue, wasm-split-cli's loader (__wasm_split.js), Trunk's index.html. When a tool writes that text differently
// (a new version), a match must not silently do nothing: these helpers fail with a message naming the step, the file
// and the text or pattern looked for (docs/build-steps.md says what each step relies on).

/** An error from a build step whose message says all there is to say (postbuild.mjs prints it without a stack). */
export class StepError extends Error {}

const shown = (pattern) => (typeof pattern === 'string' ? JSON.stringify(pattern) : String(pattern));

/**
 * The first match of `pattern` (a string or a RegExp) in `text`, which `step` read from `file`: a string's index, or
 * the RegExp's match array. Fails when it is not there.
 */
export function mustFind(text, pattern, { step, file, why = '' }) {
  const found = typeof pattern === 'string' ? text.indexOf(pattern) : text.match(pattern);
  if (found === null || found === -1) {
    throw new StepError(`${step}: ${file} has no ${shown(pattern)}${why ? ` (${why})` : ''}`);
  }
  return found;
}

/**
 * `text.replace(pattern, replacement)`, exactly (a string or a RegExp without `g` replaces the first match, with `g`
 * every one), after checking that the pattern is found at least once.
 */
export function mustReplace(text, pattern, replacement, where) {
  mustFind(text, pattern, where);
  return text.replace(pattern, replacement);
}
