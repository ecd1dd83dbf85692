/**
 * Boilerplate phrase tables, as data. Three kinds of entry, each tagged with the removal reason:
 *  - EXACT: the whole line (lower-cased, trailing punctuation and arrows dropped) is the phrase;
 *  - PREFIX: the line starts with the phrase (at a word boundary) and is at most PREFIX_MAX_WORDS long;
 *  - CONTAINS: the line contains the phrase anywhere (consent and legal text, which runs long);
 *  - PATTERNS: precompiled regexes for shapes with numbers ("5 min read", "Comments (48)").
 * "Barrier" reasons mark the start of page furniture (comments, consent, footers, most-read lists):
 * the article's dense region never spans them.
 * Languages covered: en, es, de, fr, it, pt, nl, id, ja (others fall through to the shape rules).
 */
import type { RemovalReason } from '../types.ts';
import { isWhitespaceUnit } from '../metadata/spaces.ts';

export interface PhraseRule {
  readonly reason: RemovalReason;
  /** The article region never extends across this line. */
  readonly barrier: boolean;
}

/** Longest line (in words) a PREFIX entry may remove. */
export const PREFIX_MAX_WORDS = 30;

type Table = Partial<Record<RemovalReason, readonly string[]>>;

/** Whole-line phrases. */
export const EXACT_PHRASES: Table = {
  nav: [
    'skip to main content', 'skip to content', 'skip to navigation', 'skip to footer', 'menu', 'main menu', 'home',
    'search', 'close', 'open', 'back to top', 'sections', 'sign in', 'log in', 'login', 'log out', 'register',
    'my account', 'my news', 'more', 'show more', 'load more', 'see all', 'view all', 'next', 'previous', 'back',
    'toggle navigation', 'navigation', 'breadcrumb', 'you are here', 'search for', 'go', 'all topics', 'topics',
    'tags', 'categories', 'archives', 'browse', 'site index', 'site map', 'sitemap', 'top', 'latest', 'news',
    'startseite', 'suche', 'anmelden', 'inicio', 'buscar', 'iniciar sesión', 'accueil', 'rechercher', 'se connecter',
    'cerca', 'accedi', 'início', 'pesquisar', 'zoeken', 'beranda', 'cari', 'masuk', 'ログイン', '会員登録', 'トップ',
    '← previous post', 'next post →', 'previous post', 'next post', 'previous article', 'next article',
    'expand', 'collapse', 'jump to', 'table of contents', 'contents', 'in this article', 'on this page',
    'key events', 'show key events only', 'auto-update on', 'auto-update off', 'live', 'live updates', 'pinned post',
  ],
  share: [
    'share', 'share this', 'share this article', 'share this story', 'share this:', 'share article', 'tweet', 'facebook',
    'twitter', 'x', 'linkedin', 'whatsapp', 'email', 'e-mail', 'mail', 'print', 'copy link', 'copy', 'link copied', 'save',
    'saved', 'bookmark', 'follow', 'pinterest', 'reddit', 'instagram', 'tiktok', 'youtube', 'telegram', 'flipboard',
    'messenger', 'line', 'threads', 'bluesky', 'gift article', 'gift this article', 'like this', 'like loading',
    'like loading...', 'teilen', 'drucken', 'compartir', 'imprimir', 'partager', 'imprimer', 'condividi', 'stampa',
    'compartilhar', 'delen', 'bagikan', 'この記事をシェアする', 'シェア', 'はてなブックマーク', 'follow us', 'share on facebook',
    'share on twitter', 'share on x', 'share on linkedin', 'share via email', 'enviar por correo', 'per e-mail teilen',
  ],
  newsletter: [
    'subscribe', 'sign up', 'sign me up', 'newsletter', 'newsletters', 'subscribe now', 'invalid email', 'your email address',
    'enter your email', 'email address', 'enter your email address', 'your email', 'after newsletter promotion',
    'skip past newsletter promotion', 'sign up to our newsletter', 'suscríbete', 'suscribirme', 'abonnieren', 'jetzt abonnieren', "s'abonner",
    'abonnez-vous', 'iscriviti', 'assine', 'inschrijven', 'berlangganan', 'correo electrónico',
  ],
  paywall: [
    'already a subscriber', 'subscribe to continue reading', 'subscribers only', 'premium', 'unlock this article',
  ],
  consent: [
    'accept', 'accept all', 'accept cookies', 'accept all cookies', 'reject', 'reject all', 'agree', 'i agree',
    'disagree', 'more options', 'manage options', 'manage preferences', 'cookie settings', 'manage cookies',
    'we value your privacy', 'your privacy', 'privacy settings', 'consent', 'ok', 'got it', 'allow all',
    'alle akzeptieren', 'akzeptieren', 'ablehnen', 'einstellungen', 'zustimmen', 'aceptar', 'rechazar', 'configurar',
    'aceptar todas', 'tout accepter', 'accepter', 'refuser', 'tout refuser', 'paramétrer', 'accetta', 'rifiuta',
    'aceitar', 'rejeitar', 'accepteren', 'weigeren', 'setuju', 'tolak',
  ],
  ad: [
    'advertisement', 'advertising', 'sponsored', 'sponsored content', 'ad', 'ads', 'promoted', 'paid content',
    'story continues below advertisement', 'article continues below advertisement', 'continue reading below',
    'scroll to continue with content', 'content continues below', 'anzeige', 'werbung', 'publicidad', 'publicité',
    'pubblicità', 'publicidade', 'advertentie', 'iklan', '広告', 'pr', 'view deal', 'see deal', 'shop now', 'buy now',
    'check price', 'see price', 'check availability', 'download pdf', 'share this release',
  ],
  related: [
    'see more on', 'see more', 'read more', 'read next', 'related', 'related articles', 'related stories',
    'related content', 'related topics', 'related news', 'related links', 'more stories', 'more from', 'more on this',
    'more on this story', 'recommended', 'recommended for you', 'you may also like', 'you might also like',
    'most read', 'most popular', 'most viewed', 'trending', 'trending now', 'top stories', 'latest news',
    'latest stories', 'editor\'s picks', 'suggested topics', 'also read', "don't miss", 'watch', 'watch more',
    'te puede interesar', 'noticias relacionadas', 'lo más leído', 'lo más visto', 'mehr zum thema', 'auch interessant',
    'meistgelesen', 'das könnte sie auch interessieren', 'lire aussi', 'à lire aussi', 'les plus lus', 'sur le même sujet',
    'leggi anche', 'più letti', 'leia também', 'mais lidas', 'lees ook', 'meest gelezen', 'baca juga', 'terpopuler',
    'berita terkait', '関連記事', 'アクセスランキング', 'ランキング', 'explore more', 'related coverage',
    'читайте также', 'похожие статьи', 'самые популярные', 'популярное', 'по теме', 'смотрите также',
  ],
  date: [
    'listen to this article', 'listen', 'listen to article', 'audio', 'play', 'pause', 'updated', 'published',
    'publish date', 'published date', 'date', 'last updated', 'updated on', 'published on', 'posted on',
  ],
  byline: ['author', 'authors', 'written by', 'posted by', 'by', 'autor', 'auteur', 'autore', 'penulis'],
  widget: [
    'was this helpful', 'was this article helpful', 'rate this', 'rate this recipe', 'print recipe',
    'jump to recipe', 'reply', 'report', 'loading', 'loading...', 'video', 'gallery', 'photos', 'view gallery',
    'play video', 'show comments', 'hide comments', 'post comment', 'submit', 'cancel', 'send', 'print article',
    'text size', 'font size', 'back to gallery', 'view gallery', 'open gallery', 'copied', 'copied!',
    'line-ups', 'lineups', 'line ups', 'starting line-ups', 'match stats', 'match statistics', 'key stats', 'scorers',
    'goalscorers', 'box score', 'scoreboard', 'standings', 'league table',
  ],
  comment: [
    'comments', 'comment', 'leave a reply', 'leave a comment', 'add a comment', 'join the conversation', 'discussion',
    'kommentare', 'comentarios', 'commentaires', 'commenti', 'comentários', 'reacties', 'komentar', 'コメント',
    'отзывы', 'комментарии',
    'post a comment', 'write a comment', 'view comments', 'show all comments',
  ],
  footer: [
    '###', 'about us', 'contact us', 'contact', 'careers', 'advertise', 'advertise with us', 'terms of use',
    'terms of service', 'terms and conditions', 'terms & conditions', 'privacy policy', 'privacy', 'cookie policy',
    'cookies', 'accessibility', 'help', 'faq', 'corrections', 'complaints', 'syndication', 'imprint', 'impressum',
    'datenschutz', 'kontakt', 'aviso legal', 'política de privacidad', 'política de cookies', 'contacto',
    'mentions légales', 'politique de confidentialité', 'note legali', 'privacybeleid', 'kebijakan privasi',
    '利用規約', 'プライバシーポリシー', 'お問い合わせ', 'proudly powered by wordpress', 'all rights reserved',
  ],
};

/** Line-start phrases (checked at a word boundary, lines of at most PREFIX_MAX_WORDS words). */
export const PREFIX_PHRASES: Table = {
  newsletter: [
    'sign up now', 'sign up here', 'sign up for', 'sign up to', 'subscribe to', 'subscribe for', 'get our',
    'get the latest', 'get the best', 'newsletter sign', 'join our newsletter', 'suscríbete a', 'recibe cada',
    'abonnieren sie', 'inscrivez-vous', 'abonnez-vous', 'iscriviti alla', 'assine a', 'daftar',
  ],
  ad: ['shop the ', 'buy it now', 'this article contains affiliate links'],
  share: ['follow topic', 'follow us', 'follow on', 'share on', 'share via', 'share this ', 'compartir en', 'folgen sie', 'síguenos', 'suivez-nous', 'seguici'],
  related: [
    'see more on', 'read more:', 'read more about', 'read also', 'related:', 'related reading', 'also read:',
    'more from', 'more on ', 'read next', 'recommended:', 'watch:', 'listen:', 'click here', 'lire aussi',
    'à lire aussi', 'baca juga', 'baca:', 'leia também', 'leia mais', 'leggi anche', 'lee también', 'lea también',
    'see more:', 'see also:', 'related post:', 'related coverage', 'mehr:', 'lesen sie mehr', 'voir aussi',
    'te puede interesar', 'mehr zum thema', 'lesen sie auch', 'auch interessant', 'lees ook', 'in "', 'in “',
  ],
  paywall: [
    'you have reached', "you've reached", 'you have read', 'subscribe to read', 'to continue reading', 'already a subscriber',
    'already have an account', 'this article is for subscribers', 'this content is for subscribers', 'become a member',
    'support our journalism', 'unlock unlimited', 'start your free trial',
  ],
  date: ['listen to this article', 'reading time', 'lesezeit', 'tiempo de lectura', 'temps de lecture', 'last updated', 'updated:', 'published:'],
  footer: ['©', 'copyright', '(c) ', 'all rights reserved', 'todos los derechos', 'alle rechte', 'tous droits', 'powered by'],
  widget: ['was this helpful', 'rate this', 'print this'],
  comment: [
    'leave a reply', 'leave a comment', 'join the conversation', 'comments are closed', 'you must be logged in',
    'share your thoughts', 'have your say', 'join the discussion', 'tell us what you think', 'добавить отзыв',
    'добавить комментарий', 'оставить комментарий',
  ],
  nav: [
    'skip to', 'you are here:', 'posted in', 'filed under', 'categories:', 'tags:', 'tagged:', 'topics:', 'jump to',
    'please turn on javascript', 'please enable javascript', 'javascript is disabled', 'you need to enable javascript',
  ],
  consent: ['we value your privacy', 'we care about your privacy', 'this site uses cookies', 'this website uses cookies', 'we use cookies'],
};

/** Phrases that condemn a line wherever they occur (consent, legal and affiliate text). */
export const CONTAINS_PHRASES: Table = {
  consent: [
    'we use cookies', 'uses cookies', 'use of cookies', 'use cookies', 'accept all cookies', 'cookie settings', 'cookie policy',
    'store and/or access information on a device', 'and our partners process', 'our partners store',
    'consent to our use', 'manage your preferences', 'manage your cookie', 'we and our partners', 'precise geolocation',
    'processing of your personal data', 'right to object', 'legitimate interest', 'personalised ads', 'personalized ads',
    'your privacy choices', 'verwenden cookies', 'nutzen cookies', 'cookie-einstellungen', 'utilizamos cookies',
    'cookies propias', 'usamos cookies', 'nous utilisons des cookies', 'utilisons des cookies', 'utilizziamo i cookie',
    'utilizamos cookies', 'wij gebruiken cookies', 'kami menggunakan cookie',
  ],
  footer: ['all rights reserved', 'todos los derechos reservados', 'alle rechte vorbehalten', 'tous droits réservés', 'all right reserved'],
  paywall: ['free articles left', 'free article left', 'free stories left', 'articles remaining'],
  newsletter: [
    'delivered to your inbox', 'straight to your inbox', 'in your inbox', 'unsubscribe at any time',
    'subscribe to our newsletter', 'sign up for our newsletter', 'sign up to our newsletter', 'activation link',
    'activate your subscription', 'successfully subscribed', 'succesfully subscribed', 'thanks for subscribing',
    'thank you for subscribing', 'suscríbete a nuestro', 'abonnieren sie unseren newsletter', 'inscrivez-vous à notre newsletter',
    'through your letterbox', 'to your letterbox',
  ],
  boilerplate: ['we may earn an affiliate commission', 'we may earn a commission', 'affiliate links', 'may contain affiliate',
    'we may receive a commission', 'we may receive a small', 'make a purchase we may', 'may earn a small commission'],
  contributors: ['contributed reporting', 'contributed to this report', 'additional reporting by'],
};

/** An ASCII digit first (`\d` is ASCII-only under `u`). */
const startsDigit = (line: string): boolean => { const c = line.charCodeAt(0); return c >= 0x30 && c <= 0x39; };
/**
 * The `may` checks that read the line's first UTF-16 unit and nothing else: on a line with an ASCII
 * first character, matchPhrase answers them from PATTERNS_BY_FIRST (built by asking each one about
 * that character alone) instead of calling them.
 */
const FIRST_UNIT_ONLY = new WeakSet<(line: string) => boolean>([startsDigit]);
/**
 * A first character that can begin a case-insensitive match of a pattern whose alternatives start
 * with one of `lowers` (ASCII): that letter in either case, or any non-ASCII character (under `iu`,
 * U+017F folds to "s" and U+212A to "k").
 */
const startsWithOneOf = (lowers: string) => {
  const may = (line: string): boolean => {
    const c = line.charCodeAt(0);
    return c >= 0x80 || lowers.includes(String.fromCharCode(c >= 0x41 && c <= 0x5a ? c + 0x20 : c));
  };
  FIRST_UNIT_ONLY.add(may);
  return may;
};
/** At most n UTF-16 units (the pattern is anchored at both ends and bounded). */
const atMost = (n: number) => (line: string): boolean => line.length <= n;

/**
 * Shapes with numbers or alternatives, compiled once. No nested quantifiers. `may` is a cheap
 * necessary condition of `re` (a line failing it cannot match), checked first.
 */
export const PATTERN_PHRASES: ReadonlyArray<{
  readonly re: RegExp; readonly reason: RemovalReason; readonly barrier?: boolean; readonly may?: (line: string) => boolean;
}> = [
  { re: /^\d{1,3}\s?(?:min|mins|minute|minutes|minuten|minutos|minuti)\.?(?:\s(?:read|lesezeit|de lectura|de lecture|di lettura))?$/iu, reason: 'date', may: startsDigit },
  { re: /^(?:reading time|lesezeit|read time)\W{0,3}\d{1,3}\s?(?:min|minutes?|minuten)\.?$/iu, reason: 'date', may: startsWithOneOf('rl') },
  { re: /^(?:comments?|kommentare|comentarios|commentaires)\s?\(\d{1,6}\)$/iu, reason: 'comment', may: startsWithOneOf('ck') },
  { re: /^[—–-]?\s?\d{1,6}\s(?:comments?|responses?|replies|kommentare|comentarios|commentaires)$/iu, reason: 'comment' },
  { re: /^\d{1,6}\s(?:thoughts?|comments?|responses?|replies)\s(?:on|to)\s/iu, reason: 'comment', barrier: true, may: startsDigit },
  { re: /^[\p{L}\p{N}_.\-]{1,40}\s(?:says|said|wrote|dice|schreibt|a écrit):$/iu, reason: 'comment' },
  { re: /^click to (?:share|email|print|tweet|pin)\b/iu, reason: 'share', may: startsWithOneOf('c') },
  { re: /^follow\b[^@]{0,60}@[\p{L}\p{N}_]/iu, reason: 'share' },
  { re: /^[\p{L}\s]{0,30}\bnewsletters?\b[\p{L}\s]{0,30}$/iu, reason: 'newsletter' },
  { re: /^privacy notice:/iu, reason: 'newsletter', may: startsWithOneOf('p') },
  { re: /^more\s(?:great\s|top\s|popular\s|recent\s|related\s)?(?:[\p{L}\p{N}&'’]{1,20}\s){0,3}(?:stories|articles|news|reads|videos)$/iu, reason: 'related', barrier: true, may: startsWithOneOf('m') },
  { re: /^follow\b.{0,60}\b(?:instagram|facebook|twitter|youtube|tiktok|linkedin|bluesky|threads)\b/iu, reason: 'share', may: startsWithOneOf('f') },
  { re: /^by\s[^|]{2,60}\s\|\s/iu, reason: 'byline', may: startsWithOneOf('b') },
  { re: /^(?:[\p{L}.'’\-]{1,30}\s){0,4}@[\p{L}\p{N}_]{2,30}$/u, reason: 'byline' },
  { re: /^view all\s?\(\d{1,6}\)$/iu, reason: 'nav', may: startsWithOneOf('v') },
  // answer buttons of a feedback widget; "Yes." with its full stop is a one-word paragraph
  { re: /^(?:yes|no|ja|nein|sí|oui|non|sì)$/iu, reason: 'widget', may: atMost(4) },
  { re: /^(?:image|photo|picture|slide)\s\d{1,3}\s(?:of|\/)\s?\/?\s?\d{0,3}$/iu, reason: 'label', may: startsWithOneOf('ips') },
  { re: /(?:telephone|tel\.|phone|fax|whatsapp)\s?:\s?[*+(]?\d/iu, reason: 'footer' },
  { re: /^(?:About|ABOUT|Sobre|Über|Acerca de|À propos de|Chi è|Over|Tentang)\s(?:the\s)?\p{Lu}[\p{L}\p{N}&.,'’\-]{0,40}(?:\s[\p{Lu}&][\p{L}\p{N}&.,'’\-]{0,40}){0,5}$/u, reason: 'footer', barrier: true },
  { re: /^(?:forward-looking statements?|cautionary (?:note|statement)|safe harbou?r statement|media contacts?|press contacts?|investor contacts?|for more information,? contact|source:)\b/iu, reason: 'footer', barrier: true, may: startsWithOneOf('fcsmpi') },
  { re: /^(?:you have|you've got)\s\d{1,3}\sfree\s(?:articles?|stories)/iu, reason: 'paywall', may: startsWithOneOf('y') },
  { re: /^\d{1,2}\s?\/\s?\d{1,3}$/u, reason: 'label', may: startsDigit },
  { re: /^\[\d{1,3}\s?\/\s?\d{1,3}\]$/u, reason: 'label', may: startsWithOneOf('[') },
  { re: /^(?:\d{1,2}|[a-z]{1,3})$/iu, reason: 'nav', may: atMost(3) },
  { re: /^[^\p{L}\p{N}]{1,12}$/u, reason: 'boilerplate', may: atMost(24) },
];

/** Reasons whose lines the article region never spans. */
export const BARRIER_REASONS: ReadonlySet<RemovalReason> = new Set(['consent', 'comment', 'footer']);
// (PATTERN_PHRASES state their barrier flag themselves: a comment count in a share bar is no barrier.)

/** Exact phrases that are barriers whatever their reason (start of trailing page furniture). */
export const BARRIER_PHRASES: ReadonlySet<string> = new Set([
  'most read', 'most popular', 'most viewed', 'trending', 'trending now', 'read next', 'recommended for you',
  'you may also like', 'you might also like', 'more stories', 'related articles', 'related stories',
  'lo más leído', 'meistgelesen', 'les plus lus', 'più letti', 'mais lidas', 'meest gelezen', 'terpopuler',
  'アクセスランキング', 'noticias relacionadas', 'more from', 'latest news', 'top stories', 'comments', 'leave a reply',
  'line-ups', 'lineups', 'line ups', 'starting line-ups', 'match stats', 'match statistics', 'key stats', 'box score',
  'scoreboard', 'standings', 'league table',
]);

/** Trailing fragments of a caption/credit line that are neither caption nor credit (gallery tools). */
export const TRAILING_LABELS: readonly string[] = [
  'purchase licensing rights, opens new tab', 'purchase licensing rights', 'opens new tab', 'expand', 'enlarge this image',
  'enlarge image', 'view larger image', 'toggle caption', 'hide caption', 'show caption',
];

function keyOf(s: string): string {
  return s.toLowerCase().replace(TRIM_KEY_RE, '');
}

const TRIM_KEY_CHAR_RE = /^[\s:.!?…›»>|•·\-–—]$/u;

/** TRIM_KEY_CHAR_RE on ASCII characters, by code (1 = trimmed): the regex runs only on the others. */
const TRIM_KEY_ASCII: Uint8Array = Uint8Array.from({ length: 128 }, (_, c) => (TRIM_KEY_CHAR_RE.test(String.fromCharCode(c)) ? 1 : 0));

/** keyOf for a lower-cased line: TRIM_KEY_RE removed by walking back from the end (no scan of the whole line). */
function keyOfLower(lower: string): string {
  let end = lower.length;
  while (end > 0) {
    const c = lower.charCodeAt(end - 1);
    if (c < 128 ? TRIM_KEY_ASCII[c] === 0 : !TRIM_KEY_CHAR_RE.test(lower.charAt(end - 1))) break;
    end--;
  }
  return end === lower.length ? lower : lower.slice(0, end);
}

/** Trailing punctuation and arrows ignored when matching an EXACT phrase. */
const TRIM_KEY_RE = /[\s:.!?…›»>|•·\-–—]+$/u;

const EXACT: ReadonlyMap<string, PhraseRule> = (() => {
  const m = new Map<string, PhraseRule>();
  for (const [reason, phrases] of Object.entries(EXACT_PHRASES) as [RemovalReason, readonly string[]][]) {
    for (const p of phrases) {
      const k = keyOf(p);
      if (!m.has(k)) m.set(k, { reason, barrier: BARRIER_REASONS.has(reason) || BARRIER_PHRASES.has(k) });
    }
  }
  return m;
})();

const EXACT_MAX_KEY_LENGTH = Math.max(0, ...[...EXACT.keys()].map((k) => k.length));

const PREFIXES: ReadonlyArray<{ readonly p: string; readonly rule: PhraseRule }> = Object.entries(PREFIX_PHRASES).flatMap(
  ([reason, phrases]) => (phrases ?? []).map((p) => ({ p, rule: { reason: reason as RemovalReason, barrier: BARRIER_REASONS.has(reason as RemovalReason) } })),
);

/** PREFIXES by their first character (table order kept within each list), so a line only tries its own. */
const PREFIXES_BY_FIRST: ReadonlyMap<string, typeof PREFIXES> = (() => {
  const m = new Map<string, { readonly p: string; readonly rule: PhraseRule }[]>();
  for (const e of PREFIXES) {
    const k = e.p.charAt(0);
    const list = m.get(k);
    if (list) list.push(e); else m.set(k, [e]);
  }
  return m;
})();

const CONTAINS: ReadonlyArray<{ readonly p: string; readonly rule: PhraseRule }> = Object.entries(CONTAINS_PHRASES).flatMap(
  ([reason, phrases]) => (phrases ?? []).map((p) => ({ p, rule: { reason: reason as RemovalReason, barrier: BARRIER_REASONS.has(reason as RemovalReason) } })),
);

/** A 16-bit hash of the four UTF-16 units of s from i (a phrase's first four characters). */
const quadHash = (s: string, i: number): number => (Math.imul(s.charCodeAt(i), 0x9e3779b1) ^ Math.imul(s.charCodeAt(i + 1), 0x85ebca77)
  ^ Math.imul(s.charCodeAt(i + 2), 0xc2b2ae3d) ^ Math.imul(s.charCodeAt(i + 3), 0x27d4eb2f)) >>> 16;
/**
 * CONTAINS entries (with their table position) by the quadHash of their first four characters;
 * a hash no phrase has is an empty slot (one array load says "no phrase starts here").
 */
const CONTAINS_BY_QUAD: readonly ({ readonly k: number; readonly p: string }[] | undefined)[] = (() => {
  const buckets: ({ k: number; p: string }[] | undefined)[] = new Array(65_536).fill(undefined);
  CONTAINS.forEach(({ p }, k) => {
    if (p.length < 4) return;
    const h = quadHash(p, 0);
    const list = buckets[h];
    if (list) list.push({ k, p }); else buckets[h] = [{ k, p }];
  });
  return buckets;
})();
/** The quadHash values of CONTAINS_BY_QUAD's buckets as a bitset (8 KB, stays in cache: most positions stop here). */
const CONTAINS_QUAD_BITS: Uint32Array = (() => {
  const bits = new Uint32Array(65_536 >>> 5);
  CONTAINS_BY_QUAD.forEach((list, h) => { if (list !== undefined) bits[h >>> 5]! |= 1 << (h & 31); });
  return bits;
})();
const CONTAINS_MIN_LENGTH = Math.min(...CONTAINS.map(({ p }) => p.length));
/**
 * Any CONTAINS phrase, as one alternation of the escaped literals (no flags: it matches exactly
 * where some `lower.includes(p)` would). A line it does not match contains no phrase; a line it
 * matches is scanned for the first phrase in table order.
 */
const CONTAINS_ANY_RE = new RegExp(CONTAINS.map(({ p }) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));

/**
 * The first CONTAINS entry in table order that the (lower-cased) line contains, or null: one scan
 * of the line looking up the phrases that start with each four characters (same answer as
 * trying `includes` with every phrase in order).
 */
function firstContained(lower: string): PhraseRule | null {
  // a line shorter than every phrase contains none
  if (lower.length < CONTAINS_MIN_LENGTH) return null;
  // most lines contain no phrase: one native regex scan says so
  if (!CONTAINS_ANY_RE.test(lower)) return null;
  if (CONTAINS_MIN_LENGTH < 4) {
    for (const { p, rule } of CONTAINS) if (lower.includes(p)) return rule;
    return null;
  }
  let best = CONTAINS.length;
  for (let i = 0; i + CONTAINS_MIN_LENGTH <= lower.length; i++) {
    const h = quadHash(lower, i);
    if ((CONTAINS_QUAD_BITS[h >>> 5]! & (1 << (h & 31))) === 0) continue;
    const candidates = CONTAINS_BY_QUAD[h];
    if (candidates === undefined) continue;
    for (const { k, p } of candidates) if (k < best && lower.startsWith(p, i)) best = k;
  }
  return best < CONTAINS.length ? CONTAINS[best]!.rule : null;
}

const WORD_CHAR_RE = /[\p{L}\p{N}]/u;
const DIGIT_RE = /\p{N}/u;
/** A copyright line this short and without a year is a photo credit rather than the footer. */
export const SHORT_FOOTER_WORDS = 3;

/**
 * The boilerplate phrase rule a line matches, or null. `words` is the line's word count.
 * Linear in the line length times the (fixed) table size; no regex is built here.
 */
export function matchPhrase(line: string, words: number): PhraseRule | null {
  const lower = line.toLowerCase();
  const key = keyOfLower(lower);
  // the bullet strip removes at most two characters: a longer key is in no table
  const exact = key.length <= EXACT_MAX_KEY_LENGTH + 2
    ? EXACT.get(LEADING_BULLETS.includes(key.charAt(0)) ? key.replace(LEADING_BULLET_RE, '') : key) : undefined;
  if (exact) return exact;
  if (words <= PREFIX_MAX_WORDS) {
    for (const { p, rule } of PREFIXES_BY_FIRST.get(lower.charAt(0)) ?? []) {
      if (lower.startsWith(p)) {
        const next = lower.charAt(p.length);
        if (next === '' || !WORD_CHAR_RE.test(next) || !WORD_CHAR_RE.test(p.charAt(p.length - 1))) {
          // "© Agency" under a picture is a photo credit, not the page footer: no barrier
          if (rule.barrier && rule.reason === 'footer' && words <= SHORT_FOOTER_WORDS && !DIGIT_RE.test(line)) return { reason: 'footer', barrier: false };
          return rule;
        }
      }
    }
  }
  const contained = firstContained(lower);
  if (contained) return contained;
  const c0 = line.charCodeAt(0);
  // an ASCII first character has answered the first-unit checks already (table order is kept)
  const candidates = c0 < 0x80 ? PATTERNS_BY_FIRST[c0]! : ALL_PATTERNS;
  for (let j = 0; j < candidates.length; j++) {
    const k = candidates[j]!;
    const guard = PATTERN_GUARDS[k];
    if (guard !== undefined && !guard(line, lower)) continue;
    const { re, reason, barrier, may } = PATTERN_PHRASES[k]!;
    if (may !== undefined && !(c0 < 0x80 && PATTERN_FIRST_UNIT_ONLY[k]) && !may(line)) continue;
    if (re.test(line)) return { reason, barrier: barrier ?? false };
  }
  return null;
}

/** Indices of every PATTERN_PHRASES entry, in table order. */
const ALL_PATTERNS: readonly number[] = PATTERN_PHRASES.map((_, k) => k);
/** Whether each PATTERN_PHRASES entry's `may` only reads the first unit (see FIRST_UNIT_ONLY). */
const PATTERN_FIRST_UNIT_ONLY: readonly boolean[] = PATTERN_PHRASES.map(({ may }) => may !== undefined && FIRST_UNIT_ONLY.has(may));
/**
 * For each ASCII first unit, the PATTERN_PHRASES entries (in table order) whose `may` check, if it
 * only reads the first unit (FIRST_UNIT_ONLY), passes on that unit: the others cannot match.
 */
const PATTERNS_BY_FIRST: readonly (readonly number[])[] = Array.from({ length: 0x80 }, (_, c) => ALL_PATTERNS.filter((k) => {
  const may = PATTERN_PHRASES[k]!.may;
  return may === undefined || !FIRST_UNIT_ONLY.has(may) || may(String.fromCharCode(c));
}));

/**
 * Cheap necessary conditions of the costliest PATTERN_PHRASES (by index; a pattern without one is
 * always tried): a line failing its guard cannot match the regex, so skipping it changes no answer.
 * Under the `iu` flags only ASCII letters and U+017F (long s, folds to "s") match "newsletter".
 */
/** /^[—–\-\s\d]/u on the first unit (no regex run per line): a dash, what \s matches or an ASCII digit. */
const dashSpaceOrDigitFirst = (c: number): boolean => c === 0x2014 || c === 0x2013 || c === 0x2d || (c >= 0x30 && c <= 0x39) || isWhitespaceUnit(c);
const ASCII_DIGIT_RE = /[0-9]/;
/** ASCII letters and digits (1), the ASCII characters \p{L} or \p{N} match. */
const ASCII_ALNUM: Uint8Array = Uint8Array.from({ length: 128 }, (_, c) => (/[\p{L}\p{N}]/u.test(String.fromCharCode(c)) ? 1 : 0));
const PATTERN_GUARDS: readonly (((line: string, lower: string) => boolean) | undefined)[] = PATTERN_PHRASES.map(({ re }) => {
  const src = re.source;
  // "name says:" ends with the colon ($ without the m flag is the end of the line)
  if (src.endsWith('):$')) return (line: string) => line.charCodeAt(line.length - 1) === 0x3a;
  if (src.includes('\\bnewsletters?\\b')) return (_: string, lower: string) => lower.includes('newsletter') || lower.includes('newſletter');
  // a handle needs its "@"
  if (src.includes('@')) return (line: string) => line.includes('@');
  // phone and fax numbers follow a colon and hold an ASCII digit (`\d` under `u`)
  if (src.startsWith('(?:telephone|')) return (line: string) => line.includes(':') && ASCII_DIGIT_RE.test(line);
  // a line of symbols only: its first character is no letter or digit (ASCII ones checked here, the rest by the regex)
  if (src === '^[^\\p{L}\\p{N}]{1,12}$') return (line: string) => { const c = line.charCodeAt(0); return !(c < 0x80 && ASCII_ALNUM[c] === 1); };
  // "— 14 comments": a dash, a whitespace character or an ASCII digit first
  if (src.startsWith('^[—–-]?\\s?\\d')) return (line: string) => dashSpaceOrDigitFirst(line.charCodeAt(0));
  // "About Acme" (case-sensitive, openers without metacharacters): the first character of an opener
  if (src.startsWith('^(?:About|') && !re.flags.includes('i')) {
    const firsts = src.slice('^(?:'.length, src.indexOf(')')).split('|').map((opener) => opener.charAt(0)).join('');
    return (line: string) => firsts.includes(line.charAt(0));
  }
  return undefined;
});

const LEADING_BULLET_RE = /^[•·▪►▶»>|\-–—*]\s?/u;
/** The characters LEADING_BULLET_RE starts with: a key starting with none of them is left as it is. */
const LEADING_BULLETS = '•·▪►▶»>|-–—*';

/** Removes a trailing gallery-tool label (see TRAILING_LABELS) from a line; returns the line unchanged if none. */
export function stripTrailingLabel(line: string): string {
  // the labels are ASCII: the line must end with an ASCII letter that ends one of them (a non-ASCII
  // last character lower-cases to a non-ASCII one)
  const c = line.charCodeAt(line.length - 1);
  if (!(c < 0x80 && TRAILING_LABEL_LAST.has(String.fromCharCode(c >= 0x41 && c <= 0x5a ? c + 0x20 : c)))) return line;
  const lower = line.toLowerCase();
  for (const l of TRAILING_LABELS) {
    if (lower.endsWith(l) && lower.length > l.length) return line.slice(0, line.length - l.length).trimEnd();
  }
  return line;
}

/** Last characters of the TRAILING_LABELS (all ASCII, lower case). */
const TRAILING_LABEL_LAST: ReadonlySet<string> = new Set(TRAILING_LABELS.map((l) => l.charAt(l.length - 1)));
