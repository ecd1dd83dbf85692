/**
 * `articles dlq list|redrive`. Local path end to end: an in-process local stack whose handler
 * fails (then recovers) dead-letters a real upload; `list` shows it (hostile key escaped) without
 * consuming it; `redrive` replays it through the stack's SQS endpoint and it becomes a record.
 * Deployed path against a mocked SQS: list never deletes, redrive sends before it deletes.
 */
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEAD_LETTER_FILE, eventsOf, formatLetter, run, SqsDeadLetters } from '../../cli/dlq.ts';
import { articleIdFor } from '../../functions/shared/record.ts';
import { LocalStack } from '../../local/stack.ts';
import { defaultHandlerFactory, type HandlerFactory } from '../../local/wiring.ts';
import { articleText } from './support/harness.ts';

const HOSTILE_KEY = `dead\n{"forged":true}\u001b[31m\u202etxt.exe\u009b.txt`;
/** What must never be printed raw: C0/C1 controls, DEL, bidi overrides and isolates. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Runs the CLI command, capturing what it prints. */
async function cli(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  try {
    return { code: await run(argv), out, err };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('dlq: local stack', () => {
  let dataDir: string;
  let stack: LocalStack;
  let failing = true;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'dlq-'));
    // The deployed handler, made to fail while `failing` is set (an outage of a dependency).
    const handler: HandlerFactory = async (wiring) => {
      const real = await defaultHandlerFactory(wiring);
      return async (event, context) => {
        // (The stack's start-up s3:TestEvent has no Records and goes through.)
        if (failing && event.Records.some((r) => r.body.includes('"Records"'))) throw new Error('injected outage');
        return real(event, context);
      };
    };
    stack = await LocalStack.start({
      dataDir,
      handler,
      reconcileOnStart: false,
      // Visibility must outlast one (cold) handler run, or a slow success is redelivered.
      queue: { maxReceiveCount: 2, visibilityTimeoutMs: 1_500, batchWindowMs: 5 },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a failing upload is dead-lettered after maxReceiveCount, listed (escaped) without being consumed, then redriven into a record', async () => {
    const { s3, ddb } = stack.clients;
    const bucket = stack.names.rawBucket;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: HOSTILE_KEY, Body: articleText('dead') }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'second.txt', Body: articleText('second') }));
    await stack.drain();
    expect(stack.queue.deadLetters()).toHaveLength(2);
    const file = path.join(dataDir, DEAD_LETTER_FILE);
    expect(existsSync(file)).toBe(true);

    // list: one line per letter, hostile key JSON-escaped, nothing consumed.
    const before = readFileSync(file, 'utf8');
    const listed = await cli(['list', '--data-dir', dataDir]);
    expect(listed.code).toBe(0);
    expect(listed.out).toHaveLength(2);
    expect(listed.out.some((l) => l.includes('dead\\n{\\"forged\\":true}'))).toBe(true);
    for (const line of listed.out) {
      expect(line).not.toMatch(UNSAFE);
      expect(line).toContain('"ObjectCreated:Put"');
      expect(line).toContain('injected outage');
    }
    expect(readFileSync(file, 'utf8')).toBe(before);

    const json = await cli(['list', '--data-dir', dataDir, '--json']);
    for (const line of json.out) expect(line).not.toMatch(UNSAFE);
    const letters = json.out.map((l) => JSON.parse(l) as { id: string; receiveCount: number; events: Array<{ key: string }> });
    expect(letters.every((l) => l.receiveCount === 2)).toBe(true);
    const hostile = letters.find((l) => l.events[0]!.key === HOSTILE_KEY)!;
    expect(hostile).toBeDefined();

    // dry run changes nothing.
    expect((await cli(['redrive', '--data-dir', dataDir, '--dry-run'])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(before);

    // The outage is over: redrive only the hostile one, by id.
    failing = false;
    const redriven = await cli(['redrive', '--data-dir', dataDir, '--sqs-endpoint', stack.sqsEndpoint.endpoint, '--id', hostile.id]);
    expect(redriven.code).toBe(0);
    await stack.drain();
    const record = await ddb.send(
      new GetCommand({ TableName: stack.names.tableName, Key: { articleId: articleIdFor(bucket, HOSTILE_KEY) }, ConsistentRead: true }),
    );
    expect(record.Item).toMatchObject({ status: 'ok', sourceKey: HOSTILE_KEY });
    const left = (await cli(['list', '--data-dir', dataDir, '--json'])).out.map((l) => JSON.parse(l) as { id: string });
    expect(left.map((l) => l.id)).not.toContain(hostile.id);
    expect(left, JSON.stringify(left)).toHaveLength(1);

    // Redrive the rest.
    expect((await cli(['redrive', '--data-dir', dataDir, '--sqs-endpoint', stack.sqsEndpoint.endpoint])).code).toBe(0);
    await stack.drain();
    expect((await cli(['list', '--data-dir', dataDir, '--json'])).out).toEqual([]);
    const second = await ddb.send(
      new GetCommand({ TableName: stack.names.tableName, Key: { articleId: articleIdFor(bucket, 'second.txt') }, ConsistentRead: true }),
    );
    expect(second.Item).toMatchObject({ status: 'ok' });
  });

  it('redrive without a running stack or endpoint is a clear error, not a silent no-op', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'dlq-none-'));
    try {
      await expect(run(['redrive', '--data-dir', empty])).rejects.toThrow(/no local stack is running/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('usage errors exit 2', async () => {
    await expect(run(['explode'])).rejects.toMatchObject({ exitCode: 2 });
    await expect(run(['list', '--stack', 's', '--data-dir', 'd'])).rejects.toMatchObject({ exitCode: 2 });
  });
});

describe('dlq: deployed (mocked SQS)', () => {
  // Created per test (mocking the class affects every SQSClient, the local tests' included).
  let sqsMock: AwsClientStub<SQSClient>;
  const DLQ = 'https://sqs.eu-west-1.amazonaws.com/123456789012/ingest-dlq';
  const QUEUE = 'https://sqs.eu-west-1.amazonaws.com/123456789012/ingest';
  const msg = (id: string) => ({
    MessageId: id,
    ReceiptHandle: `rh-${id}`,
    Body: JSON.stringify({ Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'raw' }, object: { key: `${id}.txt` } } }] }),
    Attributes: { ApproximateReceiveCount: '6', SentTimestamp: '1764309600000' },
  });

  beforeEach(() => {
    sqsMock = mockClient(SQSClient);
  });
  afterEach(() => sqsMock.restore());

  it('list receives with a visibility timeout, never deletes, and releases what it saw', async () => {
    sqsMock.on(ReceiveMessageCommand).resolvesOnce({ Messages: [msg('a'), msg('b')] }).resolves({ Messages: [] });
    sqsMock.on(ChangeMessageVisibilityBatchCommand).resolves({ Successful: [], Failed: [] });
    const views = await new SqsDeadLetters(new SQSClient({ region: 'eu-west-1' }), DLQ, QUEUE, 30).list(100);
    expect(views.map((v) => v.id)).toEqual(['a', 'b']);
    expect(sqsMock.commandCalls(DeleteMessageCommand)).toHaveLength(0);
    expect(sqsMock.commandCalls(ReceiveMessageCommand)[0]!.args[0].input).toMatchObject({ QueueUrl: DLQ, VisibilityTimeout: 30 });
    const released = sqsMock.commandCalls(ChangeMessageVisibilityBatchCommand)[0]!.args[0].input;
    expect(released.Entries?.map((e) => [e.ReceiptHandle, e.VisibilityTimeout])).toEqual([
      ['rh-a', 0],
      ['rh-b', 0],
    ]);
  });

  it('redrive of everything starts an SQS message-move task back to the source queue', async () => {
    sqsMock.on(GetQueueAttributesCommand).resolves({ Attributes: { QueueArn: 'arn:aws:sqs:eu-west-1:123456789012:ingest-dlq' } });
    sqsMock.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'task-1' });
    const result = await new SqsDeadLetters(new SQSClient({ region: 'eu-west-1' }), DLQ, QUEUE).redrive(undefined, false);
    expect(result.taskHandle).toBe('task-1');
    expect(sqsMock.commandCalls(StartMessageMoveTaskCommand)[0]!.args[0].input).toEqual({ SourceArn: 'arn:aws:sqs:eu-west-1:123456789012:ingest-dlq' });
  });

  it('redrive --id sends the chosen message to the ingest queue BEFORE deleting it, and releases the others', async () => {
    sqsMock.on(ReceiveMessageCommand).resolvesOnce({ Messages: [msg('a'), msg('b')] }).resolves({ Messages: [] });
    sqsMock.on(SendMessageCommand).resolves({ MessageId: 'new' });
    sqsMock.on(DeleteMessageCommand).resolves({});
    sqsMock.on(ChangeMessageVisibilityBatchCommand).resolves({ Successful: [], Failed: [] });
    const result = await new SqsDeadLetters(new SQSClient({ region: 'eu-west-1' }), DLQ, QUEUE).redrive(['b', 'missing'], false);
    expect(result.moved).toEqual(['b']);
    expect(result.failed).toEqual([{ id: 'missing', error: 'not found in the dead-letter queue' }]);
    const calls = sqsMock.calls().map((c) => c.args[0].constructor.name);
    expect(calls.indexOf('SendMessageCommand')).toBeLessThan(calls.indexOf('DeleteMessageCommand'));
    expect(sqsMock.commandCalls(SendMessageCommand)[0]!.args[0].input).toMatchObject({ QueueUrl: QUEUE, MessageBody: msg('b').Body });
    expect(sqsMock.commandCalls(DeleteMessageCommand)[0]!.args[0].input).toEqual({ QueueUrl: DLQ, ReceiptHandle: 'rh-b' });
    const released = sqsMock.commandCalls(ChangeMessageVisibilityBatchCommand).flatMap((c) => c.args[0].input.Entries ?? []);
    expect(released.map((e) => e.ReceiptHandle)).toEqual(['rh-a']);
  });

  it('a failed send leaves the message in the DLQ (no delete)', async () => {
    sqsMock.on(ReceiveMessageCommand).resolvesOnce({ Messages: [msg('a')] }).resolves({ Messages: [] });
    sqsMock.on(SendMessageCommand).rejects(new Error('AccessDenied'));
    sqsMock.on(ChangeMessageVisibilityBatchCommand).resolves({ Successful: [], Failed: [] });
    const result = await new SqsDeadLetters(new SQSClient({ region: 'eu-west-1' }), DLQ, QUEUE).redrive(['a'], false);
    expect(result.failed.map((f) => f.id)).toEqual(['a']);
    expect(sqsMock.commandCalls(DeleteMessageCommand)).toHaveLength(0);
  });

  it('formatting escapes untrusted fields onto one line', () => {
    const body = JSON.stringify({ Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'raw' }, object: { key: HOSTILE_KEY } } }] });
    const line = formatLetter({ id: 'x', body, receiveCount: 5, deadAt: null, lastError: 'boom\n\u001b[2J', events: eventsOf(body) });
    expect(line).not.toMatch(UNSAFE);
    expect(line).toContain('"raw/dead\\n{\\"forged\\":true}\\u001b[31m\\u202etxt.exe\\u009b.txt"');
    // Still JSON: the quoted key parses back to the exact key.
    expect(JSON.parse(/"raw\/(?:[^"\\]|\\.)*"/.exec(line)![0])).toBe(`raw/${HOSTILE_KEY}`);
  });

  it('the stack output keys used by the CLI are the ones the CDK stack exports', async () => {
    const { OUTPUT_KEYS } = await import('../../lib/article-ingest-stack.ts');
    const { STACK_OUTPUT_KEYS } = await import('../../cli/target.ts');
    expect({ queueUrl: STACK_OUTPUT_KEYS.queueUrl, dlqUrl: STACK_OUTPUT_KEYS.dlqUrl }).toEqual({ queueUrl: OUTPUT_KEYS.queueUrl, dlqUrl: OUTPUT_KEYS.dlqUrl });
  });
});
