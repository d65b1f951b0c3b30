// The smallest proxy a partner portal could start from (issue 29, item 8): Customer Accounts calls
// `/partner-center/v1/…` on its own origin, and this forwards the few calls the app makes to Partner Center with the
// partner's bearer token. The token stays here: Partner Center documents no CORS, and a browser must never hold the
// secure application model's refresh token. Node only, no framework, no dependencies. See README.md.

import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const PREFIX = '/partner-center';
const GUID = '[0-9a-fA-F-]{36}';
const DOMAIN = '[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+';
// The calls of the customer flows, and nothing else: a portal's token can do far more than the app needs
// (orders, subscriptions, invoices…), so anything not listed here never reaches Partner Center.
const CALLS = [
  { pattern: new RegExp('^/v1/customers$'), methods: ['GET', 'POST'], query: ['size', 'filter', 'seekOperation'] },
  { pattern: new RegExp(`^/v1/customers/${GUID}$`), methods: ['GET'] },
  { pattern: new RegExp(`^/v1/customers/${GUID}/profiles/billing$`), methods: ['GET', 'PUT'] },
  { pattern: new RegExp(`^/v1/domains/${DOMAIN}$`), methods: ['HEAD'] },
];
// Request headers the app sends that Partner Center reads. Cookie and the browser's own Authorization are left out
// on purpose: the portal's session is not Partner Center's business, and the bearer is the proxy's to add.
const REQUEST_HEADERS = ['accept', 'content-type', 'if-match', 'x-locale', 'ms-requestid', 'ms-correlationid',
  'ms-continuationtoken'];
// Answer headers the app reads (Retry-After on 429, the echoed ids, Location of a create). Set-Cookie and
// WWW-Authenticate stay behind: the browser has no session with Partner Center to keep or to sign in to.
const ANSWER_HEADERS = ['content-type', 'retry-after', 'ms-requestid', 'ms-correlationid', 'ms-cv', 'location'];
const MAX_BODY = 1 << 20;
const UPSTREAM_TIMEOUT_MS = 60_000;
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.webmanifest': 'application/manifest+json', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8',
};

/** The proxy's own refusals, in Partner Center's error shape so the app reads every error the same way. */
function refuse(res, status, description, headers = {}) {
  const body = JSON.stringify({ code: status, description, data: [], source: 'proxy' });
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(body);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) reject(new RangeError('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Which documented call this is; a string saying why not otherwise. */
function allowed(method, url) {
  const call = CALLS.find((c) => c.pattern.test(url.pathname));
  if (!call) return { status: 404, why: `Not a call this proxy forwards: ${url.pathname}` };
  if (!call.methods.includes(method)) {
    return { status: 405, why: `${method} is not forwarded on this path`, headers: { Allow: call.methods.join(', ') } };
  }
  const extra = [...url.searchParams.keys()].find((k) => !(call.query ?? []).includes(k));
  if (extra !== undefined) return { status: 400, why: `Query parameter not forwarded: ${extra}` };
  return null;
}

async function forward(req, res, url, { endpoint, token }) {
  const refusal = allowed(req.method, url);
  if (refusal) return refuse(res, refusal.status, refusal.why, refusal.headers);
  const headers = {};
  for (const h of REQUEST_HEADERS) if (req.headers[h] !== undefined) headers[h] = req.headers[h];
  headers.accept ??= 'application/json';
  let body;
  if (req.method === 'POST' || req.method === 'PUT') {
    // Demanding JSON makes a cross-site form post impossible: a browser preflights a JSON request from another
    // origin, and this proxy answers no CORS, so another site cannot make the partner create or edit customers.
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      return refuse(res, 415, 'Content-Type must be application/json');
    }
    try {
      body = await readBody(req);
    } catch {
      return refuse(res, 413, `The body is larger than ${MAX_BODY} bytes`);
    }
  }
  headers.authorization = `Bearer ${typeof token === 'function' ? await token() : token}`;

  // A client that gives up (the app's own timeout) stops the upstream call too.
  const gone = new AbortController();
  res.on('close', () => gone.abort());
  let upstream;
  try {
    upstream = await fetch(endpoint + url.pathname + url.search, {
      method: req.method,
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.any([gone.signal, AbortSignal.timeout(UPSTREAM_TIMEOUT_MS)]),
    });
  } catch (e) {
    if (gone.signal.aborted) return;
    const timedOut = e.name === 'TimeoutError';
    return refuse(res, timedOut ? 504 : 502, timedOut ? 'Partner Center did not answer' : 'Partner Center unreachable');
  }
  const answer = {};
  for (const h of ANSWER_HEADERS) if (upstream.headers.has(h)) answer[h] = upstream.headers.get(h);
  let content;
  try {
    content = Buffer.from(await upstream.arrayBuffer());
  } catch {
    // The connection dropped mid-answer: the app sees a network error, as it would without the proxy.
    return res.destroy();
  }
  res.writeHead(upstream.status, { ...answer, 'Content-Length': content.length });
  res.end(req.method === 'HEAD' ? undefined : content);
}

async function serveStatic(req, res, url, root) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Only GET and HEAD', { Allow: 'GET, HEAD' });
  let content;
  let file;
  try {
    file = path.resolve(root, `.${decodeURIComponent(url.pathname).replace(/\/$/, '/index.html')}`);
    // Resolving `..` (even percent-encoded) must not leave the folder.
    if (!file.startsWith(root + path.sep)) throw new Error('outside');
    content = await readFile(file);
  } catch {
    return refuse(res, 404, 'Not found');
  }
  res.writeHead(200, {
    'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Content-Length': content.length,
  });
  res.end(req.method === 'HEAD' ? undefined : content);
}

/**
 * Starts the proxy on 127.0.0.1 (a portal puts it behind its own sign-in; see README.md).
 * - endpoint: Partner Center's base URL, e.g. https://api.partnercenter.microsoft.com (or the test double's URL).
 * - token: the bearer token, or an async function returning a current one.
 * - staticDir: optional folder (the app's dist/) served beside the API, so app and proxy share one origin.
 * Resolves to { url, close() }.
 */
export async function startProxy({ endpoint, token, port = 0, staticDir = null } = {}) {
  if (!endpoint || !token) throw new TypeError('startProxy needs an endpoint and a token');
  const options = { endpoint: endpoint.replace(/\/+$/, ''), token };
  const root = staticDir && path.resolve(staticDir);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://proxy');
    let handled;
    if (url.pathname === PREFIX || url.pathname.startsWith(`${PREFIX}/`)) {
      handled = forward(req, res, new URL(url.pathname.slice(PREFIX.length) + url.search, 'http://proxy'), options);
    } else if (root) handled = serveStatic(req, res, url, root);
    else handled = Promise.resolve(refuse(res, 404, 'Not found'));
    handled.catch(() => (res.headersSent ? res.destroy() : refuse(res, 500, 'Proxy error')));
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const env = process.env;
  const proxy = await startProxy({
    endpoint: env.PARTNER_CENTER_ENDPOINT,
    token: env.PARTNER_CENTER_TOKEN,
    port: Number(env.PORT ?? 8080),
    staticDir: env.STATIC_DIR || null,
  });
  console.log(`Partner Center proxy on ${proxy.url}${PREFIX}/ → ${env.PARTNER_CENTER_ENDPOINT}`);
}
