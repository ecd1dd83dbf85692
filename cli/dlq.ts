/**
 * `articles dlq list|redrive`: inspect and replay dead letters (notifications the ingest
 * function failed on maxReceiveCount times).
 *
 *   articles dlq list    [--data-dir DIR] [--json] [--max N]            local stack (npm start)
 *   articles dlq redrive [--data-dir DIR] [--sqs-endpoint URL] [--id ID]... [--dry-run]
 *   articles dlq list    --stack NAME [--region R] [--json] [--max N] [--visibility S]
 *   articles dlq redrive --stack NAME [--region R] [--id ID]... [--dry-run]
 *
 * Local: the dead letters are the local queue's JSON-lines file (<data-dir>/dead-letters.jsonl,
 * readable with or without a running stack); redrive sends them to the running stack's SQS
 * endpoint (from <data-dir>/endpoints.json, or --sqs-endpoint) and removes them from the file.
 * Deployed: the DLQ URL comes from the stack's outputs. `list` receives with a visibility timeout
 * and never deletes (then makes the messages visible again); `redrive` of everything is an SQS
 * message-move task back to the ingest queue; `redrive --id` receives, re-sends the chosen
 * messages to the ingest queue and only then deletes them from the DLQ.
 *
 * Untrusted text (object keys, error messages, bodies) is printed JSON-escaped only, so a key
 * holding newlines or terminal escapes cannot forge output lines or drive the terminal.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  type Message,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { DEFAULT_DATA_DIR, isAlive, readEndpointsFile } from '../local/endpoints-file.ts';
import { LOCAL_REGION } from '../local/notifications.ts';
import { S3RVER_CREDENTIALS } from '../local/s3-server.ts';
import { LOCAL_NAMES } from '../local/stack.ts';
import { CliError } from './errors.ts';
import { STACK_OUTPUT_KEYS, stackOutputs } from './target.ts';

/** Where the local queue (local/stack.ts) persists its dead letters, inside the data folder. */
export const DEAD_LETTER_FILE = 'dead-letters.jsonl';

/** SQS limits. */
const SQS_BATCH = 10;
/** @default visibility timeout (seconds) while listing a deployed DLQ. */
const DEFAULT_LIST_VISIBILITY_S = 30;
/** @default cap on letters listed. */
const DEFAULT_MAX = 100;

/** One dead letter as shown to a user. */
export interface DeadLetterView {
  readonly id: string;
  readonly body: string;
  readonly receiveCount: number | null;
  readonly deadAt: string | null;
  readonly lastError: string | null;
  /** The S3 events inside the body, when it is an S3 notification. */
  readonly events: ReadonlyArray<{ readonly eventName: string; readonly bucket: string; readonly key: string }>;
}

export interface RedriveResult {
  readonly moved: readonly string[];
  readonly failed: ReadonlyArray<{ readonly id: string; readonly error: string }>;
  /** Deployed redrive of everything: the SQS move task handle. */
  readonly taskHandle?: string;
}

export interface DeadLetterSource {
  list(max: number): Promise<DeadLetterView[]>;
  /** Replays `ids` (all when undefined) to the ingest queue; removes them from the dead letters only once sent. */
  redrive(ids: readonly string[] | undefined, dryRun: boolean): Promise<RedriveResult>;
}

/** S3 writes keys URL-encoded with '+' for space; show the real key (printed JSON-escaped anyway). */
function decodeKey(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/** The S3 events of a notification body (keys decoded); [] when the body is something else. */
export function eventsOf(body: string): DeadLetterView['events'] {
  try {
    const json = JSON.parse(body) as { Records?: unknown };
    if (!Array.isArray(json.Records)) return [];
    return json.Records.map((r: { eventName?: unknown; s3?: { bucket?: { name?: unknown }; object?: { key?: unknown } } }) => ({
      eventName: String(r?.eventName ?? '?'),
      bucket: String(r?.s3?.bucket?.name ?? '?'),
      key: decodeKey(String(r?.s3?.object?.key ?? '?')),
    }));
  } catch {
    return [];
  }
}

/** Characters JSON.stringify leaves raw that can still drive or disguise a terminal: DEL, C1, bidi, zero-width. */
const TERMINAL_UNSAFE = /[\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** JSON.stringify, with the characters above also written as \uXXXX: still valid JSON, safe to print. */
export function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(TERMINAL_UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const quote = (text: string): string => safeJson(text);

/** One line per letter; every untrusted field quoted and escaped (no raw newline, ESC, bidi override). */
export function formatLetter(v: DeadLetterView): string {
  const events = v.events.length
    ? v.events.map((e) => `${quote(e.eventName)} ${quote(`${e.bucket}/${e.key}`)}`).join(', ')
    : `body=${quote(v.body.length > 200 ? `${v.body.slice(0, 200)}…` : v.body)}`;
  const parts = [
    quote(v.id),
    `receives=${v.receiveCount ?? '?'}`,
    `dead=${v.deadAt ?? '?'}`,
    events,
    ...(v.lastError === null ? [] : [`error=${quote(v.lastError)}`]),
  ];
  return parts.join('  ');
}

/** The local queue's persisted dead letters (see local/queue.ts DeadLetter). */
interface LocalDeadLetter {
  readonly messageId: string;
  readonly body: string;
  readonly sentAt?: number;
  readonly receiveCount?: number;
  readonly deadAt?: number;
  readonly lastError?: string;
}

function readLetters(file: string): LocalDeadLetter[] {
  if (!existsSync(file)) return [];
  const letters: LocalDeadLetter[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      try {
        const l = JSON.parse(line) as LocalDeadLetter;
        if (typeof l.messageId === 'string' && typeof l.body === 'string') letters.push(l);
        else throw new Error('not a dead letter');
      } catch (cause) {
        throw new CliError(`${file}:${i + 1}: not a dead-letter record`, 1, { cause });
      }
    });
  return letters;
}

/** Replace the file atomically (write + rename), so a crash never leaves half a file. */
function writeLetters(file: string, letters: readonly LocalDeadLetter[]): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, letters.map((l) => `${JSON.stringify(l)}\n`).join(''));
  renameSync(tmp, file);
}

const isoOrNull = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());

function selected<T>(all: readonly T[], idOf: (t: T) => string, ids: readonly string[] | undefined): T[] {
  if (ids === undefined) return [...all];
  const want = new Set(ids);
  return all.filter((t) => want.has(idOf(t)));
}

/** Local stack: dead letters in a JSON-lines file, replayed through the local SQS endpoint. */
export class LocalDeadLetters implements DeadLetterSource {
  public constructor(
    private readonly file: string,
    private readonly sqs: SQSClient,
    private readonly queueName: string = LOCAL_NAMES.queueName,
  ) {}

  public async list(max: number): Promise<DeadLetterView[]> {
    return readLetters(this.file)
      .slice(0, max)
      .map((l) => ({
        id: l.messageId,
        body: l.body,
        receiveCount: l.receiveCount ?? null,
        deadAt: isoOrNull(l.deadAt),
        lastError: l.lastError ?? null,
        events: eventsOf(l.body),
      }));
  }

  public async redrive(ids: readonly string[] | undefined, dryRun: boolean): Promise<RedriveResult> {
    const letters = selected(readLetters(this.file), (l) => l.messageId, ids);
    if (dryRun || letters.length === 0) return { moved: letters.map((l) => l.messageId), failed: [] };
    const { QueueUrl } = await this.sqs.send(new GetQueueUrlCommand({ QueueName: this.queueName }));
    const moved: string[] = [];
    const failed: Array<{ id: string; error: string }> = [];
    for (let i = 0; i < letters.length; i += SQS_BATCH) {
      const chunk = letters.slice(i, i + SQS_BATCH);
      try {
        const out = await this.sqs.send(
          new SendMessageBatchCommand({
            QueueUrl,
            Entries: chunk.map((l, j) => ({ Id: String(j), MessageBody: l.body })),
          }),
        );
        for (const s of out.Successful ?? []) moved.push(chunk[Number(s.Id)]!.messageId);
        for (const f of out.Failed ?? []) failed.push({ id: chunk[Number(f.Id)]!.messageId, error: `${f.Code ?? ''} ${f.Message ?? ''}`.trim() });
      } catch (err) {
        for (const l of chunk) failed.push({ id: l.messageId, error: (err as Error).message });
      }
    }
    // Re-read just before rewriting, to keep letters appended by the running stack meanwhile.
    const done = new Set(moved);
    writeLetters(this.file, readLetters(this.file).filter((l) => !done.has(l.messageId)));
    return { moved, failed };
  }
}

/** Deployed stack: the SQS dead-letter queue. */
export class SqsDeadLetters implements DeadLetterSource {
  public constructor(
    private readonly sqs: SQSClient,
    private readonly dlqUrl: string,
    private readonly queueUrl: string,
    private readonly visibilityS: number = DEFAULT_LIST_VISIBILITY_S,
  ) {}

  /** Receives up to `max` distinct messages, hidden for the visibility timeout; never deletes. */
  private async receive(max: number): Promise<Message[]> {
    const seen = new Map<string, Message>();
    while (seen.size < max) {
      const out = await this.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: this.dlqUrl,
          MaxNumberOfMessages: Math.min(SQS_BATCH, max - seen.size),
          VisibilityTimeout: this.visibilityS,
          WaitTimeSeconds: 1,
          MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
        }),
      );
      const fresh = (out.Messages ?? []).filter((m) => m.MessageId !== undefined && !seen.has(m.MessageId));
      if (fresh.length === 0) break;
      for (const m of fresh) seen.set(m.MessageId!, m);
    }
    return [...seen.values()];
  }

  /** Make received-but-not-handled messages visible again at once. */
  private async release(messages: readonly Message[]): Promise<void> {
    for (let i = 0; i < messages.length; i += SQS_BATCH) {
      const chunk = messages.slice(i, i + SQS_BATCH).filter((m) => m.ReceiptHandle !== undefined);
      if (chunk.length === 0) continue;
      await this.sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: this.dlqUrl,
          Entries: chunk.map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: 0 })),
        }),
      );
    }
  }

  public async list(max: number): Promise<DeadLetterView[]> {
    const messages = await this.receive(max);
    await this.release(messages);
    return messages.map((m) => ({
      id: m.MessageId ?? '?',
      body: m.Body ?? '',
      receiveCount: m.Attributes?.ApproximateReceiveCount === undefined ? null : Number(m.Attributes.ApproximateReceiveCount),
      deadAt: m.Attributes?.SentTimestamp === undefined ? null : isoOrNull(Number(m.Attributes.SentTimestamp)),
      lastError: null,
      events: eventsOf(m.Body ?? ''),
    }));
  }

  public async redrive(ids: readonly string[] | undefined, dryRun: boolean): Promise<RedriveResult> {
    if (ids === undefined) {
      if (dryRun) return { moved: (await this.list(DEFAULT_MAX)).map((v) => v.id), failed: [] };
      const { Attributes } = await this.sqs.send(new GetQueueAttributesCommand({ QueueUrl: this.dlqUrl, AttributeNames: ['QueueArn'] }));
      const sourceArn = Attributes?.QueueArn;
      if (!sourceArn) throw new CliError(`cannot read the ARN of ${this.dlqUrl}`);
      // No DestinationArn: SQS moves each message back to the queue it was dead-lettered from.
      const task = await this.sqs.send(new StartMessageMoveTaskCommand({ SourceArn: sourceArn }));
      return { moved: [], failed: [], ...(task.TaskHandle ? { taskHandle: task.TaskHandle } : {}) };
    }
    const messages = await this.receive(Number.MAX_SAFE_INTEGER);
    const chosen = selected(messages, (m) => m.MessageId ?? '', ids);
    const others = messages.filter((m) => !chosen.includes(m));
    const moved: string[] = [];
    const failed: Array<{ id: string; error: string }> = [];
    try {
      for (const m of chosen) {
        if (dryRun) {
          moved.push(m.MessageId!);
          continue;
        }
        try {
          // Send first, delete second: a crash in between duplicates a message (harmless, the
          // store is idempotent by sequencer) rather than losing it.
          await this.sqs.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: m.Body ?? '' }));
          await this.sqs.send(new DeleteMessageCommand({ QueueUrl: this.dlqUrl, ReceiptHandle: m.ReceiptHandle! }));
          moved.push(m.MessageId!);
        } catch (err) {
          failed.push({ id: m.MessageId!, error: (err as Error).message });
        }
      }
    } finally {
      await this.release(dryRun ? messages : [...others, ...chosen.filter((m) => !moved.includes(m.MessageId!))]);
    }
    const missing = ids.filter((id) => !messages.some((m) => m.MessageId === id));
    for (const id of missing) failed.push({ id, error: 'not found in the dead-letter queue' });
    return { moved, failed };
  }
}


const USAGE = [
  'usage: articles dlq list    [--data-dir DIR | --stack NAME [--region R] [--visibility S]] [--json] [--max N]',
  '       articles dlq redrive [--data-dir DIR [--sqs-endpoint URL] | --stack NAME [--region R]] [--id ID]... [--dry-run]',
].join('\n');

export async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        'sqs-endpoint': { type: 'string' },
        stack: { type: 'string' },
        region: { type: 'string' },
        json: { type: 'boolean', default: false },
        max: { type: 'string' },
        visibility: { type: 'string' },
        id: { type: 'string', multiple: true },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (cause) {
    throw new CliError(`${(cause as Error).message}\n${USAGE}`, 2, { cause });
  }
  const { values, positionals } = parsed;
  const [sub, ...extra] = positionals;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if ((sub !== 'list' && sub !== 'redrive') || extra.length > 0) throw new CliError(USAGE, 2);
  if (values.stack !== undefined && (values['data-dir'] !== undefined || values['sqs-endpoint'] !== undefined)) {
    throw new CliError('--stack cannot be combined with --data-dir or --sqs-endpoint', 2);
  }
  const max = values.max === undefined ? DEFAULT_MAX : Number(values.max);
  if (!Number.isInteger(max) || max <= 0) throw new CliError(`--max must be a positive integer, got ${JSON.stringify(values.max)}`, 2);
  const visibility = values.visibility === undefined ? DEFAULT_LIST_VISIBILITY_S : Number(values.visibility);
  if (!Number.isInteger(visibility) || visibility < 0 || visibility > 43_200) throw new CliError('--visibility must be 0..43200 seconds', 2);

  let source: DeadLetterSource;
  let sqs: SQSClient;
  if (values.stack !== undefined) {
    const outputs = await stackOutputs(values.stack, values.region);
    const dlqUrl = outputs[STACK_OUTPUT_KEYS.dlqUrl];
    const queueUrl = outputs[STACK_OUTPUT_KEYS.queueUrl];
    if (!dlqUrl || !queueUrl) throw new CliError(`stack ${JSON.stringify(values.stack)} has no ${STACK_OUTPUT_KEYS.dlqUrl}/${STACK_OUTPUT_KEYS.queueUrl} outputs`);
    sqs = new SQSClient(values.region ? { region: values.region } : {});
    source = new SqsDeadLetters(sqs, dlqUrl, queueUrl, visibility);
  } else {
    const dataDir = path.resolve(values['data-dir'] ?? DEFAULT_DATA_DIR);
    const running = readEndpointsFile(dataDir);
    const alive = running !== undefined && isAlive(running.pid);
    const endpoint = values['sqs-endpoint'] ?? (alive ? running.endpoints.sqs : undefined);
    if (sub === 'redrive' && endpoint === undefined && !values['dry-run']) {
      throw new CliError(`no local stack is running for ${dataDir} (start one with \`npm start\`, or pass --sqs-endpoint URL)`);
    }
    sqs = new SQSClient({
      endpoint: endpoint ?? 'http://127.0.0.1:1', // list and --dry-run never call it
      region: LOCAL_REGION,
      credentials: { ...S3RVER_CREDENTIALS },
      maxAttempts: 2,
    });
    source = new LocalDeadLetters(path.join(dataDir, DEAD_LETTER_FILE), sqs, (alive ? running.queueName : undefined) ?? LOCAL_NAMES.queueName);
  }

  try {
    if (sub === 'list') {
      const letters = await source.list(max);
      for (const l of letters) console.log(values.json ? safeJson(l) : formatLetter(l));
      if (!values.json) console.error(`${letters.length} dead letter(s)`);
      return 0;
    }
    const result = await source.redrive(values.id, values['dry-run']);
    if (values.json) console.log(safeJson(result));
    else {
      const verb = values['dry-run'] ? 'would redrive' : 'redriven';
      if (result.taskHandle) console.log(`message move task started: ${result.taskHandle}`);
      else console.log(`${verb}: ${result.moved.length}`);
      for (const f of result.failed) console.log(`failed ${quote(f.id)}: ${quote(f.error)}`);
    }
    return result.failed.length > 0 ? 1 : 0;
  } finally {
    sqs.destroy();
  }
}
