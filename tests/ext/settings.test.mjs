// extension/lib/settings.js: anything stored becomes valid settings, field by field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULTS,
  MAX_ORIGINS,
  MAX_PHRASES,
  MAX_PHRASE_CHARS,
  MAX_SITES,
  coreOptions,
  normalize,
  siteEnabled,
} from '../../extension/lib/settings.js';

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

/** A value nested `depth` objects deep, built without recursion. */
function nested(depth, inner) {
  let value = inner;
  for (let i = 0; i < depth; i++) value = { value };
  return value;
}

/** `list` behind a Proxy that counts reads of its items, to show how many times they are read. */
function counted(list) {
  const reads = { n: 0 };
  const proxy = new Proxy(list, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads.n++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { proxy, reads };
}

test('hostile stored values (huge arrays, deep nesting, wrong types) lose no valid field', () => {
  const raw = {
    version: 1,
    enabled: false,
    sites: { 'off.blogspot.com': false, 'bad.blogspot.com': nested(100_000, false), 'on.blogspot.com': true },
    origins: [...Array(200_000).fill('https://a.example.org/*'), nested(100_000, 'x'), 'https://b.example.org/*'],
    allow: { '*': nested(100_000, ['deep']), 'a.blogspot.com': ['Solid Gold', ['nested'], 'x'.repeat(1_000_000)] },
    deny: [...Array(300_000).fill('BPF'), 'PT Contoh', 7, null, nested(100_000, 'y')],
    clutter: { pager: false, share: nested(100_000, true) },
  };
  assert.deepEqual(normalize(raw), {
    version: 1,
    enabled: false,
    sites: { 'off.blogspot.com': false, 'on.blogspot.com': true },
    origins: ['https://a.example.org/*', 'https://b.example.org/*'],
    allow: { 'a.blogspot.com': ['Solid Gold'] },
    deny: ['BPF', 'PT Contoh'],
    clutter: { ...DEFAULTS.clutter, pager: false },
  });
  // Deep nesting at the top level or in place of every field is only looked at, never walked.
  assert.deepEqual(normalize(nested(1_000_000, 1)), DEFAULTS);
  const everyFieldDeep = Object.fromEntries(Object.keys(DEFAULTS).map((k) => [k, nested(100_000, 1)]));
  assert.deepEqual(normalize(everyFieldDeep), DEFAULTS);
  // Wrong types in every field, each dropped on its own.
  const wrong = { version: 'x', enabled: 'true', sites: ['a.blogspot.com'], origins: { a: 1 }, allow: ['Monex'], deny: 'BPF', clutter: [false] };
  assert.deepEqual(normalize(wrong), DEFAULTS);
});

test('stored lists are read once and kept within the limits (MAX_PHRASES shared, deny first)', () => {
  const distinct = Array.from({ length: 90_000 }, (_, i) => `phrase ${i}`);
  const { proxy, reads } = counted([...Array(300_000).fill('BPF'), ...distinct]);
  const s = normalize({ deny: proxy, allow: { '*': ['Monex'] } });
  assert.equal(s.deny.length, MAX_PHRASES);
  assert.deepEqual(s.deny.slice(0, 3), ['BPF', 'phrase 0', 'phrase 1']);
  assert.deepEqual(s.allow, {}, 'no room left for allow phrases');
  // One pass over the duplicates, and reading stops once the limit is reached.
  assert.equal(reads.n, 300_000 + MAX_PHRASES - 1);

  const allowed = normalize({ deny: distinct.slice(0, 600), allow: { 'x.blogspot.com': distinct.slice(0, 600), '*': distinct.slice(600, 1200) } });
  assert.equal(allowed.deny.length, 600);
  assert.equal(allowed.allow['*'].length, 400, 'the phrases kept everywhere come before the per-site ones');
  assert.equal(allowed.allow['x.blogspot.com'], undefined);
  assert.ok(coreOptions(allowed, 'x.blogspot.com').allow.length + coreOptions(allowed, 'x.blogspot.com').deny.length <= MAX_PHRASES);

  const sites = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`s${i}.blogspot.com`, false]));
  assert.equal(Object.keys(normalize({ sites }).sites).length, MAX_SITES);
  const origins = Array.from({ length: 5_000 }, (_, i) => `https://s${i}.example.org/*`);
  assert.equal(normalize({ origins }).origins.length, MAX_ORIGINS);

  // Case differences are one phrase to the core (it matches ignoring case): kept once.
  assert.deepEqual(normalize({ deny: ['BPF', 'bpf', 'Bpf ', ' x '.repeat(MAX_PHRASE_CHARS)] }).deny, ['BPF']);
  for (const capped of [s, allowed]) assert.deepEqual(normalize(capped), capped, 'idempotent at the limits');
});
