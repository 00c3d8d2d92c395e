/**
 * Keeps the catalog, the index file's lines, the search index and the folder watches in step with the
 * disk. Every method looks at the disk for the names it is given and returns the changes it recorded;
 * the store (memory-store.ts) serializes the calls, writes the index file and emits the events.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { loadFile } from './file-record.js';
import type { FolderWatcher } from './folder-watcher.js';
import type { IndexFile } from './index-file.js';
import { MemoryCatalog, type MemoryEntry } from './memory-catalog.js';
import { SearchIndex } from './search-index.js';
import { scanTree, statEntry } from './tree-scan.js';

export type ChangeKind = 'added' | 'changed' | 'removed';
export type ChangeOrigin = 'pyra' | 'external';

export interface MemoryChange {
  kind: ChangeKind;
  /** Memory name of the file or folder. */
  name: string;
  type: 'file' | 'folder';
  /** 'pyra' for operations through the store, 'external' for changes its watcher noticed. */
  origin: ChangeOrigin;
}

/** Files read between two yields to the event loop during a full build. */
const BUILD_CHUNK = 200;

const isBelow = (name: string, folder: string) => folder === '' || name.startsWith(folder + '/');

export class MemoryTracker {
  catalog = new MemoryCatalog();
  search: SearchIndex | null;
  watcher: FolderWatcher | null = null;

  constructor(
    readonly root: string,
    readonly indexFile: IndexFile,
    searchEnabled: boolean,
  ) {
    this.search = searchEnabled ? new SearchIndex() : null;
  }

  /**
   * Reads the whole folder again (start-up, reindex) into a new catalog and search index, swapped in at
   * the end so readers never see a half-built state. Yields to the event loop between chunks so a
   * dashboard keeps drawing. Returns the previous entries, for a diff.
   */
  async rebuild(onProgress?: (done: number, total: number) => void): Promise<Map<string, MemoryEntry>> {
    const previous = new Map([...this.catalog.allFiles()].map((e) => [e.name, e]));
    const catalog = new MemoryCatalog();
    const builder = this.search ? SearchIndex.builder() : null;
    const scan = scanTree(this.root, '', { removeStaleTemps: true });
    this.watcher?.watchFolder('');
    for (const folder of scan.folders) {
      catalog.setFolder(folder.name, folder.mtimeMs);
      this.watcher?.watchFolder(folder.name);
    }
    for (const gone of this.catalog.folderNames()) if (!catalog.hasFolder(gone)) this.watcher?.unwatchFolder(gone);
    const total = scan.files.length;
    for (let i = 0; i < total; i++) {
      const loaded = loadFile(this.root, scan.files[i]!.name, builder !== null);
      if (loaded) {
        catalog.setFile(loaded.entry);
        builder?.add(loaded.entry.name, loaded.entry.title, loaded.text ?? '');
      }
      if ((i + 1) % BUILD_CHUNK === 0) {
        onProgress?.(i + 1, total);
        await nextTurn();
      }
    }
    if (builder) this.search = await builder.finish();
    this.catalog = catalog;
    this.indexFile.reset(catalog.allFiles());
    onProgress?.(total, total);
    return previous;
  }

  /** Reads one file into the catalog, the index lines and the search index; null when it is gone. */
  private load(name: string): { added: boolean; foldersAdded: string[] } | null {
    const loaded = loadFile(this.root, name, this.search !== null);
    if (!loaded) return null;
    const result = this.catalog.setFile(loaded.entry);
    this.indexFile.set(loaded.entry);
    this.search?.set(name, loaded.entry.title, loaded.text ?? '');
    return result;
  }

  /** Re-reads a file that was written or noticed. */
  recordFile(name: string, origin: ChangeOrigin): MemoryChange[] {
    const result = this.load(name);
    if (!result) return this.forgetFile(name, origin);
    const changes: MemoryChange[] = result.foldersAdded.map((folder) => {
      this.watcher?.watchFolder(folder);
      return { kind: 'added', name: folder, type: 'folder', origin };
    });
    changes.push({ kind: result.added ? 'added' : 'changed', name, type: 'file', origin });
    return changes;
  }

  forgetFile(name: string, origin: ChangeOrigin): MemoryChange[] {
    if (!this.catalog.deleteFile(name)) return [];
    this.indexFile.delete(name);
    this.search?.remove(name);
    return [{ kind: 'removed', name, type: 'file', origin }];
  }

  forgetFolder(name: string, origin: ChangeOrigin): MemoryChange[] {
    const gone = this.catalog.deleteFolder(name);
    this.watcher?.unwatchFolder(name);
    const changes: MemoryChange[] = [];
    for (const file of gone.files) {
      this.indexFile.delete(file);
      this.search?.remove(file);
      changes.push({ kind: 'removed', name: file, type: 'file', origin });
    }
    for (const folder of gone.folders) changes.push({ kind: 'removed', name: folder, type: 'folder', origin });
    return changes;
  }

  /** Records a folder that appeared (and its missing parents), watches it and reads what is inside. */
  addFolder(name: string, origin: ChangeOrigin): MemoryChange[] {
    const changes: MemoryChange[] = [];
    const parts = name.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const folder = parts.slice(0, i).join('/');
      if (this.catalog.hasFolder(folder)) continue;
      const found = statEntry(this.root, folder);
      this.catalog.setFolder(folder, found?.type === 'folder' ? found.folder.mtimeMs : Date.now());
      this.watcher?.watchFolder(folder);
      changes.push({ kind: 'added', name: folder, type: 'folder', origin });
    }
    return [...changes, ...this.reconcile(name, origin)];
  }

  /** Looks at one name the watcher reported: a file or folder that appeared, changed or vanished. */
  refresh(name: string, origin: ChangeOrigin): MemoryChange[] {
    const found = statEntry(this.root, name);
    if (found === null) {
      if (this.catalog.getFile(name)) return this.forgetFile(name, origin);
      return this.catalog.hasFolder(name) ? this.forgetFolder(name, origin) : [];
    }
    if (found.type === 'file') {
      const changes = this.catalog.hasFolder(name) ? this.forgetFolder(name, origin) : [];
      if (this.catalog.isUnchanged(found.file)) return changes;
      return [...changes, ...this.recordFile(name, origin)];
    }
    const changes = this.catalog.getFile(name) ? this.forgetFile(name, origin) : [];
    return this.catalog.hasFolder(name) ? changes : [...changes, ...this.addFolder(name, origin)];
  }

  /** Brings everything below `folder` ('' for all) in line with the disk. */
  reconcile(folder: string, origin: ChangeOrigin): MemoryChange[] {
    if (folder !== '' && statEntry(this.root, folder)?.type !== 'folder') return this.refresh(folder, origin);
    this.watcher?.watchFolder(folder); // again, in case its watch failed
    const scan = scanTree(this.root, folder);
    const changes: MemoryChange[] = [];
    const folders = new Set(scan.folders.map((f) => f.name));
    const files = new Set(scan.files.map((f) => f.name));
    for (const known of this.catalog.folderNames()) {
      if (known !== folder && isBelow(known, folder) && !folders.has(known) && this.catalog.hasFolder(known)) {
        changes.push(...this.forgetFolder(known, origin));
      }
    }
    for (const entry of [...this.catalog.allFiles()]) {
      if (isBelow(entry.name, folder) && !files.has(entry.name)) changes.push(...this.forgetFile(entry.name, origin));
    }
    for (const found of scan.folders) {
      if (!this.catalog.hasFolder(found.name)) {
        this.catalog.setFolder(found.name, found.mtimeMs);
        changes.push({ kind: 'added', name: found.name, type: 'folder', origin });
      }
      this.watcher?.watchFolder(found.name);
    }
    for (const found of scan.files) {
      if (!this.catalog.isUnchanged(found)) changes.push(...this.recordFile(found.name, origin));
    }
    return changes;
  }
}
