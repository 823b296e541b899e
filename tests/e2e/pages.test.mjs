// Every fixture page of tests/pages in one browser (BERSIH_BROWSER, default chromium): two tests
// per page from one load, so a detection miss never hides a failure to restore the page; a page
// of another platform than Blogger is first enabled on its own domain through the popup.
import { after, before, test } from 'node:test';
import { startSession } from './harness.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { PAGES } from './harness.mjs';
import { checkExpected, checkPage, checkStreamed, enableThroughPopup, pageCases, platformOf } from './pages.mjs';

let session;
before(async () => {
  session = await startSession();
});
after(() => session?.close());

for (const name of await pageCases()) {
  const seen = {};
  if (platformOf(name) !== 'blogger') {
    test(`${name}: "Enable on this site" on its own domain cleans it, and the popup names the platform`, () =>
      enableThroughPopup(session, name));
  }
  test(`${name}: cleaned once, shown, restored exactly, cleaned again`, () => checkPage(session, name, seen));
  test(`${name}: expected text and hidden items`, () => checkExpected(name, seen));
  if (platformOf(name) !== 'blogger' && fs.existsSync(path.join(PAGES, name, 'never-visible.json'))) {
    test(`${name}: streamed slowly, no ad or clutter is ever painted`, () => checkStreamed(session, name));
  }
}
