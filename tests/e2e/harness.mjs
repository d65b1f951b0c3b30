// Shared by the end-to-end tests: a static server for dist/ on 127.0.0.1, Debian's Chromium driven by
// playwright-core (never a downloaded browser), and waits that poll instead of sleeping.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readStore } from './stored.mjs';
import { addFormValues } from '../../bench/generate.mjs';
import { MODULE } from '../../scripts/split.mjs';

export const DIST = process.env.CA_DIST
  ? resolve(process.env.CA_DIST)
  : resolve(fileURLToPath(new URL('../../dist/', import.meta.url)));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Serves `root` on 127.0.0.1 at a free port; resolves to { url, close, requests }. Options: `base`, the URL path the
 * files are served under (anything else is a 404, as on a host where the app is one folder among many); `headers`,
 * sent with every response (a Content-Security-Policy); `pages`, extra paths → text served as it is (typed by
 * extension, HTML otherwise); `types`, Content-Types by extension instead of the usual ones.
 */
/** The modules of a split build (scripts/split.mjs) that the app fetches once its list has painted: the pages'. */
export const PRELOADED = (file) => MODULE.test(file) && /^split_ca_(add|details|edit)-/.test(file);

/** Whether a path or URL names a split module (scripts/split.mjs names them). */
export const isModule = (path) => MODULE.test(String(path).split('/').pop());

/**
 * The origins of every server `serve` started in this process: the app's own origins, whose responses with an error
 * status fail a test (see `watch`). Never removed: a closed server's port is not reused by anything else here.
 */
const ORIGINS = new Set();

export async function serve(root = DIST, { base = '/', headers = {}, pages = {}, types = {} } = {}) {
  const requests = [];
  const server = createServer(async (req, res) => {
    try {
      const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      requests.push(pathname);
      if (pages[pathname] !== undefined) {
        const type = TYPES[extname(pathname)] ?? TYPES['.html'];
        res.writeHead(200, { ...headers, 'content-type': type }).end(pages[pathname]);
        return;
      }
      if (!pathname.startsWith(base)) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const path = pathname.slice(base.length - 1);
      let file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) {
        res.writeHead(403).end();
        return;
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      const type = types[extname(file)] ?? TYPES[extname(file)] ?? 'application/octet-stream';
      res.writeHead(200, { ...headers, 'content-type': type });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  ORIGINS.add(`http://127.0.0.1:${port}`);
  return {
    url: `http://127.0.0.1:${port}${base}`,
    origin: `http://127.0.0.1:${port}`,
    requests,
    // Connections a page still holds open must not keep the server (and the test) waiting. An app that started
    // fetches its pages' modules once its list has painted (scripts/split.mjs); a test that ends sooner waits for
    // them and what they bring (up to 5 s), so they are not refused by a closed server and logged as errors.
    close: async () => {
      if (requests.some((p) => p.endsWith('/customer-accounts_bg.wasm'))) {
        const modules = (await readdir(root).catch(() => [])).filter(PRELOADED);
        const end = Date.now() + 5000;
        let seen = -1;
        while (Date.now() < end) {
          const done = modules.every((m) => requests.some((p) => p.endsWith(`/${m}`)));
          if (done && seen === requests.length) break;
          seen = done ? requests.length : -1;
          await new Promise((ok) => setTimeout(ok, 100));
        }
      }
      await new Promise((ok) => {
        server.close(ok);
        server.closeAllConnections();
      });
    },
  };
}

/** How long one end-to-end test may take (the longest, 20 rounds of two-tab races, takes about a minute). */
export const TEST_TIMEOUT = 180_000;

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches Debian's Chromium. Every browser context made from it later (`browser.newContext()`, `browser.newPage()`)
 * is watched (see `watch`) for the test that is running when it is made: a test that opens throwaway contexts of its
 * own (as writers #3 does twenty times) is held to the same checks as its main page without saying so.
 */
export async function launch() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    scopes.at(-1)?.add(context);
    return context;
  };
  // (browser.newPage() makes its context with this.newContext(), so it is covered too.)
  return browser;
}

/** Each watched context's records (see `watch`). */
const watchers = new WeakMap();

/** The watched tests running now, innermost last (`withContext` inside a test opens a scope of its own). */
const scopes = [];

/** Whether a request's URL matches one of `failing`: a path (exact), a RegExp tested on the path, or a URL predicate. */
function expected(failing, url) {
  const parsed = new URL(url);
  return failing.some((f) =>
    typeof f === 'string' ? parsed.pathname === f : f instanceof RegExp ? f.test(parsed.pathname) : f(parsed),
  );
}

/**
 * Watches every page of a context (tabs, popups and frames a test opens later included), so a test can require that
 * normal use logs and fails nothing. Records in `problems` console errors and warnings and uncaught page errors, and
 * in `failures` failed requests (`requestfailed`: refused, blocked, aborted by a route…) of any origin, and responses
 * with status 400 or more from the test servers' own origins (`serve`). `failing` lists the requests a test makes
 * fail on purpose (a missing page it seeds storage from, modules it refuses): paths, RegExps on the path, or
 * predicates on the URL; only those are excused, and only from `failures` (a test's `allow` patterns for console
 * messages never excuse a request).
 *
 * Aborted requests (net::ERR_ABORTED) are normal when the document that made them is going away: a navigation or a
 * reload cancels its fetches (the app fetches its pages' modules right after painting, so a test that navigates
 * soon after cancels them), and closing a page or a context cancels what it had in flight. The browser may report
 * such an abort before or after the navigation that caused it, so an abort is judged only when `settle()` is called
 * (just before the context closes): it is excused if by then its frame has started another navigation request
 * (a new document; a hash change starts none) or was loading one when the request started (the old document's
 * last requests are reported after the new navigation's; the new document's first ones, made while its own
 * navigation request is still open, are excused too: a small allowance, for aborts only), was detached, or its page
 * was closed. Any other abort (say, the app cancelling a fetch while its document stays) still fails. From the
 * moment the context starts closing, no request is judged any more: what closing cancels is the test's doing, not
 * the app's (console messages and page errors still count until the end).
 *
 * Returns `problems` (an array of strings, as before), with `failures` and `settle` attached.
 */
export function watch(context, { failing = [] } = {}) {
  const problems = [];
  const failures = [];
  const aborted = [];
  /** Navigation requests started per frame: the count grows when a frame starts loading a new document. */
  const navigations = new WeakMap();
  /** Each frame's latest navigation request, and the navigation requests not finished yet. */
  const loading = new WeakMap();
  const open = new WeakSet();
  /** Each request's frame, that frame's navigation count when the request started, and whether one was loading. */
  const started = new WeakMap();
  let closing = false;
  const frameOf = (request) => {
    try {
      return request.frame(); // throws for a service worker's requests
    } catch {
      return null;
    }
  };
  // Console messages and page errors count until the very end, closing included, as they always have.
  context.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
  });
  context.on('weberror', (e) => problems.push(`pageerror: ${e.error().message}`));
  context.on('request', (request) => {
    const frame = frameOf(request);
    if (!frame) return;
    const navigation = request.isNavigationRequest();
    if (navigation) {
      navigations.set(frame, (navigations.get(frame) ?? 0) + 1);
      loading.set(frame, request);
      open.add(request);
    }
    // A request its document makes while a navigation of its frame is already under way belongs to a document
    // that is going away, even though the navigation request was counted first.
    const replacing = !navigation && open.has(loading.get(frame));
    started.set(request, { frame, navigations: navigations.get(frame) ?? 0, replacing });
  });
  context.on('requestfinished', (request) => open.delete(request));
  context.on('requestfailed', (request) => {
    open.delete(request);
    if (closing || expected(failing, request.url())) return;
    const text = `requestfailed: ${request.failure()?.errorText ?? 'unknown'} ${request.method()} ${request.url()}`;
    if (request.failure()?.errorText === 'net::ERR_ABORTED') aborted.push({ request, text });
    else failures.push(text);
  });
  context.on('response', (response) => {
    if (closing || response.status() < 400) return;
    const url = new URL(response.url());
    if (!ORIGINS.has(url.origin) || expected(failing, response.url())) return;
    failures.push(`response ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  /** Judges the aborts (see above) and stops recording; call it just before the context closes. */
  const settle = () => {
    if (closing) return;
    for (const { request, text } of aborted.splice(0)) {
      const { frame, navigations: then, replacing } = started.get(request) ?? {};
      // A request with no frame (a worker's) has no document to be replaced: its abort counts.
      const superseded =
        frame !== undefined &&
        (frame.isDetached() || frame.page().isClosed() || replacing || (navigations.get(frame) ?? 0) > then);
      if (!superseded) failures.push(text);
    }
    closing = true;
  };
  return Object.assign(problems, { failures, settle });
}

/**
 * A watched test: every context added is watched with the test's `failing` and closed at its end (settled first, so
 * the aborts its closing causes are not held against the app); `check` then fails on anything unexpected.
 */
function openScope({ allow = [], failing = [] } = {}) {
  const watched = [];
  const scope = {
    add(context) {
      const problems = watch(context, { failing });
      const close = context.close.bind(context);
      // A test that closes a context itself (as writers #3 does) stops its recording at that moment, too.
      context.close = (options) => {
        problems.settle();
        return close(options);
      };
      watched.push({ context, problems });
      watchers.set(context, problems);
    },
    /**
     * Lets every open page run what it has queued (when `drained`: only after a body that finished, as a hung page
     * would hang the drain), then settles and closes every context.
     */
    async close({ drained = true } = {}) {
      if (drained) for (const { context } of watched) await drain(context);
      for (const { context, problems } of watched) {
        problems.settle();
        await context.close().catch(() => {}); // closing twice is harmless
      }
    },
    /** Fails on any console error, warning or page error outside `allow`, and on any failure outside `failing`. */
    check() {
      const unexpected = watched.flatMap(({ problems }) => [
        ...problems.filter((p) => !allow.some((pattern) => pattern.test(p))),
        ...problems.failures,
      ]);
      assert.deepEqual(unexpected, [], 'no console errors, warnings, page errors, failed requests or error responses');
    },
  };
  return scope;
}

/**
 * Lets every open page of a context run what it has queued (two rounds of tasks: a timer set by a task runs too),
 * so errors logged after a test's last assertion are still caught. Timers, not animation frames: a background tab
 * gets no frames.
 */
async function drain(context) {
  for (const page of context.pages()) {
    await page
      .evaluate(() => new Promise((ok) => setTimeout(() => setTimeout(ok, 0), 0)))
      .catch(() => {}); // a page that is closing has nothing left to log
  }
}

/**
 * The fixture of every end-to-end test file: one static server (unless `serve: false`) and one browser per file,
 * and for each test a fresh context (its own storage) watched on every page, and every other context the test opens
 * watched the same way (see `launch` and `watch`). `suite.test(name, body, { allow, failing, context })` runs
 * `body({ context, page, problems, server, browser })` (`context`: more options for the browser context, such as
 * `timezoneId`), then checks that nothing but the `allow` patterns was logged and that no request failed or got an
 * error status but the `failing` ones (see `watch`), and closes the contexts in every case.
 */
export function suite({ serve: serveOptions = {} } = {}) {
  const env = { server: null, browser: null };
  before(async () => {
    if (serveOptions !== false) env.server = await serve(serveOptions.root ?? DIST, serveOptions);
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });

  /** Runs `body` in a fresh watched context; see above. */
  env.withContext = async (
    body,
    { allow = [], failing = [], viewport = { width: 1200, height: 900 }, context: options = {} } = {},
  ) => {
    const scope = openScope({ allow, failing });
    scopes.push(scope);
    let finished = false;
    try {
      // English unless a test asks for another language: the browser's own default differs between machines.
      const context = await env.browser.newContext({ viewport, acceptDownloads: true, locale: 'en-US', ...options });
      const page = await context.newPage();
      const result = await body({ context, page, problems: watchers.get(context), server: env.server, browser: env.browser });
      finished = true;
      return result;
    } finally {
      scopes.splice(scopes.indexOf(scope), 1);
      await scope.close({ drained: finished });
      if (finished) scope.check();
    }
  };
  // Each test gets two minutes: a hung page fails its test instead of hanging the run.
  env.test = (name, body, options) => test(name, { timeout: TEST_TIMEOUT }, () => env.withContext(body, options));
  return env;
}

/** Polls `probe` until it returns a truthy value or `timeout` ms pass; returns the value or throws `message`. */
export async function waitFor(probe, message, timeout = 5000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`${message} (last: ${last instanceof Error ? last.message : last})`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

/** Waits until the locator's count equals `n`. */
export function waitCount(locator, n, message) {
  return waitFor(async () => (await locator.count()) === n, message ?? `expected ${n} matches`);
}

/** Every localStorage entry of the page's origin, as one comparable string. */
export function storageSnapshot(page) {
  return page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
}

/**
 * Fills the origin's localStorage quota until `room` characters are left (0: to the last character); returns the
 * filler keys, so a test can free the space again.
 */
export function fillQuota(page, room = 0) {
  return page.evaluate((room) => {
    const keys = [];
    const spare = 'x'.repeat(room);
    // Reserve the room first, so the fillers leave exactly that much.
    if (room > 0) localStorage.setItem('reserved-room', spare);
    for (const size of [1_000_000, 100_000, 10_000, 1_000, 100, 10, 1]) {
      const chunk = 'x'.repeat(size);
      for (;;) {
        const key = `filler-${keys.length}`;
        try {
          localStorage.setItem(key, chunk);
          keys.push(key);
        } catch {
          break;
        }
      }
    }
    if (room > 0) localStorage.removeItem('reserved-room');
    return keys;
  }, room);
}

/** Customers the app stored, read by a second, independent reader of the stored format; unreadable values (a test's
 * broken records) are left out. */
export function storedCustomers(page, prefix = 'customer-accounts') {
  return page.evaluate(`(${readStore.toString()})(${JSON.stringify(prefix)})`);
}

/** Fills the add form's fields: an object of label → value; selects are chosen by option value. */
export async function fillForm(page, values) {
  for (const [label, value] of Object.entries(values)) {
    const control = page.getByLabel(label, { exact: true });
    const tag = await control.evaluate((e) => e.tagName);
    if (tag === 'SELECT') {
      await control.selectOption(value);
    } else {
      await control.fill(value);
    }
  }
}

export const CHINA = addFormValues('Contoso 北京', 'Contoso', 'li.wei@contoso.cn');

export const UNITED_STATES = {
  'Company name': 'Fabrikam, Inc.',
  'Domain prefix': 'fabrikam',
  'Country/region': 'US',
  'Address line 1': '1 Microsoft Way',
  City: 'Redmond',
  'State or province': 'Washington',
  'Postal code': '98052-6399',
  'First name': 'Dana',
  'Last name': "O'Neil",
  Email: 'dana@fabrikam.com',
  Phone: '(425) 555-0100',
};

export const GERMANY = {
  'Company name': 'Wingtip Toys GmbH',
  'Domain prefix': 'wingtiptoys',
  'Country/region': 'DE',
  'Address line 1': 'Walter-Gropius-Straße 5',
  City: 'München',
  'Postal code': '80807',
  'First name': 'Jürgen',
  'Last name': 'Müller',
  Email: 'juergen.mueller@wingtiptoys.de',
  Language: 'de-DE',
};

/**
 * Adds a customer through the whole flow, as a person would, and returns the confirmation's text. `scope` is a page
 * or an embedded element's locator; with `url` the page opens the add form there, otherwise the scope's own "Add
 * customer" link is followed (as inside an element).
 */
export async function addCustomer(scope, values, { url } = {}) {
  if (url !== undefined) {
    await scope.goto(`${url}#/customers/new`);
  } else {
    await scope.getByRole('link', { name: 'Add customer' }).first().click();
  }
  await scope.getByRole('heading', { level: 1, name: 'Add customer' }).waitFor();
  await fillForm(scope, values);
  await scope.getByRole('button', { name: 'Next: Review' }).click();
  await scope.getByRole('heading', { name: 'Review' }).waitFor();
  await scope.getByRole('button', { name: 'Submit' }).click();
  const done = scope.getByRole('heading', { name: 'Customer added' });
  await done.waitFor();
  const text = await scope.locator('main').innerText();
  await scope.getByRole('button', { name: 'Done' }).click();
  await scope.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
  return text;
}

/** Runs `action` (which makes `page` download a file) and returns the file's suggested name and text. */
export async function download(page, action) {
  const started = page.waitForEvent('download');
  await action();
  const file = await started;
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

/**
 * Records the keys of every localStorage write that succeeds in the page from its next load on; resolves to a
 * function that returns them. All-or-nothing tests use it to show that something was written, then taken back.
 */
export async function recordWrites(page) {
  await page.addInitScript(() => {
    const writes = [];
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      setItem.call(this, key, value);
      writes.push(String(key));
    };
    window.__writes = writes;
  });
  return () => page.evaluate(() => window.__writes);
}

/**
 * Adds the China customer, removes it from its details page (agreeing to the question), and returns the customer as
 * it was stored and the status region that offers "Undo".
 */
export async function addThenRemove(page, server) {
  await addCustomer(page, CHINA, { url: server.url });
  const [original] = await storedCustomers(page);
  await page.getByRole('link', { name: CHINA['Company name'] }).click();
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Remove customer' }).click();
  const status = page.getByRole('status').filter({ hasText: `Removed \u2068${CHINA['Company name']}\u2069.` });
  await status.waitFor();
  return { original, status };
}

/** axe-core's script, read the first time a test asks for it. */
let axeSource;

/** axe-core's violations on the page as it is now: WCAG 2.1 A and AA, best practices, and WCAG 2.2's target size
 * (every control at least 24 by 24 px, or spaced as if it were). */
export async function axeViolations(page) {
  axeSource ??= await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ content: axeSource });
  const found = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  }));
  return found.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

/** The strict Content-Security-Policy the app must run under: no inline script or style, no eval but wasm's. */
export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "object-src 'none'; base-uri 'none'";

/** Records CSP violations from the first moment of every document of the page. */
export async function recordViolations(page) {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener(
      'securitypolicyviolation',
      (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
      true,
    );
  });
  return () => page.evaluate(() => window.__violations);
}
