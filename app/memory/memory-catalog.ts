/**
 * The in-memory record of what the memory folder holds: one entry per file (stat fields, title, summary,
 * preview kind) and the folders. Kept current incrementally by the store; the index file, the tree the
 * dashboard shows and change detection all read from here instead of the disk.
 */
import type { FileKind } from './file-kind.js';
import type { ScannedFile } from './tree-scan.js';

export interface MemoryEntry {
  name: string;
  size: number;
  mtimeMs: number;
  /** Inode number: an atomic replace changes it even when size and mtime look the same. */
  ino: number;
  title: string;
  summary: string;
  kind: FileKind;
}

export interface MemoryFileNode {
  type: 'file';
  /** Memory name, relative to the memory folder. */
  name: string;
  /** Last component of the name. */
  base: string;
  size: number;
  mtimeMs: number;
  title: string;
  summary: string;
  kind: FileKind;
}

export interface MemoryFolderNode {
  type: 'folder';
  /** '' for the memory folder itself. */
  name: string;
  base: string;
  /** The newest modification time of anything inside (the folder's own for an empty one). */
  mtimeMs: number;
  /** Total bytes of the files inside, recursively. */
  size: number;
  /** Files and folders inside, recursively. */
  fileCount: number;
  folderCount: number;
  /** Folders first, then files, each in natural, case-insensitive order. */
  children: MemoryNode[];
}

export type MemoryNode = MemoryFileNode | MemoryFolderNode;

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
export const compareNames = (a: string, b: string) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

const parentOf = (name: string) => {
  const slash = name.lastIndexOf('/');
  return slash < 0 ? '' : name.slice(0, slash);
};
const baseOf = (name: string) => name.slice(name.lastIndexOf('/') + 1);

export class MemoryCatalog {
  private readonly files = new Map<string, MemoryEntry>();
  private readonly folders = new Map<string, number>();
  private tree: MemoryFolderNode | null = null;

  get fileCount(): number {
    return this.files.size;
  }

  getFile(name: string): MemoryEntry | undefined {
    return this.files.get(name);
  }

  hasFolder(name: string): boolean {
    return this.folders.has(name);
  }

  /** Every file entry, in no particular order. */
  allFiles(): IterableIterator<MemoryEntry> {
    return this.files.values();
  }

  folderNames(): string[] {
    return [...this.folders.keys()];
  }

  /** True when the file on disk still looks like the recorded one (size, mtime, inode). */
  isUnchanged(scanned: ScannedFile): boolean {
    const known = this.files.get(scanned.name);
    return known !== undefined && known.size === scanned.size && known.mtimeMs === scanned.mtimeMs && known.ino === scanned.ino;
  }

  /** Records a file; returns whether it is new. Missing parent folders are recorded too. */
  setFile(entry: MemoryEntry): { added: boolean; foldersAdded: string[] } {
    const added = !this.files.has(entry.name);
    this.files.set(entry.name, entry);
    const foldersAdded: string[] = [];
    for (let folder = parentOf(entry.name); folder !== '' && !this.folders.has(folder); folder = parentOf(folder)) {
      this.folders.set(folder, entry.mtimeMs);
      foldersAdded.unshift(folder);
    }
    this.tree = null;
    return { added, foldersAdded };
  }

  deleteFile(name: string): boolean {
    const had = this.files.delete(name);
    if (had) this.tree = null;
    return had;
  }

  /** Records a folder; returns whether it is new. */
  setFolder(name: string, mtimeMs: number): boolean {
    const added = !this.folders.has(name);
    this.folders.set(name, mtimeMs);
    this.tree = null;
    return added;
  }

  /** Forgets a folder and everything recorded below it; returns what was forgotten. */
  deleteFolder(name: string): { files: string[]; folders: string[] } {
    const prefix = name + '/';
    const files = [...this.files.keys()].filter((f) => f.startsWith(prefix));
    const folders = [...this.folders.keys()].filter((f) => f === name || f.startsWith(prefix));
    for (const f of files) this.files.delete(f);
    for (const f of folders) this.folders.delete(f);
    if (files.length + folders.length > 0) this.tree = null;
    return { files, folders };
  }

  /** The whole tree, built from the records (no disk access) and cached until the next change. */
  list(): MemoryFolderNode {
    if (this.tree) return this.tree;
    const root: MemoryFolderNode = { type: 'folder', name: '', base: '', mtimeMs: 0, size: 0, fileCount: 0, folderCount: 0, children: [] };
    const nodes = new Map<string, MemoryFolderNode>([['', root]]);
    const folderNode = (name: string): MemoryFolderNode => {
      let node = nodes.get(name);
      if (!node) {
        node = { type: 'folder', name, base: baseOf(name), mtimeMs: this.folders.get(name) ?? 0, size: 0, fileCount: 0, folderCount: 0, children: [] };
        nodes.set(name, node);
        folderNode(parentOf(name)).children.push(node);
      }
      return node;
    };
    for (const name of this.folders.keys()) folderNode(name);
    for (const entry of this.files.values()) {
      const { name, size, mtimeMs, title, summary, kind } = entry;
      folderNode(parentOf(name)).children.push({ type: 'file', name, base: baseOf(name), size, mtimeMs, title, summary, kind });
    }
    totals(root);
    this.tree = root;
    return root;
  }
}

/** Sorts children and fills in the recursive size, counts and newest mtime of each folder. */
function totals(folder: MemoryFolderNode): void {
  folder.children.sort((a, b) => (a.type === b.type ? compareNames(a.base, b.base) : a.type === 'folder' ? -1 : 1));
  for (const child of folder.children) {
    if (child.type === 'folder') {
      totals(child);
      folder.fileCount += child.fileCount;
      folder.folderCount += child.folderCount + 1;
    } else {
      folder.fileCount += 1;
    }
    folder.size += child.size;
    folder.mtimeMs = Math.max(folder.mtimeMs, child.mtimeMs);
  }
}
