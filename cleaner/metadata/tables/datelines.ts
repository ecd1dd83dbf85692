/**
 * Dateline grammar pieces. All quantifiers are bounded and the pieces are anchored at the
 * start of the line, so matching a dateline costs O(1) however long the paragraph is.
 */

/** Dashes and separators that end a dateline: "-", "--", "–", "—", ".-" (EFE), ":" */
export const DATELINE_DASH = String.raw`(?:\.?\s?(?:-{1,2}|[\u2013\u2014\u2015])|:)`;

/** One word of a place name: capitalised (Unicode), or a lowercase particle inside it. */
const PLACE_WORD = String.raw`(?:[\p{Lu}][\p{L}\p{M}'’.]{0,24}(?:-[\p{L}\p{M}]{1,20}){0,2})`;
const PLACE_PARTICLE = String.raw`(?:de|del|do|da|di|la|le|el|am|an|upon|sur|en|y|and|of)`;
export const PLACE = String.raw`${PLACE_WORD}(?: (?:${PLACE_PARTICLE} )?${PLACE_WORD}){0,3}`;

/** One all-capitals place word ("WARSAW", "SÃO", "ST.", "МОСКВА"). */
const CAPS_WORD = String.raw`(?:[\p{Lu}][\p{Lu}\p{M}'’.]{1,24}(?:-[\p{Lu}\p{M}]{1,20}){0,2})`;
export const CAPS_PLACE = String.raw`${CAPS_WORD}(?: (?:${PLACE_PARTICLE} |[\p{Lu}\p{M}]{1,3} )?${CAPS_WORD}){0,3}`;

/** ", Neb." / ", March 12" / ", 3 mar" / ", 12 марта": a short comma segment after the place. */
export const DATELINE_SEGMENT = String.raw`,\s?[\p{L}\p{M}\p{N}.'’ ]{1,30}`;

/** Parenthesised agency: "(Reuters)", "(dpa/sn)", "（共同）". Content is checked against the agency table. */
export const PAREN_AGENCY = String.raw`[(（]\s?([^()（）]{1,40}?)\s?[)）]`;

/**
 * All-capitals openers that look like a place but are kickers or labels ("BREAKING — ...").
 * An agency-less dateline must not start with one of these.
 */
export const CAPS_NOT_PLACES: ReadonlySet<string> = new Set([
  'BREAKING', 'BREAKING NEWS', 'UPDATE', 'UPDATED', 'EXCLUSIVE', 'WATCH', 'LIVE', 'ANALYSIS', 'OPINION',
  'CORRECTION', 'EDITORIAL', 'VIDEO', 'PHOTOS', 'PHOTO', 'FILE PHOTO', 'FILE', 'NOTE', 'EDITOR', 'EDITORS',
  'ADVERTISEMENT', 'UP NEXT', 'TAKEAWAYS', 'READ MORE', 'RELATED', 'WARNING', 'ALERT', 'URGENT', 'FLASH',
  'REVIEW', 'INTERVIEW', 'PODCAST', 'SPONSORED', 'ANZEIGE', 'PUBLICIDAD', 'ÚLTIMA HORA', 'EILMELDUNG',
  'NEWS', "EDITOR'S NOTE", 'EDITOR’S NOTE', 'UPDATE 1', 'UPDATE 2', 'UPDATE 3', 'FACTBOX', 'EXPLAINER', 'Q&A', 'TIMELINE', 'FACT CHECK',
]);

/** Korean Yonhap opener "(서울=연합뉴스) 홍길동 기자 = ". */
export const YONHAP_DATELINE = /^[(（]([\p{Script=Hangul}\p{L} ]{1,15})=([\p{Script=Hangul}A-Za-z]{2,10})[)）]\s?(?:[\p{Script=Hangul}]{2,5}(?: [\p{Script=Hangul}]{2,5}){0,3} ?(?:기자|특파원)\s?=\s?)?/u;

/** Chinese Xinhua opener "新华社北京3月12日电" with optional "（记者 …）". */
export const XINHUA_DATELINE = /^(新华社|新華社)[\p{Script=Han}\p{N}\s]{1,20}?[电電](?:[（(][^）)]{1,30}[）)])?\s?/u;

/** Japanese/Chinese bracketed dateline "【ワシントン共同】", "［東京　12日　ロイター］". */
export const CJK_BRACKET_DATELINE = /^[【［\[]([^【】［］\[\]]{1,30})[】］\]]\s?(?:[-–—]\s?)?/u;
