// 50,000 customers in one browser (issue 8): imported and listed, searched, sorted, the last one reached by scrolling
// and by keyboard, an import cancelled, a near-full store of format 1 upgraded with nothing lost, and a store of
// format 2 (the previous version's groups) rewritten as format 3. The tests that only read 50,000 customers share one
// store (seed.mjs): the first test imports and checks it, the others start from a copy of its localStorage.
import assert from 'node:assert/strict';
import { customerGenerator, partnerCenterJson } from '../../bench/generate.mjs';
import { readFileSync } from 'node:fs';
import { storageSnapshot, storedCustomers, suite, waitFor } from './harness.mjs';
import { groupKey } from './stored.mjs';
import { putStore, seedPages, sharedStore, takeStore } from './seed.mjs';

const app = suite({ serve: { pages: seedPages } });
const N = 50_000;
const customers = customerGenerator().take(N);
const file = Buffer.from(partnerCenterJson(customers));
// The list's order: company name regardless of case, then domain.
const byName = (a, b) => {
  const [x, y] = [a.companyProfile.companyName.toLowerCase(), b.companyProfile.companyName.toLowerCase()];
  if (x !== y) return x < y ? -1 : 1;
  return a.companyProfile.domain < b.companyProfile.domain ? -1 : 1;
};
const sorted = [...customers].sort(byName);

async function importAll(page, server) {
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'No customers yet' }).waitFor();
  await page.getByLabel('Import JSON').setInputFiles({ name: 'customers.json', mimeType: 'application/json', buffer: file });
  await page.getByText('Imported 50,000 customers.').waitFor({ timeout: 60_000 });
}

// The 50,000 imported, as localStorage holds them: kept by the first test once it has checked every record, or
// imported here (in a context of its own, watched like a test's) when that test did not run first.
const imported = sharedStore(() =>
  app.withContext(async ({ page, server }) => {
    await importAll(page, server);
    return takeStore(page);
  }),
);

/** Opens the app on a copy of the 50,000 imported customers, listed. */
async function openImported(page, server) {
  await putStore(page, server, await imported.get());
  await page.goto(server.url);
  await page.getByText('50,000 customers', { exact: true }).waitFor({ timeout: 60_000 });
}

app.test('50,000 customers are imported and listed one page at a time, with counts for the reader', async ({ page, server }) => {
  await importAll(page, server);
  await page.getByText('50,000 customers', { exact: true }).waitFor();
  await page.getByText('Page 1 of 2,000').waitFor();
  assert.equal(await page.locator('tbody tr').count(), 25, 'one page of rows in the document');
  assert.equal(await page.getByRole('table').getAttribute('aria-rowcount'), '50001');
  const first = page.locator('tbody tr').first();
  assert.equal(await first.getAttribute('aria-rowindex'), '2');
  assert.equal(await first.getByRole('link').innerText(), sorted[0].companyProfile.companyName);
  // Every customer was stored exactly as imported, and is still there after a reload.
  const stored = await storedCustomers(page);
  assert.equal(stored.length, N);
  const byId = new Map(stored.map((c) => [c.id, c]));
  for (const c of customers) assert.deepEqual(byId.get(c.id), c);
  imported.keep(await takeStore(page));
  await page.reload();
  await page.getByText('50,000 customers', { exact: true }).waitFor();
  assert.equal(await page.locator('tbody tr').first().getByRole('link').innerText(), sorted[0].companyProfile.companyName);
});

app.test('a search among 50,000 ranks names and domains that start with the text first, keystroke after keystroke', async ({ page, server }) => {
  await openImported(page, server);
  const starts = (query) => (c) => c.companyProfile.companyName.toLowerCase().startsWith(query) || c.companyProfile.domain.startsWith(query);
  const contains = (query) => (c) => c.companyProfile.companyName.toLowerCase().includes(query) || c.companyProfile.domain.includes(query);
  const found = (query) => [...sorted.filter(starts(query)), ...sorted.filter((c) => !starts(query)(c) && contains(query)(c))];
  const expected = found('kal');
  assert.ok(expected.length > 50 && sorted.some((c) => !starts('kal')(c) && contains('kal')(c)), 'the data has both kinds of match');
  // A keystroke redraws the rows, not the rest of the table: no control already on the page (a column header, the
  // pager) gets its listeners set again. Counted by wrapping addEventListener.
  await page.evaluate(() => {
    const add = EventTarget.prototype.addEventListener;
    window.__setAgain = [];
    EventTarget.prototype.addEventListener = function (...args) {
      if (this instanceof Element && this.isConnected && !this.closest('tbody')) window.__setAgain.push(this.outerHTML.slice(0, 60));
      return add.apply(this, args);
    };
  });
  // Typed a letter at a time, one taken back and typed again: a longer query looks only at what the shorter one
  // found, and each answer must still be the whole list's.
  const search = page.getByLabel('Search customers');
  for (const query of ['k', 'ka', 'kal', 'ka', 'kal']) {
    const want = found(query);
    await search.fill(query);
    const count = `Showing ${want.length.toLocaleString('en-US')} of 50,000 customers`;
    const names = want.slice(0, 25).map((c) => c.companyProfile.companyName);
    await waitFor(async () => (await page.locator('p.count').innerText()) === count
      && JSON.stringify(await page.locator('tbody tr th').allInnerTexts()) === JSON.stringify(names), `the first page for ${JSON.stringify(query)}`);
  }
  assert.deepEqual(await page.evaluate(() => window.__setAgain), [], 'controls outside the rows were drawn again');
  // The last page ends with the last contains-match.
  await page.getByRole('button', { name: 'Last page' }).click();
  assert.equal(await page.locator('tbody tr th').last().innerText(), expected.at(-1).companyProfile.companyName);
});

app.test('the last of 50,000 customers is reached by scrolling and by keyboard', async ({ page, server }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openImported(page, server);
  const lastName = sorted.at(-1).companyProfile.companyName;
  // Scrolling: 200 rows a page, the last page, then the wheel down to its end.
  await page.getByLabel('Rows per page').selectOption('200');
  await page.getByText('Page 1 of 250').waitFor();
  await page.getByRole('button', { name: 'Last page' }).click();
  await page.getByText('Page 250 of 250').waitFor();
  const lastLink = page.getByRole('link', { name: lastName, exact: true });
  for (let i = 0; i < 100 && !(await lastLink.evaluate((e) => e.getBoundingClientRect().bottom <= innerHeight)); i++) {
    await page.mouse.wheel(0, 2000);
  }
  const box = await lastLink.boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= 720, `the last customer is on screen: ${JSON.stringify(box)}`);
  assert.equal(await page.locator('tbody tr').last().getAttribute('aria-rowindex'), '50001');

  // Keyboard only: back to the first page, then Tab to "Last page", Enter, and Shift+Tab back to the last row.
  await page.getByRole('button', { name: 'First page' }).focus();
  await page.keyboard.press('Enter');
  await page.getByText('Page 1 of 250').waitFor();
  const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
  for (let i = 0; i < 5 && (await focused()) !== 'Last page'; i++) await page.keyboard.press('Tab');
  assert.equal(await focused(), 'Last page');
  await page.keyboard.press('Enter');
  await page.getByText('Page 250 of 250').waitFor();
  assert.equal(await focused(), 'Last page', 'the focus stays on the button');
  assert.equal(await page.getByRole('button', { name: 'Last page' }).getAttribute('aria-disabled'), 'true');
  for (let i = 0; i < 10 && (await focused()) !== lastName; i++) await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(), lastName);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: lastName, exact: true }).waitFor();
});

app.test('50,000 customers sort by any column, both ways, and the order is kept for the visit', async ({ page, server }) => {
  await openImported(page, server);
  const header = (name) => page.getByRole('columnheader', { name });
  const firstDomain = () => page.locator('tbody tr td').first().innerText();
  const domains = customers.map((c) => c.companyProfile.domain).sort();
  await page.getByRole('button', { name: 'Primary domain name' }).click();
  await waitFor(async () => (await header('Primary domain name').getAttribute('aria-sort')) === 'ascending', 'ascending');
  assert.equal(await firstDomain(), domains[0]);
  assert.equal(await header('Company name').getAttribute('aria-sort'), 'none');
  await page.getByRole('button', { name: 'Primary domain name' }).click();
  await waitFor(async () => (await header('Primary domain name').getAttribute('aria-sort')) === 'descending', 'descending');
  assert.equal(await firstDomain(), domains.at(-1));
  // Kept while the visit goes on: to a customer and back.
  await page.locator('tbody tr th a').first().click();
  await page.getByRole('link', { name: 'Customers' }).first().click();
  await waitFor(async () => (await header('Primary domain name').getAttribute('aria-sort')) === 'descending', 'still descending');
  assert.equal(await firstDomain(), domains.at(-1));
});

app.test('an import of 50,000 shows its progress and can be cancelled, leaving storage exactly as it was', async ({ page, server }) => {
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'No customers yet' }).waitFor();
  await page.getByRole('region', { name: 'No customers yet' }).getByRole('button', { name: 'Load demo customers' }).click();
  await page.getByText('Added 12 demo customers.').waitFor();
  const before = await storageSnapshot(page);
  await page.getByLabel('Import JSON').setInputFiles({ name: 'customers.json', mimeType: 'application/json', buffer: file });
  const bar = page.getByRole('progressbar', { name: 'Import progress' });
  await bar.waitFor();
  assert.equal(await bar.getAttribute('aria-valuemax'), '50000');
  await waitFor(async () => Number(await bar.getAttribute('aria-valuenow')) > 0, 'it moves');
  await page.getByRole('button', { name: 'Cancel import' }).click();
  await page.getByText('Import cancelled. Nothing was imported.').waitFor();
  assert.equal(await bar.count(), 0, 'the bar goes');
  assert.ok((await storageSnapshot(page)) === before, 'storage exactly as before');
  await page.getByText('12 customers', { exact: true }).waitFor();
});

app.test('a near-full store of the previous format (one JSON record per key) is upgraded with nothing lost', async ({ page, server }) => {
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'No customers yet' }).waitFor();
  // Format 1, as the previous version wrote it, filled until the quota refuses the next record.
  const seeded = await page.evaluate((all) => {
    localStorage.clear();
    localStorage.setItem('customer-accounts:meta', '{"schemaVersion":1}');
    let n = 0;
    for (const customer of all) {
      try {
        localStorage.setItem(`customer-accounts:customer:${customer.id}`, JSON.stringify({ schemaVersion: 1, customer }));
        n++;
      } catch {
        break;
      }
    }
    return n;
  }, customers.slice(0, 8000));
  assert.ok(seeded > 5000 && seeded < 8000, `filled to the quota: ${seeded} records`);
  const expected = customers.slice(0, seeded);
  await page.reload();
  await page.getByText(`${seeded.toLocaleString('en-US')} customers`, { exact: true }).waitFor({ timeout: 60_000 });
  // The upgrade runs in the background: wait until no record of the older format is left.
  await waitFor(
    () => page.evaluate(() => !Object.keys(localStorage).some((k) => k.startsWith('customer-accounts:customer:'))),
    'every record moved into its group',
    60_000,
  );
  assert.equal(await page.evaluate(() => localStorage.getItem('customer-accounts:meta')), '{"schemaVersion":3}');
  const stored = await storedCustomers(page);
  assert.equal(stored.length, seeded);
  const byId = new Map(stored.map((c) => [c.id, c]));
  for (const c of expected) assert.deepEqual(byId.get(c.id), c, 'exactly as it was');
  // And it is smaller: the rest of the 50,000 now fits beside it.
  const rest = Buffer.from(partnerCenterJson(customers.slice(seeded)));
  await page.getByLabel('Import JSON').setInputFiles({ name: 'rest.json', mimeType: 'application/json', buffer: rest });
  await page.getByText(`Imported ${(N - seeded).toLocaleString('en-US')} customers.`).waitFor({ timeout: 60_000 });
  await page.getByText('50,000 customers', { exact: true }).waitFor();
});

app.test("a store of format 2 (the previous version's groups) is listed at once and rewritten in the list's order with nothing lost", async ({ page, server }) => {
  // Written by the previous version (ce541be) importing the benchmark's first 300 customers: each group "2", then
  // its records in the order they were saved.
  const fixture = JSON.parse(readFileSync(new URL('../fixtures/format2-store.json', import.meta.url), 'utf8'));
  assert.ok(fixture.every(([k, v]) => k === 'customer-accounts:meta' || v.startsWith('2')), 'format 2 only');
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'No customers yet' }).waitFor();
  const before = await page.evaluate((entries) => {
    localStorage.clear();
    for (const [k, v] of entries) localStorage.setItem(k, v);
    return entries.length;
  }, fixture);
  assert.equal(before, fixture.length);
  const expected = await storedCustomers(page);
  assert.equal(expected.length, 300);
  await page.reload();
  await page.getByText('300 customers', { exact: true }).waitFor();
  const names = [...expected].sort(byName).slice(0, 25).map((c) => c.companyProfile.companyName);
  assert.deepEqual(await page.locator('tbody tr th').allInnerTexts(), names);
  // The rewrite runs in the background, once the list has painted.
  await waitFor(
    () => page.evaluate(() => Object.keys(localStorage).filter((k) => /:g[0-9a-f]+$/.test(k)).every((k) => localStorage.getItem(k)[0] === '3')),
    'every group in format 3',
    30_000,
  );
  assert.equal(await page.evaluate(() => localStorage.getItem('customer-accounts:meta')), '{"schemaVersion":3}');
  const stored = await storedCustomers(page);
  assert.equal(stored.length, 300);
  const byId = new Map(stored.map((c) => [c.id, c]));
  for (const c of expected) assert.deepEqual(byId.get(c.id), c, 'exactly as it was');
  // Each group: a count of its readable records, then those records in the list's order (the reader gives them
  // in stored order).
  const counts = await page.evaluate(() => Object.fromEntries(Object.keys(localStorage)
    .filter((k) => /:g[0-9a-f]+$/.test(k)).map((k) => [k, localStorage.getItem(k).charCodeAt(1) - 0x3000])));
  const inGroups = new Map();
  for (const c of stored) inGroups.set(groupKey(c.id), [...(inGroups.get(groupKey(c.id)) ?? []), c]);
  assert.deepEqual(Object.keys(counts).sort(), [...inGroups.keys()].sort());
  for (const [key, members] of inGroups) {
    assert.equal(counts[key], members.length, `${key} counts its records`);
    assert.deepEqual(members.map((c) => c.id), [...members].sort(byName).map((c) => c.id), `${key} in the list's order`);
  }
  // Loaded again: the same list, its first page read the quick way, and the rest right after.
  await page.reload();
  await page.getByText('300 customers', { exact: true }).waitFor();
  assert.deepEqual(await page.locator('tbody tr th').allInnerTexts(), names);
  await page.getByRole('button', { name: 'Last page' }).click();
  await page.getByText('Page 12 of 12').waitFor();
  const last = [...expected].sort(byName).slice(275).map((c) => c.companyProfile.companyName);
  assert.deepEqual(await page.locator('tbody tr th').allInnerTexts(), last);
});
