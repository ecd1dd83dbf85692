/** Property tests (fast-check) for the pure units of the ingest path. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeArticleBytes } from '../../functions/shared/decode.ts';
import { EventParseError } from '../../functions/shared/errors.ts';
import { SEQUENCER_WIDTH, decodeS3Key, normaliseSequencer, parseS3Message } from '../../functions/shared/s3-event.ts';
import { cp1252, utf16 } from './helpers.ts';

/** Text a person could upload: printable characters, spaces, newlines (no controls, no NUL). */
const articleText = fc
  .array(fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), fc.constantFrom(' ', '\n', '\n\n', '\t')), { maxLength: 60 })
  .map((parts) => parts.join(''))
  .filter((s) => !/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(s));

const cp1252Char = fc.constantFrom(...'abcXYZ 019.,;:!?\'"-\néèêàçüößñÆØÅ€…‘’“”–—©®°±×÷¿¡'.split(''));

/** S3's encoding of a key in notifications: URL-encoded, spaces as '+'. */
const s3Encode = (key: string) => encodeURIComponent(key).replace(/%20/g, '+');

describe('decodeArticleBytes properties', () => {
  it('never throws, and always answers text or a binary:… reason', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
        const r = decodeArticleBytes(bytes);
        if (r.ok) expect(typeof r.text).toBe('string');
        else expect(r.reason).toMatch(/^binary:[a-z0-9-]+$/);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips UTF-8 text exactly', () => {
    fc.assert(
      fc.property(articleText, (text) => {
        const r = decodeArticleBytes(Buffer.from(text, 'utf8'));
        // A leading U+FEFF would be read as a BOM: the property holds for the rest.
        if (text.startsWith('\uFEFF')) return;
        expect(r).toEqual({ ok: true, text, encoding: 'utf-8' });
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips UTF-16 LE and BE with a BOM', () => {
    fc.assert(
      fc.property(articleText, fc.constantFrom('le' as const, 'be' as const), (text, endian) => {
        const r = decodeArticleBytes(utf16(text, endian, true));
        if (text.length === 0) return;
        expect(r).toEqual({ ok: true, text, encoding: `utf-16${endian}` });
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips Windows-1252 text that is not valid UTF-8', () => {
    fc.assert(
      fc.property(fc.array(cp1252Char, { minLength: 1, maxLength: 80 }), (chars) => {
        const text = chars.join('');
        const bytes = cp1252(text);
        const r = decodeArticleBytes(bytes);
        let validUtf8 = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          validUtf8 = false;
        }
        if (!validUtf8) expect(r).toEqual({ ok: true, text, encoding: 'windows-1252' });
      }),
      { numRuns: 300 },
    );
  });
});

describe('S3 event properties', () => {
  it('decodeS3Key inverts S3 key encoding for any key', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), (key) => {
        expect(decodeS3Key(s3Encode(key))).toBe(key);
      }),
    );
  });

  it('normalised sequencers compare like S3 says (right-pad the shorter, then compare)', () => {
    const hex = fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFabcdef'.split('')), minLength: 1, maxLength: SEQUENCER_WIDTH });
    fc.assert(
      fc.property(hex, hex, (a, b) => {
        const width = Math.max(a.length, b.length);
        const [pa, pb] = [a.toUpperCase().padEnd(width, '0'), b.toUpperCase().padEnd(width, '0')];
        const expected = pa < pb ? -1 : pa > pb ? 1 : 0;
        const na = normaliseSequencer(a);
        const nb = normaliseSequencer(b);
        expect(na < nb ? -1 : na > nb ? 1 : 0).toBe(expected);
        expect(na).toHaveLength(SEQUENCER_WIDTH);
      }),
      { numRuns: 500 },
    );
  });

  it('parseS3Message fails only with EventParseError, whatever the body', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify({ Records: [v] }))), (body) => {
        try {
          parseS3Message(body);
        } catch (err) {
          expect(err).toBeInstanceOf(EventParseError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
