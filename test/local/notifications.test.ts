import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeS3Key, parseS3Message } from '../../functions/shared/s3-event.ts';
import { changesFromS3rverEvent, decodeS3EventKey, encodeS3EventKey, Sequencer, toS3EventRecord, toSqsMessageBody } from '../../local/notifications.ts';

describe('encodeS3EventKey', () => {
  it('encodes keys the way S3 writes them in notifications', () => {
    expect(encodeS3EventKey('a b+c.txt')).toBe('a+b%2Bc.txt');
    expect(encodeS3EventKey('news/2026/ünï cödé.txt')).toBe('news/2026/%C3%BCn%C3%AF+c%C3%B6d%C3%A9.txt');
    expect(encodeS3EventKey('100%&=?#.txt')).toBe('100%25%26%3D%3F%23.txt');
    expect(encodeS3EventKey('東京/記事.txt')).toBe('%E6%9D%B1%E4%BA%AC/%E8%A8%98%E4%BA%8B.txt');
  });

  it('round-trips through the decoding S3 documents and the handler uses', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), (key) => {
        const encoded = encodeS3EventKey(key);
        expect(encoded).not.toMatch(/ /);
        expect(decodeS3EventKey(encoded)).toBe(key);
        expect(decodeS3Key(encoded)).toBe(key);
      }),
    );
  });
});

describe('Sequencer', () => {
  it('is strictly increasing as fixed-width hex, even when the clock stands still or goes back', () => {
    let now = 1_700_000_000_000;
    const seq = new Sequencer(() => now);
    const issued: string[] = [];
    for (let i = 0; i < 50; i++) {
      if (i === 20) now -= 5_000;
      if (i === 30) now += 60_000;
      issued.push(seq.next());
    }
    for (let i = 1; i < issued.length; i++) {
      expect(issued[i]!.length).toBe(issued[0]!.length);
      expect(issued[i]! > issued[i - 1]!).toBe(true);
    }
    expect(issued[0]).toMatch(/^[0-9A-F]{18}$/);
  });
});

describe('toS3EventRecord', () => {
  it('builds an eventVersion 2.1 S3 record the handler parses back to the same object', () => {
    const change = { kind: 'Put', bucket: 'raw', key: 'dir/a b+c.txt', size: 12, eTag: 'abc', sequencer: '0055AED6DCD90281E5' } as const;
    const record = toS3EventRecord(change);
    expect(record).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      eventName: 'ObjectCreated:Put',
      s3: { bucket: { name: 'raw', arn: 'arn:aws:s3:::raw' }, object: { key: 'dir/a+b%2Bc.txt', size: 12, eTag: 'abc', sequencer: '0055AED6DCD90281E5' } },
    });
    const parsed = parseS3Message(toSqsMessageBody(change));
    expect(parsed.records).toHaveLength(1);
    expect(parsed.records[0]).toMatchObject({ action: 'created', bucket: 'raw', key: 'dir/a b+c.txt', size: 12, eTag: 'abc' });
  });

  it('sends neither size nor eTag on deletes, and the versionId when versioned', () => {
    const del = toS3EventRecord({ kind: 'Delete', bucket: 'raw', key: 'k', sequencer: '01' });
    expect(del.eventName).toBe('ObjectRemoved:Delete');
    expect(del.s3.object).not.toHaveProperty('size');
    expect(del.s3.object).not.toHaveProperty('eTag');
    const versioned = toS3EventRecord({ kind: 'CompleteMultipartUpload', bucket: 'raw', key: 'k', size: 1, eTag: 'e-2', versionId: 'v1', sequencer: '02' });
    expect(versioned.eventName).toBe('ObjectCreated:CompleteMultipartUpload');
    expect(versioned.s3.object.versionId).toBe('v1');
  });
});

describe('changesFromS3rverEvent', () => {
  const event = (eventName: string, key: string) => ({
    Records: [{ eventName, s3: { bucket: { name: 'raw' }, object: { key, size: 3, eTag: '"d41d8"' } } }],
  });

  it('strips ETag quotes, keeps the key raw, and tells multipart completion from form POST', () => {
    let n = 0;
    const next = () => String(++n).padStart(4, '0');
    expect(changesFromS3rverEvent(event('ObjectCreated:Put', 'a b'), next)).toEqual([
      { kind: 'Put', bucket: 'raw', key: 'a b', size: 3, eTag: 'd41d8', sequencer: '0001' },
    ]);
    expect(changesFromS3rverEvent(event('ObjectCreated:Post', 'k'), next, () => true)[0]?.kind).toBe('CompleteMultipartUpload');
    expect(changesFromS3rverEvent(event('ObjectCreated:Post', 'k'), next, () => false)[0]?.kind).toBe('Post');
    expect(changesFromS3rverEvent(event('Something:Else', 'k'), next)).toEqual([]);
  });
});
