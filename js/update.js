// Offline use and updates of the standalone page: registers the service worker (js/service-worker.js, written for
// each build by scripts/service-worker.mjs) and says when a new version is ready. Imported by boot.js once the list
// has painted, so none of it is in the first download; the element (embed.js) never loads it, and a host page gets
// no worker from the app.
//
// A new version is never forced on a page: the reader chooses Reload. A form with unsaved values then still asks
// before leaving (the app's beforeunload), and a reader who stays keeps working on the build they have, whose files
// the worker keeps until every window that ran it has gone.

// "A new version is ready: Reload" in the app's three languages, following the language the app shows (it sets the
// page's lang), as boot.js's "could not start" does.
const WORDS = {
  en: ['A new version is ready:', 'Reload'],
  pt: ['Uma nova versão está pronta:', 'Recarregar'],
  zh: ['新版本已就绪：', '重新加载'],
};
/** How often an open page asks whether a new build was deployed, and each time it is shown again, but not more
 * than once a minute (a reader switching tabs back and forth). */
const CHECK_EVERY_MS = 60 * 60 * 1000;
const CHECK_AT_MOST_MS = 60 * 1000;

/** The region the news goes in: made (empty) with the registration, so screen readers announce what is put in it. */
const region = document.createElement('div');
region.setAttribute('role', 'status');
region.className = 'update';

const words = () => WORDS[document.documentElement.lang.split('-')[0].toLowerCase()] ?? WORDS.en;

/** Whether this page chose Reload and waits for the new worker to take over before reloading. */
let reloading = false;

/** Says a new version is ready, once; Reload lets the waiting worker take over, then reloads. */
function announce(registration) {
  if (region.firstChild) return;
  const text = document.createElement('span');
  const button = document.createElement('button');
  button.type = 'button';
  const word = () => {
    [text.textContent, button.textContent] = words();
  };
  word();
  new MutationObserver(word).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  button.addEventListener('click', () => {
    const waiting = registration.waiting;
    if (waiting) {
      reloading = true;
      waiting.postMessage('skip-waiting');
    } else {
      location.reload();
    }
  });
  region.append(text, ' ', button);
}

try {
  // Reading it throws in a frame sandboxed without allow-same-origin.
  const workers = navigator.serviceWorker;
  // In the page before the registration's wait: the page changes (by an empty element, which shows nothing) only
  // now, right after its first paint, never later while the reader works.
  document.body.prepend(region);
  const registration = await workers.register(new URL('./service-worker.js', import.meta.url));
  // A page the worker did not serve (the first visit) has nothing newer to be told of when it takes over.
  let served = Boolean(workers.controller);
  workers.addEventListener('controllerchange', () => {
    if (reloading) {
      reloading = false;
      location.reload();
    } else if (served) {
      // Another tab chose Reload: this page still runs the older build.
      announce(registration);
    }
    served = true;
  });
  const waitFor = (worker) =>
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed' && workers.controller) announce(registration);
    });
  if (registration.waiting && workers.controller) announce(registration);
  waitFor(registration.installing);
  registration.addEventListener('updatefound', () => waitFor(registration.installing));
  let checked = 0;
  const check = () => {
    if (document.visibilityState !== 'visible' || Date.now() - checked < CHECK_AT_MOST_MS) return;
    checked = Date.now();
    registration.update().catch(() => {});
  };
  document.addEventListener('visibilitychange', check);
  setInterval(check, CHECK_EVERY_MS);
  // The older builds' files go once no window that ran them is left.
  workers.controller?.postMessage('tidy');
} catch {
  // No worker (a sandboxed frame, a host that left service-worker.js out, storage turned off): the page works as
  // before, online.
}
