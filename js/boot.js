// Starts the standalone page. A file of its own (not an inline script), so the page runs under a strict
// Content-Security-Policy: script-src 'self' 'wasm-unsafe-eval'.
import init, { start } from './customer-accounts.js';

try {
  await init();
  start();
} catch (error) {
  // Without the app nothing else would tell the user why the page stays empty.
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent = `Customer Accounts could not start: ${error}`;
  document.body.append(message);
  throw error;
}
