/**
 * Upload local files to the raw bucket and wait for their records: shared by `articles ingest`
 * and `npm start -- --once`. A record counts once its sourceETag matches the upload and it was
 * written after the upload started (so an older record of the same key does not count).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { articleIdFor } from '../functions/shared/record.ts';
import { bareETag } from '../local/notifications.ts';
import { getStamps } from '../local/reconcile.ts';
import type { ArticleReader, Article } from '../reader/index.ts';
import { CliError } from './errors.ts';

/** Uploads in flight at once. */
export const UPLOAD_CONCURRENCY = 4;
/** Pause between table polls. */
export const POLL_INTERVAL_MS = 200;
/** Clock skew tolerated between this machine and the writer of ingestedAt. */
const CLOCK_SKEW_MS = 5_000;

export interface LocalFile {
  readonly file: string;
  /** Object key: the path relative to the folder given (posix separators), or the file name. */
  readonly key: string;
}

/** Files named on the command line, folders walked recursively (dot-files skipped), sorted by key. */
export function collectFiles(paths: readonly string[], prefix = ''): LocalFile[] {
  const out: LocalFile[] = [];
  const walk = (dir: string, base: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full, base);
      else if (entry.isFile()) out.push({ file: full, key: prefix + path.relative(base, full).split(path.sep).join('/') });
    }
  };
  for (const p of paths) {
    let stat;
    try {
      stat = statSync(p);
    } catch (cause) {
      throw new CliError(`cannot read ${JSON.stringify(p)}: ${(cause as Error).message}`, 1, { cause });
    }
    if (stat.isDirectory()) walk(p, p);
    else out.push({ file: p, key: prefix + path.basename(p) });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export interface IngestResult {
  readonly key: string;
  readonly articleId: string;
  readonly bytes: number;
  readonly outcome: 'recorded' | 'timeout' | 'upload-failed';
  readonly ms: number;
  readonly article?: Article;
  readonly error?: string;
}

export interface UploadAndWaitProps {
  readonly s3: S3Client;
  readonly ddb: DynamoDBDocumentClient;
  readonly reader: ArticleReader;
  readonly tableName: string;
  readonly bucket: string;
  readonly files: readonly LocalFile[];
  /** Give up on a record after this long. @default 120_000 */
  readonly timeoutMs?: number;
  /** Called once per file, when its record is in (or it failed). */
  readonly onResult?: (result: IngestResult) => void;
}

interface Pending {
  readonly file: LocalFile;
  readonly articleId: string;
  readonly bytes: number;
  readonly started: number;
  readonly eTag: string;
}

export async function uploadAndWait(props: UploadAndWaitProps): Promise<IngestResult[]> {
  const { s3, ddb, reader, tableName, bucket, files } = props;
  const timeoutMs = props.timeoutMs ?? 120_000;
  const results: IngestResult[] = [];
  const finish = (r: IngestResult): void => {
    results.push(r);
    props.onResult?.(r);
  };
  const pending = new Map<string, Pending>();

  let next = 0;
  const uploader = async (): Promise<void> => {
    while (next < files.length) {
      const file = files[next++]!;
      const articleId = articleIdFor(bucket, file.key);
      const started = Date.now();
      try {
        const body = readFileSync(file.file);
        const out = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: file.key, Body: body, ContentType: 'text/plain' }));
        pending.set(articleId, { file, articleId, bytes: body.length, started, eTag: bareETag(out.ETag) ?? '' });
      } catch (err) {
        finish({ key: file.key, articleId, bytes: 0, outcome: 'upload-failed', ms: Date.now() - started, error: (err as Error).message });
        if ((err as { code?: string }).code === 'ECONNREFUSED') throw err;
      }
    }
  };
  let uploading = true;
  const uploads = Promise.all(Array.from({ length: Math.min(UPLOAD_CONCURRENCY, files.length) }, uploader)).finally(() => {
    uploading = false;
  });

  const poll = async (): Promise<void> => {
    while (uploading || pending.size > 0) {
      await new Promise((r) => setTimeout(r, POLL_INTERVAL_MS));
      if (pending.size === 0) continue;
      const stamps = await getStamps(ddb, tableName, [...pending.keys()]);
      for (const p of [...pending.values()]) {
        const stamp = stamps.get(p.articleId);
        const fresh = stamp?.ingestedAt !== undefined && Date.parse(stamp.ingestedAt) >= p.started - CLOCK_SKEW_MS;
        if (stamp && fresh && bareETag(stamp.sourceETag ?? '') === p.eTag) {
          pending.delete(p.articleId);
          const article = await reader.get(p.articleId);
          finish({ key: p.file.key, articleId: p.articleId, bytes: p.bytes, outcome: 'recorded', ms: Date.now() - p.started, ...(article ? { article } : {}) });
        } else if (Date.now() - p.started > timeoutMs) {
          pending.delete(p.articleId);
          finish({ key: p.file.key, articleId: p.articleId, bytes: p.bytes, outcome: 'timeout', ms: Date.now() - p.started });
        }
      }
    }
  };
  await Promise.all([uploads, poll()]);
  return results;
}
