/** Whitespace helper shared by the line recognisers. */

/** A whitespace character other than a space, or two spaces in a row: something for collapseSpaces to do. */
const OTHER_SPACE_OR_RUN_RE = /[^\S ]| {2}/;
const WHITESPACE_RUN_RE = /\s+/g;

/**
 * s.replace(/\s+/g, ' ').trim(), without building a new string when there is nothing to collapse
 * (lines from the normaliser never have anything to collapse).
 */
export function collapseSpaces(s: string): string {
  // the recognisers of a line each ask for the same line in turn
  if (s === lastIn) return lastOut;
  const out = (OTHER_SPACE_OR_RUN_RE.test(s) ? s.replace(WHITESPACE_RUN_RE, ' ') : s).trim();
  lastIn = s;
  lastOut = out;
  return out;
}

/** Drops the remembered line (a slice of the page would keep the page's text alive). */
export function forgetSpaces(): void {
  lastIn = '';
  lastOut = '';
}

let lastIn = '';
let lastOut = '';

/**
 * Whether a UTF-16 unit is what `\s` matches (with or without the `u` flag: every \s character is
 * in the BMP): the ECMAScript WhiteSpace and LineTerminator characters.
 */
export function isWhitespaceUnit(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f
    || c === 0x3000 || c === 0xfeff;
}
