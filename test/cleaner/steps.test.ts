/** One block of tests per pipeline step (normalise has its own file). */
import { describe, expect, it } from 'vitest';
import { clean } from '../../cleaner/index.ts';
import { splitLines } from '../../cleaner/steps/split.ts';
import { computeFeatures } from '../../cleaner/steps/features.ts';
import { findMedia, labelledCaption } from '../../cleaner/steps/media.ts';
import { boxReason, findRegion, isPipeMenu, isTrailOfNext, lineWeight, maxRun, regionWeight, tagsStart } from '../../cleaner/steps/region.ts';
import { findTitle, readHeader } from '../../cleaner/steps/title.ts';
import { classifyLines, markAuthorLines, refineBody } from '../../cleaner/steps/classify.ts';
import { extractMetadata } from '../../cleaner/steps/extract.ts';
import { assemble, bodyParagraphs } from '../../cleaner/steps/assemble.ts';
import { matchPhrase, stripTrailingLabel } from '../../cleaner/tables/phrases.ts';
import { wordCount } from '../../cleaner/text.ts';
import { WEIGHT } from '../../cleaner/thresholds.ts';
import type { Line } from '../../cleaner/page.ts';
import { linesOf } from './helpers.ts';

const PARA = 'The committee met on Tuesday and agreed that the bridge would reopen to traffic next spring.';
const PARA2 = 'Residents said they had waited almost two years for the repairs and welcomed the decision.';
const PARA3 = 'A spokesperson for the contractor said the work on the eastern approach would begin in March.';

function featured(texts: readonly string[]): Line[] {
  const { lines } = splitLines(texts.join('\n'));
  computeFeatures(lines);
  return lines;
}

describe('split', () => {
  it('drops blank lines, numbers blocks, keeps order', () => {
    const { lines } = splitLines('a\nb\n\n\nc');
    expect(lines.map((l) => [l.index, l.block, l.text])).toEqual([[0, 0, 'a'], [1, 0, 'b'], [2, 1, 'c']]);
  });
  it('puts lines beyond maxLines into overflow', () => {
    const { lines, overflow } = splitLines('a\nb\nc', 2);
    expect(lines.map((l) => l.text)).toEqual(['a', 'b']);
    expect(overflow).toEqual(['c']);
  });
});

describe('features', () => {
  it('marks long sentence-like lines as text-like, menus and headlines not', () => {
    const [para, menu, head] = featured([PARA, 'Home', 'Council approves plan to reopen the old river bridge']);
    expect(para!.textLike).toBe(true);
    expect(para!.endsSentence).toBe(true);
    expect(menu!.textLike).toBe(false);
    expect(head!.textLike).toBe(false);
    expect(para!.stopRatio).toBeGreaterThan(0.2);
  });
  it('measures a line without its agency sign-off', () => {
    const [l] = featured(['Officials said the missile was bigger than earlier models and had different parts. REUTERS']);
    expect(l!.signoff?.text.endsWith('parts.')).toBe(true);
    expect(l!.endsSentence).toBe(true);
    expect(l!.textLike).toBe(true);
  });
  it('counts repeats and list shapes', () => {
    const ls = featured(['Share', '• 200g flour', 'Share']);
    expect(ls[0]!.repeats).toBe(2);
    expect(ls[1]!.listShape).toBe(true);
  });
  it('looks phrases up in the tables', () => {
    const [a, b] = featured(['Advertisement', 'Sign up now: Get our briefing in your inbox']);
    expect(a!.phrase?.reason).toBe('ad');
    expect(b!.phrase?.reason).toBe('newsletter');
  });
});

describe('phrase tables', () => {
  const cases: Array<[string, string | null]> = [
    ['Follow topic:', 'share'],
    ['See more on', 'related'],
    ['Anzeige', 'ad'],
    ['Publicidad', 'ad'],
    ['Lire aussi : Le budget adopté', 'related'],
    ['Baca juga: Harga beras naik', 'related'],
    ['Read more: Council sets new budget', 'related'],
    ['5 min read', 'date'],
    ['Comments (48)', 'comment'],
    ['We use cookies to improve your experience on our site.', 'consent'],
    ['© 2025 Example Media. All rights reserved.', 'footer'],
    ['You have 2 free articles left this month.', 'paywall'],
    ['Shares in the company rose 6% on Monday.', null],
    ['Sharing a plot with friends taught me patience.', null],
    ['Readers wrote in with their own stories.', null],
    ['Yes', 'widget'],
    ['Yes.', null],
    ['See more: Bridge plans approved', 'related'],
    ['Jane Doe @janedoe', 'byline'],
    ['Keith Adams contributed reporting from Lima.', 'contributors'],
    ['© Agency', 'footer'],
    ['This post may contain affiliate and/or referral links. See our disclosure page.', 'boilerplate'],
    ['Now and then we link to shops. If you follow one and make a purchase we may receive a small fee.', 'boilerplate'],
    ['Get Harbour Living delivered through your letterbox every month for a year.', 'newsletter'],
  ];
  for (const [line, reason] of cases) {
    it(`${JSON.stringify(line)} -> ${reason}`, () => {
      expect(matchPhrase(line, line.split(' ').length)?.reason ?? null).toBe(reason);
    });
  }
  it('marks barrier reasons', () => {
    expect(matchPhrase('Leave a Reply', 3)?.barrier).toBe(true);
    expect(matchPhrase('© 2025 Example Media', 3)?.barrier).toBe(true);
    expect(matchPhrase('© Agency', 2)?.barrier).toBe(false);
    expect(matchPhrase('Advertisement', 1)?.barrier).toBe(false);
  });
  it('strips trailing gallery labels', () => {
    expect(stripTrailingLabel('A train at a depot. REUTERS/A B Purchase Licensing Rights, opens new tab')).toBe('A train at a depot. REUTERS/A B');
    expect(stripTrailingLabel('Nothing to strip')).toBe('Nothing to strip');
  });
});

describe('media', () => {
  it('reads a gallery counter glued to its caption, and a picture label before a caption sentence', () => {
    expect(labelledCaption('1of4Volunteers stack sandbags along the quay on Tuesday.')).toBe('Volunteers stack sandbags along the quay on Tuesday.');
    expect(labelledCaption('12/12“Last one,” says the ferry captain as the boat docks.')).toBe('“Last one,” says the ferry captain as the boat docks.');
    expect(labelledCaption('Image: The mayor cuts the ribbon at the reopened library on Friday')).toBe('The mayor cuts the ribbon at the reopened library on Friday');
    expect(labelledCaption('Foto: Der Bürgermeister eröffnet die neue Bibliothek am Freitag')).toBe('Der Bürgermeister eröffnet die neue Bibliothek am Freitag');
  });
  it('leaves counters that cannot be one, spaced numbers and short labelled credits alone', () => {
    expect(labelledCaption('5of4Crowds gather outside the hall.')).toBeNull();
    expect(labelledCaption('1 of 4 people in the town now works from home, the survey found.')).toBeNull();
    expect(labelledCaption('24/7 coverage of the storm continues on our live page.')).toBeNull();
    expect(labelledCaption('Photo: Jane Doe/Example Agency')).toBeNull();
  });
  it('makes a gallery caption of a counter-glued line, out of the body', () => {
    const ls = featured(['2of3A shopper looks at extension cords in a hardware store on Tuesday.']);
    findMedia(ls);
    expect([ls[0]!.label, ls[0]!.caption]).toEqual(['caption', 'A shopper looks at extension cords in a hardware store on Tuesday.']);
  });
  const credit = (c: string) => ({ credit: { credit: c, rest: '', position: 'whole' as const } });
  it('pairs a credit-only line with the caption above it', () => {
    const ls = linesOf(['A dock at dawn.', 'PHOTO: AGENCY'], (i) => (i === 1 ? credit('PHOTO: AGENCY') : { words: 3 }));
    findMedia(ls);
    expect(ls[0]!.label).toBe('caption');
    expect(ls[0]!.creditText).toBe('PHOTO: AGENCY');
    expect(ls[1]!.label).toBe('credit');
    expect(ls[1]!.paired).toBe(true);
  });
  it('pairs a credit line forward with a labelled caption that has no credit', () => {
    const ls = linesOf(['Body paragraph text here.', 'Image source, Town Hall', 'Image caption, The hall at night'], (i) =>
      i === 1 ? credit('Image source, Town Hall') : i === 2 ? { words: 6, mediaLabel: { label: 'Image caption, ', rest: 'The hall at night' } } : { words: 4 });
    findMedia(ls);
    expect(ls[0]!.label).toBeNull();
    expect(ls[2]!.caption).toBe('The hall at night');
    expect(ls[2]!.creditText).toBe('Image source, Town Hall');
  });
  it('splits an inline credit off a caption', () => {
    const ls = linesOf(['FILE PHOTO: A dock. AGENCY/Ann Lee/File Photo'], () => ({
      words: 7, credit: { credit: 'AGENCY/Ann Lee/File Photo', rest: 'FILE PHOTO: A dock.', position: 'suffix' },
    }));
    findMedia(ls);
    expect(ls[0]!.caption).toBe('FILE PHOTO: A dock.');
    expect(ls[0]!.creditText).toBe('AGENCY/Ann Lee/File Photo');
  });
  it('ignores recogniser output that is not text of the line', () => {
    const ls = linesOf(['A dock. X/Y'], () => ({ words: 3, credit: { credit: 'X/Y', rest: 'A  dock.', position: 'suffix' } }));
    findMedia(ls);
    expect(ls[0]!.label).toBeNull();
  });
  it('takes an unrecognised "Image caption X" line as a caption, and pairs the credit above it forward', () => {
    const ls = linesOf(['A long paragraph that ends the section.', 'Image copyright Agency', 'Image caption The hall at night'], (i) =>
      (i === 1 ? credit('Image copyright Agency') : { words: 6 }));
    findMedia(ls);
    expect(ls[0]!.label).toBeNull();
    expect(ls[2]!.caption).toBe('The hall at night');
    expect(ls[2]!.creditText).toBe('Image copyright Agency');
    expect(ls[1]!.paired).toBe(true);
  });
  it('removes a label alone on its line', () => {
    const ls = linesOf(['Image caption,'], () => ({ mediaLabel: { label: 'Image caption,', rest: '' } }));
    findMedia(ls);
    expect(ls[0]!.reason).toBe('label');
  });
});

describe('region', () => {
  it('maxRun finds the maximum-sum run, first on ties', () => {
    expect(maxRun([-3, 10, -1, 5, -20, 12])).toEqual({ start: 1, end: 3 });
    expect(maxRun([-1, -2])).toBeNull();
    expect(maxRun([])).toBeNull();
    expect(maxRun([2, -5, 2])).toEqual({ start: 0, end: 0 });
  });
  it('weights text-like lines by words, short lines and phrases negatively, barriers prohibitively', () => {
    const [p, menu, ad, reply] = featured([PARA, 'Home Page Link', 'Advertisement', 'Leave a Reply']);
    expect(lineWeight(p!)).toBe(p!.words);
    expect(lineWeight(menu!)).toBe(WEIGHT.short);
    expect(lineWeight(ad!)).toBe(WEIGHT.phrase);
    expect(lineWeight(reply!)).toBe(WEIGHT.barrier);
  });
  it('spans a short subheading between paragraphs but not a menu block', () => {
    const ls = featured(['Home', 'World', 'Sport', PARA, 'The vote', PARA2, 'Leave a Reply', PARA3]);
    expect(findRegion(ls)).toEqual({ start: 3, end: 5 });
  });
});

describe('region: article ends and repeated paragraphs', () => {
  const PROMO = 'Click the picture above and read every column our writer has published about the river this year.';
  it('a tags header after the text closes the article, so promo text below it cannot win the region', () => {
    const ls = featured(['Home', PARA, PARA2, PARA3, 'Tags', 'bridge, council, transport', PROMO, 'Video', PROMO.replace('above', 'below')]);
    expect(tagsStart(ls)).toBe(4);
    expect(findRegion(ls)).toEqual({ start: 1, end: 3 });
  });
  it('a tags line carrying its tags closes the article too', () => {
    const ls = featured([PARA, PARA2, PARA3, 'Tags: bridge, council', PROMO]);
    expect(tagsStart(ls)).toBe(3);
    expect(findRegion(ls)).toEqual({ start: 0, end: 2 });
  });
  it('a tags header after too little text closes nothing (a header menu, a teaser)', () => {
    const ls = featured([PARA, 'Tags', PARA2, PARA3]);
    expect(tagsStart(ls)).toBe(-1);
  });
  it('a topics menu above the text closes nothing', () => {
    const ls = featured(['Topics', 'Politics', 'Transport', PARA, PARA2]);
    expect(tagsStart(ls)).toBe(-1);
    expect(findRegion(ls)).toEqual({ start: 3, end: 4 });
  });
  it('counts schedule items as article content before a tags header', () => {
    const items = ['Round 1: 8 February – Northfield Velodrome', 'Round 2: 1 March – Eastgate Track', 'Round 3: 22 March – Northfield Velodrome',
      'Round 4: 12 April – Harbour Park Circuit', 'Round 5: 10 May – Eastgate Track', 'Round 6: 7 June – Venue to be confirmed',
      'Round 7: 5 July – Northfield Velodrome', 'Round 8: 20 September – Final at Harbour Park'];
    const ls = featured(['Home', 'Track calendar for 2025', ...items, 'Tags', 'track, calendar', PROMO, 'Columns', PROMO.replace('above', 'below')]);
    expect(tagsStart(ls)).toBe(2 + items.length);
    expect(findRegion(ls)).toEqual({ start: 2, end: 1 + items.length });
  });
  it('starts at the lede when a related-links box sits between it and the rest of the article', () => {
    const ls = featured(['Home', 'Bridge to reopen next spring', PARA, 'Related articles', 'Ferry timetable changes for the spring',
      'New café opens on the quay', PARA2, PARA3]);
    expect(findRegion(ls)).toEqual({ start: 2, end: 7 });
  });
  it('does not reach over a box to text that is not right above its header, nor over other barriers', () => {
    const teasers = ['Ferry timetable changes for the spring', 'New café opens on the quay'];
    expect(findRegion(featured([PARA, 'Give feedback', 'Most popular', ...teasers, PARA2, PARA3]))).toEqual({ start: 5, end: 6 });
    expect(findRegion(featured([PARA, 'Leave a Reply', ...teasers, PARA2, PARA3]))).toEqual({ start: 4, end: 5 });
  });
  it('a breadcrumb trail glued to the headline above it does not pull the region; the headline gets the title', () => {
    const headline = 'Council and harbour board agree on a plan to reopen the old river bridge to traffic in the spring';
    const ls = featured(['Contact us', `Home News Local News ${headline}`, headline, PARA, PARA2]);
    expect(ls[1]!.textLike).toBe(true);
    expect(isTrailOfNext(ls, 1)).toBe(true);
    const region = findRegion(ls);
    expect(region).toEqual({ start: 3, end: 4 });
    classifyLines(ls, region);
    expect(findTitle(ls)).toBe(2);
  });
  it('counts the trail as a repeat of the headline when scoring titles', () => {
    const headline = 'Council and harbour board agree on a plan to reopen the old river bridge to traffic in the spring';
    const address = 'Northport Harbour Board Offices, Quay Street 12, Northport NP1 2AB';
    const ls = featured(['Contact us', address, 'Phone 01234 567890', 'Email info at harbour', `Home News Local News ${headline}`, headline,
      PARA, PARA2, 'Contact us', address]);
    classifyLines(ls, findRegion(ls));
    expect(findTitle(ls)).toBe(5);
  });
  it('a link list copied as one line (" | " separators) does not pull the region', () => {
    const links = 'Our company | Sales partners around the world, with you at every step of the way | Careers | Find a job with us today.';
    const ls = featured([PARA, PARA2, 'Quick links', links]);
    expect(ls[3]!.textLike).toBe(true);
    expect(isPipeMenu(ls[3]!)).toBe(true);
    expect(isPipeMenu(featured(['Prices rose 3% | analysts had expected 2%, the bureau said on Friday.'])[0]!)).toBe(false);
    expect(findRegion(ls)).toEqual({ start: 0, end: 1 });
  });
  it('a prose line inside a sign-up box is part of the box, in the region search and in classification', () => {
    const pitch = 'Lose yourself in a good story: the best long reads of the week, every Sunday morning.';
    const long = `${PARA3} ${PARA} ${PARA2}`;
    const ls = featured([PARA, PARA2, 'Sign up to The Weekend Read', pitch, 'Enter your email address', long, 'Contact us']);
    expect(boxReason(ls, 3)).toBe('newsletter');
    expect(boxReason(ls, 1)).toBeNull();
    classifyLines(ls, findRegion(ls));
    expect(ls.map((l) => l.reason ?? l.label)).toEqual(['body', 'body', 'newsletter', 'newsletter', 'newsletter', 'body', 'footer']);
  });
  it('a paragraph between two ad markers is not boxed (only sign-up, paywall and consent boxes are)', () => {
    const ls = featured([PARA, 'Advertisement', PARA2, 'Advertisement', PARA3]);
    expect(boxReason(ls, 2)).toBeNull();
  });
  it('a paragraph the page shows twice (a ticker) does not pull the region, but keeps its weight elsewhere', () => {
    const ticker = `Breaking: ${PARA3} ${PARA2}`;
    const ls = featured(['Home', ticker, 'Bridge to reopen next spring', 'by Staff Reporter', PARA, PARA2.replace('two', 'three'), 'Contact us', ticker]);
    expect(regionWeight(ls[1]!)).toBe(WEIGHT.repeatedText);
    expect(lineWeight(ls[1]!)).toBe(ls[1]!.words);
    expect(findRegion(ls)).toEqual({ start: 4, end: 5 });
  });
  it('a page whose every paragraph repeats still has an article (regression: 1.15.0 returned an empty body)', () => {
    const ls = featured(['Bridge inquiry report', PARA, PARA, PARA, PARA2, PARA2]);
    expect(ls.slice(1).every((l) => regionWeight(l) === WEIGHT.repeatedText)).toBe(true);
    expect(findRegion(ls)).toEqual({ start: 1, end: 5 });
    const page = ['Bridge inquiry report', ...Array.from({ length: 50 }, () => PARA)].join('\n');
    const r = clean(page);
    expect(r.body).toBe(PARA);
    expect(r.title).toBe('Bridge inquiry report');
  });
});

describe('classify and refine', () => {
  it('keeps short lines inside the region as body, removes them outside', () => {
    const ls = featured(['Menu item one', PARA, 'The vote', PARA2, 'Footer link here']);
    classifyLines(ls, { start: 1, end: 3 });
    expect(ls.map((l) => l.reason ?? l.label)).toEqual(['outside-body', 'body', 'body', 'body', 'outside-body']);
  });
  it('drops duplicate paragraphs and pull quotes', () => {
    const quote = 'agreed that the bridge would reopen to traffic next spring';
    const ls = featured([PARA, `“${quote}”`, PARA2, PARA]);
    classifyLines(ls, { start: 0, end: 3 });
    refineBody(ls);
    expect(ls.map((l) => l.reason ?? l.label)).toEqual(['body', 'pullquote', 'body', 'duplicate']);
  });
  it('drops teaser headlines under a menu-like header ending in a colon ("More:") inside the body', () => {
    const ls = featured([PARA, 'More:', 'Harbour board backs new ferry pontoon', 'Fishermen welcome lower mooring fees', PARA2, PARA3]);
    classifyLines(ls, { start: 0, end: 5 });
    refineBody(ls);
    expect(ls.map((l) => l.reason ?? l.label)).toEqual(['body', 'nav', 'related', 'related', 'body', 'body']);
  });
  it('keeps short lines under a bare menu word without a colon (a subheading after it)', () => {
    const ls = featured([PARA, 'More', 'Harbour board backs new ferry pontoon', PARA2, PARA3]);
    classifyLines(ls, { start: 0, end: 4 });
    refineBody(ls);
    expect(ls[2]!.label).toBe('body');
  });
  const asBody = (ls: Line[]): Line[] => { ls.forEach((l) => { l.label = 'body'; l.paragraph = l.text; }); return ls; };
  it('drops an author box closing the body: a name line and the bio that names the same person', () => {
    const bio = 'Award-winning reporter Martha Quill writes about transport and planning for the paper.';
    const ls = asBody(featured([PARA, PARA2, 'Martha Quill', bio]));
    markAuthorLines(ls, []);
    expect(ls.map((l) => l.reason ?? l.label)).toEqual(['body', 'body', 'byline', 'bio']);
    const first = asBody(featured([PARA, PARA2, 'Martha Quill', 'Martha joined the paper in 2017 after ten years on the radio news desk.']));
    markAuthorLines(first, []);
    expect(first.map((l) => l.reason ?? l.label)).toEqual(['body', 'body', 'byline', 'bio']);
  });
  it('keeps a name line whose next paragraph is about someone else, or that is followed by more of the article', () => {
    const other = asBody(featured([PARA, 'Martha Quill', PARA2]));
    markAuthorLines(other, []);
    expect(other.map((l) => l.label)).toEqual(['body', 'body', 'body']);
    const more = asBody(featured([PARA, 'Martha Quill', 'Martha Quill said the repairs were late.', PARA2, PARA3]));
    markAuthorLines(more, []);
    expect(more.map((l) => l.label)).toEqual(['body', 'body', 'body', 'body', 'body']);
  });
  it('reads a bio that opens with the known author and a parenthetical', () => {
    const ls = asBody(featured([PARA, PARA2, 'Martha Quill (martha@example.org) is the transport editor of the Harbourside Weekly.']));
    markAuthorLines(ls, ['Martha Quill']);
    expect(ls.map((l) => l.reason ?? l.label)).toEqual(['body', 'body', 'bio']);
  });
  it('drops a pull quote that edits the sentence it repeats (speech tag or punctuation changed)', () => {
    const host = '“We were never trying to replace anyone. We were trying to stop being surprised by the river,” she says.';
    const quote = '“We were never trying to replace anyone. We were trying to stop being surprised by the river.”';
    const ls = featured([PARA, host, PARA2, quote, PARA3]);
    classifyLines(ls, { start: 0, end: 4 });
    refineBody(ls);
    expect(ls.map((l) => l.reason ?? l.label)).toEqual(['body', 'body', 'body', 'pullquote', 'body']);
  });
  it('drops a quoted repeat of an earlier one-line paragraph of the same length', () => {
    const line = 'I had stopped going to places on foot. I was going for the numbers.';
    const ls = featured([PARA, line, PARA2, `“${line}”`, PARA3]);
    classifyLines(ls, { start: 0, end: 4 });
    refineBody(ls);
    expect(ls.map((l) => l.reason ?? l.label)).toEqual(['body', 'body', 'body', 'pullquote', 'body']);
  });
  it('keeps a quoted line that comes before the paragraph restating it, or shares too little with it', () => {
    const quote = '“We were never trying to replace anyone. We were trying to stop being surprised by the river.”';
    const later = '“We were never trying to replace anyone. We were trying to stop being surprised by the river,” she says.';
    const before = featured([PARA, quote, PARA2, later, PARA3]);
    classifyLines(before, { start: 0, end: 4 });
    refineBody(before);
    expect(before.map((l) => l.label)).toEqual(['body', 'body', 'body', 'body', 'body']);
    const loose = featured([PARA, later, PARA2, '“We were never trying to replace the lock keepers on the canal at all.”', PARA3]);
    classifyLines(loose, { start: 0, end: 4 });
    refineBody(loose);
    expect(loose.map((l) => l.label)).toEqual(['body', 'body', 'body', 'body', 'body']);
  });
  it('trims body lines left unsupported after refinement', () => {
    const ls = featured([PARA, 'Short heading', 'Another one', 'And a third', 'Fourth short one']);
    classifyLines(ls, { start: 0, end: 4 });
    refineBody(ls);
    expect(ls.map((l) => l.label)).toEqual(['body', 'removed', 'removed', 'removed', 'removed']);
  });
});

describe('title', () => {
  it('picks the headline above the body, skipping explained lines', () => {
    const ls = featured(['Home', 'Harbour opens floating solar farm on old dock', 'Sign up now: Get our briefing', PARA, PARA2]);
    classifyLines(ls, { start: 3, end: 4 });
    expect(findTitle(ls)).toBe(1);
    expect(ls[1]!.label).toBe('title');
  });
  it('prefers a line the page repeats', () => {
    const ls = featured(['Bridge to reopen next spring | Town Times', 'Town Times news desk edition', 'Bridge to reopen next spring', PARA, PARA2]);
    classifyLines(ls, { start: 3, end: 4 });
    expect(findTitle(ls)).toBe(2);
  });
  it('takes a title-shaped first body line when nothing above qualifies', () => {
    const ls = featured(['Bridge to reopen next spring', PARA, PARA2]);
    classifyLines(ls, { start: 0, end: 2 });
    expect(findTitle(ls)).toBe(0);
  });
  it('finds none when the page has no body', () => {
    const ls = featured(['Home', 'News']);
    classifyLines(ls, null);
    expect(findTitle(ls)).toBe(-1);
  });
});

describe('header', () => {
  const labelled = (texts: readonly string[], labels: readonly [Line['label'], Line['reason']][]): Line[] => {
    const ls = featured(texts);
    ls.forEach((l, i) => { [l.label, l.reason] = labels[i]!; });
    return ls;
  };
  const PROMO = 'The new look of our pages was built over the winter and we hope that you like it.';
  it('takes a text-like line after the headline, past its byline, for the standfirst', () => {
    const ls = labelled(['Harbour opens floating solar farm', 'By Jane Doe', PROMO, PARA],
      [['title', null], ['removed', 'byline'], ['removed', 'outside-body'], ['body', null]]);
    readHeader(ls, 0, () => null);
    expect(ls.map((l) => l.label)).toEqual(['title', 'removed', 'body', 'body']);
  });
  it('does not look for the standfirst past other page furniture (a menu, a survey box)', () => {
    const ls = labelled(['Harbour opens floating solar farm', 'Survey', PROMO, PARA],
      [['title', null], ['removed', 'outside-body'], ['removed', 'outside-body'], ['body', null]]);
    readHeader(ls, 0, () => null);
    expect(ls.map((l) => l.label)).toEqual(['title', 'removed', 'removed', 'body']);
  });
  it('takes a results line for article text: the headline is above it, not among the results', () => {
    const ls = featured(['Prep roundup: girls basketball', 'Northfield d. Eastgate 61-40',
      'Northfield (2-0): Adams 20 points. Baker 12 points. Cole 9 points. Diaz 8 points.',
      'Eastgate (0-2): Evans 15 points. Ford 11 points. Grant 8 points. Hill 6 points.',
      'Westbrook d. Southport 55-52', 'Westbrook (1-1): Irwin 18 points. Jones 14 points. Kane 10 points.', PARA]);
    expect(ls[2]!.dataLike).toBe(true);
    classifyLines(ls, { start: 1, end: 6 });
    expect(findTitle(ls)).toBe(0);
    expect(ls.slice(1).map((l) => l.label)).toEqual(['body', 'body', 'body', 'body', 'body', 'body']);
  });
  it('never takes a bare web address for the headline', () => {
    const url = 'https://www.example.com/news/bridge-to-reopen-to-traffic-next-spring-after-repairs-20250314.html';
    const ls = featured(['Home', url, 'Bridge to reopen next spring', PARA, PARA2]);
    classifyLines(ls, { start: 3, end: 4 });
    expect(findTitle(ls)).toBe(2);
  });
  it('does not take a second copy of a sentence-like headline for the standfirst', () => {
    const q = 'Is the old river bridge really going to reopen to traffic next spring?';
    const ls = featured([q, q, PARA, PARA2]);
    ls.forEach((l, i) => {
      l.label = i === 0 ? 'title' : i === 1 ? 'removed' : 'body';
      l.reason = i === 1 ? 'outside-body' : null;
    });
    readHeader(ls, 0, () => null);
    expect(ls.map((l) => l.label)).toEqual(['title', 'removed', 'body', 'body']);
  });
});

describe('extract and assemble', () => {
  it('lists images in page order and every non-kept line in removed', () => {
    const ls = linesOf(['Title here now', 'Cap one.', 'PHOTO: A', 'PHOTO: B', PARA, 'Home'], (i) => ({
      label: (['title', 'caption', 'credit', 'credit', 'body', 'removed'] as const)[i]!,
      reason: ([null, 'caption', 'credit', 'credit', null, 'nav'] as const)[i]!,
      caption: i === 1 ? 'Cap one.' : null,
      creditText: i === 1 ? 'PHOTO: A' : i === 3 ? 'PHOTO: B' : i === 2 ? 'PHOTO: A' : null,
      paired: i === 2,
      paragraph: i === 4 ? PARA : null,
    }));
    const paragraphs = bodyParagraphs(ls);
    const meta = extractMetadata(ls, { start: 4, end: 4 }, paragraphs.join('\n\n'), '');
    expect(meta.images).toEqual([{ caption: 'Cap one.', credit: 'PHOTO: A' }, { caption: null, credit: 'PHOTO: B' }]);
    const r = assemble(ls, ['overflow line'], paragraphs, meta);
    expect(r.title).toBe('Title here now');
    expect(r.body).toBe(PARA);
    expect(r.removed.map((x) => x.reason)).toEqual(['caption', 'credit', 'credit', 'nav', 'boilerplate']);
    expect(r.wordCount).toBe(wordCount(PARA));
  });
  it('counts words: letter/digit tokens, CJK characters one each', () => {
    expect(wordCount('The 3 bridges, re-opened!')).toBe(5);
    expect(wordCount('東京で2025年')).toBe(5);
    expect(wordCount('')).toBe(0);
  });
});
