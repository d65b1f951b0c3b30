// The add form refuses bad input clearly, accessibly, and without storing anything.
import assert from 'node:assert/strict';
import { CHINA, addCustomer, fillForm, storageSnapshot, suite, waitFor } from './harness.mjs';

const app = suite();

async function openForm(page, server) {
  await page.goto(`${server.url}#/customers/new`);
  await page.getByRole('heading', { level: 1, name: 'Add customer' }).waitFor();
}

/** The text of the element a control's aria-describedby points at last (its error). */
function errorOf(page, label) {
  return page.getByLabel(label, { exact: true }).evaluate((el) => {
    const ids = (el.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
    return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' | ');
  });
}

app.test('the form offers every field, China first and selected, with the right lists', async ({ context, page, server }) => {
  await openForm(page, server);
  for (const label of ['Company name', 'Domain prefix', 'Country/region', 'Address line 1', 'Address line 2', 'City',
    'State or province', 'Postal code', 'First name', 'Last name', 'Email', 'Phone', 'Language']) {
    assert.equal(await page.getByLabel(label, { exact: true }).count(), 1, label);
  }
  assert.equal(await page.getByLabel('Organization registration number').count(), 0, 'not asked in China');
  const country = page.getByLabel('Country/region');
  assert.equal(await country.inputValue(), 'CN');
  const names = await country.locator('option').allTextContents();
  assert.equal(names[0], 'China');
  for (const n of ['United States', 'United Kingdom', 'Germany', 'Brazil']) assert.ok(names.includes(n), n);
  assert.ok(names.length >= 249);
  const cultures = await page.getByLabel('Language', { exact: true }).locator('option').evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(cultures, ['zh-CN', 'en-US']);
  assert.match(await page.locator('form').innerText(), /\.partner\.onmschina\.cn/);

  // Russia asks for a phone and an organization registration number; its list has no Chinese provinces.
  await country.selectOption('RU');
  await page.getByLabel('Organization registration number').waitFor();
  assert.equal(await page.getByLabel('State or province').evaluate((e) => e.tagName), 'INPUT');
  await country.selectOption('US');
  const states = await page.getByLabel('State or province').locator('option').allTextContents();
  assert.ok(states.includes('Washington') && states.includes('District of Columbia'));
});

app.test('bad input is marked, described, announced, focused, and stores nothing', async ({ context, page, server }) => {
  await openForm(page, server);
  const before = await storageSnapshot(page);
  await fillForm(page, { 'Domain prefix': 'con-toso', Email: 'li.wei@', 'Postal code': '1000' });
  await page.getByRole('button', { name: 'Next: Review' }).click();

  const company = page.getByLabel('Company name', { exact: true });
  await waitFor(async () => (await company.getAttribute('aria-invalid')) === 'true', 'company name marked invalid');
  assert.equal(await errorOf(page, 'Company name'), 'Enter the company name.');
  assert.match(await errorOf(page, 'Domain prefix'), /letters .* or digits/);
  assert.match(await errorOf(page, 'Email'), /name@contoso\.com/);
  assert.match(await errorOf(page, 'Postal code'), /100080/);
  assert.match(await errorOf(page, 'State or province'), /Select a state or province/);
  assert.equal(await page.getByLabel('Address line 2').getAttribute('aria-invalid'), null);
  assert.match(await page.getByRole('alert').filter({ hasText: 'problems' }).innerText(), /There are \d+ problems/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), await company.getAttribute('id'));
  assert.equal(await page.getByRole('heading', { name: 'Review' }).count(), 0, 'stays on the form');
  assert.equal(await storageSnapshot(page), before, 'nothing stored');

  // Fixing a field clears its mark as you type.
  await company.fill('Contoso');
  await waitFor(async () => (await company.getAttribute('aria-invalid')) === null, 'mark cleared');
});

app.test('Back from the review keeps every value; a taken domain prefix is refused', async ({ context, page, server }) => {
  await page.goto(server.url);
  await addCustomer(page, CHINA, { url: server.url });

  await openForm(page, server);
  await fillForm(page, { ...CHINA, 'Company name': 'Contoso Two', 'Domain prefix': 'CONTOSO' });
  await page.getByText('already in use').first().waitFor();
  const before = await storageSnapshot(page);
  await page.getByRole('button', { name: 'Next: Review' }).click();
  await waitFor(async () => (await errorOf(page, 'Domain prefix')).includes('already in use'), 'taken domain error');
  assert.equal(await storageSnapshot(page), before);

  await page.getByLabel('Domain prefix').fill('contoso2');
  await page.getByText('contoso2.partner.onmschina.cn is available.').waitFor();
  await page.getByRole('button', { name: 'Next: Review' }).click();
  await page.getByRole('heading', { name: 'Review' }).waitFor();
  const review = await page.locator('main').innerText();
  for (const v of ['Contoso Two', 'contoso2.partner.onmschina.cn', 'China', 'Beijing', '100080', 'li.wei@contoso.cn']) {
    assert.ok(review.includes(v), v);
  }
  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByLabel('Company name', { exact: true }).waitFor();
  assert.equal(await page.getByLabel('Company name', { exact: true }).inputValue(), 'Contoso Two');
  assert.equal(await page.getByLabel('Domain prefix').inputValue(), 'contoso2');
  assert.equal(await page.getByLabel('State or province').inputValue(), 'Beijing');
});

app.test('user text is shown as text, never as markup', async ({ context, page, server }) => {
  await page.goto(server.url);
  const hostile = '<img src=x onerror="document.title=\'pwned\'">';
  await addCustomer(page, { ...CHINA, 'Company name': hostile, 'Domain prefix': 'hostile' }, { url: server.url });
  await page.getByRole('link', { name: hostile }).waitFor();
  assert.equal(await page.locator('main img').count(), 0);
  await page.getByRole('link', { name: hostile }).click();
  await page.getByRole('heading', { level: 1, name: hostile }).waitFor();
  assert.equal(await page.locator('main img').count(), 0);
  assert.notEqual(await page.title(), 'pwned');
});

app.test('everything works by keyboard', async ({ context, page, server }) => {
  await page.goto(server.url);
  await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
  // Tab until "Add customer" has focus, then Enter.
  let found = false;
  for (let i = 0; i < 10 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement?.textContent === 'Add customer');
  }
  assert.ok(found, 'Add customer is reachable by Tab');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Add customer' }).waitFor();
  // The heading takes focus; typing into the first field and pressing Enter submits the form.
  await page.keyboard.press('Tab');
  await page.keyboard.type('Keyboard Co');
  assert.equal(await page.getByLabel('Company name', { exact: true }).inputValue(), 'Keyboard Co');
  await page.keyboard.press('Enter');
  await waitFor(
    async () => (await page.getByLabel('Domain prefix').getAttribute('aria-invalid')) === 'true',
    'Enter runs Next: Review',
  );
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'ca-domain-prefix');
});
