// The sample Blogger pages the demo shows, with the real extension: each page ends up showing
// exactly the article the core leaves of the same post as plain text (the playground's sample),
// so the page path (collect, scan, hide) and the text path agree on the project's own samples.
// Also: the spam samples really lose their ads, and a reader's comment stays.

import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { ROOT, startSession, waitForScan } from './harness.mjs';

const WWW = path.join(process.env.BERSIH_DIST ?? path.join(ROOT, 'dist'), 'www');
/** Injected advertising, as opposed to Blogger clutter (docs/ARCHITECTURE.md). */
const AD_CATEGORIES = ['prefix', 'suffix', 'inline', 'line', 'link-line', 'label-list'];
const SAMPLES = (await fs.readdir(path.join(WWW, 'samples'))).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4));

/** The core as the playground loads it (dist/www/core), here in Node. */
const core = await import(path.join(WWW, 'core/bersih.js'));
await core.default({ module_or_path: await fs.readFile(path.join(WWW, 'core/bersih_bg.wasm')) });

let session;
before(async () => {
  session = await startSession({ resolve: (host, pathname) => path.join(WWW, pathname) });
});
after(() => session?.close());

/** Title and body paragraphs of a post as plain text: the sample up to its first blank line. */
const articleLines = (text) => text.split('\n\n')[0].split('\n').map((l) => l.trim()).filter(Boolean);

for (const name of SAMPLES) {
  test(`${name}: the page shows what the core leaves of the same text`, async () => {
    const text = await fs.readFile(path.join(WWW, 'samples', `${name}.txt`), 'utf8');
    const report = JSON.parse(core.scanText(text));
    const url = `http://demo.blogspot.com:${session.server.port}/samples/${name}.html`;
    const page = await session.browser.open(url);
    try {
      const scan = await waitForScan(session.browser, url);
      // (innerText of an element that is not rendered is its whole text, so skip hidden ones.)
      const shown = await page.eval(() => [...document.querySelectorAll('.post-title, .post-body p')]
        .filter((e) => e.checkVisibility())
        .map((e) => e.innerText.replace(/\s+/g, ' ').trim()).filter(Boolean));
      assert.deepEqual(shown, articleLines(report.cleaned));

      // The same ads, category by category, are hidden on the page as found in the text.
      const count = (list) => AD_CATEGORIES.map((c) => list.filter((item) => item.category === c).length);
      assert.deepEqual(count(scan.items), count(report.findings), `hidden: ${JSON.stringify(scan.items)}`);
      const comments = await page.eval(() => [...document.querySelectorAll('.comment-body')]
        .map((e) => ({ text: e.textContent.trim(), visible: e.checkVisibility() })));
      for (const comment of comments) assert.ok(comment.visible, `a reader's comment was hidden: ${comment.text}`);
      if (name === 'jembatan') assert.equal(comments.length, 1, 'the sample with a reader comment');
    } finally {
      await page.close();
    }
  });
}

test('the spam samples carry ads, the clean one none', async () => {
  const adsIn = async (name) => {
    const text = await fs.readFile(path.join(WWW, 'samples', `${name}.txt`), 'utf8');
    return JSON.parse(core.scanText(text)).findings.filter((f) => AD_CATEGORIES.includes(f.category)).length;
  };
  assert.ok((await adsIn('cabai')) >= 5, 'cabai');
  assert.ok((await adsIn('jembatan')) >= 5, 'jembatan');
  assert.equal(await adsIn('banjir'), 0, 'banjir is a clean article');
});
