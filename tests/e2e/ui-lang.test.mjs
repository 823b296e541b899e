// The interface follows the browser's language: Indonesian in an Indonesian browser, English in
// an English one, every text of the popup and the options page from that locale's messages.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BROWSER, ROOT, patchSettings, startSession, waitFor } from './harness.mjs';
import { openOptions, openPopup, popupInStep } from './ui-scenarios.mjs';

const driver = await import(`./driver/${BROWSER}.mjs`);

/** Every element's data-i18n text, and whether it equals that locale's message. */
function texts(page) {
  return page.eval(() =>
    [...document.querySelectorAll('[data-i18n]')].map((el) => [el.dataset.i18n, el.textContent]),
  );
}

for (const lang of ['id', 'en']) {
  test(`the popup and options page speak ${lang} in a ${lang} browser`, async () => {
    assert.ok(driver.setsLanguage, `the ${BROWSER} driver cannot set the browser's language`);
    const messages = JSON.parse(await fs.readFile(path.join(ROOT, `extension/_locales/${lang}/messages.json`), 'utf8'));
    const session = await startSession({ launch: { lang } });
    const { browser, server } = session;
    try {
      await patchSettings(browser, { enabled: true, sites: {}, allow: {}, deny: [], clutter: {} });
      const page = await browser.open(server.url('classic-simple'));
      const popup = await openPopup(browser, page);
      await popupInStep(browser, page, popup);
      const options = await openOptions(browser);
      for (const p of [popup, options]) {
        assert.equal(await p.eval(() => document.documentElement.lang), lang);
        const shown = await texts(p);
        assert.ok(shown.length > 10, 'the page has its texts');
        for (const [id, text] of shown) assert.equal(text, messages[id].message, `${id} in ${lang}`);
      }
      const chips = await popup.eval(() => [...document.querySelectorAll('.chip')].map((c) => c.textContent));
      const names = Object.entries(messages).filter(([k]) => k.startsWith('cat_')).map(([, m]) => m.message);
      assert.ok(chips.length > 0 && chips.every((c) => names.includes(c)), `category names in ${lang}: ${chips}`);

      // A refused import says why in this language, numbers in its format.
      if (typeof options.upload === 'function') {
        const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bersih-lang-'));
        try {
          const file = path.join(dir, 'ninety-thousand.json');
          await fs.writeFile(file, JSON.stringify({ version: 1, deny: Array.from({ length: 90_000 }, (_, i) => `frasa ${i}`) }));
          await options.upload('#import-file', file);
          const number = (n) => new Intl.NumberFormat(lang).format(n);
          const want = messages.importTooManyPhrases.message.replace('$COUNT$', number(90_000)).replace('$LIMIT$', number(1000));
          await waitFor(async () => (await options.eval(() => document.querySelector('#backup-message').textContent)) === want, `the ${lang} import message`);
        } finally {
          await fs.rm(dir, { recursive: true, force: true });
        }
      }
      await Promise.all([popup.close(), options.close(), page.close()]);
    } finally {
      await session.close();
    }
  });
}
