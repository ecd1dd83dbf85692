import { describe, expect, it } from 'vitest';
import { BINARY_SIGNATURES, decodeArticleBytes, decodeWindows1252 } from '../../functions/shared/decode.ts';
import { cp1252, utf16 } from './helpers.ts';

const TEXT = 'Council approves “new” ferry timetable — café reopens, fares stay at €2…\n\nSecond paragraph.';

function decodedText(bytes: Uint8Array) {
  const r = decodeArticleBytes(bytes);
  if (!r.ok) throw new Error(`expected text, got ${r.reason}`);
  return r;
}

describe('decodeArticleBytes', () => {
  it('returns empty text for empty input', () => {
    expect(decodeArticleBytes(new Uint8Array(0))).toEqual({ ok: true, text: '', encoding: 'utf-8' });
  });

  it('decodes plain UTF-8', () => {
    expect(decodedText(Buffer.from(TEXT, 'utf8'))).toEqual({ ok: true, text: TEXT, encoding: 'utf-8' });
  });

  it('strips a UTF-8 BOM', () => {
    const r = decodedText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]));
    expect(r).toEqual({ ok: true, text: TEXT, encoding: 'utf-8' });
  });

  it('reads a lone BOM as empty text', () => {
    expect(decodedText(Uint8Array.of(0xef, 0xbb, 0xbf)).text).toBe('');
  });

  it.each([
    ['utf-16le', 'le', true],
    ['utf-16be', 'be', true],
    ['utf-16le', 'le', false],
    ['utf-16be', 'be', false],
  ] as const)('decodes %s (BOM: %s)', (encoding, endian, bom) => {
    const r = decodedText(utf16(TEXT, endian, bom));
    expect(r.encoding).toBe(encoding);
    expect(r.text).toBe(TEXT);
  });

  it('decodes Windows-1252 smart quotes, dashes, euro and accents', () => {
    const r = decodedText(cp1252(TEXT));
    expect(r.encoding).toBe('windows-1252');
    expect(r.text).toBe(TEXT);
  });

  it('maps 0x93 0x94 to curly quotes and 0xE9 to é', () => {
    expect(decodedText(Uint8Array.of(0x93, 0x48, 0x69, 0x94, 0x20, 0x63, 0x61, 0x66, 0xe9))).toEqual({
      ok: true,
      text: '“Hi” café',
      encoding: 'windows-1252',
    });
  });

  it('falls back to Windows-1252 for invalid UTF-8', () => {
    // 0xE9 followed by ASCII is not UTF-8 (a 3-byte lead without continuation bytes).
    const r = decodedText(Buffer.from([...Buffer.from('Le caf'), 0xe9, ...Buffer.from(' est ouvert')]));
    expect(r).toEqual({ ok: true, text: 'Le café est ouvert', encoding: 'windows-1252' });
  });

  it('does not count overlong or surrogate sequences as UTF-8 (Windows-1252 "à€®a" is E0 80 AE 61)', () => {
    // Found by the fast-check round-trip property: E0 80 has continuation-shaped bytes but is an
    // overlong form, so the "mostly valid UTF-8" rule must not see a well-formed sequence there.
    expect(decodedText(cp1252('à€®a'))).toEqual({ ok: true, text: 'à€®a', encoding: 'windows-1252' });
    expect(decodedText(cp1252('í€ and í'))).toEqual({ ok: true, text: 'í€ and í', encoding: 'windows-1252' }); // ED 80: surrogate range
    expect(decodedText(cp1252('ð€€€ ok'))).toEqual({ ok: true, text: 'ð€€€ ok', encoding: 'windows-1252' }); // F0 80: overlong 4-byte form
  });

  it('keeps mostly-valid UTF-8 as UTF-8 with replacement characters', () => {
    const good = Buffer.from('Zürich, Genève, Köln, Málaga, Ærø — ', 'utf8');
    const r = decodedText(Buffer.concat([good, Buffer.from([0xff]), good]));
    expect(r.encoding).toBe('utf-8');
    expect(r.text).toContain('Genève');
    expect(r.text).toContain('\uFFFD');
  });

  it('maps the undefined Windows-1252 bytes to C1 controls like the WHATWG decoder', () => {
    expect(decodeWindows1252(Uint8Array.of(0x81, 0x8d, 0x8f, 0x90, 0x9d))).toBe('\u0081\u008d\u008f\u0090\u009d');
    // and the rest of the high half is Latin-1
    expect(decodeWindows1252(Uint8Array.of(0xa0, 0xe9, 0xff))).toBe('\u00a0éÿ');
  });

  it.each([
    ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]],
    ['gif', [...Buffer.from('GIF89a'), 1, 0, 1, 0]],
    ['jpeg', [0xff, 0xd8, 0xff, 0xe0, 0, 16]],
    ['pdf', [...Buffer.from('%PDF-1.7\n')]],
    ['zip', [0x50, 0x4b, 0x03, 0x04, 20, 0]],
    ['gzip', [0x1f, 0x8b, 8, 0]],
    ['elf', [0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]],
  ])('rejects %s by its magic number', (format, bytes) => {
    expect(decodeArticleBytes(Uint8Array.from(bytes))).toEqual({ ok: false, reason: `binary:${format}` });
  });

  it('checks signatures at their offset (webp at 8, mp4 at 4)', () => {
    expect(decodeArticleBytes(Uint8Array.from([...Buffer.from('RIFF'), 1, 2, 3, 4, ...Buffer.from('WEBPVP8 ')]))).toEqual({
      ok: false,
      reason: 'binary:webp',
    });
    expect(BINARY_SIGNATURES.every((s) => s.bytes.length >= 2)).toBe(true);
  });

  it('does not mistake text starting like a signature for binary', () => {
    expect(decodedText(Buffer.from('PK is the abbreviation used on the scoreboard.')).encoding).toBe('utf-8');
    expect(decodedText(Buffer.from('GIF of the week: a cat.')).text).toBe('GIF of the week: a cat.');
  });

  it('rejects text with NUL bytes', () => {
    expect(decodeArticleBytes(Buffer.from('Hello\u0000world, this is a sentence.'))).toEqual({ ok: false, reason: 'binary:nul-bytes' });
  });

  it('rejects text dominated by control characters', () => {
    const bytes = Buffer.from('a\u0001b\u0002c\u0003d\u0004e\u0005f\u0006g\u0007', 'utf8');
    expect(decodeArticleBytes(bytes)).toEqual({ ok: false, reason: 'binary:control-characters' });
  });

  it('accepts a few stray control characters and tabs, form feeds, CRLF', () => {
    const text = `Title\r\n\r\n\tIndented paragraph with a bell\u0007 in it and enough words to dilute it well.\f\nNext page.`;
    expect(decodedText(Buffer.from(text)).text).toBe(text);
  });

  it('rejects random bytes without a magic number', () => {
    let seed = 42;
    const noise = Uint8Array.from({ length: 4096 }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff);
    const r = decodeArticleBytes(noise);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/^binary:/);
  });
});
