/**
 * bin/app.ts as the CLI runs it (CDK_OUTDIR + CDK_CONTEXT_JSON, bundling skipped): it reads the
 * stack name from context, registers cdk-nag, and writes a clean validation report (cdk-nag and
 * CDK's built-in CloudFormation schema/rule validation both report nothing).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cdkJsonContext, SYNTH_TIMEOUT_MS } from './helpers.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

function runApp(context: Record<string, unknown>): { status: number | null; stderr: string; outdir: string } {
  const outdir = mkdtempSync(join(tmpdir(), 'cdk-app-'));
  outdirs.push(outdir);
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'bin/app.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      CDK_VALIDATION: 'true',
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify({ ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...context }),
    },
  });
  return { status: result.status, stderr: result.stderr, outdir };
}

describe('bin/app.ts', () => {
  it('synthesises the stack named by context with a clean cdk-nag report', () => {
    const { status, stderr, outdir } = runApp({ stackName: 'NagCheck' });
    expect(stderr).not.toMatch(/AwsSolutions-/);
    expect(status).toBe(0);
    expect(existsSync(join(outdir, 'NagCheck.template.json'))).toBe(true);
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as { pluginReports: unknown[] };
    expect(report.pluginReports).toEqual([]);
    const template = JSON.parse(readFileSync(join(outdir, 'NagCheck.template.json'), 'utf8')) as { Outputs: Record<string, unknown> };
    expect(Object.keys(template.Outputs)).toEqual(expect.arrayContaining(['RawBucketName', 'BodiesBucketName', 'TableName', 'QueueName', 'QueueUrl', 'DlqName', 'DlqUrl']));
  }, SYNTH_TIMEOUT_MS);

  it('rejects a stack name CloudFormation would refuse', () => {
    const { status, stderr } = runApp({ stackName: 'bad name!' });
    expect(status).not.toBe(0);
    expect(stderr).toMatch(/stackName/);
  }, SYNTH_TIMEOUT_MS);
});
