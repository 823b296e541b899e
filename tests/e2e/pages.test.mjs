// Every fixture page of tests/pages in one browser (BERSIH_BROWSER, default chromium).
import { after, before, test } from 'node:test';
import { startSession } from './harness.mjs';
import { checkPage, pageCases } from './pages.mjs';

let session;
before(async () => {
  session = await startSession();
});
after(() => session?.close());

for (const name of await pageCases()) {
  test(name, () => checkPage(session, name));
}
