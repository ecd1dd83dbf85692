/**
 * `articles list [--day YYYY-MM-DD] [--limit N]`: a day's articles, newest first, as summaries read
 * from the byIngestDay index alone (`articles export` writes whole records).
 */
import { day, parse, positiveInt } from './args.ts';
import { explainTargetError, resolveTarget, TARGET_OPTIONS, TARGET_USAGE } from './target.ts';
import { renderTable, safeJson } from './terminal.ts';
import type { ArticleSummary } from '../reader/index.ts';

const USAGE = `usage: articles list [--day YYYY-MM-DD|today] [--limit N] [--oldest-first] [--json] ${TARGET_USAGE}`;
/** @default rows shown. */
const DEFAULT_LIMIT = 20;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(
    argv,
    { ...TARGET_OPTIONS, day: { type: 'string' }, limit: { type: 'string' }, 'oldest-first': { type: 'boolean' }, json: { type: 'boolean' } },
    USAGE,
    false,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const theDay = day(values.day, true)!;
  const limit = positiveInt(values.limit, '--limit', DEFAULT_LIMIT);
  const target = await resolveTarget(values);
  try {
    const rows: ArticleSummary[] = [];
    let more = false;
    for await (const page of target.reader.listSummariesByDay(theDay, { limit: Math.min(limit + 1, 100), newestFirst: !values['oldest-first'] })) {
      for (const a of page.items) {
        if (rows.length < limit) rows.push(a);
        else more = true;
      }
      if (rows.length >= limit) {
        more ||= page.nextToken !== undefined;
        break;
      }
    }
    if (values.json) {
      for (const a of rows) console.log(safeJson(a));
      return 0;
    }
    if (rows.length === 0) {
      console.log(`no articles ingested on ${theDay} (${target.label})`);
      return 0;
    }
    console.log(
      renderTable(rows, [
        { header: 'ingestedAt', value: (a) => a.ingestedAt.slice(11, 19) },
        { header: 'articleId', value: (a) => a.articleId },
        { header: 'status', value: (a) => a.status },
        { header: 'lang', value: (a) => a.language },
        { header: 'words', value: (a) => a.wordCount, align: 'right' },
        { header: 'title', value: (a) => a.title, max: 48 },
        { header: 'key', value: (a) => a.sourceKey, max: 40 },
      ]),
    );
    console.log(`\n${rows.length} article(s) on ${theDay}${more ? ` (more: --limit ${limit * 2})` : ''}`);
    return 0;
  } catch (err) {
    return explainTargetError(err, target);
  } finally {
    target.close();
  }
}
