/**
 * S3 event notifications as real S3 would send them to SQS, built from what s3rver
 * reports. Pure functions plus one small stateful sequencer; no I/O.
 */
import type { S3EventRecord } from 'aws-lambda';

/** Characters S3 leaves as they are in an event's `s3.object.key`; the rest is %XX (UTF-8), space is '+'. */
const KEY_UNRESERVED = /[A-Za-z0-9\-_.*/]/;

/** The account and region the local stack pretends to be. */
export const LOCAL_ACCOUNT_ID = '000000000000';
export const LOCAL_REGION = 'us-east-1';

/** What the local stack emits per key change. */
export type S3ChangeKind = 'Put' | 'CompleteMultipartUpload' | 'Copy' | 'Post' | 'Delete';

export interface S3Change {
  readonly kind: S3ChangeKind;
  readonly bucket: string;
  /** The object key as stored (NOT encoded). */
  readonly key: string;
  readonly size?: number;
  /** Without quotes. */
  readonly eTag?: string;
  readonly versionId?: string;
  readonly sequencer: string;
  /** @default now */
  readonly eventTime?: Date;
}

/**
 * Encode a key the way S3 writes it into event notifications: form-URL-encoding of the UTF-8
 * bytes, space as '+', '/' kept. Decoders do `decodeURIComponent(key.replace(/\+/g, ' '))`.
 */
export function encodeS3EventKey(key: string): string {
  let out = '';
  for (const ch of key) {
    if (ch === ' ') out += '+';
    else if (KEY_UNRESERVED.test(ch)) out += ch;
    else for (const byte of Buffer.from(ch, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** The inverse, as a handler would do it. */
export function decodeS3EventKey(encoded: string): string {
  return decodeURIComponent(encoded.replace(/\+/g, ' '));
}

/** Width of generated sequencers: 12 hex digits of milliseconds + 6 of counter (S3 uses 16-18). */
const SEQUENCER_MS_DIGITS = 12;
const SEQUENCER_COUNTER_BITS = 24n;

/**
 * Issues S3-style sequencers: uppercase hex, fixed width, strictly increasing for the whole
 * process (hence per key), and larger than any issued before a restart as long as the clock
 * does not go back (milliseconds in the high digits).
 */
export class Sequencer {
  private last = 0n;

  public constructor(private readonly now: () => number = Date.now) {}

  public next(): string {
    const floor = BigInt(this.now()) << SEQUENCER_COUNTER_BITS;
    this.last = floor > this.last ? floor : this.last + 1n;
    return this.last.toString(16).toUpperCase().padStart(SEQUENCER_MS_DIGITS + 6, '0');
  }
}

function eventNameOf(kind: S3ChangeKind): string {
  return kind === 'Delete' ? 'ObjectRemoved:Delete' : `ObjectCreated:${kind}`;
}

/** One S3 event record, eventVersion 2.1, as S3 writes it. */
export function toS3EventRecord(change: S3Change): S3EventRecord {
  const object: S3EventRecord['s3']['object'] & { versionId?: string } = {
    key: encodeS3EventKey(change.key),
    size: change.size ?? 0,
    eTag: change.eTag ?? '',
    sequencer: change.sequencer,
  };
  if (change.kind === 'Delete') {
    // S3 sends neither size nor eTag on deletes.
    delete (object as { size?: number }).size;
    delete (object as { eTag?: string }).eTag;
  }
  if (change.versionId) object.versionId = change.versionId;
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: LOCAL_REGION,
    eventTime: (change.eventTime ?? new Date()).toISOString(),
    eventName: eventNameOf(change.kind),
    userIdentity: { principalId: 'AWS:LOCALUSER' },
    requestParameters: { sourceIPAddress: '127.0.0.1' },
    responseElements: { 'x-amz-request-id': 'LOCAL', 'x-amz-id-2': 'LOCAL' },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'local-raw-to-queue',
      bucket: {
        name: change.bucket,
        ownerIdentity: { principalId: 'LOCAL' },
        arn: `arn:aws:s3:::${change.bucket}`,
      },
      object,
    },
  } as S3EventRecord;
}

/** The SQS message body S3 sends: `{"Records":[...]}` (one record per message in practice). */
export function toSqsMessageBody(change: S3Change): string {
  return JSON.stringify({ Records: [toS3EventRecord(change)] });
}

/** The s3:TestEvent S3 sends when a notification configuration is created (no Records). */
export function testEventBody(bucket: string, at = new Date()): string {
  return JSON.stringify({
    Service: 'Amazon S3',
    Event: 's3:TestEvent',
    Time: at.toISOString(),
    Bucket: bucket,
    RequestId: 'LOCAL',
    HostId: 'LOCAL',
  });
}

/** Strip the quotes S3 puts around ETags. */
export function bareETag(eTag: string | undefined): string | undefined {
  return eTag?.replace(/^"|"$/g, '');
}

/** s3rver's 'event' payload, as far as we read it. */
export interface S3rverEvent {
  readonly Records: ReadonlyArray<{
    readonly eventName: string;
    readonly s3: {
      readonly bucket: { readonly name: string };
      readonly object: { readonly key: string; readonly size?: number; readonly eTag?: string };
    };
  }>;
}

const S3RVER_EVENT_KINDS: Readonly<Record<string, S3ChangeKind>> = {
  'ObjectCreated:Put': 'Put',
  'ObjectCreated:Copy': 'Copy',
  'ObjectCreated:Post': 'Post',
  'ObjectRemoved:Delete': 'Delete',
};

/**
 * Changes described by one s3rver event. s3rver reports multipart completion as
 * `ObjectCreated:Post` (like a browser form POST); `multipart` tells which one it was.
 */
export function changesFromS3rverEvent(
  event: S3rverEvent,
  sequencer: () => string,
  multipart: (bucket: string, key: string) => boolean = () => false,
): S3Change[] {
  const changes: S3Change[] = [];
  for (const record of event.Records) {
    let kind = S3RVER_EVENT_KINDS[record.eventName];
    if (!kind) continue;
    const bucket = record.s3.bucket.name;
    const key = record.s3.object.key;
    if (kind === 'Post' && multipart(bucket, key)) kind = 'CompleteMultipartUpload';
    changes.push({
      kind,
      bucket,
      key,
      ...(record.s3.object.size !== undefined ? { size: record.s3.object.size } : {}),
      ...(record.s3.object.eTag ? { eTag: bareETag(record.s3.object.eTag)! } : {}),
      sequencer: sequencer(),
    });
  }
  return changes;
}
