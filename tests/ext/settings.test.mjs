// extension/lib/settings.js: anything stored becomes valid settings, field by field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULTS, coreOptions, normalize, siteEnabled } from '../../extension/lib/settings.js';

test('missing or corrupt settings become the defaults', () => {
  for (const raw of [undefined, null, 42, 'settings', [], { version: 'x' }]) {
    assert.deepEqual(normalize(raw), DEFAULTS);
  }
});

test('every valid field is kept, every invalid one dropped on its own', () => {
  const raw = {
    version: 1,
    enabled: false,
    sites: { 'A.Blogspot.com': false, 'b.blogspot.com': 'no', 'bad host!': true },
    origins: ['https://blog.example.org/*', 'https://blog.example.org/*', 'ftp://x.org/*', 7],
    allow: { '*': ['  Monex  Investindo ', '', 3], 'a.blogspot.com': ['PT Solid Gold'], 'b.blogspot.com': [] },
    deny: ['BPF', 'BPF', ' '],
    clutter: { pager: false, share: 'off', unknown: false },
    extra: 'ignored',
  };
  assert.deepEqual(normalize(raw), {
    version: 1,
    enabled: false,
    sites: { 'a.blogspot.com': false },
    origins: ['https://blog.example.org/*'],
    allow: { '*': ['Monex Investindo'], 'a.blogspot.com': ['PT Solid Gold'] },
    deny: ['BPF'],
    clutter: { ...DEFAULTS.clutter, pager: false },
  });
});

test('normalize is idempotent and never shares state with DEFAULTS', () => {
  const once = normalize({ sites: { 'x.blogspot.com': false } });
  assert.deepEqual(normalize(once), once);
  once.clutter.pager = false;
  assert.equal(DEFAULTS.clutter.pager, true);
});

test('a site is cleaned when the global and the site switch are on', () => {
  const s = normalize({ sites: { 'off.blogspot.com': false, 'on.blogspot.com': true } });
  assert.equal(siteEnabled(s, 'off.blogspot.com'), false);
  assert.equal(siteEnabled(s, 'OFF.blogspot.com'), false);
  assert.equal(siteEnabled(s, 'on.blogspot.com'), true);
  assert.equal(siteEnabled(s, 'other.blogspot.com'), true);
  assert.equal(siteEnabled({ ...s, enabled: false }, 'on.blogspot.com'), false);
});

test('core options merge global and per-site phrases and list switched-off clutter', () => {
  const s = normalize({
    allow: { '*': ['Monex'], 'a.blogspot.com': ['Solid Gold'], 'b.blogspot.com': ['Other'] },
    deny: ['BPF'],
    clutter: { pager: false, feed: false },
  });
  assert.deepEqual(coreOptions(s, 'a.blogspot.com'), {
    allow: ['Monex', 'Solid Gold'],
    deny: ['BPF'],
    disabled: ['pager', 'feed'],
  });
  assert.deepEqual(coreOptions(normalize({}), 'a.blogspot.com'), { allow: [], deny: [], disabled: [] });
});
