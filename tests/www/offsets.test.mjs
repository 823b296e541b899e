// The playground's byte-offset conversion: the core answers in UTF-8 bytes, the page slices
// JavaScript strings (UTF-16). Checked against TextEncoder on text with 1-, 2-, 3- and 4-byte
// characters, since an off-by-one there strikes through the wrong letters.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { byteOffsetsToIndices, withStringIndices } from '../../www/js/offsets.js';

const utf8Length = (text) => new TextEncoder().encode(text).length;

test('every character boundary maps back to the same string index', () => {
  const text = 'Rp30.000 – Rp33.000, Şükran é 😀👍🏽 BESTPROFIT';
  const boundaries = [];
  for (let i = 0; i <= text.length; i++) {
    const code = text.charCodeAt(i - 1);
    if (i > 0 && code >= 0xd800 && code <= 0xdbff) continue; // inside a surrogate pair
    boundaries.push([utf8Length(text.slice(0, i)), i]);
  }
  const indices = byteOffsetsToIndices(text, boundaries.map(([byte]) => byte));
  for (const [byte, index] of boundaries) assert.equal(indices.get(byte), index, `byte ${byte}`);
});

test('findings get from/to that slice out exactly their text', () => {
  const text = 'héllo 😀\nBESTPROFIT FUTURES - ünïcode – 😀 - BEST PROFIT\n0 komentar:';
  const spans = ['BESTPROFIT FUTURES - ', ' - BEST PROFIT', '0 komentar:'];
  const findings = spans.map((span) => {
    const at = text.indexOf(span);
    const start = utf8Length(text.slice(0, at));
    return { start, end: start + utf8Length(span), category: 'prefix', rule: 'test', text: span };
  });
  for (const f of withStringIndices(text, findings)) assert.equal(text.slice(f.from, f.to), f.text);
});

test('unsorted and repeated offsets are fine', () => {
  const indices = byteOffsetsToIndices('aé😀b', [7, 0, 3, 3, 1]);
  assert.deepEqual([...indices.entries()].sort((a, b) => a[0] - b[0]), [[0, 0], [1, 1], [3, 2], [7, 4]]);
});

test('a lone surrogate counts as the three bytes of U+FFFD, as the encoder sends it', () => {
  const text = 'a\ud800b';
  assert.equal(utf8Length(text), 5);
  assert.equal(byteOffsetsToIndices(text, [4]).get(4), 2);
});

test('an offset inside a character or past the end is an error, not a wrong slice', () => {
  assert.throws(() => byteOffsetsToIndices('é', [1]), /not a character boundary/);
  assert.throws(() => byteOffsetsToIndices('😀', [2]), /not a character boundary/);
  assert.throws(() => byteOffsetsToIndices('abc', [4]), /not a character boundary/);
});
