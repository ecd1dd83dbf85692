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
  readonly ranks: ReadonlyMap<number, Int32Array>;
}

/**
 * Three UTF-16 units as one exact number, a trigram key without building a string: below 2^30 (a
 * small integer, the fast map key) when every unit is below 1024, else 2^30 + a 48-bit packing.
 */
function trigramKey(s: string, i: number): number {
  const a = s.charCodeAt(i);
  const b = s.charCodeAt(i + 1);
  const c = s.charCodeAt(i + 2);
  if ((a | b | c) < 1024) return (a << 20) | (b << 10) | c;
  return 1_073_741_824 + a * 4_294_967_296 + b * 65_536 + c;
}

/** Built once from TRIGRAM_MODELS (0 = most frequent; a trigram listed twice keeps its last rank). */
const MODELS: ReadonlyMap<string, ScriptModels> = new Map(
  Object.entries(TRIGRAM_MODELS).map(([script, models]) => {
    const codes = Object.keys(models);
    const ranks = new Map<number, Int32Array>();
    codes.forEach((code, k) => {
      (models[code] ?? '').split('|').forEach((t, i) => {
        if (t.length !== 3) return; // never equal to a sample trigram
        const key = trigramKey(t, 0);
        let row = ranks.get(key);
        if (!row) { row = new Int32Array(codes.length).fill(-1); ranks.set(key, row); }
        row[k] = i;
      });
    });
    return [script, { codes, ranks }] as const;
  }),
);

/**
 * The single-character classes counted in a sample: SCRIPT_RULES' patterns in order, then LETTER
 * and LATIN_LETTER. Each code point's membership is a bit mask, computed once per code point with
 * the patterns themselves, so one scan counts the matches of every pattern.
 */
const CLASS_PATTERNS: readonly RegExp[] = [...SCRIPT_RULES.map((r) => r.pattern), LETTER, LATIN_LETTER].map(
  (re) => new RegExp(`^(?:${re.source})$`, re.flags.replace('g', '')),
);
const LETTER_SLOT = SCRIPT_RULES.length;
const LATIN_SLOT = SCRIPT_RULES.length + 1;
const ASCII_MASKS = Uint32Array.from({ length: 128 }, (_, c) => classMask(String.fromCharCode(c)));
const MASK_CACHE = new Map<number, number>();
const MASK_CACHE_MAX = 65_536;

function classMask(ch: string): number {
  let mask = 0;
  CLASS_PATTERNS.forEach((re, k) => { if (re.test(ch)) mask |= 1 << k; });
  return mask;
}

/** How many code points of the text match each of CLASS_PATTERNS (as counting the global patterns' matches). */
function scriptCounts(text: string): Int32Array {
  const counts = new Int32Array(CLASS_PATTERNS.length);
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    let mask: number | undefined;
    if (cp < 128) mask = ASCII_MASKS[cp]!;
    else {
      mask = MASK_CACHE.get(cp);
      if (mask === undefined) {
        mask = classMask(String.fromCodePoint(cp));
        if (MASK_CACHE.size < MASK_CACHE_MAX) MASK_CACHE.set(cp, mask);
      }
    }
    for (let k = 0; mask !== 0; k++, mask >>>= 1) if (mask & 1) counts[k]!++;
  }
  return counts;
}

/** The sample's trigrams (as trigramKey) with their counts. */
function sampleTrigrams(text: string): Map<number, number> {
  const cleaned = ` ${text.slice(0, TRIGRAM_SAMPLE).replace(ASCII_PUNCT_DIGITS, ' ').replace(/\s+/g, ' ').trim().toLowerCase()} `;
  const counts = new Map<number, number>();
  for (let i = 0; i + 3 <= cleaned.length; i++) {
    const t = trigramKey(cleaned, i);
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
  const head = text.slice(0, MAX_DETECTION_SAMPLE);
  // URL_OR_EMAIL cannot match without one of these (and is costly to run on every position)
  const sample = head.includes('@') || head.includes('http') || head.includes('www.') ? head.replace(URL_OR_EMAIL, ' ') : head;
  const counts = scriptCounts(sample);
  const letters = counts[LETTER_SLOT]!;
  if (letters === 0) return UNDETERMINED;
  for (let r = 0; r < SCRIPT_RULES.length; r++) {
    const rule = SCRIPT_RULES[r]!;
    const n = counts[r]!;
    if (n / letters < rule.share) continue;
    // CJK scripts carry one word per one or two characters: a few suffice.
    if (rule.language !== null) return n >= 2 ? rule.language : UNDETERMINED;
    if (n < MIN_LETTERS_FOR_DETECTION || rule.trigramScript === null) return UNDETERMINED;
    return closestLanguage(sample, rule.trigramScript);
  }
  if (counts[LATIN_SLOT]! < MIN_LETTERS_FOR_DETECTION) return UNDETERMINED;
  return closestLanguage(sample, 'Latin');
}
