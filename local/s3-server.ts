/**
 * s3rver on loopback, made safe and faithful enough to stand in for the raw bucket:
 * - object keys are data: the filesystem store encodes '%' and '.' so no key ('../../etc/passwd',
 *   '.', '..') can name a path outside its bucket folder, and no key can collide with s3rver's
 *   own '._S3rver_' side files;
 * - listings come back in key order (s3rver walks directories in readdir order, which breaks
 *   ListObjectsV2 pagination);
 * - every created/removed object is reported as an S3Change, including DeleteObjects (which
 *   s3rver does not report) and multipart completion (which it reports as a POST).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { KeyEscapesStorageError } from './errors.ts';
import { listenOnLoopback } from './listen.ts';
import { bareETag, changesFromS3rverEvent, type S3Change, type S3rverEvent } from './notifications.ts';

const require = createRequire(import.meta.url);

/** The only access key s3rver accepts. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/** Reversible, character-wise (so prefix-preserving) encoding of keys into store paths. */
const KEY_PATH_ESCAPES: ReadonlyArray<readonly [plain: string, escaped: string]> = [
  ['%', '%25'], // first, so decoding is unambiguous
  ['.', '%2E'],
  ['\\', '%5C'],
];

export function encodeKeyPath(key: string): string {
  let out = '';
  for (const ch of key) out += KEY_PATH_ESCAPES.find(([plain]) => plain === ch)?.[1] ?? ch;
  return out;
}

export function decodeKeyPath(keyPath: string): string {
  return keyPath.replace(/%(25|2E|5C)/g, (escaped) => KEY_PATH_ESCAPES.find(([, e]) => e === escaped)![0]);
}

interface FilesystemStoreLike {
  rootDirectory: string;
  getResourcePath(bucket: string, key?: string, resource?: string): string;
  getBucket(bucket: string): Promise<object | null>;
  putBucket(bucket: string): Promise<object | null>;
  deleteBucket(bucket: string): Promise<void>;
  reset(): void;
  getSubresource(bucket: string | undefined, key: string | undefined, resourceType: string): Promise<object | null>;
  putSubresource(bucket: string, key: string | undefined, resource: { type: string }): Promise<void>;
  deleteSubresource(bucket: string, key: string | undefined, resourceType: string): Promise<void>;
  getMetadata(bucket: string, key: string): Promise<Record<string, string | number>>;
  listObjects(bucket: string, options: ListOptions): Promise<ListResult>;
}
interface ListOptions {
  delimiter?: string;
  startAfter?: string;
  prefix?: string;
  maxKeys?: number;
}
interface ListResult {
  objects: Array<{ key: string }>;
  commonPrefixes: string[];
  isTruncated: boolean;
}
interface FilesystemStoreClass {
  encodeKeyPath(key: string): string;
  decodeKeyPath(keyPath: string): string;
  prototype: FilesystemStoreLike;
}

/** Per-request facts shared between the middleware below and the patched store. */
interface RequestInfo {
  readonly method: string;
  readonly query: Record<string, unknown>;
  /** Set by the store when a ListObjectsV2 page is truncated: the last key returned. */
  truncatedAfter?: string;
  /** Notifications still being completed (copies need their ETag read back); awaited before responding. */
  readonly pending: Array<Promise<void>>;
}

const requests = new AsyncLocalStorage<RequestInfo>();

/**
 * ListObjectsV2 continuation tokens. s3rver's own use DES, which OpenSSL 3 (Node 17+) refuses,
 * so every truncated V2 listing failed with InternalError; ours are the base64url of the last key.
 */
export const encodeContinuationToken = (key: string): string => Buffer.from(`v1:${key}`, 'utf8').toString('base64url');
export function decodeContinuationToken(token: string): string | undefined {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  return text.startsWith('v1:') ? text.slice(3) : undefined;
}

let patched = false;

/** Patch s3rver's filesystem store once per process (the class is shared by every instance). */
function patchFilesystemStore(): void {
  if (patched) return;
  patched = true;
  const Store = require('s3rver/lib/stores/filesystem') as FilesystemStoreClass;
  Store.encodeKeyPath = encodeKeyPath;
  Store.decodeKeyPath = decodeKeyPath;

  const getResourcePath = Store.prototype.getResourcePath;
  Store.prototype.getResourcePath = function guardedResourcePath(bucket, key, resource) {
    const resolved = getResourcePath.call(this, bucket, key, resource);
    const bucketRoot = path.resolve(this.rootDirectory, bucket) + path.sep;
    if (!path.resolve(resolved).startsWith(bucketRoot)) throw new KeyEscapesStorageError(`${bucket}/${key ?? ''}`);
    return resolved;
  };

  cacheBucketLookups(Store.prototype);

  const listObjects = Store.prototype.listObjects;
  Store.prototype.listObjects = async function sortedListObjects(bucket, options) {
    const { maxKeys = Infinity, startAfter = '', ...rest } = options;
    const all = await listObjects.call(this, bucket, { ...rest, maxKeys: Infinity });
    type Entry = { key: string; object?: { key: string } };
    const entries: Entry[] = [
      ...all.objects.map((o) => ({ key: o.key, object: o })),
      ...all.commonPrefixes.map((p) => ({ key: p })),
    ]
      .filter((e) => e.key > startAfter)
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const page = entries.slice(0, maxKeys);
    let isTruncated = entries.length > page.length;
    const info = requests.getStore();
    if (isTruncated && info && info.query['list-type'] === '2') {
      // Keep s3rver from minting a (DES) token; the middleware writes ours into the response.
      info.truncatedAfter = page[page.length - 1]?.key ?? '';
      isTruncated = false;
    }
    return {
      objects: page.flatMap((e) => (e.object ? [e.object] : [])),
      commonPrefixes: page.filter((e) => !e.object).map((e) => e.key),
      isTruncated,
    };
  };
}

/**
 * Per store: buckets known to exist and bucket-level subresources (cors, website), which
 * s3rver's middleware reads from disk on every request (a stat and two failing readFiles per
 * PUT or GET). Every change to them goes through the same store object, which invalidates the
 * entry; a lookup that raced with a change is not cached (per-bucket generation numbers).
 * Folders edited behind a running server's back are not noticed (nor are they supported).
 */
interface BucketCache {
  readonly buckets: Map<string, object>;
  readonly subresources: Map<string, object | null>;
  readonly generation: Map<string, number>;
}

const bucketCaches = new WeakMap<FilesystemStoreLike, BucketCache>();

function bucketCacheOf(store: FilesystemStoreLike): BucketCache {
  let cache = bucketCaches.get(store);
  if (!cache) bucketCaches.set(store, (cache = { buckets: new Map(), subresources: new Map(), generation: new Map() }));
  return cache;
}

function forgetBucket(store: FilesystemStoreLike, bucket: string): void {
  const cache = bucketCacheOf(store);
  cache.generation.set(bucket, (cache.generation.get(bucket) ?? 0) + 1);
  cache.buckets.delete(bucket);
  for (const k of cache.subresources.keys()) if (k.startsWith(`${bucket}/`)) cache.subresources.delete(k);
}

function cacheBucketLookups(proto: FilesystemStoreLike): void {
  const { getBucket, putBucket, deleteBucket, reset, getSubresource, putSubresource, deleteSubresource } = proto;
  proto.getBucket = async function cachedGetBucket(bucket) {
    const cache = bucketCacheOf(this);
    const known = cache.buckets.get(bucket);
    if (known) return known;
    const generation = cache.generation.get(bucket);
    const found = await getBucket.call(this, bucket);
    if (found && cache.generation.get(bucket) === generation) cache.buckets.set(bucket, found);
    return found;
  };
  proto.putBucket = async function uncachedPutBucket(bucket) {
    forgetBucket(this, bucket);
    try {
      return await putBucket.call(this, bucket);
    } finally {
      forgetBucket(this, bucket);
    }
  };
  proto.deleteBucket = async function uncachedDeleteBucket(bucket) {
    forgetBucket(this, bucket);
    try {
      return await deleteBucket.call(this, bucket);
    } finally {
      forgetBucket(this, bucket);
    }
  };
  proto.reset = function uncachedReset() {
    bucketCaches.delete(this);
    reset.call(this);
  };
  proto.getSubresource = async function cachedGetSubresource(bucket, key, resourceType) {
    if (typeof bucket !== 'string' || key) return getSubresource.call(this, bucket, key, resourceType);
    const cache = bucketCacheOf(this);
    const k = `${bucket}/${resourceType}`;
    if (cache.subresources.has(k)) return cache.subresources.get(k) ?? null;
    const generation = cache.generation.get(bucket);
    const found = await getSubresource.call(this, bucket, key, resourceType);
    if (cache.generation.get(bucket) === generation) cache.subresources.set(k, found);
    return found;
  };
  proto.putSubresource = async function uncachedPutSubresource(bucket, key, resource) {
    forgetBucket(this, bucket);
    try {
      return await putSubresource.call(this, bucket, key, resource);
    } finally {
      forgetBucket(this, bucket);
    }
  };
  proto.deleteSubresource = async function uncachedDeleteSubresource(bucket, key, resourceType) {
    forgetBucket(this, bucket);
    try {
      return await deleteSubresource.call(this, bucket, key, resourceType);
    } finally {
      forgetBucket(this, bucket);
    }
  };
}

export interface S3ServerProps {
  /** Storage folder (created if missing). */
  readonly directory: string;
  /** @default 0 (ephemeral) */
  readonly port?: number;
  /**
   * Called for every object created or removed, in request order. When it returns a promise,
   * the request's response waits for it (a PUT returns once its notification is enqueued).
   */
  readonly onChange: (change: S3Change) => void | Promise<void>;
  /** Next sequencer. */
  readonly sequencer: () => string;
}

export interface RunningServer {
  readonly endpoint: string;
  readonly address: AddressInfo;
  /** OS id of the server's own thread, when it has one (local/thread-cpu.ts). */
  readonly threadId?: number | null;
  close(): Promise<void>;
}

interface KoaContext {
  method: string;
  query: Record<string, unknown>;
  params?: { bucket?: string };
  path: string;
  status: number;
  body: unknown;
}
type Middleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;

interface S3rverInstance {
  middleware: Middleware[];
  store: FilesystemStoreLike;
  on(event: 'event', listener: (e: S3rverEvent) => void): void;
  /** Koa's request listener. */
  callback(): RequestListener;
  /** s3rver's winston logger; closed with the server. */
  logger?: { close(): void; exceptions?: { unhandle(): void } };
}

/** Start s3rver bound to 127.0.0.1. */
export async function startS3Server(props: S3ServerProps): Promise<RunningServer & { store: FilesystemStoreLike }> {
  patchFilesystemStore();
  mkdirSync(props.directory, { recursive: true });
  const S3rver = require('s3rver') as new (options: Record<string, unknown>) => S3rverInstance;
  const port = props.port ?? 0;
  const server = new S3rver({
    address: '127.0.0.1',
    port,
    directory: props.directory,
    silent: true,
    vhostBuckets: false,
    resetOnClose: false,
  });
  /** Multipart completion is a POST carrying ?uploadId. */
  const isMultipart = (): boolean => {
    const info = requests.getStore();
    return info?.method === 'POST' && info.query.uploadId !== undefined;
  };

  server.on('event', (event) => {
    const changes = changesFromS3rverEvent(event, props.sequencer, isMultipart);
    for (const change of changes) {
      if (change.kind === 'Copy' && change.eTag === undefined) {
        // s3rver omits the ETag on copies: read it back; the response waits for it (see tagRequest).
        const done = server.store.getMetadata(change.bucket, change.key).then(
          (meta) => props.onChange({ ...change, eTag: bareETag(String(meta.etag))! }),
          () => props.onChange(change),
        );
        requests.getStore()?.pending.push(done);
      } else {
        const done = props.onChange(change);
        if (done) requests.getStore()?.pending.push(done);
      }
    }
  });

  // Runs just inside the router: tags the request for the 'event' listener and the store,
  // reports the keys DeleteObjects removed (s3rver emits no event for them), and carries
  // ListObjectsV2 continuation tokens.
  const tagRequest: Middleware = async function tagRequest(ctx, next) {
    const token = ctx.method === 'GET' && ctx.query['list-type'] === '2' ? ctx.query['continuation-token'] : undefined;
    if (typeof token === 'string' && token) {
      const startAfter = decodeContinuationToken(token);
      if (startAfter === undefined) {
        ctx.status = 400;
        ctx.body = { Error: { Code: 'InvalidArgument', Message: 'The continuation token provided is incorrect' } };
        return;
      }
      const { 'continuation-token': _token, ...rest } = ctx.query;
      ctx.query = { ...rest, 'start-after': startAfter };
    }
    const info: RequestInfo = { method: ctx.method, query: ctx.query, pending: [] };
    await requests.run(info, next);
    await Promise.all(info.pending);
    const list = (ctx.body as { ListBucketResult?: Record<string, unknown> } | undefined)?.ListBucketResult;
    if (list && info.query['list-type'] === '2') {
      if (typeof token === 'string' && token) {
        list.ContinuationToken = token;
        delete list.StartAfter;
      }
      if (info.truncatedAfter !== undefined) {
        list.IsTruncated = true;
        list.NextContinuationToken = encodeContinuationToken(info.truncatedAfter);
      }
    }
    const result = (ctx.body as { DeleteResult?: { Deleted?: Array<{ Key: string }> } } | undefined)?.DeleteResult;
    if (ctx.method === 'POST' && 'delete' in ctx.query && result?.Deleted) {
      const bucket = decodeURIComponent(ctx.path.split('/')[1] ?? '');
      const done = result.Deleted.map(({ Key }) => props.onChange({ kind: 'Delete', bucket, key: Key, sequencer: props.sequencer() }));
      await Promise.all(done);
    }
  };
  server.middleware.splice(server.middleware.length - 1, 0, tagRequest);

  // Our own HTTP server rather than s3rver.run(): run() leaves a listen error (EADDRINUSE) as an
  // unhandled 'error' event that kills the process.
  const httpServer = createServer(server.callback());
  httpServer.on('close', () => {
    server.logger?.exceptions?.unhandle();
    server.logger?.close();
  });
  const address = await listenOnLoopback(httpServer, port, 's3rver');
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    address,
    store: server.store,
    close: () =>
      new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      }),
  };
}
