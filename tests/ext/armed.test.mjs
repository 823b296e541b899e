// extension/lib/armed.js: the site-on flag says, besides where Bersih cleans, whether the settings
// ask for nothing but the defaults (then the content script judges posts before reading them).
import { test } from 'node:test';
import assert from 'node:assert/strict';

globalThis.chrome = {
  runtime: { getManifest: () => ({ content_scripts: [{ matches: ['*://*.blogspot.com/*'], js: ['content/bersih.js'] }] }) },
  permissions: { contains: async ({ origins }) => origins.every((o) => o.startsWith('https://granted.example/')) },
};
const { wantedFlag, FLAG_SCRIPT, DEFAULTS_FLAG_SCRIPT } = await import('../../extension/lib/armed.js');
const { DEFAULTS, normalize } = await import('../../extension/lib/settings.js');

const flagOf = async (change) => (await wantedFlag(normalize({ ...structuredClone(DEFAULTS), ...change })))?.js;

test('the defaults, and sites switched on or off, give the defaults flag', async () => {
  assert.deepEqual(await flagOf({}), [DEFAULTS_FLAG_SCRIPT]);
  const flag = await wantedFlag(
    normalize({ sites: { 'a.blogspot.com': false }, origins: ['https://granted.example/*', 'https://other.example/*'] }),
  );
  assert.deepEqual(flag.js, [DEFAULTS_FLAG_SCRIPT]);
  assert.deepEqual(flag.matches, ['*://*.blogspot.com/*', 'https://granted.example/*'], 'only granted origins');
  assert.deepEqual(flag.excludeMatches, ['*://a.blogspot.com/*']);
});

test('any phrase of the user, or a kind of clutter kept, gives the plain flag', async () => {
  assert.deepEqual(await flagOf({ deny: ['Kontak Sejahtera'] }), [FLAG_SCRIPT]);
  assert.deepEqual(await flagOf({ allow: { '*': ['Monex Investindo'] } }), [FLAG_SCRIPT]);
  assert.deepEqual(await flagOf({ allow: { 'a.blogspot.com': ['Monex Investindo'] } }), [FLAG_SCRIPT]);
  for (const kind of Object.keys(DEFAULTS.clutter)) {
    assert.deepEqual(await flagOf({ clutter: { ...DEFAULTS.clutter, [kind]: false } }), [FLAG_SCRIPT], kind);
  }
});

test('Bersih switched off registers no flag', async () => {
  assert.equal(await wantedFlag(normalize({ enabled: false })), null);
});
