/**
 * Step 1, normalise: the news-text corpus normalisation, applied to the whole text.
 * CRLF and lone CR -> LF; remove ANSI/VT escape sequences (colours, cursor moves, terminal titles);
 * remove invisible characters (BOM, zero-width space/non-joiner/joiner,
 * word joiner, soft hyphen) and other C0/C1 controls; NFC; every tab and Unicode space separator -> ' ';
 * collapse space runs; trim every line. Never throws, for any string (lone surrogates included).
 */

/** Line endings other than LF. */
export const LINE_BREAK_RE = /\r\n?/g;
/**
 * ANSI/VT escape sequences: CSI (ESC [ parameters, intermediates, final byte), OSC (ESC ] ... BEL or
 * ESC \\) and two-character ESC sequences (private ones such as ESC 7 / ESC 8, and C1 ones such as ESC M). Removed whole, before the other controls, so that no
 * "[31m" residue is left once the ESC itself is gone. Linear: every repetition stops at the next ESC.
 */
export const ANSI_ESCAPE_RE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[0-Z\\-_])/g;
/** Printable ASCII only: nothing for the normalisation to do but collapse spaces and trim. */
export const PRINTABLE_ASCII_RE = /^[\x20-\x7e]*$/;
const SPACES_RE = / {2,}/g;

/** Characters the corpus normalisation deletes. */
export const INVISIBLE_RE = /[\uFEFF\u200B\u200C\u200D\u2060\u00AD]/g;
/** Control characters other than tab and LF (C0, DEL and C1). */
export const CONTROL_RE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
/** Tabs and every space separator (category Zs). */
export const SPACE_RUN_RE = /[\t\p{Zs}]+/gu;

/** Normalises one line (no line breaks inside) exactly like the corpus `norm()`. */
export function normaliseLine(line: string): string {
  if (PRINTABLE_ASCII_RE.test(line)) return line.replace(SPACES_RE, ' ').trim();
  const plain = line.includes('\u001b') ? line.replace(ANSI_ESCAPE_RE, '') : line;
  // most non-ASCII lines (curly quotes, accents) have nothing to delete and only single plain spaces:
  // test once instead of building a new string per replace (SPACE_RUN_RE matches every single space)
  const kept = INVISIBLE_OR_CONTROL_RE.test(plain) ? plain.replace(INVISIBLE_RE, '').replace(CONTROL_RE, '') : plain;
  const nfc = kept.normalize('NFC');
  return (SPACE_TO_FIX_RE.test(nfc) ? nfc.replace(SPACE_RUN_RE, ' ') : nfc).trim();
}

/** Some character INVISIBLE_RE or CONTROL_RE would delete (the union of their classes). */
const INVISIBLE_OR_CONTROL_RE = /[\uFEFF\u200B\u200C\u200D\u2060\u00AD\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
/** A SPACE_RUN_RE match that is not a single plain space: a tab, another space separator, or a run of two. */
const SPACE_TO_FIX_RE = /\t|[^\P{Zs} ]|[\t\p{Zs}]{2}/u;

/** Normalises a whole text; the result has LF line breaks and trimmed lines. */
export function normalise(text: string): string {
  const unified = String(text ?? '').replace(LINE_BREAK_RE, '\n');
  return unified.split('\n').map(normaliseLine).join('\n');
}
