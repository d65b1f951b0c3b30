// Delivery: dist/ from a sub-path of a plain static server, embedded in a hostile host page as two elements, under
// a strict Content-Security-Policy, and the single-file offline build opened from file:// with the network cut.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHINA, DIST, addCustomer, fillForm, launch, openPage, serve, storedCustomers, waitFor } from './harness.mjs';

const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "object-src 'none'; base-uri 'none'";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Records CSP violations from the first moment of every document of the page. */
async function recordViolations(page) {
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

test('dist/ works from a sub-path of a static server: deep links and reloads, every URL relative', async () => {
  const base = '/portal/apps/customers/';
  const server = await serve(DIST, { base });
  try {
    const { context, page, problems } = await openPage(browser);
    await addCustomer(page, server.url, CHINA);
    const [customer] = await storedCustomers(page);
    assert.ok(customer, 'the customer was stored');

    const deep = await context.newPage();
    await deep.goto(`${server.url}#/customers/${customer.id}`);
    await deep.getByRole('heading', { level: 1, name: CHINA['Company name'] }).waitFor();
    await deep.reload();
    await deep.getByRole('heading', { level: 1, name: CHINA['Company name'] }).waitFor();
    assert.equal(await deep.title(), `${CHINA['Company name']} – Customer Accounts`);

    const outside = server.requests.filter((path) => !path.startsWith(base));
    assert.deepEqual(outside, [], 'every request stays under the sub-path');
    assert.deepEqual(problems, []);
    await context.close();
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

test('the standalone page runs under a strict CSP with no violation: add, edit, export', async () => {
  const server = await serve(DIST, { headers: { 'content-security-policy': CSP } });
  try {
    const { context, page, problems } = await openPage(browser);
    const violations = await recordViolations(page);
    await addCustomer(page, server.url, CHINA);
    await page.getByRole('link', { name: CHINA['Company name'] }).click();
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel('City', { exact: true }).fill('Haidian');
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('heading', { level: 1, name: CHINA['Company name'] }).waitFor();
    await page.getByRole('link', { name: 'Customers' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export JSON' }).click();
    assert.equal((await download).suggestedFilename(), 'customers.json');
    assert.deepEqual(await violations(), []);
    assert.deepEqual(problems, []);
    await context.close();
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

test('embedded: two independent elements in a hostile host page under a strict CSP', async () => {
  const server = await serve(DIST, {
    base: '/apps/customers/',
    headers: { 'content-security-policy': CSP },
    pages: { '/portal/index.html': HOST_PAGE, '/portal/hostile.css': HOSTILE_CSS },
  });
  try {
    const { context, page, problems } = await openPage(browser);
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

    // Add in one element, through the whole flow.
    await china.getByRole('link', { name: 'Add customer' }).first().click();
    await china.getByRole('heading', { level: 1, name: 'Add customer' }).waitFor();
    await fillForm(china, CHINA);
    await china.getByRole('button', { name: 'Next: Review' }).click();
    await china.getByRole('button', { name: 'Submit' }).click();
    await china.getByRole('heading', { name: 'Customer added' }).waitFor();
    await china.getByRole('button', { name: 'Done' }).click();
    await china.getByRole('link', { name: CHINA['Company name'] }).waitFor();

    // The other element has its own storage and cloud.
    await global.getByRole('heading', { name: 'No customers yet' }).waitFor();
    await global.getByRole('link', { name: 'Add customer' }).first().click();
    await fillForm(global, { ...CHINA, 'Company name': 'Contoso Global' });
    await global.getByRole('button', { name: 'Next: Review' }).click();
    await global.getByRole('button', { name: 'Submit' }).click();
    await global.getByRole('heading', { name: 'Customer added' }).waitFor();
    assert.match(await global.locator('main').innerText(), /contoso\.onmicrosoft\.com/);
    await global.getByRole('button', { name: 'Done' }).click();
    assert.equal(await china.getByRole('link', { name: 'Contoso Global' }).count(), 0);
    const [chinaCustomer] = await storedCustomers(page, 'team-china');
    const [globalCustomer] = await storedCustomers(page, 'team-global');
    assert.equal(chinaCustomer.companyProfile.domain, 'contoso.partner.onmschina.cn');
    assert.equal(globalCustomer.companyProfile.domain, 'contoso.onmicrosoft.com');
    assert.equal((await storedCustomers(page)).length, 0, 'nothing under the default key');

    // Details and edit inside the element: customer-updated reaches the host.
    await china.getByRole('link', { name: CHINA['Company name'] }).click();
    await china.getByRole('heading', { level: 1, name: CHINA['Company name'] }).waitFor();
    await china.getByRole('link', { name: 'Edit' }).click();
    await china.getByLabel('City', { exact: true }).fill('Haidian');
    await china.getByRole('button', { name: 'Submit' }).click();
    await china.getByRole('heading', { level: 1, name: CHINA['Company name'] }).waitFor();

    const events = await page.evaluate(() => window.__events);
    assert.deepEqual(
      events.map((e) => [e.type, e.detail.companyProfile.domain, e.composed]),
      [
        ['customer-created', 'contoso.partner.onmschina.cn', true],
        ['customer-created', 'contoso.onmicrosoft.com', true],
        ['customer-updated', 'contoso.partner.onmschina.cn', true],
      ],
    );
    assert.equal(events[2].detail.billingProfile.defaultAddress.city, 'Haidian');
    assert.equal(events[0].detail.id, chinaCustomer.id);

    // In-app navigation never touched the host's address or history.
    assert.equal(page.url(), hostUrl);
    assert.equal(await page.evaluate(() => history.length), hostHistory);

    // The host's own link still works, and the apps stay where they were.
    await page.evaluate(() => document.getElementById('host-link').click());
    assert.equal(await page.evaluate(() => location.hash), '#host-anchor');
    await china.getByRole('heading', { level: 1, name: CHINA['Company name'] }).waitFor();

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

    // Removing an element unmounts its app; the other goes on.
    await page.evaluate(() => document.getElementById('china').remove());
    const left = await page.evaluate(() => {
      const element = document.querySelector('customer-accounts');
      return { count: document.querySelectorAll('customer-accounts').length, id: element.id };
    });
    assert.deepEqual(left, { count: 1, id: 'global' });
    await global.getByRole('link', { name: 'Contoso Global' }).click();
    await global.getByRole('heading', { level: 1, name: 'Contoso Global' }).waitFor();
    const detached = await page.evaluate(async () => {
      const element = document.createElement('customer-accounts');
      element.setAttribute('storage-key', 'team-china');
      document.body.append(element);
      await new Promise((ok) => setTimeout(ok, 300));
      const mounted = element.shadowRoot.querySelectorAll('h1').length;
      element.remove();
      return { mounted, after: element.shadowRoot.childElementCount };
    });
    assert.deepEqual(detached, { mounted: 1, after: 0 }, 'mounted again, then emptied on removal');

    assert.deepEqual(await violations(), []);
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await server.close();
  }
});

test('the shipped example host page runs both elements under the strict CSP and shows their events', async () => {
  const server = await serve(DIST, { base: '/apps/customers/', headers: { 'content-security-policy': CSP } });
  try {
    const { context, page, problems } = await openPage(browser);
    const violations = await recordViolations(page);
    await page.goto(`${server.url}embed-example.html`);
    const apps = page.locator('customer-accounts');
    await apps.nth(0).getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    await apps.nth(1).getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    await apps.nth(1).getByRole('button', { name: 'Load demo customers' }).click();
    await apps.nth(1).getByText('Added 12 demo customers.').waitFor();
    assert.equal(await apps.nth(0).getByRole('heading', { name: 'No customers yet' }).count(), 1);
    await apps.nth(1).getByRole('link', { name: 'Add customer' }).first().click();
    await fillForm(apps.nth(1), { ...CHINA, 'Domain prefix': 'examplehost' });
    await apps.nth(1).getByRole('button', { name: 'Next: Review' }).click();
    await apps.nth(1).getByRole('button', { name: 'Submit' }).click();
    await page.getByText('customer-created: Contoso 北京 (examplehost.onmicrosoft.com)').waitFor();
    assert.deepEqual(await violations(), []);
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await server.close();
  }
});

test('an unknown cloud attribute is reported inside the element, not a blank box', async () => {
  const server = await serve(DIST, {
    base: '/apps/customers/',
    pages: {
      '/portal/index.html': HOST_PAGE.replace('cloud="global"', 'cloud="azure-germany"'),
      '/portal/hostile.css': '',
    },
  });
  try {
    const { context, page } = await openPage(browser);
    await page.goto(`${server.origin}/portal/index.html`);
    const alert = page.locator('#global').getByRole('alert');
    await waitFor(async () => /azure-germany/.test(await alert.innerText()), 'the element says why it did not start');
    await page.locator('#china').getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    await context.close();
  } finally {
    await server.close();
  }
});

test('the offline file works from file:// with every network request blocked', async () => {
  const file = pathToFileURL(join(DIST, 'customer-accounts-offline.html')).href;
  const { context, page, problems } = await openPage(browser);
  const requested = [];
  page.on('request', (r) => requested.push(r.url()));
  await context.route(/^(?!file:).*/, (route) => route.abort());
  await addCustomer(page, file, CHINA);
  await page.reload();
  await page.getByRole('link', { name: CHINA['Company name'] }).waitFor();
  const [customer] = await storedCustomers(page);
  assert.equal(customer.companyProfile.domain, 'contoso.partner.onmschina.cn');
  const outside = requested.filter((url) => !url.startsWith('file:') && !url.startsWith('data:'));
  assert.deepEqual(outside, [], 'nothing but the file itself');
  assert.deepEqual(problems, []);
  await context.close();
});
