// Both interface languages are complete: every message id used by the extension (HTML data-i18n
// attributes, t()/getMessage() calls, ids built from core category names, the manifest's __MSG_x__)
// exists in English and Indonesian, both files have the same ids and placeholders, and no message
// is left unused. Also: the extension's category lists (lib/settings.js) are the core's categories.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ADS, CLUTTER } from '../../extension/lib/settings.js';

const root = new URL('../../', import.meta.url).pathname;
const extension = join(root, 'extension');
const LOCALES = ['en', 'id'];

function files(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files(path, out);
    else out.push(path);
  }
  return out;
}

const messages = Object.fromEntries(
  LOCALES.map((l) => [l, JSON.parse(readFileSync(join(extension, '_locales', l, 'messages.json'), 'utf8'))]),
);

/** Core categories, read from the Rust model so a new category without a UI name fails here. */
function coreCategories() {
  const model = readFileSync(join(root, 'src', 'model.rs'), 'utf8');
  const body = model.slice(model.indexOf('pub fn name(self)'));
  return [...body.matchAll(/Category::\w+ => "([a-z-]+)"/g)].map((m) => m[1]);
}

test('the extension knows exactly the core categories (ads and clutter, each once)', () => {
  assert.deepEqual([...ADS, ...CLUTTER].sort(), coreCategories().sort());
});

/** Every message id the extension asks for, with where it was found. */
function usedIds() {
  const used = new Map();
  const add = (id, where) => used.set(id, [...(used.get(id) ?? []), where]);
  const patterns = [
    /data-i18n(?:-[a-z-]+)?="([A-Za-z0-9_]+)"/g,
    /data-empty="([A-Za-z0-9_]+)"/g,
    /\b(?:t|getMessage|setStatus|showSiteError)\(\s*'([A-Za-z0-9_]+)'\s*[,)]/g,
    /\berror: '([A-Za-z0-9_]+)'/g,
    /\[\s*'(group[A-Za-z]+)'/g,
    /__MSG_([A-Za-z0-9_]+)__/g,
  ];
  for (const path of files(extension)) {
    if (!/\.(html|js|mjs|json)$/.test(path) || path.includes('_locales')) continue;
    // Comments may quote attribute syntax; only code and markup count.
    const text = readFileSync(path, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '')
      .replace(/<!--[\s\S]*?-->/g, '');
    for (const re of patterns) for (const m of text.matchAll(re)) add(m[1], relative(root, path));
  }
  const categories = coreCategories();
  assert.ok(categories.length >= 12, `found only ${categories.length} categories in src/model.rs`);
  for (const c of categories) add('cat_' + c.replace(/-/g, '_'), 'src/model.rs');
  const clutter = ['comment-count', 'comment-form', 'share', 'pager', 'feed', 'backlinks'];
  for (const k of clutter) add('clutterEx_' + k.replace(/-/g, '_'), 'ui/options.js');
  return used;
}

test('both locales have the same message ids', () => {
  const [en, id] = LOCALES.map((l) => Object.keys(messages[l]).sort());
  assert.deepEqual(id, en);
  assert.ok(en.length > 50, `only ${en.length} messages`);
});

test('every message is non-empty and keeps the same placeholders in both locales', () => {
  for (const [key, en] of Object.entries(messages.en)) {
    for (const l of LOCALES) {
      const m = messages[l][key];
      assert.ok(typeof m?.message === 'string' && m.message.trim(), `${l}: ${key} is empty`);
      const named = [...m.message.matchAll(/\$([A-Z_]+)\$/g)].map((x) => x[1].toLowerCase()).sort();
      const declared = Object.keys(m.placeholders ?? {}).sort();
      assert.deepEqual(named, declared, `${l}: ${key} placeholders`);
    }
    assert.deepEqual(
      Object.keys(messages.id[key].placeholders ?? {}).sort(),
      Object.keys(en.placeholders ?? {}).sort(),
      `${key}: placeholders differ between en and id`,
    );
  }
});

test('every message id used by the extension exists in both locales', () => {
  const used = usedIds();
  assert.ok(used.size > 50, `found only ${used.size} ids in use: the scan is broken`);
  for (const l of LOCALES) {
    const missing = [...used.keys()].filter((id) => !(id in messages[l]));
    assert.deepEqual(missing, [], `${l} lacks ${missing.map((m) => `${m} (${used.get(m)})`).join(', ')}`);
  }
});

test('no message is left unused', () => {
  const used = usedIds();
  const unused = Object.keys(messages.en).filter((id) => !used.has(id));
  assert.deepEqual(unused, []);
});

test('the lang message names the locale', () => {
  for (const l of LOCALES) assert.equal(messages[l].lang.message, l);
});
