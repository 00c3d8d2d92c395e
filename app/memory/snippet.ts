/**
 * The line of a search hit to show: the line of the file holding the most distinct matched terms (the
 * first such line on a tie), with its 1-based number so the UI can open the file there, cut to a window
 * around the first match when long, and the character ranges of the matches for highlighting.
 */
import { termsWithOffsets } from './search-tokens.js';

export interface Snippet {
  /** 1-based line number in the file. */
  line: number;
  /** The line, or a window of it, safe to print (controls and invisible characters shown as spaces). */
  text: string;
  /** [start, end) ranges of matched words in `text`. */
  highlights: [number, number][];
}

const DEFAULT_MAX_CHARS = 160;
const LEAD_CHARS = 40;
const ASCII = /^[\x00-\x7f]*$/;
// Replaced one code unit for one space, so offsets stay valid.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ud800-\udfff]/g;

interface LineHit {
  index: number;
  distinct: number;
  total: number;
  ranges: [number, number][];
}

function scoreLine(line: string, index: number, wanted: ReadonlySet<string>, lowerTerms: readonly string[]): LineHit | null {
  // Cheap pre-check; non-ASCII lines skip it because accent folding can make a term match there.
  if (ASCII.test(line)) {
    const lower = line.toLowerCase();
    if (!lowerTerms.some((t) => lower.includes(t))) return null;
  }
  const found = new Set<string>();
  const ranges: [number, number][] = [];
  for (const { term, start, end } of termsWithOffsets(line)) {
    if (wanted.has(term)) {
      found.add(term);
      ranges.push([start, end]);
    }
  }
  return found.size === 0 ? null : { index, distinct: found.size, total: ranges.length, ranges };
}

function firstContentLine(lines: string[]): number {
  const heading = lines.findIndex((l) => /^ {0,3}#{1,6}\s/.test(l));
  if (heading >= 0) return heading;
  const nonEmpty = lines.findIndex((l) => l.trim() !== '');
  return nonEmpty >= 0 ? nonEmpty : 0;
}

/** Cuts `line` to at most `max` characters around the first range, with ellipses where it was cut. */
function window(line: string, ranges: [number, number][], max: number): { text: string; highlights: [number, number][] } {
  const leading = line.length - line.trimStart().length;
  let start = leading;
  let end = line.trimEnd().length;
  if (end - start > max) {
    const first = ranges[0]?.[0] ?? start;
    start = Math.max(start, Math.min(first - LEAD_CHARS, end - max));
    end = Math.min(end, start + max);
  }
  const prefix = start > leading ? '…' : '';
  const suffix = end < line.trimEnd().length ? '…' : '';
  const text = prefix + line.slice(start, end).replace(UNPRINTABLE, ' ') + suffix;
  const shift = prefix.length - start;
  const highlights = ranges
    .filter(([s, e]) => s >= start && e <= end)
    .map(([s, e]): [number, number] => [s + shift, e + shift]);
  return { text, highlights };
}

/** The best line of `text` for the matched index `terms` (as returned by the search). */
export function findSnippet(text: string, terms: readonly string[], maxChars = DEFAULT_MAX_CHARS): Snippet {
  const lines = text.split('\n');
  const wanted = new Set(terms);
  const lowerTerms = [...wanted];
  let best: LineHit | null = null;
  for (let i = 0; i < lines.length; i++) {
    const hit = scoreLine(lines[i]!, i, wanted, lowerTerms);
    if (hit && (!best || hit.distinct > best.distinct || (hit.distinct === best.distinct && hit.total > best.total))) best = hit;
  }
  const index = best ? best.index : firstContentLine(lines);
  const line = lines[index] ?? '';
  const { text: shown, highlights } = window(line.replace(/\r$/, ''), best?.ranges ?? [], maxChars);
  return { line: index + 1, text: shown, highlights };
}
