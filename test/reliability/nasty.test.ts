/**
 * Hostile and broken uploads (scripts/make-nasty-corpus.ts, built in memory): each one yields
 * a sensible cleanArticleBytes result or a 'rejected' status with a SPECIFIC reason, and
 * none throws. The 50 MiB case is not built here; the cap is tested by size instead.
 */
import { describe, expect, it } from 'vitest';
import { cleanArticleBytes, STATUS_REASONS, type CleaningFields } from '../../functions/shared/article.ts';
import { DEFAULT_MAX_OBJECT_BYTES } from '../../functions/shared/config.ts';
import {
  CARRIER_BODY,
  CARRIER_TITLE,
  DEFAULT_MAX_BYTES,
  EMOJI_LINE,
  LATIN_SENTENCE,
  NASTY_CASES,
  RTL_ARABIC,
  RTL_HEBREW,
  type NastyCase,
} from '../../scripts/make-nasty-corpus.ts';
import { isWellFormed } from '../../scripts/fuzz.ts';

const MAX_BYTES = DEFAULT_MAX_OBJECT_BYTES;

interface Expected {
  readonly status: CleaningFields['status'];
  /** Exact reason, or a pattern for reasons that carry a detail. null: statusReason must be null. */
  readonly reason: string | RegExp | null;
  /** Texts the body must contain (as the cleaner normalises them: NFC). */
  readonly bodyHas?: readonly string[];
  readonly title?: string;
}

const carrierOk: Expected = { status: 'ok', reason: null, title: CARRIER_TITLE, bodyHas: CARRIER_BODY };

/** The expected outcome of every case (a test below checks the table covers the corpus). */
const EXPECTED: Readonly<Record<string, Expected>> = {
  empty: { status: 'empty', reason: STATUS_REASONS.emptyInput },
  'whitespace-only': { status: 'empty', reason: STATUS_REASONS.emptyInput },
  'bom-only': { status: 'empty', reason: STATUS_REASONS.emptyInput },
  'one-5mb-line': { status: 'ok', reason: null, bodyHas: ['The river rose slowly overnight and the bridge stayed open to traffic.'] },
  'over-cap-50mb': { status: 'rejected', reason: /^too-large: 52428800 bytes > 10485760$/ },
  'binary-png': { status: 'rejected', reason: 'binary:png' },
  'binary-gzip': { status: 'rejected', reason: 'binary:gzip' },
  'binary-pdf': { status: 'rejected', reason: 'binary:pdf' },
  'binary-noise': { status: 'rejected', reason: /^binary:(nul-bytes|control-characters)$/ },
  'utf16le-bom': carrierOk,
  'utf16be-bom': carrierOk,
  'utf16le-nobom': carrierOk,
  'utf16be-nobom': carrierOk,
  'windows-1252': { status: 'ok', reason: null, title: 'Town square market returns', bodyHas: ['“We’re delighted,” said the organiser — the market will cost €2 to enter… and the café™ stall'] },
  'latin-1': { status: 'ok', reason: null, title: 'Réouverture du café de la gare', bodyHas: [LATIN_SENTENCE, 'Die Bäckerei gegenüber öffnet'] },
  // Broken bytes become mojibake or U+FFFD, but the readable sentences survive intact.
  'invalid-utf8': { status: 'ok', reason: null, title: CARRIER_TITLE, bodyHas: [CARRIER_BODY[1]!, CARRIER_BODY[2]!] },
  'nul-bytes': { status: 'rejected', reason: 'binary:nul-bytes' },
  'control-chars': { status: 'ok', reason: null, title: CARRIER_TITLE, bodyHas: [CARRIER_BODY[1]!, CARRIER_BODY[2]!] },
  'mixed-newlines': carrierOk,
  'rtl-combining': { status: 'ok', reason: null, bodyHas: [RTL_ARABIC.normalize('NFC'), RTL_HEBREW.normalize('NFC')] },
  // Zero-width joiners are removed by the corpus normalisation, so compare without them.
  'emoji-astral': { status: 'ok', reason: null, bodyHas: [EMOJI_LINE.replace(/\u200d/g, '')] },
  'many-short-lines': { status: 'empty', reason: STATUS_REASONS.noArticleText },
  'all-boilerplate': { status: 'empty', reason: STATUS_REASONS.noArticleText },
};

/** Built in memory; the 50 MiB case is represented by its size only. */
const IN_MEMORY = NASTY_CASES.filter((c) => c.size <= 2 * MAX_BYTES);

function check(c: NastyCase, r: CleaningFields): void {
  const want = EXPECTED[c.name];
  expect(want, `no expected outcome for ${c.name}`).toBeDefined();
  expect(r.status).toBe(want!.status);
  if (want!.reason === null) expect(r.statusReason).toBeNull();
  else if (typeof want!.reason === 'string') expect(r.statusReason).toBe(want!.reason);
  else expect(r.statusReason).toMatch(want!.reason);
  if (want!.title !== undefined) expect(r.title).toBe(want!.title);
  for (const text of want!.bodyHas ?? []) expect(r.body).toContain(text);

  // Whatever the input: well-formed text out, no raw control characters, consistent fields.
  const all = [r.title ?? '', r.body, ...r.removed.map((l) => l.text)].join('\n');
  expect(isWellFormed(all)).toBe(true);
  expect(all).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  if (r.status === 'ok') {
    expect(r.body.length).toBeGreaterThan(0);
    expect(r.contentHash).toMatch(/^[0-9a-f]{64}$/);
  } else {
    expect(r.body).toBe('');
    expect(r.contentHash).toBeNull();
  }
}

describe('nasty uploads', () => {
  it('the expected-outcome table covers the whole corpus', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(NASTY_CASES.map((c) => c.name).sort());
    expect(DEFAULT_MAX_BYTES).toBe(MAX_BYTES);
  });

  it.each(IN_MEMORY.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    let r: CleaningFields | undefined;
    expect(() => {
      r = cleanArticleBytes(c.make(), { maxBytes: MAX_BYTES });
    }).not.toThrow();
    check(c, r!);
  });

  it('over-cap-50mb: the cap is applied by size, before decoding', () => {
    const big = NASTY_CASES.find((c) => c.name === 'over-cap-50mb')!;
    expect(big.size).toBeGreaterThan(MAX_BYTES);
    // Same length as the real case, all zero bytes: had it been decoded it would be 'binary:nul-bytes'.
    const r = cleanArticleBytes(new Uint8Array(big.size), { maxBytes: MAX_BYTES });
    check(big, r);
  });

  it.each([
    [MAX_BYTES, 'ok'],
    [MAX_BYTES + 1, 'rejected'],
  ] as const)('a %i-byte upload is %s (the cap is inclusive)', (size, status) => {
    const bytes = new Uint8Array(size).fill(0x61); // 'aaaa…' is text
    const r = cleanArticleBytes(bytes, { maxBytes: MAX_BYTES });
    if (status === 'rejected') expect(r).toMatchObject({ status, statusReason: `too-large: ${size} bytes > ${MAX_BYTES}` });
    else expect(r.status).not.toBe('rejected');
  });

  it('a smaller configured cap rejects the 5 MiB line by size', () => {
    const c = NASTY_CASES.find((n) => n.name === 'one-5mb-line')!;
    const r = cleanArticleBytes(c.make(), { maxBytes: 1024 * 1024 });
    expect(r).toMatchObject({ status: 'rejected', statusReason: `too-large: ${c.size} bytes > ${1024 * 1024}` });
  });

  // Fixed in cleaner 1.14.0: the normaliser used to delete the ESC of an ANSI colour sequence
  // but keep its parameters, so "\u001b[31mThe harbour…" became "[31mThe harbour…".
  it('control-chars: ANSI escape sequences leave no residue in the body', () => {
    const c = NASTY_CASES.find((n) => n.name === 'control-chars')!;
    const r = cleanArticleBytes(c.make(), { maxBytes: MAX_BYTES });
    expect(r.body).toContain(CARRIER_BODY[0]!);
    expect(r.body).not.toMatch(/\[\d+m/);
  });
});
