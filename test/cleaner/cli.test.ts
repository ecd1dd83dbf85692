/** `articles clean`: argument parsing, folder walking, JSONL shape, errors; the seed gold when present. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { collectFiles, parseArgs, run } from '../../cli/clean.ts';
import { CliError } from '../../cli/errors.ts';
import { FIXTURES } from './helpers.ts';

async function capture(argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    const code = await run(argv);
    return { code, out };
  } finally {
    spy.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('articles clean', () => {
  it('parses flags', () => {
    expect(parseArgs(['a.txt', '--jsonl', '--max-bytes', '10'])).toEqual({ paths: ['a.txt'], jsonl: true, maxBytes: 10 });
    expect(() => parseArgs([])).toThrow(CliError);
    expect(() => parseArgs(['--max-bytes', 'x', 'a'])).toThrow(/--max-bytes/);
    expect(() => parseArgs(['--bogus', 'a'])).toThrow(/unknown option/);
  });

  it('walks folders recursively for *.txt, sorted', async () => {
    const files = await collectFiles([FIXTURES]);
    expect(files.length).toBeGreaterThanOrEqual(7);
    expect(files.every((f) => f.endsWith('input.txt'))).toBe(true);
    expect([...files].sort()).toEqual(files);
  });

  it('rejects a missing path with a CliError', async () => {
    await expect(run([path.join(FIXTURES, 'no-such-folder')])).rejects.toThrow(/no such file or folder/);
  });

  it('prints one JSON object per file with the documented fields', async () => {
    const { code, out } = await capture([FIXTURES, '--jsonl']);
    expect(code).toBe(0);
    const recs = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(recs.length).toBeGreaterThanOrEqual(7);
    for (const r of recs) {
      expect(Object.keys(r).sort()).toEqual(['agencies', 'authors', 'body', 'contentHash', 'images', 'language', 'publishedAt',
        'removed', 'source', 'status', 'statusReason', 'title', 'wordCount']);
    }
    const empty = recs.find((r) => String(r['source']).includes(`${path.sep}empty${path.sep}`));
    expect(empty?.['status']).toBe('empty');
  });

  it('reports a file over --max-bytes as rejected and still exits 0', async () => {
    const { code, out } = await capture([path.join(FIXTURES, 'seed-like-wire-captions', 'input.txt'), '--jsonl', '--max-bytes', '10']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ status: 'rejected' });
  });

  it('prints a readable summary without --jsonl', async () => {
    const { out } = await capture([path.join(FIXTURES, 'wire-dateline-contributors', 'input.txt')]);
    expect(out).toMatch(/title: +Copper hits three-month high/);
    expect(out).toMatch(/removed: +\d+ lines \(/);
  });

  // Optional: the shared seed, only when it sits beside the project.
  const SEED = path.resolve('../shared/seed');
  it.skipIf(!existsSync(SEED))('reproduces the seed gold exactly', async () => {
    const { out } = await capture([SEED, '--jsonl']);
    const recs = out.trim().split('\n').map((l) => JSON.parse(l) as {
      source: string; title: string | null; body: string; language: string; authors: string[]; agencies: string[];
      publishedAt: string | null; images: { caption: string | null; credit: string | null }[]; removed: { text: string; reason: string }[];
    });
    const golds = readdirSync(SEED).filter((f) => f.endsWith('.gold.json'));
    expect(recs.length).toBe(golds.length);
    for (const r of recs) {
      const g = JSON.parse(readFileSync(r.source.replace(/\.txt$/, '.gold.json'), 'utf8')) as Record<string, unknown>;
      expect({
        title: r.title, body: r.body, language: r.language, authors: r.authors, agencies: r.agencies, publishedAt: r.publishedAt,
        captions: r.images.map((i) => i.caption).filter((c) => c !== null),
        credits: r.images.map((i) => i.credit).filter((c) => c !== null),
        boilerplate: r.removed.filter((x) => x.reason !== 'caption' && x.reason !== 'credit').map((x) => x.text),
      }).toEqual({
        title: g['title'], body: g['body'], language: g['language'], authors: g['authors'], agencies: g['agencies'],
        publishedAt: g['publishedAt'], captions: g['captions'], credits: g['credits'], boilerplate: g['boilerplate'],
      });
    }
  });
});
