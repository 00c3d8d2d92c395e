/**
 * Reading a secret from the person at the keyboard or from a pipe, never from the command line.
 * On a terminal: raw mode, one `*` per character, Backspace and Ctrl-U edit, Ctrl-C cancels, escape
 * sequences (arrows, bracketed-paste markers) are ignored. From a pipe: everything, minus one trailing
 * newline.
 */
import { StringDecoder } from 'node:string_decoder';
import { VaultError } from './errors.js';

export interface SecretInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
  isRaw?: boolean;
  setRawMode?(raw: boolean): unknown;
}

export class InputCancelledError extends VaultError {
  constructor() {
    super('Cancelled; nothing was changed.');
  }
}

const ENTER = new Set(['\r', '\n']);
const BACKSPACE = new Set(['\x7f', '\b']);
const CTRL_C = '\x03';
const CTRL_D = '\x04';
const CTRL_U = '\x15';
const ESC = '\x1b';

/** Index just past the escape sequence starting at `start` (CSI `ESC [ … final`, SS3, or ESC + one). */
function skipEscape(chars: string[], start: number): number {
  const next = chars[start + 1];
  if (next === '[') {
    let i = start + 2;
    while (i < chars.length && !/[@-~]/.test(chars[i]!)) i++;
    return i + 1;
  }
  return start + 2;
}

/** Prompts on `output` and reads one masked line from a terminal. */
export function readMaskedLine(input: SecretInput, output: NodeJS.WritableStream, prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const typed: string[] = [];
    const decoder = new StringDecoder('utf8'); // a character may arrive split across two chunks
    const wasRaw = input.isRaw === true;
    const finish = (error?: Error) => {
      input.removeListener('data', onData);
      input.removeListener('end', onEnd);
      input.setRawMode?.(wasRaw);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(typed.join(''));
    };
    const erase = (count: number) => output.write('\b \b'.repeat(count));
    const onEnd = () => finish(new InputCancelledError());
    const onData = (chunk: Buffer | string) => {
      const chars = [...(typeof chunk === 'string' ? chunk : decoder.write(chunk))];
      for (let i = 0; i < chars.length; ) {
        const ch = chars[i]!;
        if (ENTER.has(ch)) return finish();
        if (ch === CTRL_C || (ch === CTRL_D && typed.length === 0)) return finish(new InputCancelledError());
        if (ch === ESC) {
          i = skipEscape(chars, i);
          continue;
        }
        if (BACKSPACE.has(ch)) {
          if (typed.length > 0) {
            typed.pop();
            erase(1);
          }
        } else if (ch === CTRL_U) {
          erase(typed.length);
          typed.length = 0;
        } else if (ch >= ' ') {
          typed.push(ch);
          output.write('*');
        }
        i++;
      }
    };
    input.setRawMode?.(true);
    input.on('data', onData);
    input.on('end', onEnd);
    output.write(prompt);
    input.resume();
  });
}

/** Reads a piped secret: all of stdin, without one trailing newline (`\n` or `\r\n`). */
export async function readPipedSecret(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}
