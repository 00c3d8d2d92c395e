import type { TreeRow } from '../../app/memory-ui/tree-rows.js';
import type { MemoryEditor } from '../../app/store/state.js';
import type { Theme } from '../../themes/tokens.js';
import { charWidth } from '../chat/ansi-text.js';
import { escapeTags, paint } from '../theme-style.js';

function fit(text: string, width: number): string {
  let w = 0;
  let out = '';
  for (const ch of text) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (w + cw > width) return out.slice(0, Math.max(0, out.length - 1)) + '…';
    out += ch;
    w += cw;
  }
  return out;
}

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} kB` : `${bytes} B`);

/** One tree row: indentation, an open/closed marker for folders with their file count, a pin mark. */
export function treeLine(theme: Theme, row: TreeRow, selected: boolean, focused: boolean, pinned: boolean, width: number): string {
  const indent = '  '.repeat(row.depth);
  const text =
    row.type === 'folder'
      ? `${indent}${row.open ? '▾' : '▸'} ${row.label}/ (${row.count})`
      : `${indent}  ${row.label}${pinned ? ' ★' : ''}${row.previewable ? '' : `  ${size(row.count)}`}`;
  const shown = fit(text, width);
  if (selected) return paint(theme, focused ? 'selection' : 'accent', shown.padEnd(width));
  return row.type === 'folder' ? paint(theme, 'accent', shown) : row.previewable ? escapeTags(shown) : paint(theme, 'muted', shown);
}

/**
 * The editor's visible lines: the text from `top`, shifted left so the cursor's column shows, with the
 * cursor cell inverted. Returns the lines and the top line that keeps the cursor in view.
 */
export function editorLines(theme: Theme, e: MemoryEditor, width: number, height: number, previousTop: number): { lines: string[]; top: number } {
  const lines = e.text.split('\n');
  let row = 0;
  let col = 0;
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    const len = Array.from(lines[i]!).length;
    if (e.cursor <= seen + len) {
      row = i;
      col = e.cursor - seen;
      break;
    }
    seen += len + 1;
  }
  let top = Math.min(previousTop, row);
  if (row >= top + height) top = row - height + 1;
  const gutter = String(lines.length).length + 1;
  const textWidth = Math.max(4, width - gutter - 1);
  const shift = col >= textWidth ? col - textWidth + 1 : 0;
  const out: string[] = [];
  for (let i = top; i < Math.min(lines.length, top + height); i++) {
    const chars = Array.from(lines[i]!).slice(shift, shift + textWidth);
    let body = '';
    chars.forEach((c, k) => {
      body += i === row && k + shift === col ? paint(theme, 'selection', c) : escapeTags(c);
    });
    if (i === row && col - shift >= chars.length) body += paint(theme, 'selection', ' ');
    out.push(paint(theme, 'muted', `${String(i + 1).padStart(gutter - 1)} `) + body);
  }
  return { lines: out, top };
}
