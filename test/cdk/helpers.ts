/**
 * Shared set-up of the CDK tests: an App with the feature flags of cdk.json (the CLI passes
 * them to bin/app.ts; an in-process App must be given them), optionally without bundling.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';

/**
 * Time allowed for one synth (with esbuild bundling or a child process). Generous because the
 * machine's two cores are shared; this is a hang guard, not a performance assertion.
 */
export const SYNTH_TIMEOUT_MS = 240_000;

const CDK_JSON = new URL('../../cdk.json', import.meta.url);

export function cdkJsonContext(): Record<string, unknown> {
  const json = JSON.parse(readFileSync(CDK_JSON, 'utf8')) as { context?: Record<string, unknown> };
  return json.context ?? {};
}

export interface TestAppOptions {
  /** Run esbuild for NodejsFunction (slow-ish); false skips bundling. @default false */
  readonly bundle?: boolean;
}

/**
 * An App writing to a fresh temporary directory, with cdk.json's context and asset metadata on.
 * CDK's built-in CloudFormation schema/rule validation is off here (it costs seconds per synth);
 * app.test.ts runs bin/app.ts with it on and asserts its report is empty.
 */
export function testApp(opts: TestAppOptions = {}): App {
  return new App({
    outdir: mkdtempSync(join(tmpdir(), 'cdk-test-')),
    builtinCloudFormationValidation: false,
    context: {
      ...cdkJsonContext(),
      'aws:cdk:enable-asset-metadata': true,
      ...(opts.bundle === true ? {} : { 'aws:cdk:bundling-stacks': [] }),
    },
  });
}

/** A CloudFormation reference to a resource's attribute, as it appears in templates. */
export const getAtt = (logicalId: string, attribute: string): unknown => ({ 'Fn::GetAtt': [logicalId, attribute] });
export const ref = (logicalId: string): unknown => ({ Ref: logicalId });

/** Removes the temporary output directory of a test App. */
export function disposeApp(app: App | undefined): void {
  if (app !== undefined) rmSync(app.outdir, { recursive: true, force: true });
}
