// Pictures of the popup and the options page for the README, made from the built extension in
// headless Chromium, once per interface language (the browser's --lang) and in dark mode:
//   node tests/e2e/screenshots.mjs [OUT_DIR]      (default docs/img)
// The popup shows the report of the ui-blog fixture; the options page some settings in use.

import fs from 'node:fs/promises';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { ROOT, SCENARIOS, patchSettings, startSession, waitFor } from './harness.mjs';
import { openOptions, openPopup, popupInStep } from './ui-scenarios.mjs';

const out = path.resolve(process.argv[2] ?? path.join(ROOT, 'docs/img'));
await fs.mkdir(out, { recursive: true });

const SETTINGS = {
  version: 1,
  enabled: true,
  sites: { 'resep-nenek.blogspot.com': false },
  origins: [],
  allow: { '*': ['Monex Investindo'], 'ui-blog.blogspot.com': ['Posting Lebih Baru'] },
  deny: ['PT Kontak Perkasa'],
  clutter: { 'comment-count': true, 'comment-form': true, share: true, pager: false, feed: true, backlinks: true },
};

const resolve = (host, pathname) => {
  const dir = path.join(SCENARIOS, host.split('.')[0]);
  const file = path.join(dir, path.normalize(pathname));
  return existsSync(dir) && file.startsWith(dir + path.sep) ? file : null;
};

for (const [lang, scheme, suffix] of [['en', 'light', ''], ['id', 'light', ''], ['id', 'dark', '-dark']]) {
  const session = await startSession({ resolve, launch: { lang, colorScheme: scheme } });
  const { browser, server } = session;
  try {
    await patchSettings(browser, { ...SETTINGS, allow: {}, sites: {}, clutter: {} });
    const page = await browser.open(server.url('ui-blog'));
    const popup = await openPopup(browser, page);
    await popupInStep(browser, page, popup);
    await popup.shot(path.join(out, `popup-${lang}${suffix}.png`));
    await popup.close();
    await page.close();

    await patchSettings(browser, SETTINGS);
    await browser.extension(async () => (globalThis.browser ?? globalThis.chrome).storage.local.set({ stats: { hidden: 1287 } }));
    const options = await openOptions(browser);
    await waitFor(() => options.eval(() => document.querySelectorAll('#deny li:not(.empty)').length === 1), 'the settings shown');
    await options.shot(path.join(out, `options-${lang}${suffix}.png`));
    await options.close();
    console.log(`screenshots: ${lang}${suffix} written to ${path.relative(ROOT, out) || out}`);
  } finally {
    await session.close();
  }
}
