// Partner Center as the source (issue 29): the standalone page, its meta tag pointing at the example proxy
// (examples/partner-center-proxy), which forwards to the contract double (tests/partner-center/double.mjs) with its
// bearer. Everything a person does here goes through the proxy, as it would on a portal.
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';

import { startProxy } from '../../examples/partner-center-proxy/proxy.mjs';
import { startDouble } from '../partner-center/double.mjs';
import { CHINA, DIST, fillForm, suite, waitFor } from './harness.mjs';

const TOKEN = 'double-token';
/** Customers the double starts with: three pages of the app's 500. */
const CUSTOMERS = 1_200;
/** What the browser logs for an answer with an error status, which these tests ask for on purpose. */
const ERROR_STATUS = /Failed to load resource: the server responded with a status of (401|409|412|429|500|502)/;

const env = suite({ serve: false });
const pc = { double: null, proxy: null, dir: null };

before(async () => {
  // The app's files with the meta tag a portal adds to the page it serves.
  pc.dir = await mkdtemp(join(tmpdir(), 'ca-pc-'));
  await cp(DIST, pc.dir, { recursive: true });
  const index = join(pc.dir, 'index.html');
  const html = await readFile(index, 'utf8');
  // (Trunk's minified page has no <head> tag: the tag goes after the charset's.)
  const tagged = html.replace(
    '<meta charset=utf-8>',
    '<meta charset=utf-8><meta name="customer-accounts-source" content="partner-center /partner-center/">',
  );
  assert.notEqual(tagged, html, 'the meta tag is in the page');
  await writeFile(index, tagged);
  // A portal's page with the element.
  await writeFile(
    join(pc.dir, 'portal.html'),
    `<!doctype html><html lang="en"><title>Portal</title><link rel="icon" href="data:,"><script type="module" src="./embed.js"></script>
<h1>Portal</h1><customer-accounts source="partner-center" api-base="/partner-center/"></customer-accounts>`,
  );
  pc.double = await startDouble({ customers: CUSTOMERS, token: TOKEN });
  pc.proxy = await startProxy({ endpoint: pc.double.url, token: TOKEN, port: 0, staticDir: pc.dir });
});

after(async () => {
  await pc.proxy?.close();
  await pc.double?.close();
  if (pc.dir) await rm(pc.dir, { recursive: true, force: true });
});

/** The page on the proxy's origin, fresh from the double's first state (answering after `latencyMs`). */
async function open(page, hash = '#/customers', latencyMs = 0) {
  pc.double.reset();
  pc.double.configure({ latencyMs });
  await page.goto(`${pc.proxy.url}/${hash}`);
}

/** The customer list's count line ("1,200 customers"). */
const count = (page) => page.locator('.count').textContent();

/** Waits for the listing to end, with every customer listed. */
async function listed(page, n = CUSTOMERS) {
  await waitFor(
    async () => (await page.locator('.remote-count').textContent()).includes(`All ${n.toLocaleString('en-US')} customers listed`),
    'the listing ends with every customer',
    30_000,
  );
}

env.test('lists every page through the proxy, with progress, and hides what Partner Center cannot do', async ({ page }) => {
  {
    await open(page, '#/customers', 150);
    // While pages arrive: a progress bar with a name, the count so far, and Cancel.
    const bar = page.getByRole('progressbar', { name: 'Customers listed' });
    await bar.waitFor();
    assert.match(await bar.getAttribute('aria-valuetext'), /Listing customers from Partner Center: [\d,]+ so far/);
    await page.getByRole('button', { name: 'Cancel' }).waitFor();
    await listed(page);
    assert.equal(await bar.count(), 0, 'the bar goes when the listing ends');
    assert.equal(await count(page), '1,200 customers');
    // Three pages of 500: the first, then two with the continuation token.
    const lists = pc.double.requests.filter((r) => r.method === 'GET' && r.url.startsWith('/v1/customers?'));
    assert.equal(lists.length, 3, JSON.stringify(lists.map((r) => r.url)));
    assert.equal(lists.filter((r) => r.headers['ms-continuationtoken']).length, 2);
    // Every call carried the proxy's bearer, never the browser's cookie.
    assert.ok(pc.double.requests.every((r) => r.headers.authorization === `Bearer ${TOKEN}`));
    // No Import, Export, demo data or "Remove all data" here.
    for (const name of ['Export JSON', 'Export CSV', 'Load demo customers', 'Remove all data']) {
      assert.equal(await page.getByRole('button', { name }).count(), 0, name);
    }
    assert.equal(await page.getByLabel('Import JSON').isVisible(), false, 'Import JSON');
    await page.getByRole('button', { name: 'Refresh' }).waitFor();
  }
});

env.test('Cancel stops the listing between pages and keeps what was listed', async ({ page }) => {
  {
    await open(page, '#/customers', 400);
    await waitFor(async () => /[1-9][\d,]* so far/.test(await page.locator('.remote-count').textContent()), 'a first page');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await waitFor(
      async () => /Listing stopped: [\d,]+ customers listed so far/.test(await page.locator('.remote-count').textContent()),
      'the listing says it stopped',
    );
    const shown = Number((await count(page)).replace(/\D/g, ''));
    assert.ok(shown > 0 && shown < CUSTOMERS, `${shown} listed`);
    // Refresh lists them all.
    await page.getByRole('button', { name: 'Refresh' }).click();
    await listed(page);
  }
});

env.test('opens a customer fetched whole, and saves an edit with If-Match', async ({ page }) => {
  await open(page);
  await listed(page);
  const first = page.locator('table.customers tbody tr').first().getByRole('link');
  const name = await first.textContent();
  await first.click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  // The billing profile came with the customer: the address is there.
  await page.getByRole('heading', { name: 'Billing address' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Remove customer' }).count(), 0, 'Partner Center never removes');
  await page.getByRole('link', { name: 'Edit' }).click();
  const city = page.getByLabel('City', { exact: true });
  await city.fill('Hangzhou');
  await page.getByRole('button', { name: 'Submit' }).click();
  await page.getByText('Changes saved.').waitFor();
  const put = pc.double.requests.find((r) => r.method === 'PUT');
  assert.ok(put?.headers['if-match'], 'the save names the version it changes');
  const id = put.url.split('/')[3];
  assert.equal(pc.double.state.customers.get(id).billingProfile.defaultAddress.city, 'Hangzhou');
});

env.test(
  'a conflicting edit (412) shows the newer values, and Overwrite saves over them',
  async ({ page }) => {
    await open(page);
    await listed(page);
    const link = page.locator('table.customers tbody tr').nth(1).getByRole('link');
    await link.click();
    await page.getByRole('link', { name: 'Edit' }).click();
    const id = page.url().split('/').at(-2);
    await page.getByLabel('City', { exact: true }).fill('Suzhou');
    // Another person saves first.
    const theirs = pc.double.state.customers.get(id);
    pc.double.putCustomer({
      id,
      billingProfile: { defaultAddress: { ...theirs.billingProfile.defaultAddress, city: 'Nanjing' } },
    });
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('button', { name: 'Review newer values' }).waitFor();
    await page.getByRole('button', { name: 'Overwrite with my changes' }).click();
    await page.getByText('Changes saved.').waitFor();
    assert.equal(pc.double.state.customers.get(id).billingProfile.defaultAddress.city, 'Suzhou');
    assert.ok(pc.double.requests.some((r) => r.method === 'PUT' && r.status === 412), 'the first save was refused');
  },
  { allow: [ERROR_STATUS] },
);

env.test('adds a customer in Partner Center and shows the sign-in it made', async ({ page }) => {
  await open(page, '#/customers/new');
  await fillForm(page, { ...CHINA, 'Domain prefix': 'contosonew' });
  await page.getByRole('button', { name: 'Next: Review' }).click();
  await page.getByRole('button', { name: 'Submit' }).click();
  await page.getByRole('heading', { name: 'Customer added' }).waitFor();
  const created = [...pc.double.state.customers.values()].find(
    (c) => c.companyProfile.domain === 'contosonew.partner.onmschina.cn',
  );
  assert.ok(created, 'Partner Center has the customer');
  const posts = pc.double.requests.filter((r) => r.method === 'POST');
  assert.equal(posts.length, 1);
  // The sign-in is Partner Center's answer's, shown once.
  const credentials = await page.locator('.credential').allTextContents();
  assert.equal(credentials.length, 2);
  assert.match(credentials[0], /@contosonew\.partner\.onmschina\.cn$/);
  assert.ok(credentials[1].length >= 8);
});

env.test(
  'a create that timed out is sent again with the same request id and makes one customer',
  async ({ page }) => {
    await open(page, '#/customers/new');
    // The first try is handled, and its answer lost: the app tries again after a second.
    pc.double.fault({ method: 'POST', kind: 'destroy', handled: true });
    await fillForm(page, { ...CHINA, 'Domain prefix': 'retried' });
    await page.getByRole('button', { name: 'Next: Review' }).click();
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('heading', { name: 'Customer added' }).waitFor({ timeout: 15_000 });
    const posts = pc.double.requests.filter((r) => r.method === 'POST');
    assert.equal(posts.length, 2, 'tried twice');
    assert.equal(posts[0].headers['ms-requestid'], posts[1].headers['ms-requestid']);
    const made = [...pc.double.state.customers.values()].filter(
      (c) => c.companyProfile.domain === 'retried.partner.onmschina.cn',
    );
    assert.equal(made.length, 1, 'one customer');
  },
  { allow: [ERROR_STATUS, /Failed to load resource: net::ERR_/] },
);

env.test(
  'a malformed page is said, and nothing is taken from it',
  async ({ page }) => {
    pc.double.reset();
    pc.double.fault({ method: 'GET', path: /^\/v1\/customers\?size=500$/, kind: 'malformed' });
    await page.goto(`${pc.proxy.url}/#/customers`);
    await page.getByRole('alert').filter({ hasText: "Partner Center's answer could not be read" }).waitFor();
    assert.equal(await count(page), 'No customers');
  },
);

env.test(
  'a bad api-base is said in place of the listing, and nothing is fetched',
  async ({ page }) => {
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.route('**/index.html', async (route) => route.fulfill({ response: await route.fetch() }));
    await page.goto(`${pc.proxy.url}/`);
    await page.evaluate(() => 1);
    // Served with a meta tag whose base another site could answer: refused by name.
    const html = (await readFile(join(pc.dir, 'index.html'), 'utf8')).replace('/partner-center/', '//evil.example/');
    await page.route(`${pc.proxy.url}/`, (route) => route.fulfill({ body: html, contentType: 'text/html' }));
    await page.goto(`${pc.proxy.url}/`);
    await page.getByRole('alert').filter({ hasText: '//evil.example/' }).waitFor();
    assert.ok(!requests.some((u) => u.includes('evil.example')));
  },
);

env.test(
  'a 429 waits its Retry-After, says Partner Center is busy, and the listing goes on',
  async ({ page }) => {
    pc.double.reset();
    pc.double.fault({ method: 'GET', path: /seekOperation=Next/, status: 429, retryAfter: 2 });
    await page.goto(`${pc.proxy.url}/#/customers`);
    await page.getByText('Partner Center is busy; trying again in 2 s').waitFor();
    await listed(page);
    assert.equal(await page.getByText('Partner Center is busy').count(), 0, 'said only while waiting');
    const next = pc.double.requests.filter((r) => r.url.includes('seekOperation=Next'));
    assert.equal(next[0].status, 429);
    assert.equal(next[0].headers['ms-continuationtoken'], next[1].headers['ms-continuationtoken'], 'the same page asked again');
  },
  { allow: [ERROR_STATUS] },
);

env.test(
  'a session that ended (401) is said on the customer, and nothing is shown from before',
  async ({ page }) => {
    await open(page);
    await listed(page);
    pc.double.fault({ method: 'GET', path: /^\/v1\/customers\/[0-9a-f-]{36}$/, status: 401 });
    await page.locator('table.customers tbody tr').first().getByRole('link').click();
    await page.getByRole('alert').filter({ hasText: 'Your portal session has ended' }).waitFor();
  },
  { allow: [ERROR_STATUS] },
);

env.test(
  'offline, an edit keeps every typed value, says a connection is needed, and saves once back online',
  async ({ page, context }) => {
    await open(page);
    await listed(page);
    await page.locator('table.customers tbody tr').first().getByRole('link').click();
    await page.getByRole('heading', { name: 'Billing address' }).waitFor();
    await page.getByRole('link', { name: 'Edit' }).click();
    const city = page.getByLabel('City', { exact: true });
    await city.fill('Xiamen');
    // The page's own files are in the service worker's cache by then (it installs after the first paint).
    await page.evaluate(() => navigator.serviceWorker.ready);
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('alert').filter({ hasText: 'No connection to Partner Center' }).waitFor({ timeout: 20_000 });
    assert.equal(await city.inputValue(), 'Xiamen', 'the typed value stays');
    await context.setOffline(false);
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByText('Changes saved.').waitFor();
  },
  {
    allow: [ERROR_STATUS, /net::ERR_INTERNET_DISCONNECTED/],
    // The save's tries while the network is gone.
    failing: [/^\/partner-center\/v1\/customers\/[0-9a-f-]{36}\/profiles\/billing$/],
  },
);

env.test('a search while the list is incomplete asks Partner Center, and finds a customer not listed yet', async ({ page }) => {
  await open(page, '#/customers', 400);
  await waitFor(async () => /[1-9][\d,]* so far/.test(await page.locator('.remote-count').textContent()), 'a first page');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByText(/Listing stopped/).waitFor();
  // The last customer Partner Center lists: on its third page, never fetched.
  const last = pc.double.state.customers.get(pc.double.state.order.at(-1));
  const name = last.companyProfile.companyName;
  const table = page.locator('table.customers tbody');
  assert.equal(await table.getByText(name, { exact: true }).count(), 0, 'not listed yet');
  await page.getByLabel('Search customers').fill(name);
  await table.getByText(name, { exact: true }).first().waitFor();
  const filters = pc.double.requests.filter((r) => r.url.includes('filter='));
  assert.ok(filters.length >= 1, 'the API was asked');
  assert.ok(decodeURIComponent(filters[0].url).includes('"Operator":"starts_with"'));
});

env.test("another person's new customer and rename appear after Refresh", async ({ page }) => {
  await open(page);
  await listed(page);
  const added = pc.double.putCustomer({});
  const renamedId = pc.double.state.order[0];
  pc.double.putCustomer({ id: renamedId, companyProfile: { companyName: 'Renamed By A Colleague' } });
  await page.getByRole('button', { name: 'Refresh' }).click();
  await listed(page, CUSTOMERS + 1);
  assert.equal(await count(page), '1,201 customers');
  await page.getByLabel('Search customers').fill(added.companyProfile.companyName);
  await page.locator('table.customers tbody').getByText(added.companyProfile.companyName, { exact: true }).first().waitFor();
  await page.getByLabel('Search customers').fill('Renamed By A Colleague');
  await page.locator('table.customers tbody').getByText('Renamed By A Colleague', { exact: true }).waitFor();
});

env.test(
  'the element: an ended session fires customer-accounts-auth-required, and retry() lists on',
  async ({ page }) => {
    pc.double.reset();
    pc.double.fault({ method: 'GET', path: /^\/v1\/customers\?size=500$/, status: 401 });
    await page.addInitScript(() => {
      window.authRequired = 0;
      document.addEventListener('customer-accounts-auth-required', () => window.authRequired++);
    });
    await page.goto(`${pc.proxy.url}/portal.html`);
    const app = page.locator('customer-accounts');
    await app.getByRole('alert').filter({ hasText: 'Your portal session has ended' }).waitFor();
    assert.equal(await page.evaluate(() => window.authRequired), 1, 'the host is told once');
    // The host signs the reader in again, then:
    await page.evaluate(() => document.querySelector('customer-accounts').retry());
    await waitFor(
      async () => (await app.locator('.remote-count').textContent()).includes('All 1,200 customers listed'),
      'the listing goes on',
      30_000,
    );
    // No Import or demo data in the element either.
    assert.equal(await app.getByLabel('Import JSON').isVisible(), false);
    assert.equal(await app.getByRole('button', { name: 'Remove all data' }).count(), 0);
  },
  { allow: [ERROR_STATUS] },
);
