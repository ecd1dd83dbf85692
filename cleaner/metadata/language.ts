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
const WHITESPACE_RUN = /\s+/g;
const WHITESPACE_CHAR = /^\s$/;

/**
 * Per script: the languages in table order, and the models' trigrams as a two-level direct table.
 * Each UTF-16 unit found in the script's models has an alphabet index (1..127, 0: in no model);
 * a pair of indices has a block of 128 slots (pairBlocks: slot offset, or -1 when no trigram
 * starts with the pair), whose slot for the third index holds the trigram's entry (or -1). Entry
 * e's languages and ranks are langs/ranks[starts[e] .. starts[e + 1]) (only the languages whose
 * model has the trigram).
 */
interface ScriptModels {
  readonly codes: readonly string[];
  readonly alphabet: Uint8Array;
  readonly pairBlocks: Int32Array;
  readonly thirds: Int32Array;
  readonly starts: Int32Array;
  readonly langs: Int32Array;
  readonly ranks: Int32Array;
}

const ALPHABET_BITS = 7;
const ALPHABET_SIZE = 1 << ALPHABET_BITS;

/** Built once from TRIGRAM_MODELS (0 = most frequent; a trigram listed twice keeps its last rank). */
const MODELS: ReadonlyMap<string, ScriptModels> = new Map(
  Object.entries(TRIGRAM_MODELS).map(([script, models]) => {
    const codes = Object.keys(models);
    // trigrams of another length never equal a sample trigram
    const lists = codes.map((code) => (models[code] ?? '').split('|'));
    const alphabet = new Uint8Array(65_536);
    let letters = 0;
    const indexOf = (unit: number): number => {
      if (alphabet[unit] === 0) {
        if (++letters >= ALPHABET_SIZE) throw new Error(`the ${script} trigram models use more than ${ALPHABET_SIZE - 1} units`);
        alphabet[unit] = letters;
      }
      return alphabet[unit]!;
    };
    const pairBlocks = new Int32Array(ALPHABET_SIZE * ALPHABET_SIZE).fill(-1);
    const blocks: Int32Array[] = [];
    const rows: Int32Array[] = [];
    lists.forEach((list, k) => {
      list.forEach((t, i) => {
        if (t.length !== 3) return;
        const pair = (indexOf(t.charCodeAt(0)) << ALPHABET_BITS) | indexOf(t.charCodeAt(1));
        const third = indexOf(t.charCodeAt(2));
        if (pairBlocks[pair] === -1) {
          pairBlocks[pair] = blocks.length * ALPHABET_SIZE;
          blocks.push(new Int32Array(ALPHABET_SIZE).fill(-1));
        }
        const block = blocks[pairBlocks[pair]! / ALPHABET_SIZE]!;
        if (block[third] === -1) {
          block[third] = rows.length;
          rows.push(new Int32Array(codes.length).fill(-1));
        }
        rows[block[third]!]![k] = i;
      });
    });
    const thirds = new Int32Array(blocks.length * ALPHABET_SIZE);
    blocks.forEach((block, n) => thirds.set(block, n * ALPHABET_SIZE));
    const starts = new Int32Array(rows.length + 1);
    const langs: number[] = [];
    const ranks: number[] = [];
    rows.forEach((row, e) => {
      row.forEach((rank, k) => {
        if (rank >= 0) { langs.push(k); ranks.push(rank); }
      });
      starts[e + 1] = langs.length;
    });
    return [script, { codes, alphabet, pairBlocks, thirds, starts, langs: Int32Array.from(langs), ranks: Int32Array.from(ranks) }] as const;
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
/** Class masks of the BMP code points, filled in on first sight (-1: not yet computed). */
const BMP_MASKS = new Int32Array(65_536).fill(-1);
const ASTRAL_MASKS = new Map<number, number>();
const ASTRAL_MASKS_MAX = 65_536;

function classMask(ch: string): number {
  let mask = 0;
  CLASS_PATTERNS.forEach((re, k) => { if (re.test(ch)) mask |= 1 << k; });
  return mask;
}

function bmpMask(unit: number): number {
  let mask = BMP_MASKS[unit]!;
  if (mask < 0) {
    mask = classMask(String.fromCharCode(unit));
    BMP_MASKS[unit] = mask;
  }
  return mask;
}

/** Scratch space of scriptCounts: occurrences of each ASCII character. */
const asciiCounts = new Int32Array(128);

/** How many code points of the text match each of CLASS_PATTERNS (as counting the global patterns' matches). */
function scriptCounts(text: string): Int32Array {
  const counts = new Int32Array(CLASS_PATTERNS.length);
  asciiCounts.fill(0);
  for (let i = 0; i < text.length;) {
    const unit = text.charCodeAt(i);
    if (unit < 128) {
      asciiCounts[unit]!++;
      i++;
      continue;
    }
    let mask: number;
    if (unit < 0xd800 || unit > 0xdbff) {
      mask = bmpMask(unit);
      i++;
    } else {
      const cp = text.codePointAt(i)!;
      if (cp <= 0xffff) {
        mask = bmpMask(cp); // a lone high surrogate
        i++;
      } else {
        i += 2;
        const cached = ASTRAL_MASKS.get(cp);
        if (cached === undefined) {
          mask = classMask(String.fromCodePoint(cp));
          if (ASTRAL_MASKS.size < ASTRAL_MASKS_MAX) ASTRAL_MASKS.set(cp, mask);
        } else mask = cached;
      }
    }
    for (let k = 0; mask !== 0; k++, mask >>>= 1) if (mask & 1) counts[k]!++;
  }
  for (let unit = 0; unit < 128; unit++) {
    const n = asciiCounts[unit]!;
    if (n === 0) continue;
    for (let k = 0, mask = bmpMask(unit); mask !== 0; k++, mask >>>= 1) if (mask & 1) counts[k]! += n;
  }
  return counts;
}

/** franc's cleaning of the sample: punctuation and digits to spaces, spaces collapsed, lower case, padded. */
function cleanSample(text: string): string {
  return ` ${text.slice(0, TRIGRAM_SAMPLE).replace(ASCII_PUNCT_DIGITS, ' ').replace(WHITESPACE_RUN, ' ').trim().toLowerCase()} `;
}

/** What cleanSample makes of a BMP unit on its own: SPACE_UNIT, CONTEXT_UNIT, or its lower case + 1 (0: not yet computed). */
const CLEAN_UNITS = new Int32Array(65_536);
const SPACE_UNIT = -1;
/** Units whose lower case is not one unit of their own: surrogates, 'İ' (two units), 'Σ' (final sigma depends on the next letter). */
const CONTEXT_UNIT = -2;

function cleanUnit(unit: number): number {
  let v = CLEAN_UNITS[unit]!;
  if (v !== 0) return v;
  const ch = String.fromCharCode(unit);
  const lower = ch.toLowerCase();
  if ((unit >= 0x21 && unit <= 0x40) || WHITESPACE_CHAR.test(ch)) v = SPACE_UNIT;
  else if ((unit >= 0xd800 && unit <= 0xdfff) || unit === 0x3a3 || lower.length !== 1) v = CONTEXT_UNIT;
  else v = lower.charCodeAt(0) + 1;
  CLEAN_UNITS[unit] = v;
  return v;
}

/** The cleaned sample's UTF-16 units (scratch space, reused between calls). */
let sampleUnits = new Uint16Array(TRIGRAM_SAMPLE + 2);

/**
 * Writes cleanSample(text) into sampleUnits and returns its length. One pass over the units when
 * each one cleans on its own (as the replace/trim/toLowerCase chain does for them); text with a
 * unit whose lower case depends on its neighbours goes through cleanSample itself.
 */
function fillSampleUnits(text: string): number {
  const end = Math.min(text.length, TRIGRAM_SAMPLE);
  if (sampleUnits.length < end + 2) sampleUnits = new Uint16Array(end + 2);
  const out = sampleUnits;
  out[0] = 0x20;
  let n = 1;
  let pendingSpace = false;
  for (let i = 0; i < end; i++) {
    const v = cleanUnit(text.charCodeAt(i));
    if (v === SPACE_UNIT) { pendingSpace = n > 1; continue; }
    if (v === CONTEXT_UNIT) return copySampleUnits(cleanSample(text));
    if (pendingSpace) { out[n++] = 0x20; pendingSpace = false; }
    out[n++] = v - 1;
  }
  out[n++] = 0x20;
  return n;
}

function copySampleUnits(cleaned: string): number {
  if (sampleUnits.length < cleaned.length) sampleUnits = new Uint16Array(cleaned.length);
  for (let i = 0; i < cleaned.length; i++) sampleUnits[i] = cleaned.charCodeAt(i);
  return cleaned.length;
}

/** Scratch space of closestLanguage, reused between calls: how often each model entry occurs in the sample. */
let entryCounts = new Int32Array(0);
/** The model entries seen in the current sample, in first-seen order (entryCounts of the others stay 0). */
let seenEntries = new Int32Array(0);
/** Per language, what its model saves of the penalties (scratch space). */
let savedScratch = new Float64Array(0);

/**
 * franc's rank-distance: for each distinct sample trigram, |count - rank - 1| if the language
 * model has it, else a fixed penalty. The smallest total wins (the first in table order on ties).
 * Same algorithm and models as franc-min, restricted to the whitelist in tables/languages.ts.
 *
 * A language's total is (distinct trigrams x penalty) - saved, where saved sums
 * (penalty - |count - rank - 1|) over the trigrams its model has. The first term is the same for
 * every language, so the smallest total is the largest saved (the first in table order on ties):
 * trigrams no model has change nothing and are not even counted. The sample's trigrams are
 * counted per model entry in one pass without allocating; sums are of integers, hence exact.
 */
function closestLanguage(text: string, script: string): string {
  const models = MODELS.get(script);
  if (!models) return UNDETERMINED;
  const { codes, alphabet, pairBlocks, thirds, starts, langs, ranks } = models;
  const entries = starts.length - 1;
  if (entryCounts.length < entries) entryCounts = new Int32Array(entries);
  const length = fillSampleUnits(text);
  const units = sampleUnits;
  if (seenEntries.length < length) seenEntries = new Int32Array(length);

  // a unit in no model (alphabet index 0) has no pair block and no slot: its trigrams are skipped
  let seen = 0;
  let pair = alphabet[units[0]!]!;
  for (let i = 2; i < length; i++) {
    pair = ((pair << ALPHABET_BITS) | alphabet[units[i - 1]!]!) & (ALPHABET_SIZE * ALPHABET_SIZE - 1);
    const block = pairBlocks[pair]!;
    if (block < 0) continue;
    const e = thirds[block + alphabet[units[i]!]!]!;
    if (e < 0) continue;
    const count = entryCounts[e]!;
    entryCounts[e] = count + 1;
    if (count === 0) seenEntries[seen++] = e;
  }

  if (savedScratch.length < codes.length) savedScratch = new Float64Array(codes.length);
  const saved = savedScratch;
  saved.fill(0, 0, codes.length);
  for (let j = 0; j < seen; j++) {
    const e = seenEntries[j]!;
    const count = entryCounts[e]!;
    entryCounts[e] = 0;
    for (let p = starts[e]!, end = starts[e + 1]!; p < end; p++) {
      saved[langs[p]!]! += TRIGRAM_MAX_DIFFERENCE - Math.abs(count - ranks[p]! - 1);
    }
  }
  let best = UNDETERMINED;
  let bestSaved = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < codes.length; k++) {
    if (saved[k]! > bestSaved) {
      bestSaved = saved[k]!;
      best = codes[k]!;
    }
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
