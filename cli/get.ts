/** `articles get <articleId | s3-key>`: one record, body included (offloaded bodies fetched). */
import { parse } from './args.ts';
import { CliError } from './errors.ts';
import { explainTargetError, resolveTarget, TARGET_OPTIONS, TARGET_USAGE } from './target.ts';
import { escapeText, safeJson } from './terminal.ts';
import type { Article } from '../reader/index.ts';

const USAGE = `usage: articles get <articleId | key> [--json] [--bucket B] ${TARGET_USAGE}`;
const ARTICLE_ID = /^[0-9a-f]{32}$/;

/** A readable view of a record; every untrusted field escaped. */
export function formatArticle(a: Article): string {
  const field = (name: string, value: unknown): string =>
    `${name.padEnd(14)} ${value === null || value === undefined ? '-' : escapeText(Array.isArray(value) ? value.join(', ') : String(value))}`;
  const head = [
    field('articleId', a.articleId),
    field('status', a.statusReason ? `${a.status} (${a.statusReason})` : a.status),
    field('source', `s3://${a.sourceBucket}/${a.sourceKey}`),
    field('title', a.title),
    field('language', a.language),
    field('authors', a.authors),
    field('agencies', a.agencies),
    field('publishedAt', a.publishedAt),
    field('words', a.wordCount),
    field('linesRemoved', a.removed.length),
    field('ingestedAt', a.ingestedAt),
    field('cleaner', a.cleanerVersion),
    field('contentHash', a.contentHash),
    field('offloaded', a.bodyOffloaded),
  ];
  const body = a.body
    .split('\n')
    .map((line) => escapeText(line))
    .join('\n');
  return `${head.join('\n')}\n\n${body}`;
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { ...TARGET_OPTIONS, json: { type: 'boolean' }, bucket: { type: 'string' } }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new CliError(USAGE, 2);
  const ref = positionals[0]!;
  const target = await resolveTarget(values);
  try {
    let article = ARTICLE_ID.test(ref) ? await target.reader.get(ref) : undefined;
    article ??= await target.reader.getByKey(values.bucket ?? target.rawBucket, ref);
    if (!article) throw new CliError(`no record for ${JSON.stringify(ref)} (neither an articleId nor a key of s3://${values.bucket ?? target.rawBucket}/)`);
    console.log(values.json ? safeJson(article, 2) : formatArticle(article));
    return 0;
  } catch (err) {
    return explainTargetError(err, target);
  } finally {
    target.close();
  }
}
