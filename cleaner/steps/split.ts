/** Step 2, split: normalised text -> non-blank lines with their block numbers. */
import type { Line } from '../page.ts';

/** Cap on lines examined when the caller gives none. */
export const DEFAULT_MAX_LINES = 100_000;

export function splitLines(normalised: string, maxLines = DEFAULT_MAX_LINES): { lines: Line[]; overflow: string[] } {
  const lines: Line[] = [];
  const overflow: string[] = [];
  let block = 0;
  let blank = true;
  for (const text of normalised.split('\n')) {
    if (text === '') {
      if (!blank) block++;
      blank = true;
      continue;
    }
    blank = false;
    if (lines.length >= maxLines) { overflow.push(text); continue; }
    lines.push(newLine(lines.length, block, text));
  }
  return { lines, overflow };
}

function newLine(index: number, block: number, text: string): Line {
  return {
    index, block, text,
    signoff: null, words: 0, measured: text, measuredWords: -1, chars: text.length, endsSentence: false, stopRatio: 0, capsRatio: 0, digitRatio: 0, listShape: false, footnote: false, listRun: false, dataLike: false,
    repeats: 1, textLike: false, phrase: null,
    credit: null, mediaLabel: null, byline: null, dateLine: null, contributors: null, signoffLine: null,
    label: null, reason: null, caption: null, creditText: null, paired: false, paragraph: null, agencies: [],
  };
}
