/**
 * s3rver as the local stack runs it: in process (startS3Server) and on its own thread
 * (startS3ServerThread), on ephemeral loopback ports.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteBucketCorsCommand,
  DeleteObjectCommand,
  GetBucketCorsCommand,
  PutBucketCorsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { ServerStartError } from '../../local/errors.ts';
import { Sequencer, type S3Change } from '../../local/notifications.ts';
import { S3RVER_CREDENTIALS, startS3Server, type RunningServer } from '../../local/s3-server.ts';
import { startS3ServerThread } from '../../local/s3-thread.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function clientFor(server: RunningServer): S3Client {
  const s3 = new S3Client({
    endpoint: server.endpoint,
    region: 'us-east-1',
    credentials: { ...S3RVER_CREDENTIALS },
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 1,
  });
  cleanups.push(() => s3.destroy());
  return s3;
}

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 's3-server-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A CORS preflight for `bucket`/k from `origin`: 'allowed', or the error status. */
async function preflight(server: RunningServer, bucket: string, origin: string): Promise<string> {
  const res = await fetch(`${server.endpoint}/${bucket}/k`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET' } });
  await res.arrayBuffer();
  return res.ok && res.headers.has('access-control-allow-origin') ? 'allowed' : `status ${res.status}`;
}

describe.each([
  ['in process', startS3Server],
  ['on its own thread', startS3ServerThread],
] as const)('s3rver %s', (_, start) => {
  it('sees bucket and bucket-configuration changes at once (lookups are cached)', async () => {
    const changes: S3Change[] = [];
    const seq = new Sequencer();
    const server = await start({ directory: tempDir(), onChange: (c) => void changes.push(c), sequencer: () => seq.next() });
    cleanups.push(() => server.close());
    const s3 = clientFor(server);

    await s3.send(new CreateBucketCommand({ Bucket: 'bkt' }));
    expect(await preflight(server, 'bkt', 'https://a.example')).toBe('status 403');
    await s3.send(new PutBucketCorsCommand({ Bucket: 'bkt', CORSConfiguration: { CORSRules: [{ AllowedOrigins: ['https://a.example'], AllowedMethods: ['GET'] }] } }));
    expect(await preflight(server, 'bkt', 'https://a.example')).toBe('allowed');
    await s3.send(new PutBucketCorsCommand({ Bucket: 'bkt', CORSConfiguration: { CORSRules: [{ AllowedOrigins: ['https://c.example'], AllowedMethods: ['GET'] }] } }));
    expect(await preflight(server, 'bkt', 'https://a.example')).toBe('status 403');
    expect(await preflight(server, 'bkt', 'https://c.example')).toBe('allowed');
    await s3.send(new DeleteBucketCorsCommand({ Bucket: 'bkt' }));
    await expect(s3.send(new GetBucketCorsCommand({ Bucket: 'bkt' }))).rejects.toMatchObject({ name: 'NoSuchCORSConfiguration' });
    expect(await preflight(server, 'bkt', 'https://c.example')).toBe('status 403');

    await s3.send(new PutObjectCommand({ Bucket: 'bkt', Key: 'x', Body: 'one' }));
    await s3.send(new DeleteObjectCommand({ Bucket: 'bkt', Key: 'x' }));
    await s3.send(new DeleteBucketCommand({ Bucket: 'bkt' }));
    await expect(s3.send(new PutObjectCommand({ Bucket: 'bkt', Key: 'y', Body: 'two' }))).rejects.toMatchObject({ name: 'NoSuchBucket' });
    await s3.send(new CreateBucketCommand({ Bucket: 'bkt' }));
    await s3.send(new PutObjectCommand({ Bucket: 'bkt', Key: 'z', Body: 'three' }));
    expect(changes.map((c) => `${c.kind} ${c.key}`)).toEqual(['Put x', 'Delete x', 'Put z']);
  });

  it('reports changes in request order with increasing sequencers, before answering the request', async () => {
    const seen: S3Change[] = [];
    const seq = new Sequencer();
    let answered = 0;
    const server = await start({
      directory: tempDir(),
      sequencer: () => seq.next(),
      // Slow to enqueue: the PUT must still not be answered before this has run.
      onChange: (c) => new Promise<void>((resolve) => setTimeout(() => (seen.push(c), expect(answered).toBeLessThan(seen.length), resolve()), 20)),
    });
    cleanups.push(() => server.close());
    const s3 = clientFor(server);
    await s3.send(new CreateBucketCommand({ Bucket: 'bkt' }));
    for (const key of ['a', 'b', 'a']) {
      await s3.send(new PutObjectCommand({ Bucket: 'bkt', Key: key, Body: key }));
      answered++;
      expect(seen).toHaveLength(answered);
    }
    expect(seen.map((c) => c.key)).toEqual(['a', 'b', 'a']);
    const sequencers = seen.map((c) => c.sequencer);
    expect([...sequencers].sort()).toEqual(sequencers);
    expect(new Set(sequencers).size).toBe(3);
  });

  it('refuses a port in use with a ServerStartError', async () => {
    const first = await start({ directory: tempDir(), onChange: () => undefined, sequencer: () => '0' });
    cleanups.push(() => first.close());
    const attempt = start({ directory: tempDir(), port: first.address.port, onChange: () => undefined, sequencer: () => '0' });
    await expect(attempt).rejects.toBeInstanceOf(ServerStartError);
    await expect(attempt).rejects.toThrow(`port ${first.address.port} is already in use`);
  });
});
