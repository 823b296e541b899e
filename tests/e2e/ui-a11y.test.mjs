// Accessibility of the popup and the options page, checked by axe-core (WCAG 2 A/AA rules and
// best practices: names and labels, contrast, landmarks, ARIA) in light and dark mode, with real
// content: a report on a fixture page, settings in use.
//
// Extension pages only run scripts of their own origin, so the test runs on a copy of the built
// extension with axe.min.js added beside the pages; the build itself is left untouched.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { BROWSER, ROOT, patchSettings, startSession, waitFor } from './harness.mjs';
import { openOptions, openPopup, popupInStep } from './ui-scenarios.mjs';

const DIST_NAMES = { chromium: 'chrome', firefox: 'firefox' };
let copy;

before(async () => {
  const built = path.join(process.env.BERSIH_DIST ?? path.join(ROOT, 'dist'), DIST_NAMES[BROWSER] ?? BROWSER);
  copy = await fs.mkdtemp(path.join(os.tmpdir(), 'bersih-a11y-'));
  await fs.cp(built, copy, { recursive: true });
  await fs.copyFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), path.join(copy, 'axe.min.js'));
  process.env.BERSIH_EXTENSION_DIR = copy;
});
after(() => fs.rm(copy, { recursive: true, force: true }));

/** axe's violations on `page`: rule id, impact and the nodes concerned. */
async function violations(page) {
  await page.eval(
    () =>
      new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = 'axe.min.js';
        script.onload = resolve;
        script.onerror = () => reject(new Error('axe.min.js did not load'));
        document.head.append(script);
      }),
  );
  return page.eval(async () => {
    const result = await globalThis.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

for (const colorScheme of ['light', 'dark']) {
  test(`popup and options page pass axe-core in ${colorScheme} mode`, async () => {
    const session = await startSession({ launch: { colorScheme } });
    const { browser, server } = session;
    try {
      await patchSettings(browser, {
        enabled: true,
        sites: { 'lain.blogspot.com': false },
        origins: ['https://blog.example.org/*'],
        allow: { '*': ['Monex Investindo'], 'classic-simple.blogspot.com': ['Posting Lebih Baru'] },
        deny: ['PT Kontak Perkasa'],
        clutter: { pager: false },
      });
      const page = await browser.open(server.url('classic-simple'));
      const popup = await openPopup(browser, page);
      await popupInStep(browser, page, popup);
      assert.deepEqual(await violations(popup), [], 'popup');
      const options = await openOptions(browser);
      assert.deepEqual(await violations(options), [], 'options page');
      // With an import waiting for the user's choice (its summary table and choices), and a
      // phrase refused (the error line).
      if (typeof options.upload === 'function') {
        const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bersih-a11y-import-'));
        try {
          const file = path.join(dir, 'settings.json');
          await fs.writeFile(file, JSON.stringify({ version: 1, deny: ['PT Contoh'], sites: { 'lain.blogspot.com': false } }));
          await options.upload('#import-file', file);
          await waitFor(() => options.eval(() => !document.querySelector('#import-preview').hidden), 'the import preview');
        } finally {
          await fs.rm(dir, { recursive: true, force: true });
        }
      }
      await options.type('#add-deny-input', 'x'.repeat(201));
      await options.click('#add-deny button');
      await waitFor(() => options.eval(() => !document.querySelector('#phrase-error').hidden), 'the phrase error');
      assert.deepEqual(await violations(options), [], 'options page with an import preview and an error');
    } finally {
      await session.close();
    }
  });
}
