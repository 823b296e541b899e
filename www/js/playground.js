// The playground page: text in, a Web Worker running the Wasm core, three views out.
//
// Input is debounced and only the newest text is scanned: while the worker is busy, newer input
// replaces the pending text instead of queueing every keystroke. Only the visible tab is rendered;
// the others are rendered when opened. #status carries data-state (loading, ready, scanning,
// rendering, done, error), and with `done` the removal count and scan time, so tests and assistive
// technology can follow along.

import { initialLanguage, language, setLanguage, t } from './i18n.js';
import { chunkedText, countByCategory, legendView, markedChunks, MAX_MARKS } from './render.js';
import { SAMPLES, samplePage, sampleText } from './samples.js';

const $ = (id) => document.getElementById(id);
const input = $('input');
const status = $('status');
const sampleSelect = $('sample');
const openPage = $('open-page');

/** The last finished scan, and which views already show it. */
let result = null;
const rendered = new Set();
let view = 'marked';

// --- status -------------------------------------------------------------------------------

let statusKey = ['status.loading', {}];

function setStatus(state, key, vars = {}) {
  status.dataset.state = state;
  status.dataset.count = result && state === 'done' ? String(result.findings.length) : '';
  status.dataset.ms = result && state === 'done' ? result.ms.toFixed(1) : '';
  statusKey = [key, vars];
  status.textContent = t(key, vars);
}

function statusForResult() {
  const n = result.findings.length;
  const ms = result.ms.toFixed(1);
  if (n === 0) return ['status.none', { ms }];
  return n === 1 ? ['status.found.one', { ms }] : ['status.found', { n, ms }];
}

// --- the worker -----------------------------------------------------------------------------

const worker = new Worker(new URL('./scan-worker.js', import.meta.url), { type: 'module' });
let coreReady = false;
let busy = false;
let pending = null;
let nextId = 1;
const texts = new Map();

worker.addEventListener('message', ({ data }) => {
  if (data.type === 'ready') {
    if (data.error) {
      setStatus('error', 'status.error', { message: data.error });
      return;
    }
    coreReady = true;
    $('version').textContent = t('footer.version', { v: data.version });
    $('version').dataset.version = data.version;
    if (pending === null && input.value === '') setStatus('ready', 'status.ready');
    sendNext();
    return;
  }
  busy = false;
  const text = texts.get(data.id);
  texts.delete(data.id);
  if (pending !== null) {
    sendNext(); // newer text is waiting: this answer is already stale
    return;
  }
  if (data.error) {
    setStatus('error', 'status.error', { message: data.error });
    return;
  }
  result = { text, findings: data.findings, cleaned: data.cleaned, report: data.report, ms: data.ms };
  rendered.clear();
  setStatus('rendering', 'status.scanning');
  render();
});

worker.addEventListener('error', (event) => {
  setStatus('error', 'status.error', { message: event.message || 'the worker could not start' });
});

function sendNext() {
  if (!coreReady || busy || pending === null) return;
  const text = pending;
  pending = null;
  if (text === '') {
    result = null;
    rendered.clear();
    render();
    setStatus('ready', 'status.ready');
    return;
  }
  busy = true;
  const id = nextId++;
  texts.set(id, text);
  setStatus('scanning', 'status.scanning');
  worker.postMessage({ id, text });
}

function scanSoon(text) {
  pending = text;
  sendNext();
}

let debounce = 0;
input.addEventListener('input', () => {
  clearTimeout(debounce);
  // Short texts feel live; long ones wait for a pause so typing never waits on a big scan.
  const delay = input.value.length > 100_000 ? 400 : 120;
  debounce = setTimeout(() => scanSoon(input.value), delay);
});

// --- views ----------------------------------------------------------------------------------

/** Renders the visible view for the current result (once), then reports the result as done. */
async function render() {
  if (!rendered.has(view)) {
    rendered.add(view);
    $('legend').replaceChildren(...(result ? [legendView(countByCategory(result.findings))] : []));
    if (view === 'marked' && !(await renderMarked())) return; // a newer render took over
    if (view === 'cleaned') $('cleaned').replaceChildren(chunkedText(result ? result.cleaned : ''));
    if (view === 'report') $('report').replaceChildren(chunkedText(result ? prettyReport(result.report) : ''));
  }
  if (result && status.dataset.state === 'rendering') setStatus('done', ...statusForResult());
}

/** Work per slice of the marked view before the page gets to breathe (ms). */
const SLICE_MS = 12;
let markedRun = 0;

/**
 * Fills the marked view in slices: chunks are built until SLICE_MS has passed, inserted, and the
 * rest waits for the next task, so input and scrolling stay responsive on a huge result. Returns
 * false when a newer render started meanwhile (that one finishes the job).
 */
async function renderMarked() {
  const run = ++markedRun;
  const marked = $('marked');
  if (!result) {
    const placeholder = document.createElement('p');
    placeholder.className = 'placeholder';
    placeholder.textContent = t('marked.empty');
    marked.replaceChildren(placeholder);
    return true;
  }
  const { text, findings } = result;
  const lead = [];
  if (findings.length > MAX_MARKS) {
    const note = document.createElement('p');
    note.className = 'note';
    note.textContent = t('status.truncated', { n: MAX_MARKS });
    lead.push(note);
  }
  const slice = document.createDocumentFragment();
  slice.append(...lead);
  let first = true;
  let deadline = performance.now() + SLICE_MS;
  for (const chunk of markedChunks(text, findings)) {
    slice.append(chunk);
    if (performance.now() < deadline) continue;
    if (first) marked.replaceChildren(slice);
    else marked.append(slice);
    first = false;
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (run !== markedRun) return false;
    deadline = performance.now() + SLICE_MS;
  }
  if (first) marked.replaceChildren(slice);
  else marked.append(slice);
  return true;
}

function prettyReport(json) {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

function showView(name) {
  view = name;
  for (const tab of tabs) {
    const selected = tab.dataset.view === name;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    $(`view-${tab.dataset.view}`).hidden = !selected;
  }
  render();
}

const tabs = [...document.querySelectorAll('[role="tab"]')];
for (const [index, tab] of tabs.entries()) {
  tab.addEventListener('click', () => showView(tab.dataset.view));
  // Arrow keys move between tabs, as in any tab list.
  tab.addEventListener('keydown', (event) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (!step) return;
    const next = tabs[(index + step + tabs.length) % tabs.length];
    next.focus();
    showView(next.dataset.view);
  });
}

$('copy').addEventListener('click', async () => {
  if (!result) return;
  try {
    await navigator.clipboard.writeText(result.cleaned);
    setStatus('done', 'playground.copied');
  } catch (error) {
    setStatus('error', 'status.error', { message: `clipboard: ${error.message}` });
  }
});

// --- samples --------------------------------------------------------------------------------

function fillSamples() {
  const none = new Option(t('playground.sample.none'), '');
  const chosen = sampleSelect.value;
  sampleSelect.replaceChildren(none, ...SAMPLES.map(({ id, label }) => new Option(t(label), id)));
  sampleSelect.value = chosen;
  $('sample-pages').replaceChildren(...SAMPLES.map(({ id, label }) => {
    const li = document.createElement('li');
    const link = document.createElement('a');
    link.href = samplePage(id);
    link.textContent = t(label);
    li.append(link);
    return li;
  }));
}

sampleSelect.addEventListener('change', async () => {
  const id = sampleSelect.value;
  openPage.hidden = !id;
  if (!id) return;
  openPage.href = samplePage(id);
  const response = await fetch(sampleText(id));
  if (!response.ok) {
    setStatus('error', 'status.error', { message: `${sampleText(id)}: HTTP ${response.status}` });
    return;
  }
  input.value = await response.text();
  clearTimeout(debounce);
  scanSoon(input.value);
});

$('clear').addEventListener('click', () => {
  input.value = '';
  sampleSelect.value = '';
  openPage.hidden = true;
  clearTimeout(debounce);
  scanSoon('');
  input.focus();
});

// --- language -------------------------------------------------------------------------------

function applyLanguage(lang) {
  setLanguage(lang);
  for (const button of document.querySelectorAll('[data-lang]')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === language()));
  }
  fillSamples();
  status.textContent = t(...statusKey);
  const version = $('version').dataset.version;
  if (version) $('version').textContent = t('footer.version', { v: version });
  rendered.clear(); // labels and placeholders are translated
  render();
}

for (const button of document.querySelectorAll('[data-lang]')) {
  button.addEventListener('click', () => applyLanguage(button.dataset.lang));
}

applyLanguage(initialLanguage());
setStatus('loading', 'status.loading');
