// A scan request laid out as the core reads it (`api::handle` in src/api.rs): the blocks' texts as
// UTF-8 bytes one after another, three numbers a block in a Uint32Array (the text's length in
// UTF-16 code units, its kind, its post), and the options' JSON as bytes. Read from JSON, the texts
// were most of the work of reading a request; laid out flat the core slices them where they lie.

/** Block kinds by their number in a layout: `BlockKind::ALL`'s order (a Rust test compares them). */
const KINDS = ['body', 'title', 'labels', 'footer', 'comments-header', 'comment', 'share', 'pager', 'feed', 'backlinks', 'comment-form'];
const KIND_NUMBERS = new Map(KINDS.map((kind, n) => [kind, n]));
/** The numbers a block has in a layout. */
const FIELDS = 3;
/** UTF-8 takes at most three bytes for a UTF-16 code unit. */
const MAX_BYTES_PER_UNIT = 3;
/** Bytes the texts' buffer starts with beyond one a code unit. */
const SLACK = 64;
/**
 * Code units of text encoded in one call: a `TextEncoder` call and a view a block were most of
 * laying out a long page in Chromium (76 of 81 ms for 10 MB in 97,561 blocks), so blocks are
 * joined and encoded together, their lengths given in code units for the core to find their
 * bytes.
 */
const GROUP_UNITS = 1 << 16;

const utf8 = new TextEncoder();

/** Whether `text` ends with the first half of a surrogate pair, which the next block's text could complete. */
function endsInHighSurrogate(text) {
  const last = text.charCodeAt(text.length - 1);
  return last >= 0xd800 && last <= 0xdbff;
}

/**
 * `{blocks: [{text, kind?, post?}], options?}` as the core's three arguments: `[texts, layout,
 * options]`. Throws a plain Error on a block the core could not read (text not a string, unknown
 * kind, post not a 32-bit unsigned integer), as the core's own refusals are.
 */
export function flatten(request) {
  if (typeof request !== 'object' || request === null) throw new Error('bad scan request: not an object');
  const { blocks = [], options = {} } = request;
  if (!Array.isArray(blocks)) throw new Error('bad scan request: blocks is not a list');
  const layout = new Uint32Array(blocks.length * FIELDS);
  let units = 0;
  for (let n = 0; n < blocks.length; n++) {
    const block = blocks[n];
    const text = block?.text;
    if (typeof text !== 'string') throw new Error('bad scan request: a block without text');
    const kind = block.kind === undefined ? 'body' : block.kind;
    const post = block.post === undefined ? 0 : block.post;
    const number = KIND_NUMBERS.get(kind);
    if (number === undefined) throw new Error(`bad scan request: unknown block kind ${JSON.stringify(kind)}`);
    if (!Number.isInteger(post) || post < 0 || post > 0xffff_ffff) throw new Error(`bad scan request: post ${post}`);
    layout[n * FIELDS] = text.length;
    layout[n * FIELDS + 1] = number;
    layout[n * FIELDS + 2] = post;
    units += text.length;
  }
  // Most text is ASCII, a byte a code unit: sized for that with some room, and grown (doubling)
  // before a group that might not fit, so a long page does not zero three times its size.
  let texts = new Uint8Array(units + (units >> 3) + SLACK);
  let at = 0;
  let group = '';
  const encode = () => {
    const room = at + group.length * MAX_BYTES_PER_UNIT;
    if (room > texts.length) {
      const grown = new Uint8Array(Math.max(room, 2 * texts.length));
      grown.set(texts.subarray(0, at));
      texts = grown;
    }
    at += utf8.encodeInto(group, texts.subarray(at)).written;
    group = '';
  };
  for (const { text } of blocks) {
    group += text;
    // A lone half of a pair is encoded as U+FFFD within its own block, as the page holds it:
    // never joined with a half that starts the next block.
    if (group.length >= GROUP_UNITS || endsInHighSurrogate(text)) encode();
  }
  encode();
  return [texts.subarray(0, at), layout, utf8.encode(JSON.stringify(options ?? {}))];
}

/** `flatten` of a request's JSON (as the background receives it from a content script). */
export function flattenJson(json) {
  let request;
  try {
    request = JSON.parse(json);
  } catch {
    throw new Error('bad scan request: not JSON');
  }
  return flatten(request);
}
