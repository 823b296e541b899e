// The privacy scenarios of privacy.mjs in one browser (BERSIH_BROWSER, default chromium). Pages
// on 127.0.0.1 (not a Blogger host) are a plain unrelated site.
import path from 'node:path';
import { after, before, test } from 'node:test';
import { BROWSER, PAGES, SCENARIOS, distOf, startSession } from './harness.mjs';
import { privacyScenarios } from './privacy.mjs';
import { folderResolver } from './server.mjs';

let session;
before(async () => {
  const folders = folderResolver([PAGES, SCENARIOS]);
  const resolve = (host, pathname) =>
    host === '127.0.0.1' ? path.join(SCENARIOS, 'ui-plain', 'page.html') : folders(host, pathname);
  session = await startSession({ resolve });
});
after(() => session?.close());

for (const [name, run] of Object.entries(privacyScenarios)) {
  test(name, () => run(session, { dist: distOf(BROWSER) }));
}
