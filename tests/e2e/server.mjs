// A tiny static server on 127.0.0.1 for the browser tests and eval-pages.
//
// Pages are addressed by host: `NAME.blogspot.com:PORT/page.html` serves `<root>/NAME/page.html`
// (the browser maps *.blogspot.com to 127.0.0.1, so the extension's content script matches).
// Beside a page, `serve.json` may set response headers (`headers`, e.g. a strict CSP),
// `chunkDelayMs` (send the page in two halves with a pause, as a slow network would) or
// `trickleKBps` (send it in 4 KB pieces at that rate, as a slow phone connection streams a page);
// and `holdAt` (a string of the page: the response stops right after it until the test calls
// `release()`, or 20 s passed, as a connection that stalls there); a `?plain` query serves the
// page without them, `?trickle=N` streams any page at N KB/s.
// `/extension/...` on any host serves the extension's source files (the tests import its modules
// from there: the built extension exposes no file to pages).

import http from 'node:http';
import fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const EXTENSION = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../extension');

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml', '.wasm': 'application/wasm', '.txt': 'text/plain; charset=utf-8' };

/**
 * Starts the server. `resolve(host, pathname)` returns the file to serve (or null for 404);
 * by default a host's first label names a folder of the first of `roots` that has it.
 */
export async function startServer({ roots = [], resolve } = {}) {
  resolve ??= folderResolver(roots);
  let waiting = [];
  const stall = () =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, 20_000);
      waiting.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url, `http://${req.headers.host}`);
      const pathname = decodeURIComponent(url.pathname);
      const source = path.join(EXTENSION, path.normalize(pathname.replace(/^\/extension\//, '')));
      const file = pathname.startsWith('/extension/')
        ? source.startsWith(EXTENSION + path.sep) ? source : null
        : resolve(url.hostname, pathname);
      if (!file) throw Object.assign(new Error('not found'), { code: 'ENOENT' });
      const body = await fs.readFile(file);
      const serve = url.searchParams.has('plain') ? {} : await readServe(path.dirname(file));
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store', ...serve.headers });
      const trickle = Number(url.searchParams.get('trickle') ?? serve.trickleKBps ?? 0);
      const held = serve.holdAt ? body.indexOf(serve.holdAt) : -1;
      const holdEnd = held < 0 ? -1 : held + Buffer.byteLength(serve.holdAt);
      if (trickle > 0) {
        const piece = 4096;
        const every = Math.max(1, Math.round((piece / (trickle * 1024)) * 1000));
        for (let at = 0; at < body.length; ) {
          if (at) await new Promise((r) => setTimeout(r, every));
          const end = at < holdEnd && at + piece > holdEnd ? holdEnd : at + piece;
          res.write(body.subarray(at, end));
          if (end === holdEnd) await stall();
          at = end;
        }
        res.end();
      } else if (serve.chunkDelayMs && body.length > 1) {
        const half = body.indexOf('</p>', Math.floor(body.length / 2));
        const cut = half > 0 ? half : Math.floor(body.length / 2);
        res.write(body.subarray(0, cut));
        await new Promise((r) => setTimeout(r, serve.chunkDelayMs));
        res.end(body.subarray(cut));
      } else {
        res.end(body);
      }
    } catch (err) {
      res.writeHead(err.code === 'ENOENT' || err.code === 'EISDIR' ? 404 : 500, { 'content-type': 'text/plain' });
      res.end(String(err.message));
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  return {
    port,
    /** The URL of `file` of folder `name`, on a blogspot host the browser maps to this server. */
    url: (name, file = 'page.html', query = '') => `http://${name}.blogspot.com:${port}/${file}${query}`,
    /** Lets every response stalled at its `holdAt` go on. */
    release: () => {
      const now = waiting;
      waiting = [];
      now.forEach((go) => go());
    },
    close: () => new Promise((r) => server.close(r)),
  };
}

/** The default `resolve`: a host's first label names a folder of the first of `roots` that has it. */
export function folderResolver(roots) {
  return (host, pathname) => {
    const name = host.split('.')[0];
    const root = roots.find((r) => existsSync(path.join(r, name)));
    if (!root) return null;
    const file = path.join(root, name, path.normalize(pathname));
    return file.startsWith(path.join(root, name) + path.sep) ? file : null;
  };
}

async function readServe(dir) {
  try {
    return JSON.parse(await fs.readFile(path.join(dir, 'serve.json'), 'utf8'));
  } catch (err) {
    if (err.code === 'ENOENT') return {};
    throw new Error(`${dir}/serve.json: ${err.message}`);
  }
}
