// How Bersih changes what is rendered, without a stylesheet and without marks a page could read:
// each node it hides, holds back or reveals gets the declarations it needs in its own inline style
// (CSSOM, which no page CSP blocks), and gets its `style` attribute back exactly as served when it
// is left alone again. A node may be in several states at once (held while loading, hidden, shown
// struck through, flashed); its inline style is rebuilt from them on every change.
//
// What a page can see: the inline style of the nodes Bersih hides or holds back, while it does.
// Which category, rule or phrase hid a node stays in the content script's memory.

/** Node → its states `{hold, hide, flash}` (only nodes with at least one). */
const states = new Map();
/** Node → its `style` attribute as served (null when it had none), while Bersih styles it. */
const served = new Map();
/** Node → the `style` attribute as Bersih last wrote it, to tell a page's own later change. */
const written = new Map();
/** The declarations Bersih writes; only these are taken back when a page changed the rest. */
const PROPERTIES = ['display', 'visibility', 'text-decoration', 'background', 'outline'];
let revealed = false;

function declarations({ hold, hide, flash }) {
  const out = [];
  if (hold) out.push(['visibility', 'hidden']);
  if (flash) {
    out.push(['outline', '2px solid #e8a400'], ['background', 'rgba(255, 196, 0, 0.4)']);
  } else if (hide && revealed) {
    out.push(['text-decoration', 'line-through'], ['background', 'rgba(255, 196, 0, 0.25)']);
  } else if (hide) {
    out.push(['display', 'none']);
  }
  return out;
}

/** Puts `node`'s style attribute back as served (or takes back only Bersih's declarations). */
function restore(node) {
  if (!served.has(node)) return;
  const original = served.get(node);
  const current = node.getAttribute('style');
  served.delete(node);
  if (current === written.get(node)) {
    written.delete(node);
    if (original === null) return node.removeAttribute('style');
    node.setAttribute('style', original);
    if (node.getAttribute('style') === original) return;
  }
  written.delete(node);
  // A page that changed the style itself (or a CSP that refused our write back): keep its part.
  for (const property of PROPERTIES) node.style.removeProperty(property);
  if (original === null && !node.style.length) node.removeAttribute('style');
}

function render(node) {
  const state = states.get(node);
  restore(node);
  if (!state) return;
  const list = declarations(state);
  if (!list.length) return;
  served.set(node, node.getAttribute('style'));
  for (const [property, value] of list) node.style.setProperty(property, value, 'important');
  written.set(node, node.getAttribute('style'));
}

function set(node, key, on) {
  const state = states.get(node) ?? { hold: false, hide: false, flash: false };
  if (state[key] === on) return;
  state[key] = on;
  if (state.hold || state.hide || state.flash) states.set(node, state);
  else states.delete(node);
  render(node);
}

/** Holds `node` back from being rendered (visibility: hidden) until `release`. */
export const hold = (node) => set(node, 'hold', true);
export const release = (node) => set(node, 'hold', false);
export const isHeld = (node) => states.get(node)?.hold === true;

/** Hides `node` (display: none), or shows it struck through while revealed. */
export const hide = (node) => set(node, 'hide', true);
export const unhide = (node) => set(node, 'hide', false);

/** Shows `node` highlighted even when hidden, until `unflash`. */
export const flash = (node) => set(node, 'flash', true);
export const unflash = (node) => set(node, 'flash', false);

/** "Show hidden": every hidden node shown struck through (or hidden again). */
export function setRevealed(on) {
  if (revealed === Boolean(on)) return;
  revealed = Boolean(on);
  for (const [node, state] of states) if (state.hide) render(node);
}

export const isRevealed = () => revealed;
