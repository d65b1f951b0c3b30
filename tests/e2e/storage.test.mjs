// What the browser's storage can do to the app: a full quota, storage blocked outright, data the browser may clear.
import assert from 'node:assert/strict';
import {
  CHINA, UNITED_STATES, addCustomer, addThenRemove, download, fillForm, fillQuota, recordWrites, storageSnapshot,
  storedCustomers, suite, waitFor,
} from './harness.mjs';

const app = suite();

app.test('a full storage refuses the save, keeps every value, and the same Submit works once space is freed', async ({ context, page, server }) => {
  await page.goto(`${server.url}#/customers/new`);
  await page.getByRole('heading', { level: 1, name: 'Add customer' }).waitFor();
  await fillForm(page, CHINA);
  await page.getByRole('button', { name: 'Next: Review' }).click();
  await page.getByRole('heading', { name: 'Review' }).waitFor();

  // Fill the origin's quota to the last character.
  const fillers = await fillQuota(page);
  assert.ok(fillers.length > 0);

  await page.getByRole('button', { name: 'Submit' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'storage' });
  await alert.waitFor();
  assert.match(await alert.innerText(), /full/);
  assert.equal(await page.getByRole('heading', { name: 'Customer added' }).count(), 0);
  assert.equal((await storedCustomers(page)).length, 0, 'nothing half-written');
  assert.match(await page.locator('main').innerText(), /Contoso 北京[\s\S]*100080/, 'the review keeps every value');

  await page.evaluate((keys) => keys.forEach((k) => localStorage.removeItem(k)), fillers);
  await page.getByRole('button', { name: 'Submit' }).click();
  await page.getByRole('heading', { name: 'Customer added' }).waitFor();
  assert.equal((await storedCustomers(page)).length, 1);
});

app.test('with storage blocked the app still works, in memory, and says so', async ({ context, page, server }) => {
  // As in a sandboxed frame or a browser with site data disabled: touching localStorage throws.
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The document is sandboxed.', 'SecurityError');
      },
    });
  });
  await page.goto(server.url);
  await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
  const notice = page.getByRole('alert').filter({ hasText: 'storage' });
  await notice.waitFor();
  assert.match(await notice.innerText(), /blocks storage/);

  await addCustomer(page, CHINA, { url: server.url });
  await page.getByRole('link', { name: 'Contoso 北京' }).waitFor();
});

/** Frees what `fillQuota` filled. */
function free(page, fillers) {
  return page.evaluate((keys) => keys.forEach((k) => localStorage.removeItem(k)), fillers);
}

app.test('a full storage during an edit refuses the save, keeps the typed values, and saves once space is freed', async ({ page, server }) => {
  await addCustomer(page, UNITED_STATES, { url: server.url });
  const [customer] = await storedCustomers(page);
  await page.goto(`${server.url}#/customers/${customer.id}/edit`);
  // Longer than what is stored, so the record cannot fit in the space the old one leaves.
  await page.getByLabel('Address line 2', { exact: true }).fill('Building 92, '.repeat(15).trim());
  const fillers = await fillQuota(page);
  const before = await storageSnapshot(page);
  await page.getByRole('button', { name: 'Submit' }).click();
  await page.getByRole('alert').filter({ hasText: 'full' }).waitFor();
  assert.ok((await storageSnapshot(page)) === before, 'nothing written');
  assert.match(await page.getByLabel('Address line 2', { exact: true }).inputValue(), /^Building 92,/);
  await free(page, fillers);
  await page.getByRole('button', { name: 'Submit' }).click();
  await page.getByRole('heading', { level: 1, name: UNITED_STATES['Company name'], exact: true }).waitFor();
  const [saved] = await storedCustomers(page);
  assert.match(saved.billingProfile.defaultAddress.addressLine2, /^Building 92,/);
  assert.notEqual(saved.billingProfile.attributes.etag, customer.billingProfile.attributes.etag);
});

app.test('a full storage during "Load demo customers" adds none of them, after having written some', async ({ page, server }) => {
  const writes = await recordWrites(page);
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'No customers yet' }).waitFor();
  // Room for a few demo customers (about 130 units each, with the version key), not for all twelve.
  const fillers = await fillQuota(page, 400);
  const before = await storageSnapshot(page);
  await page.getByRole('region', { name: 'No customers yet' }).getByRole('button', { name: 'Load demo customers' }).click();
  await page.getByRole('alert').filter({ hasText: 'full' }).waitFor();
  assert.ok((await storageSnapshot(page)) === before, 'every demo customer written was taken back');
  const written = (await writes()).filter((key) => /^customer-accounts:g[0-9a-f]+$/.test(key));
  assert.ok(written.length >= 1, `some were written before the refusal: ${written.length}`);
  assert.equal(await page.getByRole('heading', { name: 'No customers yet' }).count(), 1);
  await free(page, fillers);
  await page.getByRole('region', { name: 'No customers yet' }).getByRole('button', { name: 'Load demo customers' }).click();
  await page.getByText('Added 12 demo customers.').waitFor();
  assert.equal((await storedCustomers(page)).length, 12);
});

app.test('a full storage during Undo keeps the offer, writes nothing, and Undo works once space is freed', async ({ page, server }) => {
  const { original, status } = await addThenRemove(page, server);
  const fillers = await fillQuota(page);
  const before = await storageSnapshot(page);
  await status.getByRole('button', { name: 'Undo' }).click();
  await page.getByText(/storage for the app is full/).first().waitFor();
  assert.ok((await storageSnapshot(page)) === before, 'nothing written');
  await free(page, fillers);
  await status.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('link', { name: CHINA['Company name'] }).waitFor();
  assert.deepEqual(await storedCustomers(page), [original]);
});

/** Stands in for `navigator.storage` before the app loads: `persisted()` says what `persist()` last answered in this
 * tab (false at first), `persist()` answers `answer`; each call is counted in sessionStorage (it outlives a reload). */
async function stubPersistence(context, answer) {
  await context.addInitScript((answer) => {
    const count = (name) => sessionStorage.setItem(name, String(Number(sessionStorage.getItem(name) ?? 0) + 1));
    Object.defineProperty(navigator, 'storage', {
      configurable: true,
      value: {
        persisted: async () => { count('persisted'); return sessionStorage.getItem('granted') === 'yes'; },
        persist: async () => {
          count('persist');
          if (answer) sessionStorage.setItem('granted', 'yes');
          return answer;
        },
      },
    });
  }, answer);
}

const calls = (page) => page.evaluate(() => ({
  persisted: Number(sessionStorage.getItem('persisted') ?? 0),
  persist: Number(sessionStorage.getItem('persist') ?? 0),
}));

app.test('the first write asks the browser once to keep the customers, and the list says what it answered', async ({ context, page, server }) => {
  await stubPersistence(context, true);
  await page.goto(server.url);
  const line = page.locator('p.keeping');
  await waitFor(async () => (await line.innerText()) === 'This browser may clear your customers when it runs short of space: export them to keep a copy.', 'not kept yet');
  assert.equal((await calls(page)).persist, 0, 'the list only asks whether the data is kept');
  assert.ok((await calls(page)).persisted >= 1);
  await addCustomer(page, CHINA);
  await addCustomer(page, UNITED_STATES);
  await waitFor(async () => (await line.innerText()) === 'This browser keeps your customers until you remove them.', 'kept');
  assert.equal((await calls(page)).persist, 1, 'two adds, one request');
  await page.reload();
  await waitFor(async () => (await line.innerText()) === 'This browser keeps your customers until you remove them.', 'kept after a reload');
  await addCustomer(page, { ...CHINA, 'Company name': 'Contoso 上海', 'Domain prefix': 'contososh' });
  await page.getByRole('link', { name: 'Contoso 上海' }).waitFor();
  assert.equal((await calls(page)).persist, 1, 'a browser that keeps the data is not asked again');
});

app.test('after 7 days without an export the list suggests one, with why; Export JSON or CSV ends it, Dismiss puts it off a week', async ({ context, page, server }) => {
  await stubPersistence(context, false);
  const DAY = 24 * 60 * 60 * 1000;
  const start = Date.parse('2026-12-01T09:00:00Z');
  await page.clock.setFixedTime(start);
  await addCustomer(page, CHINA, { url: server.url });
  const suggestion = page.locator('.backup');
  const buttons = page.locator('.backup-actions');
  // The count is started by the list's lines about keeping the data, which come in a module of their own: soon after
  // the list shows, not with it.
  await waitFor(
    async () => (await page.evaluate(() => localStorage.getItem('customer-accounts:backup'))) === `- ${start}`,
    'the count starts at the first write',
  );
  // Six days and a bit later: nothing yet.
  await page.clock.setFixedTime(start + 7 * DAY - 60_000);
  await page.reload();
  await page.locator('p.keeping').filter({ hasText: 'may clear' }).waitFor();
  assert.equal(await suggestion.innerText(), '');
  // Seven days after the first write: the suggestion, announced politely, under the browser's refusal, which says why.
  await page.clock.setFixedTime(start + 7 * DAY);
  await page.reload();
  await page.getByRole('status').filter({ hasText: 'No export of your customers in 7 days' }).waitFor();
  assert.equal(await suggestion.getAttribute('role'), 'status');
  assert.equal(await suggestion.innerText(), 'No export of your customers in 7 days: keep a copy outside this browser.');
  assert.equal(await page.locator('p.keeping').innerText(),
    'This browser may clear your customers when it runs short of space: export them to keep a copy.');
  // Its "Export JSON" downloads the customers and ends it; the focus goes to the toolbar's.
  const file = await download(page, () => buttons.getByRole('button', { name: 'Export JSON' }).click());
  assert.equal(JSON.parse(file.text).items.length, 1);
  await waitFor(async () => (await suggestion.innerText()) === '' && !(await buttons.isVisible()), 'the suggestion goes');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'ca-export-json');
  await page.reload();
  await page.locator('p.keeping').waitFor();
  assert.equal(await suggestion.innerText(), '', 'an export counts for the next visits');
  // A week after the export it is back; Dismiss puts it off for another week.
  await page.clock.setFixedTime(start + 14 * DAY);
  await page.reload();
  await buttons.getByRole('button', { name: 'Dismiss' }).click();
  await waitFor(async () => (await suggestion.innerText()) === '', 'dismissed');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'ca-export-json');
  await page.clock.setFixedTime(start + 21 * DAY - 60_000);
  await page.reload();
  await page.locator('p.keeping').waitFor();
  assert.equal(await suggestion.innerText(), '');
  // Then an "Export CSV" from the toolbar ends it as well. In Safari it says why Safari clears data.
  await page.clock.setFixedTime(start + 21 * DAY);
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'vendor', { get: () => 'Apple Computer, Inc.' }));
  await page.reload();
  await suggestion.filter({ hasText: 'Safari deletes what a site stores after 7 days of use without a visit to it.' }).waitFor();
  await download(page, () => page.getByRole('button', { name: 'Export CSV' }).click());
  await waitFor(async () => (await suggestion.innerText()) === '', 'a CSV export ends it too');
});
