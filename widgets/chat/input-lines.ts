import type { Theme } from '../../themes/tokens.js';
import { escapeTags, paint } from '../theme-style.js';
import { charWidth } from './ansi-text.js';

export const PROMPT = '› ';
export const MAX_INPUT_ROWS = 5;

/**
 * Lays the input text out in rows (breaking at newlines and at the width), draws the cursor cell
 * inverted, and shows at most MAX_INPUT_ROWS rows around the cursor.
 */
export function inputLines(theme: Theme, text: string, cursor: number, width: number): string[] {
  const usable = Math.max(1, width - PROMPT.length);
  const rows: { chars: string[]; start: number }[] = [{ chars: [], start: 0 }];
  let col = 0;
  let cursorRow = 0;
  const chars = Array.from(text);
  chars.forEach((c, i) => {
    if (i === cursor) cursorRow = rows.length - 1;
    if (c === '\n') {
      rows.push({ chars: [], start: i + 1 });
      col = 0;
      return;
    }
    const w = charWidth(c.codePointAt(0)!);
    if (col + w > usable) {
      rows.push({ chars: [], start: i });
      col = 0;
      if (i === cursor) cursorRow = rows.length - 1;
    }
    rows.at(-1)!.chars.push(c);
    col += w;
  });
  if (cursor >= chars.length) {
    if (col + 1 > usable) rows.push({ chars: [], start: chars.length });
    cursorRow = rows.length - 1;
  }
  const first = Math.max(0, Math.min(cursorRow - MAX_INPUT_ROWS + 1, rows.length - MAX_INPUT_ROWS));
  const shown = rows.slice(first, first + MAX_INPUT_ROWS);
  return shown.map((row, r) => {
    let line = '';
    row.chars.forEach((c, k) => {
      line += row.start + k === cursor ? paint(theme, 'selection', c) : escapeTags(c);
    });
    const endsHere = first + r === cursorRow && cursor >= row.start + row.chars.length;
    if (endsHere) line += paint(theme, 'selection', ' ');
    const prefix = first + r === 0 ? paint(theme, 'accent', PROMPT) : ' '.repeat(PROMPT.length);
    return prefix + line;
  });
}
