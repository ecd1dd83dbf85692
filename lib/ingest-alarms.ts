import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { alarmDefaults } from './defaults.ts';
import { InvalidPropError } from './errors.ts';

export interface IngestAlarmsProps {
  readonly queue: sqs.IQueue;
  readonly deadLetterQueue: sqs.IQueue;
  readonly function: lambda.IFunction;
  /**
   * Oldest-message age in the ingest queue above which the backlog alarm fires.
   * @default Duration.minutes(15)
   */
  readonly queueAgeThreshold?: Duration;
  /**
   * Topic notified when an alarm fires and when it recovers.
   * @default - no alarm actions
   */
  readonly alarmTopic?: sns.ITopic;
}

/**
 * Three alarms, each meaning "someone should look":
 * - `DeadLetters`: the DLQ holds at least one message (an object failed 5 times).
 * - `FunctionErrors`: an invocation failed as a whole (crash, timeout, init error); failures of
 *   single records are reported as batch item failures and end in the DLQ alarm instead.
 * - `QueueBacklog`: the oldest message in the ingest queue is older than `queueAgeThreshold`
 *   (the function is throttled, failing, or not keeping up).
 * Missing data counts as OK (an idle pipeline publishes no Lambda metrics).
 */
export class IngestAlarms extends Construct {
  readonly deadLetters: cloudwatch.Alarm;
  readonly functionErrors: cloudwatch.Alarm;
  readonly queueBacklog: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: IngestAlarmsProps) {
    const threshold = props.queueAgeThreshold ?? alarmDefaults().queueAgeThreshold;
    if (threshold.toSeconds() < 60) {
      throw new InvalidPropError('IngestAlarms', 'queueAgeThreshold', `must be at least 60 s (SQS metrics are per minute), got ${threshold.toSeconds()} s`);
    }
    super(scope, id);
    const period = Duration.minutes(1);

    this.deadLetters = new cloudwatch.Alarm(this, 'DeadLetters', {
      alarmDescription: 'Article ingest: messages in the dead-letter queue (objects that failed 5 times). Inspect and redrive.',
      metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: cloudwatch.Stats.MAXIMUM }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.functionErrors = new cloudwatch.Alarm(this, 'FunctionErrors', {
      alarmDescription: 'Article ingest: the function failed whole invocations (crash, timeout or init error).',
      metric: props.function.metricErrors({ period, statistic: cloudwatch.Stats.SUM }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.queueBacklog = new cloudwatch.Alarm(this, 'QueueBacklog', {
      alarmDescription: `Article ingest: the oldest queued message is older than ${threshold.toSeconds()} s (the function is not keeping up).`,
      metric: props.queue.metricApproximateAgeOfOldestMessage({ period, statistic: cloudwatch.Stats.MAXIMUM }),
      threshold: threshold.toSeconds(),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    if (props.alarmTopic !== undefined) {
      const action = new actions.SnsAction(props.alarmTopic);
      for (const alarm of [this.deadLetters, this.functionErrors, this.queueBacklog]) {
        alarm.addAlarmAction(action);
        alarm.addOkAction(action);
      }
    }
  }
}
