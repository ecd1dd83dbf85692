/** `npm start` as a user runs it: a child process that prints its banner and stops cleanly on SIGTERM. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'npm-start-test-'));

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm start', () => {
  it('starts on loopback, ingests the samples on first start, announces itself, and stops cleanly on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['bin/articles.js', 'local', '--data-dir', dataDir, '--s3-port', '0', '--dynamodb-port', '0', '--sqs-port', '0'],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 45_000;
      while ((out.match(/^ok\s+samples\//gm) ?? []).length < 4 && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
      expect(out).toMatch(/S3\s+http:\/\/127\.0\.0\.1:\d+\s+raw bucket articles-raw/);
      expect(out).toContain(`aws --endpoint-url http://127.0.0.1:`);
      expect(out.match(/^ok\s+samples\//gm)).toHaveLength(4);
      const announced = JSON.parse(readFileSync(path.join(dataDir, 'endpoints.json'), 'utf8')) as { pid: number; endpoints: { s3: string } };
      expect(announced.pid).toBe(child.pid);
      expect(announced.endpoints.s3).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(out).toContain('stopped.');
    expect(existsSync(path.join(dataDir, 'endpoints.json'))).toBe(false);
  });
});
