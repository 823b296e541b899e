// The Wasm core as the content script reaches it: compiled in the page when the page lets it
// compile Wasm, otherwise through the background (`bersih:scan`), which runs the same core.
//
// The module's bytes come with the content script itself: `content/wasm.js` (lib/wasm.js), a
// classic script the manifest runs just before this bundle, sets them in the content script's
// own world, so no file of the extension has to be reachable from web pages. Loading starts as
// soon as `warm()` is called (at document_start) and is done in the promise jobs right after it
// (lib/wasm.js), before the parser has inserted much; `ready()` then says whether a scan can run
// at once, synchronously, so a post can be judged and shown in the same task that parsed it.
//
// Chromium refuses to compile Wasm in a content script when the page's Content-Security-Policy
// forbids 'wasm-unsafe-eval'; Firefox allows it. Both paths take and return the same JSON, so the
// code that applies the answer never knows which one served it.

import { initSync, scan as wasmScan } from '../core/bersih.js';
import { compileCore, WASM_FILE } from './wasm.js';
import { flatten } from './request.js';
import { ext as api, MSG } from './protocol.js';

/** How the core was reached: `path` 'page' or 'background', start-up and last call times (ms). */
export const stats = {
  path: null,
  startupMs: null,
  warmUpMs: null,
  /** The part of start-up and warm-up spent on the page's main thread (decode, inflate, compile, instantiate, first call). */
  mainThreadMs: null,
  callMs: null,
  fallbackReason: null,
};

let loading = null;
let inPage = null;

async function loadInPage(rehearse) {
  const t = performance.now();
  try {
    const bytes = globalThis.__bersihWasm;
    if (typeof bytes !== 'string') throw new Error(`${WASM_FILE} did not run before the content script`);
    // Read once: the tab would otherwise keep the 125 KB string as long as the page lives.
    delete globalThis.__bersihWasm;
    const module = await compileCore(bytes);
    initSync({ module });
    stats.startupMs = performance.now() - t;
    inPage = wasmScan;
    const w = performance.now();
    rehearse?.(scanNow);
    stats.warmUpMs = performance.now() - w;
    // Every step runs on the main thread now (promise jobs, no waiting for tasks in between).
    stats.mainThreadMs = stats.startupMs + stats.warmUpMs;
    stats.path = 'page';
  } catch (err) {
    inPage = null;
    // Expected under a strict CSP (CompileError); anything else also falls back, and says why.
    stats.fallbackReason = `${err?.name ?? 'Error'}: ${err?.message ?? err}`;
    stats.path = 'background';
  }
}

/**
 * Starts loading the core (idempotent); resolves once the path is known. `rehearse(scanNow)`, given
 * by the first caller, is the core's first call, made as soon as it is instantiated, before any
 * post is parsed on most pages (content/warm.js): Chromium compiles each Wasm function when it
 * first runs, and the content script's own code is compiled on first use too, so that happens
 * while the page is still arriving instead of while a post waits. A rehearsal that throws falls
 * back to the background, as a core that fails in the page.
 */
export function warm(rehearse) {
  loading ??= loadInPage(rehearse);
  return loading;
}

/** Whether the path is known: a scan now runs in the page (synchronously) or in the background. */
export const settled = () => stats.path !== null;

/** Whether `scanNow` can run: the core is compiled in the page. */
export const ready = () => inPage !== null;

/** One scan call in the page, synchronously (only when `ready()`): `{blocks, options}` → `{findings}`. */
export function scanNow(request) {
  const flat = flatten(request);
  const t = performance.now();
  const answer = inPage(...flat);
  stats.callMs = performance.now() - t;
  return JSON.parse(answer);
}

async function viaBackground(json) {
  const reply = await api.runtime.sendMessage({ type: MSG.scan, request: json });
  if (typeof reply?.response !== 'string') {
    throw new Error(`background scan failed: ${reply?.error ?? 'no answer'}`);
  }
  return reply.response;
}

/** One scan call, wherever the core runs: `{blocks, options}` → `{findings}` (docs/ARCHITECTURE.md). */
export async function scan(request) {
  await warm();
  if (inPage) return scanNow(request);
  const json = JSON.stringify(request);
  const t = performance.now();
  const answer = await viaBackground(json);
  stats.callMs = performance.now() - t;
  return JSON.parse(answer);
}
