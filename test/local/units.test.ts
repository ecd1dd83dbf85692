import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeLambdaContext } from '../../local/lambda-context.ts';
import { articlesTableDefinition } from '../../local/provision.ts';
import { staleness } from '../../local/reconcile.ts';
import { decodeContinuationToken, decodeKeyPath, encodeContinuationToken, encodeKeyPath } from '../../local/s3-server.ts';
import { ARTICLES_TABLE } from '../../lib/table-schema.ts';

describe('store key paths', () => {
  it('never produce a "." or ".." path segment, round-trip, and preserve prefixes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        const encoded = encodeKeyPath(a + b);
        expect(encoded.split('/').some((seg) => seg === '.' || seg === '..')).toBe(false);
        expect(encoded).not.toContain('\\');
        expect(decodeKeyPath(encoded)).toBe(a + b);
        expect(encoded.startsWith(encodeKeyPath(a))).toBe(true);
      }),
    );
    expect(encodeKeyPath('../../etc/passwd')).toBe('%2E%2E/%2E%2E/etc/passwd');
  });

  it('continuation tokens round-trip keys and reject foreign tokens', () => {
    expect(decodeContinuationToken(encodeContinuationToken('a/ü b+c'))).toBe('a/ü b+c');
    expect(decodeContinuationToken('1dGhpbmc=')).toBeUndefined();
  });
});

describe('staleness (start-up reconciliation)', () => {
  const object = { key: 'k', eTag: 'abc', size: 1, lastModified: new Date('2026-01-01T10:00:05.000Z') };
  it('flags missing, tombstoned, different and older records, and nothing else', () => {
    expect(staleness(object, undefined)).toBe('no-record');
    expect(staleness(object, { articleId: 'x', status: 'deleted' })).toBe('record-deleted');
    expect(staleness(object, { articleId: 'x', status: 'ok', sourceETag: 'other', ingestedAt: '2026-01-01T10:00:06.000Z' })).toBe('etag-differs');
    expect(staleness(object, { articleId: 'x', status: 'ok', sourceETag: 'abc', ingestedAt: '2026-01-01T10:00:04.999Z' })).toBe('record-older');
    // LastModified has one-second resolution: a record from the same second is current.
    expect(staleness(object, { articleId: 'x', status: 'ok', sourceETag: 'abc', ingestedAt: '2026-01-01T10:00:05.100Z' })).toBeNull();
  });
});

describe('fakeLambdaContext', () => {
  it('counts getRemainingTimeInMillis down from the timeout', () => {
    let now = 1_000;
    const context = fakeLambdaContext({ timeoutMs: 30_000, now: () => now });
    expect(context.getRemainingTimeInMillis()).toBe(30_000);
    now += 29_000;
    expect(context.getRemainingTimeInMillis()).toBe(1_000);
    now += 5_000;
    expect(context.getRemainingTimeInMillis()).toBe(0);
    expect(context.invokedFunctionArn).toMatch(/^arn:aws:lambda:us-east-1:000000000000:function:/);
  });
});

describe('articlesTableDefinition', () => {
  it('is derived from lib/table-schema.ts', () => {
    const def = articlesTableDefinition('t');
    expect(def.KeySchema).toEqual([{ AttributeName: ARTICLES_TABLE.partitionKey, KeyType: 'HASH' }]);
    expect(def.GlobalSecondaryIndexes.map((i) => [i.IndexName, i.KeySchema.map((k) => k.AttributeName)])).toEqual(
      Object.values(ARTICLES_TABLE.indexes).map((i) => [i.name, [i.partitionKey, i.sortKey]]),
    );
  });
});
