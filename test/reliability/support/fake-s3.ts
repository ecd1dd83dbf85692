/**
 * An in-memory, unversioned S3 bucket behind a real S3Client (aws-sdk-client-mock): GetObject
 * returns what is stored at the moment of the call (as S3 does), or NoSuchKey. PutObject works
 * too (the store offloads big bodies with it). `beforeGet` injects faults and delays.
 */
import { GetObjectCommand, type GetObjectCommandInput, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { sdkStreamMixin } from '@smithy/util-stream';
import { mockClient } from 'aws-sdk-client-mock';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

export interface FakeBucket {
  readonly s3: S3Client;
  /** `${bucket}/${key}` -> bytes */
  readonly objects: Map<string, Uint8Array>;
  readonly gets: GetObjectCommandInput[];
  beforeGet?: (input: GetObjectCommandInput) => void | Promise<void>;
  put(bucket: string, key: string, bytes: Uint8Array | string): { eTag: string; size: number };
  remove(bucket: string, key: string): void;
  restore(): void;
}

export const md5 = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('hex');

export function createFakeBucket(): FakeBucket {
  const s3 = new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const mock = mockClient(s3);
  const fake: FakeBucket = {
    s3,
    objects: new Map(),
    gets: [],
    put(bucket, key, bytes) {
      const b = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
      fake.objects.set(`${bucket}/${key}`, b);
      return { eTag: md5(b), size: b.length };
    },
    remove(bucket, key) {
      fake.objects.delete(`${bucket}/${key}`);
    },
    restore: () => mock.restore(),
  };
  mock.on(GetObjectCommand).callsFake(async (input: GetObjectCommandInput) => {
    fake.gets.push(input);
    await fake.beforeGet?.(input);
    const bytes = fake.objects.get(`${input.Bucket}/${input.Key}`);
    if (bytes === undefined) throw new NoSuchKey({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } });
    return {
      Body: sdkStreamMixin(Readable.from([Buffer.from(bytes)])),
      ContentLength: bytes.length,
      ETag: `"${md5(bytes)}"`,
    };
  });
  mock.on(PutObjectCommand).callsFake(async (input: { Bucket: string; Key: string; Body: string | Uint8Array }) => {
    fake.put(input.Bucket, input.Key, input.Body);
    return { ETag: '"x"' };
  });
  return fake;
}
