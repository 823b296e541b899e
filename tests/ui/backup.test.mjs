// Import refuses a bad file with a message id and accepts an exported one unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportFile, parseImport, MAX_IMPORT_BYTES } from '../../extension/ui/backup.js';

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
  assert.deepEqual(parseImport(' '.repeat(MAX_IMPORT_BYTES + 1), 1), { error: 'importTooBig' });
});

test('unknown keys are tolerated (normalize drops them)', () => {
  assert.deepEqual(parseImport('{"version": 1, "enabled": true, "later": 3}', 1), {
    settings: { version: 1, enabled: true, later: 3 },
  });
});
