/** Pure geometry of the dashboard for a terminal size; widgets only place what this says. */
export const MIN_COLS = 80;
export const MIN_ROWS = 24;

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export type Layout =
  | { tooSmall: true; cols: number; rows: number }
  | { tooSmall: false; cols: number; rows: number; chat: Rect | null; memory: Rect; plugins: Rect | null; status: Rect; help: Rect };

/** `zoom: 'memory'` gives the Memory pane the whole body (browsing a big note, editing). */
export function computeLayout(cols: number, rows: number, zoom: 'memory' | null = null): Layout {
  if (cols < MIN_COLS || rows < MIN_ROWS) return { tooSmall: true, cols, rows };
  const body = rows - 2;
  if (zoom === 'memory') {
    return {
      tooSmall: false,
      cols,
      rows,
      chat: null,
      memory: { left: 0, top: 0, width: cols, height: body },
      plugins: null,
      status: { left: 0, top: rows - 2, width: cols, height: 1 },
      help: { left: 0, top: rows - 1, width: cols, height: 1 },
    };
  }
  const chatWidth = Math.floor(cols * 0.6);
  const sideWidth = cols - chatWidth;
  const memoryHeight = Math.floor(body / 2);
  return {
    tooSmall: false,
    cols,
    rows,
    chat: { left: 0, top: 0, width: chatWidth, height: body },
    memory: { left: chatWidth, top: 0, width: sideWidth, height: memoryHeight },
    plugins: { left: chatWidth, top: memoryHeight, width: sideWidth, height: body - memoryHeight },
    status: { left: 0, top: rows - 2, width: cols, height: 1 },
    help: { left: 0, top: rows - 1, width: cols, height: 1 },
  };
}
