import type { HiddenSegment, Span } from './normalize-text.js';

/**
 * Finds text smuggled in encodings a model would happily decode by itself: base64 runs and
 * percent-encoded runs. Each decoded run that reads as text becomes a hidden segment for the scanner.
 * Works on the raw input (base64 is case-sensitive, so it can't use the folded text). Linear time.
 */

export const MIN_BASE64_RUN = 20;

const PERCENT_ESCAPE = /%(?:[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4})/g;
const TOKEN_BREAK = /[\s"'<>`]/;
const MAX_DECODE_ROUNDS = 3;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decoded bytes that read as human text: valid UTF-8, no controls, mostly letters and spaces. */
export function readableText(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return null;
  }
  if (text.length < 4) return null;
  let wordy = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f || c === 0xfffd) return null;
    if (c === 0x20 || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c >= 0xc0) wordy++;
  }
  return wordy / text.length >= 0.6 ? text : null;
}

const BASE64_CHAR = new Uint8Array(128);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-') BASE64_CHAR[ch.charCodeAt(0)] = 1;
const isBase64Char = (code: number) => code < 128 && BASE64_CHAR[code] === 1;

/** A wrapped continuation line: at least four base64 characters, not a `--` MIME boundary or signature. */
function startsBase64Line(input: string, at: number): boolean {
  if (input.charCodeAt(at) === 0x2d) return false;
  for (let k = 0; k < 4; k++) if (!isBase64Char(input.charCodeAt(at + k))) return false;
  return true;
}

/**
 * Runs of base64 alphabet at least MIN_BASE64_RUN long, with up to two `=` of padding, continuing across
 * single line breaks as MIME bodies wrap them. A hand-written scan: a regex with a minimum repeat count
 * over a multi-megabyte run overflows V8's backtracking stack.
 */
function base64Runs(input: string): Span[] {
  const runs: Span[] = [];
  let i = 0;
  while (i < input.length) {
    if (!isBase64Char(input.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let chars = 0;
    let end = i;
    for (;;) {
      while (i < input.length && isBase64Char(input.charCodeAt(i))) {
        i++;
        chars++;
      }
      let pad = 0;
      while (pad < 2 && input.charCodeAt(i) === 0x3d) {
        i++;
        pad++;
      }
      end = i;
      // Continue over one line break when the next line goes on with base64 (wrapped MIME body).
      let next = i;
      if (input.charCodeAt(next) === 0x0d) next++;
      if (pad === 0 && chars >= MIN_BASE64_RUN && input.charCodeAt(next) === 0x0a && startsBase64Line(input, next + 1)) {
        i = next + 1;
        continue;
      }
      break;
    }
    if (chars >= MIN_BASE64_RUN) runs.push({ start, end });
  }
  return runs;
}

export function base64Segments(input: string): HiddenSegment[] {
  const segments: HiddenSegment[] = [];
  for (const span of base64Runs(input)) {
    const run = input.slice(span.start, span.end).replace(/\s+/g, '');
    // A long word or identifier made only of letters is far likelier than base64 of text; real base64
    // of prose has digits or mixed case in nearly every 20 chars, so requiring either costs nothing.
    if (!/[0-9+/=]/.test(run) && !(/[a-z]/.test(run) && /[A-Z]/.test(run))) continue;
    const text = readableText(Buffer.from(run, 'base64'));
    if (text !== null) segments.push({ channel: 'base64', text, span });
  }
  return segments;
}

/** One round of lenient percent-decoding: `%XX` byte runs as UTF-8, `%uXXXX` as UTF-16; `+` as space. */
export function percentDecode(text: string): string {
  return text
    .replace(/\+/g, ' ')
    .replace(/%u([0-9A-Fa-f]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      const bytes = Buffer.from(run.replace(/%/g, ''), 'hex');
      try {
        return utf8.decode(bytes);
      } catch {
        return bytes.toString('latin1');
      }
    });
}

/** Tokens (between whitespace or quotes) holding at least two percent escapes, decoded until stable. */
export function percentSegments(input: string): HiddenSegment[] {
  const segments: HiddenSegment[] = [];
  PERCENT_ESCAPE.lastIndex = 0;
  for (let match = PERCENT_ESCAPE.exec(input); match; match = PERCENT_ESCAPE.exec(input)) {
    let start = match.index;
    while (start > 0 && !TOKEN_BREAK.test(input[start - 1]!)) start--;
    let end = match.index + match[0].length;
    while (end < input.length && !TOKEN_BREAK.test(input[end]!)) end++;
    PERCENT_ESCAPE.lastIndex = end;

    const token = input.slice(start, end);
    const escapes = token.match(/%(?:[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4})/g)?.length ?? 0;
    if (escapes < 2) continue;
    let decoded = token;
    for (let round = 0; round < MAX_DECODE_ROUNDS && /%(?:[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4})/.test(decoded); round++) {
      decoded = percentDecode(decoded);
    }
    if (decoded !== token) segments.push({ channel: 'percent', text: decoded, span: { start, end } });
  }
  return segments;
}
