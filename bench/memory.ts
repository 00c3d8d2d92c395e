/**
 * Memory benchmark: 10,000 generated notes (~20 MB of markdown with headings, lists, code and links,
 * from a seeded PRNG so every run sees the same corpus) in a temporary home. Measures the full build
 * (store open: walk, read, catalog, MEMORY_INDEX.md, search index) against raw reads of the same files,
 * search latency (words, prefixes, typos, two-word queries; snippets included) against a naive substring
 * scan, one incremental update against a bare atomic write, the tree listing against a bare stat walk,
 * and the resident memory after the build. Prints nothing on stdout; progress goes to stderr.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootstrapHome, homePaths } from '../app/config/home.js';
import { writeFileAtomic } from '../app/memory/atomic-write.js';
import { MemoryStore } from '../app/memory/memory-store.js';
import { scanTree } from '../app/memory/tree-scan.js';
import { makeTempHome } from '../test/helpers/temp-home.js';

const NOTES = 10_000;
const QUERIES = 300;
const UPDATES = 20;
const TARGETS = { build_ms: 3000, query_p50_ms: 5, query_p99_ms: 20 };

const log = (line: string) => process.stderr.write(`bench: memory: ${line}\n`);

/** mulberry32: small, fast, good enough for test data. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMON = (
  'the of and to in is that for it as with was on be by this are from at or have an but not what all were when we there ' +
  'can more if no out so said up use into time has look two write go see number way could people my than first water been ' +
  'call who now find long down day did get come made may part meeting project notes idea plan review budget travel doctor ' +
  'appointment recipe garden book movie friend family birthday invoice server backup deploy release email calendar task ' +
  'question answer decision reminder weekly monthly summary draft research paper talk conference flight hotel train'
).split(' ');
const SYLLABLES = 'ka lo mi ra ten vu sel dor ph an quo zi bre nax tor el fin gu har ist jo lem mon per sta ul wen xy yor zed'.split(' ');
const TOPICS = Array.from({ length: 40 }, (_, i) => `topic-${String(i).padStart(2, '0')}`);

export interface Corpus {
  vocabulary: string[];
  notes: { name: string; text: string }[];
  bytes: number;
}

function makeVocabulary(rand: () => number, size: number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    let word = '';
    const parts = 2 + Math.floor(rand() * 3);
    for (let i = 0; i < parts; i++) word += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    words.add(word);
  }
  return [...words];
}

function makeNote(rand: () => number, vocabulary: string[], index: number): string {
  const rare = () => vocabulary[Math.floor(Math.pow(rand(), 2.2) * vocabulary.length)]!;
  const word = () => (rand() < 0.45 ? COMMON[Math.floor(rand() * COMMON.length)]! : rare());
  const sentence = (n: number) => {
    const words = Array.from({ length: n }, word).join(' ');
    return words[0]!.toUpperCase() + words.slice(1) + '.';
  };
  const paragraph = () => Array.from({ length: 2 + Math.floor(rand() * 4) }, () => sentence(6 + Math.floor(rand() * 12))).join(' ');
  const lines = [`# ${rare()} ${word()} ${rare()} ${index}`, '', paragraph(), ''];
  for (let s = 2 + Math.floor(rand() * 3); s > 0; s--) {
    lines.push(`## ${rare()} ${word()}`, '', paragraph(), '');
    if (rand() < 0.6) {
      for (let j = 2 + Math.floor(rand() * 5); j > 0; j--) lines.push(`- ${sentence(3 + Math.floor(rand() * 6))}`);
      lines.push('');
    }
    if (rand() < 0.3) lines.push('```ts', `const ${rare()} = ${Math.floor(rand() * 1000)};`, `export function ${rare()}(x: number) { return x * 2; }`, '```', '');
    if (rand() < 0.2) lines.push(`See [${rare()}](https://example.org/${rare()}) and 2024-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}.`, '');
  }
  return lines.join('\n');
}

export function makeCorpus(): Corpus {
  const rand = prng(20240601);
  const vocabulary = makeVocabulary(rand, 30_000);
  const notes: Corpus['notes'] = [];
  let bytes = 0;
  for (let i = 0; i < NOTES; i++) {
    const folder = i < 50 ? 'user' : i < 500 ? 'context' : `knowledge/${TOPICS[i % TOPICS.length]}`;
    const text = makeNote(rand, vocabulary, i);
    notes.push({ name: `${folder}/note-${String(i).padStart(5, '0')}.md`, text });
    bytes += Buffer.byteLength(text);
  }
  return { vocabulary, notes, bytes };
}

function makeQueries(corpus: Corpus): { kind: string; query: string }[] {
  const rand = prng(7);
  const pick = () => corpus.vocabulary[Math.floor(Math.pow(rand(), 2.2) * corpus.vocabulary.length)]!;
  const typo = (w: string) => {
    const at = 1 + Math.floor(rand() * (w.length - 2));
    return w.slice(0, at) + (w[at] === 'e' ? 'a' : 'e') + w.slice(at + 1);
  };
  const kinds = ['word', 'prefix', 'typo', 'two-words'] as const;
  return Array.from({ length: QUERIES }, (_, i) => {
    const kind = kinds[i % kinds.length]!;
    const w = pick();
    const query = kind === 'word' ? w : kind === 'prefix' ? w.slice(0, Math.max(3, Math.floor(w.length / 2))) : kind === 'typo' ? typo(w) : `${w} ${COMMON[Math.floor(rand() * COMMON.length)]}`;
    return { kind, query };
  });
}

/** Writes the corpus into `home`'s memory folder (bootstrapping the home); returns the folder. */
export function writeCorpus(home: string, corpus: Corpus): string {
  bootstrapHome(home);
  const memoryRoot = homePaths(home).memory;
  for (const note of corpus.notes) {
    mkdirSync(join(memoryRoot, note.name, '..'), { recursive: true, mode: 0o700 });
    writeFileSync(join(memoryRoot, note.name), note.text, { mode: 0o600 });
  }
  return memoryRoot;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

function percentiles(samples: number[]): { p50: number; p99: number; max: number; mean: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: round(at(0.5)), p99: round(at(0.99)), max: round(sorted[sorted.length - 1]!), mean: round(samples.reduce((a, b) => a + b, 0) / samples.length) };
}

function time<T>(run: () => T): [T, number] {
  const started = performance.now();
  const result = run();
  return [result, performance.now() - started];
}

async function timeAsync<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await run();
  return [result, performance.now() - started];
}

const median = (samples: number[]) => percentiles(samples).p50;
const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;

export async function benchMemory(): Promise<Record<string, unknown>> {
  const temp = makeTempHome('pyra-bench-memory-');
  try {
    log(`generating ${NOTES} notes`);
    const corpus = makeCorpus();
    const memoryRoot = writeCorpus(temp.home, corpus);

    log('baseline: raw reads');
    const [rawTexts, rawReadMs] = time(() => scanTree(memoryRoot).files.map((f) => readFileSync(join(memoryRoot, f.name), 'utf8')));
    const before = process.memoryUsage();

    log('catalog-only open');
    const [catalogOnly, catalogOpenMs] = await timeAsync(() => MemoryStore.open({ home: temp.home, search: false }));
    await catalogOnly.close();

    log('full build');
    const [store, buildMs] = await timeAsync(() => MemoryStore.open({ home: temp.home }));
    const after = process.memoryUsage();

    log('queries');
    const queries = makeQueries(corpus);
    for (const q of queries.slice(0, 20)) store.search(q.query); // warm-up
    const byKind: Record<string, number[]> = {};
    const all: number[] = [];
    let hits = 0;
    for (const q of queries) {
      const [found, ms] = time(() => store.search(q.query));
      hits += found.length > 0 ? 1 : 0;
      all.push(ms);
      (byKind[q.kind] ??= []).push(ms);
    }
    const naive = queries.slice(0, 50).map((q) => time(() => rawTexts.filter((t) => t.includes(q.query)).length)[1]);

    log('incremental updates');
    const target = corpus.notes[1234]!.name;
    const updates: number[] = [];
    const bareWrites: number[] = [];
    for (let i = 0; i < UPDATES; i++) {
      const text = `${corpus.notes[1234]!.text}\n\nEdit ${i}: zanzibarquux${i}\n`;
      updates.push((await timeAsync(() => store.write(target, text)))[1]);
      bareWrites.push((await timeAsync(() => writeFileAtomic(join(temp.home, 'bare-baseline.md'), text)))[1]);
    }
    const found = store.search(`zanzibarquux${UPDATES - 1}`);

    log('listing');
    const lists: number[] = [];
    const walks: number[] = [];
    for (let i = 0; i < 5; i++) {
      await store.write(target, `${corpus.notes[1234]!.text}\nlist ${i}\n`); // invalidates the cached tree
      lists.push(time(() => store.list())[1]);
      walks.push(time(() => scanTree(memoryRoot))[1]);
    }
    await store.close();

    const queryStats = percentiles(all);
    return {
      notes: NOTES,
      corpus_mb: mb(corpus.bytes),
      build_ms: Math.round(buildMs),
      build_baseline_raw_read_ms: Math.round(rawReadMs),
      catalog_only_open_ms: Math.round(catalogOpenMs),
      query_ms: queryStats,
      query_ms_by_kind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, percentiles(v)])),
      queries: queries.length,
      queries_with_hits: hits,
      query_baseline_substring_scan_ms: percentiles(naive),
      update_ms: { median: median(updates), max: round(Math.max(...updates)) },
      update_baseline_atomic_write_ms: { median: median(bareWrites), max: round(Math.max(...bareWrites)) },
      update_found_by_search: found[0]?.name === target,
      list_ms: median(lists),
      list_baseline_stat_walk_ms: median(walks),
      // RSS includes the build's transient peak (the bulk builder's postings); heap is what stays live.
      rss_mb: { before_build: mb(before.rss), after_build: mb(after.rss) },
      heap_used_mb: { before_build: mb(before.heapUsed), after_build: mb(after.heapUsed) },
      targets: TARGETS,
      meets_targets: buildMs <= TARGETS.build_ms && queryStats.p50 <= TARGETS.query_p50_ms && queryStats.p99 <= TARGETS.query_p99_ms,
    };
  } finally {
    temp.cleanup();
  }
}
