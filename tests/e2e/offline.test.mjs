// The installable standalone page (issue 28): a web app manifest, and a service worker (js/service-worker.js, written
// for each build by scripts/service-worker.mjs, registered by js/update.js) that keeps one build's files, serves them
// with the network gone, and lets a new deployment in only when the reader chooses Reload.
import assert from 'node:assert/strict';
import { appendFile, cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeServiceWorker } from '../../scripts/service-worker.mjs';
import { CHINA, CSP, DIST, addCustomer, axeViolations, recordViolations, serve, suite, waitFor } from './harness.mjs';

// Each test serves its own copy of dist/ (a new deployment changes it).
const app = suite({ serve: false });

/** A copy of dist/ in a folder of its own, served under a strict CSP; `body(server, dir)`, then both are gone. */
async function deployment(body) {
  const dir = await mkdtemp(join(tmpdir(), 'ca-deploy-'));
  await cp(DIST, dir, { recursive: true });
  const server = await serve(dir, { headers: { 'content-security-policy': CSP } });
  try {
    await body(server, dir);
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Waits until the service worker serves the page (it takes over the first visit's page once its cache is full). */
const served = (page) =>
  waitFor(() => page.evaluate(() => navigator.serviceWorker.controller !== null), 'the service worker serves the page', 20_000);

/** The names of the app's caches, sorted: one per build it keeps. */
const cacheNames = (page) =>
  page.evaluate(async () => (await caches.keys()).filter((name) => name.startsWith('customer-accounts ')).sort());

/** The version the worker in `dir` was written for (scripts/service-worker.mjs). */
async function versionIn(dir) {
  const worker = await readFile(join(dir, 'service-worker.js'), 'utf8');
  return JSON.parse(worker.match(/^const BUILD = (.*);$/m)[1]).version;
}

app.test('after a first visit the page installs, and reloads with the network gone: the list, and a customer\'s details', async ({ context, page }) => {
  await deployment(async (server, dir) => {
    const violations = await recordViolations(page);
    await addCustomer(page, CHINA, { url: server.url });
    await served(page);
    assert.deepEqual(await cacheNames(page), [`customer-accounts ${server.url} ${await versionIn(dir)}`]);

    // Chromium finds the page installable: a manifest with a name, icons, a start URL and display: standalone.
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    // A test's browser context is an incognito one, where Chromium installs nothing, whatever the page.
    const errorIds = installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito');
    assert.deepEqual(errorIds, [], 'Chromium can install the page');
    const { errors, url } = await cdp.send('Page.getAppManifest');
    assert.deepEqual(errors, [], 'the manifest is read without errors');
    assert.equal(url, `${server.url}manifest.webmanifest`);

    await context.setOffline(true);
    const before = server.requests.length;
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    await page.getByRole('link', { name: CHINA['Company name'] }).click();
    await page.getByRole('heading', { level: 1, name: CHINA['Company name'], exact: true }).waitFor();
    assert.match(await page.locator('main').innerText(), /contoso\.partner\.onmschina\.cn/);
    // A page opened afresh, too: the address typed again, with the details' hash.
    const again = await context.newPage();
    await again.goto(page.url());
    await again.getByRole('heading', { level: 1, name: CHINA['Company name'], exact: true }).waitFor();
    assert.equal(server.requests.length, before, 'nothing reached the server');
    assert.deepEqual(await violations(), [], 'no CSP violation, the worker and the manifest included');
    await context.setOffline(false);
  });
});

app.test('a new build deployed while a tab is open is announced; Reload asks first about unsaved values, then brings it, and the old cache goes', async ({ context, page }) => {
  await deployment(async (server, dir) => {
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    await served(page);
    const first = await versionIn(dir);
    // The window open when the worker took over goes (a reload is a new one): nothing holds the build's cache now
    // but that it is the one in use.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();

    // A form with a typed value, and a mark that a reload would wipe.
    await page.getByRole('link', { name: 'Add customer' }).first().click();
    await page.getByLabel('Company name', { exact: true }).fill('Unsaved Ltd');
    await page.evaluate(() => {
      window.__sameDocument = true;
    });

    // The next deployment: a style sheet changes, and with it the worker's list of digests.
    await appendFile(join(dir, 'main.css'), '\n.build-b { color: inherit; }\n');
    await writeServiceWorker(dir);
    const second = await versionIn(dir);
    assert.notEqual(second, first);

    // The page asks again when it is shown (and every hour); the reader comes back to the tab.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    const news = page.getByRole('status').filter({ hasText: 'A new version is ready:' });
    await news.waitFor({ timeout: 20_000 });
    const reload = news.getByRole('button', { name: 'Reload' });
    const both = [`customer-accounts ${server.url} ${first}`, `customer-accounts ${server.url} ${second}`].sort();
    assert.deepEqual(await cacheNames(page), both);

    // A second tab, opened while the new build waits, is served the build in use, and its start (which tidies the
    // caches) leaves the waiting build's cache alone.
    const other = await context.newPage();
    await other.goto(server.url);
    await other.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    await waitFor(() => other.evaluate(() => navigator.serviceWorker.controller !== null), 'the second tab is served');
    await other.waitForTimeout(500);
    assert.deepEqual(await cacheNames(page), both, 'the waiting build\'s cache is kept');

    // The news in each language, which axe finds nothing against, in light and dark mode.
    for (const [tag, words, button] of [
      ['zh-CN', '新版本已就绪：', '重新加载'],
      ['pt-BR', 'Uma nova versão está pronta:', 'Recarregar'],
      ['en-US', 'A new version is ready:', 'Reload'],
    ]) {
      await page.locator('#ca-display-language').selectOption(tag);
      await page.getByRole('status').filter({ hasText: words }).getByRole('button', { name: button }).waitFor();
      for (const colorScheme of ['dark', 'light']) {
        await page.emulateMedia({ colorScheme });
        assert.deepEqual(await axeViolations(page), [], `axe, ${tag}, ${colorScheme}`);
      }
    }

    // Nothing reloads by itself.
    await page.waitForTimeout(1000);
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page was not reloaded');
    assert.equal(await page.getByLabel('Company name', { exact: true }).inputValue(), 'Unsaved Ltd');

    // Reload with unsaved values asks first; staying keeps them, and this build's files stay with the tab.
    const asked = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.type());
      void dialog.dismiss();
    });
    await reload.click();
    await waitFor(() => asked.length === 1, 'Reload asks before leaving unsaved values');
    assert.deepEqual(asked, ['beforeunload']);
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page stayed');
    assert.equal(await page.getByLabel('Company name', { exact: true }).inputValue(), 'Unsaved Ltd');
    await waitFor(async () => (await cacheNames(page)).length === 2, 'the older build is kept while a tab runs it');

    // Reload, agreed to this time: the new build. The other tab still runs the older one: it is told, and that
    // build's cache stays until it has gone.
    page.once('dialog', (dialog) => void dialog.accept());
    await reload.click();
    await waitFor(() => page.evaluate(() => window.__sameDocument === undefined), 'the page reloaded');
    await page.getByRole('heading', { level: 1, name: 'Add customer' }).waitFor();
    const rules = await page.evaluate(() =>
      [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.selectorText)),
    );
    assert.ok(rules.includes('.build-b'), 'the page runs the new build');
    await other.getByRole('status').filter({ hasText: 'A new version is ready:' }).waitFor();
    await page.waitForTimeout(500);
    assert.deepEqual(await cacheNames(page), both, 'the older build is kept while the other tab runs it');
    await other.close();
    // The next page to start tidies.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Add customer' }).waitFor();
    await waitFor(
      async () => JSON.stringify(await cacheNames(page)) === JSON.stringify([`customer-accounts ${server.url} ${second}`]),
      'only the new build\'s cache is left',
    );
    assert.equal(await page.getByRole('status').filter({ hasText: 'A new version is ready:' }).count(), 0);
  });
  // axe is added to the page as an inline script, which the CSP would refuse (the first test holds the page to it).
}, { context: { bypassCSP: true } });

app.test('a deployment caught half-way (a file of another build) is not installed: the page keeps its build', async ({ page }) => {
  await deployment(async (server, dir) => {
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    await served(page);
    const first = await versionIn(dir);

    // The new worker is up, but one of the files it lists is still the old one.
    const css = await readFile(join(dir, 'main.css'));
    await appendFile(join(dir, 'main.css'), '\n.build-b { color: inherit; }\n');
    await writeServiceWorker(dir);
    await cp(join(DIST, 'main.css'), join(dir, 'main.css'));
    assert.deepEqual(await readFile(join(dir, 'main.css')), css);

    const failed = page.evaluate(
      () =>
        new Promise((done) =>
          navigator.serviceWorker.getRegistration().then((registration) => {
            registration.addEventListener('updatefound', () => {
              const worker = registration.installing;
              worker.addEventListener('statechange', () => worker.state === 'redundant' && done('redundant'));
            });
            registration.update().catch(() => {});
          }),
        ),
    );
    assert.equal(await failed, 'redundant', 'the new worker gave up');
    await waitFor(
      async () => JSON.stringify(await cacheNames(page)) === JSON.stringify([`customer-accounts ${server.url} ${first}`]),
      'nothing of the half-way build is kept',
    );
    assert.equal(await page.getByRole('status').filter({ hasText: 'A new version is ready:' }).count(), 0);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    const rules = await page.evaluate(() =>
      [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.selectorText)),
    );
    assert.ok(!rules.includes('.build-b'), 'the page still runs the build it had');
  });
}, { allow: [/service worker: main\.css is not the file of build/] });
