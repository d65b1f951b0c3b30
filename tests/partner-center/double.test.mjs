// The double's contract: what the app will rely on when the e2e tests run it against the double.
// Run: node --test tests/partner-center/

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startDouble } from './double.mjs';

const JSON_HEADERS = { Accept: 'application/json', 'Content-Type': 'application/json' };

function get(d, path, headers = {}) {
  return fetch(d.url + path, { headers: { Accept: 'application/json', ...headers } });
}

function search(d, field, value, size = 0) {
  const filter = encodeURIComponent(JSON.stringify({ Field: field, Value: value, Operator: 'starts_with' }));
  return get(d, `/v1/customers?size=${size}&filter=${filter}`);
}

/** Every page of a listing, following continuation tokens the way the app will. */
async function listAll(d, first) {
  const pages = [];
  let res = await get(d, first);
  for (;;) {
    assert.equal(res.status, 200);
    const page = await res.json();
    pages.push(page);
    if (!page.continuationToken) return pages;
    res = await get(d, '/v1/customers?seekOperation=Next', { 'MS-ContinuationToken': page.continuationToken });
  }
}

function newCustomer(domain, companyName = 'Contoso Trading Co.') {
  // PascalCase, as the docs' request sample writes it.
  return {
    CompanyProfile: { Domain: domain },
    BillingProfile: {
      Email: 'jane@contoso.example',
      Culture: 'en-US',
      Language: 'en',
      CompanyName: companyName,
      DefaultAddress: { FirstName: 'Jane', LastName: 'Doe', AddressLine1: '1 Main St', City: 'Seattle', State: 'WA',
        PostalCode: '98052', Country: 'US' },
    },
  };
}

function post(d, body, requestId) {
  const headers = { ...JSON_HEADERS, ...(requestId ? { 'MS-RequestId': requestId } : {}) };
  return fetch(`${d.url}/v1/customers`, { method: 'POST', headers, body: JSON.stringify(body) });
}

function putBilling(d, id, billing, ifMatch) {
  const headers = { ...JSON_HEADERS, ...(ifMatch ? { 'If-Match': ifMatch } : {}) };
  return fetch(`${d.url}/v1/customers/${id}/profiles/billing`, { method: 'PUT', headers, body: JSON.stringify(billing) });
}

function assertError(body, code) {
  assert.equal(body.code, code);
  assert.equal(typeof body.description, 'string');
  assert.deepEqual(body.data, []);
  assert.equal(body.source, 'PartnerFD');
}

describe('lists and searches', () => {
  let d;
  before(async () => {
    d = await startDouble({ customers: 25, pageSize: 10 });
  });
  after(() => d.close());

  test('three pages by continuation token give every customer once, without billing profiles', async () => {
    const pages = await listAll(d, '/v1/customers?size=10');
    assert.deepEqual(pages.map((p) => p.items.length), [10, 10, 5]);
    for (const page of pages) {
      assert.equal(page.totalCount, page.items.length);
      assert.deepEqual(page.attributes, { objectType: 'Collection' });
      for (const item of page.items) {
        assert.deepEqual(Object.keys(item).sort(), ['attributes', 'companyProfile', 'id', 'relationshipToPartner']);
        assert.equal(item.attributes.objectType, 'Customer');
        assert.ok(item.companyProfile.tenantId && item.companyProfile.domain && item.companyProfile.companyName);
      }
    }
    // links.next carries the same token, for a client that follows links instead.
    assert.deepEqual(pages[0].links.next.headers, [{ key: 'MS-ContinuationToken', value: pages[0].continuationToken }]);
    assert.equal(pages[2].links.next, undefined);
    const ids = pages.flatMap((p) => p.items.map((c) => c.id));
    assert.equal(new Set(ids).size, 25);
    assert.deepEqual(ids, d.state.order);
  });

  test('the same customers in the same order on every start (deterministic)', async () => {
    const again = await startDouble({ customers: 25, pageSize: 10 });
    try {
      assert.deepEqual(again.state.order, d.state.order);
      assert.deepEqual(again.state.customers.get(d.state.order[3]), d.state.customers.get(d.state.order[3]));
    } finally {
      await again.close();
    }
  });

  test('a token can be used again (a retried next page), and a customer added meanwhile is listed once', async () => {
    const first = await (await get(d, '/v1/customers?size=10')).json();
    const added = d.putCustomer({});
    const next = { 'MS-ContinuationToken': first.continuationToken };
    const a = await (await get(d, '/v1/customers?seekOperation=Next', next)).json();
    const b = await (await get(d, '/v1/customers?seekOperation=Next', next)).json();
    assert.deepEqual(a, b);
    const rest = await listAll(d, '/v1/customers?size=10');
    const ids = rest.flatMap((p) => p.items.map((c) => c.id));
    assert.equal(ids.filter((id) => id === added.id).length, 1);
    assert.equal(ids.length, 26);
    d.reset();
  });

  test('a bad token or a missing one is a 400 with an error body', async () => {
    let res = await get(d, '/v1/customers?seekOperation=Next', { 'MS-ContinuationToken': 'not-ours' });
    assert.equal(res.status, 400);
    assertError(await res.json(), 3000);
    res = await get(d, '/v1/customers?seekOperation=Next');
    assert.equal(res.status, 400);
  });

  test('filter starts_with on CompanyName is case-insensitive', async () => {
    const target = d.state.customers.get(d.state.order[7]).companyProfile.companyName;
    const prefix = target.slice(0, 3).toUpperCase();
    const expected = [...d.state.customers.values()]
      .filter((c) => c.companyProfile.companyName.toLowerCase().startsWith(prefix.toLowerCase()))
      .map((c) => c.id);
    const res = await search(d, 'CompanyName', prefix);
    assert.equal(res.status, 200);
    const page = await res.json();
    assert.deepEqual(page.items.map((c) => c.id), expected);
    assert.ok(expected.includes(d.state.order[7]));
    assert.deepEqual((await (await search(d, 'CompanyName', 'zzzz-none')).json()).items, []);
  });

  test('filter starts_with on Domain, in camelCase keys too, pages like the list', async () => {
    const domain = d.state.customers.get(d.state.order[12]).companyProfile.domain;
    const page = await (await search(d, 'Domain', domain.toUpperCase())).json();
    assert.deepEqual(page.items.map((c) => c.id), [d.state.order[12]]);
    assert.equal(page.continuationToken, undefined);
    // Every generated domain ends the same way: a prefix of the suffix matches all 25, over 3 pages of 10.
    const filter = encodeURIComponent(JSON.stringify({ field: 'Domain', value: '', operator: 'starts_with' }));
    const pages = await listAll(d, `/v1/customers?size=0&filter=${filter}`);
    assert.equal(pages.flatMap((p) => p.items).length, 25);
    assert.equal(pages.length, 3);
  });

  test('an unknown operator or field is refused', async () => {
    let filter = encodeURIComponent(JSON.stringify({ Field: 'CompanyName', Value: 'a', Operator: 'contains' }));
    assert.equal((await get(d, `/v1/customers?size=0&filter=${filter}`)).status, 400);
    filter = encodeURIComponent(JSON.stringify({ Field: 'City', Value: 'a', Operator: 'starts_with' }));
    assert.equal((await get(d, `/v1/customers?size=0&filter=${filter}`)).status, 400);
    assert.equal((await get(d, '/v1/customers?size=0&filter=%7Bnot')).status, 400);
  });
});

describe('one customer, domains, create, billing profile', () => {
  let d;
  before(async () => {
    d = await startDouble({ customers: 5 });
  });
  after(() => d.close());

  test('GET one customer is whole, with the billing etag; an unknown id is 404', async () => {
    const id = d.state.order[0];
    const res = await get(d, `/v1/customers/${id}`, { 'MS-CorrelationId': 'corr-1', 'MS-RequestId': 'req-1' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('ms-correlationid'), 'corr-1');
    assert.equal(res.headers.get('ms-requestid'), 'req-1');
    const c = await res.json();
    assert.equal(c.id, id);
    assert.equal(c.billingProfile.attributes.objectType, 'CustomerBillingProfile');
    assert.ok(c.billingProfile.attributes.etag);
    assert.ok(c.billingProfile.defaultAddress.country);
    assert.equal(c.createdAt, undefined);
    const missing = await get(d, '/v1/customers/00000000-0000-4000-8000-000000000000');
    assert.equal(missing.status, 404);
    assertError(await missing.json(), 1000);
  });

  test('HEAD domains: 200 when taken (any case), 404 when free, never a body', async () => {
    const domain = d.state.customers.get(d.state.order[1]).companyProfile.domain;
    let res = await fetch(`${d.url}/v1/domains/${domain.toUpperCase()}`, { method: 'HEAD' });
    assert.equal(res.status, 200);
    assert.equal(await res.text(), '');
    res = await fetch(`${d.url}/v1/domains/free-one.partner.onmschina.cn`, { method: 'HEAD' });
    assert.equal(res.status, 404);
    assert.equal(await res.text(), '');
    assert.equal((await get(d, `/v1/domains/${domain}`)).status, 405);
  });

  test('create: 201 with credentials; the same MS-RequestId again gives the same customer, not a second', async () => {
    const before = d.state.customers.size;
    const res = await post(d, newCustomer('contosonew.partner.onmschina.cn'), 'create-1');
    assert.equal(res.status, 201);
    const c = await res.json();
    assert.match(c.id, /^[0-9a-f-]{36}$/);
    assert.ok(c.commerceId);
    assert.equal(c.companyProfile.tenantId, c.id);
    assert.equal(c.companyProfile.domain, 'contosonew.partner.onmschina.cn');
    assert.equal(c.companyProfile.companyName, 'Contoso Trading Co.');
    assert.equal(c.billingProfile.email, 'jane@contoso.example');
    assert.equal(c.billingProfile.defaultAddress.addressLine1, '1 Main St');
    assert.ok(c.billingProfile.attributes.etag);
    assert.equal(c.relationshipToPartner, 'reseller');
    assert.equal(c.userCredentials.userName, 'admin');
    assert.ok(c.userCredentials.password.length >= 8);
    assert.equal(res.headers.get('location'), `/v1/customers/${c.id}`);

    const retry = await post(d, newCustomer('contosonew.partner.onmschina.cn'), 'create-1');
    assert.equal(retry.status, 201);
    assert.deepEqual(await retry.json(), c);
    assert.equal(d.state.customers.size, before + 1);
    assert.equal((await fetch(`${d.url}/v1/domains/contosonew.partner.onmschina.cn`, { method: 'HEAD' })).status, 200);
    // Listed, without its credentials or billing profile.
    const listed = (await (await get(d, '/v1/customers?size=100')).json()).items.at(-1);
    assert.equal(listed.id, c.id);
    assert.equal(listed.userCredentials, undefined);
  });

  test('create: a taken domain is 409, a missing MS-RequestId or field is 400', async () => {
    const taken = d.state.customers.get(d.state.order[0]).companyProfile.domain;
    const res = await post(d, newCustomer(taken), 'create-2');
    assert.equal(res.status, 409);
    const body = await res.json();
    assertError(body, 3000);
    assert.match(body.description, /already in use/);
    assert.equal((await post(d, newCustomer('nobody.partner.onmschina.cn'))).status, 400);
    const noEmail = newCustomer('noemail.partner.onmschina.cn');
    delete noEmail.BillingProfile.Email;
    const refused = await post(d, noEmail, 'create-3');
    assert.equal(refused.status, 400);
    assert.match((await refused.json()).description, /email/);
  });

  test('billing profile: PUT with the etag gives a new one; the stale etag then gets 412 code 2055', async () => {
    const id = d.state.order[2];
    const billing = await (await get(d, `/v1/customers/${id}/profiles/billing`)).json();
    const old = billing.attributes.etag;
    const changed = { ...billing, companyName: 'Renamed Holdings', email: 'new@renamed.example' };
    const res = await putBilling(d, id, changed, `"${old}"`);
    assert.equal(res.status, 200);
    const saved = await res.json();
    assert.equal(saved.email, 'new@renamed.example');
    assert.equal(saved.id, billing.id);
    assert.notEqual(saved.attributes.etag, old);
    // The customer changes with it, and so does its row in the list.
    const whole = await (await get(d, `/v1/customers/${id}`)).json();
    assert.deepEqual(whole.billingProfile, saved);
    assert.equal(whole.companyProfile.companyName, 'Renamed Holdings');

    const stale = await putBilling(d, id, { ...changed, email: 'late@renamed.example' }, `"${old}"`);
    assert.equal(stale.status, 412);
    assertError(await stale.json(), 2055);
    // The etag in the body alone counts too (the SDK sends it there), stale or fresh.
    assert.equal((await putBilling(d, id, changed)).status, 412);
    const fresh = { ...changed, attributes: { etag: saved.attributes.etag } };
    assert.equal((await putBilling(d, id, fresh)).status, 200);
    const noEtag = { ...changed, attributes: {} };
    assert.equal((await putBilling(d, id, noEtag)).status, 400);
  });

  test('a path or method outside the contract is refused with an error body', async () => {
    let res = await get(d, '/v1/customers/x/y');
    assert.equal(res.status, 404);
    assertError(await res.json(), 1000);
    res = await fetch(`${d.url}/v1/customers/${d.state.order[0]}`, { method: 'DELETE' });
    assert.equal(res.status, 405);
  });
});

describe('faults', () => {
  let d;
  before(async () => {
    d = await startDouble({ customers: 5 });
  });
  after(() => d.close());

  test('429 carries Retry-After and the documented body, once, then the call works', async () => {
    d.fault({ status: 429, retryAfter: 2, times: 1, path: /^\/v1\/customers\?/ });
    const busy = await get(d, '/v1/customers?size=5');
    assert.equal(busy.status, 429);
    assert.equal(busy.headers.get('retry-after'), '2');
    assert.deepEqual(await busy.json(), { statusCode: 429, message: 'Rate limit is exceeded. Try again in 2 seconds.' });
    assert.equal((await get(d, '/v1/customers?size=5')).status, 200);
  });

  for (const [status, code] of [[401, 400], [403, 2032], [412, 2055], [500, 800003]]) {
    test(`${status} with an error body, only on the path it names`, async () => {
      d.fault({ status, path: /\/profiles\/billing$/ });
      assert.equal((await get(d, `/v1/customers/${d.state.order[0]}`)).status, 200);
      const res = await get(d, `/v1/customers/${d.state.order[0]}/profiles/billing`);
      assert.equal(res.status, status);
      assertError(await res.json(), code);
      if (status === 401) assert.ok(res.headers.get('www-authenticate'));
    });
  }

  test('a 400 with code 2055 (the other documented stale answer), and a fault for one method only', async () => {
    d.fault({ status: 400, code: 2055, method: 'PUT' });
    const id = d.state.order[0];
    assert.equal((await get(d, `/v1/customers/${id}/profiles/billing`)).status, 200);
    const res = await putBilling(d, id, {}, '"x"');
    assert.equal(res.status, 400);
    assert.equal((await res.json()).code, 2055);
  });

  test('slow: the answer comes after delayMs', async () => {
    d.fault({ delayMs: 300 });
    const t = performance.now();
    assert.equal((await get(d, '/v1/customers?size=1')).status, 200);
    assert.ok(performance.now() - t >= 290);
  });

  test('malformed: status 200 and a JSON content type, but the body does not parse', async () => {
    d.fault({ kind: 'malformed' });
    const res = await get(d, '/v1/customers?size=5');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /application\/json/);
    await assert.rejects(res.json(), SyntaxError);
  });

  test('hang: no answer at all (the client times out); destroy: the connection drops', async () => {
    d.reset();
    d.fault({ kind: 'hang' });
    const hung = fetch(`${d.url}/v1/customers?size=1`, { signal: AbortSignal.timeout(300) });
    await assert.rejects(hung, { name: 'TimeoutError' });
    d.fault({ kind: 'destroy' });
    await assert.rejects(fetch(`${d.url}/v1/customers?size=1`), TypeError);
    assert.deepEqual(d.requests.map((r) => r.status), ['hang', 'destroy']);
  });

  test('a create whose answer is lost (handled) and retried with the same MS-RequestId makes one customer', async () => {
    d.reset();
    d.fault({ kind: 'destroy', handled: true, method: 'POST' });
    await assert.rejects(post(d, newCustomer('lost.partner.onmschina.cn'), 'lost-1'), TypeError);
    assert.equal(d.state.customers.size, 6);
    const retry = await post(d, newCustomer('lost.partner.onmschina.cn'), 'lost-1');
    assert.equal(retry.status, 201);
    assert.equal(d.state.customers.size, 6);
  });

  test('times: "always" lasts until cleared; a bad fault is refused', async () => {
    d.fault({ status: 500, times: 'always' });
    assert.equal((await get(d, '/v1/customers?size=1')).status, 500);
    assert.equal((await get(d, '/v1/customers?size=1')).status, 500);
    d.clearFaults();
    assert.equal((await get(d, '/v1/customers?size=1')).status, 200);
    assert.throws(() => d.fault({ kind: 'explode' }), TypeError);
    assert.throws(() => d.fault({}), TypeError);
  });
});

describe('options and HTTP control', () => {
  test('latencyMs is added to every call', async () => {
    const d = await startDouble({ customers: 1, latencyMs: 150 });
    try {
      const t = performance.now();
      await get(d, '/v1/customers?size=1');
      await fetch(`${d.url}/v1/domains/a.b`, { method: 'HEAD' });
      assert.ok(performance.now() - t >= 290);
    } finally {
      await d.close();
    }
  });

  test('with a token, a call without the bearer is 401', async () => {
    const d = await startDouble({ customers: 1, token: 'secret' });
    try {
      assert.equal((await get(d, '/v1/customers?size=1')).status, 401);
      assert.equal((await get(d, '/v1/customers?size=1', { Authorization: 'Bearer secret' })).status, 200);
    } finally {
      await d.close();
    }
  });

  test('a browser test drives it over HTTP: fault, customers, config, state, reset', async () => {
    const d = await startDouble({ customers: 3 });
    const control = (path, body, method = 'POST') =>
      fetch(`${d.url}/__double/${path}`, { method, body: body && JSON.stringify(body) });
    try {
      let res = await control('fault', { status: 429, retryAfter: 5, path: '^/v1/customers\\?' });
      assert.equal(res.status, 200);
      assert.equal((await get(d, '/v1/customers?size=3')).headers.get('retry-after'), '5');
      assert.equal((await control('fault', { kind: 'nonsense' })).status, 400);

      // Another person adds a customer, and edits one (PascalCase works here too).
      const added = await (await control('customers', { BillingProfile: { CompanyName: 'Added Elsewhere' } })).json();
      assert.equal(added.companyProfile.companyName, 'Added Elsewhere');
      const id = d.state.order[0];
      const oldEtag = d.state.customers.get(id).billingProfile.attributes.etag;
      const edited = await (await control('customers', { id, billingProfile: { companyName: 'Edited Elsewhere' } }))
        .json();
      assert.equal(edited.companyProfile.companyName, 'Edited Elsewhere');
      assert.notEqual(edited.billingProfile.attributes.etag, oldEtag);
      assert.ok(edited.billingProfile.email, 'the rest of the customer is kept');

      await control('config', { latencyMs: 5, pageSize: 2 });
      const state = await (await control('state', undefined, 'GET')).json();
      assert.equal(state.customerCount, 4);
      assert.equal(state.latencyMs, 5);
      assert.equal(state.pageSize, 2);
      assert.equal(state.requests.length, 1);
      assert.equal((await (await get(d, '/v1/customers')).json()).items.length, 2);

      const fresh = await (await control('reset')).json();
      assert.deepEqual([fresh.customerCount, fresh.latencyMs, fresh.pageSize, fresh.requests.length], [3, 0, 500, 0]);
      assert.equal(d.state.customers.get(id).billingProfile.attributes.etag, oldEtag);
    } finally {
      await d.close();
    }
  });
});

test('50,000 customers start in a few seconds and list page by page, each once', async () => {
  const t = performance.now();
  const d = await startDouble({ customers: 50_000 });
  const started = performance.now() - t;
  try {
    assert.ok(started < 5000, `started in ${Math.round(started)} ms`);
    const pages = await listAll(d, '/v1/customers?size=500');
    assert.equal(pages.length, 100);
    const ids = new Set(pages.flatMap((p) => p.items.map((c) => c.id)));
    assert.equal(ids.size, 50_000);
  } finally {
    await d.close();
  }
});
