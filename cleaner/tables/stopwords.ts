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

/**
 * Languages whose stop words are pooled for the density feature. The pool does not depend on the
 * detected language, so a line measures the same whatever page it sits on (cleaning the cleaned
 * text again must give the same result).
 */
export const POOLED_STOPWORD_LANGUAGES: readonly string[] = [
  'en', 'es', 'de', 'fr', 'it', 'pt', 'nl', 'id', 'pl', 'sv', 'da', 'no', 'ro', 'cs', 'ru', 'uk', 'tr', 'ca',
];

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

/** The pooled stop-word set (see POOLED_STOPWORD_LANGUAGES). */
export const POOLED_STOPWORDS: ReadonlySet<string> = new Set(POOLED_STOPWORD_LANGUAGES.flatMap((lang) => [...stopwordsFor(lang)]));
