/**
 * `articles export [--day YYYY-MM-DD] [--out file.jsonl]`: every record (of a day, or of the
 * whole table) as JSON lines, one page in memory at a time, honouring stream backpressure.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { ScanCommand, type ScanCommandOutput } from '@aws-sdk/lib-dynamodb';
import { fromItem } from '../functions/shared/record.ts';
import { day, parse } from './args.ts';
import { explainTargetError, resolveTarget, TARGET_OPTIONS, TARGET_USAGE, type Target } from './target.ts';
import { safeJson } from './terminal.ts';
import type { Article } from '../reader/index.ts';

const USAGE = `usage: articles export [--day YYYY-MM-DD|today] [--out file.jsonl] ${TARGET_USAGE}\n  without --day: the whole table (a Scan)`;
/** Items per DynamoDB page. */
const PAGE_SIZE = 100;

async function write(out: Writable, line: string): Promise<void> {
  if (!out.write(line)) await once(out, 'drain');
}

/** Every record of the table, page by page (Scan), hydrated like the reader's. */
async function* scanAll(target: Target): AsyncGenerator<Article> {
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page: ScanCommandOutput = await target.ddb.send(new ScanCommand({ TableName: target.tableName, Limit: PAGE_SIZE, ExclusiveStartKey }));
    for (const item of page.Items ?? []) {
      // get() hydrates offloaded bodies; only those need the second read.
      yield item.bodyRef ? ((await target.reader.get(String(item.articleId))) ?? fromItem(item)) : fromItem(item);
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, { ...TARGET_OPTIONS, day: { type: 'string' }, out: { type: 'string' } }, USAGE, false);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const theDay = day(values.day, false);
  const target = await resolveTarget(values);
  const out: Writable = values.out ? createWriteStream(values.out) : process.stdout;
  let count = 0;
  try {
    const source = theDay ? target.reader.articlesOfDay(theDay, { limit: PAGE_SIZE, newestFirst: false }) : scanAll(target);
    for await (const article of source) {
      await write(out, `${safeJson(article)}\n`);
      count += 1;
    }
    if (values.out) {
      out.end();
      await once(out, 'finish');
    }
    console.error(`exported ${count} record(s)${theDay ? ` of ${theDay}` : ''}${values.out ? ` to ${values.out}` : ''}`);
    return 0;
  } catch (err) {
    return explainTargetError(err, target);
  } finally {
    target.close();
  }
}
