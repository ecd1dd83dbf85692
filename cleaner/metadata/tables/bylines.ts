/**
 * Byline vocabulary, per language. Lowercase entries; matching folds case.
 */

/** Words that open a byline ("By Jane Doe", "Von Anna Schmidt", "Oleh Budi Santoso"). */
export const BYLINE_PREFIXES: readonly string[] = [
  'by', 'written by', 'words by', 'text', 'texte', 'texto', 'story by', 'reported by', 'text by', 'words and pictures by', // en
  'von', 'text von', 'ein beitrag von', 'autor', 'autorin', // de
  'por', 'escrito por', 'texto de', 'texto', // es / pt
  'par', 'écrit par', 'texte de', // fr
  'di', 'a cura di', 'testo di', 'redazione', // it
  'door', 'tekst', // nl
  'oleh', 'penulis', 'reporter', 'pewarta', // id
  'автор', 'текст', // ru
  'from', // "From Reuters" (agency only)
];

/** Words that join names: "Jane Doe and John Roe", "Anna Schmidt und Max Huber". */
export const NAME_JOINERS: readonly string[] = ['and', '&', 'und', 'y', 'e', 'et', 'en', 'dan', 'и', 'with', 'mit', 'con', 'avec', 'com'];

/** Joiners that introduce a non-author ("By Jane Doe with AFP" keeps AFP as agency only). */
export const WITH_JOINERS: ReadonlySet<string> = new Set(['with', 'mit', 'con', 'avec', 'com']);

/** Lowercase words allowed inside a personal name ("Ludwig van Beethoven", "Maria da Silva"). */
export const NAME_PARTICLES: ReadonlySet<string> = new Set([
  'van', 'von', 'de', 'da', 'das', 'do', 'dos', 'del', 'della', 'di', 'du', 'des', 'der', 'den', 'ter', 'ten',
  'le', 'la', 'bin', 'binti', 'al', 'el', 'y', 'zu', 'af', 'av', "d'", 'dei', 'degli', 'lo',
]);

/** Titles dropped before a name. */
export const HONORIFICS: ReadonlySet<string> = new Set([
  'dr', 'dr.', 'prof', 'prof.', 'professor', 'mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.', 'sir', 'dame', 'rev', 'rev.',
  'dra', 'dra.', 'profa', 'profa.', 'sr', 'sr.', 'sra', 'sra.', 'mme', 'm.', 'herr', 'frau', 'dott', 'dott.', 'dott.ssa', 'ir.', 'drs.',
]);

/**
 * Job-title words: a comma- or pipe-separated part containing one is a title, not a name
 * ("Jane Doe, Senior Correspondent", "Priya Raman | Senior Mobile Editor").
 */
export const JOB_TITLE_WORDS: ReadonlySet<string> = new Set([
  'correspondent', 'reporter', 'editor', 'writer', 'columnist', 'contributor', 'staff', 'journalist', 'producer',
  'analyst', 'critic', 'reviewer', 'chief', 'senior', 'deputy', 'associate', 'managing', 'contributing', 'political',
  'business', 'sports', 'sport', 'science', 'health', 'technology', 'tech', 'news', 'desk', 'bureau', 'freelance',
  'photographer', 'head', 'lead', 'director', 'intern', 'fellow', 'host', 'anchor', 'author', 'blogger',
  'redakteur', 'redakteurin', 'korrespondent', 'korrespondentin', 'autor', 'autorin', 'redaktion',
  'corresponsal', 'redactor', 'redactora', 'periodista', 'enviado', 'enviada', 'especial',
  'correspondant', 'correspondante', 'journaliste', 'rédacteur', 'rédactrice', 'envoyé', 'envoyée',
  'giornalista', 'inviato', 'inviata', 'corrispondente', 'redattore', 'redactie', 'verslaggever', 'correspondent',
  'wartawan', 'koresponden', 'jornalista', 'repórter', 'correspondente', 'корреспондент', 'журналист', 'обозреватель',
]);

/** Words that start a location after a name: "Anna Kowalczyk in Warsaw", "Juan Pérez en Madrid". */
export const LOCATION_MARKERS: ReadonlySet<string> = new Set(['in', 'en', 'à', 'a', 'em', 'aus', 'at', 'from', 'desde', 'dari', 'di', 'в', 'из', 'a']);

/** Capitalised words that are never part of a person's name in a byline. */
export const NOT_NAME_WORDS: ReadonlySet<string> = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'yesterday', 'tomorrow',
  'the', 'this', 'that', 'these', 'those', 'then', 'now', 'when', 'while', 'after', 'before', 'during', 'since',
  'share', 'follow', 'subscribe', 'home', 'news', 'read', 'more', 'most', 'top', 'latest', 'popular', 'related',
  'sign', 'log', 'menu', 'search', 'comments', 'comment', 'opinion', 'sport', 'sports', 'business', 'world',
  'politics', 'culture', 'video', 'photos', 'live', 'updated', 'published', 'advertisement', 'contact', 'about',
  'privacy', 'terms', 'cookies', 'staff', 'editor', 'editors', 'team', 'desk', 'agency', 'agencies', 'wire', 'wires',
  'january', 'february', 'march', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'i', 'we', 'you', 'he', 'she', 'it', 'they', 'our', 'my', 'your', 'his', 'her', 'its', 'their',
  'key', 'events', 'tags', 'topics', 'skip', 'content', 'main', 'local', 'national', 'international', 'weather',
  // Section, navigation and organisation words: "Public Notices", "Media Contacts", "Harbourside Athletic".
  'index', 'notices', 'notice', 'life', 'headlines', 'release', 'releases', 'download', 'statements', 'statement', 'contacts',
  'communications', 'league', 'essays', 'policy', 'weekly', 'daily', 'paper', 'magazine', 'store', 'shop', 'guide', 'guides',
  'reviews', 'review', 'shows', 'deals', 'county', 'times', 'press', 'post', 'herald', 'insider', 'talk', 'features', 'reports',
  'apps', 'email', 'newsletter', 'newsletters', 'subscriptions', 'subscription', 'edition', 'center', 'centre', 'navigation',
  'previous', 'next', 'close', 'cancel', 'print', 'rights', 'gallery', 'jobs', 'exams', 'elections', 'check', 'listings',
  'highlights', 'odds', 'posts', 'feed', 'finance', 'affairs', 'racing', 'sales', 'shopping', 'estate', 'homes', 'rentals',
  'rewards', 'choices', 'union', 'update', 'views', 'education', 'page', 'picks', 'crime', 'articles', 'basketball', 'golf',
  'soccer', 'swimming', 'tennis', 'country', 'hockey', 'football', 'volleyball', 'cricket', 'rugby', 'living', 'opportunities',
  'documentaries', 'story', 'stories', 'pictures', 'impact', 'athletic', 'rovers', 'united', 'city', 'club', 'markets', 'inc',
  'ltd', 'media', 'group', 'council', 'categories', 'category', 'blog', 'recipes', 'recipe', 'travel', 'health', 'arts',
  'columnists', 'contributors', 'entertainment', 'lifestyle', 'technology', 'science', 'economy', 'markets', 'money', 'cookie',
  'cookies', 'settings', 'preferences', 'account', 'profile', 'login', 'register', 'help', 'faq', 'careers', 'jobs', 'advertise',
  'accessibility', 'sitemap', 'archive', 'archives', 'obituaries', 'classifieds', 'podcasts', 'podcast', 'videos', 'photo',
  'trending', 'breaking', 'exclusive', 'weird', 'royals', 'showbiz', 'puzzles', 'horoscopes', 'soaps', 'transfers', 'fixtures',
  'tables', 'scores', 'results', 'standings', 'schedule', 'teams', 'players', 'highlights', 'premier', 'championship',
  'government', 'ministry', 'department', 'university', 'school', 'hospital', 'police', 'court', 'park', 'street', 'road',
  'station', 'airport', 'bridge', 'river', 'north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western',
  'new', 'old', 'best', 'first', 'last', 'all', 'free', 'more', 'open', 'full', 'quick', 'view', 'show', 'hide', 'load',
]);

/** Staff-credit words that make an agency-only byline ("By PA Sport Staff", "AFP Staff"). */
export const STAFF_WORDS: ReadonlySet<string> = new Set(['staff', 'reporters', 'reporter', 'writers', 'writer', 'desk', 'sport', 'sports', 'news']);

/** "Posted on 14 September 2024 by Ruth Kinsella": a date line that ends with a byline. */
export const DATED_BYLINE = /^(?:posted|published|written|updated|last updated)\b[^|]{0,60}?\s(?:by|par|por|von|oleh|door|di)\s(.{2,120})$/iu;

/** Korean "홍길동 기자" and Japanese "山田太郎記者" bylines. */
export const CJK_BYLINE = /^([\p{Script=Hangul}]{2,4}|[\p{Script=Han}]{2,6})\s?(?:기자|특파원|記者|特派員)(?:\s?[=|·]\s?.{0,30})?$/u;

/** Most characters a byline line may have. */
export const MAX_BYLINE_LENGTH = 200;

/**
 * "Reporting by …; Editing by …" credit lines. Roles whose people are authors, and roles
 * that mark a contributors line but give no authors. Lowercase, matched at a segment start.
 */
export const CONTRIBUTOR_AUTHOR_ROLES: readonly string[] = [
  'reporting by', 'reported by', 'writing by', 'written by', 'reporting and writing by', 'text by',
  'reporte de', 'reportaje de', 'información de', 'redacción de', 'escrito por', // es
  'reportagem de', 'reportagem', 'texto de', // pt
  'bericht von', 'berichterstattung von', 'reporter:', 'text:', // de
  'reportage', 'reportage de', 'rédigé par', 'texte de', // fr
  'hanno collaborato', 'servizio di', // it
  'verslag', 'verslaggeving', // nl
  'laporan oleh', 'dilaporkan oleh', // id
  'репортаж', 'текст:', // ru
  '記者：', '記者:', // ja
];
export const CONTRIBUTOR_OTHER_ROLES: readonly string[] = [
  'additional reporting by', 'additional reporting', 'editing by', 'edited by', 'compiled by', 'graphics by', 'graphic by',
  'photos by', 'photography by', 'production by', 'with assistance from', 'additional writing by', 'fact-checking by',
  'research by', 'translated by', 'translation by', 'design by', 'video by', 'illustrations by',
  'editado por', 'edición de', 'editado en español por', 'edición en español de', 'información adicional de', 'con información de',
  'edição de', 'editado por', 'bearbeitet von', 'redigiert von', 'redaktion:', 'mitarbeit:', 'übersetzt von', 'geschrieben von',
  'édité par', 'édition', 'version française', 'avec la contribution de',
  'a cura di', 'redazione', 'con la collaborazione di', 'bewerkt door', 'redactie:',
  'editor:', 'penyunting:', 'diedit oleh', 'редактор', 'редактирование',
];
