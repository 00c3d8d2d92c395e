import type blessed from 'blessed';

const START = '\x1b[200~';
const END = '\x1b[201~';

/**
 * Bracketed paste (DEC 2004): the terminal wraps pasted text in markers. blessed does not know them
 * and would turn every pasted newline into Enter (sending a chat message per line), so the markers
 * are taken out of the input before blessed sees it and the pasted text is handed over whole.
 * Returns a function that turns the mode off again.
 */
export function enableBracketedPaste(screen: blessed.Widgets.Screen, onPaste: (text: string) => void): () => void {
  const program = screen.program as unknown as { input: NodeJS.ReadStream; _write(text: string): void };
  const input = program.input;
  const blessedListeners = input.listeners('data') as ((chunk: Buffer | string) => void)[];
  input.removeAllListeners('data');
  const forward = (text: string) => {
    if (text) for (const l of blessedListeners) l(Buffer.from(text));
  };
  let pasting = false;
  let pasted = '';
  // A marker may be split across chunks: keep a tail that could be the start of one, but only
  // briefly — a lone Escape key looks like the start of a marker too.
  let carry = '';
  let carryTimer: NodeJS.Timeout | null = null;
  const flushCarry = () => {
    carryTimer = null;
    const tail = carry;
    carry = '';
    if (pasting) pasted += tail;
    else forward(tail);
  };
  const onData = (chunk: Buffer | string) => {
    if (carryTimer) clearTimeout(carryTimer);
    carryTimer = null;
    let s = carry + chunk.toString();
    carry = '';
    while (s) {
      const marker = pasting ? END : START;
      const at = s.indexOf(marker);
      if (at === -1) {
        let keep = 0;
        for (let n = Math.min(marker.length - 1, s.length); n > 0; n--) {
          if (marker.startsWith(s.slice(-n))) {
            keep = n;
            break;
          }
        }
        const body = s.slice(0, s.length - keep);
        carry = s.slice(s.length - keep);
        if (pasting) pasted += body;
        else forward(body);
        if (carry) carryTimer = setTimeout(flushCarry, 15);
        return;
      }
      if (pasting) {
        onPaste(pasted + s.slice(0, at));
        pasted = '';
      } else forward(s.slice(0, at));
      pasting = !pasting;
      s = s.slice(at + marker.length);
    }
  };
  input.on('data', onData);
  program._write('\x1b[?2004h');
  return () => {
    if (carryTimer) clearTimeout(carryTimer);
    program._write('\x1b[?2004l');
    input.off('data', onData);
    for (const l of blessedListeners) input.on('data', l);
  };
}
