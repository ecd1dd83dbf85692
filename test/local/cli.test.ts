/** The `articles` commands against an in-process local stack (explicit loopback endpoints). */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CliError } from '../../cli/errors.ts';
import { STACK_OUTPUT_KEYS } from '../../cli/target.ts';
import { escapeText, renderTable, safeJson } from '../../cli/terminal.ts';
import type { LocalStack } from '../../local/stack.ts';
import { article, cliFlags, startTestStack } from './helpers.ts';

let stack: LocalStack;
let dir: string;
let flags: string[];

beforeAll(async () => {
  stack = await startTestStack();
  flags = cliFlags(stack);
  dir = mkdtempSync(path.join(tmpdir(), 'cli-test-'));
  mkdirSync(path.join(dir, 'in', 'sub dir'), { recursive: true });
  writeFileSync(path.join(dir, 'in', 'ferry.txt'), article('Harbour ferry service resumes after repair'));
  writeFileSync(path.join(dir, 'in', 'sub dir', 'library \u001b[31mred.txt'), article('Library opens at night during exams'));
});

afterAll(async () => {
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Run a command, capturing what it prints. */
async function cli(name: string, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err.push(String(chunk));
    return true;
  });
  try {
    const mod = (await import(`../../cli/${name}.ts`)) as { run: (argv: string[]) => Promise<number> };
    const code = await mod.run(argv);
    return { code, out: out.join('\n'), err: err.join('') };
  } finally {
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
  }
}

describe('terminal output', () => {
  it('escapes control characters, ANSI and bidi overrides in untrusted text', () => {
    expect(escapeText('a\u001b[31mb\nc\td\u202eé東')).toBe('a\\x1b[31mb\\nc\\td\\u202eé東');
    expect(escapeText('x'.repeat(10), 5)).toBe('xxxx…');
    expect(escapeText('a\u2028b\u2029c\u009bd')).toBe('a\\u2028b\\u2029c\\x9bd');
  });

  it('safeJson stays valid JSON for the same value, with no raw C1, bidi or line separators', () => {
    const value = { key: 'news/evil\n\u001b[2J\u009b31m\u202etxt.exe\u2028.txt', n: 1 };
    const text = safeJson(value, 2);
    expect(JSON.parse(text)).toEqual(value);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/);
  });

  it('renders aligned tables with escaped cells', () => {
    const table = renderTable([{ k: 'a\u0007', n: 5 }, { k: 'bb', n: 123 }], [
      { header: 'key', value: (r) => r.k },
      { header: 'n', value: (r) => r.n },
    ]);
    expect(table.split('\n')).toEqual(['key      n', '-----  ---', 'a\\x07    5', 'bb     123']);
  });
});

describe('articles commands (local target)', () => {
  it('ingest uploads a folder, waits for the records and prints a summary', async () => {
    const r = await cli('ingest', [path.join(dir, 'in'), '--prefix', 'cli/', ...flags]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('cli/ferry.txt');
    expect(r.out).toContain('Harbour ferry service resumes after repair');
    expect(r.out).toContain('cli/sub dir/library \\x1b[31mred.txt');
    expect(r.out).not.toContain('\u001b');
    expect(r.out).toMatch(/2\/2 recorded/);
  });

  it('get shows a record by key and by articleId', async () => {
    const byKey = await cli('get', ['cli/ferry.txt', ...flags]);
    expect(byKey.code).toBe(0);
    expect(byKey.out).toMatch(/title\s+Harbour ferry service resumes after repair/);
    const id = /articleId\s+([0-9a-f]{32})/.exec(byKey.out)?.[1];
    const byId = await cli('get', [id!, '--json', ...flags]);
    expect(JSON.parse(byId.out)).toMatchObject({ articleId: id, sourceKey: 'cli/ferry.txt' });
    await expect(cli('get', ['no/such/key.txt', ...flags])).rejects.toBeInstanceOf(CliError);
  });

  it("list shows today's articles; export writes them as JSON lines", async () => {
    const list = await cli('list', ['--limit', '5', ...flags]);
    expect(list.code).toBe(0);
    expect(list.out).toContain('cli/ferry.txt');
    const file = path.join(dir, 'out.jsonl');
    const exported = await cli('export', ['--day', 'today', '--out', file, ...flags]);
    expect(exported.code).toBe(0);
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { sourceKey: string });
    expect(lines.map((l) => l.sourceKey).sort()).toEqual(['cli/ferry.txt', 'cli/sub dir/library \u001b[31mred.txt']);
  });

  it('reprocess sends one notification per object with a current record', async () => {
    const r = await cli('reprocess', ['--prefix', 'cli/', ...flags]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/sent 2 notification\(s\) for 2 object\(s\)/);
    await stack.drain();
  });

  it('fails with one clear line when no local stack is running', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'cli-none-'));
    try {
      await expect(cli('list', ['--data-dir', empty])).rejects.toThrow(/no local stack is running/);
      await expect(cli('list', ['--stack', 'x', '--data-dir', empty])).rejects.toThrow(/cannot be combined/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('local --once ingests files in a throwaway stack and exits 0', async () => {
    const r = await cli('local', ['--once', path.join(dir, 'in', 'ferry.txt')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ok\s+ferry\.txt\s+"Harbour ferry service resumes after repair"/m);
  });
});

describe('stack outputs', () => {
  it('reads the same output keys the CDK stack declares', async () => {
    const { OUTPUT_KEYS } = await import('../../lib/article-ingest-stack.ts');
    for (const [name, key] of Object.entries(STACK_OUTPUT_KEYS)) expect(OUTPUT_KEYS[name as keyof typeof OUTPUT_KEYS]).toBe(key);
  });
});

describe('deployed-stack target', () => {
  it('resolves bucket, table and queue from the CloudFormation outputs', async () => {
    const { mockClient } = await import('aws-sdk-client-mock');
    const { CloudFormationClient, DescribeStacksCommand } = await import('@aws-sdk/client-cloudformation');
    const { resolveTarget } = await import('../../cli/target.ts');
    const cfn = mockClient(CloudFormationClient);
    try {
      const outputs = { RawBucketName: 'raw-abc', BodiesBucketName: 'bodies-abc', TableName: 'Articles-abc', QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/1/q' };
      cfn.on(DescribeStacksCommand, { StackName: 'ArticleIngest' }).resolves({
        Stacks: [{ StackName: 'ArticleIngest', CreationTime: new Date(), StackStatus: 'CREATE_COMPLETE', Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })) }],
      });
      const target = await resolveTarget({ stack: 'ArticleIngest', region: 'eu-west-1' });
      expect(target).toMatchObject({ kind: 'aws', rawBucket: 'raw-abc', bodiesBucket: 'bodies-abc', tableName: 'Articles-abc', queueUrl: outputs.QueueUrl });
      target.close();

      cfn.on(DescribeStacksCommand, { StackName: 'Other' }).resolves({ Stacks: [{ StackName: 'Other', CreationTime: new Date(), StackStatus: 'CREATE_COMPLETE', Outputs: [] }] });
      await expect(resolveTarget({ stack: 'Other', region: 'eu-west-1' })).rejects.toThrow(/has no RawBucketName output/);
    } finally {
      cfn.restore();
    }
  });
});
