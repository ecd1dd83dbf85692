import {
  ISO639_3_TO_1,
  MAX_DETECTION_SAMPLE,
  MIN_LETTERS_FOR_DETECTION,
  SCRIPT_RULES,
  TRIGRAM_MAX_DIFFERENCE,
  TRIGRAM_SAMPLE,
  UNDETERMINED,
} from './tables/languages.ts';
import { TRIGRAM_MODELS } from './tables/trigrams.ts';

const URL_OR_EMAIL = /\b(?:https?:\/\/|www\.)\S{1,300}|\S{1,64}@\S{1,255}/g;
const LETTER = /\p{L}/gu;
const LATIN_LETTER = /\p{Script=Latin}/gu;
/** franc's cleaning: ASCII punctuation and digits become spaces. */
const ASCII_PUNCT_DIGITS = /[\u0021-\u0040]+/g;

/** Per script: the languages in table order, and trigram -> its rank in each of them (-1: not in the model). */
interface ScriptModels {
  readonly codes: readonly string[];
  readonly ranks: ReadonlyMap<string, Int32Array>;
}

/** Built once from TRIGRAM_MODELS (0 = most frequent; a trigram listed twice keeps its last rank). */
const MODELS: ReadonlyMap<string, ScriptModels> = new Map(
  Object.entries(TRIGRAM_MODELS).map(([script, models]) => {
    const codes = Object.keys(models);
    const ranks = new Map<string, Int32Array>();
    codes.forEach((code, k) => {
      (models[code] ?? '').split('|').forEach((t, i) => {
        let row = ranks.get(t);
        if (!row) { row = new Int32Array(codes.length).fill(-1); ranks.set(t, row); }
        row[k] = i;
      });
    });
    return [script, { codes, ranks }] as const;
  }),
);

function countMatches(text: string, pattern: RegExp): number {
  pattern.lastIndex = 0;
  let n = 0;
  while (pattern.exec(text) !== null) n++;
  return n;
}

/** The sample's trigrams with their counts. */
function sampleTrigrams(text: string): Map<string, number> {
  const cleaned = ` ${text.slice(0, TRIGRAM_SAMPLE).replace(ASCII_PUNCT_DIGITS, ' ').replace(/\s+/g, ' ').trim().toLowerCase()} `;
  const counts = new Map<string, number>();
  for (let i = 0; i + 3 <= cleaned.length; i++) {
    const t = cleaned.slice(i, i + 3);
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return counts;
}

/**
 * franc's rank-distance: for each sample trigram, |count - rank - 1| if the language model has
 * it, else a fixed penalty. The smallest total wins (the first in table order on ties). Same
 * algorithm and models as franc-min, restricted to the whitelist in tables/languages.ts; all
 * languages are scored in one pass over the sample's trigrams.
 */
function closestLanguage(text: string, script: string): string {
  const models = MODELS.get(script);
  if (!models) return UNDETERMINED;
  const n = models.codes.length;
  const distance = new Float64Array(n);
  let unseen = 0;
  for (const [t, count] of sampleTrigrams(text)) {
    const row = models.ranks.get(t);
    if (row === undefined) { unseen++; continue; }
    for (let k = 0; k < n; k++) {
      const rank = row[k]!;
      distance[k]! += rank < 0 ? TRIGRAM_MAX_DIFFERENCE : Math.abs(count - rank - 1);
    }
  }
  let best = UNDETERMINED;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let k = 0; k < n; k++) {
    const d = distance[k]! + unseen * TRIGRAM_MAX_DIFFERENCE;
    if (d < bestDistance) { bestDistance = d; best = models.codes[k]!; }
  }
  return ISO639_3_TO_1[best] ?? UNDETERMINED;
}

/**
 * Detects the language of a text: ISO 639-1, or 'und' when the text is too short or
 * undetermined. Scripts that identify a language (kana, Hangul, Han, Thai, ...) decide
 * directly; otherwise a trigram model (franc-min's, whitelisted) chooses.
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
    if (n < MIN_LETTERS_FOR_DETECTION || rule.trigramScript === null) return UNDETERMINED;
    return closestLanguage(sample, rule.trigramScript);
  }
  if (countMatches(sample, LATIN_LETTER) < MIN_LETTERS_FOR_DETECTION) return UNDETERMINED;
  return closestLanguage(sample, 'Latin');
}
