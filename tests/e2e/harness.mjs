// Shared by the end-to-end tests: a static server for dist/ on 127.0.0.1, Debian's Chromium driven by
// playwright-core (never a downloaded browser), and waits that poll instead of sleeping.
import { createServer } from 'node:http';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readStore } from './stored.mjs';
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

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * Records console errors and warnings and uncaught page errors of every page of a context (tabs, popups and
 * frames a test opens later included), so a test can require that normal use logs none.
 */
export function watch(context) {
  const problems = [];
  context.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
  });
  context.on('weberror', (e) => problems.push(`pageerror: ${e.error().message}`));
  return problems;
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
 * and for each test a fresh context (its own storage) watched for console errors and page errors on every page.
 * `suite.test(name, body, { allow, context })` runs `body({ context, page, problems, server, browser })` (`context`:
 * more options for the browser context, such as `timezoneId`), then checks that nothing but the `allow` patterns was
 * logged, and closes the context in every case.
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
  env.withContext = async (body, { allow = [], viewport = { width: 1200, height: 900 }, context: options = {} } = {}) => {
    // English unless a test asks for another language: the browser's own default differs between machines.
    const context = await env.browser.newContext({ viewport, acceptDownloads: true, locale: 'en-US', ...options });
    const problems = watch(context);
    let finished = false;
    try {
      const page = await context.newPage();
      const result = await body({ context, page, problems, server: env.server, browser: env.browser });
      await drain(context);
      finished = true;
      return result;
    } finally {
      await context.close();
      if (finished) {
        const unexpected = problems.filter((p) => !allow.some((pattern) => pattern.test(p)));
        assert.deepEqual(unexpected, [], 'no console errors, warnings or page errors');
      }
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

export const CHINA = {
  'Company name': 'Contoso 北京',
  'Domain prefix': 'Contoso',
  'Country/region': 'CN',
  'Address line 1': 'No. 1 Zhongguancun East Road',
  City: 'Beijing',
  'State or province': 'Beijing',
  'Postal code': '100080',
  'First name': 'Li',
  'Last name': 'Wei',
  Email: 'li.wei@contoso.cn',
};

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
  const status = page.getByRole('status').filter({ hasText: `Removed ${CHINA['Company name']}.` });
  await status.waitFor();
  return { original, status };
}
