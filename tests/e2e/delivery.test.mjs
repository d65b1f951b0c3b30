// Delivery: dist/ from a sub-path of a plain static server, embedded in a hostile host page as two elements, under
// a strict Content-Security-Policy, and the single-file offline build opened from file:// with the network cut.
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { customerGenerator, partnerCenterJson } from '../../bench/generate.mjs';
import { CHINA, CSP, DIST, addCustomer, fillForm, isModule, recordViolations, serve, storageSnapshot, storedCustomers, suite, waitFor } from './harness.mjs';

// Each test serves dist/ its own way.
const app = suite({ serve: false });

app.test('dist/ works from a sub-path of a static server: deep links and reloads, every URL relative', async ({ context, page }) => {
  const base = '/portal/apps/customers/';
  const server = await serve(DIST, { base });
  try {
    await addCustomer(page, CHINA, { url: server.url });
    const [customer] = await storedCustomers(page);
    assert.ok(customer, 'the customer was stored');

    const deep = await context.newPage();
    await deep.goto(`${server.url}#/customers/${customer.id}`);
    await deep.getByRole('heading', { level: 1, name: CHINA['Company name'], exact: true }).waitFor();
    await deep.reload();
    await deep.getByRole('heading', { level: 1, name: CHINA['Company name'], exact: true }).waitFor();
    assert.equal(await deep.title(), `\u2068${CHINA['Company name']}\u2069 – Customer Accounts`);

    const outside = server.requests.filter((path) => !path.startsWith(base));
    assert.deepEqual(outside, [], 'every request stays under the sub-path');
  } finally {
    await server.close();
  }
  // No absolute URL anywhere in what is served.
  for (const name of await readdir(DIST)) {
    if (!/\.(html|js|css)$/.test(name) || name === 'customer-accounts-offline.html') continue;
    const text = await readFile(join(DIST, name), 'utf8');
    assert.doesNotMatch(text, /(src|href)\s*=\s*["']\//, `${name} has an absolute URL`);
  }
});

app.test('the standalone page runs under a strict CSP with no violation: add, edit, export', async ({ context, page }) => {
  const server = await serve(DIST, { headers: { 'content-security-policy': CSP } });
  try {
    const violations = await recordViolations(page);
    await addCustomer(page, CHINA, { url: server.url });
    await page.getByRole('link', { name: CHINA['Company name'] }).click();
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel('City', { exact: true }).fill('Haidian');
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('heading', { level: 1, name: CHINA['Company name'], exact: true }).waitFor();
    await page.getByRole('link', { name: 'Customers' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export JSON' }).click();
    assert.equal((await download).suggestedFilename(), 'customers.json');
    assert.deepEqual(await violations(), []);
  } finally {
    await server.close();
  }
});

const HOSTILE_CSS = `
* { color: rgb(255, 0, 0) !important; font-family: serif !important; letter-spacing: 3px !important; }
button, input, label, select, a { visibility: hidden !important; }
customer-accounts { color: rgb(255, 0, 0); font: italic 30px serif; }
.page, .actions { border: 5px dashed rgb(255, 0, 0); }
`;

const HOST_PAGE = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Portal</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/portal/hostile.css" />
    <script type="module" src="/apps/customers/embed.js"></script>
  </head>
  <body>
    <h1>Partner portal</h1>
    <a id="host-link" href="#host-anchor">Host link</a>
    <div class="page"><button class="primary" id="host-button">Host button</button></div>
    <customer-accounts id="china" storage-key="team-china"></customer-accounts>
    <customer-accounts id="global" storage-key="team-global" cloud="global"></customer-accounts>
  </body>
</html>`;

app.test('embedded: two independent elements in a hostile host page under a strict CSP', async ({ context, page }) => {
  const server = await serve(DIST, {
    base: '/apps/customers/',
    headers: { 'content-security-policy': CSP },
    pages: { '/portal/index.html': HOST_PAGE, '/portal/hostile.css': HOSTILE_CSS },
  });
  try {
    const violations = await recordViolations(page);
    await page.addInitScript(() => {
      window.__events = [];
      for (const type of ['customer-created', 'customer-updated']) {
        document.addEventListener(type, (e) => window.__events.push({ type, detail: e.detail, composed: e.composed }));
      }
    });
    await page.goto(`${server.origin}/portal/index.html`);
    const china = page.locator('#china');
    const global = page.locator('#global');
    await china.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    await global.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    const hostUrl = page.url();
    const hostHistory = await page.evaluate(() => history.length);

    // Add in one element, through the whole flow; the host's title and focus stay the host's.
    await addCustomer(china, CHINA);
    await china.getByRole('link', { name: CHINA['Company name'] }).waitFor();
    assert.equal(await page.title(), 'Portal', "the host's title is left alone");

    // The other element has its own storage and cloud.
    await global.getByRole('heading', { name: 'No customers yet' }).waitFor();
    const confirmation = await addCustomer(global, { ...CHINA, 'Company name': 'Contoso Global' });
    assert.match(confirmation, /contoso\.onmicrosoft\.com/);
    assert.equal(await china.getByRole('link', { name: 'Contoso Global' }).count(), 0);
    const [chinaCustomer] = await storedCustomers(page, 'team-china');
    const [globalCustomer] = await storedCustomers(page, 'team-global');
    assert.equal(chinaCustomer.companyProfile.domain, 'contoso.partner.onmschina.cn');
    assert.equal(globalCustomer.companyProfile.domain, 'contoso.onmicrosoft.com');
    assert.equal((await storedCustomers(page)).length, 0, 'nothing under the default key');

    // Details and edit inside the element: customer-updated reaches the host.
    await china.getByRole('link', { name: CHINA['Company name'] }).click();
    await china.getByRole('heading', { level: 1, name: CHINA['Company name'], exact: true }).waitFor();
    await china.getByRole('link', { name: 'Edit' }).click();
    await china.getByLabel('City', { exact: true }).fill('Haidian');
    await china.getByRole('button', { name: 'Submit' }).click();
    await china.getByRole('heading', { level: 1, name: CHINA['Company name'], exact: true }).waitFor();

    // Focus moved within the element that was used (on a later frame than the heading's drawing), and never to the
    // other one.
    const focusNow = () => page.evaluate(() => ({
      host: document.activeElement?.id,
      inside: document.getElementById('china').shadowRoot.activeElement?.tagName ?? null,
      other: document.getElementById('global').shadowRoot.activeElement?.tagName ?? null,
    }));
    await waitFor(async () => (await focusNow()).inside === 'H1', 'the heading inside the element has the focus');
    const focus = await focusNow();
    assert.equal(focus.host, 'china');
    assert.notEqual(focus.inside, null);
    assert.equal(focus.other, null);
    assert.equal(await page.title(), 'Portal');

    // Every event carries the whole customer, exactly as stored.
    const events = await page.evaluate(() => window.__events);
    const [updatedCustomer] = await storedCustomers(page, 'team-china');
    assert.deepEqual(
      events.map((e) => [e.type, e.composed]),
      [['customer-created', true], ['customer-created', true], ['customer-updated', true]],
    );
    assert.deepEqual(events[0].detail, chinaCustomer);
    assert.deepEqual(events[1].detail, globalCustomer);
    assert.deepEqual(events[2].detail, updatedCustomer);
    assert.equal(updatedCustomer.billingProfile.defaultAddress.city, 'Haidian');

    // In-app navigation never touched the host's address or history.
    assert.equal(page.url(), hostUrl);
    assert.equal(await page.evaluate(() => history.length), hostHistory);

    // The host's own link still works, and the apps stay where they were.
    await page.evaluate(() => document.getElementById('host-link').click());
    assert.equal(await page.evaluate(() => location.hash), '#host-anchor');
    await china.getByRole('heading', { level: 1, name: CHINA['Company name'], exact: true }).waitFor();

    // Styles cross neither way.
    const inside = await china.getByRole('link', { name: 'Edit' }).evaluate((a) => {
      const style = getComputedStyle(a);
      return { visibility: style.visibility, color: style.color, font: style.fontFamily, spacing: style.letterSpacing };
    });
    assert.equal(inside.visibility, 'visible');
    assert.notEqual(inside.color, 'rgb(255, 0, 0)');
    assert.doesNotMatch(inside.font, /^serif$/);
    assert.equal(inside.spacing, 'normal');
    const hostButton = await page.locator('#host-button').evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.notEqual(hostButton, 'rgb(15, 108, 189)', "the app's button.primary does not style the host's button");

    // The element leaves the host's page as it found it: no service worker (only the standalone page registers
    // one, offline.test.mjs), and not even the script that would register it.
    assert.deepEqual(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
    assert.deepEqual(server.requests.filter((p) => /\/(update|service-worker)\.js$/.test(p)), [], 'no worker was fetched');

    // Removing an element unmounts its app; the other goes on.
    await page.evaluate(() => document.getElementById('china').remove());
    const left = await page.evaluate(() => {
      const element = document.querySelector('customer-accounts');
      return { count: document.querySelectorAll('customer-accounts').length, id: element.id };
    });
    assert.deepEqual(left, { count: 1, id: 'global' });
    await global.getByRole('link', { name: 'Contoso Global' }).click();
    await global.getByRole('heading', { level: 1, name: 'Contoso Global' }).waitFor();
    await page.evaluate(() => {
      const element = document.createElement('customer-accounts');
      element.id = 'again';
      element.setAttribute('storage-key', 'team-china');
      document.body.append(element);
    });
    await page.locator('#again').getByRole('link', { name: CHINA['Company name'] }).waitFor();
    const detached = await page.evaluate(() => {
      const element = document.getElementById('again');
      const mounted = element.shadowRoot.querySelectorAll('h1').length;
      element.remove();
      return { mounted, after: element.shadowRoot.childElementCount };
    });
    assert.deepEqual(detached, { mounted: 1, after: 0 }, 'mounted again, then emptied on removal');

    assert.deepEqual(await violations(), []);
  } finally {
    await server.close();
  }
});

app.test("embedded: the element keeps its own sizes whatever the host page's root font size", async ({ page }) => {
  // Three hosts: a plain page, a portal that sets the common 62.5% root, and one that forces every element to 2px.
  const hosts = {
    plain: '',
    'html { font-size: 62.5% }': 'html { font-size: 62.5%; }',
    '* { font-size: 2px !important }': '* { font-size: 2px !important; }',
  };
  const host = (css) =>
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Portal</title><link rel="icon" href="data:,">' +
    `<style>${css}</style><script type="module" src="/apps/customers/embed.js"></script></head><body>` +
    '<customer-accounts id="app" storage-key="sizes"></customer-accounts></body></html>';
  const server = await serve(DIST, {
    base: '/apps/customers/',
    pages: Object.fromEntries(Object.values(hosts).map((css, i) => [`/portal/${i}.html`, host(css)])),
  });
  try {
    const measured = {};
    for (const [i, name] of Object.keys(hosts).entries()) {
      await page.goto(`${server.origin}/portal/${i}.html`);
      await page.evaluate(() => localStorage.clear());
      await page.reload();
      const app = page.locator('#app');
      await app.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
      const box = (selector) =>
        app.locator(selector).first().evaluate((e) => {
          const r = e.getBoundingClientRect();
          return { width: Math.round(r.width), height: Math.round(r.height), font: getComputedStyle(e).fontSize };
        });
      const sizes = { page: await box('.page'), h1: await box('h1') };
      await app.getByRole('link', { name: 'Add customer' }).first().click();
      await app.getByRole('heading', { level: 1, name: 'Add customer' }).waitFor();
      await fillForm(app, CHINA);
      await app.getByRole('button', { name: 'Next: Review' }).click();
      await app.getByRole('heading', { name: 'Review' }).waitFor();
      await app.getByRole('button', { name: 'Submit' }).click();
      await app.getByRole('heading', { name: 'Customer added' }).waitFor();
      sizes.credential = await box('.credential');
      measured[name] = sizes;
    }
    console.log(`# element sizes by host page: ${JSON.stringify(measured)}`);
    assert.ok(measured.plain.page.width >= 900, `the page is laid out at its own width: ${JSON.stringify(measured.plain)}`);
    assert.ok(measured.plain.credential.width > 100, 'the admin credentials are laid out on a line');
    for (const name of Object.keys(hosts)) {
      assert.deepEqual(measured[name], measured.plain, `the element in a host page with ${name} looks as in a plain one`);
    }
  } finally {
    await server.close();
  }
});

app.test('the shipped example host page runs both elements under the strict CSP and shows their events', async ({ context, page }) => {
  const server = await serve(DIST, { base: '/apps/customers/', headers: { 'content-security-policy': CSP } });
  try {
    const violations = await recordViolations(page);
    await page.goto(`${server.url}embed-example.html`);
    const apps = page.locator('customer-accounts');
    await apps.nth(0).getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    await apps.nth(1).getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    await apps.nth(1).getByRole('region', { name: 'No customers yet' }).getByRole('button', { name: 'Load demo customers' }).click();
    await apps.nth(1).getByText('Added 12 demo customers.').waitFor();
    assert.equal(await apps.nth(0).getByRole('heading', { name: 'No customers yet' }).count(), 1);
    await apps.nth(1).getByRole('link', { name: 'Add customer' }).first().click();
    await fillForm(apps.nth(1), { ...CHINA, 'Domain prefix': 'examplehost' });
    await apps.nth(1).getByRole('button', { name: 'Next: Review' }).click();
    await apps.nth(1).getByRole('button', { name: 'Submit' }).click();
    await page.getByText('customer-created: Contoso 北京 (examplehost.onmicrosoft.com)').waitFor();
    assert.deepEqual(await violations(), []);
  } finally {
    await server.close();
  }
});

app.test('an unknown cloud attribute is reported inside the element, not a blank box', async ({ context, page }) => {
  const server = await serve(DIST, {
    base: '/apps/customers/',
    pages: {
      '/portal/index.html': HOST_PAGE.replace('cloud="global"', 'cloud="azure-germany"'),
      '/portal/hostile.css': '',
    },
  });
  try {
    await page.goto(`${server.origin}/portal/index.html`);
    const alert = page.locator('#global').getByRole('alert');
    await waitFor(async () => /azure-germany/.test(await alert.innerText()), 'the element says why it did not start');
    await page.locator('#china').getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
  } finally {
    await server.close();
  }
}, { allow: [/azure-germany/] });

app.test('the offline file works alone, copied into an empty folder, with every other request aborted', async ({ context, page }) => {
  const folder = await mkdtemp(join(tmpdir(), 'ca-offline-'));
  try {
    const path = join(folder, 'customer-accounts-offline.html');
    await copyFile(join(DIST, 'customer-accounts-offline.html'), path);
    assert.deepEqual(await readdir(folder), ['customer-accounts-offline.html'], 'nothing else beside it');
    const file = pathToFileURL(path).href;
    const requested = [];
    page.on('request', (r) => requested.push(r.url()));
    // Only the page itself may load (and the data: URLs it carries inside).
    await context.route(
      (url) => url.href.split('#')[0] !== file && url.protocol !== 'data:',
      (route) => route.abort(),
    );
    await addCustomer(page, CHINA, { url: file });
    await page.reload();
    await page.getByRole('link', { name: CHINA['Company name'] }).waitFor();
    const [customer] = await storedCustomers(page);
    assert.equal(customer.companyProfile.domain, 'contoso.partner.onmschina.cn');
    const other = requested.filter((url) => url.split('#')[0] !== file && !url.startsWith('data:'));
    assert.deepEqual(other, [], 'nothing but the file itself');
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});

app.test('embedded: changing storage-key or cloud at runtime restarts the element with them', async ({ page }) => {
  const server = await serve(DIST, {
    base: '/apps/customers/',
    headers: { 'content-security-policy': CSP },
    pages: { '/portal/index.html': HOST_PAGE, '/portal/hostile.css': '' },
  });
  try {
    await page.goto(`${server.origin}/portal/index.html`);
    const china = page.locator('#china');
    const global = page.locator('#global');
    await addCustomer(china, CHINA);
    await global.getByRole('heading', { name: 'No customers yet' }).waitFor();

    // The global element switches to the China team's key: it shows that team's customer.
    await page.evaluate(() => document.getElementById('global').setAttribute('storage-key', 'team-china'));
    await global.getByRole('link', { name: CHINA['Company name'] }).waitFor();

    // An unknown cloud is reported in the element; a known one starts it again, with that cloud's domains.
    await page.evaluate(() => document.getElementById('global').setAttribute('cloud', 'azure-germany'));
    await waitFor(async () => /azure-germany/.test(await global.getByRole('alert').innerText()), 'the element says why');
    await page.evaluate(() => {
      const element = document.getElementById('global');
      element.setAttribute('storage-key', 'team-elsewhere');
      element.setAttribute('cloud', 'global');
    });
    await global.getByRole('heading', { name: 'No customers yet' }).waitFor();
    const confirmation = await addCustomer(global, { ...CHINA, 'Domain prefix': 'runtime' });
    assert.match(confirmation, /runtime\.onmicrosoft\.com/);
    assert.equal((await storedCustomers(page, 'team-elsewhere')).length, 1);
    assert.equal((await storedCustomers(page, 'team-china')).length, 1, 'the first key is untouched');
    assert.equal(await page.title(), 'Portal');
  } finally {
    await server.close();
  }
}, { allow: [/azure-germany/] });

// The release build is split (scripts/split.mjs): the list needs only the main module; the pages come in modules
// of their own, fetched when the list has painted.
/** The reader of older stores' module and the shared chunks it may need, as page.route matchers. */
const READER_AND_CHUNKS = (url) => isModule(url) && /\/(chunk_\d+|split_ca_json_reader)-/.test(url.pathname);
const READER = (url) => isModule(url) && url.pathname.includes('/split_ca_json_reader-');
/** The modules that read the store again (the upgrade's). */
const UPGRADERS = (url) => isModule(url) && /\/split_ca_(reload|upgrade)-/.test(url.pathname);
/** What a refused module logs: the browser's failed request and the loader's error. */
const REFUSED = { allow: [/Failed to fetch|ERR_FAILED|Failed to load resource/] };
/**
 * The requests a refusing test makes fail on purpose, for the harness's request check: the modules `pattern` refuses,
 * and `/seed`, the missing page (a 404) whose origin a test seeds storage from.
 */
const refused = (pattern, { seed = false } = {}) => ({ ...REFUSED, failing: [pattern, ...(seed ? ['/seed'] : [])] });

/**
 * Follows the page's module requests from now on: `fetched(name)`, whether a module whose file name starts with
 * `name-` has arrived; `inFlight()`, the module requests neither finished nor failed yet.
 */
function moduleTraffic(page) {
  const open = new Set();
  const arrived = [];
  page.on('request', (r) => isModule(r.url()) && open.add(r));
  page.on('requestfinished', (r) => {
    if (open.delete(r)) arrived.push(r.url().split('/').pop());
  });
  page.on('requestfailed', (r) => open.delete(r));
  return {
    fetched: (name) => arrived.some((file) => file.startsWith(`${name}-`)),
    inFlight: () => [...open].map((r) => r.url().split('/').pop()),
  };
}

/**
 * Resolves once the page has drawn a frame and then been idle: whatever the page had queued (the handling of a module
 * that arrived or failed, the list it would draw) has run and been painted.
 */
const painted = (page) =>
  page.evaluate(
    () => new Promise((ok) => requestAnimationFrame(() => setTimeout(() => requestIdleCallback(() => ok(), { timeout: 2000 }), 0))),
  );

/** Serves dist/ with the modules matching `pattern` refused until `admit()` is called, and runs `body`. */
async function refusing(page, pattern, body) {
  const server = await serve(DIST);
  let refused = true;
  await page.route(pattern, (route) => (refused ? route.abort() : route.continue()));
  try {
    await body(server, () => {
      refused = false;
    });
  } finally {
    await server.close();
  }
}

app.test('split build: the pages\' modules arrive after the list, and then open with the network gone; the export module when the pointer reaches the actions', async ({ page }) => {
  const server = await serve(DIST);
  try {
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    const pages = ['split_ca_add', 'split_ca_details', 'split_ca_edit'];
    await waitFor(
      () => pages.every((m) => server.requests.some((p) => isModule(p) && p.includes(`/${m}-`))),
      'the pages\' modules are fetched once the list has painted, without opening a page',
    );
    await page.waitForLoadState('networkidle');
    // The actions' modules wait until an action is used.
    const fetched = server.requests.filter((p) => isModule(p)).map((p) => p.split('/').pop());
    for (const action of ['split_ca_import', 'split_ca_export', 'split_ca_demo', 'split_ca_json_reader']) {
      assert.ok(!fetched.some((f) => f.startsWith(`${action}-`)), `${action} is not fetched before it is needed`);
    }
    // The export module is fetched when the pointer reaches the actions, before the click that downloads.
    await page.getByRole('button', { name: 'Export CSV' }).hover();
    await waitFor(
      () => server.requests.some((p) => isModule(p) && p.includes('/split_ca_export-')),
      'the export module is fetched when the pointer reaches the actions',
    );
    await page.waitForLoadState('networkidle');
    await page.route('**/*', (route) => route.abort());
    await page.getByRole('link', { name: 'Add customer' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Add customer' }).waitFor();
    await page.getByLabel('Company name', { exact: true }).fill('Offline Ltd');
  } finally {
    await server.close();
  }
  // What the page itself fetches, and when: the service worker fetches every file once the page has painted, to
  // keep them (offline.test.mjs tests it).
}, { context: { serviceWorkers: 'block' }, allow: [/Service Worker registration blocked by Playwright/] });

app.test('split build: a host that serves wasm as application/octet-stream: the app, its pages and its actions still load', async ({ page }) => {
  const server = await serve(DIST, { types: { '.wasm': 'application/octet-stream' } });
  try {
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    await page.getByRole('button', { name: 'Load demo customers' }).first().click();
    await page.getByText('Added 12 demo customers.').waitFor();
    await page.getByRole('link', { name: 'Add customer' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Add customer' }).waitFor();
  } finally {
    await server.close();
  }
}, { allow: [/application\/wasm|MIME type|Incorrect response MIME type/] });

app.test('split build: the list shows without any page module; a page that cannot be fetched says so, and "Try again" opens it', ({ page }) =>
  refusing(page, isModule, async (server, admit) => {
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    await page.getByRole('heading', { name: 'No customers yet' }).waitFor();
    await page.getByRole('link', { name: 'Add customer' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'This page could not be loaded' }).waitFor();
    const alert = await page.locator('main [role="alert"]').innerText();
    assert.match(alert, /Check the network connection, then try again\. Your customers are safe in this browser\./);
    admit();
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add customer' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', 'the page heading has the focus');
  }), refused(isModule));

app.test('split build: a list action whose module cannot be fetched says so and does nothing; then it works', ({ page }) =>
  refusing(page, isModule, async (server, admit) => {
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    await page.getByRole('button', { name: 'Load demo customers' }).first().click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'This action could not be loaded, so nothing was done. Check the network connection, then try again.' })
      .waitFor();
    assert.deepEqual(await storedCustomers(page), [], 'nothing was stored');
    admit();
    await page.getByRole('button', { name: 'Load demo customers' }).first().click();
    await page.getByText('Added 12 demo customers.').waitFor();
    assert.equal((await storedCustomers(page)).length, 12);
  }), refused(isModule));

app.test('split build: a store of the previous format waits for its reader; if it cannot be fetched, its records stay as they are', ({ page }) =>
  refusing(page, READER_AND_CHUNKS, async (server, admit) => {
    // Seeded from a page of the origin without the app, whose background upgrade would otherwise race the seeding.
    await page.goto(`${server.url}seed`);
    // Two customers in format 1, as the previous version wrote them.
    const old = customerGenerator().take(2);
    const records = await page.evaluate((old) => {
      localStorage.clear();
      localStorage.setItem('customer-accounts:meta', '{"schemaVersion":1}');
      const out = {};
      for (const customer of old) {
        const key = `customer-accounts:customer:${customer.id}`;
        localStorage.setItem(key, JSON.stringify({ schemaVersion: 1, customer }));
        out[key] = localStorage.getItem(key);
      }
      return out;
    }, old);
    const [first, second] = old.map((c) => c.companyProfile.companyName);
    const before = await storageSnapshot(page);

    // The reader's module refused: the list shows without them, nothing is called unreadable, nothing is touched.
    const traffic = moduleTraffic(page);
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    // Everything that could still list them, call them unreadable or touch storage has had its chance: the app has
    // said it could not read them, the modules it fetches once the list has painted (the pages' and the upgrade's,
    // which would read them again) have arrived, no module request is left in flight (twice in a row, so a module
    // that asks for the next is not caught between two), and the page has then drawn a frame and been idle.
    await page.getByText('Some customers saved by an older version of this app are not listed yet').waitFor();
    let quiet = 0;
    await waitFor(() => {
      const pages = ['split_ca_add', 'split_ca_details', 'split_ca_edit', 'split_ca_upgrade'].every(traffic.fetched);
      quiet = pages && traffic.inFlight().length === 0 ? quiet + 1 : 0;
      return quiet >= 2;
    }, 'the modules fetched after painting arrive and none stays in flight');
    await painted(page);
    assert.equal(await page.getByText(first).count(), 0, 'the older records are not listed without their reader');
    assert.equal(await page.getByText(/could not be read|can't be read|unreadable/i).count(), 0, 'no record is reported unreadable');
    assert.deepEqual(await storageSnapshot(page), before, 'storage is exactly as it was');

    // With the module there (and slow: held until the list has been seen waiting), the list waits for it rather than
    // showing without them.
    await page.unroute(READER_AND_CHUNKS);
    admit();
    let requested;
    const asked = new Promise((ok) => {
      requested = ok;
    });
    let release;
    const released = new Promise((ok) => {
      release = ok;
    });
    await page.route(READER, async (route) => {
      requested();
      await released;
      await route.continue();
    });
    try {
      await page.reload();
      // The list has had its chance to show without the reader: the app has asked for the reader (and waits for it),
      // every other module it asked for has arrived or failed, and the page has then drawn a frame and been idle.
      await asked;
      quiet = 0;
      await waitFor(() => {
        quiet = traffic.inFlight().every((file) => file.startsWith('split_ca_json_reader-')) ? quiet + 1 : 0;
        return quiet >= 2;
      }, 'only the reader stays in flight');
      await painted(page);
      assert.equal(await page.getByRole('heading', { level: 1, name: 'Customers' }).count(), 0, 'the list waits for the reader');
    } finally {
      release();
    }
    await page.getByRole('link', { name: first, exact: true }).waitFor();
    await page.getByRole('link', { name: second, exact: true }).waitFor();
    await waitFor(
      () => page.evaluate((keys) => keys.every((k) => localStorage.getItem(k) === null), Object.keys(records)),
      'both records moved into their groups',
    );
  }), refused(READER_AND_CHUNKS, { seed: true }));

app.test('split build: older records whose reader arrives but whose read again does not: an import waits for them, and never takes their domains', ({ page }) =>
  // The upgrade's module is refused too: it would read them again itself once the list has painted.
  refusing(page, UPGRADERS, async (server, admit) => {
    await page.goto(`${server.url}seed`);
    // Two customers in format 1, as the previous version wrote them.
    const old = customerGenerator().take(2);
    await page.evaluate((old) => {
      localStorage.clear();
      localStorage.setItem('customer-accounts:meta', '{"schemaVersion":1}');
      for (const customer of old) {
        localStorage.setItem(`customer-accounts:customer:${customer.id}`, JSON.stringify({ schemaVersion: 1, customer }));
      }
    }, old);
    const ids = old.map((c) => c.id).sort();
    const storedIds = async () => (await storedCustomers(page)).map((c) => c.id).sort();

    // The reader arrives, the modules that read the store again do not: the list shows without them, and says so.
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    await page.getByText('Some customers saved by an older version of this app are not listed yet').waitFor();
    assert.equal(await page.getByText(old[0].companyProfile.companyName).count(), 0);

    // A new customer with the domain of an unread older record: the import cannot check against that record yet, so
    // it does nothing and says so.
    const id = '0b1e5c1a-7e57-4c0d-9a11-000000000001';
    const clash = { ...old[0], id, companyProfile: { ...old[0].companyProfile, tenantId: id, companyName: 'Clash Ltd' } };
    const file = { name: 'clash.json', mimeType: 'application/json', buffer: Buffer.from(partnerCenterJson([clash])) };
    await page.getByLabel('Import JSON').setInputFiles(file);
    await page
      .getByRole('alert')
      .filter({ hasText: 'This action could not be loaded, so nothing was done. Check the network connection, then try again.' })
      .waitFor();
    assert.deepEqual(await storedIds(), ids, 'nothing was imported');

    // With the module there, the import reads them first, and refuses the domain they hold.
    admit();
    await page.getByLabel('Import JSON').setInputFiles(file);
    await page.getByRole('alert').filter({ hasText: `A customer with the domain ${old[0].companyProfile.domain} already exists.` }).waitFor();
    await page.getByRole('link', { name: old[0].companyProfile.companyName, exact: true }).waitFor();
    assert.deepEqual(await storedIds(), ids, 'nothing was imported');
    assert.equal(await page.getByText('are not listed yet').count(), 0, 'the notice that they were not read is gone');
  }), refused(UPGRADERS, { seed: true }));
