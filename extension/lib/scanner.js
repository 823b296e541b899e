// The background's core, shared by every tab whose page keeps its content script from compiling
// Wasm (`bersih:scan`). The core is synchronous and there is one background, so:
// - one scan runs at a time, and tabs take turns: each turn serves the oldest request of the tab
//   served least recently, then yields so other tabs' messages can join before the next scan, so
//   no tab is served twice while another waits;
// - a tab has at most MAX_WAITING_PER_TAB requests waiting (its content script has one at a time;
//   a page replacing another in the same tab may briefly add a second);
// - a request longer than MAX_SCAN_REQUEST_CHARS is refused before it reaches the core, which, being
//   linear, then holds the background for a bounded time per turn;
// - after a trap the instance's memory cannot be trusted, so the next scan runs on a fresh instance
//   of the same compiled module instead of the poisoned one.

import { MAX_SCAN_REQUEST_CHARS } from './protocol.js';

/** Requests of one tab waiting at once: its page's one, and one of a page that replaced it. */
export const MAX_WAITING_PER_TAB = 2;

/** Ends the current task, so messages already delivered are handled before the next scan. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Whether `err` may have left the instance inconsistent. The core's refusals of a request are plain
 * `Error`s made by its glue after a clean return; anything else (a trap is a
 * `WebAssembly.RuntimeError`, or a JavaScript error midway through the glue) is not.
 */
function poisons(err) {
  return !(err instanceof Error) || err.constructor !== Error;
}

export class Scanner {
  /**
   * `core`: `load()` (once, before the first scan; may be async), `scan(json) → json`, and
   * `reset()`, which replaces the instance with a fresh one of the same module.
   */
  constructor(core, { maxChars = MAX_SCAN_REQUEST_CHARS, maxWaiting = MAX_WAITING_PER_TAB } = {}) {
    this.core = core;
    this.maxChars = maxChars;
    this.maxWaiting = maxWaiting;
    /** tab id → its waiting requests, oldest first (a tab is listed only while it has some). */
    this.waiting = new Map();
    /** tab id → the turn it was last served in. */
    this.lastTurn = new Map();
    this.turn = 0;
    this.loaded = null;
    this.poisoned = false;
    this.running = false;
    /** How many times the instance was replaced after a trap (for tests). */
    this.resets = 0;
  }

  /** Scans `json` for tab `tabId` in its turn; resolves to the core's answer or rejects with why not. */
  scan(tabId, json) {
    if (typeof json !== 'string') return Promise.reject(new Error('bersih:scan needs the request as a JSON string'));
    if (json.length > this.maxChars) {
      return Promise.reject(new Error(`request too large: ${json.length} characters, at most ${this.maxChars}`));
    }
    const queue = this.waiting.get(tabId) ?? [];
    if (queue.length >= this.maxWaiting) {
      return Promise.reject(new Error(`busy: tab ${tabId} has ${queue.length} requests waiting already`));
    }
    return new Promise((resolve, reject) => {
      queue.push({ json, resolve, reject });
      this.waiting.set(tabId, queue);
      this.pump();
    });
  }

  /** Drops the waiting requests of a closed tab: nobody would read their answers. */
  forget(tabId) {
    const queue = this.waiting.get(tabId) ?? [];
    this.waiting.delete(tabId);
    this.lastTurn.delete(tabId);
    for (const job of queue) job.reject(new Error('the tab was closed'));
  }

  /** The waiting tab served least recently (a tab never served first; ties: the one waiting longest). */
  next() {
    let best;
    let bestTurn = Infinity;
    for (const tabId of this.waiting.keys()) {
      const turn = this.lastTurn.get(tabId) ?? -1;
      if (turn < bestTurn) [best, bestTurn] = [tabId, turn];
    }
    return best;
  }

  async pump() {
    if (this.running) return;
    this.running = true;
    try {
      // Each turn starts in a task of its own, after the messages that came during the last one.
      await nextTask();
      while (this.waiting.size) {
        const tabId = this.next();
        const queue = this.waiting.get(tabId);
        const job = queue.shift();
        if (!queue.length) this.waiting.delete(tabId);
        this.lastTurn.set(tabId, this.turn++);
        await this.run(job);
        await nextTask();
      }
    } finally {
      this.running = false;
    }
  }

  async run({ json, resolve, reject }) {
    try {
      this.loaded ??= Promise.resolve(this.core.load());
      await this.loaded;
    } catch (err) {
      this.loaded = null; // try loading again on the next request
      return reject(new Error(`the core did not load: ${err?.message ?? err}`));
    }
    try {
      if (this.poisoned) {
        this.core.reset();
        this.poisoned = false;
        this.resets++;
      }
      resolve(this.core.scan(json));
    } catch (err) {
      if (poisons(err)) {
        this.poisoned = true;
        console.warn('Bersih: the core failed midway; the next scan runs on a fresh instance:', err);
      }
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  }
}
