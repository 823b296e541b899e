// extension/lib/origins.js: a registration refused because another part of the extension is
// registering the same site at that moment counts as done once that one is listed.
import { test } from 'node:test';
import assert from 'node:assert/strict';

/** A `scripting` API whose registrations are listed only `lag` looks after they were refused. */
function fakeBrowser({ lag, listed = [] }) {
  let looks = 0;
  let refused = false;
  return {
    runtime: {
      getManifest: () => ({ content_scripts: [{ js: ['content/on.js'], run_at: 'document_start' }] }),
      getURL: (file) => `chrome-extension://id/${file}`,
    },
    scripting: {
      async getRegisteredContentScripts() {
        if (!refused) return [];
        looks++;
        return looks > lag ? listed.map((id) => ({ id })) : [];
      },
      async registerContentScripts(scripts) {
        refused = true;
        throw new Error(`Duplicate script ID '${scripts[0].id}'`);
      },
    },
    get looks() {
      return looks;
    },
  };
}

globalThis.chrome = fakeBrowser({ lag: 0 });
const { registerOrigins, scriptId, REGISTRATION_LOOKS } = await import('../../extension/lib/origins.js');
const PATTERN = 'http://localhost/*';

/** Points the module's `ext` (read once, at import) at `fake`'s parts. */
function use(fake) {
  Object.assign(globalThis.chrome, { runtime: fake.runtime, scripting: fake.scripting });
}

test('a duplicate registration listed a few looks later is the site registered', async () => {
  const fake = fakeBrowser({ lag: 3, listed: [scriptId(PATTERN)] });
  use(fake);
  assert.deepEqual(await registerOrigins([PATTERN]), [PATTERN]);
  assert.equal(fake.looks, 4);
});

test('a refusal with no registration to be found is reported, after a bounded wait', async () => {
  const fake = fakeBrowser({ lag: Infinity });
  use(fake);
  await assert.rejects(registerOrigins([PATTERN]), /Duplicate script ID/);
  assert.equal(fake.looks, REGISTRATION_LOOKS);
});
