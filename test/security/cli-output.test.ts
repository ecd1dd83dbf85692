/**
 * Terminal safety of the `articles` commands: keys and contents are chosen by uploaders, and the
 * commands print them. Nothing printed may carry a raw control character (C0, DEL, C1 - 0x9B is
 * an 8-bit CSI), a bidi override/isolate (which can disguise 'txt.exe' as 'exe.txt') or a line
 * separator. Runs list/get/dlq against an in-process local stack.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { articleIdFor } from '../../functions/shared/record.ts';
import { LocalStack } from '../../local/stack.ts';
import { articleText } from '../reliability/support/harness.ts';

const HOSTILE_KEY = `news/evil\n{"level":"ERROR"}\u001b[2J\u009b31m\u202etxt.exe\u2028.txt`;
const HOSTILE_BODY = `${articleText('hostile')}\n\nA paragraph that tries \u202eto reverse itself and a title-like line with \u2066isolates\u2069 in the middle of a sentence about the ferry.`;

const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

async function capture(run: (argv: string[]) => Promise<number>, argv: string[]): Promise<string> {
  const chunks: string[] = [];
  const push = (...a: unknown[]): void => void chunks.push(a.map(String).join(' '));
  const log = vi.spyOn(console, 'log').mockImplementation(push);
  const err = vi.spyOn(console, 'error').mockImplementation(push);
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(((c: unknown) => (chunks.push(String(c)), true)) as typeof process.stdout.write);
  try {
    await run(argv);
  } finally {
    log.mockRestore();
    err.mockRestore();
    out.mockRestore();
  }
  return chunks.join('\n');
}

describe('CLI output never prints untrusted text raw', () => {
  let stack: LocalStack;
  let flags: string[];

  beforeAll(async () => {
    stack = await LocalStack.start({ reconcileOnStart: false, queue: { batchWindowMs: 5, visibilityTimeoutMs: 5_000 } });
    await stack.clients.s3.send(new PutObjectCommand({ Bucket: stack.names.rawBucket, Key: HOSTILE_KEY, Body: HOSTILE_BODY }));
    await stack.drain();
    const e = stack.describe().endpoints;
    flags = ['--s3-endpoint', e.s3, '--dynamodb-endpoint', e.dynamodb, '--sqs-endpoint', e.sqs];
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('articles list --json', async () => {
    const { run } = await import('../../cli/list.ts');
    const text = await capture(run, [...flags, '--day', 'today', '--json']);
    expect(text).toContain('evil');
    expect(text).not.toMatch(UNSAFE);
  });

  it('articles list', async () => {
    const { run } = await import('../../cli/list.ts');
    const text = await capture(run, [...flags, '--day', 'today']);
    expect(text).toContain('evil');
    expect(text).not.toMatch(UNSAFE);
  });

  it('articles get (text): no control characters or bidi overrides', async () => {
    const { run } = await import('../../cli/get.ts');
    const text = await capture(run, [...flags, articleIdFor(stack.names.rawBucket, HOSTILE_KEY)]);
    expect(text).toContain('ferry');
    const unsafe = [...text].filter((ch) => UNSAFE.test(ch) && ch !== '\u2028' && ch !== '\u2029');
    expect(unsafe.map((ch) => ch.codePointAt(0)!.toString(16))).toEqual([]);
  });

  // U+2028/U+2029 used to be printed raw (fixed in f0c5257).
  it('articles get (text): no raw line separators', async () => {
    const { run } = await import('../../cli/get.ts');
    const text = await capture(run, [...flags, articleIdFor(stack.names.rawBucket, HOSTILE_KEY)]);
    expect(text).not.toMatch(/[\u2028\u2029]/);
  });

  // --json used to carry raw C1/bidi/U+2028 (JSON.stringify leaves them); fixed in f0c5257.
  it('articles get --json', async () => {
    const { run } = await import('../../cli/get.ts');
    const text = await capture(run, [...flags, '--json', articleIdFor(stack.names.rawBucket, HOSTILE_KEY)]);
    expect(JSON.parse(text).sourceKey).toBe(HOSTILE_KEY);
    expect(text).not.toMatch(UNSAFE);
  });
});
