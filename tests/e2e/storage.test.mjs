// What the browser's storage can do to the app: a full quota, storage blocked outright.
import assert from 'node:assert/strict';
import {
  CHINA, UNITED_STATES, addCustomer, addThenRemove, fillForm, fillQuota, recordWrites, storageSnapshot,
  storedCustomers, suite,
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
