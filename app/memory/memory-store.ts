/**
 * The memory service: the user's markdown notes under `<home>/memory`, with a catalog kept current,
 * MEMORY_INDEX.md regenerated after every change, full-text search, pins, and change events for the
 * dashboard. File operations go through MemoryFiles (safe-path check, atomic writes); everything that
 * changes the store's state runs one at a time, in call order.
 *
 *     const memory = await MemoryStore.open({ home, watch: true });
 *     const off = memory.onChange((c) => …);      // { kind: 'added'|'changed'|'removed', name, type, origin }
 *     const doc = await memory.read('user/profile.md');
 *     await memory.write('user/profile.md', text, { expectedVersion: doc.version });  // MemoryConflictError if changed
 *     memory.search('dentist');                     // ranked hits with a line number and snippet each
 *     await memory.close();
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { homePaths, pyraHome } from '../config/home.js';
import { MEMORY_DIR_MODE } from './atomic-write.js';
import { MemoryError } from './errors.js';
import { decodeText, MAX_PREVIEW_BYTES } from './file-kind.js';
import { FolderWatcher, type WatchBatch } from './folder-watcher.js';
import { IndexFile } from './index-file.js';
import { compareNames, type MemoryEntry, type MemoryFolderNode } from './memory-catalog.js';
import {
  MemoryFiles,
  type MemoryDocument,
  type MemoryStat,
  type RemoveOptions,
  type RenameOptions,
  type WriteOptions,
} from './memory-files.js';
import { memoryLocation, resolveMemoryName, type MemoryLocation } from './memory-names.js';
import { MemoryTracker, type MemoryChange } from './memory-tracker.js';
import { readPins, removePins, renamePins, writePins } from './pinned.js';
import type { SearchOptions } from './search-index.js';
import { findSnippet } from './snippet.js';

export type { MemoryChange } from './memory-tracker.js';

export interface OpenOptions {
  /** The Pyra home (default: pyraHome()). The memory folder is created (mode 700) when missing. */
  home?: string;
  /** Build the full-text index (default true). Without it `search()` throws; open is much cheaper. */
  search?: boolean;
  /** Pick up changes made outside Pyra: true (fs.watch per folder) or 'poll'. Default false. */
  watch?: boolean | 'poll';
  /** Quiet time that ends a burst of outside changes (default 100 ms). */
  debounceMs?: number;
  /** Rescan period when polling (default 2000 ms). */
  pollIntervalMs?: number;
  /** Called while the full build reads files. */
  onProgress?: (done: number, total: number) => void;
}

export interface SearchHit {
  name: string;
  title: string;
  score: number;
  /** The query matched the note's title. */
  inTitle: boolean;
  /** 1-based line of the best match (the snippet's line). */
  line: number;
  snippet: string;
  /** [start, end) ranges of the matched words in `snippet`. */
  highlights: [number, number][];
}

export type ChangeListener = (change: MemoryChange) => void;

export class MemoryStore {
  readonly home: string;
  /** Real absolute path of the memory folder. */
  readonly root: string;
  private readonly location: MemoryLocation;
  private readonly files: MemoryFiles;
  private readonly tracker: MemoryTracker;
  private readonly listeners = new Set<ChangeListener>();
  private queue: Promise<unknown> = Promise.resolve();
  private pins: string[] = [];
  private closed = false;

  private constructor(home: string, searchEnabled: boolean) {
    const paths = homePaths(home);
    mkdirSync(paths.memory, { recursive: true, mode: MEMORY_DIR_MODE });
    this.home = home;
    this.location = memoryLocation(paths.memory, home);
    this.root = this.location.root;
    this.files = new MemoryFiles(this.location);
    this.tracker = new MemoryTracker(this.root, new IndexFile(paths.memoryIndex), searchEnabled);
  }

  /** Reads the whole memory folder, writes MEMORY_INDEX.md, and starts watching when asked. */
  static async open(opts: OpenOptions = {}): Promise<MemoryStore> {
    const store = new MemoryStore(opts.home ?? pyraHome(), opts.search !== false);
    if (opts.watch) {
      store.tracker.watcher = new FolderWatcher(store.root, (batch) => void store.applyBatch(batch), {
        mode: opts.watch === 'poll' ? 'poll' : 'native',
        debounceMs: opts.debounceMs,
        pollIntervalMs: opts.pollIntervalMs,
      });
    }
    // Queued like any change, so outside changes noticed meanwhile are applied after it.
    const build = (async () => {
      await store.tracker.rebuild(opts.onProgress);
      await store.tracker.indexFile.write();
      store.pins = await readPins(store.root);
    })();
    store.queue = build.catch(() => undefined);
    try {
      await build;
    } catch (err) {
      store.tracker.watcher?.close();
      throw err;
    }
    return store;
  }

  /** 'native', 'poll', or null when not watching. */
  get watchMode(): 'native' | 'poll' | null {
    return this.tracker.watcher?.mode ?? null;
  }

  get fileCount(): number {
    return this.tracker.catalog.fileCount;
  }

  get searchEnabled(): boolean {
    return this.tracker.search !== null;
  }

  /** Subscribes to changes (own operations and, when watching, outside ones). Returns the unsubscriber. */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- reading ------------------------------------------------------------------------------------

  /** The tree of folders and files with sizes, times and counts; from memory, no disk access. */
  list(): MemoryFolderNode {
    return this.tracker.catalog.list();
  }

  /** Every file's entry, sorted by name. */
  entries(): MemoryEntry[] {
    return [...this.tracker.catalog.allFiles()].sort((a, b) => compareNames(a.name, b.name));
  }

  entry(name: string): MemoryEntry | undefined {
    return this.tracker.catalog.getFile(name);
  }

  read(name: string): Promise<MemoryDocument> {
    return this.files.read(name);
  }

  stat(name: string): Promise<MemoryStat> {
    return this.files.stat(name);
  }

  // ---- changing -------------------------------------------------------------------------------------

  write(name: string, text: string, opts: WriteOptions = {}): Promise<MemoryStat> {
    return this.change(async () => {
      const result = await this.files.write(name, text, opts);
      return { result, changes: this.tracker.recordFile(result.name, 'pyra') };
    });
  }

  append(name: string, text: string, opts: WriteOptions = {}): Promise<MemoryStat> {
    return this.change(async () => {
      const result = await this.files.append(name, text, opts);
      return { result, changes: this.tracker.recordFile(result.name, 'pyra') };
    });
  }

  /** Moves a file or a folder; pins follow it. Emits 'removed' for the old names and 'added' for the new. */
  rename(from: string, to: string, opts: RenameOptions = {}): Promise<{ from: string; to: string; type: 'file' | 'folder' }> {
    return this.change(async () => {
      const result = await this.files.rename(from, to, opts);
      const t = this.tracker;
      const changes =
        result.type === 'file'
          ? [...t.forgetFile(result.from, 'pyra'), ...t.recordFile(result.to, 'pyra')]
          : [...t.forgetFolder(result.from, 'pyra'), ...t.addFolder(result.to, 'pyra')];
      await this.savePins(renamePins(this.pins, result.from, result.to));
      return { result, changes };
    });
  }

  /** Deletes a file, or a folder (`recursive` for a non-empty one); unpins what is gone. */
  remove(name: string, opts: RemoveOptions = {}): Promise<{ name: string; type: 'file' | 'folder' }> {
    return this.change(async () => {
      const result = await this.files.remove(name, opts);
      const changes =
        result.type === 'file' ? this.tracker.forgetFile(result.name, 'pyra') : this.tracker.forgetFolder(result.name, 'pyra');
      await this.savePins(removePins(this.pins, result.name));
      return { result, changes };
    });
  }

  createFolder(name: string): Promise<{ name: string; created: boolean }> {
    return this.change(async () => {
      const result = await this.files.createFolder(name);
      return { result, changes: this.tracker.addFolder(result.name, 'pyra') };
    });
  }

  /** Rebuilds everything from the disk (catalog, index file, search); emits what differs. */
  reindex(): Promise<{ files: number; ms: number }> {
    return this.change(async () => {
      const started = performance.now();
      const previous = await this.tracker.rebuild();
      const changes: MemoryChange[] = [];
      for (const entry of this.tracker.catalog.allFiles()) {
        const before = previous.get(entry.name);
        previous.delete(entry.name);
        if (!before) changes.push({ kind: 'added', name: entry.name, type: 'file', origin: 'pyra' });
        else if (before.mtimeMs !== entry.mtimeMs || before.size !== entry.size || before.ino !== entry.ino) {
          changes.push({ kind: 'changed', name: entry.name, type: 'file', origin: 'pyra' });
        }
      }
      for (const name of previous.keys()) changes.push({ kind: 'removed', name, type: 'file', origin: 'pyra' });
      await this.tracker.indexFile.write({ force: true });
      return { result: { files: this.tracker.catalog.fileCount, ms: performance.now() - started }, changes };
    });
  }

  // ---- search -----------------------------------------------------------------------------------------

  /** Ranked hits for `query` (prefix and typo tolerant), each with its best line. Synchronous. */
  search(query: string, opts: SearchOptions = {}): SearchHit[] {
    const index = this.tracker.search;
    if (!index) throw new MemoryError('This memory store was opened without search.');
    return index.search(query, opts).flatMap((match) => {
      const entry = this.tracker.catalog.getFile(match.name);
      if (!entry) return [];
      const text = this.textForSnippet(match.name, entry);
      const snippet = text === null ? { line: 1, text: entry.summary || entry.title, highlights: [] } : findSnippet(text, match.terms);
      return [{ name: match.name, title: entry.title, score: match.score, inTitle: match.inTitle, line: snippet.line, snippet: snippet.text, highlights: snippet.highlights }];
    });
  }

  private textForSnippet(name: string, entry: MemoryEntry): string | null {
    if (entry.size > MAX_PREVIEW_BYTES || entry.kind.format === 'binary') return null;
    try {
      return decodeText(readFileSync(resolveMemoryName(this.location, name, 'read').path));
    } catch {
      return null; // gone since the last event: the watcher will catch up
    }
  }

  // ---- pins -----------------------------------------------------------------------------------------------

  /** Pinned file names, in pin order. */
  pinned(): string[] {
    return [...this.pins];
  }

  /** Pins an existing file (checked through the safe-path check). Returns its canonical name. */
  pin(name: string): Promise<string> {
    return this.change(async () => {
      const { text: _text, name: canonical } = await this.files.read(name);
      if (!this.pins.includes(canonical)) await this.savePins([...this.pins, canonical]);
      return { result: canonical, changes: [] };
    });
  }

  /** Unpins a name (it need not exist any more). Returns whether it was pinned. */
  unpin(name: string): Promise<boolean> {
    return this.change(async () => {
      let canonical = name.normalize('NFC');
      try {
        canonical = resolveMemoryName(this.location, name, 'read').name;
      } catch (err) {
        if (!this.pins.includes(canonical)) throw err; // a refused name can still be unpinned by its exact spelling
      }
      const had = this.pins.includes(canonical);
      if (had) await this.savePins(this.pins.filter((p) => p !== canonical));
      return { result: had, changes: [] };
    });
  }

  private async savePins(next: string[]): Promise<void> {
    if (next.length === this.pins.length && next.every((p, i) => p === this.pins[i])) return;
    await writePins(this.root, next);
    this.pins = next;
  }

  // ---- lifecycle ---------------------------------------------------------------------------------------

  /** Resolves once every queued change (including noticed outside changes) has been applied. */
  async idle(): Promise<void> {
    await this.queue;
  }

  /** Stops watching and waits for queued work; events stop. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.tracker.watcher?.close();
    await this.queue;
    this.listeners.clear();
  }

  /** Runs a state change after the ones before it, writes the index, then emits its events. */
  private change<T>(run: () => Promise<{ result: T; changes: MemoryChange[] }>): Promise<T> {
    if (this.closed) return Promise.reject(new MemoryError('The memory store is closed.'));
    const next = this.queue.then(async () => {
      const { result, changes } = await run();
      if (changes.length > 0) await this.tracker.indexFile.write();
      this.emit(changes);
      return result;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private applyBatch(batch: WatchBatch): Promise<void> {
    if (this.closed) return Promise.resolve();
    return this.change(async () => {
      const t = this.tracker;
      const changes: MemoryChange[] = [];
      if (batch.everything) changes.push(...t.reconcile('', 'external'));
      else {
        for (const folder of batch.folders) changes.push(...t.reconcile(folder, 'external'));
        for (const name of batch.names) changes.push(...t.refresh(name, 'external'));
      }
      return { result: undefined, changes };
    }).catch(() => undefined); // a vanished file mid-read: the next event sets it right
  }

  private emit(changes: MemoryChange[]): void {
    for (const change of changes) {
      for (const listener of [...this.listeners]) {
        try {
          listener(change);
        } catch {
          // A listener's bug must not break the store.
        }
      }
    }
  }
}
