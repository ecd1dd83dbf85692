/**
 * The local stack end to end, in process: start LocalStack (s3rver + dynalite + in-process
 * queue + the deployed handler) in a temp folder, upload generated articles with the SDK at a
 * limited concurrency, wait until every notification is processed, then count the records in
 * the table. Throughput = articles / (first upload -> last record).
 *
 * The uploader is a client, not part of the stack: it runs on its own worker thread (as a user's
 * `aws s3 cp` runs in its own process), so its SDK work does not queue behind the handler on the
 * main thread. Its CPU still counts in cpuMsPerArticle (same process) and is also reported apart.
 *
 * Alone: `npx tsx bench/lib/local.ts [--count 1000] [--runs 1] [--persisted] [--handler-threads N]`
 * prints one JSON result per run (--persisted: a data folder on disk, as `npm start` keeps one).
 */
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalStack, LocalStackProps, ProcessedEvent } from '../../local/stack.ts';
import { captureStdout } from './capture.ts';
import { generatePage } from './generate.ts';
import { withTimeout } from './limit.ts';
import { loadPart } from './load.ts';
import { threadCpuMs } from '../../local/thread-cpu.ts';

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
  /** Process CPU (user + system) per article, upload to record: every part runs in this process (uploader included). */
  readonly cpuMsPerArticle: number;
  /** CPU of the uploader thread per article (SDK PutObject client side); null where /proc/thread-self is missing. */
  readonly uploaderCpuMsPerArticle: number | null;
  /**
   * CPU per article of each of the stack's threads (Linux only, else null): the busiest one
   * bounds throughput; the sum over the cores bounds it too.
   */
  readonly threadCpuMsPerArticle: { readonly main: number; readonly s3rver: number; readonly dynalite: number; readonly handlers: readonly number[] } | null;
  readonly processed: number;
  readonly deadLettered: number;
  readonly retries: number;
  /** Records counted in the table afterwards (should equal `articles`). */
  readonly records: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly bytes: number;
}

/**
 * `stackProps` vary the stack (e.g. `{ handlerThreads: 0 }`, or a `dataDir` for the persisted
 * mode); the default is what `npm start -- --in-memory` runs.
 */
export async function measureLocal(count: number, concurrency = LOCAL_UPLOAD_CONCURRENCY, stackProps: LocalStackProps = {}): Promise<LocalResult> {
  const mod = await loadPart<{ LocalStack: { start(props?: LocalStackProps): Promise<LocalStack> } }>('local stack', 'local/stack.ts');
  const stdout = captureStdout({ stderr: true });
  const stack = await mod.LocalStack.start({ ...stackProps, reconcileOnStart: false }).catch((err: unknown) => {
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
    const uploader = startUploader({ endpoint: names.endpoints.s3, bucket: names.rawBucket, keys, pages, concurrency });
    await uploader.ready;
    const threads = stack.threadIds();
    const threadCpu = (): { main: number; s3rver: number; dynalite: number; handlers: number[] } | null => {
      const ms = (tid: number | null): number | null => (tid === null ? null : threadCpuMs(tid));
      const all = [ms(threads.main), ms(threads.s3rver), ms(threads.dynalite), ...threads.handlers.map(ms)];
      if (all.some((v) => v === null)) return null;
      const [main, s3rver, dynalite, ...handlers] = all as number[];
      return { main: main!, s3rver: s3rver!, dynalite: dynalite!, handlers };
    };
    const threadCpu0 = threadCpu();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    uploader.go();
    const uploaded = await uploader.done;
    const tUploaded = performance.now();
    await withTimeout(finished, Math.max(120_000, count * 500), `local stack: only ${processed + dead} of ${count} notifications processed in time`);
    const tDone = performance.now();
    const cpu = process.cpuUsage(cpu0);
    const threadCpu1 = threadCpu();

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
      uploaderCpuMsPerArticle: uploaded.cpuMs === null ? null : uploaded.cpuMs / count,
      threadCpuMsPerArticle:
        threadCpu0 && threadCpu1
          ? {
              main: (threadCpu1.main - threadCpu0.main) / count,
              s3rver: (threadCpu1.s3rver - threadCpu0.s3rver) / count,
              dynalite: (threadCpu1.dynalite - threadCpu0.dynalite) / count,
              handlers: threadCpu1.handlers.map((v, i) => (v - (threadCpu0.handlers[i] ?? 0)) / count),
            }
          : null,
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

interface UploaderData {
  readonly clientS3Path: string;
  readonly endpoint: string;
  readonly bucket: string;
  readonly keys: readonly string[];
  readonly pages: readonly string[];
  readonly concurrency: number;
}

type UploaderMessage = { readonly type: 'ready' } | { readonly type: 'done'; readonly cpuMs: number | null } | { readonly type: 'error'; readonly message: string };

/**
 * The uploader thread (CommonJS, evaluated): the SDK S3 client configured as the production
 * factory configures it for s3rver, `concurrency` PutObjects in flight, starting on 'go'.
 */
const UPLOADER_SOURCE = `
const { parentPort, workerData: d } = require('node:worker_threads');
const { S3Client, PutObjectCommand } = require(d.clientS3Path);
// This thread's CPU (ms): utime + stime of /proc/thread-self/stat, in USER_HZ (100) ticks; null off Linux.
const threadCpuMs = () => {
  try {
    const stat = require('node:fs').readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : null;
  } catch {
    return null;
  }
};
const s3 = new S3Client({
  endpoint: d.endpoint, region: 'us-east-1', forcePathStyle: true,
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
});
parentPort.once('message', async () => {
  try {
    const cpu0 = threadCpuMs();
    let next = 0;
    const lane = async () => {
      while (next < d.pages.length) {
        const i = next++;
        await s3.send(new PutObjectCommand({ Bucket: d.bucket, Key: d.keys[i], Body: d.pages[i], ContentType: 'text/plain; charset=utf-8' }));
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(d.concurrency, d.pages.length)) }, lane));
    const cpu1 = threadCpuMs();
    s3.destroy();
    parentPort.postMessage({ type: 'done', cpuMs: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 });
  } catch (err) {
    parentPort.postMessage({ type: 'error', message: String((err && err.stack) || err) });
  }
});
parentPort.postMessage({ type: 'ready' });
`;

function startUploader(props: Omit<UploaderData, 'clientS3Path'>): {
  ready: Promise<void>;
  go(): void;
  done: Promise<{ cpuMs: number | null }>;
} {
  const data: UploaderData = { ...props, clientS3Path: createRequire(import.meta.url).resolve('@aws-sdk/client-s3') };
  const worker = new Worker(UPLOADER_SOURCE, { eval: true, workerData: data });
  const failed = new Promise<never>((_, reject) => {
    worker.once('error', reject);
    worker.on('message', (m: UploaderMessage) => m.type === 'error' && reject(new Error(`uploader: ${m.message}`)));
  });
  failed.catch(() => undefined);
  const message = (type: UploaderMessage['type']) =>
    Promise.race([failed, new Promise<UploaderMessage>((resolve) => worker.on('message', (m: UploaderMessage) => m.type === type && resolve(m)))]);
  const done = message('done').then((m) => ({ cpuMs: m.type === 'done' ? m.cpuMs : null }));
  void done.finally(() => worker.terminate()).catch(() => undefined);
  return { ready: message('ready').then(() => undefined), go: () => worker.postMessage('go'), done };
}

async function main(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: { count: { type: 'string', default: '1000' }, runs: { type: 'string', default: '1' }, persisted: { type: 'boolean', default: false }, 'handler-threads': { type: 'string' } },
  });
  for (let run = 0; run < Number(values.runs); run++) {
    const dataDir = values.persisted ? mkdtempSync(path.join(tmpdir(), 'bench-local-')) : undefined;
    try {
      const props: LocalStackProps = {
        ...(dataDir ? { dataDir } : {}),
        ...(values['handler-threads'] === undefined ? {} : { handlerThreads: Number(values['handler-threads']) }),
      };
      const result = await measureLocal(Number(values.count), LOCAL_UPLOAD_CONCURRENCY, props);
      console.log(JSON.stringify({ mode: dataDir ? 'persisted' : 'in-memory', ...props, dataDir: undefined, ...result }));
    } finally {
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.argv.slice(2));
