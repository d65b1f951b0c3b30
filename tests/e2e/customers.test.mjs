// A partner's day: add customers in three countries, find them, open one from a link, edit it, reload.
import assert from 'node:assert/strict';
import { CHINA, GERMANY, UNITED_STATES, addCustomer, storedCustomers, suite, waitCount, waitFor } from './harness.mjs';

const app = suite();

app.test('a first visit shows the empty list, and an unknown address shows not-found', async ({ context, page, server }) => {
  await page.goto(server.url);
  await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
  await page.getByText('No customers yet').waitFor();
  assert.equal(await page.getByRole('link', { name: 'Add your first customer' }).count(), 1);
  assert.equal(await page.getByRole('table').count(), 0);
  assert.equal(await page.title(), 'Customers – Customer Accounts');

  await page.goto(`${server.url}#/no/such/page`);
  await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();

  await page.goto(`${server.url}#/customers/00000000-0000-4000-8000-000000000000`);
  await page.getByRole('heading', { level: 1, name: 'Customer not found' }).waitFor();
});

app.test('add three customers, search, deep-link, edit, reload', async ({ context, page, server }) => {
  await page.goto(server.url);

  const confirmation = await addCustomer(page, CHINA, { url: server.url });
  assert.match(confirmation, /contoso\.partner\.onmschina\.cn/);
  assert.match(confirmation, /admin@contoso\.partner\.onmschina\.cn/);
  const password = confirmation.match(/Temporary password\s+(\S+)/)?.[1];
  assert.ok(password && password.length >= 12, `a temporary password is shown: ${confirmation}`);

  await addCustomer(page, UNITED_STATES, { url: server.url });
  await addCustomer(page, GERMANY, { url: server.url });

  // The list: one row per customer with Partner Center's columns.
  for (const name of ['Company name', 'Primary domain name', 'Country/region', 'Relationship']) {
    assert.equal(await page.getByRole('columnheader', { name, exact: true }).count(), 1, name);
  }
  const rows = page.locator('tbody tr');
  await waitCount(rows, 3, 'three rows');
  await page.getByText('3 customers', { exact: true }).waitFor();
  const us = page.getByRole('row', { name: /Fabrikam/ });
  assert.match(await us.innerText(), /fabrikam\.partner\.onmschina\.cn\s+United States\s+Reseller/);
  assert.match(await page.getByRole('row', { name: /Wingtip/ }).innerText(), /Germany/);

  // Nothing secret was stored, and the shape is Partner Center's.
  const stored = await storedCustomers(page);
  assert.equal(stored.length, 3);
  assert.ok(!JSON.stringify(stored).includes(password), 'the temporary password is never stored');
  const contoso = stored.find((c) => c.companyProfile.domain === 'contoso.partner.onmschina.cn');
  assert.equal(contoso.companyProfile.tenantId, contoso.id);
  assert.equal(contoso.relationshipToPartner, 'reseller');
  assert.equal(contoso.billingProfile.defaultAddress.state, 'Beijing');
  assert.equal(contoso.billingProfile.culture, 'zh-CN');
  assert.equal(contoso.billingProfile.language, 'zh');
  assert.ok(contoso.billingProfile.attributes.etag);

  // Search as you type, by name or domain, ignoring case.
  const search = page.getByLabel('Search customers');
  await search.fill('FABRIKAM');
  await waitCount(rows, 1, 'one match by name');
  await page.getByText('Showing 1 of 3 customers').waitFor();
  await search.fill('wingtiptoys.partner');
  await waitCount(rows, 1, 'one match by domain');
  assert.match(await rows.first().innerText(), /Wingtip Toys GmbH/);
  await search.fill('zzz');
  // The search is user text: set apart from the words around it (U+2068 … U+2069), as every such value is.
  await page.getByText('No customers match “\u2068zzz\u2069”.').waitFor();
  await search.fill('');
  await waitCount(rows, 3, 'all rows back');

  // The company name links to the details.
  await page.getByRole('link', { name: 'Contoso 北京' }).click();
  await page.getByRole('heading', { level: 1, name: 'Contoso 北京' }).waitFor();
  const details = await page.locator('main').innerText();
  assert.match(details, new RegExp(`Microsoft ID\\s+${contoso.id}`));
  assert.match(details, /Domain\s+contoso\.partner\.onmschina\.cn/);
  assert.match(details, /Relationship\s+Reseller/);
  assert.match(details, /No\. 1 Zhongguancun East Road/);
  assert.match(details, /li\.wei@contoso\.cn/);
  assert.match(details, /zh-CN/);
  await waitFor(async () => (await page.title()) === '\u2068Contoso 北京\u2069 – Customer Accounts', 'the title names the customer');
  const detailsUrl = page.url();
  assert.ok(detailsUrl.endsWith(`#/customers/${contoso.id}`), detailsUrl);

  // Deep link in a new tab.
  const tab = await context.newPage();
  await tab.goto(detailsUrl);
  await tab.getByRole('heading', { level: 1, name: 'Contoso 北京' }).waitFor();
  await tab.close();

  // Edit: the domain is text, not an input; Submit saves and returns to the details.
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('Address line 1', { exact: true }).waitFor();
  assert.equal(await page.getByLabel('Domain prefix').count(), 0);
  assert.match(await page.locator('main').innerText(), /contoso\.partner\.onmschina\.cn/);
  assert.equal(await page.getByLabel('Company name', { exact: true }).inputValue(), 'Contoso 北京');
  await page.getByLabel('City', { exact: true }).fill('Shanghai');
  await page.getByLabel('State or province').selectOption('Shanghai');
  await page.getByLabel('Postal code').fill('200120');
  await page.getByRole('button', { name: 'Submit' }).click();
  await page.getByRole('link', { name: 'Edit' }).waitFor();
  assert.match(await page.locator('main').innerText(), /Shanghai[\s\S]*200120/);
  const edited = (await storedCustomers(page)).find((c) => c.id === contoso.id);
  assert.equal(edited.billingProfile.defaultAddress.city, 'Shanghai');
  assert.notEqual(edited.billingProfile.attributes.etag, contoso.billingProfile.attributes.etag);
  assert.equal(edited.companyProfile.domain, contoso.companyProfile.domain);

  // Cancel discards.
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('City', { exact: true }).fill('Guangzhou');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('link', { name: 'Edit' }).waitFor();
  assert.doesNotMatch(await page.locator('main').innerText(), /Guangzhou/);

  // Reload: everything is still there.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Contoso 北京' }).waitFor();
  assert.match(await page.locator('main').innerText(), /Shanghai/);
  await page.goto(server.url);
  await waitCount(page.locator('tbody tr'), 3, 'three rows after reload');
});

app.test('a right-to-left override in a company name reverses only the name: in the title, the Remove dialog and the notice', async ({ page, server }) => {
  // Accepted, as Partner Center accepts it; without isolation U+202E would reverse the rest of each sentence.
  const name = 'Evil\u202Egnp.exe';
  await addCustomer(page, { ...CHINA, 'Company name': name, 'Domain prefix': 'rtl' }, { url: server.url });
  await page.getByRole('link', { name }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await waitFor(async () => (await page.title()) === `\u2068${name}\u2069 – Customer Accounts`, 'the title isolates the name');
  const asked = new Promise((resolve) =>
    page.once('dialog', (d) => {
      resolve(d.message());
      d.accept();
    }),
  );
  await page.getByRole('button', { name: 'Remove customer' }).click();
  assert.equal(
    await asked,
    `Remove \u2068${name}\u2069 (\u2068rtl.partner.onmschina.cn\u2069) from this browser? You can undo this until your next action.`,
  );
  await page.getByRole('status').filter({ hasText: `Removed \u2068${name}\u2069.` }).waitFor();
});

app.test('leaving an edit with unsaved changes asks first', async ({ context, page, server }) => {
  await page.goto(server.url);
  await addCustomer(page, UNITED_STATES, { url: server.url });
  await page.getByRole('link', { name: 'Fabrikam, Inc.' }).click();
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('City', { exact: true }).fill('Seattle');

  const dialogs = [];
  page.once('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss();
  });
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await waitFor(() => dialogs.length === 1, 'a confirmation is asked');
  assert.match(dialogs[0], /unsaved changes/);
  // Dismissed: the address goes back to the edit page, and the typed value stays.
  await waitFor(async () => /\/edit$/.test(page.url()), 'back on the edit address');
  await page.getByRole('heading', { level: 1, name: /^Edit account details/ }).waitFor();
  assert.equal(await page.getByLabel('City', { exact: true }).inputValue(), 'Seattle');
  assert.match(page.url(), /\/edit$/);

  page.once('dialog', (d) => {
    dialogs.push(d.message());
    d.accept();
  });
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
  assert.equal(dialogs.length, 2);
  const stored = await storedCustomers(page);
  assert.equal(stored[0].billingProfile.defaultAddress.city, 'Redmond', 'discarded on leaving');
});

app.test('unsaved changes survive browser Back, reload and close until the user agrees, on the add form too', async ({ page, server }) => {
  await addCustomer(page, UNITED_STATES, { url: server.url });
  const [customer] = await storedCustomers(page);
  const dialogs = [];
  let answer = 'dismiss';
  page.on('dialog', (d) => {
    dialogs.push(d.type());
    d[answer]();
  });
  const asked = async (n, what) => waitFor(() => dialogs.length === n, `${what} asks first`);

  // An edit with a typed value, reached from the details page (so Back has somewhere to go).
  await page.getByRole('link', { name: UNITED_STATES['Company name'] }).click();
  await page.getByRole('link', { name: 'Edit' }).click();
  const city = page.getByLabel('City', { exact: true });
  await city.fill('Seattle');

  await page.evaluate(() => history.back());
  await asked(1, 'Back');
  await waitFor(async () => page.url().endsWith(`#/customers/${customer.id}/edit`), 'the address is put back');
  assert.equal(await city.inputValue(), 'Seattle');

  await page.evaluate(() => location.reload());
  await asked(2, 'reload');
  assert.equal(dialogs[1], 'beforeunload');
  assert.equal(await city.inputValue(), 'Seattle', 'still there after the reload was refused');

  await page.close({ runBeforeUnload: true });
  await asked(3, 'closing the tab');
  assert.equal(dialogs[2], 'beforeunload');
  assert.equal(page.isClosed(), false);
  assert.equal(await city.inputValue(), 'Seattle');

  // The add form asks as well, and agreeing leaves without storing anything.
  await page.getByLabel('City', { exact: true }).fill('Redmond'); // back to what is stored: nothing unsaved
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
  assert.equal(dialogs.length, 3, 'no question when nothing would be lost');
  await page.getByRole('link', { name: 'Add customer' }).first().click();
  await page.getByLabel('Company name', { exact: true }).fill('Half-typed Ltd');
  await page.getByRole('link', { name: 'Cancel' }).click();
  await asked(4, 'leaving the add form');
  assert.equal(await page.getByLabel('Company name', { exact: true }).inputValue(), 'Half-typed Ltd');
  answer = 'accept';
  await page.getByRole('link', { name: 'Cancel' }).click();
  await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
  assert.equal(dialogs.length, 5);
  assert.equal((await storedCustomers(page)).length, 1);
});

app.test('the list sorts by any column header, both ways, remembered for the visit; search ranks prefix matches first', async ({ page, server }) => {
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Load demo customers' }).first().click();
  await page.getByText('Added 12 demo customers.').waitFor();
  const column = (n) => page.locator('tbody tr').evaluateAll((rows, n) => rows.map((r) => r.children[n].innerText.trim()), n);
  const sortOf = (name) => page.getByRole('columnheader', { name, exact: true }).getAttribute('aria-sort');
  const sorted = (values, descending) => {
    const copy = [...values].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
    return descending ? copy.reverse() : copy;
  };

  assert.equal(await sortOf('Company name'), 'ascending');
  assert.equal(await sortOf('Primary domain name'), 'none');
  await page.getByRole('button', { name: 'Primary domain name' }).click();
  await waitFor(async () => (await sortOf('Primary domain name')) === 'ascending', 'domain ascending');
  assert.equal(await sortOf('Company name'), 'none');
  const domains = await column(1);
  assert.deepEqual(domains, [...domains].sort());
  await page.getByRole('button', { name: 'Primary domain name' }).click();
  await waitFor(async () => (await sortOf('Primary domain name')) === 'descending', 'domain descending');
  assert.deepEqual(await column(1), [...domains].sort().reverse());

  await page.getByRole('button', { name: 'Country/region' }).click();
  await waitFor(async () => (await sortOf('Country/region')) === 'ascending', 'country ascending');
  const countries = await column(2);
  assert.deepEqual(countries, sorted(countries, false));
  assert.ok(new Set(countries).size >= 6, countries.join());

  // Remembered while visiting a customer and coming back.
  await page.locator('tbody tr th a').first().click();
  await page.getByRole('link', { name: 'Edit' }).waitFor();
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await waitFor(async () => (await sortOf('Country/region')) === 'ascending', 'the order is kept');
  assert.deepEqual(await column(2), countries);

  // Search: names or domains that start with the text come first, then those that contain it.
  await page.getByLabel('Search customers').fill('w');
  await page.getByText(/^Showing \d+ of 12 customers$/).waitFor();
  const names = await column(0);
  const rowsDomains = await column(1);
  const isPrefix = names.map((n, i) => n.toLowerCase().startsWith('w') || rowsDomains[i].startsWith('w'));
  const firstContains = isPrefix.indexOf(false);
  assert.ok(isPrefix.includes(true) && firstContains > 0, `prefix matches first: ${names}`);
  assert.ok(isPrefix.slice(firstContains).every((p) => !p), `then contains-matches: ${names}`);
});
