/**
 * Cheap character classes for the line model: a table for the BMP built once at module load,
 * so feature extraction is one pass over char codes with no per-character regex.
 * Classes are approximate outside the common scripts (good enough for shares of a line).
 */

export const C_OTHER = 0;
export const C_LOWER = 1;
export const C_UPPER = 2;
/** A letter with no case (Arabic, Hebrew, Devanagari, Thai, Hangul...). */
export const C_LETTER = 3;
export const C_DIGIT = 4;
export const C_SPACE = 5;
export const C_PUNCT = 6;
/** CJK ideographs and kana: letters that are not separated by spaces. */
export const C_CJK = 7;

/** Inclusive code-point ranges, applied in order (later ranges override earlier ones). */
const RANGES: readonly (readonly [number, number, number])[] = [
  [0x80, 0xffff, C_LETTER], // default for non-ASCII: a caseless letter
  [0x21, 0x2f, C_PUNCT],
  [0x3a, 0x40, C_PUNCT],
  [0x5b, 0x60, C_PUNCT],
  [0x7b, 0x7e, C_PUNCT],
  [0x30, 0x39, C_DIGIT],
  [0x41, 0x5a, C_UPPER],
  [0x61, 0x7a, C_LOWER],
  [0x09, 0x09, C_SPACE],
  [0x20, 0x20, C_SPACE],
  [0x80, 0xbf, C_PUNCT], // Latin-1 controls and symbols (« » © · ...)
  [0xa0, 0xa0, C_SPACE],
  [0xaa, 0xaa, C_LOWER],
  [0xb5, 0xb5, C_LOWER],
  [0xba, 0xba, C_LOWER],
  [0xc0, 0xde, C_UPPER],
  [0xd7, 0xd7, C_PUNCT],
  [0xdf, 0xff, C_LOWER],
  [0xf7, 0xf7, C_PUNCT],
  [0x370, 0x3ff, C_LOWER], // Greek (upper block below)
  [0x386, 0x3ab, C_UPPER],
  [0x400, 0x42f, C_UPPER], // Cyrillic
  [0x430, 0x52f, C_LOWER],
  [0x1e00, 0x1eff, C_LOWER], // Latin Extended Additional (case handled by parity below)
  [0x2000, 0x2bff, C_PUNCT], // general punctuation, symbols, arrows, boxes
  [0x2000, 0x200a, C_SPACE],
  [0x202f, 0x202f, C_SPACE],
  [0x205f, 0x205f, C_SPACE],
  [0x2e00, 0x2e7f, C_PUNCT],
  [0x3000, 0x303f, C_PUNCT], // CJK punctuation
  [0x3000, 0x3000, C_SPACE],
  [0x3040, 0x30ff, C_CJK], // kana
  [0x30fb, 0x30fb, C_PUNCT],
  [0x3400, 0x4dbf, C_CJK],
  [0x4e00, 0x9fff, C_CJK],
  [0xf900, 0xfaff, C_CJK],
  [0xfe30, 0xfe4f, C_PUNCT],
  [0xff01, 0xff0f, C_PUNCT], // fullwidth forms
  [0xff10, 0xff19, C_DIGIT],
  [0xff1a, 0xff20, C_PUNCT],
  [0xff21, 0xff3a, C_UPPER],
  [0xff3b, 0xff40, C_PUNCT],
  [0xff41, 0xff5a, C_LOWER],
  [0xff5b, 0xff65, C_PUNCT],
  [0xff66, 0xff9f, C_CJK],
  [0xd800, 0xdfff, C_LETTER], // surrogates: count as letters (emoji are rare in lines)
];

function buildTable(): Uint8Array {
  const t = new Uint8Array(0x10000);
  for (const [lo, hi, cls] of RANGES) t.fill(cls, lo, hi + 1);
  // Latin Extended-A/B: even code points are mostly upper case, odd lower.
  for (let c = 0x100; c <= 0x17f; c++) t[c] = c % 2 === 0 ? C_UPPER : C_LOWER;
  for (let c = 0x1e00; c <= 0x1eff; c++) t[c] = c % 2 === 0 ? C_UPPER : C_LOWER;
  return t;
}

/** Class of every UTF-16 code unit. */
export const CHAR_CLASS: Uint8Array = buildTable();

/** Lower-case a code unit for hashing (ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic, fullwidth). */
export function lowerCode(c: number): number {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
  if (c >= 0xc0 && c <= 0xde && c !== 0xd7) return c + 0x20;
  if (c >= 0x100 && c <= 0x17f) return c | 1;
  if (c >= 0x391 && c <= 0x3ab) return c + 0x20;
  if (c >= 0x410 && c <= 0x42f) return c + 0x20;
  if (c >= 0x400 && c <= 0x40f) return c + 0x50;
  if (c >= 0xff21 && c <= 0xff3a) return c + 0x20;
  return c;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a hash of the lower-cased code units of s[start, end). */
export function wordHash(s: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    h ^= c < 0x80 ? (c >= 0x41 && c <= 0x5a ? c + 0x20 : c) : lowerCode(c);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}
