// The popup and options page in one browser (BERSIH_BROWSER, default chromium), with a user data
// dir kept for the whole file so the restart scenarios reopen the same profile.
import { after, before, test } from 'node:test';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { PAGES, SCENARIOS, startSession } from './harness.mjs';
import { uiScenarios, optionsScenarios, siteSwitchScenario, enableSiteScenario, addSiteScenario } from './ui-scenarios.mjs';

/**
 * `NAME.blogspot.com/FILE` as usual (tests/scenarios, then tests/pages), and `127.0.0.1/NAME/FILE`:
 * a Blogger blog on its own domain.
 */
function resolve(host, pathname) {
  const [name, ...rest] = host === '127.0.0.1' ? pathname.split('/').filter(Boolean) : [host.split('.')[0], pathname];
  const dir = [SCENARIOS, PAGES].map((root) => path.join(root, name ?? '')).find((d) => name && existsSync(d));
  if (!dir) return null;
  const file = path.join(dir, path.normalize(rest.join('/')));
  return file.startsWith(dir + path.sep) ? file : null;
}

let session;
let profile;
before(async () => {
  profile = await fs.mkdtemp(path.join(os.tmpdir(), 'bersih-ui-'));
  session = await startSession({ resolve, launch: { profile } });
});
after(async () => {
  await session?.close();
  if (profile) await fs.rm(profile, { recursive: true, force: true });
});

/**
 * Runs `fn` when the browser's driver has every method in `needs` (see driver/chromium.mjs);
 * otherwise the test fails, naming what the driver lacks (a skip would pass without testing).
 */
function uiTest(name, needs, fn) {
  test(name, async (t) => {
    const b = session.browser;
    const missing = needs.filter((n) => (n === 'restart' ? b.profile !== profile : typeof b[n] !== 'function'));
    if (missing.length) throw new Error(`the ${b.name} driver lacks ${missing.join(', ')}`);
    return fn(t);
  });
}

const PAGE = ['openExtensionPage'];
for (const [name, run] of Object.entries(uiScenarios)) uiTest(name, PAGE, (t) => run(session, t));
for (const [name, run] of Object.entries(optionsScenarios)) uiTest(name, PAGE, (t) => run(session, t));

uiTest('options: adding a site by its address (after the user allows it) and removing it; a bad address is refused', [...PAGE, 'grantOrigin'], () =>
  addSiteScenario(session));

uiTest('popup: switching a site off and on applies to its open tabs at once and survives a restart', [...PAGE, 'restart'], () =>
  siteSwitchScenario(session));

uiTest(
  'popup: "Enable on this site" on a Blogger blog on its own domain, kept after a restart; a non-Blogger page is left alone',
  [...PAGE, 'restart', 'clickAction', 'grantOrigin'],
  async () => {
    const base = `http://127.0.0.1:${session.server.port}`;
    await enableSiteScenario(session, { customUrl: `${base}/ui-blog/page.html`, plainUrl: `${base}/ui-plain/page.html` });
  },
);
