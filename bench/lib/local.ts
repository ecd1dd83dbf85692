/**
 * The local stack end to end, in process: start LocalStack (s3rver + dynalite + in-process
 * queue + the deployed handler) in a temp folder, upload generated articles with the SDK at a
 * limited concurrency, wait until every notification is processed, then count the records in
 * the table. Throughput = articles / (first upload -> last record).
 */
import { performance } from 'node:perf_hooks';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalStack, LocalStackProps, ProcessedEvent } from '../../local/stack.ts';
import { captureStdout } from './capture.ts';
import { generatePage } from './generate.ts';
import { mapLimit, withTimeout } from './limit.ts';
import { loadPart } from './load.ts';

/** Uploads in flight at once. */
export const LOCAL_UPLOAD_CONCURRENCY = 16;
/** Seed of the first generated article (distinct from the cleaner's fallback pages). */
export const LOCAL_SEED = 100_000;

export interface LocalResult {
  readonly articles: number;
  readonly uploadConcurrency: number;
  /** First upload -> last upload acknowledged (s). */
  readonly uploadSeconds: number;
  /** First upload -> last notification processed (s). */
  readonly seconds: number;
  readonly articlesPerSec: number;
  /** Process CPU (user + system) per article, upload to record: every part runs in this process. */
  readonly cpuMsPerArticle: number;
  readonly processed: number;
  readonly deadLettered: number;
  readonly retries: number;
  /** Records counted in the table afterwards (should equal `articles`). */
  readonly records: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly bytes: number;
}

export async function measureLocal(count: number, concurrency = LOCAL_UPLOAD_CONCURRENCY): Promise<LocalResult> {
  const mod = await loadPart<{ LocalStack: { start(props?: LocalStackProps): Promise<LocalStack> } }>('local stack', 'local/stack.ts');
  const stdout = captureStdout({ stderr: true });
  const stack = await mod.LocalStack.start({ reconcileOnStart: false }).catch((err: unknown) => {
    stdout.restore();
    throw err;
  });
  try {
    const names = stack.describe();
    const pages = Array.from({ length: count }, (_, i) => generatePage(LOCAL_SEED + i));
    const keys = pages.map((_, i) => `bench/${String(i).padStart(6, '0')} article.txt`);
    const latencies: number[] = [];
    let processed = 0;
    let dead = 0;
    let retries = 0;
    const finished = new Promise<void>((resolve) => {
      stack.on('processed', (e: ProcessedEvent) => {
        if (e.bucket !== names.rawBucket) return;
        if (e.outcome === 'deleted') {
          processed++;
          latencies.push(e.ms);
        } else if (e.outcome === 'dead') dead++;
        else retries++;
        if (processed + dead >= count) resolve();
      });
    });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await mapLimit(pages, concurrency, (body, i) =>
      stack.clients.s3.send(new PutObjectCommand({ Bucket: names.rawBucket, Key: keys[i], Body: body, ContentType: 'text/plain; charset=utf-8' })),
    );
    const tUploaded = performance.now();
    await withTimeout(finished, Math.max(120_000, count * 500), `local stack: only ${processed + dead} of ${count} notifications processed in time`);
    const tDone = performance.now();
    const cpu = process.cpuUsage(cpu0);

    let records = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await stack.clients.ddb.send(new ScanCommand({ TableName: names.tableName, Select: 'COUNT', ExclusiveStartKey: start }));
      records += page.Count ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);

    latencies.sort((a, b) => a - b);
    const at = (p: number): number => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? Number.NaN;
    const seconds = (tDone - t0) / 1000;
    return {
      articles: count,
      uploadConcurrency: concurrency,
      uploadSeconds: (tUploaded - t0) / 1000,
      seconds,
      articlesPerSec: count / seconds,
      cpuMsPerArticle: (cpu.user + cpu.system) / 1000 / count,
      processed,
      deadLettered: dead,
      retries,
      records,
      latencyP50Ms: at(50),
      latencyP99Ms: at(99),
      bytes: pages.reduce((n, p) => n + Buffer.byteLength(p), 0),
    };
  } finally {
    await stack.stop();
    stdout.restore();
  }
}
