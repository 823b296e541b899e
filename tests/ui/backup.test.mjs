// Import refuses a bad file with a message id and accepts an exported one unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFileSize, exportFile, importPlan, parseImport, MAX_IMPORT_BYTES } from '../../extension/ui/backup.js';
import { MAX_ORIGINS, MAX_PHRASES, MAX_PHRASE_CHARS, MAX_SITES, normalize } from '../../extension/lib/settings.js';

const settings = {
  version: 1,
  enabled: false,
  sites: { 'a.blogspot.com': false },
  origins: ['https://blog.example.org/*'],
  allow: { '*': ['Monex'], 'a.blogspot.com': ['PT BEST PROFIT'] },
  deny: ['BPF'],
  clutter: { pager: false },
};

test('an export round-trips through import', () => {
  const file = exportFile(settings, new Date('2026-11-29T12:00:00Z'));
  assert.equal(file.name, 'bersih-settings-2026-11-29.json');
  assert.deepEqual(parseImport(file.text, 1), { settings });
});

test('bad files are refused with the reason', () => {
  assert.deepEqual(parseImport('{"version": 1,', 1), { error: 'importNotJson' });
  assert.deepEqual(parseImport('[1,2]', 1), { error: 'importNotSettings' });
  assert.deepEqual(parseImport('{"name": "other app"}', 1), { error: 'importNotSettings' });
  assert.deepEqual(parseImport('{"version": 1}', 1), { error: 'importNotSettings' });
  assert.deepEqual(parseImport('{"version": "1", "enabled": true}', 1), { error: 'importNotSettings' });
  assert.deepEqual(parseImport('{"version": 2, "enabled": true}', 1), { error: 'importNewer' });
  assert.deepEqual(parseImport('{"version": 1, "enabled": "yes"}', 1), { error: 'importBadField', field: 'enabled' });
  assert.deepEqual(parseImport('{"version": 1, "sites": {"a": 1}}', 1), { error: 'importBadField', field: 'sites' });
  assert.deepEqual(parseImport('{"version": 1, "origins": ["<all_urls>"]}', 1), { error: 'importBadField', field: 'origins' });
  assert.deepEqual(parseImport('{"version": 1, "allow": {"*": "Monex"}}', 1), { error: 'importBadField', field: 'allow' });
  assert.deepEqual(parseImport('{"version": 1, "deny": [1]}', 1), { error: 'importBadField', field: 'deny' });
  assert.deepEqual(parseImport(' '.repeat(MAX_IMPORT_BYTES + 1), 1), { error: 'importTooBig', limit: MAX_IMPORT_BYTES });
});

test('unknown keys are tolerated (normalize drops them)', () => {
  assert.deepEqual(parseImport('{"version": 1, "enabled": true, "later": 3}', 1), {
    settings: { version: 1, enabled: true, later: 3 },
  });
});

test('a file over a limit is refused whole, saying which limit', () => {
  const phrases = (n) => Array.from({ length: n }, (_, i) => `frasa ${i}`);
  // The 90k-phrase file of the review: 0.8 MB, under the size limit, refused by its count.
  const ninety = JSON.stringify({ version: 1, deny: phrases(90_000) });
  assert.ok(ninety.length < MAX_IMPORT_BYTES);
  assert.deepEqual(parseImport(ninety, 1), { error: 'importTooManyPhrases', count: 90_000, limit: MAX_PHRASES });
  // Counted over every list together.
  const split = JSON.stringify({ version: 1, deny: phrases(600), allow: { '*': phrases(300), 'a.blogspot.com': phrases(101) } });
  assert.deepEqual(parseImport(split, 1), { error: 'importTooManyPhrases', count: 1001, limit: MAX_PHRASES });
  const long = JSON.stringify({ version: 1, allow: { '*': ['ok', 'x'.repeat(MAX_PHRASE_CHARS + 1)] } });
  assert.deepEqual(parseImport(long, 1), { error: 'importPhraseTooLong', field: 'allow', limit: MAX_PHRASE_CHARS });
  const sites = Object.fromEntries(Array.from({ length: MAX_SITES + 1 }, (_, i) => [`s${i}.blogspot.com`, false]));
  assert.deepEqual(parseImport(JSON.stringify({ version: 1, sites }), 1), {
    error: 'importTooManySites',
    field: 'sites',
    count: MAX_SITES + 1,
    limit: MAX_SITES,
  });
  const origins = Array.from({ length: MAX_ORIGINS + 1 }, (_, i) => `https://s${i}.example.org/*`);
  assert.equal(parseImport(JSON.stringify({ version: 1, origins }), 1).error, 'importTooManySites');
});

test('a file is refused on its size before it is read', () => {
  assert.deepEqual(checkFileSize(50_000_000), { error: 'importTooBig', limit: MAX_IMPORT_BYTES });
  assert.deepEqual(checkFileSize(MAX_IMPORT_BYTES + 1), { error: 'importTooBig', limit: MAX_IMPORT_BYTES });
  assert.equal(checkFileSize(MAX_IMPORT_BYTES), null);
  assert.equal(checkFileSize(0), null);
});

test('the largest file Bersih can write (every list at its limit, non-Latin text) imports back', () => {
  const word = (i) => `${'ꦧꦼꦂꦱꦶꦃ'.repeat(40)}${i}`.slice(0, MAX_PHRASE_CHARS); // 3 bytes a character in UTF-8
  const host = (i) => `${'s'.repeat(240)}${i}.blogspot.com`.slice(-253);
  const phrases = Array.from({ length: MAX_PHRASES }, (_, i) => word(i));
  const settings = normalize({
    version: 1,
    deny: [],
    allow: Object.fromEntries(phrases.map((p, i) => [host(i), [p]])),
    sites: Object.fromEntries(Array.from({ length: MAX_SITES }, (_, i) => [host(i + MAX_PHRASES), false])),
    origins: Array.from({ length: MAX_ORIGINS }, (_, i) => `https://${host(i)}/*`),
  });
  assert.equal(Object.keys(settings.allow).length, MAX_PHRASES);
  const { text } = exportFile(settings);
  const bytes = new TextEncoder().encode(text).length;
  assert.ok(bytes <= MAX_IMPORT_BYTES, `${bytes} bytes`);
  assert.deepEqual(normalize(parseImport(text, 1).settings), settings);
});

test('an import says what merging or replacing would change before anything is stored', () => {
  const current = normalize({
    enabled: true,
    sites: { 'off.blogspot.com': false, 'both.blogspot.com': false },
    origins: ['https://mine.example.org/*'],
    allow: { '*': ['Monex'], 'a.blogspot.com': ['Solid Gold'] },
    deny: ['BPF', 'PT Contoh'],
    clutter: { pager: false },
  });
  const file = {
    version: 1,
    enabled: false,
    sites: { 'both.blogspot.com': false, 'new.blogspot.com': false },
    allow: { '*': ['monex', 'Rifan'] },
    deny: ['bpf', 'Kontak Perkasa'],
    clutter: { pager: true, share: false },
  };
  const before = structuredClone(current);
  const plan = importPlan(current, parseImport(JSON.stringify(file), 1).settings);
  assert.deepEqual(current, before, 'planning changes nothing');

  // Merge: the file's lists join the user's (case-insensitively), the user's switches stay.
  assert.deepEqual(plan.merge.phrases, { added: 2, removed: 0, kept: 4 });
  assert.deepEqual(plan.merge.sites, { added: 1, removed: 0, kept: 3 });
  assert.equal(plan.merge.switches, 0);
  assert.equal(plan.merge.fits, true);
  assert.deepEqual(plan.merge.settings, {
    ...current,
    sites: { 'off.blogspot.com': false, 'both.blogspot.com': false, 'new.blogspot.com': false },
    allow: { '*': ['Monex', 'Rifan'], 'a.blogspot.com': ['Solid Gold'] },
    deny: ['BPF', 'PT Contoh', 'Kontak Perkasa'],
  });

  // Replace: exactly the file; what only the user had is counted as removed.
  assert.deepEqual(plan.replace.phrases, { added: 2, removed: 2, kept: 2 });
  assert.deepEqual(plan.replace.sites, { added: 1, removed: 2, kept: 1 });
  assert.equal(plan.replace.switches, 3, 'the global switch, pager and share');
  assert.deepEqual(plan.replace.settings, normalize(file));

  // A merge over the limit is not offered; replacing with a valid file always fits.
  const many = (prefix, n) => Array.from({ length: n }, (_, i) => `${prefix} ${i}`);
  const big = importPlan(normalize({ deny: many('mine', 600) }), parseImport(JSON.stringify({ version: 1, deny: many('theirs', 600) }), 1).settings);
  assert.equal(big.merge.fits, false);
  assert.deepEqual(big.merge.phrases, { added: 600, removed: 0, kept: 600 });
  assert.equal(big.replace.fits, true);
});
