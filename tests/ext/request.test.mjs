// extension/lib/request.js: a scan request laid out flat, as the core reads it (src/api.rs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flatten } from '../../extension/lib/request.js';

const utf8 = new TextEncoder();

/** What laying out block by block gives: each text encoded alone, one after another. */
function oneByOne(texts) {
  const parts = texts.map((text) => utf8.encode(text));
  const joined = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return joined;
}

test('the texts are the blocks encoded one by one, and each length is its code units', () => {
  const texts = [
    'Harga emas naik',
    '',
    'JAKARTA – “kutipan” é',
    'emoji 😀 di tengah',
    // Half a surrogate pair at the end of one block and the other half at the start of the next:
    // each is its own block's U+FFFD, as when every block was encoded alone.
    'ujung \ud83d',
    '\ude00 awal',
    'sendiri \udc00 di tengah \ud800',
    'x'.repeat(70_000),
    'é'.repeat(40_000),
    'akhir',
  ];
  const blocks = texts.map((text, n) => ({ text, kind: n === 0 ? 'title' : 'body', post: n % 3 }));
  const [bytes, layout, options] = flatten({ blocks, options: { deny: ['harga'] } });
  assert.deepEqual(bytes, oneByOne(texts));
  assert.deepEqual(
    Array.from(layout),
    texts.flatMap((text, n) => [text.length, n === 0 ? 1 : 0, n % 3]),
  );
  assert.equal(new TextDecoder().decode(options), '{"deny":["harga"]}');
});

test('a block ending in half a pair ends its group even where the next block completes it', () => {
  const texts = ['a\ud83d', '\ude00b'];
  const [bytes] = flatten({ blocks: texts.map((text) => ({ text })) });
  assert.deepEqual(bytes, oneByOne(texts));
  assert.deepEqual(Array.from(bytes.subarray(1, 4)), [0xef, 0xbf, 0xbd], 'U+FFFD');
});

test('a block the core could not read is refused', () => {
  for (const request of [
    null,
    { blocks: 'text' },
    { blocks: [{}] },
    { blocks: [null] },
    { blocks: [{ text: 5 }] },
    { blocks: [{ text: 'a', kind: 'widget' }] },
    { blocks: [{ text: 'a', post: -1 }] },
    { blocks: [{ text: 'a', post: 1.5 }] },
    { blocks: [{ text: 'a', post: 2 ** 32 }] },
  ]) {
    assert.throws(() => flatten(request), /^Error: bad scan request/, JSON.stringify(request));
  }
});
