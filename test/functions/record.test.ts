import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ARTICLES_TABLE } from '../../lib/table-schema.ts';
import { CLEANER_VERSION } from '../../cleaner/index.ts';
import { articleIdFor, buildArticleRecord, buildTombstone, cleanerVersionKey, fromItem, toItem, UNVERSIONED_CLEANER_KEY } from '../../functions/shared/record.ts';
import { parseArticleRecord } from '../../functions/shared/record-schema.ts';
import { OK_FIELDS, SOURCE } from './helpers.ts';

const AT = new Date('2026-11-28T06:30:15.123Z');

describe('articleIdFor', () => {
  it('is the first 32 hex chars of sha256("bucket/key")', () => {
    const full = createHash('sha256').update('raw-articles/a b.txt').digest('hex');
    expect(articleIdFor('raw-articles', 'a b.txt')).toBe(full.slice(0, 32));
    expect(articleIdFor('raw-articles', 'a b.txt')).not.toBe(articleIdFor('raw-articles', 'a+b.txt'));
  });
});

describe('cleanerVersionKey', () => {
  it('zero-pads MAJOR.MINOR.PATCH so string order is version order', () => {
    expect(cleanerVersionKey('1.13.0')).toBe('001.013.000');
    expect(cleanerVersionKey('1.9.0') < cleanerVersionKey('1.13.0')).toBe(true);
    expect(cleanerVersionKey('0.99.999') < cleanerVersionKey('1.0.0')).toBe(true);
    expect(cleanerVersionKey('2.0.0') > cleanerVersionKey('1.999.999')).toBe(true);
  });

  it('ignores pre-release/build suffixes, sorts non-semver first, refuses components over 999', () => {
    expect(cleanerVersionKey('1.14.0-rc.1+abc')).toBe('001.014.000');
    expect(cleanerVersionKey('test')).toBe(UNVERSIONED_CLEANER_KEY);
    expect(() => cleanerVersionKey('1.1000.0')).toThrow(RangeError);
  });

  it('the shipped CLEANER_VERSION is semver (its key is not the fallback)', () => {
    expect(cleanerVersionKey(CLEANER_VERSION)).not.toBe(UNVERSIONED_CLEANER_KEY);
  });

  it('records carry it, and fromItem derives it for items written before it existed', () => {
    const r = buildArticleRecord({ ...OK_FIELDS, cleanerVersion: '1.13.0' }, SOURCE, AT);
    expect(r.cleanerVersionKey).toBe('001.013.000');
    expect(buildTombstone(SOURCE, AT, '1.2.3').cleanerVersionKey).toBe('001.002.003');
    const { cleanerVersionKey: _k, ...legacy } = toItem(r);
    expect(fromItem(legacy).cleanerVersionKey).toBe('001.013.000');
  });
});

describe('buildArticleRecord', () => {
  it('combines cleaning fields, source fields and the ingest time', () => {
    const r = buildArticleRecord(OK_FIELDS, SOURCE, AT);
    expect(r).toMatchObject({
      articleId: articleIdFor(SOURCE.bucket, SOURCE.key),
      status: 'ok',
      sourceBucket: 'raw-articles',
      sourceKey: 'news/2026/library reopens.txt',
      sourceVersionId: 'v1',
      sourceETag: 'abc123',
      sourceSize: 1234,
      sourceSequencer: '0055AED6DCD90281E500000000000000',
      ingestedAt: '2026-11-28T06:30:15.123Z',
      ingestDay: '2026-11-28',
      bodyOffloaded: false,
    });
    expect(r.bodyRef).toBeUndefined();
    expect(parseArticleRecord(r)).toEqual(r);
  });

  it('uses the attribute names of lib/table-schema.ts for the GSI keys', () => {
    const r = buildArticleRecord(OK_FIELDS, SOURCE, AT) as unknown as Record<string, unknown>;
    expect(r[ARTICLES_TABLE.partitionKey]).toMatch(/^[0-9a-f]{32}$/);
    expect(r[ARTICLES_TABLE.indexes.byDay.partitionKey]).toBe('2026-11-28');
    expect(r[ARTICLES_TABLE.indexes.byDay.sortKey]).toBe(AT.toISOString());
    expect(r[ARTICLES_TABLE.indexes.byContentHash.partitionKey]).toBe(OK_FIELDS.contentHash);
  });
});

describe('buildTombstone', () => {
  it('keeps the source and sequencer and drops all content', () => {
    const t = buildTombstone({ ...SOURCE, versionId: 'dm1' }, AT, '1.0.0');
    expect(t).toMatchObject({
      status: 'deleted',
      statusReason: 'object-deleted',
      title: null,
      body: '',
      removed: [],
      contentHash: null,
      sourceETag: null,
      sourceSize: null,
      sourceVersionId: 'dm1',
      sourceSequencer: SOURCE.sequencer,
    });
    expect(parseArticleRecord(t)).toEqual(t);
  });
});

describe('toItem / fromItem', () => {
  it('leaves a null contentHash out of the item (sparse byContentHash index) and restores it', () => {
    const t = buildTombstone(SOURCE, AT, '1.0.0');
    const item = toItem(t);
    expect('contentHash' in item).toBe(false);
    expect(fromItem(item)).toEqual(t);
  });

  it('round-trips a full record', () => {
    const r = buildArticleRecord(OK_FIELDS, SOURCE, AT);
    expect(toItem(r).contentHash).toBe(OK_FIELDS.contentHash);
    expect(fromItem(toItem(r))).toEqual(r);
  });
});

describe('parseArticleRecord invariants', () => {
  const r = buildArticleRecord(OK_FIELDS, SOURCE, AT);
  it.each([
    ['unknown field', { ...r, extra: 1 }],
    ['bad status', { ...r, status: 'gone' }],
    ['lowercase sequencer', { ...r, sourceSequencer: r.sourceSequencer.toLowerCase() }],
    ['ingestDay not the day of ingestedAt', { ...r, ingestDay: '2026-11-27' }],
    ['bodyRef without bodyOffloaded', { ...r, bodyRef: { bucket: 'b', key: 'k', bytes: 1 } }],
    ['ok without contentHash', { ...r, contentHash: null }],
    ['rejected with a body', { ...r, status: 'rejected', statusReason: 'binary:png', contentHash: null }],
    ['unknown removal reason', { ...r, removed: [{ text: 'x', reason: 'spam' }] }],
  ])('rejects %s', (_what, value) => {
    expect(() => parseArticleRecord(value)).toThrow();
  });
});
