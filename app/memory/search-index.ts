/**
 * Full-text search over memory with MiniSearch: one document per file (its title, its path words and its
 * body), updated one file at a time. Only the inverted index is kept: no stored fields and no text (the
 * snippet finder reads the hit files). Ranking is MiniSearch's BM25 with a title boost, so a note titled
 * with the query beats a note that merely mentions it.
 *
 * Prefix and typo matching are expanded here rather than by MiniSearch: its own expansion scores every
 * completion of a prefix, and a three-letter prefix can have a thousand completions covering every note,
 * which costs a hundred milliseconds. Each query word gets at most MAX_EXPANSIONS extra terms (closest
 * first: short completions, small edit distances) from a vocabulary of every indexed term, and the score
 * is then corrected so that matching several completions of one word counts as matching one word.
 */
import MiniSearch, { type Query, type SearchResult } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { BulkIndexBuilder } from './bulk-index.js';
import { processLowerTerm, tokenize } from './search-tokens.js';

interface IndexedDoc {
  id: string;
  title: string;
  path: string;
  body: string;
}

export interface SearchMatch {
  name: string;
  score: number;
  /** The index terms that matched (after prefix and typo expansion): what the snippet looks for. */
  terms: string[];
  /** True when a term matched the title. */
  inTitle: boolean;
}

export interface SearchOptions {
  /** Most results returned (default 20). */
  limit?: number;
  /**
   * 'AND' (default): every query word must match (a completion or a near miss counts); when no note has
   * them all, the search falls back to 'OR' so a person typing still sees something. 'OR': any word.
   */
  combineWith?: 'AND' | 'OR';
  /** Completions of words of 3+ characters (default true). */
  prefix?: boolean;
  /** Typo tolerance: 1 edit for words of 4-7 characters, 2 from 8 (default true). */
  fuzzy?: boolean;
}

const TITLE_BOOST = 3;
const PATH_BOOST = 1.5;
const DEFAULT_LIMIT = 20;
const MAX_EXPANSIONS = 8;
// MiniSearch's default weights for prefix and fuzzy matches, and its formulas for them below.
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;

const maxEdits = (word: string): number => (word.length < 4 ? 0 : word.length < 8 ? 1 : 2);

/** Words of a path: folders and the file name without its extension. */
function pathWords(name: string): string {
  return name.replace(/\.(?:md|markdown|txt)$/i, '').replace(/[/_.-]+/g, ' ');
}

/** The distinct processed terms of a query, in order. */
function queryWords(query: string): string[] {
  const words = new Set<string>();
  for (const token of tokenize(query)) {
    const term = processLowerTerm(token);
    if (term !== null) words.add(term);
  }
  return [...words];
}

export class SearchIndex {
  /** Every term ever indexed (stale ones only cost an empty lookup); rebuilt with the index. */
  private readonly vocabulary = new SearchableMap<true>();
  private readonly known = new Set<string>();
  private readonly options = {
    fields: ['title', 'path', 'body'],
    tokenize,
    // Called with `tokenize`'s lower-case words; `field` is set when indexing, not when searching.
    processTerm: (word: string, field?: string): string | null => {
      const term = processLowerTerm(word);
      if (term !== null && field !== undefined) this.learn(term);
      return term;
    },
    searchOptions: { processTerm: processLowerTerm, prefix: false, fuzzy: false, boost: { title: TITLE_BOOST, path: PATH_BOOST } },
  };
  private mini: MiniSearch<IndexedDoc>;

  constructor() {
    this.mini = new MiniSearch<IndexedDoc>(this.options);
  }

  /**
   * For a full build: add every file to the builder, then `finish()` swaps the bulk-built index in
   * (much faster than adding the files one by one).
   */
  static builder(): { add(name: string, title: string, body: string): void; finish(): Promise<SearchIndex> } {
    const index = new SearchIndex();
    const bulk = new BulkIndexBuilder<IndexedDoc>(index.options, processLowerTerm);
    return {
      add: (name, title, body) => bulk.add(name, [title, pathWords(name), body]),
      finish: async () => {
        for (const term of bulk.terms()) index.learn(term);
        index.mini = await bulk.build();
        return index;
      },
    };
  }

  private learn(term: string): void {
    if (this.known.has(term)) return;
    this.known.add(term);
    this.vocabulary.set(term, true);
  }

  get documentCount(): number {
    return this.mini.documentCount;
  }

  has(name: string): boolean {
    return this.mini.has(name);
  }

  /** Adds or replaces the document of one file. */
  set(name: string, title: string, body: string): void {
    const doc = { id: name, title, path: pathWords(name), body };
    if (this.mini.has(name)) this.mini.replace(doc);
    else this.mini.add(doc);
  }

  remove(name: string): void {
    if (this.mini.has(name)) this.mini.discard(name);
  }

  /** The word itself and its closest completions and near misses, each with its weight. */
  private expand(word: string, opts: SearchOptions): Map<string, number> {
    const candidates: [string, number][] = [];
    if (opts.prefix !== false && word.length >= 3) {
      for (const term of this.vocabulary.atPrefix(word).keys()) {
        const extra = term.length - word.length;
        if (extra > 0) candidates.push([term, (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * extra)]);
      }
    }
    const edits = opts.fuzzy === false ? 0 : maxEdits(word);
    if (edits > 0) {
      for (const [term, [, distance]] of this.vocabulary.fuzzyGet(word, edits)) {
        if (distance > 0 && !term.startsWith(word)) candidates.push([term, (FUZZY_WEIGHT * term.length) / (term.length + distance)]);
      }
    }
    candidates.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return new Map([[word, 1], ...candidates.slice(0, MAX_EXPANSIONS)]);
  }

  search(query: string, opts: SearchOptions = {}): SearchMatch[] {
    const words = queryWords(query);
    if (words.length === 0) return [];
    const groups = words.map((word) => this.expand(word, opts));
    const wordsOf = new Map<string, Set<number>>();
    groups.forEach((group, i) => {
      for (const term of group.keys()) (wordsOf.get(term) ?? wordsOf.set(term, new Set()).get(term)!).add(i);
    });
    const run = (combineWith: 'AND' | 'OR'): SearchResult[] => {
      const queries: Query[] = groups.map((group) => ({
        combineWith: 'OR',
        queries: [[...group.keys()].join(' ')],
        boostTerm: (term: string) => group.get(term) ?? 1,
      }));
      return this.mini.search({ combineWith, queries });
    };
    const combineWith = opts.combineWith ?? 'AND';
    let results = run(combineWith);
    if (results.length === 0 && combineWith === 'AND' && words.length > 1) results = run('OR');
    // MiniSearch multiplies a score by the number of query terms matched; count query *words* instead.
    const rescored = results.map((r) => {
      const matchedWords = new Set<number>();
      for (const term of r.queryTerms) for (const i of wordsOf.get(term) ?? []) matchedWords.add(i);
      return { r, score: (r.score / Math.max(1, r.queryTerms.length)) * Math.max(1, matchedWords.size) };
    });
    rescored.sort((a, b) => b.score - a.score);
    return rescored.slice(0, opts.limit ?? DEFAULT_LIMIT).map(({ r, score }) => ({
      name: r.id as string,
      score,
      terms: r.terms,
      inTitle: Object.values(r.match).some((fields) => fields.includes('title')),
    }));
  }
}
