// Two tabs of one origin: what one saves appears in the other, and a save over a newer version is refused with a
// choice to review or overwrite — never a silent last-writer-wins.
import assert from 'node:assert/strict';
import {
  CHINA, UNITED_STATES, addCustomer, fillForm, storageSnapshot, storedCustomers, suite, waitFor,
} from './harness.mjs';
import { groupKey } from './stored.mjs';

const app = suite();

/** A second page sharing the first one's storage, as two tabs of one browser, both on the list. */
async function twoTabs({ context, page: a, server }) {
  const b = await context.newPage();
  await a.goto(server.url);
  await b.goto(server.url);
  await a.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
  await b.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
  return { a, b };
}

app.test("another tab's add, edit and removal show up within a second, on the list and on the details page", async (t) => {
  const { a, b } = await twoTabs(t);
  const { server } = t;
  await addCustomer(a, CHINA, { url: server.url });
  await waitFor(
    async () => (await b.getByRole('link', { name: CHINA['Company name'] }).count()) === 1,
    'the new customer appears in the other tab',
  );
  assert.match(await b.getByRole('status').filter({ hasText: 'customer' }).innerText(), /^1 customer$/);

  await b.getByRole('link', { name: CHINA['Company name'] }).click();
  await b.getByRole('heading', { level: 1, name: CHINA['Company name'], exact: true }).waitFor();
  await a.getByRole('link', { name: CHINA['Company name'] }).click();
  await a.getByRole('link', { name: 'Edit' }).click();
  await a.getByLabel('City', { exact: true }).fill('Haidian');
  await a.getByRole('button', { name: 'Submit' }).click();
  await waitFor(async () => /Haidian/.test(await b.locator('main').innerText()), 'the details page follows');

  // Removed in one tab: gone from the other tab's list, which showed it first.
  await b.getByRole('link', { name: 'Customers' }).click();
  await b.getByRole('link', { name: CHINA['Company name'] }).waitFor();
  a.once('dialog', (d) => d.accept());
  await a.getByRole('button', { name: 'Remove customer' }).click();
  await waitFor(
    async () => (await b.getByRole('link', { name: CHINA['Company name'] }).count()) === 0,
    'the removal reaches the other tab',
  );
});

app.test('a domain taken in another tab a moment ago is refused, not duplicated', async (t) => {
  const { a, b } = await twoTabs(t);
  const { server } = t;
  await b.goto(`${server.url}#/customers/new`);
  await fillForm(b, CHINA);
  await b.getByRole('button', { name: 'Next: Review' }).click();
  await b.getByRole('heading', { name: 'Review' }).waitFor();
  await addCustomer(a, CHINA, { url: server.url });
  await b.getByRole('button', { name: 'Submit' }).click();
  // Back on the form, the domain prefix field says why.
  const field = b.getByLabel('Domain prefix', { exact: true });
  await waitFor(async () => (await field.getAttribute('aria-invalid')) === 'true', 'the domain prefix is marked');
  const described = await field.getAttribute('aria-describedby');
  assert.match(await b.locator(`[id="${described.split(' ').find((id) => id.endsWith('-error'))}"]`).innerText(), /already in use/);
  assert.equal((await storedCustomers(a)).length, 1);
});

app.test('an edit over a newer version is refused; the user reviews the newer values or overwrites them', async (t) => {
  const { a, b } = await twoTabs(t);
  const { server } = t;
  await addCustomer(a, UNITED_STATES, { url: server.url });
  const [customer] = await storedCustomers(a);
  const edit = `${server.url}#/customers/${customer.id}/edit`;
  await a.goto(edit);
  await b.goto(edit);
  await a.getByLabel('City', { exact: true }).waitFor();
  await b.getByLabel('City', { exact: true }).waitFor();

  // A saves first.
  await a.getByLabel('City', { exact: true }).fill('Seattle');
  await a.getByRole('button', { name: 'Submit' }).click();
  await a.getByRole('heading', { level: 1, name: UNITED_STATES['Company name'], exact: true }).waitFor();
  // B is told while still typing, and its typed values stay.
  await b.getByRole('status').filter({ hasText: 'changed in another tab' }).waitFor();
  await b.getByLabel('Phone', { exact: true }).fill('+1 206 555 0111');
  const before = await storageSnapshot(b);
  await b.getByRole('button', { name: 'Submit' }).click();
  const alert = b.getByRole('alert').filter({ hasText: 'changed elsewhere' });
  await alert.waitFor();
  assert.equal(await storageSnapshot(b), before, 'nothing written');
  assert.equal(await b.getByLabel('Phone', { exact: true }).inputValue(), '+1 206 555 0111', 'typed value kept');

  // Review: the form shows the newer values, and a save from there succeeds.
  await b.getByRole('button', { name: 'Review newer values' }).click();
  assert.equal(await b.getByLabel('City', { exact: true }).inputValue(), 'Seattle');
  await b.getByRole('status').filter({ hasText: 'newer values' }).waitFor();
  await b.getByLabel('Phone', { exact: true }).fill('+1 206 555 0111');
  await b.getByRole('button', { name: 'Submit' }).click();
  await b.getByRole('heading', { level: 1, name: UNITED_STATES['Company name'], exact: true }).waitFor();
  let [stored] = await storedCustomers(b);
  assert.equal(stored.billingProfile.defaultAddress.city, 'Seattle');
  assert.equal(stored.billingProfile.defaultAddress.phoneNumber, '+1 206 555 0111');

  // Overwrite: a deliberate save over A's newer version.
  await b.goto(edit);
  await a.goto(edit);
  await a.getByLabel('City', { exact: true }).fill('Bellevue');
  await a.getByRole('button', { name: 'Submit' }).click();
  await a.getByRole('heading', { level: 1, name: UNITED_STATES['Company name'], exact: true }).waitFor();
  await b.getByLabel('City', { exact: true }).fill('Tacoma');
  await b.getByRole('button', { name: 'Submit' }).click();
  await b.getByRole('alert').filter({ hasText: 'changed elsewhere' }).waitFor();
  [stored] = await storedCustomers(b);
  assert.equal(stored.billingProfile.defaultAddress.city, 'Bellevue', 'refused: the newer version stays');
  await b.getByRole('button', { name: 'Overwrite with my changes' }).click();
  await b.getByRole('heading', { level: 1, name: UNITED_STATES['Company name'], exact: true }).waitFor();
  [stored] = await storedCustomers(b);
  assert.equal(stored.billingProfile.defaultAddress.city, 'Tacoma');
  await waitFor(async () => /Tacoma/.test(await a.locator('main').innerText()), 'tab a follows the overwrite');
});

app.test('another tab clearing storage or breaking a record is followed: the list empties, the broken record is reported', async (t) => {
  const { a, b } = await twoTabs(t);
  await addCustomer(a, CHINA, { url: t.server.url });
  await addCustomer(a, UNITED_STATES, { url: t.server.url });
  await waitFor(async () => (await b.locator('tbody tr').count()) === 2, 'b lists both');
  const [first] = await storedCustomers(a);

  // A breaks one record by hand (as a bad extension might): its stored group loses its last unit.
  await a.evaluate((key) => localStorage.setItem(key, localStorage.getItem(key).slice(0, -1)), groupKey(first.id));
  await b.getByRole('alert').filter({ hasText: '1 stored record could not be read' }).waitFor();
  await waitFor(async () => (await b.locator('tbody tr').count()) === 1, 'the broken record leaves the list');
  assert.equal(await b.getByRole('link', { name: first.billingProfile.companyName }).count(), 0);

  // A clears all of localStorage: B follows with an empty list and no stale notice.
  await a.evaluate(() => localStorage.clear());
  await b.getByRole('heading', { name: 'No customers yet' }).waitFor();
  await waitFor(async () => (await b.getByRole('alert').filter({ hasText: 'could not be read' }).count()) === 0, 'the notice goes');
});

app.test('editing a customer that another tab removed says so, writes nothing, and keeps the typed values', async (t) => {
  const { a, b } = await twoTabs(t);
  await addCustomer(a, UNITED_STATES, { url: t.server.url });
  const [customer] = await storedCustomers(a);
  await b.goto(`${t.server.url}#/customers/${customer.id}/edit`);
  const city = b.getByLabel('City', { exact: true });
  await city.fill('Seattle');

  await a.goto(`${t.server.url}#/customers/${customer.id}`);
  a.once('dialog', (d) => d.accept());
  await a.getByRole('button', { name: 'Remove customer' }).click();
  await a.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
  assert.deepEqual(await storedCustomers(a), []);

  await b.getByRole('button', { name: 'Submit' }).click();
  await b.getByRole('alert').filter({ hasText: /removed|no longer|not found/i }).waitFor();
  assert.deepEqual(await storedCustomers(b), [], 'not written back');
  assert.equal(await city.inputValue(), 'Seattle');
});
