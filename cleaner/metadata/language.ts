import { franc } from 'franc-min';
import {
  ISO639_3_TO_1,
  LATIN_CANDIDATES,
  MAX_DETECTION_SAMPLE,
  MIN_LETTERS_FOR_DETECTION,
  SCRIPT_RULES,
  UNDETERMINED,
} from './tables/languages.ts';

const URL_OR_EMAIL = /\b(?:https?:\/\/|www\.)\S{1,300}|\S{1,64}@\S{1,255}/g;
const LETTER = /\p{L}/gu;
const LATIN_LETTER = /\p{Script=Latin}/gu;

function countMatches(text: string, pattern: RegExp): number {
  pattern.lastIndex = 0;
  let n = 0;
  while (pattern.exec(text) !== null) n++;
  return n;
}

/**
 * Detects the language of a text: ISO 639-1, or 'und' when the text is too short or
 * undetermined. Scripts that identify a language (kana, Hangul, Han, Thai, ...) decide
 * directly; otherwise franc-min's trigram model chooses among a whitelist.
 */
export function detectLanguage(text: string): string {
  const sample = text.slice(0, MAX_DETECTION_SAMPLE).replace(URL_OR_EMAIL, ' ');
  const letters = countMatches(sample, LETTER);
  if (letters === 0) return UNDETERMINED;
  for (const rule of SCRIPT_RULES) {
    const n = countMatches(sample, rule.pattern);
    if (n / letters < rule.share) continue;
    // CJK scripts carry one word per one or two characters: a few suffice.
    if (rule.language !== null) return n >= 2 ? rule.language : UNDETERMINED;
    if (n < MIN_LETTERS_FOR_DETECTION) return UNDETERMINED;
    return fromFranc(sample, rule.candidates);
  }
  if (countMatches(sample, LATIN_LETTER) < MIN_LETTERS_FOR_DETECTION) return UNDETERMINED;
  return fromFranc(sample, LATIN_CANDIDATES);
}

function fromFranc(sample: string, only: readonly string[]): string {
  const code = franc(sample, { only: [...only], minLength: MIN_LETTERS_FOR_DETECTION });
  return ISO639_3_TO_1[code] ?? UNDETERMINED;
}
