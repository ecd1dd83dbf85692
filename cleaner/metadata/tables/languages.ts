/**
 * Language-detection tables: script shortcuts, the ISO 639-3 -> 639-1 map for the
 * trigram detector, and the whitelist of languages the detector may answer.
 */

/** Minimum letters (after stripping digits, punctuation, URLs) before we dare to guess. */
export const MIN_LETTERS_FOR_DETECTION = 20;

/** Only the first N characters are examined (detection cost is bounded per document). */
export const MAX_DETECTION_SAMPLE = 4000;

/**
 * A script that decides the language on its own (or narrows it to a few candidates).
 * `share` is the fraction of letters in the sample that must belong to the script.
 */
export interface ScriptRule {
  readonly name: string;
  readonly pattern: RegExp;
  /** ISO 639-1 answer when the script alone decides, else null (use `candidates`). */
  readonly language: string | null;
  /** ISO 639-3 codes passed to the trigram detector when `language` is null. */
  readonly candidates: readonly string[];
  readonly share: number;
}

/**
 * Ordered: kana before Han (Japanese text is mostly Han), Hangul before Han.
 * Patterns are global single-character classes, so counting matches is linear.
 */
export const SCRIPT_RULES: readonly ScriptRule[] = [
  { name: 'kana', pattern: /[\p{Script=Hiragana}\p{Script=Katakana}]/gu, language: 'ja', candidates: [], share: 0.05 },
  { name: 'hangul', pattern: /\p{Script=Hangul}/gu, language: 'ko', candidates: [], share: 0.3 },
  { name: 'han', pattern: /\p{Script=Han}/gu, language: 'zh', candidates: [], share: 0.3 },
  { name: 'thai', pattern: /\p{Script=Thai}/gu, language: 'th', candidates: [], share: 0.3 },
  { name: 'greek', pattern: /\p{Script=Greek}/gu, language: 'el', candidates: [], share: 0.4 },
  { name: 'hebrew', pattern: /\p{Script=Hebrew}/gu, language: 'he', candidates: [], share: 0.4 },
  { name: 'devanagari', pattern: /\p{Script=Devanagari}/gu, language: 'hi', candidates: [], share: 0.4 },
  { name: 'arabic', pattern: /\p{Script=Arabic}/gu, language: null, candidates: ['arb', 'pes', 'urd'], share: 0.4 },
  { name: 'cyrillic', pattern: /\p{Script=Cyrillic}/gu, language: null, candidates: ['rus', 'ukr', 'bul', 'srp', 'bel', 'mkd'], share: 0.4 },
];

/**
 * Latin-script languages the trigram detector may choose from. A whitelist avoids
 * exotic answers (Scots, Tagalog, Luxembourgish) for short English or Spanish text.
 */
export const LATIN_CANDIDATES: readonly string[] = [
  'eng', 'spa', 'deu', 'fra', 'por', 'ita', 'nld', 'ind', 'pol', 'swe', 'dan', 'nob',
  'fin', 'tur', 'ces', 'ron', 'hun', 'vie', 'hrv', 'slk', 'cat',
];

/** ISO 639-3 (franc) -> ISO 639-1. */
export const ISO639_3_TO_1: Readonly<Record<string, string>> = {
  eng: 'en', spa: 'es', deu: 'de', fra: 'fr', por: 'pt', ita: 'it', nld: 'nl', ind: 'id',
  pol: 'pl', swe: 'sv', dan: 'da', nob: 'no', nno: 'no', fin: 'fi', tur: 'tr', ces: 'cs',
  ron: 'ro', hun: 'hu', vie: 'vi', hrv: 'hr', slk: 'sk', cat: 'ca', rus: 'ru', ukr: 'uk',
  bul: 'bg', srp: 'sr', bel: 'be', mkd: 'mk', arb: 'ar', pes: 'fa', urd: 'ur', zlm: 'ms',
  cmn: 'zh', jpn: 'ja', kor: 'ko', ell: 'el', heb: 'he', hin: 'hi', tha: 'th',
};

/** Undetermined, per ISO 639-2 convention. */
export const UNDETERMINED = 'und';
