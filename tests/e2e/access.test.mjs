// Accessibility beyond the labels (issue 9): axe-core on every view in each language, in light and dark mode, focus that
// never falls to the page after an action, a skip link, required fields, step titles, the table's name, and no
// sideways scrolling at 320 px, where rows become cards that keep their column names.
import assert from 'node:assert/strict';
import { CHINA, addThenRemove, axeViolations as violations, fillForm, storedCustomers, suite, waitFor } from './harness.mjs';

const app = suite();
/** Every view, one after another: `check(name)` runs on each. */
async function everyView(page, server, check) {
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'No customers yet' }).waitFor();
  await check('empty list');
  await page.getByRole('button', { name: 'Load demo customers' }).first().click();
  await page.getByText('Added 12 demo customers.').waitFor();
  await check('list');
  await page.goto(`${server.url}#/customers/new`);
  await page.getByRole('heading', { level: 1, name: 'Add customer' }).waitFor();
  await check('add form');
  await page.getByRole('button', { name: 'Next: Review' }).click();
  await waitFor(async () => (await page.locator('[aria-invalid="true"]').count()) > 0, 'errors shown');
  await check('add form with errors');
  await fillForm(page, { ...CHINA, 'Domain prefix': 'axecheck' });
  await page.getByRole('button', { name: 'Next: Review' }).click();
  await page.getByRole('heading', { name: 'Review' }).waitFor();
  await check('review');
  await page.getByRole('button', { name: 'Submit' }).click();
  await page.getByRole('heading', { name: 'Customer added' }).waitFor();
  await check('added');
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('link', { name: CHINA['Company name'] }).click();
  await page.getByRole('heading', { level: 1, name: CHINA['Company name'] }).waitFor();
  await check('details');
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByRole('button', { name: 'Submit' }).waitFor();
  await check('edit');
  await page.goto(`${server.url}#/nowhere`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await check('not found');
}

/** Runs `check(tag)` with the interface in Chinese, then Portuguese, then English again ("Display language"
 * switches the page in place: the view, its typed values and its errors stay). */
async function inEachLanguage(page, check) {
  for (const tag of ['zh-CN', 'pt-BR', 'en-US']) {
    await page.locator('#ca-display-language').selectOption(tag);
    await page.waitForFunction((tag) => document.documentElement.lang === tag, tag);
    await check(tag);
  }
}

for (const scheme of ['light', 'dark']) {
  app.test(`axe finds nothing on any view, in each language, ${scheme} mode`, async ({ page, server }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const found = [];
    const seen = new Set();
    await everyView(page, server, async (view) => {
      await inEachLanguage(page, async (tag) => {
        seen.add(`${view} ${tag}`);
        for (const v of await violations(page)) found.push(`${view}, ${tag}: ${v}`);
      });
    });
    assert.deepEqual(found, []);
    assert.equal(seen.size, 9 * 3, 'nine views in three languages');
  });
}

app.test('axe finds nothing on the lines about keeping the customers and the backup suggestion, in each language and mode', async ({ page, server }) => {
  const start = Date.parse('2026-12-01T09:00:00Z');
  await page.clock.setFixedTime(start);
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Load demo customers' }).first().click();
  await page.getByText('Added 12 demo customers.').waitFor();
  await page.clock.setFixedTime(start + 8 * 24 * 60 * 60 * 1000);
  await page.reload();
  await page.locator('.backup-actions').waitFor();
  await waitFor(async () => (await page.locator('p.keeping').innerText()) !== '', 'the browser said whether it keeps the data');
  const found = [];
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await inEachLanguage(page, async (tag) => {
      for (const line of ['p.keeping', '.backup', '.backup-actions']) {
        assert.notEqual((await page.locator(line).innerText()).trim(), '', `${line} in ${tag}`);
      }
      for (const v of await violations(page)) found.push(`${scheme}, ${tag}: ${v}`);
    });
  }
  assert.deepEqual(found, []);
});

// 640 and 320 px are what a 1280 px window shows at 200% and 400% zoom.
for (const width of [320, 360, 640, 768, 1280]) {
  app.test(`at ${width} px no view scrolls sideways${width < 640 ? ', and list rows are cards that keep their column names' : ''}`, async ({ page, server }) => {
    await page.setViewportSize({ width, height: 800 });
    const wide = [];
    await everyView(page, server, async (view) => {
      // Portuguese runs longest, Chinese needs its own font: the narrow widths are checked in every language.
      const languages = width <= 360 ? inEachLanguage : (_, check) => check('en-US');
      await languages(page, async (tag) => {
        const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
        if (scroll > inner) wide.push(`${view}, ${tag}: ${scroll} > ${inner}`);
      });
      if (view === 'list' && width < 640) {
        const row = page.locator('tbody tr').first();
        const text = await row.innerText();
        for (const label of ['Company name', 'Primary domain name', 'Country/region', 'Relationship']) {
          assert.ok(text.includes(label), `the card shows "${label}": ${text}`);
        }
        // The header row is out of sight, not gone: the table keeps its column headers for screen readers.
        assert.equal(await page.getByRole('columnheader', { name: 'Primary domain name' }).count(), 1);
      }
    });
    assert.deepEqual(wide, []);
  });
}

app.test('the table has a name, required fields say so, and each add step names itself in the title', async ({ page, server }) => {
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Load demo customers' }).first().click();
  await page.getByRole('table', { name: 'Customers' }).waitFor();
  await page.goto(`${server.url}#/customers/new`);
  for (const label of ['Company name', 'Domain prefix', 'Address line 1', 'First name', 'Email']) {
    assert.equal(await page.getByLabel(label, { exact: true }).getAttribute('aria-required'), 'true', label);
  }
  assert.equal(await page.getByLabel('Address line 2', { exact: true }).getAttribute('aria-required'), null);
  assert.equal(await page.title(), 'Add customer – Customer Accounts');
  await fillForm(page, { ...CHINA, 'Domain prefix': 'titles' });
  await page.getByRole('button', { name: 'Next: Review' }).click();
  await waitFor(async () => (await page.title()) === 'Review – Add customer – Customer Accounts', 'the review title');
  await page.getByRole('button', { name: 'Submit' }).click();
  await waitFor(async () => (await page.title()) === 'Customer added – Add customer – Customer Accounts', 'the done title');
});

/** What has the focus: never the page itself. */
const focused = (page) => page.evaluate(() => {
  const e = document.activeElement;
  return e === document.body || !e ? 'BODY' : `${e.tagName} ${e.textContent.trim().slice(0, 60)}`;
});

app.test('after every action the focus lands on something, never on the page', async ({ page, server }) => {
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'No customers yet' }).waitFor();
  // The skip link comes first, and leads to the page's content.
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'A Skip to main content');
  await page.keyboard.press('Enter');
  await waitFor(async () => (await focused(page)).startsWith('MAIN'), 'the main content has the focus');

  // Remove and Undo: the Undo button goes, the focus moves to the outcome.
  await addThenRemove(page, server);
  await page.getByRole('button', { name: 'Undo' }).focus();
  await page.keyboard.press('Enter');
  await waitFor(async () => (await focused(page)).startsWith('P Restored'), 'the focus is on the Undo outcome');

  // "Remove all data" (confirmed): the focus moves to the outcome.
  await page.goto(server.url);
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Remove all data' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'No customers yet' }).waitFor();
  await waitFor(async () => (await focused(page)) === 'DIV All data was removed.', 'the focus is on the outcome');

  // "Load demo customers" on the empty list: the button goes, the focus moves to what happened.
  await page.getByRole('button', { name: 'Load demo customers' }).first().focus();
  await page.keyboard.press('Enter');
  await page.getByText('Added 12 demo customers.').waitFor();
  await waitFor(async () => (await focused(page)) === 'DIV Added 12 demo customers.', 'the focus is on the outcome');

  // Back on the review: the form's heading.
  await page.goto(`${server.url}#/customers/new`);
  await fillForm(page, { ...CHINA, 'Domain prefix': 'focusback' });
  await page.getByRole('button', { name: 'Next: Review' }).click();
  await page.getByRole('heading', { name: 'Review' }).waitFor();
  await page.getByRole('button', { name: 'Back' }).focus();
  await page.keyboard.press('Enter');
  await waitFor(async () => (await focused(page)) === 'H1 Add customer', 'the form heading has the focus');
});

app.test('Undo stays until the next action or Dismiss, and a saved edit says "Changes saved."', async ({ page, server }) => {
  await page.clock.install();
  await addThenRemove(page, server);
  // A minute later (the clock fast-forwarded), Undo is still offered.
  await page.clock.fastForward(60_000);
  await page.getByRole('button', { name: 'Undo' }).waitFor();
  await page.getByRole('button', { name: 'Dismiss' }).focus();
  await page.keyboard.press('Enter');
  await waitFor(async () => (await page.getByRole('button', { name: 'Undo' }).count()) === 0, 'the offer goes');
  await waitFor(async () => (await focused(page)).startsWith('H1'), 'the focus goes to the heading');

  // An edit saved says so on the details page.
  await page.getByRole('button', { name: 'Load demo customers' }).first().click();
  await page.getByText('Added 12 demo customers.').waitFor();
  await page.locator('tbody tr th a').first().click();
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('City', { exact: true }).fill('Shanghai');
  await page.getByRole('button', { name: 'Submit' }).click();
  const saved = page.getByRole('status').filter({ hasText: 'Changes saved.' });
  await saved.waitFor();
  // It goes with the page.
  await page.getByRole('link', { name: 'Customers' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
  assert.equal(await page.getByText('Changes saved.').count(), 0);
});

app.test("dates on the details page are in the reader's time zone, not UTC", async ({ page, server }) => {
  await page.goto(server.url);
  await page.getByRole('button', { name: 'Load demo customers' }).first().click();
  await page.getByText('Added 12 demo customers.').waitFor();
  await page.locator('tbody tr th a').first().click();
  const created = page.locator('dt', { hasText: 'Created' }).locator('xpath=following-sibling::dd[1]');
  await created.waitFor();
  const shown = await created.innerText();
  const { createdAt } = (await storedCustomers(page)).find((c) => page.url().endsWith(c.id));
  // Shanghai is 8 hours ahead of UTC: the page shows the stored instant in that zone, in US English.
  const expected = new Date(createdAt).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' });
  assert.equal(shown, expected);
  assert.doesNotMatch(shown, /UTC/);
}, { context: { timezoneId: 'Asia/Shanghai' } });

/** The focused element's name: its label's text for a form control, its text otherwise. */
const focusName = (page) => page.evaluate(() => {
  const e = document.activeElement;
  if (!e || e === document.body) return 'BODY';
  const label = e.labels?.[0]?.textContent.trim();
  return label || e.textContent.trim();
});

/** Presses Tab until the control named `name` has the focus (at most `max` times). */
async function tabTo(page, name, max = 40) {
  for (let i = 0; i < max; i++) {
    if ((await focusName(page)) === name) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached "${name}" (at "${await focusName(page)}")`);
}

app.test('a customer is added and edited with the keyboard only, the focus where it belongs after every step', async ({ page, server }) => {
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'No customers yet' }).waitFor();
  await tabTo(page, 'Add customer');
  await page.keyboard.press('Enter');
  // The link pressed is also named "Add customer": wait for the heading itself.
  const focusedTag = () => page.evaluate(() => document.activeElement?.tagName);
  await waitFor(async () => (await focusedTag()) === 'H1' && (await focusName(page)) === 'Add customer', "the form's heading has the focus");

  // Every field in order, typed as a person types (selects by typing the option's first letters).
  const values = { ...CHINA, 'Domain prefix': 'keyboard', 'State or province': 'Beijing' };
  delete values['Country/region'];
  for (const [label, value] of Object.entries(values)) {
    await tabTo(page, label);
    await page.keyboard.type(value);
  }
  await tabTo(page, 'Next: Review');
  await page.keyboard.press('Enter');
  await waitFor(async () => (await focusName(page)) === 'Review', "the review's heading has the focus");
  await tabTo(page, 'Submit');
  await page.keyboard.press('Enter');
  await waitFor(async () => (await focusName(page)) === 'Customer added', 'the confirmation has the focus');
  await tabTo(page, 'Done');
  await page.keyboard.press('Enter');
  await waitFor(async () => (await focusName(page)) === 'Customers', "the list's heading has the focus");

  // Edit: the customer, Edit, the city, Submit.
  await tabTo(page, CHINA['Company name']);
  await page.keyboard.press('Enter');
  await waitFor(async () => (await focusName(page)) === CHINA['Company name'], "the details' heading has the focus");
  await tabTo(page, 'Edit');
  await page.keyboard.press('Enter');
  await waitFor(async () => (await focusName(page)).startsWith('Edit'), "the edit form's heading has the focus");
  await tabTo(page, 'City');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Shanghai');
  await tabTo(page, 'State or province');
  await page.keyboard.type('Shanghai');
  await tabTo(page, 'Submit');
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Changes saved.' }).waitFor();
  await waitFor(async () => (await focusName(page)) === CHINA['Company name'], "the details' heading has the focus again");
  const [stored] = await storedCustomers(page);
  assert.equal(stored.billingProfile.defaultAddress.city, 'Shanghai');
  assert.equal(stored.billingProfile.defaultAddress.state, 'Shanghai');
  assert.equal(stored.companyProfile.domain, 'keyboard.partner.onmschina.cn');
});
