import { entityAt } from './html-entities.js';

/**
 * The folding pass of the injection scanner: one linear walk over the text that produces the spelling
 * the rules match against, plus a map back to the original offsets. Folding means: HTML character
 * references and JSON `\uXXXX` escapes decoded, compatibility forms (fullwidth, ligatures, math letters)
 * replaced by their plain letters (NFKD), diacritics dropped, common Cyrillic/Greek look-alikes mapped to
 * Latin, everything lower-cased, and invisible characters (zero-width, bidi controls, variation
 * selectors, tag characters) removed. HTML comments are cut out of the folded text and handed back as
 * hidden segments, as are runs of Unicode tag characters decoded to the ASCII they smuggle.
 */

export type HiddenChannel = 'html_comment' | 'tag_chars' | 'base64' | 'percent';

export interface Span {
  start: number;
  end: number;
}

export interface HiddenSegment {
  channel: HiddenChannel;
  /** The decoded hidden text, not yet folded. */
  text: string;
  /** Where it sits in the text that was folded. */
  span: Span;
}

export interface FoldedText {
  text: string;
  /** `offsets[i]` is the index in the input of folded char `i`; `offsets[text.length]` is the input length. */
  offsets: Int32Array;
  hidden: HiddenSegment[];
  /** Count of removed invisible characters (zero-width, bidi, variation selectors). */
  invisibles: number;
  /** Count of bidi override/embedding controls, which reorder what a reader sees. */
  bidiOverrides: number;
}

/** Printable ASCII except `&`, `<` and `\`, plus tab/LF/CR: copied through with only lower-casing. */
const SPECIAL = /[^\t\n\r\x20-\x25\x27-\x3b\x3d-\x5b\x5d-\x7e]/g;
const JSON_ESCAPE = /\\(?:u([0-9a-fA-F]{4})|([nrt"/\\]))/y;

const HOMOGLYPHS: Record<string, string> = {
  // Cyrillic
  а: 'a', в: 'b', е: 'e', ё: 'e', з: '3', і: 'i', ї: 'i', ј: 'j', к: 'k', м: 'm', н: 'h', о: 'o',
  р: 'p', с: 'c', т: 't', у: 'y', х: 'x', ѕ: 's', һ: 'h', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l', ɡ: 'g',
  // Greek
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x',
  ϲ: 'c', ϳ: 'j',
  // Latin and others that NFKD leaves alone
  ı: 'i', ȷ: 'j', ɑ: 'a', ʏ: 'y', ł: 'l', ø: 'o', đ: 'd', ħ: 'h', օ: 'o', ս: 'u', ꭵ: 'i',
  '\u2028': '\n', '\u2029': '\n', '\u0085': '\n',
};

const MARKS = /\p{M}/gu;

function isInvisible(cp: number): boolean {
  return (
    cp === 0x00ad || cp === 0x034f || cp === 0x061c || cp === 0x180e ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x206f) ||
    cp === 0xfeff ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xe0100 && cp <= 0xe01ef)
  );
}

const isBidiOverride = (cp: number) => (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
const isTag = (cp: number) => cp >= 0xe0000 && cp <= 0xe007f;
const BLACK_FLAG = 0x1f3f4; // emoji subdivision flags are U+1F3F4 followed by tag characters

const foldCache = new Map<number, string>();

/** The folded spelling of one non-ASCII code point (possibly empty, possibly several chars). */
function foldCodePoint(cp: number): string {
  let folded = foldCache.get(cp);
  if (folded !== undefined) return folded;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0 && cp !== 0x85)) {
    folded = ' ';
  } else {
    const lower = String.fromCodePoint(cp).normalize('NFKD').replace(MARKS, '').toLowerCase();
    folded = '';
    for (const ch of lower) folded += HOMOGLYPHS[ch] ?? ch;
  }
  if (foldCache.size < 65536) foldCache.set(cp, folded);
  return folded;
}

/** Growable output: folded chunks and the original offset of every folded char. */
class FoldBuilder {
  private parts: string[] = [];
  private pending = ''; // small pushes collect here: one array entry per char would dominate on CJK text
  private offsets: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.offsets = new Int32Array(Math.max(16, capacity + 1));
  }

  private reserve(extra: number): void {
    if (this.length + extra + 1 <= this.offsets.length) return;
    const grown = new Int32Array(Math.max(this.offsets.length * 2, this.length + extra + 1));
    grown.set(this.offsets.subarray(0, this.length));
    this.offsets = grown;
  }

  /** Appends an ASCII run that maps one to one onto the input starting at `origin`. */
  pushRun(run: string, origin: number): void {
    this.reserve(run.length);
    this.flushPending();
    this.parts.push(run.toLowerCase());
    for (let k = 0; k < run.length; k++) this.offsets[this.length + k] = origin + k;
    this.length += run.length;
  }

  /** Appends folded text that all stems from the input char(s) starting at `origin`. */
  push(text: string, origin: number): void {
    if (text.length === 0) return;
    this.reserve(text.length);
    this.pending += text;
    if (this.pending.length >= 4096) this.flushPending();
    if (text.length === 1) this.offsets[this.length] = origin;
    else this.offsets.fill(origin, this.length, this.length + text.length);
    this.length += text.length;
  }

  private flushPending(): void {
    if (this.pending.length > 0) {
      this.parts.push(this.pending);
      this.pending = '';
    }
  }

  finish(inputLength: number): { text: string; offsets: Int32Array } {
    this.reserve(0);
    this.flushPending();
    this.offsets[this.length] = inputLength;
    return { text: this.parts.join(''), offsets: this.offsets.subarray(0, this.length + 1) };
  }
}

/** Folds the input per the module comment. Linear in the input length. */
export function foldText(input: string): FoldedText {
  const out = new FoldBuilder(input.length);
  const hidden: HiddenSegment[] = [];
  let invisibles = 0;
  let bidiOverrides = 0;
  let tagText = '';
  let tagStart = -1;
  let previousCp = 0;

  const flushTags = (end: number) => {
    if (tagStart >= 0 && tagText.trim().length > 0) hidden.push({ channel: 'tag_chars', text: tagText, span: { start: tagStart, end } });
    tagText = '';
    tagStart = -1;
  };

  let i = 0;
  SPECIAL.lastIndex = 0;
  while (i < input.length) {
    SPECIAL.lastIndex = i;
    const next = SPECIAL.exec(input);
    const stop = next ? next.index : input.length;
    if (stop > i) {
      flushTags(i);
      out.pushRun(input.slice(i, stop), i);
      previousCp = input.charCodeAt(stop - 1);
      i = stop;
    }
    if (i >= input.length) break;

    const ch = input[i]!;
    if (ch === '&') {
      const entity = entityAt(input, i);
      if (entity) {
        foldDecoded(entity.decoded, i, out);
        i += entity.length;
      } else {
        out.push('&', i);
        i += 1;
      }
      continue;
    }
    if (ch === '<') {
      if (input.startsWith('<!--', i)) {
        const close = input.indexOf('-->', i + 4);
        const end = close < 0 ? input.length : close + 3;
        hidden.push({ channel: 'html_comment', text: input.slice(i + 4, close < 0 ? input.length : close), span: { start: i, end } });
        out.push(' ', i);
        i = end;
      } else {
        out.push('<', i);
        i += 1;
      }
      continue;
    }
    if (ch === '\\') {
      JSON_ESCAPE.lastIndex = i;
      const escape = JSON_ESCAPE.exec(input);
      if (escape) {
        const decoded = escape[1] !== undefined ? String.fromCharCode(parseInt(escape[1], 16)) : ({ n: '\n', r: '\n', t: ' ' } as Record<string, string>)[escape[2]!] ?? escape[2]!;
        foldDecoded(decoded, i, out);
        i += escape[0].length;
      } else {
        out.push('\\', i);
        i += 1;
      }
      continue;
    }

    const cp = input.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (isTag(cp)) {
      if (previousCp !== BLACK_FLAG) {
        if (tagStart < 0) tagStart = i;
        const ascii = cp - 0xe0000;
        if (ascii >= 0x20 && ascii < 0x7f) tagText += String.fromCharCode(ascii);
      }
      invisibles++;
      i += width;
      continue; // keep previousCp so a whole flag sequence after U+1F3F4 is skipped
    }
    flushTags(i);
    if (isInvisible(cp)) {
      invisibles++;
      if (isBidiOverride(cp)) bidiOverrides++;
    } else {
      out.push(foldCodePoint(cp), i);
    }
    previousCp = cp;
    i += width;
  }
  flushTags(input.length);
  return { ...out.finish(input.length), hidden, invisibles, bidiOverrides };
}

/** Folds text decoded from an escape or a reference; everything maps back to where the escape began. */
function foldDecoded(decoded: string, origin: number, out: FoldBuilder): void {
  for (const ch of decoded) {
    const cp = ch.codePointAt(0)!;
    if (isInvisible(cp) || isTag(cp)) continue;
    if (cp < 0x80 && cp >= 0x20) out.push(ch.toLowerCase(), origin);
    else if (cp === 0x0a || cp === 0x09 || cp === 0x0d) out.push(ch, origin);
    else out.push(foldCodePoint(cp), origin);
  }
}
