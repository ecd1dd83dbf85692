/**
 * An in-process queue with the deployed SQS queue's semantics, feeding a Lambda-style
 * consumer: batches (size and window), visibility timeout, redelivery of messages a batch
 * reports in `batchItemFailures` (or of the whole batch when the consumer throws), and a
 * dead-letter list after `maxReceiveCount` receives. Messages are kept in memory; the
 * dead-letter list can be persisted (one JSON line per message).
 */
import { createHash, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { QueueStoppedError } from './errors.ts';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from './notifications.ts';

export interface LocalQueueProps {
  /** @default 'articles-ingest' */
  readonly name?: string;
  /** Messages per consumer call (Lambda's BatchSize). @default 10 */
  readonly batchSize?: number;
  /** How long to gather a partial batch (MaximumBatchingWindow). @default 50 */
  readonly batchWindowMs?: number;
  /** A received message stays hidden this long before it is redelivered. @default 30_000 */
  readonly visibilityTimeoutMs?: number;
  /** Receives before a failing message moves to the dead-letter list. @default 5 */
  readonly maxReceiveCount?: number;
  /** Batches processed at once (Lambda concurrency). @default 2 */
  readonly concurrency?: number;
  /** JSON-lines file holding the dead-letter list across restarts. @default - in memory only */
  readonly deadLetterFile?: string;
  /** Clock, for tests. @default Date.now */
  readonly now?: () => number;
}

/** The consumer: a Lambda handler for SQS events, as the deployed function is. */
export type QueueConsumer = (event: SQSEvent) => Promise<SQSBatchResponse | void>;

export interface QueueMessage {
  readonly messageId: string;
  readonly body: string;
  readonly sentAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  visibleAt: number;
}

export interface DeadLetter {
  readonly messageId: string;
  readonly body: string;
  readonly sentAt: number;
  readonly receiveCount: number;
  readonly deadAt: number;
  readonly lastError?: string;
}

/** Outcome of one delivered message, emitted as 'settled'. */
export interface MessageSettled {
  readonly message: QueueMessage;
  readonly outcome: 'deleted' | 'retry' | 'dead';
  readonly error?: string;
  readonly ms: number;
}

const DEFAULTS = {
  name: 'articles-ingest',
  batchSize: 10,
  batchWindowMs: 50,
  visibilityTimeoutMs: 30_000,
  maxReceiveCount: 5,
  concurrency: 2,
} as const;

export class LocalQueue extends EventEmitter {
  public readonly name: string;
  public readonly arn: string;
  private readonly props: Required<Omit<LocalQueueProps, 'deadLetterFile' | 'now'>>;
  private readonly now: () => number;
  private readonly deadLetterFile: string | undefined;
  private readonly waiting: QueueMessage[] = [];
  private readonly inFlight = new Map<string, QueueMessage>();
  private readonly dead: DeadLetter[] = [];
  private consumer: QueueConsumer | undefined;
  private running = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private idleWaiters: Array<() => void> = [];

  public constructor(props: LocalQueueProps = {}) {
    super();
    const { deadLetterFile, now, ...rest } = props;
    this.props = { ...DEFAULTS, ...rest };
    this.name = this.props.name;
    this.arn = `arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:${this.name}`;
    this.now = now ?? Date.now;
    this.deadLetterFile = deadLetterFile;
    if (deadLetterFile && existsSync(deadLetterFile)) {
      for (const line of readFileSync(deadLetterFile, 'utf8').split('\n')) {
        if (line.trim()) this.dead.push(JSON.parse(line) as DeadLetter);
      }
    }
  }

  /** Enqueue a message body; returns its id. */
  public send(body: string, delayMs = 0): string {
    if (this.stopped) throw new QueueStoppedError(this.name);
    const now = this.now();
    const message: QueueMessage = { messageId: randomUUID(), body, sentAt: now, receiveCount: 0, visibleAt: now + delayMs };
    this.waiting.push(message);
    this.schedule(delayMs > 0 ? delayMs : 0);
    return message.messageId;
  }

  /** Start delivering to `consumer` (one consumer, like one event source mapping). */
  public start(consumer: QueueConsumer): void {
    this.consumer = consumer;
    this.schedule(0);
  }

  /** Batches processed at once. */
  public get concurrency(): number {
    return this.props.concurrency;
  }

  /** Messages waiting or in flight (ApproximateNumberOfMessages + NotVisible). */
  public get depth(): { visible: number; notVisible: number; inFlight: number; dead: number } {
    const now = this.now();
    const visible = this.waiting.filter((m) => m.visibleAt <= now).length;
    return { visible, notVisible: this.waiting.length - visible, inFlight: this.inFlight.size, dead: this.dead.length };
  }

  public deadLetters(): readonly DeadLetter[] {
    return this.dead;
  }

  /** Resolves once nothing is waiting or in flight (redeliveries included). */
  public drain(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stop delivering; in-flight batches finish first. Waiting messages are dropped (the reconciler re-finds them). */
  public async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.running > 0) await new Promise((r) => setTimeout(r, 10));
  }

  private isIdle(): boolean {
    return this.waiting.length === 0 && this.inFlight.size === 0 && this.running === 0;
  }

  private notifyIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private schedule(delayMs: number): void {
    if (this.stopped || !this.consumer) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, Math.max(0, delayMs));
  }

  private pump(): void {
    if (this.stopped || !this.consumer) return;
    while (this.running < this.props.concurrency) {
      const now = this.now();
      const visible = this.waiting.filter((m) => m.visibleAt <= now);
      if (visible.length === 0) break;
      const oldest = Math.min(...visible.map((m) => m.visibleAt));
      // Gather a fuller batch for up to batchWindowMs after the oldest message became visible.
      if (visible.length < this.props.batchSize && now - oldest < this.props.batchWindowMs) {
        this.schedule(this.props.batchWindowMs - (now - oldest));
        return;
      }
      const batch = visible.slice(0, this.props.batchSize);
      for (const m of batch) this.waiting.splice(this.waiting.indexOf(m), 1);
      this.deliver(batch).catch((err: unknown) => process.emitWarning(`local queue ${this.name}: delivery failed: ${(err as Error)?.message ?? String(err)}`));
    }
    const next = this.waiting.reduce((min, m) => Math.min(min, m.visibleAt), Infinity);
    if (Number.isFinite(next) && this.running < this.props.concurrency) this.schedule(next - this.now());
  }

  private toRecord(m: QueueMessage): SQSRecord {
    return {
      messageId: m.messageId,
      receiptHandle: `${m.messageId}#${m.receiveCount}`,
      body: m.body,
      attributes: {
        ApproximateReceiveCount: String(m.receiveCount),
        SentTimestamp: String(m.sentAt),
        SenderId: 'LOCAL',
        ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt ?? m.sentAt),
      },
      messageAttributes: {},
      md5OfBody: createHash('md5').update(m.body).digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: this.arn,
      awsRegion: LOCAL_REGION,
    };
  }

  private async deliver(batch: QueueMessage[]): Promise<void> {
    this.running += 1;
    const started = this.now();
    /** The receive count of this delivery per message: its "receipt handle". */
    const receipts = new Map<string, number>();
    for (const m of batch) {
      m.receiveCount += 1;
      m.firstReceivedAt ??= started;
      receipts.set(m.messageId, m.receiveCount);
      this.inFlight.set(m.messageId, m);
    }
    // Like SQS: a message still in flight when its visibility timeout ends is visible again.
    const expiry = setTimeout(() => this.expire(batch, receipts), this.props.visibilityTimeoutMs);
    expiry.unref();
    let failed = new Set<string>();
    let error: string | undefined;
    try {
      const response = await this.consumer!({ Records: batch.map((m) => this.toRecord(m)) });
      failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      if (failed.size > 0) error = 'reported in batchItemFailures';
    } catch (err) {
      failed = new Set(batch.map((m) => m.messageId));
      error = (err as Error)?.message ?? String(err);
    }
    clearTimeout(expiry);
    try {
      this.settle(batch, receipts, failed, error, started);
    } finally {
      // Whatever a 'settled' listener does, the queue keeps going.
      this.running -= 1;
      this.notifyIdle();
      this.schedule(0);
    }
  }

  private settle(batch: readonly QueueMessage[], receipts: ReadonlyMap<string, number>, failed: ReadonlySet<string>, error: string | undefined, started: number): void {
    const ms = this.now() - started;
    for (const m of batch) {
      // Expired while in flight (and maybe received again): this delivery's delete or retry no
      // longer applies, as with a stale receipt handle.
      if (!this.holds(m, receipts)) continue;
      this.inFlight.delete(m.messageId);
      if (!failed.has(m.messageId)) {
        this.announce({ message: m, outcome: 'deleted', ms } satisfies MessageSettled);
      } else if (m.receiveCount >= this.props.maxReceiveCount) {
        this.bury(m, error);
        this.announce({ message: m, outcome: 'dead', ms, ...(error ? { error } : {}) } satisfies MessageSettled);
      } else {
        m.visibleAt = started + this.props.visibilityTimeoutMs;
        this.waiting.push(m);
        this.announce({ message: m, outcome: 'retry', ms, ...(error ? { error } : {}) } satisfies MessageSettled);
      }
    }
  }

  /** Emit 'settled'; a throwing listener is reported, never allowed to strand the batch. */
  private announce(settled: MessageSettled): void {
    try {
      this.emit('settled', settled);
    } catch (err) {
      process.emitWarning(`local queue ${this.name}: a 'settled' listener threw: ${(err as Error)?.message ?? String(err)}`);
    }
  }

  private holds(m: QueueMessage, receipts: ReadonlyMap<string, number>): boolean {
    return this.inFlight.get(m.messageId) === m && m.receiveCount === receipts.get(m.messageId);
  }

  private expire(batch: readonly QueueMessage[], receipts: ReadonlyMap<string, number>): void {
    const error = `visibility timeout (${this.props.visibilityTimeoutMs} ms) expired while in flight`;
    for (const m of batch) {
      if (!this.holds(m, receipts)) continue;
      this.inFlight.delete(m.messageId);
      if (m.receiveCount >= this.props.maxReceiveCount) {
        this.bury(m, error);
        this.announce({ message: m, outcome: 'dead', ms: this.now() - (m.firstReceivedAt ?? m.sentAt), error } satisfies MessageSettled);
      } else {
        m.visibleAt = this.now();
        this.waiting.push(m);
        this.announce({ message: m, outcome: 'retry', ms: this.now() - (m.firstReceivedAt ?? m.sentAt), error } satisfies MessageSettled);
      }
    }
    this.notifyIdle();
    this.schedule(0);
  }

  private bury(m: QueueMessage, lastError: string | undefined): void {
    const letter: DeadLetter = {
      messageId: m.messageId,
      body: m.body,
      sentAt: m.sentAt,
      receiveCount: m.receiveCount,
      deadAt: this.now(),
      ...(lastError ? { lastError } : {}),
    };
    this.dead.push(letter);
    if (this.deadLetterFile) appendFileSync(this.deadLetterFile, `${JSON.stringify(letter)}\n`);
  }
}
