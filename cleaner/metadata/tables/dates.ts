/**
 * Date-line vocabulary: words that say a date is the publication or the update date, words
 * that may surround a date on a date line, relative-date and reading-time shapes.
 * Lowercase; matched on word boundaries after case folding.
 */
import type { DateKind } from '../types.ts';

/** Keyword -> kind. Keywords written before the date ("Updated 12 March 2025"). */
export const DATE_KEYWORDS_BEFORE: readonly (readonly [string, Exclude<DateKind, 'other'>])[] = [
  ['last updated on', 'updated'], ['last updated', 'updated'], ['last modified', 'updated'], ['updated on', 'updated'],
  ['updated', 'updated'], ['modified', 'updated'], ['edited', 'updated'], ['revised', 'updated'],
  ['published on', 'published'], ['first published', 'published'], ['published', 'published'], ['posted on', 'published'],
  ['posted', 'published'], ['released', 'published'], ['issued', 'published'], ['date', 'published'],
  ['actualizado el', 'updated'], ['actualizada el', 'updated'], ['actualizado', 'updated'], ['actualizada', 'updated'], ['act.', 'updated'],
  ['publicado el', 'published'], ['publicada el', 'published'], ['publicado', 'published'], ['publicada', 'published'],
  ['atualizado em', 'updated'], ['atualizado', 'updated'], ['atualizada', 'updated'], ['publicado em', 'published'],
  ['aktualisiert am', 'updated'], ['aktualisiert', 'updated'], ['zuletzt aktualisiert', 'updated'], ['stand', 'updated'],
  ['veröffentlicht am', 'published'], ['veröffentlicht', 'published'], ['erschienen am', 'published'], ['erstellt am', 'published'],
  ['mis à jour le', 'updated'], ['mis à jour', 'updated'], ['mise à jour', 'updated'], ['modifié le', 'updated'],
  ['publié le', 'published'], ['publié', 'published'], ['paru le', 'published'],
  ['aggiornato il', 'updated'], ['aggiornato', 'updated'], ['ultimo aggiornamento', 'updated'], ['pubblicato il', 'published'], ['pubblicato', 'published'],
  ['bijgewerkt op', 'updated'], ['bijgewerkt', 'updated'], ['laatste update', 'updated'], ['gepubliceerd op', 'published'], ['gepubliceerd', 'published'],
  ['diperbarui', 'updated'], ['diperbaharui', 'updated'], ['diterbitkan', 'published'], ['dipublikasikan', 'published'], ['diunggah', 'published'],
  ['обновлено', 'updated'], ['обновлен', 'updated'], ['опубликовано', 'published'], ['опубликован', 'published'],
  ['更新日', 'updated'], ['更新', 'updated'], ['公開日', 'published'], ['配信日', 'published'], ['掲載日', 'published'],
  ['수정', 'updated'], ['업데이트', 'updated'], ['입력', 'published'], ['등록', 'published'], ['기사입력', 'published'], ['송고시간', 'published'],
];

/** Keywords written after the date ("2025年1月15日 19時02分 更新", "12.03.2025 수정"). */
export const DATE_KEYWORDS_AFTER: readonly (readonly [string, Exclude<DateKind, 'other'>])[] = [
  ['更新', 'updated'], ['配信', 'published'], ['公開', 'published'], ['掲載', 'published'], ['수정', 'updated'], ['입력', 'published'],
];

/**
 * Words tolerated around a date on a date line (prepositions, time zones, am/pm, "Uhr", reading
 * time). Everything else counts as prose: more than MAX_PROSE_WORDS of it and the line is not a date line.
 */
export const DATE_FILLER_WORDS: ReadonlySet<string> = new Set([
  'on', 'at', 'the', 'of', 'am', 'pm', 'a.m', 'p.m', 'a', 'm', 'p', 'et', 'gmt', 'utc', 'bst', 'cet', 'cest', 'est', 'edt', 'cst', 'cdt',
  'mst', 'mdt', 'pst', 'pdt', 'ist', 'jst', 'kst', 'wib', 'wita', 'wit', 'aest', 'aedt', 'msk', 'eet', 'eest', 'hkt', 'sgt', 'z',
  'uhr', 'h', 'hs', 'hrs', 'horas', 'heures', 'ore', 'uur', 'um', 'am', 'le', 'la', 'el', 'de', 'del', 'à', 'às', 'a', 'as', 'alle', 'om',
  'pukul', 'jam', 'в', 'г', 'года', 'год', 'mez', 'mesz', 'time', 'local', 'date', 'on', 'de', 'em', 'il', 'op', 'pada', 'tanggal',
  'min', 'mins', 'minute', 'minutes', 'read', 'reading', 'listen', 'lesezeit', 'min.', 'minuten', 'lectura', 'lecture', 'leitura',
  'lettura', 'leestijd', 'menit', 'baca', 'tiempo', 'temps', 'tempo', 'de', 'mín', 'минут', 'мин', 'чтение', 'ago', 'hace', 'vor',
  'il', 'y', 'há', 'fa', 'geleden', 'lalu', 'назад', 'and', 'y', 'und', 'et', 'e', 'en', 'dan', 'и', 'by',
]);

/** Most non-date, non-filler words a date line may contain ("Updated", names excluded). */
export const MAX_PROSE_WORDS = 2;

/** Relative-date phrases ("3 hours ago", "hace 2 horas", "vor 3 Stunden", "2 jam lalu", "3時間前"). */
const RELATIVE_DATE_PARTS: readonly string[] = [
    String.raw`\b\d{1,3}\s?(?:sec|second|min|minute|hr|hour|day|week|month|year)s?\s+ago\b`,
    String.raw`\b(?:hace|há)\s\d{1,3}\s(?:segundos?|minutos?|horas?|d[ií]as?|semanas?|meses|mes|años?|anos?)\b`,
    String.raw`\bvor\s\d{1,3}\s(?:Sekunden?|Minuten?|Stunden?|Tag(?:en)?|Wochen?|Monat(?:en)?|Jahr(?:en)?)\b`,
    String.raw`\bil y a\s\d{1,3}\s(?:secondes?|minutes?|heures?|jours?|semaines?|mois|ans?)\b`,
    String.raw`\b\d{1,3}\s(?:minuti|ore|giorni|settimane|mesi|anni)\sfa\b`,
    String.raw`\b\d{1,3}\s(?:minuten|uur|dagen|weken|maanden|jaar)\sgeleden\b`,
    String.raw`\b\d{1,3}\s(?:detik|menit|jam|hari|minggu|bulan|tahun)\s(?:yang\s)?lalu\b`,
    String.raw`\d{1,3}\s(?:секунд[уы]?|минут[уы]?|час(?:а|ов)?|дн(?:я|ей)|день|недел[ьию]|месяц(?:а|ев)?|год(?:а)?|лет)\sназад`,
    String.raw`\d{1,3}\s?(?:秒|分|時間|日|週間|か月|ヶ月|年)前`,
    String.raw`\d{1,3}\s?(?:초|분|시간|일|주|개월|년)\s?전`,
    String.raw`\b(?:yesterday|today|just now|gestern|heute|ayer|hoy|hier|aujourd'hui|ieri|oggi|gisteren|vandaag|kemarin|hari ini|вчера|сегодня)\b`,
];
export const RELATIVE_DATE = new RegExp(RELATIVE_DATE_PARTS.join('|'), 'iu');
/** The relative-date phrases without a number ("yesterday", "heute"): all a line without digits can match. */
export const RELATIVE_DATE_WORDS = new RegExp(RELATIVE_DATE_PARTS.filter((p) => !p.includes(String.raw`\d`)).join('|'), 'iu');

/**
 * Fixed text every match holds: RELATIVE_DATE_WORDS' words, and RELATIVE_DATE's (each numbered
 * phrase's fixed word - "ago", "hace", "назад", "前", ... - then the words). Matched with the same
 * `iu` flags they are necessary conditions; the ASCII ones stand between `\b`s or `\s`s in every
 * phrase, so in ASCII text they must stand alone as words.
 */
export const RELATIVE_DATE_WORDS_ANCHORS: readonly string[] = [
  'yesterday', 'today', 'just now', 'gestern', 'heute', 'ayer', 'hoy', 'hier', "aujourd'hui", 'ieri', 'oggi', 'gisteren',
  'vandaag', 'kemarin', 'hari ini', 'вчера', 'сегодня',
];
export const RELATIVE_DATE_ANCHORS: readonly string[] = [
  'ago', 'hace', 'há', 'vor', 'il y a', 'fa', 'geleden', 'lalu', 'назад', '前', '전', ...RELATIVE_DATE_WORDS_ANCHORS,
];

/** Reading or listening time: "5 min read", "Lesezeit: 3 Min.", "Listen to this article · 5 min". */
export const READING_TIME = /^(?:(?:listen to this article|lesezeit|tiempo de lectura|temps de lecture|tempo de leitura|tempo di lettura|leestijd|waktu baca|время чтения|読了時間|reading time)\s?[:·•|-]?\s?)?\d{1,3}\s?(?:-\s?\d{1,3}\s?)?(?:min(?:ute)?s?\.?|minuten|minutos|menit|мин(?:ут[ыа]?)?\.?|分)(?:\s(?:read|reading|de lectura|de lecture|de leitura|di lettura|leestijd|baca|чтения|listen))?\.?$|^(?:listen to this article|lesezeit|tiempo de lectura|temps de lecture|tempo de leitura|tempo di lettura|leestijd|время чтения|reading time)\s?[:·•|-]?\s?\d{1,3}\s?(?:min|mins|minutes|minuten|minutos|мин)\.?$/iu;
