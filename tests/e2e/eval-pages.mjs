// `node tests/e2e/eval-pages.mjs DIR` (run by `cargo xtask eval-pages DIR`): loads every .html file
// of DIR in the browser (BERSIH_BROWSER, default chromium) with the built extension, served from
// 127.0.0.1 under a blogspot host, and prints one JSON line per page: the text a reader sees after
// cleaning, and the hidden items with their categories and rules. With `--off` the extension is
// switched off first, which prints what a reader sees without it (a baseline to compare with).

import fs from 'node:fs/promises';
import path from 'node:path';
import { patchSettings, startSession, visibleText, waitForScan } from './harness.mjs';

const args = process.argv.slice(2);
const off = args.includes('--off');
const dir = args.find((a) => !a.startsWith('--'));
if (!dir) {
  console.error('usage: node tests/e2e/eval-pages.mjs [--off] DIR');
  process.exit(2);
}
const root = path.resolve(dir);
const files = (await fs.readdir(root)).filter((f) => f.endsWith('.html')).sort();
if (!files.length) {
  console.error(`no .html files in ${root}`);
  process.exit(2);
}

// Every page is served on one host, by file name; whatever else it asks for is not found.
const session = await startSession({
  resolve: (_host, pathname) => {
    const file = path.join(root, path.normalize(pathname));
    return path.dirname(file) === root && files.includes(path.basename(file)) ? file : null;
  },
});
let failed = 0;
try {
  if (off) await patchSettings(session.browser, { enabled: false });
  for (const file of files) {
    const url = session.server.url('eval', encodeURIComponent(file));
    const page = await session.browser.open(url);
    try {
      const report = await waitForScan(session.browser, url);
      console.log(
        JSON.stringify({
          file,
          platform: report.platform?.name ?? null,
          path: report.timing.path,
          doneMs: report.timing.doneMs,
          counts: report.counts,
          hidden: report.items.map(({ text, category, rule }) => ({ text, category, rule })),
          visible: await visibleText(page),
        }),
      );
    } catch (err) {
      failed++;
      console.log(JSON.stringify({ file, error: String(err.message ?? err) }));
    } finally {
      await page.close();
    }
  }
} finally {
  await session.close();
}
process.exit(failed ? 1 : 0);
