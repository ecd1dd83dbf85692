/** The one place of defaults: pure functions, and the merge rule every construct uses. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import {
  BUNDLE_ALIASES,
  bundlingDefaults,
  deadLetterQueueDefaults,
  ingestFunctionDefaults,
  mergeProps,
  queueDefaults,
  secureBucketDefaults,
  VISIBILITY_TIMEOUT_FACTOR,
  MAX_RECEIVE_COUNT,
} from '../../lib/defaults.ts';

describe('mergeProps', () => {
  it('lets props override defaults and required override both', () => {
    expect(mergeProps({ a: 1, b: 2 }, { b: 3, c: 4 }, { c: 5 })).toEqual({ a: 1, b: 3, c: 5 });
  });

  it('keeps a default when a prop is explicitly undefined', () => {
    const merged = mergeProps(secureBucketDefaults(), { versioned: undefined } as s3.BucketProps, {});
    expect(merged.versioned).toBe(true);
  });
});

describe('defaults', () => {
  it('are fresh objects on every call (no shared mutable state)', () => {
    const a = secureBucketDefaults();
    (a.lifecycleRules as s3.LifecycleRule[]).push({ id: 'x' });
    expect(secureBucketDefaults().lifecycleRules).toHaveLength(2);
    expect(bundlingDefaults()).not.toBe(bundlingDefaults());
  });

  it('encode the AWS guidance for SQS consumers', () => {
    expect(VISIBILITY_TIMEOUT_FACTOR).toBe(6);
    expect(MAX_RECEIVE_COUNT).toBeGreaterThanOrEqual(5);
    expect(queueDefaults().encryption).toBe(sqs.QueueEncryption.SQS_MANAGED);
    expect(deadLetterQueueDefaults().retentionPeriod?.toSeconds()).toBe(14 * 24 * 3600);
  });

  it('bundle for Node 22 ESM with the SDK inside and no Docker', () => {
    const b = bundlingDefaults();
    expect(b).toMatchObject({ target: 'node22', mainFields: ['module', 'main'], bundleAwsSDK: true, forceDockerBundling: false, minify: true, sourceMap: true });
    expect(b.banner).toContain('createRequire(import.meta.url)');
    // As a flag: NodejsFunction ignores its own `charset` prop (aws-cdk-lib 2.276).
    expect(b.esbuildArgs).toMatchObject({ '--charset': 'utf8', '--legal-comments': 'none' });
    // Every alias target exists (esbuild runs in the project root) and replaces a real package.
    const aliases = b.esbuildArgs?.['--alias'] as string[];
    expect(aliases).toEqual(Object.entries(BUNDLE_ALIASES).map(([from, to]) => `${from}=${to}`));
    for (const [from, to] of Object.entries(BUNDLE_ALIASES)) {
      expect(existsSync(fileURLToPath(new URL(`../../${to}`, import.meta.url))), to).toBe(true);
      expect(existsSync(fileURLToPath(new URL(`../../node_modules/${from}/package.json`, import.meta.url))), from).toBe(true);
    }
    expect(ingestFunctionDefaults().runtime.name).toBe('nodejs22.x');
  });
});
