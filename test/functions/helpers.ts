/** Shared test helpers for the ingest function: a fake Lambda Context, S3/SQS event builders, byte fixtures. */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { sdkStreamMixin } from '@smithy/util-stream';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { CleaningFields } from '../../functions/shared/article.ts';
import type { SourceInfo } from '../../functions/shared/record.ts';
import { normaliseSequencer } from '../../functions/shared/s3-event.ts';

/** One fake Context for every test (middy's timeout logic needs getRemainingTimeInMillis). */
export const fakeContext: Context = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'articles-ingest-test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:articles-ingest-test',
  memoryLimitInMB: '1024',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
  logGroupName: '/aws/lambda/articles-ingest-test',
  logStreamName: '2026/11/28/[$LATEST]0123456789abcdef',
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};

export const BUCKET = 'raw-articles';
export const TABLE = 'articles';
export const BODIES = 'article-bodies';

export interface S3RecordOpts {
  readonly eventName?: string;
  readonly bucket?: string;
  /** As S3 sends it: URL-encoded, spaces as '+'. */
  readonly key: string;
  readonly size?: number;
  readonly eTag?: string;
  readonly versionId?: string;
  readonly sequencer?: string;
}

/** One S3 notification record shaped like real S3's. */
export function s3Record(o: S3RecordOpts): Record<string, unknown> {
  const eventName = o.eventName ?? 'ObjectCreated:Put';
  const created = eventName.startsWith('ObjectCreated:');
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: 'eu-west-1',
    eventTime: '2026-11-28T06:00:00.000Z',
    eventName,
    userIdentity: { principalId: 'AWS:AIDAEXAMPLE' },
    requestParameters: { sourceIPAddress: '2001:db8::1' },
    responseElements: { 'x-amz-request-id': 'REQ', 'x-amz-id-2': 'ID2' },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'ingest',
      bucket: { name: o.bucket ?? BUCKET, ownerIdentity: { principalId: 'OWNER' }, arn: `arn:aws:s3:::${o.bucket ?? BUCKET}` },
      object: {
        key: o.key,
        ...(created ? { size: o.size ?? 100, eTag: o.eTag ?? 'd41d8cd98f00b204e9800998ecf8427e' } : {}),
        ...(o.versionId === undefined ? {} : { versionId: o.versionId }),
        sequencer: o.sequencer ?? '0055AED6DCD90281E5',
      },
    },
  };
}

let nextMessage = 0;

/** An SQS record whose body is `body` (a string is used verbatim). */
export function sqsRecord(body: unknown, messageId = `msg-${++nextMessage}`): SQSRecord {
  return {
    messageId,
    receiptHandle: `rh-${messageId}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1764309600000',
      SenderId: 'AIDAEXAMPLE',
      ApproximateFirstReceiveTimestamp: '1764309600000',
    },
    messageAttributes: {},
    md5OfBody: 'x',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:ingest',
    awsRegion: 'eu-west-1',
  };
}

/** An SQS message carrying one S3 notification with the given records. */
export function s3Message(records: readonly Record<string, unknown>[], messageId?: string): SQSRecord {
  return sqsRecord({ Records: records }, messageId);
}

export function sqsEvent(...records: SQSRecord[]): SQSEvent {
  return { Records: records };
}

/** A GetObject Body as the SDK returns it. */
export function s3Body(bytes: Uint8Array | string) {
  const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes);
  return sdkStreamMixin(Readable.from([buf]));
}

/** A Logger that writes nothing (level SILENT) and a Metrics that never flushes to stdout. */
export function quietLogger(): Logger {
  return new Logger({ serviceName: 'test', logLevel: 'SILENT' });
}

export function testMetrics(): Metrics {
  return new Metrics({ namespace: 'Test', serviceName: 'test' });
}

/** An original (invented) article used as the body of uploads. */
export const SAMPLE_ARTICLE = [
  'Skip to content',
  'Home',
  'Local',
  'Library reopens after roof repairs',
  'By Ana Example',
  '',
  'The town library reopened on Monday after three months of repairs to its leaking roof, and staff said the first visitors arrived before the doors were unlocked.',
  '',
  'Builders replaced the slate tiles and the old gutters, which had let water drip onto the shelves of the local-history room during the spring storms.',
  '',
  'The reading room will stay open until eight in the evening on weekdays, and the children’s corner has been moved next to the windows for more light.',
  '',
  'Share this article',
  'Sign up for our newsletter',
  '© 2026 Example Media. All rights reserved.',
].join('\n');

/** Windows-1252 bytes of a string (only the characters used in tests). */
export function cp1252(text: string): Uint8Array {
  const high: Record<string, number> = { '€': 0x80, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97 };
  return Uint8Array.from([...text].map((ch) => high[ch] ?? ch.codePointAt(0)!));
}

export function utf16(text: string, endian: 'le' | 'be', bom: boolean): Uint8Array {
  const buf = Buffer.from((bom ? '\uFEFF' : '') + text, 'utf16le');
  if (endian === 'be') buf.swap16();
  return new Uint8Array(buf);
}

/** Cleaning fields and a source for record tests (no cleaner involved). */
export const OK_FIELDS: CleaningFields = {
  status: 'ok',
  statusReason: null,
  title: 'Library reopens',
  body: 'First paragraph.\n\nSecond paragraph.',
  language: 'en',
  authors: ['Ana Example'],
  agencies: ['Reuters'],
  publishedAt: '2026-11-27',
  images: [{ caption: 'The reading room', credit: 'Photo: B. Example' }],
  removed: [{ text: 'Skip to content', reason: 'nav' }],
  wordCount: 4,
  contentHash: createHash('sha256').update('First paragraph.\n\nSecond paragraph.').digest('hex'),
  cleanerVersion: '1.0.0',
};

export const SOURCE: SourceInfo = {
  bucket: 'raw-articles',
  key: 'news/2026/library reopens.txt',
  versionId: 'v1',
  eTag: 'abc123',
  size: 1234,
  sequencer: normaliseSequencer('0055AED6DCD90281E5'),
};

