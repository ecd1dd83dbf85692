/**
 * cdk-nag (AwsSolutions pack, cdk-nag 3 as a CDK validation plugin): the stack synthesises with
 * zero unacknowledged findings, and the acknowledgements are exactly the findings hardening
 * cannot remove (none stale, none missing). Removing any acknowledgement makes the first test
 * fail; adding one that matches no finding makes the second fail. One synth, no bundling.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleIngestStack } from '../../lib/article-ingest-stack.ts';
import { SYNTH_TIMEOUT_MS, disposeApp, testApp } from './helpers.ts';

/** Reviewed acknowledgements (full finding ids); any change here deserves a second look. */
const ACKNOWLEDGED = [
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
  'AwsSolutions-IAM5[Resource::<BodiesBucket.Arn>/*]',
  'AwsSolutions-IAM5[Resource::<RawArticlesBucket.Arn>/*]',
  'AwsSolutions-L1',
];

interface Report {
  pluginReports: { pluginName: string; conclusion: string; violations: { ruleName: string }[] }[];
}

let app: App;
let stack: ArticleIngestStack;
let outdir: string;

/** Acknowledgements recorded on the stack's constructs: id -> { path, reason }. */
function acknowledgements(): { id: string; path: string; reason: string }[] {
  return stack.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.entries(m.data as Record<string, string>))
      .map(([id, reason]) => ({ id: id.replace(/^annotation::/i, ''), path: c.node.path, reason })),
  );
}

/** What the pack finds when acknowledgements are ignored. */
function rawFindings(): { ruleName: string; paths: string[] }[] {
  const pack = new AwsSolutionsChecks();
  Object.defineProperty(pack, 'isAcknowledged', { value: () => false });
  return pack.validateScope(stack).violations.map((v) => ({ ruleName: v.ruleName, paths: v.violatingResources.map((r) => r.constructPath ?? '') }));
}

afterAll(() => disposeApp(app));

beforeAll(() => {
  app = testApp();
  stack = new ArticleIngestStack(app, 'ArticleIngest', { createAlarmTopic: true });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  outdir = app.synth().directory; // an in-memory App throws ValidationFailed on any finding
}, SYNTH_TIMEOUT_MS);

describe('cdk-nag AwsSolutions', () => {
  it('reports zero unacknowledged findings (synth report and direct check)', () => {
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as Report;
    const failing = report.pluginReports.filter((r) => r.conclusion !== 'success' || r.violations.length > 0);
    expect(failing).toEqual([]);
    expect(new AwsSolutionsChecks().validateScope(stack).violations).toEqual([]);
  });

  it('acknowledges exactly the findings that remain, each on the construct that has it, with a reason', () => {
    const acks = acknowledgements();
    expect(acks.map((a) => a.id).sort()).toEqual(ACKNOWLEDGED);
    const raw = rawFindings();
    expect(raw.map((f) => f.ruleName).sort()).toEqual(ACKNOWLEDGED);
    for (const ack of acks) {
      const finding = raw.find((f) => f.ruleName === ack.id);
      expect(finding?.paths.every((p) => p.startsWith(`${ack.path}/`)), `${ack.id} acknowledged on ${ack.path}`).toBe(true);
      expect(ack.reason.length, `reason of ${ack.id}`).toBeGreaterThanOrEqual(60);
    }
  });

  it('is live: an unhardened bucket fails synth with its finding id', () => {
    const bare = new App({ outdir: join(outdir, 'bare') });
    new s3.Bucket(new Stack(bare, 'Bare'), 'Plain');
    Validations.of(bare).addPlugins(new AwsSolutionsChecks(bare));
    expect(() => bare.synth()).toThrow(/AwsSolutions-S1/);
  });
});
