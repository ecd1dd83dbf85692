/**
 * Hostile and broken uploads, generated deterministically (no committed blobs).
 *
 *   npm run nasty [-- outDir]        writes every case to outDir (default .local-data/nasty)
 *
 * The same table is imported by test/reliability/nasty.test.ts, which builds the cases in
 * memory and checks what the handler's `cleanArticleBytes` makes of each one.
 * All text here is original (written for this file), never copied from a publisher.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRng } from '../bench/lib/prng.ts';

/** One hostile input. `make` builds the bytes on demand (some are large). */
export interface NastyCase {
  readonly name: string;
  readonly description: string;
  /** Size in bytes of what `make` returns, known without building it. */
  readonly size: number;
  readonly make: () => Uint8Array;
}

/** 10 MiB: the handler's documented default upload cap. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

const MB = 1024 * 1024;

/** A seeded PRNG (bench/lib/prng.ts, mulberry32): the corpus is identical on every run. */
export function prng(seed: number): () => number {
  return createRng(seed).next;
}

function noise(length: number, seed: number): Uint8Array {
  const rnd = prng(seed);
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = Math.floor(rnd() * 256);
  return out;
}

function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function utf16(s: string, endian: 'le' | 'be', bom: boolean): Uint8Array {
  const text = bom ? `\uFEFF${s}` : s;
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const hi = unit >>> 8;
    const lo = unit & 0xff;
    out[i * 2] = endian === 'le' ? lo : hi;
    out[i * 2 + 1] = endian === 'le' ? hi : lo;
  }
  return out;
}

/** Single-byte encodings: the given map for 0x80-0x9F, identity (Latin-1) elsewhere. */
const WINDOWS_1252_HIGH: Readonly<Record<string, number>> = {
  '€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, '™': 0x99,
};

function singleByte(s: string, high: Readonly<Record<string, number>>): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const mapped = high[ch];
    const cp = ch.codePointAt(0) ?? 0x3f;
    if (mapped !== undefined) out.push(mapped);
    else if (cp <= 0xff) out.push(cp);
    else out.push(0x3f);
  }
  return Uint8Array.from(out);
}

/** An original short news story used as the carrier text of several encodings. */
export const CARRIER_TITLE = 'Harbour council approves new ferry timetable';
export const CARRIER_BODY = [
  'The harbour council voted on Tuesday to extend the evening ferry service to the outer islands, ending a dispute that had lasted most of the summer.',
  'Councillors said the later sailings would help shift workers at the fish market, who had complained that the last boat left before their shifts ended.',
  'The operator will add two crossings on weekdays and one on Sundays, starting next month, and fares will stay at their current level until the spring.',
];
const CARRIER = [CARRIER_TITLE, '', ...CARRIER_BODY.flatMap((p) => [p, ''])].join('\n');

/** Accented European text, representable in Latin-1 and Windows-1252. */
export const LATIN_SENTENCE = 'Le café près de la gare a rouvert ses portes après des travaux, et les habitués ont retrouvé leur table préférée près de la fenêtre.';
const LATIN_TEXT = [
  'Réouverture du café de la gare',
  '',
  LATIN_SENTENCE,
  '',
  'Die Bäckerei gegenüber öffnet jetzt früher, sagte die Inhaberin, weil die Pendler schon um fünf Uhr Brötchen kaufen möchten.',
].join('\n');
const WIN1252_TEXT = [
  'Town square market returns',
  '',
  '“We’re delighted,” said the organiser — the market will cost €2 to enter… and the café™ stall is back.',
  '',
  'Stallholders said the new layout gives more room for prams and wheelchairs, and the fountain will be switched on for the first time since spring.',
].join('\n');

/** Right-to-left scripts with combining marks (Arabic harakat, Hebrew niqqud) and bidi controls. */
export const RTL_ARABIC = 'وَافَقَ مَجْلِسُ المَدِينَةِ عَلَى خُطَّةٍ جَدِيدَةٍ لِتَوْسِيعِ الحَدِيقَةِ العَامَّةِ قُرْبَ النَّهْرِ، وَسَيَبْدَأُ العَمَلُ فِي الرَّبِيعِ المُقْبِلِ.';
export const RTL_HEBREW = 'מוֹעֶצֶת הָעִיר אִישְּׁרָה הַיּוֹם תָּכְנִית חֲדָשָׁה לְהַרְחָבַת הַגַּן הַצִּבּוּרִי לְיַד הַנָּהָר, וְהָעֲבוֹדוֹת יַתְחִילוּ בָּאָבִיב.';
const RTL_TEXT = [
  'مجلس المدينة يوافق على توسيع الحديقة',
  '',
  RTL_ARABIC,
  '',
  RTL_HEBREW,
  '',
  // A bidi override trying to disguise a file name, and stacked combining marks.
  'Attachment: report\u202Efdp.exe was removed; Z̷̢̛a̸̡͝l̵̨̛g̶̢͠o̷̧͝ text is still text.',
].join('\n');

export const EMOJI_LINE = 'Fans cheered 🎉🎉 as the 👩‍👩‍👧‍👦 family won the 🏆 — flags 🇳🇿🇯🇵, math 𝐀𝐁𝐂 𝕏, and ancient 𓀀𓁐 signs.';
const EMOJI_TEXT = [
  'Village fair crowns its champions 🥇',
  '',
  EMOJI_LINE,
  '',
  'The pie contest was won by a retired teacher whose rhubarb crumble 🥧 beat thirty other entries, the judges said after a long afternoon of tasting.',
].join('\n');

const BOILERPLATE_LINES = [
  'Skip to content', 'Home', 'News', 'Sport', 'Weather', 'Menu', 'Search', 'Sign in',
  'Share this article', 'Share on Facebook', 'Share on X', 'Copy link',
  'Sign up for our newsletter', 'Get the morning briefing delivered to your inbox',
  'We use cookies to improve your experience. Accept all cookies', 'Manage preferences',
  'Advertisement', 'Subscribe to continue reading', 'Related:', 'Most read',
  '© 2026 Example Media Ltd. All rights reserved.', 'Privacy policy', 'Terms of use', 'Contact us',
];

function repeatText(line: string, bytes: number): string {
  return line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes);
}

function withLength(name: string, description: string, make: () => Uint8Array): NastyCase {
  const bytes = make();
  return { name, description, size: bytes.length, make: () => bytes.slice() };
}

/** 200k short lines: "a1", "a2", ... */
function manyShortLines(count: number): string {
  const lines: string[] = new Array<string>(count);
  for (let i = 0; i < count; i++) lines[i] = `line ${i % 97}`;
  return lines.join('\n');
}

const FIVE_MB_LINE = repeatText('The river rose slowly overnight and the bridge stayed open to traffic. ', 5 * MB);
const FIFTY_MB_BLOCK = 'Overflowing upload that must be refused by size before any decoding happens.\n';

export const NASTY_CASES: readonly NastyCase[] = [
  withLength('empty', 'zero bytes', () => new Uint8Array(0)),
  withLength('whitespace-only', 'spaces, tabs, CR/LF, NBSP, ideographic space, zero-width space', () =>
    utf8(' \t \n\r\n  \u00A0\u3000\u200B\n\t\t  \n')),
  withLength('bom-only', 'a UTF-8 byte-order mark and nothing else', () => Uint8Array.of(0xef, 0xbb, 0xbf)),
  withLength('one-5mb-line', 'a single 5 MiB line, no newline at all', () => utf8(FIVE_MB_LINE)),
  {
    name: 'over-cap-50mb',
    description: '50 MiB of text: over the 10 MiB cap',
    size: 50 * MB,
    make: () => utf8(repeatText(FIFTY_MB_BLOCK, 50 * MB)),
  },
  withLength('binary-png', 'PNG signature + IHDR-like header + noise', () =>
    concat(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52), noise(64 * 1024, 1))),
  withLength('binary-gzip', 'gzip magic + noise', () => concat(Uint8Array.of(0x1f, 0x8b, 0x08, 0x00), noise(32 * 1024, 2))),
  withLength('binary-pdf', '%PDF header + binary comment + noise', () =>
    concat(utf8('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nstream\n'), noise(32 * 1024, 3))),
  withLength('binary-noise', 'pure random bytes, no magic number', () => noise(16 * 1024, 4)),
  withLength('utf16le-bom', 'UTF-16 LE with BOM', () => utf16(CARRIER, 'le', true)),
  withLength('utf16be-bom', 'UTF-16 BE with BOM', () => utf16(CARRIER, 'be', true)),
  withLength('utf16le-nobom', 'UTF-16 LE without BOM', () => utf16(CARRIER, 'le', false)),
  withLength('utf16be-nobom', 'UTF-16 BE without BOM', () => utf16(CARRIER, 'be', false)),
  withLength('windows-1252', 'Windows-1252: smart quotes, dash, euro, ellipsis, trademark', () => singleByte(WIN1252_TEXT, WINDOWS_1252_HIGH)),
  withLength('latin-1', 'ISO-8859-1 French and German', () => singleByte(LATIN_TEXT, {})),
  withLength('invalid-utf8', 'UTF-8 text with lone continuation bytes, overlongs, encoded surrogates, truncated sequences', () =>
    concat(
      utf8(`${CARRIER_TITLE}\n\n${CARRIER_BODY[0]} `),
      Uint8Array.of(0x80, 0xbf, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80, 0xe2, 0x82),
      utf8(` ${CARRIER_BODY[1]}\n\n${CARRIER_BODY[2]}\n`),
      Uint8Array.of(0xf0, 0x9f, 0x98),
    )),
  withLength('nul-bytes', 'article with NUL bytes inside words and lines', () =>
    utf8(`${CARRIER_TITLE}\n\n${CARRIER_BODY[0]!.replace(/ /g, ' \u0000')}\n\n\u0000\u0000\u0000\n\n${CARRIER_BODY[1]}\n`)),
  withLength('control-chars', 'C0/C1 controls, ANSI colour escapes, backspaces, form feeds, DEL', () =>
    utf8(`${CARRIER_TITLE}\u0007\n\n\u001b[31m${CARRIER_BODY[0]}\u001b[0m\n\f\n${CARRIER_BODY[1]}\u0008\u0008\u007f\u0085\u009b\n\v\n${CARRIER_BODY[2]}\n`)),
  withLength('mixed-newlines', 'CR, LF and CRLF mixed in one file', () =>
    utf8(`${CARRIER_TITLE}\r\r${CARRIER_BODY[0]}\n\n${CARRIER_BODY[1]}\r\n\r\n${CARRIER_BODY[2]}\r`)),
  withLength('rtl-combining', 'Arabic and Hebrew with harakat/niqqud, bidi override, stacked combining marks', () => utf8(RTL_TEXT)),
  withLength('emoji-astral', 'ZWJ emoji families, flags, mathematical alphanumerics, hieroglyphs', () => utf8(EMOJI_TEXT)),
  withLength('many-short-lines', '200 000 short lines', () => utf8(manyShortLines(200_000))),
  withLength('all-boilerplate', 'a page made only of menus, share bars, cookie and newsletter pitches', () =>
    utf8([...BOILERPLATE_LINES, ...BOILERPLATE_LINES].join('\n'))),
];

/** Writes every case into `outDir` as `<name>.txt`; returns the paths. */
export async function writeNastyCorpus(outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const paths: string[] = [];
  for (const c of NASTY_CASES) {
    const path = join(outDir, `${c.name}.txt`);
    await writeFile(path, c.make());
    paths.push(path);
  }
  return paths;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const outDir = resolve(process.argv[2] ?? '.local-data/nasty');
  const paths = await writeNastyCorpus(outDir);
  console.log(`wrote ${paths.length} files to ${outDir}`);
}
