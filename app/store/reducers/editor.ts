import type { Action } from '../actions.js';
import type { MemoryEditor } from '../state.js';

const UNDO_LIMIT = 200;

/** Row and column of a code-point index in text split at newlines. */
export function rowCol(chars: string[], cursor: number): { row: number; col: number } {
  let row = 0;
  let start = 0;
  for (let i = 0; i < cursor && i < chars.length; i++) {
    if (chars[i] === '\n') {
      row++;
      start = i + 1;
    }
  }
  return { row, col: cursor - start };
}

function indexOf(chars: string[], row: number, col: number): number {
  let r = 0;
  let i = 0;
  while (r < row && i < chars.length) {
    if (chars[i] === '\n') r++;
    i++;
  }
  let c = 0;
  while (c < col && i < chars.length && chars[i] !== '\n') {
    i++;
    c++;
  }
  return i;
}

function edit(e: MemoryEditor, text: string, cursor: number): MemoryEditor {
  const undo = [...e.undo, { text: e.text, cursor: e.cursor }].slice(-UNDO_LIMIT);
  return { ...e, text, cursor, dirty: true, undo };
}

/** The built-in editor: text edits with undo, and cursor movement by character, line and page. */
export function editorReducer(e: MemoryEditor | null, action: Action): MemoryEditor | null {
  if (action.type === 'editor/open') return action.editor;
  if (!e) return e;
  switch (action.type) {
    case 'editor/close':
      return null;
    case 'editor/insert': {
      const c = Array.from(e.text);
      const ins = Array.from(action.text.replace(/\r\n?/g, '\n'));
      c.splice(e.cursor, 0, ...ins);
      return edit(e, c.join(''), e.cursor + ins.length);
    }
    case 'editor/deleteBack': {
      if (e.cursor === 0) return e;
      const c = Array.from(e.text);
      c.splice(e.cursor - 1, 1);
      return edit(e, c.join(''), e.cursor - 1);
    }
    case 'editor/deleteForward': {
      const c = Array.from(e.text);
      if (e.cursor >= c.length) return e;
      c.splice(e.cursor, 1);
      return edit(e, c.join(''), e.cursor);
    }
    case 'editor/move': {
      const c = Array.from(e.text);
      const { row, col } = rowCol(c, e.cursor);
      const rows = c.filter((x) => x === '\n').length + 1;
      const page = Math.max(1, action.page ?? 10);
      let cursor = e.cursor;
      switch (action.to) {
        case 'left':
          cursor = Math.max(0, e.cursor - 1);
          break;
        case 'right':
          cursor = Math.min(c.length, e.cursor + 1);
          break;
        case 'up':
          cursor = row === 0 ? 0 : indexOf(c, row - 1, col);
          break;
        case 'down':
          cursor = row >= rows - 1 ? c.length : indexOf(c, row + 1, col);
          break;
        case 'home':
          cursor = indexOf(c, row, 0);
          break;
        case 'end':
          cursor = indexOf(c, row, Number.MAX_SAFE_INTEGER);
          break;
        case 'pageUp':
          cursor = indexOf(c, Math.max(0, row - page), col);
          break;
        case 'pageDown':
          cursor = indexOf(c, Math.min(rows - 1, row + page), col);
          break;
        case 'top':
          cursor = 0;
          break;
        case 'bottom':
          cursor = c.length;
          break;
      }
      return cursor === e.cursor ? e : { ...e, cursor };
    }
    case 'editor/undo': {
      const last = e.undo.at(-1);
      if (!last) return e;
      return { ...e, text: last.text, cursor: last.cursor, undo: e.undo.slice(0, -1), dirty: true };
    }
    case 'editor/saved':
      return { ...e, version: action.version, dirty: false, ...(action.text !== undefined ? { text: action.text, cursor: Math.min(e.cursor, Array.from(action.text).length) } : {}) };
    case 'editor/scroll':
      return action.scroll === e.scroll ? e : { ...e, scroll: action.scroll };
    default:
      return e;
  }
}
