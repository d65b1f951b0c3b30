// Starts the standalone page. A file of its own (not an inline script), so the page runs under a strict
// Content-Security-Policy: script-src 'self' 'wasm-unsafe-eval'.
//
// A classic script, not a module: it runs as soon as it has arrived, without waiting for the JS glue, and in the
// meantime starts what takes longest, side by side:
// - the wasm's download and compilation (off the main thread);
// - the glue's download;
// - the browser's first touch of localStorage, which reads the origin's whole storage in one blocking step (about
//   100 ms at 50,000 customers). Nothing is read here; blocked storage is the app's to report.
(() => {
  // "could not start" in the app's three languages, picked as the app picks its language (src/locale.rs): the reader's
  // remembered choice, else the element's lang, else the browser's languages, else English.
  const COULD_NOT_START = { en: 'Customer Accounts could not start: ', zh: '客户帐户无法启动：', pt: 'Contas de clientes não pôde iniciar: ' };
  function couldNotStart(prefix, attribute) {
    let remembered = null;
    try {
      remembered = localStorage.getItem(`${prefix}:lang`);
    } catch {
      // Blocked storage: the other sources decide.
    }
    for (const tag of [remembered, attribute, ...(navigator.languages ?? [])]) {
      const words = COULD_NOT_START[String(tag ?? '').split('-')[0].toLowerCase()];
      if (words) return words;
    }
    return COULD_NOT_START.en;
  }
  // Without Web Locks (a page served over plain http, which is not a secure context, or an old browser) two tabs cannot
  // take turns on a write: the app checks each write again once the other tabs' writes have arrived (SETTLE in
  // src/state/writes.rs, whose native test holds this sentence to it). Said once, for whoever embeds the page.
  if (!navigator.locks) console.info('Customer Accounts: no Web Locks (plain http?): writes are checked again after 250 ms');
  const here = document.currentScript.src;
  const wasm = new URL('./customer-accounts_bg.wasm', here);
  const compiled =
    typeof WebAssembly.compileStreaming === 'function'
      ? // Served with another Content-Type, the wasm cannot be compiled as it streams: the glue then fetches it.
        WebAssembly.compileStreaming(fetch(wasm)).catch(() => wasm)
      : Promise.resolve(wasm);
  const glue = import(new URL('./customer-accounts.js', here).href);
  try {
    void window.localStorage.length;
  } catch {
    // The app says so when it starts.
  }
  // The app mounts on the body: an async script may run before the page is parsed.
  const parsed =
    document.readyState === 'loading'
      ? new Promise((done) => document.addEventListener('DOMContentLoaded', done, { once: true }))
      : undefined;
  Promise.all([glue, compiled, parsed])
    .then(async ([{ default: init, start }, module]) => {
      await init({ module_or_path: module });
      // Partner Center, when the page's meta tag names it (src/partner_center/config.rs; never the address).
      const source = document.getElementsByName('customer-accounts-source')[0]?.content ?? '';
      start(/^\s*(local)?\s*$/i.test(source) ? null : source);
      // Offline use and new versions (update.js): fetched once the list has painted, after the first download. Not in
      // a frame sandboxed without allow-same-origin, where reading navigator.serviceWorker throws.
      try {
        if (navigator.serviceWorker) requestAnimationFrame(() => setTimeout(() => import(new URL('./update.js', here).href).catch(() => {})));
      } catch {}
    })
    .catch((error) => {
      // Without the app nothing else would tell the user why the page stays empty.
      const message = document.createElement('p');
      message.setAttribute('role', 'alert');
      message.textContent = `${couldNotStart('customer-accounts', null)}${error}`;
      document.body.append(message);
      throw error;
    });
})();
