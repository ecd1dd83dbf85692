/**
 * bench/lib/bundle.ts measureColdStart: fresh processes import a module, invoke its `handler`
 * twice, and the module reaches S3/DynamoDB only through the loopback stub named in
 * AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL_DYNAMODB. A tiny hand-written handler stands in for the
 * bundle (no esbuild, no SDK), so this checks the plumbing, not the timings.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { measureColdStart } from '../../bench/lib/bundle.ts';

const dir = mkdtempSync(join(tmpdir(), 'cold-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A handler that reads every object of the batch from the S3 stub and writes one DynamoDB item each. */
function fakeBundle(name: string, failEvery: number): string {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(
    file,
    `export const handler = async (event) => {
      const failures = [];
      for (const [i, r] of event.Records.entries()) {
        const s3 = JSON.parse(r.body).Records[0].s3;
        const got = await fetch(process.env.AWS_ENDPOINT_URL_S3 + '/' + s3.bucket.name + '/' + s3.object.key.replace(/\\+/g, ' '));
        const text = await got.text();
        const put = await fetch(process.env.AWS_ENDPOINT_URL_DYNAMODB + '/', { method: 'POST', headers: { 'x-amz-target': 'DynamoDB_20120810.PutItem' }, body: '{}' });
        await put.text();
        if (got.status !== 200 || text.length === 0 || put.status !== 200 || (${failEvery} > 0 && i % ${failEvery} === 0)) failures.push({ itemIdentifier: r.messageId });
      }
      return { batchItemFailures: failures };
    };\n`,
  );
  return file;
}

describe('measureColdStart', () => {
  it('times init, the first and a warm invocation per fresh process, against the loopback stub', async () => {
    const r = await measureColdStart(fakeBundle('ok', 0), 2, 3);
    expect(r.runs).toHaveLength(2);
    expect(r.batchSize).toBe(3);
    expect(r.failures).toBe(0);
    for (const run of r.runs) {
      for (const v of [run.initMs, run.initCpuMs, run.firstMs, run.firstCpuMs, run.warmMs, run.warmCpuMs]) expect(v).toBeGreaterThanOrEqual(0);
    }
    expect(r.coldCpuMs).toBeGreaterThanOrEqual(r.initCpuMs);
    expect(r.minColdCpuMs).toBeLessThanOrEqual(r.coldCpuMs);
  }, 60_000);

  it('counts the batch item failures the handler reports', async () => {
    // Fails items 0 and 2 of 3, in both invocations: 4 per process.
    const r = await measureColdStart(fakeBundle('failing', 2), 1, 3);
    expect(r.failures).toBe(4);
  }, 60_000);
});
