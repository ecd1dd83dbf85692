/**
 * Language-detection tables: script shortcuts, the ISO 639-3 -> 639-1 map for the
 * trigram detector, and the whitelist of languages the detector may answer.
 */

/** Minimum letters (after stripping digits, punctuation, URLs) before we dare to guess. */
export const MIN_LETTERS_FOR_DETECTION = 20;

/** Only the first N characters are examined (detection cost is bounded per document). */
export const MAX_DETECTION_SAMPLE = 4000;

/**
 * A script that decides the language on its own, or names the trigram models that decide.
 * `share` is the fraction of letters in the sample that must belong to the script.
 */
export interface ScriptRule {
  readonly name: string;
  readonly pattern: RegExp;
  /** ISO 639-1 answer when the script alone decides, else null (use `trigramScript`). */
  readonly language: string | null;
  /** Script whose trigram models decide when `language` is null (a key of TRIGRAM_LANGUAGES). */
  readonly trigramScript: string | null;
  readonly share: number;
}

/**
 * Ordered: kana before Han (Japanese text is mostly Han), Hangul before Han.
 * Patterns are global single-character classes, so counting matches is linear.
 */
export const SCRIPT_RULES: readonly ScriptRule[] = [
  { name: 'kana', pattern: /[\p{Script=Hiragana}\p{Script=Katakana}]/gu, language: 'ja', trigramScript: null, share: 0.05 },
  { name: 'hangul', pattern: /\p{Script=Hangul}/gu, language: 'ko', trigramScript: null, share: 0.3 },
  { name: 'han', pattern: /\p{Script=Han}/gu, language: 'zh', trigramScript: null, share: 0.3 },
  { name: 'thai', pattern: /\p{Script=Thai}/gu, language: 'th', trigramScript: null, share: 0.3 },
  { name: 'greek', pattern: /\p{Script=Greek}/gu, language: 'el', trigramScript: null, share: 0.4 },
  { name: 'hebrew', pattern: /\p{Script=Hebrew}/gu, language: 'he', trigramScript: null, share: 0.4 },
  { name: 'devanagari', pattern: /\p{Script=Devanagari}/gu, language: 'hi', trigramScript: null, share: 0.4 },
  { name: 'arabic', pattern: /\p{Script=Arabic}/gu, language: null, trigramScript: 'Arabic', share: 0.4 },
  { name: 'cyrillic', pattern: /\p{Script=Cyrillic}/gu, language: null, trigramScript: 'Cyrillic', share: 0.4 },
];

/**
 * Languages the trigram detector may choose from, per script (franc-min model names). A
 * whitelist avoids exotic answers (Javanese, Sundanese, Tagalog) for short Indonesian or
 * English text, and keeps the generated model table small (see tables/trigrams.ts).
 */
export const TRIGRAM_LANGUAGES: Readonly<Record<string, readonly string[]>> = {
  Latin: ['eng', 'spa', 'deu', 'fra', 'por', 'ita', 'nld', 'ind', 'pol', 'swe', 'tur', 'ces', 'ron', 'hun', 'vie', 'hrv'],
  Cyrillic: ['rus', 'ukr', 'bul', 'bel', 'srp'],
  Arabic: ['arb', 'pes', 'urd'],
};

/** ISO 639-3 (franc) -> ISO 639-1. */
export const ISO639_3_TO_1: Readonly<Record<string, string>> = {
  eng: 'en', spa: 'es', deu: 'de', fra: 'fr', por: 'pt', ita: 'it', nld: 'nl', ind: 'id',
  pol: 'pl', swe: 'sv', dan: 'da', nob: 'no', nno: 'no', fin: 'fi', tur: 'tr', ces: 'cs',
  ron: 'ro', hun: 'hu', vie: 'vi', hrv: 'hr', slk: 'sk', cat: 'ca', rus: 'ru', ukr: 'uk',
  bul: 'bg', srp: 'sr', bel: 'be', mkd: 'mk', arb: 'ar', pes: 'fa', urd: 'ur', zlm: 'ms',
  cmn: 'zh', jpn: 'ja', kor: 'ko', ell: 'el', heb: 'he', hin: 'hi', tha: 'th',
};

/** Trigram detection constants, as in franc: sample cap and the penalty for an unseen trigram. */
export const TRIGRAM_SAMPLE = 2048;
export const TRIGRAM_MAX_DIFFERENCE = 300;

/** Undetermined, per ISO 639-2 convention. */
export const UNDETERMINED = 'und';
