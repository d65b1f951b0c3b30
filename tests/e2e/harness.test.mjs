// The harness's own checks, tested: a page that logs console.error, one that throws, and one that requests a missing
// file each fail the test that opened them, whether they run in a popup, in an iframe or in a second browser context;
// clean pages, the `failing` allowance and the aborts that navigation and closing cause do not. Small pages of their
// own, not the app.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { suite } from './harness.mjs';

const page = (body) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title><link rel="icon" href="data:,"></head><body>${body}</body></html>`;

/** The three faults, each in a page of its own, and a clean page. */
const FAULTS = {
  'console.error': { path: '/logs.html', html: page('<script>console.error("logged on purpose")</script>'), report: /^console\.error: logged on purpose$/ },
  throw: { path: '/throws.html', html: page('<script>throw new Error("thrown on purpose")</script>'), report: /^pageerror: thrown on purpose$/ },
  'missing file': { path: '/missing.html', html: page('<img alt="" src="/no-such-file.png">'), report: /^response 404: GET http:\/\/127\.0\.0\.1:\d+\/no-such-file\.png$/ },
};

// A server (not one of `serve`'s, so not the app's origin) whose /hang never answers: a fetch of it is still in
// flight when a test navigates away or closes the page. Its pages fetch /hang from their own origin; /gone is a 404.
let other;
const held = [];
const hangs = page('<script>fetch("/hang").catch(() => {})</script>');
before(async () => {
  const server = createServer((req, res) => {
    if (req.url === '/hang') held.push(res);
    else if (req.url === '/hangs.html') res.writeHead(200, { 'content-type': 'text/html' }).end(hangs);
    else if (req.url === '/clean.html') res.writeHead(200, { 'content-type': 'text/html' }).end(page('<p>clean</p>'));
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('gone');
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  other = { server, origin: `http://127.0.0.1:${server.address().port}` };
});
after(async () => {
  for (const res of held) res.destroy();
  other.server.closeAllConnections();
  await new Promise((ok) => other.server.close(ok));
});

const app = suite({
  serve: {
    root: '/nonexistent-root',
    pages: {
      '/clean.html': page('<p>clean</p>'),
      '/opener.html': page('<p>opener</p>'),
      ...Object.fromEntries(Object.values(FAULTS).map((f) => [f.path, f.html])),
      '/frame/clean.html': page('<iframe title="f" src="/clean.html"></iframe>'),
      ...Object.fromEntries(Object.values(FAULTS).map((f) => [`/frame${f.path}`, page(`<iframe title="f" src="${f.path}"></iframe>`)])),
    },
  },
});

/** Where a fault can run: each opens `path` and waits until it has loaded. */
const PLACES = {
  popup: async ({ page, server }, path) => {
    await page.goto(`${server.origin}/opener.html`);
    const opened = page.waitForEvent('popup');
    await page.evaluate((url) => window.open(url), `${server.origin}${path}`);
    await (await opened).waitForLoadState('load');
  },
  iframe: async ({ page, server }, path) => {
    await page.goto(`${server.origin}/frame${path}`); // the page's load waits for its frame's
  },
  // As writers #3 does: a throwaway context made from the browser, closed by the test itself.
  'second context': async ({ browser, server }, path) => {
    const context = await browser.newContext();
    const other = await context.newPage();
    await other.goto(`${server.origin}${path}`);
    await other.evaluate(() => new Promise((ok) => setTimeout(ok, 0)));
    await context.close();
  },
  // The same, left open for the harness to close.
  'second context left open': async ({ browser, server }, path) => {
    const other = await (await browser.newContext()).newPage();
    await other.goto(`${server.origin}${path}`);
  },
  // A page in a context of its own, from browser.newPage().
  'page of its own': async ({ browser, server }, path) => {
    const other = await browser.newPage();
    await other.goto(`${server.origin}${path}`);
  },
};

/** Asserts that running `body` fails the harness's check with a report matching `report`. */
async function fails(body, report, options) {
  await assert.rejects(app.withContext(body, options), (error) => {
    assert.equal(error.code, 'ERR_ASSERTION', `the harness's check failed, not something else: ${error.message}`);
    assert.ok(
      error.actual.some((p) => report.test(p)),
      `the check reports ${report}: ${JSON.stringify(error.actual)}`,
    );
    return true;
  });
}

for (const [place, open] of Object.entries(PLACES)) {
  const where = `${place === 'iframe' ? 'an' : 'a'} ${place}`;
  for (const [fault, { path, report }] of Object.entries(FAULTS)) {
    // The missing file also logs "Failed to load resource"; allowed here, so only the request check can fail it.
    const options = fault === 'missing file' ? { allow: [/^console\.error: Failed to load resource/] } : {};
    test(`a page that ${fault === 'throw' ? 'throws' : fault === 'missing file' ? 'requests a missing file' : 'logs console.error'}, in ${where}, fails the test`, () =>
      fails((t) => open(t, path), report, options));
  }
  test(`a clean page in ${where} passes`, () => app.withContext((t) => open(t, '/clean.html')));
}

test('a missing file listed in `failing` passes, and only that one: another missing file still fails', async () => {
  const allow = [/^console\.error: Failed to load resource/];
  await app.withContext((t) => PLACES.iframe(t, FAULTS['missing file'].path), { allow, failing: ['/no-such-file.png'] });
  await app.withContext((t) => PLACES.popup(t, FAULTS['missing file'].path), { allow, failing: [/^\/no-such-file\.png$/] });
  await fails((t) => PLACES.iframe(t, FAULTS['missing file'].path), FAULTS['missing file'].report, { allow, failing: ['/other.png'] });
});

test('console `allow` patterns never excuse a failed request', () =>
  fails((t) => PLACES.iframe(t, FAULTS['missing file'].path), FAULTS['missing file'].report, {
    allow: [/Failed to load resource|404|no-such-file/],
  }));

test('a request refused by the network fails the test; listed in `failing` it passes', async () => {
  const body = async ({ page, server }) => {
    await page.route('**/refused.png', (route) => route.abort());
    await page.goto(`${server.origin}/clean.html`);
    await page.evaluate(() => fetch('/refused.png').catch(() => {}));
  };
  await fails(body, /^requestfailed: net::ERR_FAILED GET http:\/\/127\.0\.0\.1:\d+\/refused\.png$/);
  await app.withContext(body, { failing: ['/refused.png'], allow: [/^console\.error: Failed to load resource: net::ERR_FAILED$/] });
});

test('an error status from another origin than the test servers is not the app\'s', () =>
  app.withContext(async ({ page }) => {
    const response = await page.goto(`${other.origin}/gone`);
    assert.equal(response.status(), 404);
  }, { allow: [/^console\.error: Failed to load resource: the server responded with a status of 404 \(Not Found\)$/] }));

test('a fetch cancelled by a navigation or a reload, or by closing its page, is no failure', () =>
  app.withContext(async ({ context, page }) => {
    const inFlight = (p) => p.waitForRequest(`${other.origin}/hang`);
    let seen = inFlight(page);
    await page.goto(`${other.origin}/hangs.html`);
    await seen;
    await page.goto(`${other.origin}/clean.html`); // another document: the fetch is cancelled
    seen = inFlight(page);
    await page.goto(`${other.origin}/hangs.html`);
    await seen;
    seen = inFlight(page);
    await page.reload(); // the same document again, loaded anew
    await seen;
    const tab = await context.newPage();
    seen = inFlight(tab);
    await tab.goto(`${other.origin}/hangs.html`);
    await seen;
    await tab.close(); // the test closes a page with a fetch in flight
    // And the harness closes the context with the first page's fetch still in flight.
  }));

test('a fetch the page cancels itself while it stays fails the test', () =>
  fails(async ({ page }) => {
    await page.goto(`${other.origin}/clean.html`);
    const seen = page.waitForRequest(`${other.origin}/hang`);
    const failed = page.waitForEvent('requestfailed');
    await page.evaluate(() => {
      window.control = new AbortController();
      fetch('/hang', { signal: window.control.signal }).catch(() => {});
    });
    await seen;
    await page.evaluate(() => window.control.abort());
    await failed;
  }, /^requestfailed: net::ERR_ABORTED GET http:\/\/127\.0\.0\.1:\d+\/hang$/));
