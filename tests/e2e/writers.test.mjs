// Two writers never lose each other's work (issue: atomic checks across tabs and elements, isolated namespaces,
// one set of rules). Each numbered case reproduces one of the reported defects.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { CHINA, addCustomer, fillForm, storageSnapshot, storedCustomers, suite, waitFor } from './harness.mjs';

const ROUNDS = 20;

const app = suite({
  serve: {
    headers: { 'access-control-allow-origin': '*' },
    pages: {
      '/sandbox.html':
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Portal</title><link rel="icon" href="data:,">' +
        '</head><body><iframe title="app" sandbox="allow-scripts" src="/index.html" width="1100" height="900"></iframe></body></html>',
      '/shared.html':
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Portal</title><link rel="icon" href="data:,">' +
        '<script type="module" src="/embed.js"></script></head><body>' +
        '<customer-accounts id="one" storage-key="shared"></customer-accounts>' +
        '<customer-accounts id="two" storage-key="shared"></customer-accounts></body></html>',
      '/namespaces.html':
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Portal</title><link rel="icon" href="data:,">' +
        '<script type="module" src="/embed.js"></script></head><body>' +
        '<customer-accounts id="crm" storage-key="crm"></customer-accounts>' +
        '<customer-accounts id="archive" storage-key="crm:customer:archive"></customer-accounts></body></html>',
    },
  },
});

/**
 * The two ways a page meets another tab's writes: taking turns under the Web Lock, or (as a page served over plain
 * http, where browsers offer no Web Locks) writing at once and checking again once the other tab's write arrived.
 */
const MODES = [
  { name: 'with Web Locks', locks: true },
  { name: 'without Web Locks, as on a plain-http page', locks: false },
];

/** What the app tells whoever embeds a page that has no Web Locks (the console, never the screen). */
const NO_LOCKS_NOTE = /^Customer Accounts: no Web Locks \(plain http\?\): writes are checked again after 250 ms$/;

/**
 * Two tabs of one origin, both on the list; without Web Locks when `mode.locks` is false (checked in both, as is the
 * app's console note for that case, said once per tab).
 */
async function twoTabs({ context, page: a, server }, mode = MODES[0]) {
  if (!mode.locks) {
    await context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined });
    });
  }
  const b = await context.newPage();
  const notes = [];
  for (const tab of [a, b]) {
    // Leaving a form a round left behind discards it.
    tab.on('dialog', (d) => d.accept());
    tab.on('console', (m) => {
      if (m.type() === 'info' && NO_LOCKS_NOTE.test(m.text())) notes.push(tab);
    });
    await tab.goto(server.url);
    await tab.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    assert.equal(await tab.evaluate(() => navigator.locks !== undefined), mode.locks, 'the page has Web Locks or not');
  }
  assert.equal(notes.length, mode.locks ? 0 : 2, `the console note about Web Locks, ${mode.name}`);
  return { a, b };
}

// The races. Each round arms both actions for one instant, a moment ahead (LEAD_MS: time enough for both pages to be
// armed on a busy machine); each page sleeps on a timer until SPIN_MS before the instant, then spins on its own clock
// to the instant (a timer fires up to a millisecond late). Each page records when its action started, as
// performance.timeOrigin + performance.now() (the machine's wall clock at sub-millisecond resolution, comparable
// between pages), and a round whose two actions started more than SIMULTANEOUS_MS apart did not race, so it proved
// nothing: its outcome must still be right, but it does not count, and a test needs ROUNDS rounds that raced. More
// than MISSED_MAX rounds that did not race FAIL the test (a full run once had one renderer start 9 ms late). The spin is short on purpose: on a loaded machine a renderer that spins uses up its turn on the CPU
// and is often preempted right at the instant, while one that wakes at the instant is scheduled at once. Measured on
// this 2-core machine with another build running: waking 0–2 ms ahead, 100 of 100 tries started within 3.5 ms of each
// other; spinning 5–15 ms, 5 of 100 were more than 5 ms apart (up to 25 ms); spinning 40–100 ms, 4 of 50.
const LEAD_MS = 400;
const SPIN_MS = 2;
/** The most two actions of a round may start apart and still count as one instant (ms). */
const SIMULTANEOUS_MS = 5;
/** Rounds of one test that may miss the instant (each is run again), before the test fails. */
const MISSED_MAX = 3;

/**
 * Arms, in `page`, the action of a race for the instant `at` (ms since the epoch): `{ click: name }` clicks the button
 * named `name` (found now, so the instant only clicks), `{ importText }` puts a file of that text into the first file
 * input and sends its change event, as choosing the file does. The start is kept in `window.__race`.
 */
function arm(page, at, action) {
  return page.evaluate(
    ({ at, spin, action }) => {
      const now = () => performance.timeOrigin + performance.now();
      let act;
      if (action.click !== undefined) {
        const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === action.click);
        if (!button) throw new Error(`no button named ${action.click}`);
        act = () => button.click();
      } else {
        const input = [...document.querySelectorAll('input[type=file]')][0];
        if (!input) throw new Error('no file input');
        const transfer = new DataTransfer();
        transfer.items.add(new File([action.importText], 'customers.json', { type: 'application/json' }));
        act = () => {
          input.files = transfer.files;
          input.dispatchEvent(new Event('change', { bubbles: true }));
        };
      }
      const race = { at, armed: now(), started: null };
      window.__race = race;
      setTimeout(() => {
        race.woke = now();
        while (now() < at) {
          // the last few milliseconds: spin, so the action starts on the instant
        }
        race.started = now();
        act();
      }, Math.max(0, at - now() - spin));
    },
    { at, spin: SPIN_MS, action },
  );
}

/**
 * Waits until the page's main thread is idle: QUIET_TURNS task turns in a row that each come back within 2 ms (a page
 * that is still loading, fetching its split modules or following the other tab's write would wake its timer late).
 * Gives up after 3 s (the round then fails on its spread if the page stayed busy).
 */
const QUIET_TURNS = 10;
function quiet(page) {
  return page.evaluate(async (turns) => {
    // A message to itself, not setTimeout(0): nested timers are held to 4 ms each after the fifth.
    const channel = new MessageChannel();
    const turn = () => new Promise((ok) => {
      channel.port1.onmessage = ok;
      channel.port2.postMessage(null);
    });
    const end = performance.now() + 3000;
    for (let calm = 0; calm < turns && performance.now() < end; ) {
      const before = performance.now();
      await turn();
      calm = performance.now() - before < 2 ? calm + 1 : 0;
    }
    channel.port1.close();
  }, QUIET_TURNS);
}

/** Arms each `[page, action]` (see arm) for one instant, a moment from now, once both pages are idle. */
async function together(armed) {
  await Promise.all(armed.map(([page]) => quiet(page)));
  const at = Date.now() + LEAD_MS;
  await Promise.all(armed.map(([page, action]) => arm(page, at, action)));
}

/**
 * Fails the round unless both its actions ran and started within SIMULTANEOUS_MS of each other; returns the spread.
 */
async function startedTogether(pages, round) {
  const races = await Promise.all(pages.map((page) => page.evaluate(() => window.__race ?? null)));
  for (const [i, race] of races.entries()) {
    assert.ok(race && race.started !== null, `round ${round}: the action in page ${i + 1} never started`);
  }
  const starts = races.map((r) => r.started);
  const spread = Math.max(...starts) - Math.min(...starts);
  return {
    spread,
    raced: spread <= SIMULTANEOUS_MS,
    why:
      `round ${round}: the two actions started ${spread.toFixed(2)} ms apart, more than ${SIMULTANEOUS_MS} ms, so they ` +
      `did not race (armed ${races.map((r) => (r.at - r.armed).toFixed(0)).join(' and ')} ms ahead, ` +
      `woke ${races.map((r) => (r.at - r.woke).toFixed(2)).join(' and ')} ms before it, ` +
      `started ${races.map((r) => (r.started - r.at).toFixed(2)).join(' and ')} ms after it)`,
  };
}

/**
 * Counts a round that raced into `spreads`; a round that did not is noted in `missed` (it is run again), and more than
 * MISSED_MAX of them fail the test. Returns how many rounds raced so far.
 */
function count(started, spreads, missed) {
  if (started.raced) {
    spreads.push(started.spread);
  } else {
    missed.push(started.why);
    assert.ok(missed.length <= MISSED_MAX, `more than ${MISSED_MAX} rounds did not race:\n${missed.join('\n')}`);
  }
  return spreads.length;
}

/** Prints the widest spread of a test's rounds that raced, and the rounds run again (a measured figure, for the record). */
function report(name, spreads, missed) {
  console.log(
    `# ${name}: ${spreads.length} rounds, the two actions started at most ${Math.max(...spreads).toFixed(2)} ms apart ` +
      `(bound ${SIMULTANEOUS_MS} ms); ${missed.length} more did not race and were run again`,
  );
}

/**
 * Fills the add form's fields (label → value, as fillForm) in one call into the page: each control gets its value and
 * the event the app listens to (input; change for a select), in order, with a task between fields so the app can
 * update what depends on them (a country's states). Quicker than a click and keystrokes per field; the races are
 * about Submit, and the review step opens only when the app took every value as valid.
 */
async function fillAtOnce(page, values) {
  await page.evaluate(async (values) => {
    for (const [text, value] of Object.entries(values)) {
      const label = [...document.querySelectorAll('label')].find((l) => l.textContent.trim() === text);
      const control = label?.control;
      if (!control) throw new Error(`no field labelled ${text}`);
      control.value = value;
      control.dispatchEvent(new Event(control.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
      await new Promise((ok) => setTimeout(ok, 0));
      if (control.value !== value) throw new Error(`the field ${text} shows ${control.value}, not ${value}`);
    }
  }, values);
}

/** Goes to the review step of the add form with `values`, from wherever the tab is. */
async function review(page, server, values) {
  await page.goto(`${server.url}#/customers`);
  await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
  await page.goto(`${server.url}#/customers/new`);
  await page.getByRole('heading', { level: 1, name: 'Add customer' }).waitFor();
  await fillAtOnce(page, values);
  // A DOM click: Playwright's click waits for the button to hold still over two animation frames, and the tab that
  // is not in front gets frames only now and then (about 1.7 s per click here).
  await page.getByRole('button', { name: 'Next: Review' }).dispatchEvent('click');
  await waitFor(
    async () => (await page.getByRole('heading', { name: 'Review' }).count()) === 1,
    `the review of ${values['Domain prefix']}`,
  ).catch(async (error) => {
    throw new Error(`${error.message}; the page shows: ${await page.locator('main').innerText()}`);
  });
}

/** What a tab shows after a Submit settled: 'added', 'taken' (the form, with the domain marked) or nothing yet. */
async function addOutcome(page) {
  if ((await page.getByRole('heading', { name: 'Customer added' }).count()) === 1) return 'added';
  const field = page.getByLabel('Domain prefix', { exact: true });
  if ((await field.count()) === 1 && (await field.getAttribute('aria-invalid')) === 'true') return 'taken';
  return null;
}

for (const mode of MODES) {
  app.test(`1. two tabs adding one domain prefix at the same instant store it once, 20 times out of 20, ${mode.name}`, async (t) => {
    const { a, b } = await twoTabs(t, mode);
    const spreads = [];
    const missed = [];
    for (let round = 0, raced = 0; raced < ROUNDS; round++) {
      const prefix = `race${round}`;
      // Both tabs fill their forms at once (nothing is stored before Submit).
      await Promise.all([
        review(a, t.server, { ...CHINA, 'Company name': `Tab A ${round}`, 'Domain prefix': prefix }),
        review(b, t.server, { ...CHINA, 'Company name': `Tab B ${round}`, 'Domain prefix': prefix }),
      ]);
      await together([[a, { click: 'Submit' }], [b, { click: 'Submit' }]]);
      const outcomes = await waitFor(async () => {
        const both = [await addOutcome(a), await addOutcome(b)];
        return both.every(Boolean) && both;
      }, `round ${round}: both tabs settle`);
      const started = await startedTogether([a, b], round);
      assert.deepEqual(outcomes.sort(), ['added', 'taken'], `round ${round}: one added, one told`);
      const owners = (await storedCustomers(a)).filter((c) => c.companyProfile.domain === `${prefix}.partner.onmschina.cn`);
      assert.equal(owners.length, 1, `round ${round}: 0 duplicates`);
      raced = count(started, spreads, missed);
    }
    report(`adds of one domain, ${mode.name}`, spreads, missed);
  });

  app.test(`2. two tabs submitting edits of one customer at the same instant: one saves, the other is told, 20 times, ${mode.name}`, async (t) => {
    const { a, b } = await twoTabs(t, mode);
    await addCustomer(a, CHINA, { url: t.server.url });
    const [customer] = await storedCustomers(a);
    const edit = `${t.server.url}#/customers/${customer.id}/edit`;
    const spreads = [];
    const missed = [];
    for (let round = 0, raced = 0; raced < ROUNDS; round++) {
      // Both tabs open the edit form and change it at once (nothing is stored before Submit).
      await Promise.all(
        [[a, 'A'], [b, 'B']].map(async ([tab, name]) => {
          await tab.goto(edit);
          await tab.getByLabel('Address line 2', { exact: true }).fill(`Round ${round} by tab ${name}`);
        }),
      );
      await together([[a, { click: 'Submit' }], [b, { click: 'Submit' }]]);
      const outcome = async (tab) => {
        if ((await tab.getByRole('link', { name: 'Edit' }).count()) === 1) return 'saved';
        if ((await tab.getByRole('alert').filter({ hasText: 'changed elsewhere' }).count()) === 1) return 'conflict';
        return null;
      };
      const outcomes = await waitFor(async () => {
        const both = [await outcome(a), await outcome(b)];
        return both.every(Boolean) && both;
      }, `round ${round}: both tabs settle`);
      const started = await startedTogether([a, b], round);
      assert.deepEqual([...outcomes].sort(), ['conflict', 'saved'], `round ${round}: 0 lost updates`);
      const winner = outcomes[0] === 'saved' ? 'A' : 'B';
      const [stored] = await storedCustomers(a);
      assert.equal(stored.billingProfile.defaultAddress.addressLine2, `Round ${round} by tab ${winner}`);
      raced = count(started, spreads, missed);
    }
    report(`edits of one customer, ${mode.name}`, spreads, missed);
  });

  app.test(`3. an import racing an add of a domain in the file stores that domain once, 20 times, ${mode.name}`, async (t) => {
    const { a, b } = await twoTabs(t, mode);
    // The file of each round: a customer the app made and exported elsewhere (a throwaway context, once), given a new
    // id, this round's company name and this round's domain.
    const template = await app.withContext(async ({ page }) => {
      await addCustomer(page, CHINA, { url: t.server.url });
      return (await storedCustomers(page))[0];
    });
    const spreads = [];
    const missed = [];
    for (let round = 0, raced = 0; raced < ROUNDS; round++) {
      const prefix = `imported${round}`;
      const item = structuredClone(template);
      item.id = randomUUID();
      item.companyProfile.tenantId = item.id;
      item.companyProfile.domain = `${prefix}.partner.onmschina.cn`;
      item.companyProfile.companyName = `File ${round}`;
      item.billingProfile.companyName = `File ${round}`;
      const file = JSON.stringify({ totalCount: 1, items: [item] });
      await Promise.all([
        a.goto(t.server.url).then(() => a.getByRole('heading', { level: 1, name: 'Customers' }).waitFor()),
        review(b, t.server, { ...CHINA, 'Company name': `Added ${round}`, 'Domain prefix': prefix }),
      ]);
      await together([[a, { importText: file }], [b, { click: 'Submit' }]]);
      const imported = async () => {
        if ((await a.getByText('Imported 1 customer.').count()) === 1) return 'imported';
        if ((await a.getByRole('alert').filter({ hasText: 'Nothing was imported' }).count()) === 1) return 'refused';
        return null;
      };
      const outcomes = await waitFor(async () => {
        const both = [await imported(), await addOutcome(b)];
        return both.every(Boolean) && both;
      }, `round ${round}: both tabs settle`);
      const started = await startedTogether([a, b], round);
      const owners = (await storedCustomers(a)).filter((c) => c.companyProfile.domain === `${prefix}.partner.onmschina.cn`);
      assert.equal(owners.length, 1, `round ${round}: 0 duplicates (${outcomes})`);
      assert.ok(
        (outcomes[0] === 'imported') !== (outcomes[1] === 'added'),
        `round ${round}: exactly one of them stored it, the other was told: ${outcomes}`,
      );
      raced = count(started, spreads, missed);
    }
    report(`an import against an add, ${mode.name}`, spreads, missed);
  });
}

app.test('4. two elements with one storage-key follow each other, and Remove and Undo never write a stale copy back', async ({ page, server }) => {
  await page.goto(`${server.origin}/shared.html`);
  const one = page.locator('#one');
  const two = page.locator('#two');
  await one.getByRole('heading', { name: 'No customers yet' }).waitFor();
  await two.getByRole('heading', { name: 'No customers yet' }).waitFor();
  await addCustomer(one, CHINA);
  await two.getByRole('link', { name: CHINA['Company name'] }).waitFor();

  // Element two shows the details; element one edits.
  await two.getByRole('link', { name: CHINA['Company name'] }).click();
  await one.getByRole('link', { name: CHINA['Company name'] }).click();
  await one.getByRole('link', { name: 'Edit' }).click();
  await one.getByLabel('City', { exact: true }).fill('Haidian');
  await one.getByRole('button', { name: 'Submit' }).click();
  await one.getByRole('link', { name: 'Edit' }).waitFor();
  await waitFor(async () => /Haidian/.test(await two.locator('main').innerText()), 'element two follows the edit');

  // Element two removes and restores: the edit survives.
  page.once('dialog', (d) => d.accept());
  await two.getByRole('button', { name: 'Remove customer' }).click();
  await two.getByRole('status').filter({ hasText: 'Removed' }).getByRole('button', { name: 'Undo' }).click();
  await two.getByText('Restored \u2068Contoso 北京\u2069.').waitFor();
  const [stored] = await storedCustomers(page, 'shared');
  assert.equal(stored.billingProfile.defaultAddress.city, 'Haidian', 'no lost update');
  // Element one, still on the details page, followed the removal and the restore.
  await one.getByRole('heading', { level: 1, name: CHINA['Company name'], exact: true }).waitFor();
  assert.match(await one.locator('main').innerText(), /Haidian/);
});

app.test("5. namespaces cannot overlap: a key that could is refused by name, and another namespace's records are never touched", async ({ page, server }) => {
  // An old store under "crm:customer:archive" (allowed by earlier versions) sits beside "crm".
  await page.goto(`${server.origin}/shared.html`);
  await page.evaluate(() => {
    const customer = {
      id: '77777777-7777-4777-8777-777777777777',
      companyProfile: { tenantId: '77777777-7777-4777-8777-777777777777', domain: 'archived.partner.onmschina.cn', companyName: 'Archived' },
    };
    localStorage.setItem(`crm:customer:archive:customer:${customer.id}`, JSON.stringify({ schemaVersion: 1, customer }));
  });
  const before = await page.evaluate(() => localStorage.getItem('crm:customer:archive:customer:77777777-7777-4777-8777-777777777777'));
  await page.goto(`${server.origin}/namespaces.html`);
  const crm = page.locator('#crm');
  await crm.getByRole('heading', { name: 'No customers yet' }).waitFor();
  assert.equal(await crm.getByText('could not be read').count(), 0, 'the archive is not reported as ours');
  const refused = page.locator('#archive').getByRole('alert');
  await waitFor(async () => /crm:customer:archive/.test(await refused.innerText()), 'the key is refused by name');

  await crm.getByRole('region', { name: 'No customers yet' }).getByRole('button', { name: 'Load demo customers' }).click();
  await crm.getByText('Added 12 demo customers.').waitFor();
  await crm.getByText('More actions').click();
  page.once('dialog', (d) => d.accept());
  await crm.getByRole('button', { name: 'Remove all data' }).click();
  await crm.getByRole('heading', { name: 'No customers yet' }).waitFor();
  assert.equal(
    await page.evaluate(() => localStorage.getItem('crm:customer:archive:customer:77777777-7777-4777-8777-777777777777')),
    before,
    "the other namespace's record is untouched",
  );
}, { allow: [/crm:customer:archive/] });

app.test("6. an unreadable record's domain is reserved: Add says so as you type, Import and demo data refuse it by name", async ({ page, server }) => {
  await page.goto(server.url);
  await page.evaluate(() => {
    const newer = '{"schemaVersion":9,"customer":{"companyProfile":{"domain":"reserved.partner.onmschina.cn"}}}';
    localStorage.setItem('customer-accounts:customer:88888888-8888-4888-8888-888888888888', newer);
    const broken = '{"schemaVersion":1,"customer":{"companyProfile":{"domain":"contosodemo.partner.onmschina.cn"';
    localStorage.setItem('customer-accounts:customer:99999999-9999-4999-8999-999999999999', broken);
  });
  await page.reload();
  // The newer record is reported as such, the broken one as damaged: both reserve their domains.
  await page.getByRole('alert').filter({ hasText: '1 stored record could not be read' }).waitFor();
  await page.getByRole('alert').filter({ hasText: 'A newer version of this app saved customers here' }).waitFor();

  await page.goto(`${server.url}#/customers/new`);
  await page.getByLabel('Domain prefix', { exact: true }).fill('reserved');
  await page.getByText('reserved.partner.onmschina.cn is already in use').waitFor();
  await fillForm(page, { ...CHINA, 'Domain prefix': 'reserved' });
  const before = await storageSnapshot(page);
  await page.getByRole('button', { name: 'Next: Review' }).click();
  const field = page.getByLabel('Domain prefix', { exact: true });
  await waitFor(async () => (await field.getAttribute('aria-invalid')) === 'true', 'the field is marked');
  assert.equal(await page.getByRole('heading', { name: 'Review' }).count(), 0);

  page.on('dialog', (d) => d.accept());
  await page.getByRole('link', { name: 'Cancel' }).click();
  await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
  // A file with a customer on the reserved domain, made by the app in a throwaway context.
  const text = await app.withContext(async ({ page: other }) => {
    await addCustomer(other, { ...CHINA, 'Domain prefix': 'reserved' }, { url: server.url });
    const items = await storedCustomers(other);
    return JSON.stringify({ totalCount: items.length, items });
  });
  await page.getByLabel('Import JSON').setInputFiles({ name: 'c.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.getByText('Record 1, Domain: The domain reserved.partner.onmschina.cn is used by a stored record that can\'t be read.').waitFor();
  assert.equal(await storageSnapshot(page), before);

  await page.getByRole('button', { name: 'Load demo customers' }).first().click();
  await page.getByText(/Added 11 demo customers\. Not added, because a stored record that can't be read uses the domain: Contoso/).waitFor();
  const domains = (await storedCustomers(page)).map((c) => c.companyProfile.domain);
  assert.ok(!domains.includes('contosodemo.partner.onmschina.cn'));
});

app.test('7. in a frame sandboxed with allow-scripts only, the forms work by mouse and by Enter', async ({ page, server }) => {
  await page.goto(`${server.origin}/sandbox.html`);
  const frame = page.frameLocator('iframe');
  await frame.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
  await frame.getByRole('link', { name: 'Add customer' }).first().click();
  await fillForm(frame, CHINA);
  await frame.getByRole('button', { name: 'Next: Review' }).click();
  await frame.getByRole('heading', { name: 'Review' }).waitFor();
  await frame.getByRole('button', { name: 'Submit' }).click();
  await frame.getByRole('heading', { name: 'Customer added' }).waitFor();
  await frame.getByRole('button', { name: 'Done' }).click();

  // Enter in a field: the second customer, by keyboard.
  await frame.getByRole('link', { name: 'Add customer' }).first().click();
  await fillForm(frame, { ...CHINA, 'Company name': 'Enter Co', 'Domain prefix': 'entered' });
  await frame.getByLabel('Email', { exact: true }).press('Enter');
  await frame.getByRole('heading', { name: 'Review' }).waitFor();
  await frame.getByRole('button', { name: 'Submit' }).click();
  await frame.getByRole('heading', { name: 'Customer added' }).waitFor();
  await frame.getByRole('button', { name: 'Done' }).click();

  // The edit form's Submit, by mouse and by Enter.
  await frame.getByRole('link', { name: 'Enter Co' }).click();
  await frame.getByRole('link', { name: 'Edit' }).click();
  await frame.getByLabel('City', { exact: true }).fill('Haidian');
  await frame.getByRole('button', { name: 'Submit' }).click();
  await frame.getByRole('link', { name: 'Edit' }).click();
  await frame.getByLabel('Address line 2', { exact: true }).fill('Floor 3');
  await frame.getByLabel('Address line 2', { exact: true }).press('Enter');
  await frame.getByRole('link', { name: 'Edit' }).waitFor();
  const details = await frame.locator('main').innerText();
  assert.match(details, /Haidian/);
  assert.match(details, /Floor 3/);
}, { allow: [/Blocked form submission/] });

app.test('8. a thousand records written at once by another tab appear together, in batches that keep frames short, one page drawn', async (t) => {
  const { a, b } = await twoTabs(t);
  const template = await app.withContext(async ({ page }) => {
    await addCustomer(page, CHINA, { url: t.server.url });
    return (await storedCustomers(page))[0];
  });
  await b.bringToFront();
  await b.evaluate(() => {
    window.__frames = [];
    let last = performance.now();
    const tick = (now) => {
      window.__frames.push(now - last);
      last = now;
      if (!window.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const started = await a.evaluate((template) => {
    const start = Date.now();
    for (let n = 0; n < 1000; n++) {
      const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
      const customer = structuredClone(template);
      customer.id = id;
      customer.companyProfile.tenantId = id;
      customer.companyProfile.domain = `bulk${n}.partner.onmschina.cn`;
      localStorage.setItem(`customer-accounts:customer:${id}`, JSON.stringify({ schemaVersion: 1, customer }));
    }
    return start;
  }, template);
  await b.getByText('1,000 customers', { exact: true }).waitFor({ timeout: 15000 });
  const appeared = Date.now() - started;
  const frames = await b.evaluate(() => {
    window.__stop = true;
    return window.__frames.slice(1);
  });
  const longest = Math.max(...frames);
  console.log(`# 1,000 records from another tab: listed after ${appeared} ms, longest frame ${longest.toFixed(1)} ms (targets: 1,000 ms, 50 ms)`);
  // The targets are measured figures, printed above; the test fails only on a page that froze.
  assert.ok(longest < 1000, `no frame froze the page (${longest} ms)`);

  // One page is drawn, and the table says how many rows there are in all.
  assert.equal(await b.locator('tbody tr').count(), 25);
  assert.equal(await b.getByRole('table').getAttribute('aria-rowcount'), '1001');
  await b.getByText('Page 1 of 40').waitFor();
  // The last customer, by keyboard: 200 rows a page, then "Next page" with Enter until the end.
  await b.getByLabel('Rows per page').selectOption('200');
  await b.getByText('Page 1 of 5').waitFor();
  await b.getByRole('button', { name: 'Next page' }).focus();
  for (let n = 2; n <= 5; n++) {
    await b.keyboard.press('Enter');
    await b.getByText(`Page ${n} of 5`).waitFor();
  }
  // At the end it says so, and keeps the focus (a disabled button would drop it to the page).
  assert.equal(await b.getByRole('button', { name: 'Next page' }).getAttribute('aria-disabled'), 'true');
  assert.equal(await b.evaluate(() => document.activeElement.textContent), 'Next page');
  const last = b.locator('tbody tr').last();
  assert.equal(await last.getAttribute('aria-rowindex'), '1001');
  assert.match(await last.innerText(), /bulk999\.partner\.onmschina\.cn/);
  // A search starts again at its first page.
  await b.getByLabel('Search customers').fill('bulk99');
  await b.getByText('Showing 11 of 1,000 customers').waitFor();
  assert.equal(await b.locator('tbody tr').count(), 11);
});

app.test('9. names made only of invisible characters count as empty, in the form and in an import', async ({ page, server }) => {
  await page.goto(`${server.url}#/customers/new`);
  await fillForm(page, { ...CHINA, 'Company name': '\u200b\u200d\u2060', 'First name': '\ufeff' });
  await page.getByRole('button', { name: 'Next: Review' }).click();
  const company = page.getByLabel('Company name', { exact: true });
  await waitFor(async () => (await company.getAttribute('aria-invalid')) === 'true', 'company name marked');
  const describedBy = async (label) => {
    const ids = (await page.getByLabel(label, { exact: true }).getAttribute('aria-describedby')).split(' ');
    return page.evaluate((ids) => ids.map((id) => document.getElementById(id)?.textContent).join(' '), ids);
  };
  assert.match(await describedBy('Company name'), /Enter the company name\./);
  assert.match(await describedBy('First name'), /Enter the first name\./);
  assert.deepEqual(await storedCustomers(page), []);
});

app.test('10. an import is held to the form\'s rules: registration number and region', async ({ page, server }) => {
  const exported = await app.withContext(async ({ page: other }) => {
    await addCustomer(other, CHINA, { url: server.url });
    return (await storedCustomers(other))[0];
  });
  await page.goto(server.url);
  const importFile = (customer) =>
    page.getByLabel('Import JSON').setInputFiles({
      name: 'c.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ totalCount: 1, items: [customer] })),
    });
  const alert = page.getByRole('alert').filter({ hasText: 'Nothing was imported' });

  const numbered = structuredClone(exported);
  numbered.companyProfile.organizationRegistrationNumber = '12\u000734';
  await importFile(numbered);
  await alert.filter({ hasText: 'Record 1, Organization registration number: Partner Center asks' }).waitFor();

  const region = structuredClone(exported);
  region.billingProfile.defaultAddress.region = 'r'.repeat(1_000_000);
  await importFile(region);
  await alert.filter({ hasText: 'Record 1, billingProfile.defaultAddress.region: Use at most 100 characters.' }).waitFor();
  assert.deepEqual(await storedCustomers(page), []);
});

app.test('11. a 255-character unbroken company name wraps: no sideways scrolling on the list, details and edit pages', async ({ page, server }) => {
  const name = 'W'.repeat(255);
  await addCustomer(page, { ...CHINA, 'Company name': name }, { url: server.url });
  const [customer] = await storedCustomers(page);
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 800 });
    for (const hash of ['#/customers', `#/customers/${customer.id}`, `#/customers/${customer.id}/edit`]) {
      await page.goto(`${server.url}${hash}`);
      await page.getByText(name).first().waitFor();
      const { scroll, inner } = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        inner: window.innerWidth,
      }));
      assert.ok(scroll <= inner, `${hash} at ${width} px scrolls sideways: ${scroll} > ${inner}`);
    }
  }
});
