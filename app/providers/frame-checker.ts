/**
 * Checks a streamed body frame by frame before an SDK parses it: every SSE event's data (except
 * `[DONE]`) and every NDJSON line must be JSON. A broken frame throws a SyntaxError naming it, which
 * the transport guard turns into a 'malformed' failure (the SDKs would log it to the console, and the
 * ollama SDK would even skip it silently).
 */

export type Framing = 'sse' | 'ndjson' | 'json';

export interface FrameChecker {
  /** Throws SyntaxError at the first complete frame that is not valid. */
  push(chunk: Uint8Array): void;
  /** Checks what is left when the body ends. */
  end(): void;
  /** An SSE stream's `data: [DONE]` was seen. */
  readonly sawDone: boolean;
}

const snippet = (text: string) => JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);

function checkJson(text: string, where: string): void {
  try {
    JSON.parse(text);
  } catch {
    throw new SyntaxError(`bad JSON in ${where}: ${snippet(text)}`);
  }
}

/** Splits decoded text into complete lines, keeping the unfinished tail. */
class LineSplitter {
  private readonly decoder = new TextDecoder('utf-8');
  private tail = '';

  push(chunk: Uint8Array): string[] {
    let text = this.tail + this.decoder.decode(chunk, { stream: true });
    // A '\r' at the very end may be the first half of '\r\n': hold it back with the unfinished line.
    const held = text.endsWith('\r') ? '\r' : '';
    if (held) text = text.slice(0, -1);
    const lines = text.split(/\r\n|\r|\n/);
    this.tail = (lines.pop() ?? '') + held;
    return lines;
  }

  end(): string[] {
    const rest = (this.tail + this.decoder.decode()).replace(/\r$/, '');
    this.tail = '';
    return rest ? [rest] : [];
  }
}

class SseChecker implements FrameChecker {
  sawDone = false;
  private readonly lines = new LineSplitter();
  private data: string[] = [];

  push(chunk: Uint8Array): void {
    for (const line of this.lines.push(chunk)) this.line(line);
  }

  end(): void {
    for (const line of this.lines.end()) this.line(line);
    this.dispatch();
  }

  private line(line: string): void {
    if (line === '') return this.dispatch();
    if (line.startsWith('data:')) this.data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
    // comments (':') and the event/id/retry fields carry no JSON
  }

  private dispatch(): void {
    if (this.data.length === 0) return;
    const data = this.data.join('\n');
    this.data = [];
    if (data.startsWith('[DONE]')) {
      this.sawDone = true;
      return;
    }
    checkJson(data, 'an SSE event');
  }
}

class NdjsonChecker implements FrameChecker {
  readonly sawDone = false;
  private readonly lines = new LineSplitter();

  push(chunk: Uint8Array): void {
    for (const line of this.lines.push(chunk)) this.line(line);
  }

  end(): void {
    for (const line of this.lines.end()) this.line(line);
  }

  private line(line: string): void {
    if (line.trim() !== '') checkJson(line, 'a stream line');
  }
}

const NO_CHECK: FrameChecker = { push() {}, end() {}, sawDone: false };

export function createFrameChecker(framing: Framing): FrameChecker {
  if (framing === 'sse') return new SseChecker();
  if (framing === 'ndjson') return new NdjsonChecker();
  return NO_CHECK;
}
