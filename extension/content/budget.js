// How much work one page may cost: a budget per page (core calls, blocks, characters) and a limit
// per core call, so that no page, however large or restless, can keep the tab busy for long. A
// page that reaches its budget keeps what was cleaned so far and says so (`capped` in the report).
//
// Every number here is a count, never a time: the same page is cut at the same place on every
// machine.

/**
 * One core call: at most this much, so one call stays short (and below the background's cap); a
 * post larger than that is judged up to there. Several posts go in one call up to `batchBlocks`.
 */
export const CALL = Object.freeze({ blocks: 12_000, chars: 600_000, batchBlocks: 2_000 });

/** One page, over its whole life (load, late content, rescans): then Bersih stops on it. */
export const PAGE = Object.freeze({ scans: 500, blocks: 100_000, chars: 4_000_000 });

/** What one collection may still take; `hit` names the first bound it ran into. */
export class Limit {
  constructor(blocks, chars) {
    this.blocks = blocks;
    this.chars = chars;
    this.hit = null;
  }

  /** Takes one block of `length` characters, or says no (and remembers why). */
  take(length) {
    if (this.hit) return false;
    if (this.blocks < 1) this.hit = 'blocks';
    else if (this.chars < length) this.hit = 'chars';
    if (this.hit) return false;
    this.blocks -= 1;
    this.chars -= length;
    return true;
  }

  save() {
    return { blocks: this.blocks, chars: this.chars, hit: this.hit };
  }

  restore(saved) {
    Object.assign(this, saved);
  }
}

/** The page's budget. */
export class Budget {
  constructor(page = PAGE, call = CALL) {
    this.page = page;
    this.call = call;
    this.scans = 0;
    this.blocks = 0;
    this.chars = 0;
  }

  /** The limit of the next core call, or null when the page has no call left. */
  nextCall() {
    if (this.scans >= this.page.scans) return null;
    return new Limit(
      Math.min(this.call.blocks, this.page.blocks - this.blocks),
      Math.min(this.call.chars, this.page.chars - this.chars),
    );
  }

  /** Whether what stopped `limit` is the page's budget rather than the call's own bound. */
  pageSpent(limit) {
    if (limit.hit === 'blocks') return this.page.blocks - this.blocks <= this.call.blocks;
    if (limit.hit === 'chars') return this.page.chars - this.chars <= this.call.chars;
    return false;
  }

  /** Records one core call of `blocks` blocks and `chars` characters. */
  spend(blocks, chars) {
    this.scans += 1;
    this.blocks += blocks;
    this.chars += chars;
  }
}
