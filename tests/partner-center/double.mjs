// A contract double of Partner Center's customer calls, for tests (issue 29, item 7). It follows what the REST
// reference and its samples document (../shared/docs/partner-center-api.md), never the real service's quirks: the real
// API is reached only through a portal's proxy (examples/partner-center-proxy/), and this server stands in for it.
//
// Where the documentation leaves a point open, the double picks one answer and says so here:
// - `totalCount` is the number of items on the page (as in the docs' samples), not the size of the whole list.
// - A `size` of 0 or none means `pageSize`; no page holds more than `pageSize` items. The last page has no token.
// - Continuation tokens are opaque to the client, stay valid (a retried "next page" works), and list customers in
//   the order they were added, so customers added while a client pages through still appear, each exactly once.
// - A create needs `MS-RequestId`; posting the same one again answers the first create's 201 again, never a second
//   customer. A taken domain answers 409 with code 3000 (the docs leave it undocumented).
// - A billing profile PUT needs the etag in `If-Match` or in `attributes.etag` (400 code 3000 without either); a
//   stale one answers 412 with code 2055. A new company name in the billing profile shows in the list too.
// - Stored customers carry no `createdAt`/`updatedAt`: those stamps are the app's, not Partner Center's.
//
// Only node:http: the double runs wherever the e2e tests run, with no install.

import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { customerGenerator, mulberry32 } from '../../bench/generate.mjs';

const SOURCE = 'PartnerFD';
const FAULT_KINDS = new Set(['malformed', 'hang', 'destroy']);
// The codes of the docs' error table for each status a fault can ask for; other statuses take `code` or 0.
const ERROR_OF_STATUS = {
  400: [3000, 'Invalid property'],
  401: [400, 'Access denied'],
  403: [2032, 'Access denied'],
  404: [1000, 'Not found'],
  409: [3000, 'Invalid property'],
  412: [2055, 'Etag is no longer valid'],
  500: [800003, 'Unexpected service error'],
};

/** An error answer, thrown from deep inside a handler so each check stays one line. */
class Refusal extends Error {
  constructor(status, code, description, headers = {}) {
    super(description);
    this.answer = { status, headers, body: errorBody(code, description) };
  }
}

function errorBody(code, description) {
  return { code, description, data: [], source: SOURCE };
}

function guid(rand) {
  const h = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
  h[12] = '4';
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

function password(rand) {
  const chars = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789=;.!';
  return Array.from({ length: 10 }, () => chars[Math.floor(rand() * chars.length)]).join('');
}

/** The docs' request samples use PascalCase keys and answers camelCase: requests are read in either. */
function camel(value) {
  if (Array.isArray(value)) return value.map(camel);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k[0].toLowerCase() + k.slice(1), camel(v)]));
}

function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function merge(base, change) {
  const out = { ...base };
  for (const [k, v] of Object.entries(change)) out[k] = isObject(v) && isObject(base[k]) ? merge(base[k], v) : v;
  return out;
}

/** A customer as Partner Center answers `GET /v1/customers/{id}`, from the generator's shape (or a test's). */
function asPartnerCenter(c, rand) {
  const billing = c.billingProfile ?? {};
  return {
    id: c.id,
    commerceId: c.commerceId ?? guid(rand),
    companyProfile: { ...c.companyProfile, attributes: { objectType: 'CustomerCompanyProfile' } },
    billingProfile: {
      ...billing,
      id: billing.id ?? guid(rand),
      attributes: { etag: billing.attributes?.etag ?? guid(rand), objectType: 'CustomerBillingProfile' },
    },
    relationshipToPartner: c.relationshipToPartner ?? 'reseller',
    attributes: { objectType: 'Customer' },
  };
}

/** A list item: the documented list answer has no billingProfile. */
function listItem(c) {
  return {
    id: c.id,
    companyProfile: c.companyProfile,
    relationshipToPartner: c.relationshipToPartner,
    attributes: c.attributes,
  };
}

/** The billing profile fields a create or a whole-resource PUT must carry (the create reference's minimum). */
function checkBilling(billing) {
  if (!isObject(billing)) throw new Refusal(400, 3000, 'Invalid property: billingProfile');
  for (const field of ['email', 'culture', 'companyName']) {
    if (typeof billing[field] !== 'string' || !billing[field].trim()) {
      throw new Refusal(400, 3000, `Invalid property: billingProfile.${field}`);
    }
  }
  if (typeof billing.language !== 'string' || !/^[a-z]{2}$/i.test(billing.language)) {
    throw new Refusal(400, 3000, 'Invalid property: billingProfile.language (two letters)');
  }
  if (!isObject(billing.defaultAddress) || typeof billing.defaultAddress.country !== 'string') {
    throw new Refusal(400, 3000, 'Invalid property: billingProfile.defaultAddress');
  }
}

/** `If-Match` as RFC 9110 writes it (`"x"`, maybe `W/"x"`), or bare as some clients send it. */
function etagOf(header) {
  return header.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

function parseFilter(text) {
  let f;
  try {
    f = camel(JSON.parse(text));
  } catch {
    throw new Refusal(400, 3000, 'Invalid property: filter is not JSON');
  }
  if (!isObject(f) || String(f.operator).toLowerCase() !== 'starts_with') {
    throw new Refusal(400, 3000, 'Invalid property: filter.Operator (only starts_with)');
  }
  if (typeof f.value !== 'string') throw new Refusal(400, 3000, 'Invalid property: filter.Value');
  const field = String(f.field).toLowerCase();
  // IndirectReseller and IndirectCloudSolutionProvider are documented too, but the app never asks for them and the
  // generated customers have no such relationship: refusing says so louder than an empty list would.
  if (field !== 'companyname' && field !== 'domain') {
    throw new Refusal(400, 3000, 'Invalid property: filter.Field (the double knows CompanyName and Domain)');
  }
  return { field, value: f.value };
}

function matcher(filter) {
  if (!filter) return () => true;
  const prefix = filter.value.toLowerCase();
  const key = filter.field === 'domain' ? 'domain' : 'companyName';
  return (c) => String(c.companyProfile[key] ?? '').toLowerCase().startsWith(prefix);
}

// The token says where the next page starts and what the first call asked; base64url keeps it header-safe.
function makeToken(from, size, filter) {
  return Buffer.from(JSON.stringify({ from, size, filter })).toString('base64url');
}

function readToken(token) {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString());
    if (Number.isInteger(t.from) && t.from >= 0 && Number.isInteger(t.size)) return t;
  } catch {
    // Falls through to the refusal: whatever it was, the double did not hand it out.
  }
  throw new Refusal(400, 3000, 'Invalid property: MS-ContinuationToken');
}

/** A fault as a test states it (from JS, or JSON over HTTP where `path` is a RegExp source). */
function normalizeFault(spec) {
  if (!isObject(spec)) throw new TypeError('a fault is an object');
  const { status, kind, delayMs = 0, retryAfter = 1, times = 1, method, path, handled = false, code, description } =
    spec;
  if (status !== undefined && !(Number.isInteger(status) && status >= 400 && status <= 599)) {
    throw new TypeError(`fault status ${status}: 400–599`);
  }
  if (kind !== undefined && !FAULT_KINDS.has(kind)) throw new TypeError(`fault kind ${kind}: ${[...FAULT_KINDS]}`);
  if (status === undefined && kind === undefined && !(delayMs > 0)) {
    throw new TypeError('a fault needs a status, a kind or a delayMs');
  }
  return {
    status,
    kind,
    delayMs,
    retryAfter,
    times: times === 'always' ? Infinity : times,
    method: method?.toUpperCase(),
    path: path === undefined ? undefined : path instanceof RegExp ? path : new RegExp(path),
    handled,
    code,
    description,
  };
}

function faultAnswer(fault) {
  if (fault.status === 429) {
    return {
      status: 429,
      headers: { 'Retry-After': String(fault.retryAfter) },
      body: { statusCode: 429, message: `Rate limit is exceeded. Try again in ${fault.retryAfter} seconds.` },
    };
  }
  const [code, description] = ERROR_OF_STATUS[fault.status] ?? [0, 'Exception not defined'];
  const headers = fault.status === 401 ? { 'WWW-Authenticate': 'Bearer realm="partner-center-double"' } : {};
  return { status: fault.status, headers, body: errorBody(fault.code ?? code, fault.description ?? description) };
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text) {
  try {
    return camel(JSON.parse(text));
  } catch {
    throw new Refusal(400, 3000, 'Invalid property: the body is not JSON');
  }
}

const sleep = (ms) => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());

/**
 * Starts the double on 127.0.0.1.
 * - customers: a number (that many generated by bench/generate.mjs's customerGenerator(seed)) or an array of
 *   customers in the generator's shape.
 * - latencyMs: added before every /v1 answer. pageSize: the most items on one page.
 * - token: when set, every /v1 call must carry `Authorization: Bearer {token}` (as the proxy adds it), or gets 401.
 * Resolves to { url, close(), state, requests, fault(spec), clearFaults(), putCustomer(change), configure(opts),
 * reset() }. `requests` logs every /v1 call: { method, url, headers, body, status }.
 *
 * fault(spec) makes the next matching /v1 calls misbehave; spec fields:
 * - status: 400–599 answers it with the documented body (429: Retry-After `retryAfter` s and {statusCode, message};
 *   others {code, description, data, source}, `code`/`description` to override, e.g. { status: 400, code: 2055 }).
 * - kind: 'malformed' (the real answer cut in half), 'hang' (no answer until reset or close), 'destroy' (the
 *   connection drops). With handled: true the call takes effect first and only its answer is lost.
 * - delayMs: a slow answer (the call takes effect at once; the answer waits). Alone, it is the "slow" fault.
 * - times (default 1, or 'always'), method, path (a RegExp tested on path + query; over HTTP, its source string).
 * The same over HTTP, for a browser test: POST /__double/fault {spec}, DELETE /__double/fault, POST /__double/reset,
 * POST /__double/config {latencyMs, pageSize}, GET /__double/state, and POST /__double/customers {change}, which is
 * putCustomer: another person adds a customer (no id, or an unknown one) or edits one (merged in, new etag).
 */
export async function startDouble({
  customers = 0, seed = 20261124, latencyMs = 0, pageSize = 500, token = null, port = 0,
} = {}) {
  const rand = mulberry32(seed);
  const initial = (typeof customers === 'number' ? customerGenerator(seed).take(customers) : customers)
    .map((c) => Object.freeze(asPartnerCenter(c, rand)));
  const requests = [];
  const hanging = new Set();
  let state;

  // Every change replaces a customer object instead of editing it, so a reset only re-indexes `initial`.
  function reset() {
    for (const res of hanging) res.destroy();
    hanging.clear();
    requests.length = 0;
    state = {
      customers: new Map(),
      order: [],
      domains: new Set(),
      created: new Map(), // MS-RequestId → the first answer of that create
      faults: [],
      latencyMs,
      pageSize,
      rand: mulberry32(seed + 1),
      others: customerGenerator(seed + 1), // what "another person" adds
    };
    for (const c of initial) save(c);
  }

  function save(c) {
    const before = state.customers.get(c.id);
    if (before) state.domains.delete(before.companyProfile.domain.toLowerCase());
    else state.order.push(c.id);
    state.customers.set(c.id, c);
    state.domains.add(c.companyProfile.domain.toLowerCase());
  }

  function newEtag(billing) {
    return { ...billing, attributes: { etag: guid(state.rand), objectType: 'CustomerBillingProfile' } };
  }

  /** An add or edit "by another person": a known id is merged into, anything else adds a generated customer. */
  function putCustomer(change = {}) {
    const input = camel(change);
    let base = state.customers.get(input.id);
    if (!base) {
      do base = asPartnerCenter(state.others.next(), state.rand);
      while (state.domains.has(base.companyProfile.domain.toLowerCase()) || state.customers.has(base.id));
      if (input.id) base = merge(base, { id: input.id, companyProfile: { tenantId: input.id } });
    }
    let c = merge(base, input);
    c = { ...c, billingProfile: newEtag(c.billingProfile) };
    if (input.billingProfile?.companyName && !input.companyProfile?.companyName) {
      c.companyProfile = { ...c.companyProfile, companyName: input.billingProfile.companyName };
    }
    save(c);
    return c;
  }

  function list(url, headers) {
    let from = 0;
    let size;
    let filter = null;
    if (url.searchParams.get('seekOperation')?.toLowerCase() === 'next') {
      const token = headers['ms-continuationtoken'];
      if (!token) throw new Refusal(400, 3000, 'Invalid property: MS-ContinuationToken is missing');
      ({ from, size, filter } = readToken(token));
    } else {
      const sizeText = url.searchParams.get('size') ?? '0';
      if (!/^\d+$/.test(sizeText)) throw new Refusal(400, 3000, 'Invalid property: size');
      size = Number(sizeText);
      const filterText = url.searchParams.get('filter');
      if (filterText !== null) filter = parseFilter(filterText);
    }
    const take = Math.min(size || state.pageSize, state.pageSize);
    const matches = matcher(filter);
    const items = [];
    let i = from;
    for (; i < state.order.length && items.length < take; i++) {
      const c = state.customers.get(state.order[i]);
      if (matches(c)) items.push(listItem(c));
    }
    // Look ahead to the next match, so the last page has no token instead of a token to an empty page.
    while (i < state.order.length && !matches(state.customers.get(state.order[i]))) i++;
    const body = {
      totalCount: items.length,
      items,
      links: { self: { uri: url.pathname + url.search, method: 'GET', headers: [] } },
      attributes: { objectType: 'Collection' },
    };
    if (i < state.order.length) {
      const token = makeToken(i, size, filter);
      body.continuationToken = token;
      body.links.next = {
        uri: '/v1/customers?seekOperation=Next',
        method: 'GET',
        headers: [{ key: 'MS-ContinuationToken', value: token }],
      };
    }
    return { status: 200, body };
  }

  function create(headers, text) {
    const requestId = headers['ms-requestid'];
    if (!requestId) throw new Refusal(400, 3000, 'Invalid property: MS-RequestId is required');
    const earlier = state.created.get(requestId);
    if (earlier) return { status: 201, headers: { Location: `/v1/customers/${earlier.id}` }, body: earlier };
    const input = parseJson(text);
    const domain = input.companyProfile?.domain;
    if (typeof domain !== 'string' || !/^[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)+$/i.test(domain)) {
      throw new Refusal(400, 3000, 'Invalid property: companyProfile.domain');
    }
    checkBilling(input.billingProfile);
    if (state.domains.has(domain.toLowerCase())) {
      throw new Refusal(409, 3000, `The domain ${domain} is already in use`);
    }
    const id = guid(state.rand);
    const { attributes: _ignored, ...billing } = input.billingProfile;
    const customer = {
      id,
      commerceId: guid(state.rand),
      companyProfile: {
        tenantId: id, domain, companyName: billing.companyName, attributes: { objectType: 'CustomerCompanyProfile' },
      },
      billingProfile: newEtag({ ...billing, id: guid(state.rand) }),
      relationshipToPartner: 'reseller',
      attributes: { objectType: 'Customer' },
    };
    save(customer);
    const answer = { ...customer, userCredentials: { userName: 'admin', password: password(state.rand) } };
    state.created.set(requestId, answer);
    return { status: 201, headers: { Location: `/v1/customers/${id}` }, body: answer };
  }

  function putBilling(customer, headers, text) {
    const input = parseJson(text);
    const current = customer.billingProfile.attributes.etag;
    const sent = [headers['if-match'] && etagOf(headers['if-match']), input.attributes?.etag].filter(Boolean);
    if (sent.length === 0) throw new Refusal(400, 3000, 'Invalid property: the etag (If-Match or attributes.etag)');
    if (sent.some((e) => e !== current)) throw new Refusal(412, 2055, 'Etag is no longer valid');
    checkBilling(input);
    const { attributes: _ignored, ...billing } = input;
    const updated = {
      ...customer,
      companyProfile: { ...customer.companyProfile, companyName: billing.companyName },
      billingProfile: newEtag({ ...billing, id: customer.billingProfile.id }),
    };
    save(updated);
    return { status: 200, body: updated.billingProfile };
  }

  function route(req, url, text) {
    if (token && req.headers.authorization !== `Bearer ${token}`) {
      throw new Refusal(401, 400, 'Access denied', { 'WWW-Authenticate': 'Bearer realm="partner-center-double"' });
    }
    const m = req.method;
    const path = url.pathname;
    const only = (method) => {
      if (m !== method) throw new Refusal(405, 0, `${m} is not allowed on ${path}`, { Allow: method });
    };
    const customerOf = (id) => {
      const c = state.customers.get(decodeURIComponent(id));
      if (!c) throw new Refusal(404, 1000, `Customer ${id} not found`);
      return c;
    };
    let p;
    if (path === '/v1/customers') {
      if (m === 'POST') return create(req.headers, text);
      only('GET');
      return list(url, req.headers);
    }
    if ((p = path.match(/^\/v1\/customers\/([^/]+)$/))) {
      only('GET');
      return { status: 200, body: customerOf(p[1]) };
    }
    if ((p = path.match(/^\/v1\/customers\/([^/]+)\/profiles\/billing$/))) {
      const c = customerOf(p[1]);
      if (m === 'PUT') return putBilling(c, req.headers, text);
      only('GET');
      return { status: 200, body: c.billingProfile };
    }
    if ((p = path.match(/^\/v1\/domains\/([^/]+)$/))) {
      only('HEAD');
      return { status: state.domains.has(decodeURIComponent(p[1]).toLowerCase()) ? 200 : 404 };
    }
    throw new Refusal(404, 1000, `No such call: ${m} ${path}`);
  }

  function takeFault(method, path) {
    const i = state.faults.findIndex((f) => (!f.method || f.method === method) && (!f.path || f.path.test(path)));
    if (i < 0) return null;
    const fault = state.faults[i];
    if (--fault.times <= 0) state.faults.splice(i, 1);
    return fault;
  }

  function send(req, res, { status, headers = {}, body }, malformed = false) {
    const echo = {};
    for (const h of ['MS-CorrelationId', 'MS-RequestId']) {
      if (req.headers[h.toLowerCase()]) echo[h] = req.headers[h.toLowerCase()];
    }
    let text = body === undefined ? '' : JSON.stringify(body);
    // A malformed answer is the real one cut in half: valid status and headers, JSON that does not parse.
    if (malformed) text = text.slice(0, Math.floor(text.length / 2)) || '{"items": [';
    const type = text ? { 'Content-Type': 'application/json; charset=utf-8' } : {};
    res.writeHead(status, { ...cors(req), ...echo, ...type, ...headers, 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  }

  async function api(req, res, url) {
    const text = await readBody(req);
    const entry = { method: req.method, url: url.pathname + url.search, headers: { ...req.headers }, body: text };
    requests.push(entry);
    await sleep(state.latencyMs);
    const fault = takeFault(req.method, entry.url);
    const lose = fault && (fault.kind === 'hang' || fault.kind === 'destroy');
    if (lose && !fault.handled) return loseAnswer(fault, res, entry);
    let answer;
    if (fault?.status) answer = faultAnswer(fault);
    else {
      try {
        answer = route(req, url, text);
      } catch (e) {
        if (!(e instanceof Refusal)) throw e;
        answer = e.answer;
      }
    }
    if (fault) await sleep(fault.delayMs);
    if (lose) return loseAnswer(fault, res, entry);
    entry.status = answer.status;
    send(req, res, answer, fault?.kind === 'malformed');
  }

  function loseAnswer(fault, res, entry) {
    entry.status = fault.kind;
    if (fault.kind === 'destroy') res.socket.destroy();
    else hanging.add(res);
  }

  // Lets a browser test on another 127.0.0.1 port (the app's) drive the double directly.
  function cors(req) {
    const origin = req.headers.origin;
    if (!origin || !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(origin)) return {};
    return {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, DELETE',
      'Access-Control-Allow-Headers':
        'Authorization, Content-Type, Accept, If-Match, X-Locale, MS-RequestId, MS-CorrelationId, MS-ContinuationToken',
      'Access-Control-Expose-Headers': 'Retry-After, MS-RequestId, MS-CorrelationId, Location',
      Vary: 'Origin',
    };
  }

  function snapshot() {
    return {
      customerCount: state.customers.size,
      latencyMs: state.latencyMs,
      pageSize: state.pageSize,
      faults: state.faults.map((f) => ({ ...f, path: f.path?.source, times: f.times === Infinity ? 'always' : f.times })),
      requests,
    };
  }

  function fault(spec) {
    state.faults.push(normalizeFault(spec));
  }

  function configure(opts) {
    if (opts.latencyMs !== undefined) state.latencyMs = opts.latencyMs;
    if (opts.pageSize !== undefined) state.pageSize = opts.pageSize;
  }

  async function control(req, res, url) {
    const text = await readBody(req);
    const input = text ? JSON.parse(text) : {};
    const route = `${req.method} ${url.pathname}`;
    const answer = (body) => send(req, res, { status: 200, body });
    if (route === 'GET /__double/state') return answer(snapshot());
    if (route === 'POST /__double/reset') return answer((reset(), snapshot()));
    if (route === 'POST /__double/fault') return answer((fault(input), snapshot()));
    if (route === 'DELETE /__double/fault') return answer(((state.faults = []), snapshot()));
    if (route === 'POST /__double/config') return answer((configure(input), snapshot()));
    if (route === 'POST /__double/customers') return answer(putCustomer(input));
    send(req, res, { status: 404, body: errorBody(1000, `No such control: ${route}`) });
  }

  reset();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://double');
    if (req.method === 'OPTIONS') return send(req, res, { status: 204 });
    const handler = url.pathname.startsWith('/__double/') ? control : api;
    handler(req, res, url).catch((e) => {
      // A bad fault spec or control body is the test's mistake: answer 400 so it shows in the test's output.
      const status = e instanceof TypeError || e instanceof SyntaxError ? 400 : 500;
      if (!res.headersSent) send(req, res, { status, body: errorBody(status === 400 ? 3000 : 800003, e.message) });
    });
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${server.address().port}`,
    get state() {
      return state;
    },
    requests,
    fault,
    clearFaults: () => {
      state.faults = [];
    },
    putCustomer,
    configure,
    reset,
    close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

// `CUSTOMERS=50000 LATENCY_MS=50 PORT=8787 node tests/partner-center/double.mjs` runs it by hand (or for the bench).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const env = process.env;
  const double = await startDouble({
    customers: Number(env.CUSTOMERS ?? 1000),
    latencyMs: Number(env.LATENCY_MS ?? 0),
    port: Number(env.PORT ?? 8787),
    token: env.TOKEN || null,
  });
  console.log(`Partner Center double on ${double.url} with ${double.state.customers.size} customers`);
}
