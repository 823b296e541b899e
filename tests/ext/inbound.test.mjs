// extension/lib/inbound.js: who the background listens to, and the numbers it lets through.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_REPORT_COUNT, badgeText, clampCount, fromTopFrameOfTab } from '../../extension/lib/inbound.js';

const OWN = 'bersih@bersih.invalid';

test('only this extension, in the top frame of a tab, is listened to', () => {
  const tab = { id: 7, url: 'https://contoh.blogspot.com/' };
  assert.equal(fromTopFrameOfTab({ id: OWN, tab, frameId: 0 }, OWN), true);
  assert.equal(fromTopFrameOfTab({ id: OWN, tab: { id: 0 }, frameId: 0 }, OWN), true, 'tab 0 is a tab');
  for (const sender of [
    { id: 'other@extension', tab, frameId: 0 },
    { id: OWN, tab, frameId: 3 },
    { id: OWN, tab },
    { id: OWN, frameId: 0 },
    { id: OWN, tab: { id: -1 }, frameId: 0 },
    { id: OWN, tab: { id: '7' }, frameId: 0 },
    { tab, frameId: 0 },
    {},
    null,
    undefined,
  ]) {
    assert.equal(fromTopFrameOfTab(sender, OWN), false, JSON.stringify(sender));
  }
});

test('counts are whole numbers from 0 to MAX_REPORT_COUNT', () => {
  const cases = [
    [3, 3],
    [0, 0],
    [12.7, 12],
    [-5, 0],
    [-Infinity, 0],
    [Infinity, MAX_REPORT_COUNT],
    [1e300, MAX_REPORT_COUNT],
    [MAX_REPORT_COUNT + 1, MAX_REPORT_COUNT],
    [NaN, 0],
    ['12', 0],
    [null, 0],
    [undefined, 0],
    [{ valueOf: () => 5 }, 0],
    [12n, 0],
  ];
  for (const [input, want] of cases) assert.equal(clampCount(input), want, String(input));
});

test('the badge shows the count in at most four characters', () => {
  assert.equal(badgeText(0), '');
  assert.equal(badgeText(-3), '');
  assert.equal(badgeText('7'), '');
  assert.equal(badgeText(7), '7');
  assert.equal(badgeText(999), '999');
  assert.equal(badgeText(1000), '999+');
  assert.equal(badgeText(1e12), '999+');
});
