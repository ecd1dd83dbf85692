/**
 * Stop-word sets per ISO 639-1 code, built once from the `stopword` package lists.
 * Used for the stop-word density feature: running prose is dense in function words,
 * menus, headline lists and tag clouds are not.
 */
import * as stopword from 'stopword';

/** ISO 639-1 -> the `stopword` package's list name (ISO 639-3 style). */
export const STOPWORD_LIST_BY_LANGUAGE: Readonly<Record<string, string>> = {
  af: 'afr', ar: 'ara', bg: 'bul', bn: 'ben', ca: 'cat', cs: 'ces', da: 'dan', de: 'deu', el: 'ell',
  en: 'eng', eo: 'epo', es: 'spa', et: 'est', eu: 'eus', fa: 'fas', fi: 'fin', fr: 'fra', ga: 'gle',
  gl: 'glg', he: 'heb', hi: 'hin', hr: 'hrv', hu: 'hun', hy: 'hye', id: 'ind', it: 'ita', ja: 'jpn',
  ko: 'kor', lt: 'lit', lv: 'lav', ms: 'msa', nl: 'nld', no: 'nob', nb: 'nob', pl: 'pol', pt: 'por',
  ro: 'ron', ru: 'rus', sk: 'slk', sl: 'slv', sv: 'swe', sw: 'swa', th: 'tha', tl: 'tgl', tr: 'tur',
  uk: 'ukr', ur: 'urd', vi: 'vie', zh: 'zho',
};

/** Languages tried, in this order, when the page language is undetermined. */
export const FALLBACK_STOPWORD_LANGUAGES: readonly string[] = ['en', 'es', 'de', 'fr', 'it', 'pt', 'nl', 'id', 'pl', 'sv'];

const EMPTY: ReadonlySet<string> = new Set();

const SETS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries(STOPWORD_LIST_BY_LANGUAGE).map(([code, list]) => [
    code,
    new Set((stopword[list] ?? []).map((w) => w.toLowerCase())),
  ]),
);

/** The stop-word set of a language (empty when the package has no list for it). */
export function stopwordsFor(language: string): ReadonlySet<string> {
  return SETS.get(language) ?? EMPTY;
}

/**
 * The fallback language whose stop words cover the most of `tokens` (lower-cased words).
 * Only a feature helper for the density measure, not a language detector.
 */
export function bestStopwordLanguage(tokens: readonly string[]): string {
  let best = 'en';
  let bestHits = -1;
  for (const lang of FALLBACK_STOPWORD_LANGUAGES) {
    const set = stopwordsFor(lang);
    let hits = 0;
    for (const t of tokens) if (set.has(t)) hits++;
    if (hits > bestHits) { best = lang; bestHits = hits; }
  }
  return best;
}
