import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CLEANER_VERSION } from '../../cleaner/index.ts';
import { cleanArticle, cleanArticleBytes, isOverSizeCap, oversizedFields, type CleaningFields } from '../../functions/shared/article.ts';
import { SAMPLE_ARTICLE, cp1252, utf16 } from './helpers.ts';

const MAX = 1024 * 1024;

/** All the text the cleaner returned, wherever it put it (title, body or removed). */
function allText(f: CleaningFields): string {
  return [f.title ?? '', f.body, ...f.removed.map((r) => r.text)].join('\n');
}

describe('cleanArticleBytes', () => {
  it('cleans an article: status ok, body, contentHash of the body, cleaner version', () => {
    const f = cleanArticleBytes(Buffer.from(SAMPLE_ARTICLE), { maxBytes: MAX });
    expect(f.status).toBe('ok');
    expect(f.statusReason).toBeNull();
    expect(f.body.length).toBeGreaterThan(0);
    expect(f.contentHash).toBe(createHash('sha256').update(f.body, 'utf8').digest('hex'));
    expect(f.cleanerVersion).toBe(CLEANER_VERSION);
    expect(f.wordCount).toBeGreaterThan(0);
  });

  it('rejects an upload over the cap without decoding it', () => {
    const bytes = Buffer.alloc(2049, 0x61);
    expect(cleanArticleBytes(bytes, { maxBytes: 2048 })).toEqual(oversizedFields(2049, 2048));
    expect(oversizedFields(2049, 2048)).toMatchObject({ status: 'rejected', statusReason: 'too-large: 2049 bytes > 2048', body: '', contentHash: null });
    expect(isOverSizeCap(2048, 2048)).toBe(false);
    expect(isOverSizeCap(2049, 2048)).toBe(true);
  });

  it('rejects binary input with the decoder reason', () => {
    const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52);
    expect(cleanArticleBytes(png, { maxBytes: MAX })).toMatchObject({ status: 'rejected', statusReason: 'binary:png', title: null, body: '', removed: [] });
  });

  it.each([
    ['zero bytes', new Uint8Array(0)],
    ['a lone BOM', Uint8Array.of(0xef, 0xbb, 0xbf)],
    ['whitespace and zero-width spaces', Buffer.from(' \t\n\r\n \u00a0\u3000\u200b\n')],
  ])('marks %s as empty (empty-input)', (_what, bytes) => {
    expect(cleanArticleBytes(bytes, { maxBytes: MAX })).toMatchObject({ status: 'empty', statusReason: 'empty-input', body: '', contentHash: null });
  });

  it('marks a page of boilerplate only as empty (no-article-text)', () => {
    const page = ['Skip to content', 'Home', 'Share this article', 'Sign up for our newsletter', 'Accept all cookies', '© 2026 Example Media'].join('\n');
    const f = cleanArticleBytes(Buffer.from(page), { maxBytes: MAX });
    // Structure only: when the cleaner keeps no body the status is empty with that reason.
    if (f.body === '') expect(f).toMatchObject({ status: 'empty', statusReason: 'no-article-text', contentHash: null });
    else expect(f.status).toBe('ok');
  });

  it.each([
    ['windows-1252', cp1252(SAMPLE_ARTICLE.replace('children’s', 'café “corner”'))],
    ['utf-16le', utf16(SAMPLE_ARTICLE.replace('children’s', 'café “corner”'), 'le', true)],
    ['utf-16be', utf16(SAMPLE_ARTICLE.replace('children’s', 'café “corner”'), 'be', true)],
  ] as const)('decodes %s before cleaning', (encoding, bytes) => {
    const { fields, encoding: detected } = cleanArticle(bytes, { maxBytes: MAX });
    expect(detected).toBe(encoding);
    expect(fields.status).toBe('ok');
    expect(allText(fields)).toContain('café “corner”');
    expect(allText(fields)).not.toContain('\uFFFD');
  });
});
