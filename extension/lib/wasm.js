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

/** The bytes of `stream`, read whole. */
async function readAll(stream) {
  const reader = stream.getReader();
  const parts = [];
  let length = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    parts.push(value);
    length += value.length;
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

/**
 * Compiles the core from its gzipped base64 bytes. Throws a `WebAssembly.CompileError` where the
 * page's CSP forbids compiling Wasm (Chromium content scripts under a strict CSP).
 *
 * Inflated by the browser's DecompressionStream fed from the body of a Response made here over the
 * bytes in memory (not `Blob.stream()`, whose reads are tasks that wait behind the HTML parser; not
 * a ReadableStream with a source object of ours, which Firefox's content-script wrappers refuse to
 * read), then compiled synchronously: the engines compile Wasm functions lazily, on their first
 * call, so compiling is decoding and checking the module, a few milliseconds. The streaming
 * compile it replaces finished in a task of its own, which on a page still being parsed came 80 to
 * 250 ms after document_start (headless Chromium, busy machine), while the first post waited for
 * the core; this way the core is ready within about 10 to 35 ms (60 at worst seen), in the promise
 * jobs that follow the content script's start.
 */
export async function compileCore(base64) {
  const source = new Response(decode(base64)).body;
  return new WebAssembly.Module(await readAll(source.pipeThrough(new DecompressionStream('gzip'))));
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
