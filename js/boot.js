// Starts the standalone page. A file of its own (not an inline script), so the page runs under a strict
// Content-Security-Policy: script-src 'self' 'wasm-unsafe-eval'.
import init, { start } from './customer-accounts.js';

try {
  const ready = init();
  // The browser's first touch of localStorage reads the origin's whole storage in one blocking step (about 100 ms at
  // 50,000 customers): done while the wasm downloads, rather than after it has started. Nothing is read here;
  // blocked storage is the app's to report.
  try {
    void window.localStorage.length;
  } catch {
    // The app says so when it starts.
  }
  await ready;
  start();
} catch (error) {
  // Without the app nothing else would tell the user why the page stays empty.
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent = `Customer Accounts could not start: ${error}`;
  document.body.append(message);
  throw error;
}
