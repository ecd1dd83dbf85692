/**
 * `articles reprocess [--prefix P]`: re-drive existing raw objects through the ingest queue so
 * their records are re-cleaned by the current cleaner. Each object with a current record gets an
 * S3-notification-shaped message carrying the record's own sequencer: the article store rewrites
 * a record on "same sequencer, different cleanerVersion" and ignores it otherwise, so a re-drive
 * can never undo a newer upload. Messages go out with SQS SendMessageBatch, the same way to the
 * local stack's SQS endpoint and to a deployed queue (where the work fans out to Lambda).
 * Objects without a current record are skipped (their own notification is pending; locally the
 * start-up reconciliation re-enqueues them).
 */
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { articleIdFor } from '../functions/shared/record.ts';
import { toSqsMessageBody } from '../local/notifications.ts';
import { getStamps, listRawObjects, type RawObject } from '../local/reconcile.ts';
import { parse } from './args.ts';
import { explainTargetError, resolveTarget, TARGET_OPTIONS, TARGET_USAGE } from './target.ts';
import { escapeText, Progress } from './terminal.ts';

const USAGE = `usage: articles reprocess [--prefix P] [--dry-run] ${TARGET_USAGE}`;
/** SendMessageBatch takes at most 10 entries. */
const SQS_BATCH = 10;
/** Objects looked up per BatchGetItem. */
const LOOKUP_BATCH = 100;
/** Tries per batch entry (SQS may fail single entries). */
const SEND_ATTEMPTS = 3;

export interface ReprocessProps {
  readonly s3: S3Client;
  readonly ddb: DynamoDBDocumentClient;
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly rawBucket: string;
  readonly tableName: string;
  /** @default '' */
  readonly prefix?: string;
  /** @default false */
  readonly dryRun?: boolean;
  readonly onObject?: (key: string, outcome: 'sent' | 'skipped' | 'failed', detail?: string) => void;
}

export interface ReprocessResult {
  readonly objects: number;
  readonly sent: number;
  readonly skipped: ReadonlyArray<{ readonly key: string; readonly reason: string }>;
  readonly failed: ReadonlyArray<{ readonly key: string; readonly error: string }>;
}

export async function reprocess(props: ReprocessProps): Promise<ReprocessResult> {
  const { s3, ddb, sqs, queueUrl, rawBucket, tableName } = props;
  const skipped: Array<{ key: string; reason: string }> = [];
  const failed: Array<{ key: string; error: string }> = [];
  let objects = 0;
  let sent = 0;

  const fail = (key: string, error: string): void => {
    failed.push({ key, error });
    props.onObject?.(key, 'failed', error);
  };
  const send = async (entries: Array<{ key: string; body: string }>): Promise<void> => {
    let todo = entries.map((e, i) => ({ ...e, id: String(i) }));
    for (let attempt = 1; todo.length > 0 && attempt <= SEND_ATTEMPTS; attempt++) {
      try {
        const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: todo.map((e) => ({ Id: e.id, MessageBody: e.body })) }));
        const ok = new Set((out.Successful ?? []).map((s) => s.Id));
        for (const e of todo.filter((t) => ok.has(t.id))) {
          sent += 1;
          props.onObject?.(e.key, 'sent');
        }
        const bad = new Map((out.Failed ?? []).map((f) => [f.Id, `${f.Code ?? ''} ${f.Message ?? ''}`.trim()]));
        todo = todo.filter((t) => !ok.has(t.id));
        if (attempt === SEND_ATTEMPTS) for (const e of todo) fail(e.key, bad.get(e.id) ?? 'not sent');
      } catch (err) {
        if (attempt === SEND_ATTEMPTS) for (const e of todo) fail(e.key, (err as Error).message);
        else await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
  };

  const handlePage = async (page: RawObject[]): Promise<void> => {
    const stamps = await getStamps(ddb, tableName, page.map((o) => articleIdFor(rawBucket, o.key)));
    const entries: Array<{ key: string; body: string }> = [];
    for (const o of page) {
      const stamp = stamps.get(articleIdFor(rawBucket, o.key));
      const reason = !stamp
        ? 'no record yet'
        : stamp.status === 'deleted'
          ? 'record is a tombstone'
          : stamp.sourceETag && stamp.sourceETag !== o.eTag
            ? 'record is of an older upload'
            : !stamp.sourceSequencer
              ? 'record has no sequencer'
              : undefined;
      if (reason) {
        skipped.push({ key: o.key, reason });
        props.onObject?.(o.key, 'skipped', reason);
        continue;
      }
      const body = toSqsMessageBody({
        kind: 'Put',
        bucket: rawBucket,
        key: o.key,
        size: o.size,
        eTag: o.eTag,
        ...(stamp!.sourceVersionId ? { versionId: stamp!.sourceVersionId } : {}),
        sequencer: stamp!.sourceSequencer!,
      });
      if (props.dryRun) {
        sent += 1;
        props.onObject?.(o.key, 'sent');
      } else entries.push({ key: o.key, body });
    }
    for (let i = 0; i < entries.length; i += SQS_BATCH) await send(entries.slice(i, i + SQS_BATCH));
  };

  let page: RawObject[] = [];
  for await (const o of listRawObjects(s3, rawBucket, props.prefix ?? '')) {
    objects += 1;
    page.push(o);
    if (page.length >= LOOKUP_BATCH) {
      await handlePage(page);
      page = [];
    }
  }
  if (page.length > 0) await handlePage(page);
  return { objects, sent, skipped, failed };
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, { ...TARGET_OPTIONS, prefix: { type: 'string' }, 'dry-run': { type: 'boolean' } }, USAGE, false);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const target = await resolveTarget(values);
  try {
    // Count first so the progress bar has a total (keys only; a listing is cheap next to re-cleaning).
    let total = 0;
    for await (const _ of listRawObjects(target.s3, target.rawBucket, values.prefix ?? '')) total += 1;
    const progress = new Progress({ total, label: values['dry-run'] ? 'reprocess (dry run)' : 'reprocess' });
    const result = await reprocess({
      s3: target.s3,
      ddb: target.ddb,
      sqs: target.sqs,
      queueUrl: target.queueUrl,
      rawBucket: target.rawBucket,
      tableName: target.tableName,
      ...(values.prefix ? { prefix: values.prefix } : {}),
      dryRun: values['dry-run'] ?? false,
      onObject: (key, outcome, detail) => progress.tick(outcome === 'sent' ? undefined : `${outcome.padEnd(8)} ${escapeText(key, 80)}: ${escapeText(detail ?? '', 100)}`),
    });
    progress.finish();
    const verb = values['dry-run'] ? 'would send' : 'sent';
    console.log(
      `${verb} ${result.sent} notification(s) for ${result.objects} object(s) in s3://${target.rawBucket}/${values.prefix ?? ''} to ${target.label}; ` +
        `${result.skipped.length} skipped, ${result.failed.length} failed. Records are rewritten where the cleaner version differs.`,
    );
    return result.failed.length > 0 ? 1 : 0;
  } catch (err) {
    return explainTargetError(err, target);
  } finally {
    target.close();
  }
}
