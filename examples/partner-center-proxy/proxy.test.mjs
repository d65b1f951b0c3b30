// The proxy in front of the Partner Center double: what passes, what is added, what is refused.
// Run: node --test examples/partner-center-proxy/

import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { startDouble } from '../../tests/partner-center/double.mjs';
import { startProxy } from './proxy.mjs';

const TOKEN = 'partner-token';

describe('the proxy in front of the double', () => {
  let double;
  let proxy;
  let api;
  before(async () => {
    // The double insists on the bearer, so every 200 below also proves the proxy added it.
    double = await startDouble({ customers: 12, pageSize: 5, token: TOKEN });
    proxy = await startProxy({ endpoint: double.url, token: TOKEN });
    api = `${proxy.url}/partner-center`;
  });
  after(async () => {
    await proxy.close();
    await double.close();
  });
  beforeEach(() => double.reset());

  const last = () => double.requests.at(-1);

  test('list, next page and search pass, with the bearer added', async () => {
    let res = await fetch(`${api}/v1/customers?size=5`);
    assert.equal(res.status, 200);
    const first = await res.json();
    assert.equal(first.items.length, 5);
    assert.equal(last().headers.authorization, `Bearer ${TOKEN}`);
    res = await fetch(`${api}/v1/customers?seekOperation=Next`, {
      headers: { 'MS-ContinuationToken': first.continuationToken },
    });
    assert.equal(res.status, 200);
    assert.deepEqual((await res.json()).items.map((c) => c.id), double.state.order.slice(5, 10));
    const name = double.state.customers.get(double.state.order[0]).companyProfile.companyName;
    const filter = encodeURIComponent(JSON.stringify({ Field: 'CompanyName', Value: name, Operator: 'starts_with' }));
    res = await fetch(`${api}/v1/customers?size=0&filter=${filter}`);
    assert.deepEqual((await res.json()).items.map((c) => c.id), [double.state.order[0]]);
  });

  test('one customer, HEAD domains, create (idempotent) and the billing profile pass', async () => {
    const id = double.state.order[1];
    const customer = await (await fetch(`${api}/v1/customers/${id}`)).json();
    assert.equal(customer.id, id);
    let res = await fetch(`${api}/v1/domains/${customer.companyProfile.domain}`, { method: 'HEAD' });
    assert.equal(res.status, 200);
    res = await fetch(`${api}/v1/domains/free.partner.onmschina.cn`, { method: 'HEAD' });
    assert.equal(res.status, 404);

    const create = () => fetch(`${api}/v1/customers`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'MS-RequestId': 'req-create-1' },
      body: JSON.stringify({
        companyProfile: { domain: 'viaproxy.partner.onmschina.cn' },
        billingProfile: { email: 'a@b.example', culture: 'en-US', language: 'en', companyName: 'Via Proxy Labs',
          defaultAddress: { country: 'US', city: 'Austin', state: 'Texas', addressLine1: '1 A St', postalCode: '73301' } },
      }),
    });
    res = await create();
    assert.equal(res.status, 201);
    const created = await res.json();
    assert.equal(res.headers.get('location'), `/v1/customers/${created.id}`);
    assert.equal((await (await create()).json()).id, created.id);
    assert.equal(double.state.customers.size, 13);

    const billing = await (await fetch(`${api}/v1/customers/${id}/profiles/billing`)).json();
    const put = (etag) => fetch(`${api}/v1/customers/${id}/profiles/billing`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'If-Match': `"${etag}"` },
      body: JSON.stringify({ ...billing, email: 'changed@b.example' }),
    });
    res = await put(billing.attributes.etag);
    assert.equal(res.status, 200);
    assert.equal(last().headers['if-match'], `"${billing.attributes.etag}"`);
    res = await put(billing.attributes.etag);
    assert.equal(res.status, 412);
    assert.equal((await res.json()).code, 2055);
  });

  test('the MS-* headers, X-Locale, If-Match, Accept and Content-Type pass; cookies and the browser bearer do not', async () => {
    const sent = {
      Accept: 'application/json',
      'MS-RequestId': 'req-1',
      'MS-CorrelationId': 'corr-1',
      'X-Locale': 'zh-CN',
      Cookie: 'portal-session=abc',
      Authorization: 'Bearer from-the-browser',
      'X-Anything-Else': 'no',
    };
    const res = await fetch(`${api}/v1/customers?size=1`, { headers: sent });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('ms-correlationid'), 'corr-1');
    assert.equal(res.headers.get('ms-requestid'), 'req-1');
    const got = last().headers;
    assert.equal(got['ms-requestid'], 'req-1');
    assert.equal(got['ms-correlationid'], 'corr-1');
    assert.equal(got['x-locale'], 'zh-CN');
    assert.equal(got.accept, 'application/json');
    assert.equal(got.authorization, `Bearer ${TOKEN}`);
    assert.equal(got.cookie, undefined);
    assert.equal(got['x-anything-else'], undefined);
  });

  test('a 429 reaches the client with its Retry-After and body', async () => {
    double.fault({ status: 429, retryAfter: 7 });
    const res = await fetch(`${api}/v1/customers?size=5`);
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '7');
    assert.equal((await res.json()).statusCode, 429);
  });

  test('401, 500 and a malformed answer pass through as they are', async () => {
    double.fault({ status: 401 });
    let res = await fetch(`${api}/v1/customers?size=5`);
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('www-authenticate'), null);
    assert.equal((await res.json()).code, 400);
    double.fault({ status: 500 });
    assert.equal((await fetch(`${api}/v1/customers?size=5`)).status, 500);
    double.fault({ kind: 'malformed' });
    res = await fetch(`${api}/v1/customers?size=5`);
    assert.equal(res.status, 200);
    await assert.rejects(res.json(), SyntaxError);
  });

  test('every other path, method or query is refused with a JSON error, and never reaches Partner Center', async () => {
    const id = double.state.order[0];
    const refused = [
      ['GET', '/v1/orders', 404],
      ['GET', '/v1/customers/not-a-guid', 404],
      ['GET', `/v1/customers/${id}/subscriptions`, 404],
      ['GET', `/v1/customers/${id}/../../v1/invoices`, 404],
      ['GET', '/v1/customers%2F..%2Fv1%2Finvoices', 404],
      ['GET', '/v1/countryvalidationrules/US', 404],
      ['GET', '/v2/customers', 404],
      ['DELETE', `/v1/customers/${id}`, 405],
      ['GET', '/v1/domains/contoso.onmicrosoft.com', 405],
      ['PATCH', `/v1/customers/${id}/profiles/billing`, 405],
      ['GET', '/v1/customers?size=5&extra=1', 400],
      ['GET', `/v1/customers/${id}?size=5`, 400],
    ];
    for (const [method, pathname, status] of refused) {
      const res = await fetch(`${api}${pathname}`, { method });
      assert.equal(res.status, status, `${method} ${pathname}`);
      const body = await res.json();
      assert.equal(body.source, 'proxy', `${method} ${pathname}`);
      assert.equal(typeof body.description, 'string');
    }
    const del = await fetch(`${api}/v1/customers/${id}`, { method: 'DELETE' });
    assert.equal(del.headers.get('allow'), 'GET');
    await del.body.cancel();
    assert.equal((await fetch(`${proxy.url}/v1/customers?size=5`)).status, 404, 'outside /partner-center/');
    assert.equal(double.requests.length, 0);
  });

  test('a POST or PUT that is not JSON is refused (no cross-site form posts)', async () => {
    const res = await fetch(`${api}/v1/customers`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', 'MS-RequestId': 'x' },
      body: '{}',
    });
    assert.equal(res.status, 415);
    assert.equal(double.requests.length, 0);
  });

  test('a call the client gives up on (Partner Center hangs) is dropped upstream too', async () => {
    double.fault({ kind: 'hang' });
    await assert.rejects(fetch(`${api}/v1/customers?size=5`, { signal: AbortSignal.timeout(200) }), {
      name: 'TimeoutError',
    });
    assert.equal((await fetch(`${api}/v1/customers?size=5`)).status, 200);
  });
});

test('Partner Center unreachable: 502 with a JSON error', async () => {
  const double = await startDouble();
  const endpoint = double.url;
  await double.close();
  const proxy = await startProxy({ endpoint, token: TOKEN });
  try {
    const res = await fetch(`${proxy.url}/partner-center/v1/customers?size=5`);
    assert.equal(res.status, 502);
    assert.equal((await res.json()).source, 'proxy');
  } finally {
    await proxy.close();
  }
});

test('a token function is asked on every call', async () => {
  const double = await startDouble({ customers: 1, token: 'fresh-1' });
  let n = 0;
  const proxy = await startProxy({ endpoint: double.url, token: async () => `fresh-${++n}` });
  try {
    assert.equal((await fetch(`${proxy.url}/partner-center/v1/customers?size=1`)).status, 200);
    assert.equal((await fetch(`${proxy.url}/partner-center/v1/customers?size=1`)).status, 401);
  } finally {
    await proxy.close();
    await double.close();
  }
});

test('staticDir serves the app beside the API, on one origin, and nothing outside the folder', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'pc-proxy-'));
  await mkdir(path.join(dir, 'dist'));
  await writeFile(path.join(dir, 'dist', 'index.html'), '<!DOCTYPE html><title>app</title>');
  await writeFile(path.join(dir, 'dist', 'app_bg.wasm'), Buffer.from([0, 97, 115, 109]));
  await writeFile(path.join(dir, 'secret.txt'), 'not served');
  const double = await startDouble({ customers: 1 });
  const proxy = await startProxy({ endpoint: double.url, token: TOKEN, staticDir: path.join(dir, 'dist') });
  try {
    let res = await fetch(`${proxy.url}/`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /text\/html/);
    assert.equal(await res.text(), '<!DOCTYPE html><title>app</title>');
    res = await fetch(`${proxy.url}/app_bg.wasm`);
    assert.equal(res.headers.get('content-type'), 'application/wasm');
    await res.body.cancel();
    for (const p of ['/%2e%2e/secret.txt', '/..%2fsecret.txt', '/missing.js']) {
      res = await fetch(`${proxy.url}${p}`);
      assert.equal(res.status, 404, p);
      await res.body.cancel();
    }
    assert.equal((await fetch(`${proxy.url}/`, { method: 'POST' })).status, 405);
    assert.equal((await fetch(`${proxy.url}/partner-center/v1/customers?size=1`)).status, 200);
  } finally {
    await proxy.close();
    await double.close();
    await rm(dir, { recursive: true });
  }
});
