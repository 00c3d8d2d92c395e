// eslint-disable-next-line no-control-regex
const ANSI_RE = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;
// eslint-disable-next-line no-control-regex
const SGR_RE = /\x1b\[[0-9;]*m/y;

export function stripAnsi(text: string): string {
  return text.replace(ANSI_RE, '');
}

/** Columns a code point takes: 2 for East Asian wide and most emoji, 0 for combining marks. */
export function charWidth(cp: number): number {
  if (cp < 0x300) return 1;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

export function visibleWidth(text: string): number {
  let w = 0;
  for (const ch of stripAnsi(text)) w += charWidth(ch.codePointAt(0)!);
  return w;
}

/**
 * Hard-wraps one line that may hold SGR colour codes to a width, carrying the active codes onto each
 * continuation line so colours survive the cut.
 */
export function ansiWrap(line: string, width: number): string[] {
  if (width <= 0 || visibleWidth(line) <= width) return [line];
  const out: string[] = [];
  let current = '';
  let col = 0;
  let active = '';
  let i = 0;
  while (i < line.length) {
    SGR_RE.lastIndex = i;
    const m = SGR_RE.exec(line);
    if (m) {
      current += m[0];
      active = m[0] === '\x1b[0m' || m[0] === '\x1b[m' ? '' : active + m[0];
      i += m[0].length;
      continue;
    }
    const cp = line.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const w = charWidth(cp);
    if (col + w > width) {
      out.push(current + (active ? '\x1b[0m' : ''));
      current = active;
      col = 0;
    }
    current += ch;
    col += w;
    i += ch.length;
  }
  out.push(current);
  return out;
}
