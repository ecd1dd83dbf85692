/** Small text helpers shared by the steps (tokens, CJK detection, word counts). */

/** Maximal runs of letters and digits. */
export const TOKEN_RE = /[\p{L}\p{N}]+/gu;
/** CJK ideographs, kana and CJK punctuation-free script characters counted one by one. */
export const CJK_CHAR_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const CJK_CHAR_G_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;

/** Character classes of the per-line scan (bit flags). */
export const C_WORD = 1; // letter or digit (\p{L}, \p{N}): part of a token
export const C_DIGIT = 2; // \p{N}
export const C_UPPER = 4; // \p{Lu}
export const C_CJK = 8; // CJK_CHAR_RE
export const C_POOLED = 16; // POOLED_SCRIPT_RE (Latin or Cyrillic script)
/** Latin or Cyrillic letters: the scripts whose stop words are pooled. */
const POOLED_SCRIPT_RE = /[\p{Script=Latin}\p{Script=Cyrillic}]/u;
const UPPER_START_RE = /^\p{Lu}/u;
const SINGLE_WORD_RE = /^[\p{L}\p{N}]$/u;
const SINGLE_DIGIT_RE = /^\p{N}$/u;
/** Flags of the ASCII characters, computed with the same regexes as the other code points. */
export const ASCII_CLASS = Uint8Array.from({ length: 128 }, (_, c) => classOf(String.fromCharCode(c)));
/**
 * Flags of the BMP code points seen so far, plus CLASS_KNOWN (0 = not classified yet): one typed
 * load per character of the feature scan instead of a Map lookup.
 */
const CLASS_BMP = new Uint8Array(65_536);
const CLASS_KNOWN = 0x80;
/** Flags of the astral code points seen so far (bounded: unseen ones are classified again). */
const CLASS_CACHE = new Map<number, number>();
const CLASS_CACHE_MAX = 65_536;

function classOf(ch: string): number {
  return (SINGLE_WORD_RE.test(ch) ? C_WORD : 0) | (SINGLE_DIGIT_RE.test(ch) ? C_DIGIT : 0) | (UPPER_START_RE.test(ch) ? C_UPPER : 0)
    | (CJK_CHAR_RE.test(ch) ? C_CJK : 0) | (POOLED_SCRIPT_RE.test(ch) ? C_POOLED : 0);
}

export function codePointClass(cp: number): number {
  if (cp < 128) return ASCII_CLASS[cp]!;
  if (cp < 0x10000) {
    const known = CLASS_BMP[cp]!;
    if (known !== 0) return known & ~CLASS_KNOWN;
    const flags = classOf(String.fromCharCode(cp));
    CLASS_BMP[cp] = flags | CLASS_KNOWN;
    return flags;
  }
  let f = CLASS_CACHE.get(cp);
  if (f === undefined) {
    f = classOf(String.fromCodePoint(cp));
    if (CLASS_CACHE.size < CLASS_CACHE_MAX) CLASS_CACHE.set(cp, f);
  }
  return f;
}

/** LOWER_BMP value of a unit whose lower case is not one unit of its own (see lowerUnit). */
export const LOWER_COMPLEX = 0xffff;
/** Lower case of the BMP units seen so far, plus one (0 = not computed yet). */
const LOWER_BMP = new Uint32Array(65_536);

/**
 * The unit a BMP code unit becomes when a string holding it is lower-cased, or LOWER_COMPLEX when
 * that depends on more than the unit: its lower case is longer (U+0130) or depends on its
 * neighbours (capital sigma, final form at a word end), or it is U+FFFF itself. For every other
 * unit, s.toLowerCase() is the concatenation of the units' lower cases.
 */
export function lowerUnit(c: number): number {
  if (c < 128) return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
  const known = LOWER_BMP[c]!;
  if (known !== 0) return known - 1;
  const lower = String.fromCharCode(c).toLowerCase();
  const unit = lower.length !== 1 || c === 0x3a3 || c === LOWER_COMPLEX ? LOWER_COMPLEX : lower.charCodeAt(0);
  LOWER_BMP[c] = unit + 1;
  return unit;
}

/** Tokens of letters/digits (CJK runs stay one token here; see wordCount for counting). */
export function tokens(text: string): string[] {
  return text.match(TOKEN_RE) ?? [];
}

/** Number of CJK characters in a text. */
export function cjkCount(text: string): number {
  return text.match(CJK_CHAR_G_RE)?.length ?? 0;
}

/**
 * Tokens of letters or digits, every CJK character counting one: "東京 2025 news" -> 2 + 1 + 1.
 */
export function wordCount(text: string): number {
  // without CJK every token counts one: count the token starts in one scan
  let count = 0;
  let inToken = false;
  let cjkSeen = false;
  for (let i = 0; i < text.length && !cjkSeen;) {
    const cp = text.codePointAt(i)!;
    const f = codePointClass(cp);
    if (f & C_WORD) { if (!inToken) count++; inToken = true; } else inToken = false;
    if (f & C_CJK) cjkSeen = true;
    i += cp > 0xffff ? 2 : 1;
  }
  if (!cjkSeen) return count;
  let n = 0;
  for (const tok of tokens(text)) {
    const cjk = cjkCount(tok);
    if (cjk === 0) { n += 1; continue; }
    n += cjk;
    // the non-CJK runs inside the token count one each
    const rest = tok.replace(CJK_CHAR_G_RE, ' ').trim();
    if (rest) n += rest.split(' ').filter(Boolean).length;
  }
  return n;
}
