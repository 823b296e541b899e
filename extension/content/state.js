// The content script's state on this page, shared by its modules: what the parser and the settings
// said, the units (posts, the page's widgets) and what is held back, the budget, and what was
// reported. One page, one script: a module-level value.

import { Budget } from './budget.js';
import { byHost } from './platform.js';

export const host = location.hostname;
export const state = {
  t0: 0,
  /** The site-on flag script ran: hold back posts before the settings are read. */
  armed: null,
  /** The flag also said the settings ask for nothing but the defaults (content/on-defaults.js). */
  presumed: false,
  settings: null,
  /** Whether to clean this page, once the settings are read. */
  enabled: null,
  /** The page's platform (platform.js): from the host, else null until a signal or the parse's end. */
  platform: byHost(host),
  parsing: document.readyState === 'loading',
  failed: false,
  /** Why the page was not cleaned fully: null, 'blocks', 'chars' or 'scans' (budget.js). */
  capped: null,
  /** The page's budget is spent: nothing more is judged. */
  stopped: false,
  units: [],
  /** Post units found while the page streamed in (a lone post takes the comments outside it). */
  posts: [],
  /** Root element (post container, extra comment section, page widget) → its unit. */
  rootOf: new Map(),
  page: null,
  /** Held elements that belong to no unit yet (a post title before its body). */
  orphans: [],
  /** Elements of a held kind found before the page's platform was known (custom domains). */
  undecided: [],
  /** Held element → `{since, parsedAt}` (performance.now()). */
  held: new Map(),
  /** Units with parts still being parsed, or parsed and not judged yet. */
  streaming: new Set(),
  /** Judged units the page changed since. */
  dirty: new Set(),
  running: false,
  /**
   * Once discovery narrowed to the post area while parsing (main.js `narrowTo`): the area's
   * ancestors, watched for their own children only (a sign the area is whole); else null.
   */
  aroundArea: null,
  frame: 0,
  failsafe: 0,
  /** The timer that judges again the posts whose later parts wait (main.js `isDue`). */
  rescan: 0,
  rediscover: false,
  prune: false,
  nextId: 1,
  generation: 0, // bumped when cleaning is switched on or off: older answers are dropped
  budget: new Budget(),
  /** The last `bersih:report`: its numbers, and `seq`, counted up by each one this page sent. */
  reported: { count: -1, capped: null, found: false, seq: 0 },
  /** This script's run on this page: a report's `seq` means something only with it. */
  run: Math.random().toString(36).slice(2),
  /** Items already added to the running total (`bersih:report` `added`), by `newlyHidden`'s key. */
  counted: new Set(),
  /** `items()` in page order, until the items change. */
  sorted: null,
  timing: {},
};

export const round = (ms) => Math.round(ms * 10) / 10;
/** Milliseconds since the script started, to a tenth. */
export const since = () => round(performance.now() - state.t0);
