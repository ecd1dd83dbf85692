import { describe, expect, it } from 'vitest';
import { EventParseError } from '../../functions/shared/errors.ts';
import { MISSING_SEQUENCER, decodeS3Key, normaliseSequencer, parseS3Message } from '../../functions/shared/s3-event.ts';
import { s3Record } from './helpers.ts';

const body = (...records: Record<string, unknown>[]) => JSON.stringify({ Records: records });

describe('parseS3Message', () => {
  it('reads a Put event', () => {
    const { records, ignored } = parseS3Message(body(s3Record({ key: 'news/a.txt', size: 42, eTag: 'abc', sequencer: '0055aed6dcd90281e5' })));
    expect(ignored).toEqual([]);
    expect(records).toEqual([
      {
        action: 'created',
        eventName: 'ObjectCreated:Put',
        eventTime: '2026-11-28T06:00:00.000Z',
        bucket: 'raw-articles',
        key: 'news/a.txt',
        rawKey: 'news/a.txt',
        size: 42,
        eTag: 'abc',
        versionId: null,
        sequencer: '0055AED6DCD90281E500000000000000',
      },
    ]);
  });

  it('decodes URL-encoded keys the way S3 encodes them', () => {
    const { records } = parseS3Message(body(s3Record({ key: 'my+file%C3%A9.txt' })));
    expect(records[0]?.key).toBe('my fileé.txt');
    expect(records[0]?.rawKey).toBe('my+file%C3%A9.txt');
    expect(decodeS3Key('a%2Bb+c%25d%23e%3F%26')).toBe('a+b c%d#e?&');
  });

  it('ignores s3:TestEvent', () => {
    const test = { Service: 'Amazon S3', Event: 's3:TestEvent', Time: '2026-11-28T06:00:00.000Z', Bucket: 'raw-articles', RequestId: 'R', HostId: 'H' };
    expect(parseS3Message(JSON.stringify(test))).toEqual({ records: [], ignored: [{ eventName: 's3:TestEvent', reason: 'test-event' }] });
  });

  it.each([
    ['ObjectCreated:Put', 'created'],
    ['ObjectCreated:Post', 'created'],
    ['ObjectCreated:Copy', 'created'],
    ['ObjectCreated:CompleteMultipartUpload', 'created'],
    ['ObjectRemoved:Delete', 'removed'],
    ['ObjectRemoved:DeleteMarkerCreated', 'removed'],
  ])('maps %s to %s', (eventName, action) => {
    expect(parseS3Message(body(s3Record({ key: 'k', eventName }))).records[0]?.action).toBe(action);
  });

  it('reports other event types as ignored rather than failing', () => {
    const r = parseS3Message(body(s3Record({ key: 'k', eventName: 'ObjectTagging:Put' }), s3Record({ key: 'k2' })));
    expect(r.ignored).toEqual([{ eventName: 'ObjectTagging:Put', reason: 'unsupported-event' }]);
    expect(r.records.map((x) => x.key)).toEqual(['k2']);
  });

  it('keeps versionId and strips quotes from eTag', () => {
    const r = parseS3Message(body(s3Record({ key: 'k', versionId: 'v1', eTag: '"quoted"' })));
    expect(r.records[0]).toMatchObject({ versionId: 'v1', eTag: 'quoted' });
  });

  it('accepts delete events without size or eTag', () => {
    const r = parseS3Message(body(s3Record({ key: 'k', eventName: 'ObjectRemoved:Delete' })));
    expect(r.records[0]).toMatchObject({ action: 'removed', size: null, eTag: null });
  });

  it('uses MISSING_SEQUENCER when an event has none', () => {
    const rec = s3Record({ key: 'k' }) as { s3: { object: Record<string, unknown> } };
    delete rec.s3.object.sequencer;
    expect(parseS3Message(body(rec)).records[0]?.sequencer).toBe(MISSING_SEQUENCER);
  });

  it.each([
    ['not JSON', 'hello'],
    ['JSON without Records', '{"foo":1}'],
    ['a record without s3', body({ eventName: 'ObjectCreated:Put' })],
    ['an empty key', body(s3Record({ key: '' }))],
    ['a malformed %-escape in the key', body(s3Record({ key: 'bad%E0%A4%A' }))],
    ['a non-hex sequencer', body(s3Record({ key: 'k', sequencer: 'XYZ' }))],
  ])('throws EventParseError for %s', (_what, text) => {
    expect(() => parseS3Message(text)).toThrow(EventParseError);
  });
});

describe('normaliseSequencer', () => {
  it('uppercases and right-pads to 32 hex digits', () => {
    expect(normaliseSequencer('0a1b')).toBe('0A1B'.padEnd(32, '0'));
  });

  it('orders events as S3 says: right-pad the shorter, then compare', () => {
    // Sequencers of one key may differ in length; right-padding makes string order the event order.
    const older = normaliseSequencer('0055AED6DCD90281E5');
    const newer = normaliseSequencer('0055AED6DCD90281E6');
    const newerLonger = normaliseSequencer('0055AED6DCD90281E5A1');
    expect(older < newer).toBe(true);
    expect(older < newerLonger).toBe(true);
    expect(newerLonger < newer).toBe(true);
  });

  it('rejects non-hex and over-long input', () => {
    expect(() => normaliseSequencer('12G4')).toThrow(EventParseError);
    expect(() => normaliseSequencer('1'.repeat(33))).toThrow(EventParseError);
  });
});
