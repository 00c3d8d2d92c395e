import { PassThrough, Writable } from 'node:stream';
import type blessed from 'blessed';

/** Streams blessed accepts as a terminal: output records nothing, input can be fed keys. */
export function fakeTerminal(cols: number, rows: number) {
  const input = new PassThrough() as PassThrough & { isTTY: boolean; setRawMode(mode: boolean): void };
  input.isTTY = true;
  input.setRawMode = () => {};
  const output = new Writable({ write: (_chunk, _enc, cb) => cb() }) as Writable & { isTTY: boolean; columns: number; rows: number };
  output.isTTY = true;
  output.columns = cols;
  output.rows = rows;
  return {
    input,
    output,
    resize(c: number, r: number) {
      output.columns = c;
      output.rows = r;
      output.emit('resize');
    },
    /** Types raw bytes as the terminal would send them. */
    keys(bytes: string) {
      input.write(bytes);
    },
  };
}

/** The screen's cells as plain text, one string per row, trailing spaces trimmed. */
export function screenText(screen: blessed.Widgets.Screen): string[] {
  const lines = (screen as unknown as { lines: [number, string][][] }).lines;
  return lines.map((row) => row.map((cell) => cell[1]).join('').trimEnd());
}
