/**
 * Untrusted text never reaches the logs unescaped. Object keys and message bodies are chosen by
 * whoever can upload (or send to the queue); they carry newlines, forged JSON log lines and ANSI
 * escapes. We run the real handler with the real Powertools Logger (and Metrics), capture what it
 * writes to stdout/stderr, and check: every line is exactly one JSON object, no raw ESC or other
 * control character appears, the forged line never stands on its own, and the logged key
 * round-trips to the exact key.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandler } from '../../functions/ingest/index.ts';
import { fakeLambdaContext } from '../../local/lambda-context.ts';
import { Sequencer, type S3Change } from '../../local/notifications.ts';
import { createFakeBucket, type FakeBucket } from '../reliability/support/fake-s3.ts';
import { createFakeTable, type FakeTable } from '../reliability/support/fake-table.ts';
import { articleText, BODIES, BUCKET, sqsRecordFor, sqsRecordWithBody } from '../reliability/support/harness.ts';

const FORGED = '{"level":"ERROR","message":"forged by the uploader","service":"article-ingest"}';
const ESC = '\u001b';

/** Keys an attacker could choose (all legal S3 keys). */
const EVIL_KEYS = [
  `evil\n${FORGED}\n.txt`,
  `colour${ESC}[31mRED${ESC}[0m${ESC}]0;pwned\u0007.txt`,
  `crlf\r\n${FORGED}.txt`,
  `unicode-separators\u2028\u2029${FORGED}.txt`,
  `bidi\u202etxt.exe`,
  `quote"and\\backslash.txt`,
];

/** Characters that must never appear raw in a log line. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

interface Captured {
  readonly chunks: string[];
}

function capture(): Captured {
  const out: Captured = { chunks: [] };
  const grab = (chunk: unknown): boolean => {
    out.chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(grab as typeof process.stdout.write);
  vi.spyOn(process.stderr, 'write').mockImplementation(grab as typeof process.stderr.write);
  return out;
}

function logLines(c: Captured): string[] {
  return c.chunks.join('').split('\n').filter((l) => l.length > 0);
}

describe('log injection', () => {
  let table: FakeTable;
  let bucket: FakeBucket;
  let seq: Sequencer;

  beforeEach(() => {
    delete process.env.POWERTOOLS_DEV; // dev mode pretty-prints over several lines
    table = createFakeTable('articles');
    bucket = createFakeBucket();
    seq = new Sequencer();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    table.restore();
    bucket.restore();
  });

  function handler() {
    // Deployed defaults: Logger and Metrics exactly as resolveDeps builds them (INFO level).
    return createHandler({
      s3: bucket.s3,
      ddb: table.ddb,
      config: { tableName: 'articles', bodiesBucket: BODIES },
      logger: new Logger({ serviceName: 'article-ingest' }),
      metrics: new Metrics({ serviceName: 'article-ingest', namespace: 'ArticleIngest' }),
    });
  }

  it('hostile keys and contents: every output line is one JSON object, no raw control characters', async () => {
    const messages = [];
    for (const key of EVIL_KEYS) {
      bucket.put(BUCKET, key, `${articleText(key)}\n${FORGED}\n${ESC}[2J${ESC}[31mcleared screen`);
      messages.push(sqsRecordFor({ kind: 'Put', bucket: BUCKET, key, sequencer: seq.next() } satisfies S3Change));
    }
    // And failures, whose error messages and contexts are logged: an unreadable object and a poison body.
    bucket.beforeGet = (input) => {
      if (input.Key === EVIL_KEYS[0]) throw Object.assign(new Error(`denied\n${FORGED}${ESC}[31m`), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    };
    messages.push(sqsRecordWithBody(`not json\n${FORGED}${ESC}[31m`));
    messages.push(
      sqsRecordWithBody(JSON.stringify({ Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: BUCKET }, object: { key: 'x', sequencer: `\n${FORGED}${ESC}` } } }] })),
    );

    // Warm-up outside the capture: the SDK prints a one-off multi-line Node version warning
    // (process.emitWarning, not our logging) on first use.
    const h = handler();
    bucket.put(BUCKET, 'warm-up.txt', articleText('warm-up'));
    await h({ Records: [sqsRecordFor({ kind: 'Put', bucket: BUCKET, key: 'warm-up.txt', sequencer: seq.next() })] }, fakeLambdaContext());

    const out = capture();
    const response = await h({ Records: messages }, fakeLambdaContext());
    vi.restoreAllMocks();

    expect(response.batchItemFailures.length).toBe(3); // the unreadable object and the two poison bodies
    const lines = logLines(out);
    expect(lines.length).toBeGreaterThan(EVIL_KEYS.length);
    for (const line of lines) {
      expect(line, 'raw control character in a log line').not.toMatch(RAW_CONTROL);
      expect(line).not.toBe(FORGED);
      const parsed: unknown = JSON.parse(line); // throws if a line is not JSON
      expect(typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)).toBe(true);
    }
    // Keys are logged as data: each one round-trips exactly through the JSON.
    const loggedKeys = lines.map((l) => (JSON.parse(l) as { key?: unknown }).key).filter((k) => typeof k === 'string');
    for (const key of EVIL_KEYS.slice(1)) expect(loggedKeys).toContain(key);
    // And none of the untrusted text reached a log line's message (only structured fields).
    for (const line of lines) {
      const message = (JSON.parse(line) as { message?: unknown }).message;
      if (typeof message === 'string') expect(message).not.toContain('forged by the uploader');
    }
  });

  it('the check can fail: a raw console.log of a hostile key is caught', () => {
    const out = capture();
    console.log(`processing ${EVIL_KEYS[0]}`); // what a careless handler would do
    process.stdout.write(`processing ${EVIL_KEYS[1]}\n`);
    vi.restoreAllMocks();
    const lines = logLines(out);
    const bad = lines.filter((l) => {
      try {
        JSON.parse(l);
        return RAW_CONTROL.test(l) || l === FORGED;
      } catch {
        return true;
      }
    });
    expect(bad.length).toBeGreaterThan(0);
  });
});
