// The Wasm core as the content script reaches it: in the page when the page lets it compile Wasm,
// otherwise through the background (`bersih:scan`), which runs the same core.
//
// Chromium refuses to compile Wasm in a content script when the page's Content-Security-Policy
// forbids 'wasm-unsafe-eval'; Firefox allows it. Both paths take and return the same JSON, so
// the code that applies the answer never knows which one served it.

import { ext as api, MSG } from './protocol.js';

let loading = null;
const WARM_UP = JSON.stringify({ blocks: [{ text: 'PT Contoh - Bersih.', kind: 'body', post: 0 }] });
/** How the core was reached: `path` 'page' or 'background', start-up and last call times (ms). */
export const stats = { path: null, startupMs: null, warmUpMs: null, callMs: null, fallbackReason: null };

async function loadInPage() {
  const t = performance.now();
  try {
    // Spelled `chrome.runtime.getURL` (both browsers have it): the only form addons-linter accepts.
    const glue = await import(chrome.runtime.getURL('core/bersih.js'));
    await glue.default({ module_or_path: api.runtime.getURL('core/bersih_bg.wasm') });
    stats.startupMs = performance.now() - t;
    // The core builds its rule tables on first use: do that now, while the page is still loading.
    const w = performance.now();
    glue.scan(WARM_UP);
    stats.warmUpMs = performance.now() - w;
    stats.path = 'page';
    return glue.scan;
  } catch (err) {
    // Expected under a strict CSP (CompileError); anything else also falls back, and says why.
    stats.fallbackReason = `${err?.name ?? 'Error'}: ${err?.message ?? err}`;
    stats.path = 'background';
    return null;
  }
}

/** Starts loading the core (idempotent); resolves to the in-page scan function or null. */
export function warm() {
  loading ??= loadInPage();
  return loading;
}

async function viaBackground(json) {
  const reply = await api.runtime.sendMessage({ type: MSG.scan, request: json });
  if (typeof reply?.response !== 'string') {
    throw new Error(`background scan failed: ${reply?.error ?? 'no answer'}`);
  }
  return reply.response;
}

/** One scan call: `request` is `{blocks, options}`; resolves to `{findings}` (docs/ARCHITECTURE.md). */
export async function scan(request) {
  const json = JSON.stringify(request);
  const inPage = await warm();
  const t = performance.now();
  const answer = inPage ? inPage(json) : await viaBackground(json);
  stats.callMs = performance.now() - t;
  return JSON.parse(answer);
}
