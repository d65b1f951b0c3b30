// Records that go wrong and records that move: broken stored values, an older schema, a sandboxed frame without
// storage, export and import, removal with undo, demo data and removing everything.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  CHINA, GERMANY, UNITED_STATES, addCustomer, addThenRemove, download, fillQuota, recordWrites, storageSnapshot,
  storedCustomers, suite, waitFor,
} from './harness.mjs';
import { unitsByKey } from './stored.mjs';

// Served with CORS so that a sandboxed (opaque-origin) frame may load the app's module and wasm.
const app = suite({
  serve: {
    headers: { 'access-control-allow-origin': '*' },
    pages: {
      '/sandbox.html':
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sandbox</title><link rel="icon" href="data:,">' +
        '</head><body><iframe title="app" sandbox="allow-scripts allow-modals" src="/index.html" width="1100" height="800"></iframe></body></html>',
    },
  },
});

const V0 = await readFile(new URL('../fixtures/v0-record.json', import.meta.url), 'utf8');
const V0_ID = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';

app.test('broken stored values do not stop the app: good ones are listed, the rest kept, downloadable, discardable', async ({ page, server }) => {
  await addCustomer(page, CHINA, { url: server.url });
  const broken = {
    'customer-accounts:customer:11111111-1111-4111-8111-111111111111': '{"schemaVersion":1,"customer":{"id":',
    'customer-accounts:customer:33333333-3333-4333-8333-333333333333': '{"schemaVersion":1,"customer":{"id":"x"}}',
  };
  // Written by a newer version of the app: no damage, so never downloaded or discarded as such.
  const newer = {
    'customer-accounts:customer:22222222-2222-4222-8222-222222222222': '{"schemaVersion":99,"customer":{}}',
    'customer-accounts:g7fe': '4 a group of a format to come',
  };
  await page.evaluate(
    ({ values, v0, v0Id }) => {
      for (const [key, value] of Object.entries(values)) localStorage.setItem(key, value);
      localStorage.setItem(`customer-accounts:customer:${v0Id}`, v0);
      localStorage.setItem('another-app', 'left alone');
    },
    { values: { ...broken, ...newer }, v0: V0, v0Id: V0_ID },
  );
  await page.reload();
  const alert = page.getByRole('alert').filter({ hasText: 'could not be read' });
  await alert.waitFor();
  assert.match(await alert.innerText(), /2 stored records could not be read/);
  assert.match(await alert.innerText(), /A newer version of this app saved customers here: reload the page to see them\./);
  // The good record and the migrated version 0 record are listed.
  await page.getByRole('link', { name: CHINA['Company name'] }).waitFor();
  await page.getByRole('link', { name: '北京云杉科技有限公司' }).waitFor();
  const kept = await page.evaluate((keys) => keys.map((k) => localStorage.getItem(k)), Object.keys(broken));
  assert.deepEqual(kept, Object.values(broken), 'kept byte for byte');

  const file = await download(page, () => alert.getByRole('button', { name: 'Download unreadable records' }).click());
  assert.equal(file.name, 'unreadable-records.json');
  const recovered = JSON.parse(file.text);
  assert.deepEqual(
    Object.fromEntries(recovered.map((r) => [r.key, r.value])),
    broken,
    'the download holds every raw value as stored',
  );

  // Dismissing the question keeps them; accepting discards them, and only them.
  page.once('dialog', (d) => d.dismiss());
  await alert.getByRole('button', { name: 'Discard unreadable records' }).click();
  assert.deepEqual(await page.evaluate((keys) => keys.map((k) => localStorage.getItem(k)), Object.keys(broken)), kept);
  page.once('dialog', (d) => d.accept());
  await alert.getByRole('button', { name: 'Discard unreadable records' }).click();
  await page.getByText('Discarded 2 unreadable records.').waitFor();
  assert.deepEqual(
    await page.evaluate((keys) => keys.map((k) => localStorage.getItem(k)), Object.keys(broken)),
    [null, null],
  );
  assert.deepEqual(
    await page.evaluate((keys) => keys.map((k) => localStorage.getItem(k)), Object.keys(newer)),
    Object.values(newer),
    'what a newer version wrote stays',
  );
  assert.equal(await page.evaluate(() => localStorage.getItem('another-app')), 'left alone');
  // The two customers, beside the newer version's record (kept as it was, with no id this version can read).
  assert.equal((await storedCustomers(page)).filter((c) => c.id).length, 2);
});

app.test('in a sandboxed frame without storage the app runs in memory and says so', async ({ page, server }) => {
  await page.goto(`${server.origin}/sandbox.html`);
  const frame = page.frameLocator('iframe');
  await frame.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
  const notice = frame.getByRole('alert').filter({ hasText: 'storage' });
  await notice.waitFor();
  assert.match(await notice.innerText(), /blocks storage/);
  await frame.getByRole('region', { name: 'No customers yet' }).getByRole('button', { name: 'Load demo customers' }).click();
  await frame.getByText('Added 12 demo customers.').waitFor();
});

app.test('export: every customer, not just the shown ones, as RFC 4180 CSV and as Partner Center JSON', async ({ page, server }) => {
  await addCustomer(page, CHINA, { url: server.url });
  await addCustomer(page, UNITED_STATES, { url: server.url });
  await page.getByLabel('Search customers').fill('fabrikam');
  await page.getByText('Showing 1 of 2 customers').waitFor();

  let file = await download(page, () => page.getByRole('button', { name: 'Export CSV' }).click());
  assert.equal(file.name, 'customers.csv');
  assert.ok(file.text.startsWith('\uFEFF'), 'a byte order mark, so spreadsheets read Chinese text');
  const csv = file.text.slice(1);
  const lines = csv.split('\r\n');
  assert.equal(lines[0].split(',').slice(0, 4).join(','), 'Microsoft ID,Company name,Primary domain name,Relationship');
  assert.equal(lines.filter(Boolean).length, 3, 'header and both customers');
  assert.match(csv, /,"Fabrikam, Inc\.",fabrikam\.partner\.onmschina\.cn,Reseller,United States,/);
  assert.match(csv, /,Contoso 北京,contoso\.partner\.onmschina\.cn,Reseller,China,/);

  file = await download(page, () => page.getByRole('button', { name: 'Export JSON' }).click());
  assert.equal(file.name, 'customers.json');
  const json = JSON.parse(file.text);
  assert.equal(json.totalCount, 2);
  const stored = await storedCustomers(page);
  assert.deepEqual(
    json.items.map((c) => c.id).sort(),
    stored.map((c) => c.id).sort(),
  );
  assert.deepEqual(json.items.find((c) => c.id === stored[0].id), stored[0], 'exactly as stored');
});

/**
 * The two customers' ids in exportedFile: the app's own are random, and two of them share a stored group one time
 * in 2,048; these fall in groups 0x507 and 0x7f6 (the test that needs them apart checks it).
 */
const APART = ['7d3e1a52-0c4b-4f7e-9a61-2b8f5c9d0e11', 'c41f8b07-5e92-4d3a-b8c6-91a0f2e7d354'];

/** An export of two customers, made by the app itself in a throwaway (and watched) context, with the ids APART; with
 * `{ sizes: true }`, also the units each customer's stored group and the version key took there, once imported. */
function exportedFile({ sizes = false } = {}) {
  return app.withContext(async ({ page, server }) => {
    await addCustomer(page, CHINA, { url: server.url });
    await addCustomer(page, GERMANY, { url: server.url });
    const { text } = await download(page, () => page.getByRole('button', { name: 'Export JSON' }).click());
    const file = JSON.parse(text);
    file.items.forEach((item, i) => {
      item.id = item.companyProfile.tenantId = APART[i];
    });
    const apart = JSON.stringify(file, null, 2);
    if (!sizes) return apart;
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await importText(page, apart);
    await page.getByText('Imported 2 customers.').waitFor();
    return { text: apart, units: await unitsByKey(page) };
  });
}

/** Imports `text` through the "Import JSON" file input. */
async function importText(page, text, name = 'customers.json') {
  await page.getByLabel('Import JSON').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

app.test('import: all or nothing, every problem listed by record and field', async ({ page, server }) => {
  const exported = await exportedFile();
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'No customers yet' }).waitFor();

  // Problems: a bad email in record 2, an unknown country in record 1. Nothing is stored.
  const bad = JSON.parse(exported);
  bad.items[1].billingProfile.email = 'not-an-email';
  bad.items[0].billingProfile.defaultAddress.country = 'XX';
  const empty = await storageSnapshot(page);
  await importText(page, JSON.stringify(bad));
  const alert = page.getByRole('alert').filter({ hasText: 'Nothing was imported' });
  await alert.waitFor();
  const text = await alert.innerText();
  assert.match(text, /Record 2, Email: Enter an email address like name@contoso\.com\./);
  assert.match(text, /Record 1, Country\/region: /);
  assert.equal(await storageSnapshot(page), empty);

  // A file that is not JSON.
  await importText(page, '{"items": [', 'broken.json');
  await alert.filter({ hasText: 'not valid JSON' }).waitFor();
  assert.equal(await storageSnapshot(page), empty);

  // The good file: both customers, then the same file again is refused as duplicates.
  await importText(page, exported);
  await page.getByRole('status').filter({ hasText: 'Imported 2 customers.' }).waitFor();
  await page.getByRole('link', { name: GERMANY['Company name'] }).waitFor();
  assert.equal((await storedCustomers(page)).length, 2);
  const two = await storageSnapshot(page);
  await importText(page, exported);
  await alert.filter({ hasText: 'already exists' }).waitFor();
  assert.match(await alert.innerText(), /Record 1, Microsoft ID: A customer with Microsoft ID .* already exists\./);
  assert.equal(await storageSnapshot(page), two);
});

app.test('import: thousands of problems list the first 50 and count the rest, in the display language', async ({ page, server }) => {
  const template = JSON.parse(await exportedFile()).items[0];
  // 2,000 records, each with one problem (an email that is not one): 2,000 lines before, and 2 s to show them.
  const items = Array.from({ length: 2000 }, (_, i) => {
    const item = structuredClone(template);
    item.id = item.companyProfile.tenantId = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    item.companyProfile.domain = `bad${i}.partner.onmschina.cn`;
    item.billingProfile.email = 'not-an-email';
    return item;
  });
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'No customers yet' }).waitFor();
  await importText(page, JSON.stringify({ totalCount: items.length, items }));
  const alert = page.getByRole('alert').filter({ hasText: 'Nothing was imported' });
  await alert.waitFor();
  const lines = alert.locator('li');
  assert.equal(await lines.count(), 51);
  assert.match(await lines.first().innerText(), /^Record 1, Email: /);
  assert.match(await lines.nth(49).innerText(), /^Record 50, Email: /);
  assert.equal(await lines.nth(50).innerText(), '…and 1,950 more.');
  // Another display language words them again.
  await page.getByLabel('Display language').selectOption('pt-BR');
  const alerta = page.getByRole('alert').filter({ hasText: 'Nada foi importado' });
  await alerta.locator('li').filter({ hasText: '…e mais 1.950.' }).waitFor();
  assert.match(await alerta.locator('li').first().innerText(), /^Registro 1, Email: /);
  assert.equal(await alerta.locator('li').count(), 51);
});

app.test('import: a full quota half-way leaves storage exactly as it was, and works once space is freed', async ({ page, server }) => {
  const { text: exported, units } = await exportedFile({ sizes: true });
  const writes = await recordWrites(page);
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'No customers yet' }).waitFor();
  // Room for the version key and either record, not for both (the backup clock, which the list writes after the
  // first write, is not the import's).
  const { 'customer-accounts:meta': meta, 'customer-accounts:backup': clock, ...groups } = units;
  assert.ok(clock > 0, 'the backup count started with the import');
  const records = Object.values(groups);
  assert.equal(records.length, 2, 'each in a group of its own');
  const fillers = await fillQuota(page, meta + Math.max(...records) + Math.floor(Math.min(...records) / 2));
  const before = await storageSnapshot(page);
  await importText(page, exported);
  const alert = page.getByRole('alert').filter({ hasText: 'Nothing was imported' });
  await alert.waitFor();
  assert.match(await alert.innerText(), /full/);
  // Compared as a whole, but not printed: the fillers are megabytes.
  assert.ok((await storageSnapshot(page)) === before, 'the first record (and the version key) were taken back');
  const written = (await writes()).filter((key) => /^customer-accounts:g[0-9a-f]+$/.test(key));
  assert.equal(written.length, 1, `one record was written before the refusal: ${written}`);
  await page.evaluate((keys) => keys.forEach((k) => localStorage.removeItem(k)), fillers);
  await importText(page, exported);
  await page.getByText('Imported 2 customers.').waitFor();
  assert.equal((await storedCustomers(page)).length, 2);
});

app.test('remove asks first, and Undo puts the customer back exactly as it was', async ({ page, server }) => {
  await addCustomer(page, CHINA, { url: server.url });
  const [original] = await storedCustomers(page);
  await page.getByRole('link', { name: CHINA['Company name'] }).click();

  page.once('dialog', (d) => d.dismiss());
  await page.getByRole('button', { name: 'Remove customer' }).click();
  assert.equal((await storedCustomers(page)).length, 1, 'dismissed: nothing removed');

  page.once('dialog', (d) => {
    assert.match(d.message(), /contoso\.partner\.onmschina\.cn/);
    d.accept();
  });
  await page.getByRole('button', { name: 'Remove customer' }).click();
  await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
  const status = page.getByRole('status').filter({ hasText: 'Removed \u2068Contoso 北京\u2069.' });
  await status.waitFor();
  assert.equal((await storedCustomers(page)).length, 0);
  await status.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('link', { name: CHINA['Company name'] }).waitFor();
  assert.deepEqual(await storedCustomers(page), [original]);
});

app.test('demo customers load from the empty list and the menu, and "Remove all data" clears only this app', async ({ page, server }) => {
  await page.goto(server.url);
  await page.evaluate(() => localStorage.setItem('another-app', 'left alone'));
  await page.getByRole('region', { name: 'No customers yet' }).getByRole('button', { name: 'Load demo customers' }).click();
  await page.getByText('Added 12 demo customers.').waitFor();
  assert.equal((await storedCustomers(page)).length, 12);
  const countries = new Set((await storedCustomers(page)).map((c) => c.billingProfile.defaultAddress.country));
  assert.ok(countries.size >= 6, [...countries].join());

  await page.getByText('More actions').click();
  await page.getByRole('button', { name: 'Load demo customers' }).click();
  await page.getByText('No demo customers were added: they are all here already.').waitFor();
  assert.equal((await storedCustomers(page)).length, 12);

  await page.getByText('More actions').click();
  page.once('dialog', (d) => {
    assert.match(d.message(), /12 customers/);
    d.accept();
  });
  await page.getByRole('button', { name: 'Remove all data' }).click();
  await page.getByRole('heading', { name: 'No customers yet' }).waitFor();
  const keys = await page.evaluate(() => Object.keys(localStorage));
  assert.deepEqual(keys, ['another-app']);
  await waitFor(async () => (await page.getByText('All data was removed.').count()) === 1, 'says so');
});

app.test('CSV cells that a spreadsheet would run (=, +, -, @, and after a tab or a carriage return) are defused', async ({ page, server }) => {
  const exported = JSON.parse(await exportedFile());
  // Typed or imported with a leading tab or carriage return, values are trimmed: what is left must still be guarded.
  const names = ['@SUM(1+1)*cmd|/C calc', '\t=HYPERLINK("http://x")', '\r-2+3', '+1 (425) 555-0100 Ltd'];
  const file = { totalCount: 2, items: exported.items.slice(0, 2) };
  file.items[0].billingProfile.companyName = names[0];
  file.items[0].companyProfile.companyName = names[0];
  file.items[1].billingProfile.companyName = names[1];
  file.items[1].companyProfile.companyName = names[1];
  await page.goto(server.url);
  await importText(page, JSON.stringify(file));
  await page.getByText('Imported 2 customers.').waitFor();
  await addCustomer(page, { ...CHINA, 'Company name': names[2], 'Domain prefix': 'minus' }, { url: server.url });
  await addCustomer(page, { ...UNITED_STATES, 'Company name': names[3], 'Domain prefix': 'plus' }, { url: server.url });
  const stored = (await storedCustomers(page)).map((c) => c.billingProfile.companyName).sort();
  assert.deepEqual(stored, ['+1 (425) 555-0100 Ltd', '-2+3', '=HYPERLINK("http://x")', '@SUM(1+1)*cmd|/C calc'], 'stored as typed, trimmed');

  const { text } = await download(page, () => page.getByRole('button', { name: 'Export CSV' }).click());
  const rows = text.slice(1).split('\r\n').filter(Boolean).slice(1);
  const companies = rows.map((row) => row.split(',')[1]).sort();
  assert.deepEqual(companies, [
    '"\'=HYPERLINK(""http://x"")"',
    "'+1 (425) 555-0100 Ltd",
    "'-2+3",
    "'@SUM(1+1)*cmd|/C calc",
  ]);
  // The JSON export keeps the values exactly.
  const { text: json } = await download(page, () => page.getByRole('button', { name: 'Export JSON' }).click());
  assert.deepEqual(JSON.parse(json).items.map((c) => c.billingProfile.companyName).sort(), stored);
});

app.test('Undo after the domain was taken again refuses, says why, and writes nothing', async ({ page, server }) => {
  const { original, status } = await addThenRemove(page, server);
  // Meanwhile another customer took the domain (as another tab would).
  const taker = {
    ...original,
    id: '44444444-4444-4444-8444-444444444444',
    companyProfile: { ...original.companyProfile, tenantId: '44444444-4444-4444-8444-444444444444', companyName: 'Taker' },
  };
  await page.evaluate((c) => localStorage.setItem(`customer-accounts:customer:${c.id}`, JSON.stringify({ schemaVersion: 1, customer: c })), taker);
  const before = await storageSnapshot(page);
  await status.getByRole('button', { name: 'Undo' }).click();
  await page.getByText("It can't be restored: its domain is now used by another customer.").waitFor();
  assert.equal(await storageSnapshot(page), before, 'nothing written');
  assert.deepEqual((await storedCustomers(page)).map((c) => c.id), [taker.id]);
});
