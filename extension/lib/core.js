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

/**
 * A first call made as soon as the core is instantiated, before any post is parsed: today the core
 * builds its rule tables on its first call, and Chromium compiles each Wasm function when it first
 * runs. Both then happen while the page is still arriving instead of when a post waits for them,
 * so the call passes through the paths a real post takes (every kind of block, a dateline, a
 * listed broker in each position, a link line, an unknown repeated name, a reader's comment).
 */
const WARM_UP = JSON.stringify({
  blocks: [
    ['Harga Cabai Turun Menjelang Panen', 'title'],
    ['JAKARTA - Harga cabai di pasar induk turun dua hari berturut-turut.', 'body'],
    ['BESTPROFIT FUTURES - Pedagang menyebut pasokan dari Jawa Tengah mulai pulih.', 'body'],
    ['Pemerintah daerah memantau harga setiap pagi. - BEST PROFIT', 'body'],
    ['BEST PROFIT', 'body'],
    ['BACA JUGA : PT Contoh Berjangka - Harga Emas Naik', 'body'],
    ['Kontak Sejahtera Futures | Kabar pasar pagi ini', 'body'],
    ['Kontak Sejahtera Futures', 'body'],
    ['Label: Ekonomi, PT Contoh Berjangka', 'labels'],
    ['0 komentar:', 'footer'],
    ['Kirimkan Ini lewat Email BlogThis!', 'share'],
    ['Terima kasih, beritanya jelas.', 'comment'],
    ['Posting Lebih Baru Beranda', 'pager'],
  ].map(([text, kind]) => ({ text, kind, post: 0 })),
});

let loading = null;
let inPage = null;

async function loadInPage() {
  const t = performance.now();
  try {
    const bytes = globalThis.__bersihWasm;
    if (typeof bytes !== 'string') throw new Error(`${WASM_FILE} did not run before the content script`);
    const module = await compileCore(bytes);
    initSync({ module });
    stats.startupMs = performance.now() - t;
    const w = performance.now();
    wasmScan(WARM_UP);
    stats.warmUpMs = performance.now() - w;
    // Every step runs on the main thread now (promise jobs, no waiting for tasks in between).
    stats.mainThreadMs = stats.startupMs + stats.warmUpMs;
    stats.path = 'page';
    inPage = wasmScan;
  } catch (err) {
    // Expected under a strict CSP (CompileError); anything else also falls back, and says why.
    stats.fallbackReason = `${err?.name ?? 'Error'}: ${err?.message ?? err}`;
    stats.path = 'background';
  }
}

/** Starts loading the core (idempotent); resolves once the path is known. */
export function warm() {
  loading ??= loadInPage();
  return loading;
}

/** Whether the path is known: a scan now runs in the page (synchronously) or in the background. */
export const settled = () => stats.path !== null;

/** Whether `scanNow` can run: the core is compiled in the page. */
export const ready = () => inPage !== null;

/** One scan call in the page, synchronously (only when `ready()`): `{blocks, options}` → `{findings}`. */
export function scanNow(request) {
  const json = JSON.stringify(request);
  const t = performance.now();
  const answer = inPage(json);
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
