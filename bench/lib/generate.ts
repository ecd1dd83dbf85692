/**
 * Deterministic generator of article-like pages (the raw text a reader would copy from a
 * browser): navigation, title, byline, date, body paragraphs interleaved with captions,
 * credits, ads and "read more" links, then a footer. All words are this file's own; no
 * publisher text. Same seed -> same page, on every machine.
 */
import { createRng, type Rng } from './prng.ts';

/** Body vocabulary: plain words, grouped so sentences read vaguely like news prose. */
const SUBJECTS = [
  'the council', 'the ministry', 'local officials', 'the committee', 'researchers', 'the company',
  'residents', 'the union', 'the regulator', 'analysts', 'the mayor', 'the board', 'engineers',
  'farmers', 'the court', 'teachers', 'the agency', 'volunteers', 'the airline', 'investors',
] as const;
const VERBS = [
  'said', 'announced', 'confirmed', 'warned', 'argued', 'reported', 'expected', 'proposed',
  'rejected', 'approved', 'delayed', 'reviewed', 'questioned', 'welcomed', 'estimated', 'noted',
] as const;
const OBJECTS = [
  'a new budget for the coming year', 'plans to rebuild the northern bridge', 'a review of water prices',
  'the delayed rail project', 'changes to the school calendar', 'a pilot scheme for electric buses',
  'higher fees for parking permits', 'the results of the harbour survey', 'a shortage of spare parts',
  'a wider study of river levels', 'new rules for short-term rentals', 'the closure of two clinics',
  'a plan to plant ten thousand trees', 'a dispute over grazing rights', 'the cost of repairing roads',
  'a rise in grain exports', 'the timetable for the winter season', 'a fund for small workshops',
] as const;
const CLAUSES = [
  'after months of talks', 'despite strong objections', 'according to figures released on Monday',
  'in a statement late on Tuesday', 'ahead of a vote next month', 'as costs continued to climb',
  'following a long public consultation', 'while the details remain unclear', 'for the third time this year',
  'in response to questions from reporters', 'once the weather improves', 'before the end of the quarter',
] as const;
const QUOTES = [
  'We have listened carefully and we will act on what we heard', 'This is a fair outcome for everyone involved',
  'Nobody expected the numbers to move this quickly', 'We need more time to look at the evidence',
  'It is a small step, but it is a step in the right direction', 'The community deserves clear answers',
] as const;
const FIRST_NAMES = ['Mara', 'Tomas', 'Ilse', 'Kofi', 'Renata', 'Oskar', 'Priya', 'Lucas', 'Aiko', 'Nadia', 'Felix', 'Greta'] as const;
const LAST_NAMES = ['Hollen', 'Varga', 'Okafor', 'Lindqvist', 'Moreau', 'Castell', 'Brennan', 'Sato', 'Petrov', 'Adeyemi'] as const;
const PLACES = ['Northbridge', 'Eastmoor', 'Kellport', 'Ravensholm', 'Lowfield', 'Marlow Bay', 'Greyhaven', 'Ashcombe'] as const;
const SITE_NAMES = ['The Daily Lantern', 'Harbour Courier', 'Valley Tribune', 'Morning Ledger', 'Civic Post'] as const;
const AGENCIES = ['Reuters', 'AP', 'AFP'] as const;
const NAV = ['Home', 'News', 'World', 'Business', 'Sport', 'Culture', 'Opinion', 'Science', 'Travel', 'Weather', 'Video', 'Podcasts', 'Sign in', 'Menu', 'Search'] as const;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;
const BOILER = [
  'Advertisement', 'Sign up for our morning briefing and get the top stories in your inbox',
  'Share this article', 'Follow us on social media', 'Skip to main content', 'Most read',
  'We use cookies to improve your experience. Accept all cookies',
  'Subscribe for unlimited access to our journalism', 'Comments are closed for this article',
] as const;

/** Options of generatePage. */
export interface GenerateOptions {
  /** Body paragraphs. @default random 10-20 */
  readonly paragraphs?: number;
}

function name(rng: Rng): string {
  return `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function sentence(rng: Rng): string {
  if (rng.chance(0.15)) return `"${rng.pick(QUOTES)}," ${name(rng)} of ${rng.pick(PLACES)} said.`;
  const core = `${capitalise(rng.pick(SUBJECTS))} ${rng.pick(VERBS)} ${rng.pick(OBJECTS)}`;
  return rng.chance(0.6) ? `${core} ${rng.pick(CLAUSES)}.` : `${core}.`;
}

function paragraph(rng: Rng, sentences: number): string {
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) out.push(sentence(rng));
  return out.join(' ');
}

/** One page of raw text (lines joined by "\n", no final newline), deterministic in `seed`. */
export function generatePage(seed: number, options: GenerateOptions = {}): string {
  const rng = createRng(seed);
  const lines: string[] = [];
  const site = rng.pick(SITE_NAMES);
  lines.push(rng.pick(BOILER.slice(4, 5)), site);
  const navCount = rng.int(5, NAV.length);
  for (let i = 0; i < navCount; i++) lines.push(NAV[i] as string);
  const place = rng.pick(PLACES);
  lines.push(`${capitalise(rng.pick(SUBJECTS))} ${rng.pick(VERBS)} ${rng.pick(OBJECTS)} in ${place}`);
  lines.push(rng.chance(0.5) ? `By ${name(rng)}` : `By ${name(rng)} and ${name(rng)}, ${rng.pick(AGENCIES)}`);
  const day = rng.int(1, 28);
  const month = rng.pick(MONTHS);
  const year = rng.int(2015, 2026);
  lines.push(`Published ${day} ${month} ${year}, ${rng.int(0, 23)}:${String(rng.int(0, 59)).padStart(2, '0')}`);
  lines.push(`${rng.int(2, 9)} min read`);
  const paragraphs = options.paragraphs ?? rng.int(10, 20);
  for (let p = 0; p < paragraphs; p++) {
    const text = paragraph(rng, rng.int(2, 7));
    lines.push(p === 0 ? `${place.toUpperCase()} (${rng.pick(AGENCIES)}) - ${text}` : text);
    if (rng.chance(0.15)) lines.push('Advertisement');
    if (rng.chance(0.15)) {
      lines.push(`${capitalise(rng.pick(SUBJECTS))} at a meeting in ${rng.pick(PLACES)} last week.`);
      lines.push(`Photo: ${name(rng)}/${rng.pick(AGENCIES)}`);
    }
    if (rng.chance(0.1)) lines.push(`Read more: ${capitalise(rng.pick(OBJECTS))}`);
    if (rng.chance(0.05)) lines.push(rng.pick(BOILER));
  }
  lines.push(`Reporting by ${name(rng)}; Editing by ${name(rng)}`);
  lines.push('Share this article', 'Most read');
  for (let i = 0; i < 5; i++) lines.push(`${capitalise(rng.pick(SUBJECTS))} ${rng.pick(VERBS)} ${rng.pick(OBJECTS)}`);
  lines.push(rng.pick(BOILER.slice(1, 2)), `© ${year} ${site}. All rights reserved.`, 'Terms of use', 'Privacy policy', 'Contact us');
  return lines.join('\n');
}

/** `count` pages from consecutive seeds starting at `seed`. */
export function generatePages(count: number, seed = 1): string[] {
  const pages: string[] = [];
  for (let i = 0; i < count; i++) pages.push(generatePage(seed + i));
  return pages;
}
