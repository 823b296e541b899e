// The site's two languages stay in step: every key in both, the same shape (text or list, and
// list length), and the same {placeholders}, so switching language never shows a raw key.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { STRINGS } from '../../www/js/i18n.js';

const placeholders = (value) => [...String(value).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('Indonesian and English have the same keys', () => {
  assert.deepEqual(Object.keys(STRINGS.id).sort(), Object.keys(STRINGS.en).sort());
});

test('each string has the same shape and placeholders in both languages', () => {
  for (const [key, en] of Object.entries(STRINGS.en)) {
    const id = STRINGS.id[key];
    assert.equal(Array.isArray(id), Array.isArray(en), key);
    if (Array.isArray(en)) assert.equal(id.length, en.length, `${key}: list length`);
    assert.deepEqual(placeholders(id), placeholders(en), `${key}: placeholders`);
    for (const text of [en, id].flat()) assert.ok(text.trim(), `${key}: empty`);
  }
});

test('every category the core reports has a label in both languages', () => {
  // The names come from `Category::name` in the core, so a new category fails here until labeled.
  const model = readFileSync(new URL('../../src/model.rs', import.meta.url), 'utf8');
  const categories = [...model.matchAll(/Category::\w+ => "([a-z-]+)"/g)].map((m) => m[1]);
  assert.ok(categories.length >= 12, `found ${categories.length} categories in src/model.rs`);
  for (const lang of ['en', 'id']) {
    for (const category of categories) assert.ok(STRINGS[lang][`cat.${category}`], `${lang}: cat.${category}`);
  }
});
