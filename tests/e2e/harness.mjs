// Shared by the end-to-end tests: a static server for dist/ on 127.0.0.1, Debian's Chromium driven by
// playwright-core (never a downloaded browser), and waits that poll instead of sleeping.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

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
 * extension, HTML otherwise).
 */
export async function serve(root = DIST, { base = '/', headers = {}, pages = {} } = {}) {
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
      res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
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
    close: () => new Promise((ok) => server.close(ok)),
  };
}

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
 * A fresh browser context (its own storage) and page that records console errors and page errors, so a test can
 * assert that normal use logs none.
 */
export async function openPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return { context, page, problems };
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

/** Customers the app stored, parsed. */
export function storedCustomers(page, prefix = 'customer-accounts') {
  return page.evaluate((prefix) => {
    return Object.keys(localStorage)
      .filter((k) => k.startsWith(`${prefix}:customer:`))
      .map((k) => JSON.parse(localStorage.getItem(k)).customer);
  }, prefix);
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

/** Adds a customer through the whole flow, as a person would; returns the confirmation's text. */
export async function addCustomer(page, base, values) {
  await page.goto(`${base}#/customers/new`);
  await page.getByRole('heading', { level: 1, name: 'Add customer' }).waitFor();
  await fillForm(page, values);
  await page.getByRole('button', { name: 'Next: Review' }).click();
  await page.getByRole('heading', { name: 'Review' }).waitFor();
  await page.getByRole('button', { name: 'Submit' }).click();
  const done = page.getByRole('heading', { name: 'Customer added' });
  await done.waitFor();
  const text = await page.locator('main').innerText();
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
  return text;
}
