// The background's message handling in the browser (BERSIH_BROWSER): the `bersih:scan` answers
// (the core's own, `{error}` when it throws, refusals of oversized requests), senders that are not
// the top frame of a tab ignored, report numbers clamped; and lib/scanner.js with the real core in
// an extension page: tabs served in turn, a fresh instance after a trap.
//
// Messages are sent from the options page opened in a tab: an extension page in a tab's top frame
// is a sender the background accepts, as the content script is; an <iframe> of it is one it ignores.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT, startSession, waitFor } from './harness.mjs';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const MAX_SCAN_REQUEST_CHARS = Number(
  /MAX_SCAN_REQUEST_CHARS = ([\d_]+)/.exec(readFileSync(path.join(ROOT, 'extension/lib/protocol.js'), 'utf8'))[1].replace(/_/g, ''),
);
const MAX_REPORT_COUNT = 100_000;

let session;
let page;
before(async () => {
  session = await startSession();
  page = await session.browser.openExtensionPage('options.html');
  await waitFor(() => page.eval(() => document.body.dataset.ready === 'true'), 'the options page');
  // A frame inside it: same extension, same tab, not the top frame.
  await page.eval(
    () =>
      new Promise((resolve) => {
        const frame = document.createElement('iframe');
        frame.id = 'inner';
        frame.src = 'options.html';
        frame.onload = resolve;
        document.body.append(frame);
      }),
  );
});
after(() => session?.close());

/** Sends `message` from the page's top frame (or its iframe); resolves to `{answer}` or `{rejected}`. */
function send(message, { frame = false } = {}) {
  return page.eval(
    async ({ message, frame }) => {
      const win = frame ? document.getElementById('inner').contentWindow : window;
      const api = win.browser ?? win.chrome;
      try {
        return { answer: (await api.runtime.sendMessage(message)) ?? null };
      } catch (err) {
        return { rejected: String(err?.message ?? err) };
      }
    },
    { message, frame },
  );
}

const tabId = () => page.eval(async () => (await (globalThis.browser ?? globalThis.chrome).tabs.getCurrent()).id);
const badge = async () => page.eval(async (tabId) => (globalThis.browser ?? globalThis.chrome).action.getBadgeText({ tabId }), await tabId());
const hidden = () => page.eval(async () => (await (globalThis.browser ?? globalThis.chrome).storage.local.get('stats')).stats?.hidden ?? 0);

const REQUEST = JSON.stringify({
  blocks: [
    { text: 'PT BESTPROFIT FUTURES - Harga kopi robusta naik untuk pekan kedua.', kind: 'body', post: 0 },
    { text: 'Posting Komentar', kind: 'comment-form', post: 0 },
  ],
  options: { allow: [], deny: [], disabled: [] },
});

/** The core's answer to `json` computed in the page itself, with the extension's own module. */
const inPage = (json) =>
  page.eval(async (json) => {
    const glue = await import('/core/bersih.js');
    const { loadShipped, WASM_FILE } = await import('/lib/wasm.js');
    const { flattenJson } = await import('/lib/request.js');
    await glue.default({ module_or_path: await loadShipped(`/${WASM_FILE}`) });
    return glue.scan(...flattenJson(json));
  }, json);

test('bersih:scan answers as the core does, and {error} with the reason when the core throws', async () => {
  const good = await send({ type: 'bersih:scan', request: REQUEST });
  assert.deepEqual(good, { answer: { response: await inPage(REQUEST) } }, 'byte for byte the in-page answer');
  assert.ok(JSON.parse(good.answer.response).findings.length >= 2);

  const malformed = await send({ type: 'bersih:scan', request: '{"blocks": [{"text": 7}]' });
  assert.match(malformed.answer?.error ?? '', /bad scan request/, JSON.stringify(malformed));
  const notJson = await send({ type: 'bersih:scan', request: '{not json' });
  assert.match(notJson.answer?.error ?? '', /bad scan request/);
  const notString = await send({ type: 'bersih:scan', request: { blocks: [] } });
  assert.match(notString.answer?.error ?? '', /JSON string/);
  // A refused request leaves the core as it was.
  assert.deepEqual(await send({ type: 'bersih:scan', request: REQUEST }), good);
});

test('a request over MAX_SCAN_REQUEST_CHARS is refused before it reaches the core', async () => {
  const text = 'x'.repeat(MAX_SCAN_REQUEST_CHARS);
  const big = JSON.stringify({ blocks: [{ text, kind: 'body', post: 0 }] });
  assert.ok(big.length > MAX_SCAN_REQUEST_CHARS);
  const refused = await send({ type: 'bersih:scan', request: big });
  assert.match(refused.answer?.error ?? '', /request too large: \d+ characters, at most \d+/, JSON.stringify(refused).slice(0, 200));
  // Just under the limit is scanned.
  const fits = JSON.stringify({ blocks: [{ text: text.slice(0, MAX_SCAN_REQUEST_CHARS - 100), kind: 'body', post: 0 }] });
  assert.ok(fits.length <= MAX_SCAN_REQUEST_CHARS);
  const answered = await send({ type: 'bersih:scan', request: fits });
  assert.deepEqual(JSON.parse(answered.answer.response), { findings: [] });
});

test('messages from a frame that is not the top frame of a tab are ignored', async () => {
  const before = { badge: await badge(), hidden: await hidden() };
  const scan = await send({ type: 'bersih:scan', request: REQUEST }, { frame: true });
  assert.equal(scan.answer?.response, undefined, `no answer to a sub-frame: ${JSON.stringify(scan)}`);
  assert.equal(scan.answer?.error, undefined);
  await send({ type: 'bersih:report', count: 7, added: 7 }, { frame: true });
  // The same report from the top frame is taken: what changes then is the sender alone.
  await send({ type: 'bersih:report', count: 3, added: 0 });
  await waitFor(async () => (await badge()) === '3', 'the top frame’s report on the badge');
  assert.notEqual(before.badge, '3');
  assert.equal(await hidden(), before.hidden, 'the frame’s added items were not counted');
});

test('report numbers are clamped: whole, not negative, at most MAX_REPORT_COUNT', async () => {
  const cases = [
    [{ count: 5 }, '5'],
    [{ count: -5 }, ''],
    [{ count: 12.9 }, '12'],
    [{ count: '42' }, ''],
    [{ count: 1e300 }, '999+'],
    [{ count: null }, ''],
    [{ count: 999 }, '999'],
  ];
  for (const [fields, want] of cases) {
    await send({ type: 'bersih:report', ...fields });
    await waitFor(async () => (await badge()) === want, `badge ${JSON.stringify(want)} for ${JSON.stringify(fields)}`);
  }
  const start = await hidden();
  for (const added of [-3, 'x', NaN, 2.5, 1e300, 4]) await send({ type: 'bersih:report', count: 1, added });
  await waitFor(async () => (await hidden()) === start + 2 + MAX_REPORT_COUNT + 4, 'the running total', 5000).catch(() => {});
  assert.equal(await hidden(), start + 2 + MAX_REPORT_COUNT + 4, 'only 2 (of 2.5), the clamped 1e300 and 4 were added');
});

test('the scanner (lib/scanner.js, real core): tabs take turns, at most two waiting per tab, a fresh instance after a trap', async () => {
  const result = await page.eval(async (request) => {
    const glue = await import('/core/bersih.js');
    const { Scanner } = await import('/lib/scanner.js');
    const { loadShipped, WASM_FILE } = await import('/lib/wasm.js');
    const { flattenJson } = await import('/lib/request.js');
    const wasm = await glue.default({ module_or_path: await loadShipped(`/${WASM_FILE}`) });
    const scan = (json) => glue.scan(...flattenJson(json));
    const scanner = new Scanner({ load: () => {}, scan, reset: glue.__wbg_reset_state });
    const expected = scan(request);

    // Tabs 1, 2, 3 ask at once, tab 1 twice: served 1, 2, 3, then 1 again.
    const order = [];
    const ask = (tab, n) => scanner.scan(tab, request).then((answer) => order.push(`${tab}.${n}:${answer === expected}`));
    const jobs = [ask(1, 1), ask(1, 2), ask(2, 1), ask(3, 1)];
    const busy = await scanner.scan(1, request).catch((e) => e.message);
    const closed = scanner.scan(4, request).catch((e) => e.message);
    scanner.forget(4);
    await Promise.all(jobs);

    // A poisoned instance keeps failing when reused; the scanner fails that one call, then
    // scans on a fresh instance of the same module.
    new Uint8Array(wasm.memory.buffer).fill(0xff);
    const reused = [];
    for (let i = 0; i < 2; i++) {
      try {
        scan(request);
        reused.push('ok');
      } catch (err) {
        reused.push(err.constructor.name);
      }
    }
    const trapped = await scanner.scan(5, request).then(
      () => 'answered',
      (err) => err.constructor.name,
    );
    const after = await scanner.scan(5, request);
    const refusal = await scanner.scan(5, '{bad').catch((err) => err.constructor.name);
    return {
      order,
      busy,
      closed: await closed,
      reused,
      trapped,
      afterOk: after === expected,
      resets: scanner.resets,
      refusal,
      resetsAfterRefusal: scanner.resets,
    };
  }, REQUEST);
  assert.deepEqual(result.order, ['1.1:true', '2.1:true', '3.1:true', '1.2:true']);
  assert.match(result.busy, /^busy: tab 1 has 2 requests waiting/, 'the third waiting request of a tab is refused');
  assert.equal(result.closed, 'the tab was closed');
  assert.deepEqual(result.reused, ['RuntimeError', 'RuntimeError'], 'the poisoned instance traps again and again');
  assert.equal(result.trapped, 'RuntimeError');
  assert.equal(result.afterOk, true, 'the next scan is answered correctly');
  assert.equal(result.resets, 1);
  assert.equal(result.refusal, 'Error', 'a bad request is refused by the core');
  assert.equal(result.resetsAfterRefusal, 1, 'and does not cost a new instance');
});
