#!/usr/bin/env node
// Benchmark: Customer Accounts (Rust + Leptos, wasm) beside the peer, react-admin + ra-data-local-storage, in the
// same run, on the same machine, with the same generated customers. Prints figures (markdown tables); never
// passes or fails. Usage: see bench/README.md.
import { createServer } from 'node:http';
import { readFile, writeFile, stat, mkdir, cp, rm, readdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename, extname, join, normalize, resolve, sep, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { execSync } from 'node:child_process';
import { gzipSync, brotliCompressSync, constants as zc } from 'node:zlib';
import { addFormValues, customerGenerator, partnerCenterJson } from './generate.mjs';
import { MODULE } from '../scripts/split.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..');

// ---------------------------------------------------------------- options
const argv = process.argv.slice(2);
function opt(name, fallback) {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`--${name}=`));
  return eq ? eq.slice(name.length + 3) : fallback;
}
const flag = (name) => argv.includes(`--${name}`);
if (flag('help')) {
  console.log(`node bench/run.mjs [--n 5000,50000] [--runs 3] [--dist <repo>/dist | --dist label=<path>,label=<path>,…]
  [--chunk 5000] [--queries 5] [--keystrokes 12] [--adds 5] [--peer-src bench/peer-react-admin] [--cache bench/.cache]
  [--no-capacity] [--no-peer] [--seed 20261124] [--loads 3] [--settle 3000]`);
  process.exit(0);
}
const NS = opt('n', '5000,50000').split(',').map((s) => Number(s.trim())).filter((n) => n > 0);
const RUNS = Math.max(1, Number(opt('runs', '3')));
/**
 * The builds of ours to measure: `--dist PATH` (one build, "Customer Accounts"), or `--dist before=PATH,after=PATH`
 * (a column each, in that order; a part without `label=` is labelled by its folder's name).
 */
function parseBuilds(spec) {
  const parts = spec.split(',').map((x) => x.trim()).filter(Boolean);
  const builds = parts.map((part) => {
    const m = /^([\w.-]+)=(.+)$/.exec(part);
    const dist = resolve(m ? m[2] : part);
    return { label: m ? m[1] : parts.length === 1 ? 'Customer Accounts' : basename(dist), dist };
  });
  const labels = builds.map((b) => b.label);
  if (new Set(labels).size !== labels.length) throw new Error(`--dist: two builds with one label (${labels.join(', ')})`);
  if (labels.includes(PEER_LABEL)) throw new Error(`--dist: the label ${PEER_LABEL} is the peer's`);
  return builds;
}
const PEER_LABEL = 'react-admin';
const BUILDS = parseBuilds(opt('dist', join(REPO, 'dist')));
const CHUNK = Math.max(1, Number(opt('chunk', '5000')));
const QUERIES = Math.max(1, Number(opt('queries', '5')));
// Add form: single-character keystrokes per field and phase (figure 11), and customers added one by one (figure 12).
const KEYSTROKES = Math.max(1, Number(opt('keystrokes', '12')));
const ADDS = Math.max(1, Number(opt('adds', '5')));
const PEER_SRC = resolve(opt('peer-src', join(HERE, 'peer-react-admin')));
const CACHE = resolve(opt('cache', join(HERE, '.cache')));
const SEED = Number(opt('seed', '20261124'));
const CAPACITY = !flag('no-capacity');
// Cold loads per run (each in a new page), and the pause before them that lets the browser finish writing the seed.
const LOADS = Math.max(1, Number(opt('loads', '3')));
const SETTLE = Math.max(0, Number(opt('settle', '3000')));
const WITH_PEER = !flag('no-peer');
const SMALL_N = 100; // the extra edit measurement
const PEER_DEBOUNCE_MS = 500;
const IMPORT_LIMIT = 100_000; // items per file in the current build (MAX_IMPORT_ITEMS, src/model/transfer.rs); only used in a note

// ---------------------------------------------------------------- playwright-core (never downloads a browser)
process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';
async function loadChromium() {
  for (const base of [join(HERE, 'package.json'), join(REPO, 'tests/e2e/package.json')]) {
    try {
      const path = createRequire(base).resolve('playwright-core');
      return (await import(path)).chromium ?? (await import(path)).default.chromium;
    } catch {}
  }
  throw new Error('playwright-core not found: run `npm install --no-audit --no-fund` in bench/');
}
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// ---------------------------------------------------------------- static server
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2',
};
const BLANK = '/__bench_blank.html';
async function serve(root) {
  const requests = [];
  const server = createServer(async (req, res) => {
    try {
      const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (pathname === BLANK) {
        res.writeHead(200, { 'content-type': TYPES['.html'] }).end('<!DOCTYPE html><title>blank</title>');
        return;
      }
      let file = normalize(join(root, pathname));
      if (file !== root && !file.startsWith(root + sep)) return res.writeHead(403).end();
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      requests.push({ pathname, file });
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`, requests,
    close: () => new Promise((ok) => { server.close(ok); server.closeAllConnections(); }),
  };
}

// ---------------------------------------------------------------- peer build (cached)
/** A hash of the peer's sources (every file but node_modules/ and dist/), so a changed peer is built again. */
async function sourceHash(dir, hash = createHash('sha256'), rel = '') {
  for (const name of (await readdir(join(dir, rel))).sort()) {
    if (!rel && (name === 'node_modules' || name === 'dist')) continue;
    const path = join(dir, rel, name);
    if ((await stat(path)).isDirectory()) await sourceHash(dir, hash, join(rel, name));
    else hash.update(`${join(rel, name)}\0`).update(await readFile(path)).update('\0');
  }
  return hash;
}

async function peerDist() {
  const dir = join(CACHE, 'react-admin');
  const dist = join(dir, 'dist');
  const stamp = join(dir, 'sources.sha256');
  const want = (await sourceHash(PEER_SRC)).digest('hex');
  const have = await readFile(stamp, 'utf8').catch(() => '');
  if (existsSync(join(dist, 'index.html')) && have.trim() === want) return dist;
  log(`building the peer from ${PEER_SRC} in ${dir} (about a minute) …`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const name of await readdir(PEER_SRC)) {
    if (name === 'node_modules' || name === 'dist') continue;
    await cp(join(PEER_SRC, name), join(dir, name), { recursive: true });
  }
  execSync('npm ci --no-audit --no-fund && npx vite build --base ./', { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  await writeFile(stamp, want + '\n');
  return dist;
}

// ---------------------------------------------------------------- helpers
const log = (...a) => console.error('[bench]', ...a);
const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return undefined;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
const p95 = (xs) => {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return v.length ? v[Math.min(v.length - 1, Math.ceil(0.95 * v.length) - 1)] : undefined;
};
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

// Installed in every page of a context: records setItem calls, captures the wasm memory, times first rows.
function initScript({ rowSelector }) {
  const b = (window.__bench = { writes: [], mems: [], rowSelector, firstRow: null, firstRowPainted: null });
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    const t0 = performance.now();
    try {
      return setItem.call(this, key, value);
    } finally {
      b.writes.push({ t0, t: performance.now(), key: String(key), units: String(key).length + String(value).length });
    }
  };
  const keep = (instance) => {
    const mem = instance?.exports && Object.values(instance.exports).find((v) => v instanceof WebAssembly.Memory);
    if (mem) b.mems.push(mem);
  };
  const streaming = WebAssembly.instantiateStreaming;
  if (streaming) {
    WebAssembly.instantiateStreaming = async function (...args) {
      const r = await streaming.apply(this, args);
      keep(r.instance);
      return r;
    };
  }
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = async function (...args) {
    const r = await instantiate.apply(this, args);
    keep(r instanceof WebAssembly.Instance ? r : r.instance);
    return r;
  };
  // Time of the first data row in the DOM, and of the next animation frame (painted).
  const watch = () => {
    const check = () => {
      if (b.firstRow === null && document.querySelector(rowSelector)) {
        b.firstRow = performance.now();
        requestAnimationFrame(() => { b.firstRowPainted = performance.now(); });
        obs.disconnect();
      }
    };
    const obs = new MutationObserver(check);
    obs.observe(document, { childList: true, subtree: true });
    check();
  };
  watch();
  // Keystrokes (figure 11), while `recordKeys` is set. Registered here, before the app's own listeners, on the window
  // in the capture phase: the first listener an `input` event reaches. Per event: `t` its dispatch; `idle` a message
  // posted then, which runs after the event's task and its microtasks (the app's handlers and the effects they
  // start); `raf` the next animation frame's callback (requested then, so it runs before any the app requests); and
  // `painted` a message posted from that callback, which runs after that frame's style, layout and paint.
  b.keys = [];
  b.recordKeys = false;
  const after = (f) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => { f(performance.now()); ch.port1.close(); };
    ch.port2.postMessage(0);
  };
  addEventListener('input', () => {
    if (!b.recordKeys) return;
    const k = { t: performance.now(), idle: null, raf: null, painted: null };
    b.keys.push(k);
    after((t) => { k.idle = t; });
    requestAnimationFrame(() => {
      k.raf = performance.now();
      after((t) => { k.painted = t; });
    });
  }, { capture: true });
  // Waits, in the page, for `pred` to hold after mutations; resolves with the time of the frame after it held.
  b.until = (pred, timeout = 60000) => new Promise((ok, fail) => {
    let done = false;
    const finish = () => {
      if (done || !pred()) return;
      done = true;
      obs.disconnect();
      clearInterval(iv);
      clearTimeout(to);
      // Resolved on the next frame (the change painted); a hidden page gets no frames, so a timer stands in.
      let settled = false;
      const settle = () => { if (!settled) { settled = true; ok(performance.now()); } };
      requestAnimationFrame(settle);
      setTimeout(settle, 250);
    };
    const obs = new MutationObserver(finish);
    obs.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
    const iv = setInterval(finish, 5);
    const to = setTimeout(() => { if (!done) { obs.disconnect(); clearInterval(iv); fail(new Error('timeout')); } }, timeout);
    finish();
  });
}

const APPS = {
  ours: {
    name: 'Customer Accounts',
    rowSelector: 'table.customers tbody tr',
    searchSelector: '#ca-search',
  },
  peer: {
    name: 'react-admin',
    rowSelector: '.RaDatagrid-tbody .RaDatagrid-row', // the header row is a .RaDatagrid-row too
    searchSelector: 'input[name="q"]',
  },
};

async function newContext(browser, app) {
  // English, whatever the machine's default: the benchmark finds our controls by their English labels.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  await context.addInitScript(initScript, { rowSelector: APPS[app].rowSelector });
  return context;
}

async function storageUnits(context, url) {
  const page = await context.newPage();
  await page.goto(url + BLANK.slice(1));
  const r = await page.evaluate(() => {
    let units = 0;
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      units += k.length + localStorage.getItem(k).length;
    }
    return { units, keys: localStorage.length };
  });
  await page.close();
  return r;
}

// ---------------------------------------------------------------- seeding
/** Ours, through the UI only: "Import JSON" with Partner Center JSON files. Returns per-import timings. */
const EMPTY_FILE_ALERT = 'the file has no customers'; // shown inside the problem list
const alertText = (page) => page.evaluate(() => document.querySelector('.action-alert')?.textContent.trim() ?? '');

async function chooseFile(page, text) {
  await page.getByLabel('Import JSON').setInputFiles({ name: 'customers.json', mimeType: 'application/json', buffer: Buffer.from(text) });
}

async function oursImport(page, items, expectedTotal) {
  const text = partnerCenterJson(items);
  // A refusal repeats the same words, so the alert would not change: first put a different refusal there (an
  // empty file; nothing is stored), through the UI too.
  let before = await alertText(page);
  if (before && !before.includes(EMPTY_FILE_ALERT)) {
    await chooseFile(page, JSON.stringify({ totalCount: 0, items: [], attributes: { objectType: 'Collection' } }));
    await page.waitForFunction((t) => document.querySelector('.action-alert')?.textContent.includes(t), EMPTY_FILE_ALERT, { timeout: 60000 });
    before = await alertText(page);
  }
  await page.evaluate(() => {
    const b = window.__bench;
    b.importStart = null;
    document.querySelector('#ca-import').addEventListener('change', () => { b.importStart = performance.now(); }, { once: true, capture: true });
  });
  const expect = `${expectedTotal.toLocaleString('en-US')} customer`;
  const waiting = page.evaluate(([expect, before]) => window.__bench.until(() => {
    const count = document.querySelector('p.count')?.textContent.trim() ?? '';
    const alert = document.querySelector('.action-alert')?.textContent.trim() ?? '';
    return count.startsWith(expect) || (alert.startsWith('Nothing was imported') && alert !== before);
  }, 600000).then((t) => ({
    t,
    start: window.__bench.importStart,
    alert: document.querySelector('.action-alert')?.textContent.trim() ?? '',
    count: document.querySelector('p.count')?.textContent.trim() ?? '',
  })), [expect, before]);
  await chooseFile(page, text);
  const r = await waiting;
  const ok = r.count.startsWith(expect);
  return { ok, ms: r.t - r.start, alert: ok ? '' : r.alert, chars: text.length };
}

async function openOursList(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('p.count', { timeout: 60000 });
  return page;
}

/** Seeds ours with `items` in chunks; stops at the first refused chunk. */
async function seedOurs(context, url, items, chunk = CHUNK) {
  const page = await openOursList(context, url);
  let stored = 0;
  let ms = 0;
  let imports = 0;
  let problem = null;
  for (let i = 0; i < items.length; i += chunk) {
    const part = items.slice(i, i + chunk);
    const r = await oursImport(page, part, stored + part.length);
    if (!r.ok) {
      problem = r.alert;
      break;
    }
    stored += part.length;
    ms += r.ms;
    imports++;
  }
  await page.close();
  return { stored, ms, imports, problem };
}

async function seedPeer(context, url, items) {
  const page = await context.newPage();
  await page.goto(url + BLANK.slice(1));
  const json = JSON.stringify({ customers: items });
  const r = await page.evaluate((json) => {
    try {
      localStorage.setItem('ra-data-local-storage', json);
      return { ok: true };
    } catch (e) {
      return { ok: false, error: String(e.name || e) };
    }
  }, json);
  if (r.ok) {
    // A page closed at once after writing megabytes may lose the write (seen in 2 of 3 runs at 5,000): keep it open
    // until another page of the context reads the whole value.
    const check = await context.newPage();
    await check.goto(url + BLANK.slice(1));
    const seen = await check.waitForFunction((n) => localStorage.getItem('ra-data-local-storage')?.length === n,
      json.length, { timeout: 30000 }).then(() => true, () => false);
    await check.close();
    await page.close();
    if (!seen) return { stored: 0, problem: 'the seeded value did not show in another page' };
  } else {
    await page.close();
  }
  return { stored: r.ok ? items.length : 0, problem: r.ok ? null : r.error };
}

// ---------------------------------------------------------------- measurements on a seeded context
async function coldLoad(context, url, app) {
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(url + (app === 'peer' ? '#/customers' : ''));
  await page.waitForSelector(APPS[app].rowSelector, { timeout: 120000 });
  await page.waitForFunction(() => window.__bench.firstRowPainted !== null);
  const wall = Date.now() - t0;
  const ms = await page.evaluate(() => window.__bench.firstRowPainted);
  // Rows once the page is quiet.
  await sleep(app === 'peer' ? 800 : 300);
  const rows = await page.locator(APPS[app].rowSelector).count();
  return { page, ms, wall, rows };
}

async function memory(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() => window.__bench.mems.reduce((s, m) => s + m.buffer.byteLength, 0));
  await cdp.detach();
  return { js: heap.usedSize / 2 ** 20, wasm: wasm / 2 ** 20 };
}

/** Types 3-letter prefixes; from the last keystroke to the frame after the rows' last change. */
async function searches(page, app, queries) {
  const sel = APPS[app].searchSelector;
  const quiet = app === 'peer' ? PEER_DEBOUNCE_MS + 700 : 400;
  const out = [];
  for (const q of queries) {
    await page.fill(sel, '');
    await sleep(quiet);
    await page.evaluate(() => {
      const b = window.__bench;
      b.lastKey = null;
      b.lastMut = null;
      b.lastPaint = null;
      b.searchObs?.disconnect();
      document.addEventListener('keydown', (e) => { b.lastKey = performance.now(); }, { capture: true });
      b.searchObs = new MutationObserver((records) => {
        if (b.lastKey === null) return;
        // Ignore changes to the search box itself.
        if (records.every((r) => r.target === document.activeElement)) return;
        b.lastMut = performance.now();
        requestAnimationFrame(() => { b.lastPaint = performance.now(); });
      });
      b.searchObs.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    await page.focus(sel);
    await page.keyboard.type(q);
    // Settled: no change to the page for `quiet` ms after the last change (and after the debounce).
    const deadline = Date.now() + 20000;
    for (;;) {
      await sleep(50);
      const s = await page.evaluate(() => ({ k: window.__bench.lastKey, m: window.__bench.lastMut, p: window.__bench.lastPaint, now: performance.now() }));
      if (s.m !== null && s.m > s.k && s.p !== null && s.now - s.m > quiet) {
        out.push(s.p - s.k);
        break;
      }
      if (Date.now() > deadline) {
        out.push(NaN);
        break;
      }
    }
    await page.evaluate(() => window.__bench.searchObs?.disconnect());
  }
  await page.fill(sel, '');
  await sleep(quiet);
  return out;
}

/** From a click on the first row's link (peer: the row) to the details heading (peer: the edit form) painted. */
async function openDetails(page, app) {
  return page.evaluate(async (app) => {
    const b = window.__bench;
    if (app === 'ours') {
      const link = document.querySelector('table.customers tbody tr th a');
      const name = link.textContent.trim();
      const t0 = performance.now();
      link.click();
      const t = await b.until(() => [...document.querySelectorAll('h1')].some((h) => h.textContent.trim() === name));
      return t - t0;
    }
    const cell = document.querySelector('.RaDatagrid-tbody .RaDatagrid-row td');
    const t0 = performance.now();
    cell.click();
    const t = await b.until(() => {
      const input = document.querySelector('input[name="billingProfile.defaultAddress.city"]');
      return input && input.value !== '';
    });
    return t - t0;
  }, app);
}

/** Opens an edit page, changes City, submits; time from the click to the end of the last localStorage write. */
async function editOnce(context, url, app, customer, city) {
  const page = await context.newPage();
  if (app === 'ours') {
    await page.goto(`${url}#/customers/${customer.id}/edit`);
  } else {
    await page.goto(`${url}#/customers/${customer.id}`);
  }
  const field = page.getByLabel('City', { exact: true });
  await field.waitFor({ timeout: 120000 });
  await page.waitForFunction(() => {
    const i = [...document.querySelectorAll('input')].find((x) => x.value && x.value.length > 0);
    return !!i;
  });
  await sleep(200);
  await field.fill(city);
  const button = page.getByRole('button', { name: app === 'ours' ? 'Submit' : 'Save', exact: true });
  await page.evaluate(() => {
    const b = window.__bench;
    b.writes.length = 0;
    b.clickAt = null;
    document.addEventListener('click', () => { b.clickAt = performance.now(); }, { capture: true, once: true });
  });
  await button.click();
  // Wait for a write, then for writes to stop (300 ms without one).
  const deadline = Date.now() + 30000;
  let result = { ms: NaN, units: NaN, calls: 0 };
  for (;;) {
    await sleep(50);
    const s = await page.evaluate(() => ({ click: window.__bench.clickAt, writes: window.__bench.writes, now: performance.now() }));
    const after = s.writes.filter((w) => s.click !== null && w.t0 >= s.click);
    if (after.length && s.now - after[after.length - 1].t > 300) {
      result = {
        ms: after[after.length - 1].t - s.click,
        units: after.reduce((n, w) => n + w.units, 0),
        calls: after.length,
      };
      break;
    }
    if (Date.now() > deadline) break;
  }
  let verified = null;
  if (app === 'peer') {
    verified = await page.evaluate(([id, city]) => {
      const data = JSON.parse(localStorage.getItem('ra-data-local-storage'));
      return data.customers.find((c) => c.id === id)?.billingProfile?.defaultAddress?.city === city;
    }, [customer.id, city]);
  }
  await page.close();
  return { ...result, verified };
}

// ---------------------------------------------------------------- the add form (ours only)
const FORM_FIELDS = ['Company name', 'Domain prefix', 'City'];
// What is typed into each field, one character a keystroke (repeated up to --keystrokes characters; a domain prefix
// is letters only, as the rules want).
const TYPED = { 'Company name': 'Benchmark Trading Company ', 'Domain prefix': 'benchtypingprefix', City: 'Shanghai Pudong ' };
const typedText = (field) => TYPED[field].repeat(Math.ceil(KEYSTROKES / TYPED[field].length)).slice(0, KEYSTROKES);
const GROUP_KEY = /:g[0-9a-f]+$/; // our stored format's group keys (`{prefix}:g{hex}`, src/storage/mod.rs)

async function openAddForm(context, url) {
  const page = await context.newPage();
  await page.goto(`${url}#/customers/new`);
  await page.getByRole('heading', { level: 1, name: 'Add customer' }).waitFor({ timeout: 120000 });
  await sleep(300);
  return page;
}

/**
 * Types `text` into the field labelled `label`, one character at a time, waiting for each keystroke's frame; returns
 * per keystroke `work` (the input event's task and microtasks + the next frame's rendering, without the wait for that
 * frame) and `frame` (input event → after the next frame's rendering, the wait included).
 */
async function typeMeasured(page, label, text) {
  const out = { work: [], frame: [] };
  await page.getByLabel(label, { exact: true }).click();
  await sleep(100);
  for (const ch of text) {
    await page.evaluate(() => { window.__bench.keys = []; window.__bench.recordKeys = true; });
    await page.keyboard.type(ch);
    const k = await page.waitForFunction(() => {
      const k = window.__bench.keys[0];
      return k && k.idle !== null && k.painted !== null ? k : null;
    }, null, { timeout: 5000, polling: 10 }).then((h) => h.jsonValue(), () => null);
    if (k) {
      // The frame came before the `idle` message: its rendering is inside t → painted already, and nothing was waited.
      out.work.push(k.raf < k.idle ? k.painted - k.t : (k.idle - k.t) + (k.painted - k.raf));
      out.frame.push(k.painted - k.t);
    } else {
      out.work.push(NaN);
      out.frame.push(NaN);
    }
    await sleep(30);
  }
  await page.evaluate(() => { window.__bench.recordKeys = false; });
  // The characters must have reached the field (a keystroke that went elsewhere would time nothing of the form).
  const value = await page.getByLabel(label, { exact: true }).inputValue();
  if (!value.toLowerCase().includes(text.toLowerCase())) log(`"${label}" holds ${JSON.stringify(value)}, not the typed ${JSON.stringify(text)}`);
  return out;
}

/**
 * Figure 11: keystrokes in "Company name", "Domain prefix" and "City" of a new add form ("fresh"), then of another
 * one after "Next: Review" on the blank form showed its errors ("review").
 */
async function formKeystrokes(context, url) {
  const r = { fresh: {}, review: {} };
  for (const phase of ['fresh', 'review']) {
    const page = await openAddForm(context, url);
    if (phase === 'review') {
      await page.getByRole('button', { name: 'Next: Review' }).click();
      await page.waitForSelector('[aria-invalid="true"]', { timeout: 30000 });
      await sleep(300);
    }
    for (const field of FORM_FIELDS) r[phase][field] = await typeMeasured(page, field, typedText(field));
    await page.close(); // without its beforeunload: no leave question
  }
  return r;
}

/**
 * Figure 12: adds `count` valid customers one after the other (unique names and domain prefixes); per add, from the
 * click on "Submit" to the end of the localStorage write of the customer's group, and to the frame after the
 * "Customer added" heading appeared.
 */
async function formAdds(context, url, tag, count) {
  const page = await context.newPage();
  page.on('dialog', (d) => d.accept().catch(() => {}));
  const out = [];
  try {
    for (let i = 0; i < count; i++) {
      await page.goto(`${url}#/customers/new`);
      await page.getByRole('heading', { level: 1, name: 'Add customer' }).waitFor({ timeout: 120000 });
      const values = addFormValues(`Bench Add ${tag} ${i}`, `zzbenchadd${tag}${i}`, `bench.${tag}.${i}@example.cn`);
      for (const [label, value] of Object.entries(values)) {
        const control = page.getByLabel(label, { exact: true });
        if (await control.evaluate((e) => e.tagName === 'SELECT')) await control.selectOption(value);
        else await control.fill(value);
      }
      await page.getByRole('button', { name: 'Next: Review' }).click();
      await page.getByRole('heading', { name: 'Review' }).waitFor({ timeout: 30000 });
      await sleep(200);
      await page.evaluate(() => {
        const b = window.__bench;
        b.writes.length = 0;
        b.clickAt = null;
        document.addEventListener('click', () => { b.clickAt = performance.now(); }, { capture: true, once: true });
      });
      const shown = page.evaluate(() => window.__bench.until(
        () => [...document.querySelectorAll('h1, h2')].some((h) => h.textContent.trim() === 'Customer added'), 30000));
      await page.getByRole('button', { name: 'Submit', exact: true }).click();
      const tShown = await shown;
      await sleep(300);
      const s = await page.evaluate(() => ({ click: window.__bench.clickAt, writes: window.__bench.writes }));
      const after = s.writes.filter((w) => w.t0 >= s.click);
      const group = after.find((w) => GROUP_KEY.test(w.key));
      out.push({ write: group ? group.t - s.click : NaN, shown: tShown - s.click, calls: after.length });
      await page.getByRole('button', { name: 'Done' }).click();
      await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor({ timeout: 30000 });
    }
  } finally {
    await page.close();
  }
  return out;
}

// ---------------------------------------------------------------- one N, one run, one app
async function measureRun(browser, server, app, items, run, queries, label = app) {
  const N = items.length;
  const context = await newContext(browser, app);
  const r = { app, N };
  try {
    if (app === 'ours') {
      const s = await seedOurs(context, server.url, items);
      r.stored = s.stored;
      r.importMs = s.problem ? undefined : s.ms;
      r.importNote = s.imports > 1 ? `${s.imports} imports of ≤${CHUNK}` : '';
      if (s.problem) {
        r.didNotFit = `did not fit: ${s.stored} of ${N} stored (${s.problem.slice(0, 90)})`;
        return r;
      }
    } else {
      const s = await seedPeer(context, server.url, items);
      r.stored = s.stored;
      if (s.problem) {
        r.didNotFit = `did not fit: setItem threw ${s.problem}`;
        return r;
      }
    }
    const units = await storageUnits(context, server.url);
    r.unitsPerCustomer = units.units / N;
    r.keys = units.keys;

    // A person opens the app some time after the data was stored, not while the browser is still writing an import
    // of tens of megabytes to disk (which it does in the background for a few seconds): wait for that first.
    await sleep(SETTLE);
    // Several loads, each in a new page: one load's figure varies by tens of milliseconds on a 2-core machine.
    r.coldAll = [];
    r.coldWallAll = [];
    let load;
    for (let i = 0; i < LOADS; i++) {
      if (load) await load.page.close();
      load = await coldLoad(context, server.url, app);
      r.coldAll.push(load.ms);
      r.coldWallAll.push(load.wall);
    }
    // Each load's figure, for the spread (the table gives the median over every run's loads).
    log(`${label} N=${N} run ${run + 1}: cold loads ${r.coldAll.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    r.rows = load.rows;
    const page = load.page;
    if (run === 0) r.requests = true; // transfer sizes are taken from the server log of the first load
    const mem = await memory(page);
    r.jsMB = mem.js;
    r.wasmMB = mem.wasm;
    r.search = await searches(page, app, queries);
    r.detailsMs = await openDetails(page, app);
    await page.close();
    const edit = await editOnce(context, server.url, app, items[Math.floor(N / 2)], `Benchville ${run + 1}`);
    r.editMs = edit.ms;
    r.editUnits = edit.units;
    r.editCalls = edit.calls;
    r.editVerified = edit.verified;
    if (app === 'ours') {
      r.keystrokes = await formKeystrokes(context, server.url);
      r.adds = await formAdds(context, server.url, `r${run + 1}`, ADDS);
    }
  } catch (e) {
    r.error = String(e.message || e).split('\n')[0];
    log(`${label} N=${N} run ${run + 1}: ${r.error}`);
  } finally {
    await context.close();
  }
  return r;
}

async function smallEdit(browser, server, app, items, run) {
  const context = await newContext(browser, app);
  try {
    const s = app === 'ours' ? await seedOurs(context, server.url, items) : await seedPeer(context, server.url, items);
    if (s.problem) return { error: s.problem };
    return await editOnce(context, server.url, app, items[50], `Smallton ${run + 1}`);
  } catch (e) {
    return { error: String(e.message || e).split('\n')[0] };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------- capacity
async function capacityOurs(browser, server) {
  const context = await newContext(browser, 'ours');
  const page = await openOursList(context, server.url);
  const gen = customerGenerator(SEED + 1);
  let stored = 0;
  let chunk = CHUNK;
  let lastProblem = '';
  try {
    while (chunk >= 1) {
      const items = gen.take(chunk);
      const r = await oursImport(page, items, stored + chunk);
      if (r.ok) {
        stored += chunk;
        log(`capacity ours: ${stored} stored`);
        continue;
      }
      lastProblem = r.alert;
      if (!/full/i.test(r.alert)) {
        log(`capacity ours: refused for another reason: ${r.alert.slice(0, 200)}`);
        if (!/larger|at most/.test(r.alert)) break;
      }
      if (chunk === 1) break;
      chunk = Math.floor(chunk / 2);
    }
  } finally {
    await context.close();
  }
  return { stored, note: lastProblem.slice(0, 80) };
}

async function capacityPeer(browser, server) {
  const context = await newContext(browser, 'peer');
  const page = await context.newPage();
  await page.goto(server.url + BLANK.slice(1));
  const gen = customerGenerator(SEED + 1);
  let pool = gen.take(2000);
  const fits = async (k) => page.evaluate((json) => {
    try {
      localStorage.setItem('ra-data-local-storage', json);
      return true;
    } catch {
      return false;
    } finally {
      localStorage.removeItem('ra-data-local-storage');
    }
  }, JSON.stringify({ customers: pool.slice(0, k) }));
  let lo = 0;
  let hi = 1000;
  while (await fits(hi)) {
    lo = hi;
    hi *= 2;
    while (pool.length < hi) pool = pool.concat(gen.take(hi - pool.length));
  }
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (await fits(mid)) lo = mid;
    else hi = mid;
  }
  await context.close();
  return { stored: lo };
}

// ---------------------------------------------------------------- transfer sizes
/** Files our standalone page fetches once the list has painted: the service worker's registration, the manifest and
 * its icons (docs/offline.md). */
const AFTER_PAINT = /^(update\.js|manifest\.webmanifest|icon[\w-]*\.(png|svg))$/;
async function transferSizes(browser, app, root) {
  const server = await serve(root);
  const context = await newContext(browser, app);
  const page = await context.newPage();
  // What the page itself asks for; the rest the server sees is a service worker's.
  const byPage = new Set();
  page.on('request', (r) => byPage.add(new URL(r.url()).pathname));
  // Empty storage is enough to fetch everything the list view needs.
  await page.goto(server.url + (app === 'peer' ? '#/customers' : ''));
  await page.waitForLoadState('networkidle');
  await sleep(500);
  await context.close();
  await server.close();
  const seen = new Map();
  for (const { pathname, file } of server.requests) if (!seen.has(pathname)) seen.set(pathname, file);
  const rows = [];
  for (const [pathname, file] of seen) {
    const raw = await readFile(file);
    rows.push({
      file: pathname,
      workerOnly: !byPage.has(pathname),
      raw: raw.length,
      gzip: gzipSync(raw, { level: 9 }).length,
      br: brotliCompressSync(raw, { params: { [zc.BROTLI_PARAM_QUALITY]: 11, [zc.BROTLI_PARAM_SIZE_HINT]: raw.length } }).length,
    });
  }
  return rows;
}

// ---------------------------------------------------------------- printing
const fmt = (v, d = 1) => (v === undefined || v === null || Number.isNaN(v) ? '–' : typeof v === 'number' ? v.toFixed(d) : String(v));
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? (a / b).toFixed(2) : '–');
const kb = (n) => (n / 1024).toFixed(1);

function table(header, rows) {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map((h, i) => (i ? '---:' : '---')).join('|')}|`];
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  return lines.join('\n');
}

function summarize(results) {
  const ok = results.filter((r) => !r.didNotFit && !r.error);
  const pick = (k) => median(ok.map((r) => r[k]));
  const allSearch = ok.flatMap((r) => r.search ?? []);
  const s = {
    n: ok.length,
    didNotFit: results.find((r) => r.didNotFit)?.didNotFit,
    error: results.find((r) => r.error)?.error,
    units: pick('unitsPerCustomer'),
    cold: median(ok.flatMap((r) => r.coldAll ?? [])),
    coldWall: median(ok.flatMap((r) => r.coldWallAll ?? [])),
    searchMed: median(allSearch),
    searchP95: p95(allSearch),
    searchCount: allSearch.length,
    edit: pick('editMs'),
    editUnits: pick('editUnits'),
    editCalls: pick('editCalls'),
    details: pick('detailsMs'),
    js: pick('jsMB'),
    wasm: pick('wasmMB'),
    mem: median(ok.map((r) => r.jsMB + r.wasmMB)),
    importMs: median(results.filter((r) => Number.isFinite(r.importMs)).map((r) => r.importMs)),
    importNote: results.find((r) => r.importNote)?.importNote,
    rows: pick('rows'),
    verified: ok.every((r) => r.editVerified !== false),
  };
  // Figure 11: per phase and field, pooled over the runs.
  for (const phase of ['fresh', 'review']) {
    const of = (field, kind) => ok.flatMap((r) => r.keystrokes?.[phase]?.[field]?.[kind] ?? []);
    for (const field of FORM_FIELDS) s[`${phase}:${field}`] = median(of(field, 'work'));
    const work = FORM_FIELDS.flatMap((f) => of(f, 'work'));
    s[`${phase}:p95`] = p95(work);
    s[`${phase}:frame`] = median(FORM_FIELDS.flatMap((f) => of(f, 'frame')));
    s[`${phase}:count`] = work.filter(Number.isFinite).length;
  }
  // Figure 12: every add of every run.
  const adds = ok.flatMap((r) => r.adds ?? []);
  s.addWrite = median(adds.map((a) => a.write));
  s.addWriteP95 = p95(adds.map((a) => a.write));
  s.addShown = median(adds.map((a) => a.shown));
  s.addCalls = median(adds.map((a) => a.calls));
  s.addCount = adds.filter((a) => Number.isFinite(a.write)).length;
  return s;
}

/**
 * One table: a column per build, then the peer's, then a ratio (the last build over the first when there are
 * several, else ours over the peer's), then the target where there is one.
 */
function columns(targets, summaries) {
  const cols = targets.map((t) => ({ t, s: summaries.get(t.label) }));
  const builds = cols.filter((c) => c.t.app === 'ours');
  const peer = cols.find((c) => c.t.app === 'peer');
  const [num, den, ratioHead] = builds.length > 1
    ? [builds.at(-1), builds[0], `${builds.at(-1).t.label}/${builds[0].t.label}`]
    : peer ? [builds[0], peer, 'ours/peer'] : [null, null, null];
  const header = ['Figure', ...cols.map((c) => c.t.label), ...(ratioHead ? [ratioHead] : []), 'target'];
  const get = (c, key) => (typeof key === 'function' ? key(c.s) : c.s[key]);
  /** A row: `peerToo` false gives "n/a" in the peer's column (a figure of ours only). */
  const row = (label, key, d = 1, { peerToo = true, target = '' } = {}) => [
    label,
    ...cols.map((c) => {
      if (c.t.app === 'peer' && !peerToo) return 'n/a';
      if (!c.s.n && c.s.didNotFit) return 'did not fit';
      return fmt(get(c, key), d);
    }),
    ...(ratioHead ? [num && (den.t.app !== 'peer' || peerToo) ? ratio(get(num, key), get(den, key)) : '–'] : []),
    target,
  ];
  return { cols, header, row };
}

function printN(N, targets, results) {
  const summaries = new Map(targets.map((t) => [t.label, summarize(results.get(t.label) ?? [])]));
  const { cols, header, row } = columns(targets, summaries);
  const out = [];
  out.push([`Runs measured (of ${RUNS})`, ...cols.map((c) => (c.s.n ? String(c.s.n) : c.s.didNotFit ? 'did not fit' : '0')),
    ...header.slice(cols.length + 1).map(() => '')]);
  out.push(row('1. UTF-16 units stored per customer', 'units', 0));
  out.push(row('3. Cold load → first row painted (ms)', 'cold'));
  out.push(row('   (wall clock goto → row seen, ms)', 'coldWall', 0));
  out.push(row(`4. Search keystroke → rows settled, median (ms; peer incl. its ${PEER_DEBOUNCE_MS} ms debounce)`, 'searchMed', 1, { target: '≤ 16' }));
  out.push(row('   Search, p95 (ms)', 'searchP95'));
  out.push(row('5. Edit Submit/Save → localStorage write done (ms)', 'edit'));
  out.push(row('   UTF-16 units written by that edit', 'editUnits', 0));
  out.push(row('   setItem calls for that edit', 'editCalls', 0));
  out.push(row('6. Open details (peer: row → edit form) (ms)', 'details'));
  out.push(row('7. JS heap after GC (MB)', 'js', 2));
  out.push(row('   wasm memory (MB)', 'wasm', 2));
  out.push(row('   JS + wasm (MB)', 'mem', 2));
  const importNote = cols.map((c) => c.s.importNote).find(Boolean);
  const notes = [importNote, N > IMPORT_LIMIT ? `N above the current build's ${IMPORT_LIMIT.toLocaleString('en-US')}-item limit per file` : '']
    .filter(Boolean).join('; ');
  out.push(row(`8. Import N from JSON file (ms)${notes ? ` [${notes}]` : ''}`, 'importMs', 0, { peerToo: false }));
  out.push(row('9. Table rows in the DOM after load', 'rows', 0));
  const ours = { peerToo: false };
  for (const [phase, title] of [['fresh', '11a. Add form keystroke, new form'], ['review', '11b. Add form keystroke, after "Next: Review" showed errors']]) {
    FORM_FIELDS.forEach((field, i) => out.push(row(`${i ? '    ' : `${title}: `}${field}, median (ms)`, `${phase}:${field}`, 1, { ...ours, target: '≤ 8' })));
    out.push(row('    the three fields, p95 (ms)', `${phase}:p95`, 1, ours));
    out.push(row('    input → after the next frame, wait for the frame included, median (ms)', `${phase}:frame`, 1, ours));
  }
  out.push(row('12. Add: Submit → the group\'s localStorage write done, median (ms)', 'addWrite', 1, { ...ours, target: '≤ 20' }));
  out.push(row('    Submit → write done, p95 (ms)', 'addWriteP95', 1, ours));
  out.push(row('    Submit → "Customer added" shown (ms)', 'addShown', 1, ours));
  out.push(row('    setItem calls per add', 'addCalls', 0, ours));
  const counts = cols.map((c) => `${c.t.label}: search ${c.s.searchCount}` +
    (c.t.app === 'ours' ? `, keystrokes ${c.s['fresh:count']} + ${c.s['review:count']}, adds ${c.s.addCount}` : '')).join('; ');
  console.log(`\n## N = ${N.toLocaleString('en-US')} customers (median of ${RUNS} run${RUNS > 1 ? 's' : ''}; measured: ${counts})\n`);
  // Nothing measured at all: the reasons say more than a table of dashes.
  if (cols.some((c) => c.s.n)) console.log(table(header, out));
  else console.log('No figures: the customers did not fit in any app (figure 2 below gives how many do).');
  for (const c of cols) {
    if (c.s.didNotFit) console.log(`\n${c.t.label}: ${c.s.didNotFit}`);
    if (c.s.error) console.log(`${c.t.label} error: ${c.s.error}`);
    if (c.t.app === 'peer' && c.s.n && !c.s.verified) console.log(`${c.t.label}: the edited city was NOT found in localStorage after Save`);
  }
  if (N > IMPORT_LIMIT) console.log(`Note: N is above the current build's ${IMPORT_LIMIT.toLocaleString('en-US')}-customer limit per import file; ours is seeded in files of ≤${CHUNK}.`);
}

function printSmall(targets, small) {
  const summaries = new Map(targets.map((t) => {
    const rs = small.get(t.label) ?? [];
    const m = (k) => median(rs.map((r) => r[k]));
    return [t.label, { n: rs.filter((r) => !r.error).length, ms: m('ms'), units: m('units'), calls: m('calls') }];
  }));
  const { header, row } = columns(targets, summaries);
  console.log(`\n## 5b. Edit at N = ${SMALL_N} (median of ${RUNS})\n`);
  console.log(table(header, [
    row('Edit Submit/Save → localStorage write done (ms)', 'ms', 1),
    row('UTF-16 units written', 'units', 0),
    row('setItem calls', 'calls', 0),
  ]));
  for (const t of targets) {
    const e = (small.get(t.label) ?? []).find((r) => r.error);
    if (e) console.log(`${t.label}: ${e.error}`);
  }
}

// ---------------------------------------------------------------- main
async function main() {
  for (const b of BUILDS) if (!existsSync(join(b.dist, 'index.html'))) throw new Error(`no build at ${b.dist} (use --dist)`);
  const chromium = await loadChromium();
  const peerRoot = WITH_PEER ? await peerDist() : null;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  // Every build on its own port (its own origin, so its own localStorage), the peer on another.
  const targets = [];
  for (const b of BUILDS) targets.push({ ...b, app: 'ours', server: await serve(b.dist) });
  if (peerRoot) targets.push({ label: PEER_LABEL, dist: peerRoot, app: 'peer', server: await serve(peerRoot) });
  // Each run measures every target, one after the other; odd runs in the opposite order, so that a slow spell of the
  // machine does not fall on one build only.
  const inOrder = (run) => (run % 2 ? [...targets].reverse() : targets);
  const started = Date.now();
  console.log(`# Customer Accounts${BUILDS.length > 1 ? ', side by side' : ''}${peerRoot ? ' vs react-admin' : ''}\n`);
  console.log(`Chromium ${browser.version()}, Node ${process.version}; ` +
    `${BUILDS.map((b) => `${b.label}: ${b.dist}`).join('; ')}; peer: ${peerRoot ?? '(skipped)'}; ` +
    `runs ${RUNS}; import chunk ${CHUNK}; keystrokes ${KEYSTROKES} a field; adds ${ADDS}; seed ${SEED}`);
  try {
    // Small-N edit (figure 5 at N = 100), once per run.
    const small = customerGenerator(SEED).take(SMALL_N);
    const smallResults = new Map(targets.map((t) => [t.label, []]));
    for (let run = 0; run < RUNS; run++) {
      for (const t of inOrder(run)) smallResults.get(t.label).push(await smallEdit(browser, t.server, t.app, small, run));
    }
    for (const N of NS) {
      const gen = customerGenerator(SEED);
      const items = gen.take(N);
      // Queries: 3-letter prefixes of existing Latin company names.
      const latin = items.filter((c) => /^[A-Z]/.test(c.companyProfile.companyName));
      let qi = 0;
      const qr = () => latin[(qi++ * 7919) % latin.length];
      const results = new Map(targets.map((t) => [t.label, []]));
      for (let run = 0; run < RUNS; run++) {
        const queries = Array.from({ length: QUERIES }, () => qr().companyProfile.companyName.slice(0, 3).toLowerCase());
        for (const t of inOrder(run)) {
          log(`N=${N} run ${run + 1}/${RUNS}: ${t.label} …`);
          results.get(t.label).push(await measureRun(browser, t.server, t.app, items, run, queries, t.label));
        }
        // Nothing fits: more runs would only repeat that.
        if (targets.every((t) => results.get(t.label).at(-1).didNotFit)) break;
      }
      printN(N, targets, results);
    }

    printSmall(targets, smallResults);

    if (CAPACITY) {
      const got = new Map();
      for (const t of targets) {
        log(`capacity: ${t.label} …`);
        got.set(t.label, t.app === 'ours' ? await capacityOurs(browser, t.server) : await capacityPeer(browser, t.server));
      }
      const peerStored = peerRoot ? got.get(PEER_LABEL).stored : undefined;
      console.log('\n## 2. Customers that fit in localStorage (measured once per app)\n');
      console.log(table(['App', 'Customers stored', 'ours/peer'], targets.map((t) => t.app === 'ours'
        ? [`${t.label} (imports of ≤${CHUNK}, halved until a single customer is refused)`, String(got.get(t.label).stored), ratio(got.get(t.label).stored, peerStored)]
        : [`${t.label} (binary search on one setItem)`, String(got.get(t.label).stored), ''])));
    }

    console.log('\n## 10. Transfer size of the first view (files fetched to show the list)\n');
    const sizeRows = [];
    const totals = new Map();
    const sum = (rows) => rows.reduce((a, r) => ({ raw: a.raw + r.raw, gzip: a.gzip + r.gzip, br: a.br + r.br }), { raw: 0, gzip: 0, br: 0 });
    for (const t of targets) {
      const all = await transferSizes(browser, t.app, t.dist);
      // Our split build's modules (scripts/split.mjs) are fetched after the list has painted: not part of the first
      // view, but of what a visit downloads. So are the standalone page's worker registration, manifest and icons, and
      // what its service worker fetches to keep a copy of the build (docs/offline.md).
      const later = all.filter((r) => MODULE.test(r.file.split('/').pop()) || AFTER_PAINT.test(r.file.split('/').pop()) || r.workerOnly);
      const rows = all.filter((r) => !later.includes(r));
      const first = sum(rows);
      totals.set(t.label, { first, visit: later.length ? sum(all) : null });
      for (const r of rows) sizeRows.push([t.label, r.file, kb(r.raw), kb(r.gzip), kb(r.br)]);
      sizeRows.push([`**${t.label} first view**`, `${rows.length} files`, kb(first.raw), kb(first.gzip), kb(first.br)]);
      if (later.length) {
        const l = sum(later);
        const v = sum(all);
        sizeRows.push([t.label, `fetched after the list: modules, the worker and its copy (${later.length} files)`, kb(l.raw), kb(l.gzip), kb(l.br)]);
        sizeRows.push([`**${t.label} with them**`, `${all.length} files`, kb(v.raw), kb(v.gzip), kb(v.br)]);
      }
    }
    const ratios = (label, a, b) => sizeRows.push([label, '', ratio(a.raw, b.raw), ratio(a.gzip, b.gzip), ratio(a.br, b.br)]);
    if (BUILDS.length > 1) {
      const [a, z] = [BUILDS[0].label, BUILDS.at(-1).label];
      ratios(`**${z}/${a}**, first view`, totals.get(z).first, totals.get(a).first);
      if (totals.get(z).visit && totals.get(a).visit) ratios(`**${z}/${a}**, with the modules`, totals.get(z).visit, totals.get(a).visit);
    }
    if (peerRoot) {
      const p = totals.get(PEER_LABEL).first;
      for (const b of BUILDS) {
        const name = BUILDS.length > 1 ? `${b.label}/peer` : 'ours/peer';
        ratios(`**${name}**, first view`, totals.get(b.label).first, p);
        if (totals.get(b.label).visit) ratios(`**${name}**, with the modules`, totals.get(b.label).visit, p);
      }
    }
    console.log(table(['App', 'File', 'raw KiB', 'gzip -9 KiB', 'brotli q11 KiB'], sizeRows));
    console.log(`\n(total time ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  } finally {
    await browser.close();
    for (const t of targets) await t.server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
