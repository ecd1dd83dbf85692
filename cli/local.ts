/**
 * `npm start` / `articles local`: the whole pipeline on this machine. s3rver, dynalite and an
 * in-process SQS queue on 127.0.0.1, the deployed ingest handler consuming the queue, data
 * persisted under .local-data/ (or in memory). Prints endpoints and copy-paste AWS CLI commands,
 * then one line per processed article. `--once <files>` ingests and exits.
 */
import { existsSync, readFileSync } from 'node:fs';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DATA_DIR, isAlive, readEndpointsFile, removeEndpointsFile, writeEndpointsFile } from '../local/endpoints-file.ts';
import { DATA_DIR_ENTRIES, DEFAULT_PORTS, LocalStack, type LocalStackDescription, type ProcessedEvent } from '../local/stack.ts';
import type { Reconciliation } from '../local/reconcile.ts';
import { ArticleReader } from '../reader/index.ts';
import { parse, port, positiveInt } from './args.ts';
import { CliError } from './errors.ts';
import { escapeText, formatArticleLine, renderTable } from './terminal.ts';
import { collectFiles, uploadAndWait, type IngestResult } from './upload.ts';

export const SAMPLES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'samples');
/** Key prefix of the shipped samples. */
const SAMPLES_PREFIX = 'samples/';
/** How long Ctrl-C waits for queued work before closing anyway. */
const DRAIN_ON_EXIT_MS = 10_000;

const USAGE = `usage: npm start [-- options]    (= articles local [options])
       articles local --once <files-or-folders>...
options:
  --s3-port N --dynamodb-port N --sqs-port N   loopback ports (default ${DEFAULT_PORTS.s3} / ${DEFAULT_PORTS.dynamodb} / ${DEFAULT_PORTS.sqs}; 0 = any)
  --data-dir DIR      where data persists (default .local-data/)
  --in-memory         throwaway run: nothing written to disk
  --reset             wipe the data folder first
  --no-samples        do not ingest samples/ on first start
  --once              ingest the given files, print results, exit (in memory, ephemeral ports unless told)
  --batch-size N --batch-window-ms N --visibility-timeout-s N --max-receive-count N
  --log-level LEVEL   handler log level: DEBUG|INFO|WARN|ERROR|SILENT (default ERROR)`;

const OPTIONS = {
  's3-port': { type: 'string' },
  'dynamodb-port': { type: 'string' },
  'sqs-port': { type: 'string' },
  'data-dir': { type: 'string' },
  'in-memory': { type: 'boolean' },
  reset: { type: 'boolean' },
  'no-samples': { type: 'boolean' },
  once: { type: 'boolean' },
  'batch-size': { type: 'string' },
  'batch-window-ms': { type: 'string' },
  'visibility-timeout-s': { type: 'string' },
  'max-receive-count': { type: 'string' },
  'log-level': { type: 'string' },
} as const;

const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT'] as const;

/** The banner: endpoints, names, and AWS CLI commands that work as printed. */
export function banner(d: LocalStackDescription, persisted: boolean): string {
  const env = `export AWS_ACCESS_KEY_ID=${d.credentials.accessKeyId} AWS_SECRET_ACCESS_KEY=${d.credentials.secretAccessKey} AWS_REGION=${d.region} AWS_DEFAULT_REGION=${d.region} AWS_REQUEST_CHECKSUM_CALCULATION=when_required`;
  const today = new Date().toISOString().slice(0, 10);
  return [
    `articles local stack — ${persisted ? `data in ${d.dataDir}` : 'in memory (nothing kept)'}`,
    `  S3        ${d.endpoints.s3.padEnd(24)} raw bucket ${d.rawBucket}, bodies bucket ${d.bodiesBucket}`,
    `  DynamoDB  ${d.endpoints.dynamodb.padEnd(24)} table ${d.tableName} (indexes byIngestDay, byContentHash)`,
    `  SQS       ${d.endpoints.sqs.padEnd(24)} queue ${d.queueName}`,
    '',
    'try it from another terminal:',
    `  ${env}`,
    `  aws --endpoint-url ${d.endpoints.s3} s3 cp story.txt s3://${d.rawBucket}/`,
    `  aws --endpoint-url ${d.endpoints.s3} s3 ls s3://${d.rawBucket}/ --recursive`,
    `  aws --endpoint-url ${d.endpoints.dynamodb} dynamodb query --table-name ${d.tableName} --index-name byIngestDay \\`,
    `      --key-condition-expression 'ingestDay = :d' --expression-attribute-values '{":d":{"S":"${today}"}}' \\`,
    `      --no-scan-index-forward --projection-expression 'articleId, sourceKey, title, wordCount'`,
    `  aws --endpoint-url ${d.endpoints.dynamodb} dynamodb get-item --table-name ${d.tableName} --key '{"articleId":{"S":"<articleId>"}}'`,
    '  npx articles ingest ./my-articles/    npx articles list    npx articles get <key-or-articleId>',
    '',
  ].join('\n');
}

function reconciledLine(found: readonly Reconciliation[]): string {
  const created = found.filter((r) => r.kind === 'created').length;
  const removed = found.length - created;
  return `reconciled: ${created} object(s) without a current record and ${removed} deletion(s) re-enqueued`;
}

async function printProcessed(reader: ArticleReader, e: ProcessedEvent): Promise<void> {
  const key = escapeText(e.key, 80);
  if (e.outcome === 'retry') {
    console.log(`retry    ${key}: ${escapeText(e.error ?? 'failed', 120)} (will be redelivered)`);
  } else if (e.outcome === 'dead') {
    console.log(`DEAD     ${key}: ${escapeText(e.error ?? 'failed', 120)} (moved to the dead letters: npx articles dlq list)`);
  } else if (e.action === 'removed') {
    console.log(`deleted  ${key}  (${e.ms} ms)`);
  } else {
    const a = await reader.get(e.articleId).catch(() => undefined);
    if (!a) return void console.log(`?        ${key}  no record (${e.ms} ms)`);
    if (Date.parse(a.ingestedAt) < e.sentAt) {
      // The store refused the write: a newer or identical (same sequencer and cleaner) record is in place.
      return void console.log(`current  ${key}  record already up to date (cleaner ${escapeText(a.cleanerVersion, 20)}, ingested ${a.ingestedAt}) (${e.ms} ms)`);
    }
    console.log(
      formatArticleLine({ key: e.key, status: a.status, title: a.title, wordCount: a.wordCount, linesRemoved: a.removed.length, ms: e.ms, statusReason: a.statusReason }),
    );
  }
}

export function summaryTable(results: readonly IngestResult[]): string {
  return renderTable(results, [
    { header: 'key', value: (r) => r.key, max: 50 },
    { header: 'status', value: (r) => (r.outcome === 'recorded' ? (r.article?.status ?? '?') : r.outcome) },
    { header: 'title', value: (r) => r.article?.title ?? null, max: 50 },
    { header: 'words', value: (r) => r.article?.wordCount ?? null, align: 'right' },
    { header: 'removed', value: (r) => r.article?.removed.length ?? null, align: 'right' },
    { header: 'ms', value: (r) => r.ms, align: 'right' },
  ]);
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, OPTIONS, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const once = values.once ?? false;
  if (!once && positionals.length > 0) throw new CliError(`unexpected arguments ${positionals.map((p) => JSON.stringify(p)).join(' ')} (did you mean --once?)\n${USAGE}`, 2);
  if (once && positionals.length === 0) throw new CliError(`--once needs files or folders to ingest\n${USAGE}`, 2);
  if (values['in-memory'] && values['data-dir']) throw new CliError('--in-memory cannot be combined with --data-dir', 2);
  const logLevel = (values['log-level'] ?? 'ERROR').toUpperCase() as (typeof LOG_LEVELS)[number];
  if (!LOG_LEVELS.includes(logLevel)) throw new CliError(`--log-level must be one of ${LOG_LEVELS.join(', ')}`, 2);

  const inMemory = values['in-memory'] ?? (once && values['data-dir'] === undefined);
  const dataDir = inMemory ? undefined : path.resolve(values['data-dir'] ?? DEFAULT_DATA_DIR);
  const portDefault = (p: number): number => (once ? 0 : p);
  const ports = {
    s3: port(values['s3-port'], '--s3-port', portDefault(DEFAULT_PORTS.s3)),
    dynamodb: port(values['dynamodb-port'], '--dynamodb-port', portDefault(DEFAULT_PORTS.dynamodb)),
    sqs: port(values['sqs-port'], '--sqs-port', portDefault(DEFAULT_PORTS.sqs)),
  };
  const queue = {
    batchSize: positiveInt(values['batch-size'], '--batch-size', 10),
    batchWindowMs: values['batch-window-ms'] === undefined ? 50 : positiveInt(values['batch-window-ms'], '--batch-window-ms', 50),
    visibilityTimeoutMs: positiveInt(values['visibility-timeout-s'], '--visibility-timeout-s', 30) * 1000,
    maxReceiveCount: positiveInt(values['max-receive-count'], '--max-receive-count', 5),
  };
  const files = once ? collectFiles(positionals) : [];

  // Where the CLI finds this stack: the data folder, or the default one for an in-memory run.
  const discoveryDir = once ? undefined : (dataDir ?? DEFAULT_DATA_DIR);
  const ownerOf = (dir: string): LocalStackDescription | undefined => {
    const running = readEndpointsFile(dir);
    return running && running.pid !== process.pid && isAlive(running.pid) ? running : undefined;
  };
  const holder = dataDir ? ownerOf(dataDir) : undefined;
  if (holder) throw new CliError(`another local stack (pid ${holder.pid}) is using ${dataDir}: stop it first, or pass --data-dir / --in-memory`);
  const other = discoveryDir ? ownerOf(discoveryDir) : undefined;
  if (dataDir && values.reset) LocalStack.reset(dataDir);
  const firstStart = !dataDir || !existsSync(path.join(dataDir, DATA_DIR_ENTRIES.s3));
  // Metrics would print EMF JSON to stdout for every batch; locally there is no CloudWatch to read it.
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

  const t0 = performance.now();
  const stack = await LocalStack.start({ ...(dataDir ? { dataDir } : {}), ports, queue, logLevel });
  const startupMs = Math.round(performance.now() - t0);
  const d = stack.describe();
  const reader = new ArticleReader({ ddb: stack.clients.ddb, s3: stack.clients.s3, tableName: d.tableName, bodiesBucket: d.bodiesBucket });

  if (once) {
    try {
      console.error(`local stack ready in ${startupMs} ms (in ${dataDir ?? 'memory'}); ingesting ${files.length} file(s)`);
      const results = await uploadAndWait({
        s3: stack.clients.s3,
        ddb: stack.clients.ddb,
        reader,
        tableName: d.tableName,
        bucket: d.rawBucket,
        files,
        onResult: (r) => {
          if (r.article) {
            const a = r.article;
            console.log(formatArticleLine({ key: r.key, status: a.status, title: a.title, wordCount: a.wordCount, linesRemoved: a.removed.length, ms: r.ms, statusReason: a.statusReason }));
          } else console.log(`${r.outcome.padEnd(8)} ${escapeText(r.key, 80)}${r.error ? `: ${escapeText(r.error, 120)}` : ''}`);
        },
      });
      console.log(`\n${summaryTable(results)}`);
      return results.every((r) => r.outcome === 'recorded') ? 0 : 1;
    } finally {
      await stack.stop();
    }
  }

  const announced = discoveryDir !== undefined && !other;
  if (announced) writeEndpointsFile(discoveryDir, d);
  else if (other) console.log(`note: the stack of pid ${other.pid} owns ${discoveryDir}/endpoints.json; pass this one's --*-endpoint flags to the CLI`);
  console.log(banner(d, dataDir !== undefined));
  console.log(`ready in ${startupMs} ms. Ctrl-C to stop.\n`);
  stack.on('processed', (e: ProcessedEvent) => void printProcessed(reader, e));
  const dead = stack.queue.deadLetters().length;
  if (dead > 0) console.log(`${dead} dead letter(s) kept from earlier runs: npx articles dlq list`);

  // Reconciliation ran inside start(); report what it re-enqueued.
  const lost = stack.lastReconciliation;
  if (lost.length > 0) console.log(reconciledLine(lost));

  if (firstStart && !values['no-samples'] && existsSync(SAMPLES_DIR)) {
    const samples = collectFiles([SAMPLES_DIR], SAMPLES_PREFIX);
    console.log(`first start: ingesting ${samples.length} sample article(s) from samples/`);
    for (const s of samples) {
      await stack.clients.s3.send(new PutObjectCommand({ Bucket: d.rawBucket, Key: s.key, Body: readFileSync(s.file), ContentType: 'text/plain' }));
    }
  }

  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) {
        console.error(`\n${signal} again: exiting without draining`);
        process.exit(130);
      }
      stopping = true;
      console.log(`\n${signal}: finishing queued work (up to ${DRAIN_ON_EXIT_MS / 1000} s), then closing the servers…`);
      const timeout = new Promise<void>((r) => setTimeout(r, DRAIN_ON_EXIT_MS).unref());
      void Promise.race([stack.drain(), timeout])
        .then(() => stack.stop())
        .finally(() => {
          if (announced) removeEndpointsFile(discoveryDir);
          console.log('stopped.');
          resolve();
        });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}
