// What the browser's storage can do to the app: a full quota, storage blocked outright.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CHINA, addCustomer, fillForm, fillQuota, launch, openPage, serve, storedCustomers } from './harness.mjs';

let server;
let browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('a full storage refuses the save, keeps every value, and the same Submit works once space is freed', async () => {
  const { context, page, problems } = await openPage(browser);
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
  assert.deepEqual(problems, []);
  await context.close();
});

test('with storage blocked the app still works, in memory, and says so', async () => {
  const { context, page, problems } = await openPage(browser);
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

  await addCustomer(page, server.url, CHINA);
  await page.getByRole('link', { name: 'Contoso 北京' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
