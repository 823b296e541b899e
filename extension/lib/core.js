// The Wasm core as the content script reaches it: compiled in the page when the page lets it
// compile Wasm, otherwise through the background (`bersih:scan`), which runs the same core.
//
// The module's bytes come inside the content script itself, gzipped: the build bundles this file
// with esbuild, whose `base64` loader inlines `core/bersih_bg.wasm.gz` (written by the build), so
// no file of the extension has to be reachable from web pages. Gzipped, the string the browser
// parses on every page load is 2.5 times shorter; the browser's own DecompressionStream inflates
// it straight into a streaming compile. Compiling starts as soon as `warm()` is called (at
// document_start) and runs off the main thread; `ready()` then says whether a scan can run at
// once, synchronously, so a post can be judged and shown in the same task that parsed it.
//
// Chromium refuses to compile Wasm in a content script when the page's Content-Security-Policy
// forbids 'wasm-unsafe-eval'; Firefox allows it. Both paths take and return the same JSON, so the
// code that applies the answer never knows which one served it.

import { initSync, scan as wasmScan } from '../core/bersih.js';
import CORE_GZIP_BASE64 from '../core/bersih_bg.wasm.gz';
import { ext as api, MSG } from './protocol.js';

/** How the core was reached: `path` 'page' or 'background', start-up and last call times (ms). */
export const stats = {
  path: null,
  startupMs: null,
  warmUpMs: null,
  /** The part of start-up and warm-up spent on the page's main thread (decode, instantiate, first call). */
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

function decode(base64) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(base64);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The core's bytes, inflated as they are compiled. */
async function compileCore() {
  const packed = decode(CORE_GZIP_BASE64);
  const inflated = () => new Blob([packed]).stream().pipeThrough(new DecompressionStream('gzip'));
  try {
    return await WebAssembly.compileStreaming(new Response(inflated(), { headers: { 'content-type': 'application/wasm' } }));
  } catch (err) {
    // A page's CSP refusing Wasm is final; a browser without streaming compile here is not.
    if (err instanceof WebAssembly.CompileError) throw err;
    return WebAssembly.compile(await new Response(inflated()).arrayBuffer());
  }
}

async function loadInPage() {
  const t = performance.now();
  try {
    const compiling = compileCore();
    stats.mainThreadMs = performance.now() - t;
    const module = await compiling;
    const i = performance.now();
    initSync({ module });
    stats.startupMs = performance.now() - t;
    const w = performance.now();
    wasmScan(WARM_UP);
    stats.warmUpMs = performance.now() - w;
    stats.mainThreadMs += performance.now() - i;
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
