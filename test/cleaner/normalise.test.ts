import { describe, expect, it } from 'vitest';
import { normalise, normaliseLine } from '../../cleaner/steps/normalise.ts';

describe('normalise (news-text README rules)', () => {
  const cases: Array<[string, string, string]> = [
    ['CRLF to LF', 'a\r\nb', 'a\nb'],
    ['lone CR to LF', 'a\rb', 'a\nb'],
    ['BOM removed', '\uFEFFTitle', 'Title'],
    ['zero-width space, non-joiner, joiner, word joiner removed', 'a\u200Bb\u200Cc\u200Dd\u2060e', 'abcde'],
    ['soft hyphen removed', 'roof\u00ADtop', 'rooftop'],
    ['NFD to NFC', 'Rene\u0301e', 'Ren\u00E9e'],
    ['NBSP, narrow NBSP, thin space, ideographic space to space', 'a\u00A0b\u202Fc\u2009d\u3000e', 'a b c d e'],
    ['tabs to space and runs collapsed', 'a\t\t b', 'a b'],
    ['lines trimmed', '  a  \n\t b \t', 'a\nb'],
    ['whitespace-only line becomes blank', 'a\n \t\u00A0\nb', 'a\n\nb'],
    ['C0 controls stripped, LF kept', 'a\u0000b\u0007c\u001Bd\ne', 'abcd\ne'],
    ['ANSI colour (CSI) sequences removed whole', '\u001b[31mThe harbour\u001b[0m \u001b[1;32mopens\u001b[m', 'The harbour opens'],
    ['ANSI cursor and erase sequences removed whole', '\u001b[2K\u001b[1GDone\u001b[?25h', 'Done'],
    ['OSC title sequences removed (BEL or ST terminated)', '\u001b]0;title\u0007a\u001b]2;t\u001b\\b', 'ab'],
    ['two-character ESC sequences removed', 'a\u001b7b\u001bMc\u001b8', 'abc'],
    ['unterminated CSI leaves only its text', 'a\u001b[12', 'a[12'],
    ['C1 controls stripped', 'a\u0085b\u009Fc', 'abc'],
    ['curly quotes, dashes, guillemets untouched', '“a” – «b» …', '“a” – «b» …'],
    ['ideographic-space indent trimmed', '\u3000\u3000東京', '東京'],
    ['empty', '', ''],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => expect(normalise(input)).toBe(expected));
  }

  it('normaliseLine equals normalise on a single line', () => {
    expect(normaliseLine(' \uFEFFa\u00A0 b ')).toBe('a b');
  });

  it('is idempotent', () => {
    const once = normalise('\uFEFF x\r\n\u00A0y\u00AD z \rRe\u0301');
    expect(normalise(once)).toBe(once);
  });

  it('does not throw on lone surrogates', () => {
    expect(() => normalise('a\uD800b\uDFFF')).not.toThrow();
  });
});
