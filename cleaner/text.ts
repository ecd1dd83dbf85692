/** Small text helpers shared by the steps (tokens, CJK detection, word counts). */

/** Maximal runs of letters and digits. */
export const TOKEN_RE = /[\p{L}\p{N}]+/gu;
/** CJK ideographs, kana and CJK punctuation-free script characters counted one by one. */
export const CJK_CHAR_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const CJK_CHAR_G_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;

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
