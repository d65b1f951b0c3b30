// Shared by tests that only READ a large store: the store is built once per test file (by the app's own import, or
// kept from a test that built and checked it), its localStorage entries are kept as text, and each later test puts
// them into its own fresh context before the app first loads there. Building a 50,000-customer store takes 10–30 s;
// putting it back takes about a second.

/** A blank page of the app's origin (no app on it), where a test writes localStorage before the app first loads. */
export const SEED_PAGE = '/seed.html';

/** For `suite({ serve: { pages } })`: serves the blank page. */
export const seedPages = {
  [SEED_PAGE]:
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Seed</title><link rel="icon" href="data:,">' +
    '</head><body></body></html>',
};

/**
 * Every localStorage entry of the page's origin, as JSON text of [key, value] pairs in key order. JSON.stringify
 * escapes any lone surrogate, so the text survives the trip out of the page and back exactly.
 */
export function takeStore(page) {
  return page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

/**
 * Opens the blank page of `server`'s origin in `page`, replaces its localStorage with `store` (from takeStore), and
 * checks that exactly those entries are there. The app is not loaded; the test goes to `server.url` itself.
 */
export async function putStore(page, server, store) {
  await page.goto(`${server.origin}${SEED_PAGE}`);
  const same = await page.evaluate((store) => {
    localStorage.clear();
    for (const [key, value] of JSON.parse(store)) localStorage.setItem(key, value);
    const now = JSON.stringify(Object.entries(localStorage).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return now === store;
  }, store);
  if (!same) throw new Error('the seeded localStorage differs from the store it was seeded from');
}

/**
 * One store per test file, built at most once: `get()` resolves to the store (takeStore's text), running `build()`
 * the first time unless a test already offered one with `keep(store)` (a test that built it and checked every record).
 */
export function sharedStore(build) {
  let store = null;
  return {
    get: () => (store ??= build()),
    keep: (text) => {
      store ??= Promise.resolve(text);
    },
  };
}
