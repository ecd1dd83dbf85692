/**
 * CDK entry point: the only place that reads context and environment.
 *
 *   npx cdk synth                          # stack "ArticleIngest"
 *   npx cdk deploy -c stackName=MyIngest   # another copy, in CDK_DEFAULT_ACCOUNT / _REGION
 *
 * cdk-nag's AwsSolutions pack runs as a CDK validation plugin: any unacknowledged finding
 * fails the synth and is listed in cdk.out/validation-report.json.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ArticleIngestStack } from '../lib/article-ingest-stack.ts';
import { InfraError } from '../lib/errors.ts';

const DEFAULT_STACK_NAME = 'ArticleIngest';

const app = new App();
const stackName: unknown = app.node.tryGetContext('stackName') ?? DEFAULT_STACK_NAME;
if (typeof stackName !== 'string' || !/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(stackName)) {
  throw new InfraError(`context stackName must be a CloudFormation stack name (letter, then letters, digits, "-"), got ${JSON.stringify(stackName)}`);
}

new ArticleIngestStack(app, stackName, {
  description: 'Article ingestion: S3 raw articles -> SQS -> Lambda cleaner -> DynamoDB',
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
