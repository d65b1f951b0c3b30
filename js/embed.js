// <customer-accounts storage-key="…" cloud="21vianet|global" lang="zh-CN|pt-BR|en-US"></customer-accounts>
//
// Load with <script type="module" src="…/embed.js"></script>. Every URL below is resolved against this file's own
// URL (import.meta.url), never the host page's, so the app works from wherever it is hosted.
import init, { mount } from './customer-accounts.js';

// main.css with its lengths in the app's own root size, never the host page's (scripts/postbuild.mjs writes it).
const STYLESHEET = new URL('./element.css', import.meta.url).href;

// Without Web Locks (a page served over plain http, which is not a secure context, or an old browser) two tabs cannot
// take turns on a write: the app checks each write again once the other tabs' writes have arrived (SETTLE in
// src/state/writes.rs, whose native test holds this sentence to it). Said once, for whoever embeds the page.
if (!navigator.locks) console.info('Customer Accounts: no Web Locks (plain http?): writes are checked again after 250 ms');

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

// One wasm instance serves every element on the page.
let ready = null;
function load() {
  ready ??= init({ module_or_path: new URL('./customer-accounts_bg.wasm', import.meta.url) });
  return ready;
}

class CustomerAccountsElement extends HTMLElement {
  static observedAttributes = ['storage-key', 'cloud', 'lang', 'source', 'api-base'];

  #app = null;
  #generation = 0;

  connectedCallback() {
    this.#start();
  }

  disconnectedCallback() {
    this.#stop();
  }

  attributeChangedCallback(name, before, after) {
    if (name === 'lang') {
      // The same app, in another language (the app also sets lang itself when the reader picks one).
      if (before !== after) this.#app?.set_lang(after);
      return;
    }
    // Another storage key, cloud or source is another app: start over with it.
    if (before !== after && this.isConnected && (this.#app || this.#generation > 0)) {
      this.#stop();
      this.#start();
    }
  }

  #start() {
    // Open, so that tests and assistive technology can reach inside; styles cannot cross either way.
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const generation = ++this.#generation;
    load()
      .then(() => {
        // The element may have been removed (or restarted) while the wasm was loading.
        if (generation !== this.#generation || !this.isConnected) return;
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = STYLESHEET;
        const container = document.createElement('div');
        container.className = 'customer-accounts-root';
        root.replaceChildren(link, container);
        this.#app = mount(
          container,
          this,
          this.getAttribute('storage-key'),
          this.getAttribute('cloud'),
          this.getAttribute('lang'),
          this.#source(),
        );
      })
      .catch((error) => {
        if (generation !== this.#generation) return;
        const message = document.createElement('p');
        message.setAttribute('role', 'alert');
        message.textContent = `${couldNotStart(this.getAttribute('storage-key') || 'customer-accounts', this.getAttribute('lang'))}${error}`;
        root.replaceChildren(message);
        console.error(error);
      });
  }

  /**
   * `source` and `api-base`, joined by a line break, for the app to check (src/partner_center/config.rs); null when
   * they ask for the local mode (no source, or `local`, and no base), so that mode's download reads nothing of them.
   */
  #source() {
    const source = this.getAttribute('source') ?? '';
    const base = this.getAttribute('api-base') ?? '';
    return /^\s*(local)?\s*$/i.test(source) && !base.trim() ? null : `${source}\n${base}`;
  }

  /**
   * Partner Center: the host calls this once it has signed the reader in again, after `customer-accounts-auth-required`.
   * The app goes on where the session ended (src/views/remote/status.rs); what the reader typed is still on the form.
   */
  retry() {
    this.dispatchEvent(new CustomEvent('customer-accounts-retry'));
  }

  #stop() {
    this.#generation++;
    if (this.#app) {
      this.#app.unmount();
      this.#app.free();
      this.#app = null;
    }
    this.shadowRoot?.replaceChildren();
  }
}

if (!customElements.get('customer-accounts')) {
  customElements.define('customer-accounts', CustomerAccountsElement);
}
