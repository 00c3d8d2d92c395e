/**
 * Notices changes made to the memory folder from outside Pyra (another editor, a sync tool) and reports
 * them in debounced batches of memory names to re-check.
 *
 * Node 20's `fs.watch(dir, { recursive: true })` is not used: on Linux it is emulated in JavaScript with
 * one inotify watch per file *and* folder (10,000 notes would exhaust the default inotify limit on many
 * systems), it reports every existing file as changed when it starts, and its `unref()` does not work.
 * Instead each folder gets one non-recursive, non-persistent `fs.watch` (inotify reports its children),
 * and folders are added and dropped as the tree changes. If the system refuses more watches (ENOSPC,
 * EMFILE) the watcher falls back to polling: a periodic full rescan, which costs tens of milliseconds.
 * Nothing here keeps the process alive, and `close()` stops everything.
 */
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { INDEX_FILE_NAME } from './memory-names.js';

export interface WatchBatch {
  /** Memory names (files or folders) that may have been added, changed or removed. */
  names: Set<string>;
  /** Folders whose listing must be rescanned (an event without a file name, or an error). */
  folders: Set<string>;
  /** The whole tree must be rescanned (polling mode). */
  everything: boolean;
}

export interface WatcherOptions {
  /** Quiet time that ends a burst (default 100 ms). */
  debounceMs?: number;
  /** A burst is reported at the latest this long after its first event (default 1000 ms). */
  maxDelayMs?: number;
  /** 'native' (default) or 'poll'. */
  mode?: 'native' | 'poll';
  /** Rescan period when polling (default 2000 ms). */
  pollIntervalMs?: number;
}

const join2 = (folder: string, base: string) => (folder === '' ? base : `${folder}/${base}`);

export class FolderWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private pending: WatchBatch = { names: new Set(), folders: new Set(), everything: false };
  private timer: NodeJS.Timeout | null = null;
  private burstStart = 0;
  private pollTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private currentMode: 'native' | 'poll';
  private readonly debounceMs: number;
  private readonly maxDelayMs: number;
  private readonly pollIntervalMs: number;

  constructor(
    private readonly root: string,
    private readonly onBatch: (batch: WatchBatch) => void,
    opts: WatcherOptions = {},
  ) {
    this.debounceMs = opts.debounceMs ?? 100;
    this.maxDelayMs = opts.maxDelayMs ?? 1000;
    this.pollIntervalMs = opts.pollIntervalMs ?? 2000;
    this.currentMode = opts.mode ?? 'native';
    if (this.currentMode === 'poll') this.startPolling();
  }

  get mode(): 'native' | 'poll' {
    return this.currentMode;
  }

  get watchedFolders(): number {
    return this.watchers.size;
  }

  /** Starts watching one folder ('' is the memory folder itself). */
  watchFolder(folder: string): void {
    if (this.closed || this.currentMode === 'poll' || this.watchers.has(folder)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(join(this.root, folder), { persistent: false }, (_event, filename) => this.onEvent(folder, filename));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC' || code === 'EMFILE' || code === 'ENFILE') this.startPolling();
      else this.queue((b) => b.folders.add(folder)); // vanished meanwhile: let the store look
      return;
    }
    watcher.on('error', () => {
      // The folder went away, or the watch broke: let the store look (it watches again if still there).
      this.dropWatcher(folder);
      this.queue((b) => b.folders.add(folder));
    });
    this.watchers.set(folder, watcher);
  }

  /** Stops watching a folder and every folder below it. */
  unwatchFolder(folder: string): void {
    for (const name of [...this.watchers.keys()]) {
      if (name === folder || (folder !== '' && name.startsWith(folder + '/'))) this.dropWatcher(name);
    }
  }

  close(): void {
    this.closed = true;
    for (const name of [...this.watchers.keys()]) this.dropWatcher(name);
    if (this.timer) clearTimeout(this.timer);
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.timer = this.pollTimer = null;
  }

  private dropWatcher(folder: string): void {
    this.watchers.get(folder)?.close();
    this.watchers.delete(folder);
  }

  private onEvent(folder: string, filename: string | Buffer | null): void {
    if (filename === null) {
      this.queue((b) => b.folders.add(folder));
      return;
    }
    const base = filename.toString();
    if (base.startsWith('.') || (folder === '' && base === INDEX_FILE_NAME)) return; // temp files, pins, the index
    this.queue((b) => b.names.add(join2(folder, base)));
  }

  private startPolling(): void {
    if (this.closed || this.pollTimer) return;
    this.currentMode = 'poll';
    for (const name of [...this.watchers.keys()]) this.dropWatcher(name);
    this.pollTimer = setInterval(() => this.queue((b) => (b.everything = true)), this.pollIntervalMs);
    this.pollTimer.unref();
    this.queue((b) => (b.everything = true)); // catch what happened before the switch
  }

  private queue(add: (batch: WatchBatch) => void): void {
    if (this.closed) return;
    add(this.pending);
    const now = Date.now();
    if (this.timer === null) this.burstStart = now;
    else clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.debounceMs, this.burstStart + this.maxDelayMs - now));
    this.timer = setTimeout(() => this.flush(), wait);
    this.timer.unref();
  }

  private flush(): void {
    this.timer = null;
    const batch = this.pending;
    this.pending = { names: new Set(), folders: new Set(), everything: false };
    if (!this.closed) this.onBatch(batch);
  }
}
