// Watches the page for content that arrives later (lazy comments, infinite scroll, scripts that
// rewrite a post) with one MutationObserver, and hands the changes over once per animation frame.
//
// Only childList changes are watched (attributes and text edits in place are not ours to chase).
// Our own DOM changes run inside `quiet`, whose records are dropped, so cleaning never triggers
// cleaning. The number of nodes remembered per frame is capped; past the cap the batch says
// `overflow` and the caller rediscovers the page once instead of looking at every node.

const MAX_NODES = 2000;

export class Watcher {
  /** `onBatch({targets, added, overflow})` runs in an animation frame after changes. */
  constructor(onBatch) {
    this.onBatch = onBatch;
    this.observer = new MutationObserver((records) => this.take(records));
    this.count = 0;
    this.reset();
    this.frame = 0;
  }

  reset() {
    this.targets = new Set();
    this.added = new Set();
    this.overflow = false;
  }

  start(root) {
    this.observer.observe(root, { childList: true, subtree: true });
  }

  stop() {
    this.observer.disconnect();
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.reset();
  }

  take(records) {
    this.count += records.length;
    for (const r of records) {
      if (this.targets.size + this.added.size > MAX_NODES) {
        this.overflow = true;
        break;
      }
      this.targets.add(r.target);
      for (const n of r.addedNodes) if (n.nodeType === Node.ELEMENT_NODE) this.added.add(n);
    }
    this.schedule();
  }

  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const batch = { targets: this.targets, added: this.added, overflow: this.overflow };
      this.reset();
      this.onBatch(batch);
    });
  }

  /** Delivers pending records now and returns how many records were seen so far. */
  peek() {
    const records = this.observer.takeRecords();
    if (records.length) this.take(records);
    return this.count;
  }

  /** Runs `change` (our own DOM edits) so that the observer ignores what it does. */
  quiet(change) {
    this.peek();
    try {
      return change();
    } finally {
      this.observer.takeRecords();
    }
  }
}
