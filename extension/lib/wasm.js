// The Wasm core's bytes, shipped once. The build writes them into `content/wasm.js`, gzipped, as
// base64 (`globalThis.__bersihWasm = "…";`), a classic script the manifest runs before the content
// script's bundle: the content script gets the core without any web-accessible file, and the
// background (the strict-CSP fallback, `lib/scanner.js`) reads the same file from the extension, so
// the store zip holds the module a single time. Gzipped, the string the browser parses on every
// page is 2.5 times shorter than the module; the browser's own DecompressionStream inflates it.

/** The file that carries the core (a content script, and read as text by the background). */
export const WASM_FILE = 'content/wasm.js';

/** The one line of `WASM_FILE` that holds the bytes (the build writes exactly this shape). */
const LINE = /globalThis\.__bersihWasm = "([A-Za-z0-9+/=]*)";/;

function decode(base64) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(base64);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Compiles the core from its gzipped base64 bytes, inflating as it compiles (streaming). Rejects
 * with a `WebAssembly.CompileError` where the page's CSP forbids compiling Wasm (Chromium content
 * scripts under a strict CSP).
 */
export async function compileCore(base64) {
  const packed = decode(base64);
  const inflated = () => new Blob([packed]).stream().pipeThrough(new DecompressionStream('gzip'));
  try {
    return await WebAssembly.compileStreaming(new Response(inflated(), { headers: { 'content-type': 'application/wasm' } }));
  } catch (err) {
    // A page's CSP refusing Wasm is final; a browser without streaming compile here is not.
    if (err instanceof WebAssembly.CompileError) throw err;
    return WebAssembly.compile(await new Response(inflated()).arrayBuffer());
  }
}

/** The core's base64 from the text of `WASM_FILE` (extension pages and the background read it). */
export function bytesOf(text) {
  const found = LINE.exec(text);
  if (!found) throw new Error(`${WASM_FILE} holds no core`);
  return found[1];
}

/** The compiled core, for extension pages (the background): `WASM_FILE` fetched from the extension. */
export async function loadShipped(url) {
  const reply = await fetch(url);
  if (!reply.ok) throw new Error(`reading ${WASM_FILE}: HTTP ${reply.status}`);
  return compileCore(bytesOf(await reply.text()));
}
