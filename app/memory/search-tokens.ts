/**
 * How memory text is cut into search terms, shared by the index and the snippet finder so both agree on
 * what a "term" is: runs of letters, marks and digits; lower-cased; accents folded (café → cafe); single
 * characters, very long runs and a short list of English stop words dropped (they match nearly every
 * note, cost index time and add nothing to the ranking).
 */

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const NON_ASCII = /[^\x00-\x7f]/;
const COMBINING = /\p{M}/gu;
const MAX_TERM_LENGTH = 40;

export const STOP_WORDS: ReadonlySet<string> = new Set(
  ('a an and are as at be but by for from had has have he her his i if in into is it its me my no not of on or our ' +
    'she so than that the their them then there these they this to was we were what when which who will with you your')
    .split(' '),
);

/** The word runs of `text`, lower-cased (the whole text at once: cheaper than word by word). */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** Normalizes one lower-case word (as `tokenize` returns them) to its index term, or null to drop it. */
export function processLowerTerm(word: string): string | null {
  if (word.length < 2 || word.length > MAX_TERM_LENGTH) return null;
  const term = NON_ASCII.test(word) ? word.normalize('NFKD').replace(COMBINING, '') : word;
  return term.length < 2 || STOP_WORDS.has(term) ? null : term;
}

/** Normalizes any word to its index term, or null to drop it. */
export function processTerm(word: string): string | null {
  return processLowerTerm(word.toLowerCase());
}

/** Every term of `text` with its position, for finding where a hit is inside a line. */
export function termsWithOffsets(text: string): { term: string; start: number; end: number }[] {
  const out: { term: string; start: number; end: number }[] = [];
  // Matched on the original text, not its lower-cased copy: lower-casing can change lengths and offsets.
  for (const match of text.matchAll(WORD)) {
    const term = processTerm(match[0]);
    if (term !== null) out.push({ term, start: match.index, end: match.index + match[0].length });
  }
  return out;
}
