/**
 * Builds a MiniSearch index for many documents at once, about a third faster than `addAll`: postings are
 * gathered term by term in plain arrays and handed to `MiniSearch.loadJS` in its serialization format
 * (version 2, the one `toJSON()` writes), so MiniSearch fills each term's map in one go instead of
 * touching hundreds of maps per document. The result is the same index `add()` would build, field
 * lengths and averages included (a unit test compares the two); later changes use add/replace/discard.
 */
import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Terms converted between two yields to the event loop while finishing. */
const TERMS_PER_TURN = 4096;

export interface BulkOptions<T> extends Options<T> {
  tokenize: (text: string) => string[];
}

/** Postings of one term in one field: [docId, frequency, docId, frequency, …], docIds ascending. */
type Postings = number[];

export class BulkIndexBuilder<T> {
  private readonly postings: Map<string, Postings>[];
  private readonly documentIds: Record<string, string> = {};
  private readonly fieldLength: Record<string, number[]> = {};
  private readonly totalLength: number[];
  private count = 0;

  /**
   * `processTerm` is used while gathering (it may differ from the options' own, e.g. to skip a hook the
   * caller runs once per distinct term instead); `options` are what the finished index is loaded with.
   */
  constructor(
    private readonly options: BulkOptions<T>,
    private readonly processTerm: (term: string) => string | null,
  ) {
    this.postings = options.fields.map(() => new Map());
    this.totalLength = options.fields.map(() => 0);
  }

  /** Adds one document: its id and the text of each field, in the order of `options.fields`. */
  add(id: string, values: readonly string[]): void {
    const shortId = this.count++;
    this.documentIds[shortId] = id;
    const lengths: number[] = [];
    for (let fieldId = 0; fieldId < this.postings.length; fieldId++) {
      const tokens = this.options.tokenize(values[fieldId] ?? '');
      // MiniSearch's field length: the number of distinct tokens before processing.
      const length = new Set(tokens).size;
      lengths.push(length);
      this.totalLength[fieldId]! += length;
      const postings = this.postings[fieldId]!;
      for (const token of tokens) {
        const term = this.processTerm(token);
        if (!term) continue;
        const entry = postings.get(term);
        if (!entry) postings.set(term, [shortId, 1]);
        else if (entry[entry.length - 2] === shortId) entry[entry.length - 1]! += 1;
        else entry.push(shortId, 1);
      }
    }
    this.fieldLength[shortId] = lengths;
  }

  /** Every distinct term gathered so far, in any field. */
  terms(): Set<string> {
    const all = new Set<string>();
    for (const postings of this.postings) for (const term of postings.keys()) all.add(term);
    return all;
  }

  /**
   * The finished index; the builder must not be used afterwards. Yields to the event loop while it
   * converts the postings; the final `loadJS` runs in one go (about 0.4 s for 10,000 notes).
   */
  async build(): Promise<MiniSearch<T>> {
    const index = new Map<string, Record<string, Record<string, number>>>();
    let converted = 0;
    for (let fieldId = 0; fieldId < this.postings.length; fieldId++) {
      for (const [term, entry] of this.postings[fieldId]!) {
        if (++converted % TERMS_PER_TURN === 0) await nextTurn();
        const perDoc: Record<string, number> = {};
        for (let i = 0; i < entry.length; i += 2) perDoc[entry[i]!] = entry[i + 1]!;
        let fields = index.get(term);
        if (!fields) index.set(term, (fields = {}));
        fields[fieldId] = perDoc;
      }
      this.postings[fieldId]!.clear();
    }
    const plain: AsPlainObject = {
      documentCount: this.count,
      nextId: this.count,
      documentIds: this.documentIds,
      fieldIds: Object.fromEntries(this.options.fields.map((field, i) => [field, i])),
      fieldLength: this.fieldLength,
      averageFieldLength: this.totalLength.map((total) => (this.count === 0 ? 0 : total / this.count)),
      storedFields: {},
      dirtCount: 0,
      index: [...index],
      serializationVersion: 2,
    };
    return MiniSearch.loadJS(plain, this.options);
  }
}
