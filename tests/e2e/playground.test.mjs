// The playground (dist/www) in a real browser, with the real Wasm core in its Web Worker.
//
// Pastes the sample post and checks what a visitor sees: each injected ad and each piece of
// Blogger clutter struck through and labeled with its category, the article text untouched, the
// "Cleaned" tab equal to the input minus exactly the struck fragments, and the JSON report
// agreeing with both. Then the same with multi-byte characters before the ads (byte offsets vs.
// string indices), a 1 MB paste, and the language switch.

import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { ROOT, startSession, waitFor } from './harness.mjs';

const WWW = path.join(process.env.BERSIH_DIST ?? path.join(ROOT, 'dist'), 'www');
const SAMPLE = await fs.readFile(path.join(ROOT, 'www/samples/cabai.txt'), 'utf8');

/**
 * What the sample was written to contain: each ad or clutter line's text and the categories the
 * core may give it. Whether a suffix's separator is part of the span is the core's choice, so a
 * fragment matches when its trimmed text contains the expected one.
 */
const EXPECTED_REMOVALS = [
  { text: 'BESTPROFIT FUTURES -', categories: ['prefix'] },
  { text: 'BEST PROFIT', categories: ['suffix'] },
  { text: 'BEST PROFIT', categories: ['line'] },
  { text: 'PT BESTPROFIT FUTURES - Harga Bawang Merah Stabil', categories: ['link-line'] },
  { text: 'BESTPROFIT', categories: ['suffix'] },
  { text: 'PT BESTPROFIT', categories: ['line'] },
  { text: '0 komentar:', categories: ['comment-count'] },
  { text: 'Posting Komentar', categories: ['comment-form'] },
  { text: 'Posting Lebih Baru', categories: ['pager'] },
  { text: 'Posting Lama', categories: ['pager'] },
  { text: 'Beranda', categories: ['pager'] },
  { text: 'Langganan: Posting Komentar (Atom)', categories: ['feed'] },
];
/** Article sentences that must survive, including a legit en-dash range. */
const KEPT = [
  'Harga Cabai Rawit Turun Menjelang Panen Raya di Jawa Tengah',
  'Harga cabai rawit merah di sejumlah pasar tradisional di Jawa Tengah mulai turun',
  'Di Pasar Johar, Semarang, cabai rawit kini dijual Rp38.000 per kilogram',
  'di kisaran Rp30.000 – Rp33.000 per kilogram.',
  'Pemerintah provinsi berencana membuka lebih banyak gudang berpendingin',
];

/** The marked view caps the removals it draws (www/js/render.js); the report has them all. */
const MAX_MARKS = 20000;

let session;
let page;
/** The removals shown for the plain sample (first test), to compare the others with. */
let sampleRemovals = [];
before(async () => {
  session = await startSession({
    resolve: (host, pathname) => path.join(WWW, pathname.endsWith('/') ? `${pathname}index.html` : pathname),
  });
  page = await session.browser.open(`http://127.0.0.1:${session.server.port}/?lang=en`);
  await waitFor(() => page.eval(() => document.getElementById('status').dataset.state === 'ready'), 'the core to load in the worker', 15_000);
});
after(async () => {
  await page?.close();
  await session?.close();
});

/** Types `text` into the playground as a paste would (value + input event) and waits for the result. */
async function paste(text) {
  await page.eval((text) => {
    const input = document.getElementById('input');
    input.value = text;
    input.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste' }));
  }, text);
  return waitFor(() => page.eval((length) => {
    const status = document.getElementById('status');
    // The view is for this text once it shows every character of it (labels aside).
    const marked = [...document.querySelectorAll('#marked .chunk')].map((chunk) => {
      const copy = chunk.cloneNode(true);
      copy.querySelectorAll('.tag').forEach((tag) => tag.remove());
      return copy.textContent;
    }).join('');
    return status.dataset.state === 'done' && marked.length === length ? marked : null;
  }, text.length), 'the scan result', 30_000);
}

/**
 * Every removal as shown: its text (what the core removed, a whole line's break included), its
 * label, rule, and whether the text really is struck through.
 */
function removals() {
  return page.eval(() => [...document.querySelectorAll('#marked .removal')].map((removal) => {
    const del = removal.querySelector('del');
    const withoutLabel = removal.cloneNode(true);
    withoutLabel.querySelector('.tag').remove();
    return {
      text: withoutLabel.textContent,
      struck: getComputedStyle(del).textDecorationLine.includes('line-through'),
      label: removal.querySelector('.tag .category').textContent,
      rule: removal.querySelector('.tag .rule').textContent,
      category: removal.dataset.category,
    };
  }));
}

async function showTab(name) {
  await page.eval((name) => document.getElementById(`tab-${name}`).click(), name);
  return page.eval((name) => document.getElementById(name === 'report' ? 'report' : name).textContent, name);
}

/** The input minus the struck fragments, in order: what the cleaned text must be. */
function withoutRemovals(input, found) {
  let out = '';
  let at = 0;
  for (const { text } of found) {
    const index = input.indexOf(text, at);
    assert.notEqual(index, -1, `struck fragment ${JSON.stringify(text)} is not in the input after offset ${at}`);
    out += input.slice(at, index);
    at = index + text.length;
  }
  return out + input.slice(at);
}

test('the sample post: ads and clutter struck through and labeled, the article kept', async () => {
  const marked = await paste(SAMPLE);
  assert.equal(marked, SAMPLE, 'the marked view shows the whole input, nothing lost or doubled');
  const found = await removals();
  sampleRemovals = found;
  for (const removal of found) {
    assert.ok(removal.struck, `${JSON.stringify(removal.text)} is not struck through`);
    assert.equal(removal.label, removal.category, 'the label names the category');
    assert.ok(removal.rule.length > 0, `${JSON.stringify(removal.text)} has no rule`);
  }
  const unused = [...found];
  for (const expected of EXPECTED_REMOVALS) {
    const index = unused.findIndex((r) => r.text.trim().includes(expected.text) && expected.categories.includes(r.category));
    assert.notEqual(index, -1, `no ${expected.categories} removal containing ${JSON.stringify(expected.text)}; got ${JSON.stringify(found.map((r) => [r.category, r.text]))}`);
    unused.splice(index, 1);
  }
  for (const sentence of KEPT) {
    assert.ok(!found.some((r) => r.text.includes(sentence.slice(0, 20))), `article text struck: ${sentence}`);
  }

  const cleaned = await showTab('cleaned');
  assert.equal(cleaned, withoutRemovals(SAMPLE, found));
  for (const sentence of KEPT) assert.ok(cleaned.includes(sentence), `cleaned text lost: ${sentence}`);
  assert.ok(!/BESTPROFIT|BEST PROFIT/.test(cleaned), `an ad survived in the cleaned text:\n${cleaned}`);

  const report = JSON.parse(await showTab('report'));
  assert.equal(report.cleaned, cleaned);
  assert.deepEqual(report.findings.map((f) => [f.category, f.rule, f.text]), found.map((r) => [r.category, r.rule, r.text]));
  await showTab('marked');
});

test('multi-byte characters before the ads do not shift what is struck', async () => {
  // 2-, 3- and 4-byte characters early in the text move every later byte offset.
  const text = `Catatan redaksi: harga dalam rupiah — data “pasar induk” 😀🌶️ café\n${SAMPLE}`
    .replace('Rp38.000 per kilogram', 'Rp38.000 (≈ 2,3 €) per kilogram 📉');
  await paste(text);
  const found = await removals();
  assert.deepEqual(found.map((r) => [r.category, r.text]), sampleRemovals.map((r) => [r.category, r.text]));
  const cleaned = await showTab('cleaned');
  assert.equal(cleaned, withoutRemovals(text, found));
  assert.ok(cleaned.startsWith('Catatan redaksi: harga dalam rupiah — data “pasar induk” 😀🌶️ café\n'));
  assert.ok(cleaned.includes('Rp38.000 (≈ 2,3 €) per kilogram 📉'));
  await showTab('marked');
});

test('a 1 MB paste is scanned whole and rendered', async () => {
  const big = SAMPLE.repeat(Math.ceil(1_000_000 / SAMPLE.length));
  const marked = await paste(big);
  assert.equal(marked, big, 'the marked view shows the whole megabyte');
  const count = await page.eval(() => Number(document.getElementById('status').dataset.count));
  const marks = await page.eval(() => document.querySelectorAll('#marked .removal').length);
  assert.equal(marks, Math.min(count, MAX_MARKS));
  assert.ok(count >= sampleRemovals.length, `${count} removals in 1 MB of the sample`);
  const report = JSON.parse(await showTab('report'));
  assert.equal(report.findings.length, count);
  const cleaned = await showTab('cleaned');
  assert.equal(cleaned, report.cleaned);
  const removed = report.findings.reduce((sum, f) => sum + f.text.length, 0);
  assert.equal(cleaned.length, big.length - removed);
  await showTab('marked');
});

test('the language switch translates the interface, not the labels', async () => {
  await paste(SAMPLE);
  const read = () => page.eval(() => ({
    tab: document.getElementById('tab-marked').textContent,
    lang: document.documentElement.lang,
    labels: [...document.querySelectorAll('#marked .tag .category')].map((e) => e.textContent),
  }));
  const english = await read();
  await page.eval(() => document.querySelector('[data-lang="id"]').click());
  const indonesian = await read();
  assert.equal(english.tab, 'Marked');
  assert.deepEqual([indonesian.tab, indonesian.lang], ['Ditandai', 'id']);
  assert.deepEqual(indonesian.labels, english.labels);
  await page.eval(() => document.querySelector('[data-lang="en"]').click());
});

test('each sample page shows the same text as the plain-text sample the playground offers', async () => {
  const samples = (await fs.readdir(path.join(WWW, 'samples'))).filter((f) => f.endsWith('.txt'));
  assert.ok(samples.length >= 3, `samples: ${samples}`);
  for (const file of samples) {
    const url = `http://127.0.0.1:${session.server.port}/samples/${file.replace(/\.txt$/, '.html')}`;
    const blog = await session.browser.open(url);
    try {
      const shown = new Set(await blog.eval(() => document.body.innerText.split('\n').map((l) => l.trim())));
      const generator = await blog.eval(() => document.querySelector('meta[name="generator"]')?.content);
      assert.equal(generator, 'blogger', `${url} does not say it is Blogger`);
      const text = await fs.readFile(path.join(WWW, 'samples', file), 'utf8');
      for (const line of text.split('\n').filter(Boolean)) assert.ok(shown.has(line), `${url} does not show the line ${JSON.stringify(line)}`);
    } finally {
      await blog.close();
    }
  }
});
