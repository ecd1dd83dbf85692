/** Shared helpers for the cleaner tests: fixture discovery and a Line factory for step tests. */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Line } from '../../cleaner/page.ts';
import { splitLines } from '../../cleaner/steps/split.ts';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/cleaner');

export interface Fixture { readonly name: string; readonly dir: string; readonly input: string }

/** Every golden case folder (input.txt + expected.json), sorted. The BOM is kept: the cleaner removes it. */
export function fixtures(): Fixture[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(FIXTURES, d.name, 'input.txt')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const dir = path.join(FIXTURES, name);
      const input = new TextDecoder('utf-8', { ignoreBOM: true }).decode(readFileSync(path.join(dir, 'input.txt')));
      return { name, dir, input };
    });
}

/** A fresh Line for `text` (features not computed), with overrides. */
export function line(text: string, over: Partial<Line> = {}, index = 0): Line {
  const l = splitLines(text).lines[0]!;
  return Object.assign(l, { index }, over);
}

/** Lines from texts, indexed in order. */
export function linesOf(texts: readonly string[], over: (i: number) => Partial<Line> = () => ({})): Line[] {
  return texts.map((t, i) => line(t, over(i), i));
}
