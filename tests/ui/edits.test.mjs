// The pure settings edits behind the popup and options controls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as edits from '../../extension/ui/edits.js';

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
