// The pure settings edits behind the popup and options controls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as edits from '../../extension/ui/edits.js';
import { MAX_PHRASES, MAX_PHRASE_CHARS } from '../../extension/lib/settings.js';

const base = () => ({
  version: 1,
  enabled: true,
  sites: { 'a.blogspot.com': false },
  origins: [],
  allow: {},
  deny: [],
  clutter: { 'comment-count': true, 'comment-form': true, share: true, pager: true, feed: true, backlinks: true },
});

test('cleanPhrase trims spaces and separators from the ends only', () => {
  assert.equal(edits.cleanPhrase('  BESTPROFIT FUTURES -  '), 'BESTPROFIT FUTURES');
  assert.equal(edits.cleanPhrase(' - BEST PROFIT'), 'BEST PROFIT');
  assert.equal(edits.cleanPhrase('0 komentar:'), '0 komentar');
  assert.equal(edits.cleanPhrase('PT  Rifan\n Financindo | '), 'PT Rifan Financindo');
  assert.equal(edits.cleanPhrase('Rp13.160 – Rp13.255'), 'Rp13.160 – Rp13.255');
  assert.equal(edits.cleanPhrase(' – | '), '');
});

test('site switch stores only the sites switched off', () => {
  const s = base();
  const off = edits.setSite(s, 'b.blogspot.com', false);
  assert.deepEqual(off.sites, { 'a.blogspot.com': false, 'b.blogspot.com': false });
  const on = edits.setSite(off, 'a.blogspot.com', true);
  assert.deepEqual(on.sites, { 'b.blogspot.com': false });
  assert.deepEqual(s.sites, { 'a.blogspot.com': false }, 'the input is not changed');
});

test('phrases are added once, ignoring case, and removed with their scope', () => {
  let s = edits.addAllow(base(), 'x.blogspot.com', 'PT BEST PROFIT - ');
  s = edits.addAllow(s, 'x.blogspot.com', 'pt best profit');
  assert.deepEqual(s.allow, { 'x.blogspot.com': ['PT BEST PROFIT'] });
  s = edits.addAllow(s, '*', 'Monex');
  s = edits.removeAllow(s, 'x.blogspot.com', 'pt best PROFIT');
  assert.deepEqual(s.allow, { '*': ['Monex'] });
  assert.equal(edits.addAllow(s, '*', ' - '), s, 'an empty phrase changes nothing');
  s = edits.addDeny(edits.addDeny(s, 'BPF'), 'bpf');
  assert.deepEqual(s.deny, ['BPF']);
  assert.deepEqual(edits.removeDeny(s, 'BPF').deny, []);
});

test('global switch, clutter kinds and origins', () => {
  assert.equal(edits.setEnabled(base(), false).enabled, false);
  assert.equal(edits.setClutter(base(), 'pager', false).clutter.pager, false);
  let s = edits.addOrigin(base(), 'https://blog.example.org/*');
  s = edits.addOrigin(s, 'https://blog.example.org/*');
  assert.deepEqual(s.origins, ['https://blog.example.org/*']);
  assert.deepEqual(edits.removeOrigin(s, 'https://blog.example.org/*').origins, []);
});

test('originPattern keeps scheme and host, drops port, path and non-web pages', () => {
  assert.equal(edits.originPattern('https://blog.example.org/2024/05/post.html?m=1'), 'https://blog.example.org/*');
  assert.equal(edits.originPattern('http://127.0.0.1:8123/page.html'), 'http://127.0.0.1/*');
  assert.equal(edits.originPattern('chrome://extensions/'), null);
  assert.equal(edits.originPattern('file:///tmp/a.html'), null);
  assert.equal(edits.originPattern(undefined), null);
  assert.equal(edits.patternHost('https://blog.example.org/*'), 'blog.example.org');
});

test('matchesPattern follows WebExtension match patterns', () => {
  const m = edits.matchesPattern;
  assert.ok(m('*://*.blogspot.com/*', 'https://contoh.blogspot.com/2024/05/a.html'));
  assert.ok(m('*://*.blogspot.com/*', 'http://blogspot.com/'));
  assert.ok(m('*://*.blogspot.co.id/*', 'https://x.blogspot.co.id/?m=1'));
  assert.ok(!m('*://*.blogspot.com/*', 'https://blogspot.com.evil.example/'));
  assert.ok(!m('*://*.blogspot.com/*', 'https://notblogspot.com/'));
  assert.ok(!m('*://*.blogspot.com/*', 'ftp://x.blogspot.com/'));
  assert.ok(m('https://blog.example.org/*', 'https://blog.example.org/a'));
  assert.ok(!m('https://blog.example.org/*', 'http://blog.example.org/a'));
  assert.ok(m('http://127.0.0.1/*', 'http://127.0.0.1:8123/post.html'));
  assert.ok(!m('*://*/*', 'chrome://extensions/'));
  assert.ok(!m('*://*.blogspot.com/*', 'not a url'));
});

test('cleanPhrase is one walk from each end, however many separators a page line holds', () => {
  // A page controls this text ("Not spam"); an end-anchored regular expression retried from every
  // separator, which took 1.75 s on 32k of them and would not finish on these.
  const seps = ' -'.repeat(500_000);
  assert.equal(edits.cleanPhrase(`${seps}PT Contoh${seps}x`), `PT Contoh${seps}x`);
  assert.equal(edits.cleanPhrase(`${seps}PT Contoh${seps}`), 'PT Contoh');
  assert.equal(edits.cleanPhrase(`${'–|:·•,;'.repeat(200_000)}a.`), 'a.', 'a final period stays (abbreviations)');
  assert.equal(edits.cleanPhrase('.'.repeat(1_000_000)), '', 'periods are trimmed from the start');
  assert.equal(edits.cleanPhrase(`a${'.'.repeat(1_000_000)}`), `a${'.'.repeat(1_000_000)}`, 'and kept at the end');
  assert.equal(edits.cleanPhrase(seps), '');
});

test('"Not spam" keeps the beginning of a long fragment, cut at a space, within the phrase limit', () => {
  const long = 'Hubungi PT Contoh Berjangka di kantor cabang '.repeat(20);
  const phrase = edits.notSpamPhrase(` - ${long}`);
  assert.ok(phrase.length <= MAX_PHRASE_CHARS && phrase.length > MAX_PHRASE_CHARS - 20, `${phrase.length} characters`);
  assert.ok(long.startsWith(phrase + ' '), 'a prefix ending at a word, so the fragment contains it');
  assert.equal(edits.notSpamPhrase('x'.repeat(5000)), 'x'.repeat(MAX_PHRASE_CHARS));
  assert.equal(edits.notSpamPhrase('0 komentar:'), '0 komentar');
});

test('phrases are refused past the limits, with the reason, and the edits change nothing then', () => {
  const s = base();
  assert.deepEqual(edits.phraseRefusal(s, s.deny, 'x'.repeat(MAX_PHRASE_CHARS + 1)), { error: 'phraseTooLong', limit: MAX_PHRASE_CHARS });
  assert.equal(edits.phraseRefusal(s, s.deny, ` ${'x'.repeat(MAX_PHRASE_CHARS)} - `), null, 'measured once cleaned');
  assert.equal(edits.addDeny(s, 'x'.repeat(MAX_PHRASE_CHARS + 1)), s);

  const full = { ...base(), deny: Array.from({ length: 600 }, (_, i) => `d${i}`), allow: { '*': Array.from({ length: 400 }, (_, i) => `a${i}`) } };
  assert.equal(edits.phraseCount(full), MAX_PHRASES);
  assert.deepEqual(edits.phraseRefusal(full, full.deny, 'new one'), { error: 'phrasesFull', limit: MAX_PHRASES });
  assert.equal(edits.phraseRefusal(full, full.deny, 'D1'), null, 'a phrase listed already is not refused');
  assert.equal(edits.addDeny(full, 'new one'), full);
  assert.equal(edits.addAllow(full, 'x.blogspot.com', 'new one'), full);
  assert.equal(edits.addDeny(full, 'd1'), full, 'listed already (ignoring case): unchanged');
  const freed = edits.removeDeny(full, 'd0');
  assert.deepEqual(edits.addAllow(freed, 'x.blogspot.com', 'new one').allow['x.blogspot.com'], ['new one']);
});
